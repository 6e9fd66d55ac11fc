"""The explorer's parsed style sheets are kept between runs: a second start reads them back and looks the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from tui_sample import small_timeline

from tui.app import TimelineApp
from tui.kept_styles import KeptStylesheet


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where each style sheet Textual itself parses was read from, in order."""
    seen: list[str] = []
    parse = Stylesheet._parse_rules

    def counting(self, css, read_from, *args, **kwargs):
        seen.append(str(read_from))
        return parse(self, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    return seen


async def _screenshot(size: tuple[int, int] = (120, 40), **kwargs) -> str:
    app = TimelineApp(small_timeline(), **kwargs)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await pilot.pause()
        return app.export_screenshot()


def _kept_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "styles").glob("*.pickle"))


async def test_second_start_parses_no_style_sheet_and_looks_the_same(tui_env, parses):
    first = await _screenshot()
    assert any("app.tcss" in p for p in parses) and len(_kept_files(tui_env)) == 1
    parses.clear()
    second = await _screenshot()
    assert parses == []
    assert second == first


async def test_other_colours_are_parsed_for_themselves(tui_env, parses):
    await _screenshot()
    parses.clear()
    light = await _screenshot(theme="timeline-light")
    assert any("app.tcss" in p for p in parses)  # the dark theme's parses are not the light one's
    assert len(_kept_files(tui_env)) == 2
    parses.clear()
    assert await _screenshot(theme="timeline-light") == light
    assert parses == []


async def test_a_damaged_kept_file_is_parsed_again_and_replaced(tui_env, parses):
    first = await _screenshot()
    (kept,) = _kept_files(tui_env)
    kept.write_bytes(kept.read_bytes()[:100])
    parses.clear()
    assert await _screenshot() == first
    assert any("app.tcss" in p for p in parses)
    parses.clear()
    assert await _screenshot() == first
    assert parses == []


async def test_an_edited_style_sheet_is_parsed_again(tui_env, parses):
    await _screenshot()
    sheet = KeptStylesheet(variables={"panel": "#000000"}, folder=tui_env / "cache" / "styles")
    sheet.add_source("Screen { color: red; }", read_from=("a.tcss", ""))
    sheet.parse()
    sheet.save()
    edited = KeptStylesheet(variables={"panel": "#000000"}, folder=tui_env / "cache" / "styles")
    edited.add_source("Screen { color: blue; }", read_from=("a.tcss", ""))
    parses.clear()
    edited.parse()
    assert parses == ["('a.tcss', '')"]
    assert [str(r.styles.color) for r in edited.rules] != [str(r.styles.color) for r in sheet.rules]


class _RunsCode:
    """What a hostile kept file would hold: unpickled by plain ``pickle``, it would run ``exec``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


class _ReachesGlobals:
    """``getattr`` on a style sheet's own function, the way out to its module's globals."""

    def __reduce__(self):
        from textual.css import model

        return getattr, (model._check_class, "__globals__")


@pytest.mark.parametrize("payload", ["exec", "getattr"])
async def test_a_kept_file_that_would_run_code_is_refused_and_parsed_again(tui_env, parses, payload):
    import pickle

    first = await _screenshot()
    (kept,) = _kept_files(tui_env)
    writer, variables, kept_parses = pickle.loads(kept.read_bytes())  # the test's own file, written just now
    marker = tui_env / "ran"
    hostile = _RunsCode(marker) if payload == "exec" else _ReachesGlobals()
    bad = {key: pickle.dumps([hostile]) for key in kept_parses}
    kept.write_bytes(pickle.dumps((writer, variables, bad)))  # every parse, and the file's own header
    parses.clear()
    assert await _screenshot() == first
    assert not marker.exists()
    assert any("app.tcss" in p for p in parses)  # refused, so parsed again
    kept.write_bytes(pickle.dumps(_RunsCode(marker)))
    assert await _screenshot() == first
    assert not marker.exists()
