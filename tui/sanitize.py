"""Untrusted text made safe to put on a terminal.

Article text, titles, actor names and quotes come from the internet. Textual never
parses markup in the ``Text``/``Content`` objects this app builds from plain strings,
but a raw ESC, BEL or C1 byte would still reach the terminal inside a segment: an OSC 52
sequence writes the clipboard, ``ESC ] 0 ;`` retitles the window, ``ESC [ 2 J`` clears the
screen. Every string shown is passed through :func:`clean_for_display` first.

Each control character becomes exactly one visible character (``␛`` for ESC, ``␇`` for
BEL, ``␡`` for DEL, ``�`` for a C1 control or a bidi override), so offsets into a
document's text stay valid after cleaning: the article view highlights passages by
offset on the cleaned text.
"""

from __future__ import annotations

import re

#: C0 controls except TAB and LF, DEL, the C1 block, bidi embedding/override/isolate
#: controls (which can make text read differently from how it is stored), and the
#: Unicode line/paragraph separators (which some terminals treat as newlines).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_LINE_BREAKS = re.compile("[\n\t]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "␡"
    return "�"


def clean_for_display(text: str) -> str:
    """``text`` with every terminal control character replaced by one visible character.

    Newlines and tabs are kept (callers lay out lines themselves); a carriage return
    that ends a line (Windows line endings) becomes a space rather than ``␍``.
    The result has the same length as ``text``.
    """
    if not text:
        return ""
    text = text.replace("\r\n", " \n")
    return _CONTROL.sub(_visible, text)


def clean_line(text: str) -> str:
    """:func:`clean_for_display` for one-line places (rows, titles): newlines and tabs become spaces."""
    return _LINE_BREAKS.sub(" ", clean_for_display(text))
