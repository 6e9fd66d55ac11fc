"""The display sanitiser: nothing that steers a terminal gets through."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.sanitize import clean_for_display, clean_line


def _controls(text: str, allowed: str = "") -> list[str]:
    return [c for c in text if unicodedata.category(c) == "Cc" and c not in allowed]


@given(st.text())
def test_no_control_character_survives(text):
    out = clean_for_display(text)
    assert _controls(out, allowed="\n\t") == []
    assert len(out) == len(text)  # offsets stay valid
    assert _controls(clean_line(text)) == []
    assert "\n" not in clean_line(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)))
def test_bidi_overrides_and_line_separators_are_replaced(text):
    out = clean_for_display(text)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def test_escape_sequences_become_visible():
    hostile = "a\x1b[2Jb\x1b]52;c;aGk=\x07c\x9bd\x7f"
    assert clean_for_display(hostile) == "a␛[2Jb␛]52;c;aGk=␇c�d␡"


def test_plain_text_and_markup_are_left_alone():
    text = "[bold]x[/] and [link=http://e]y[/link] — “quoted”, 10–12 Feb"
    assert clean_for_display(text) == text


def test_windows_line_endings_do_not_show_as_symbols():
    assert clean_for_display("one\r\ntwo") == "one \ntwo"
