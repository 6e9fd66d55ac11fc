"""Opening a saved timeline needs neither spaCy nor dateparser (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tui_sample import small_timeline

from timeline.toml_io import write_timeline

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from timeline.cli import make_parser
    from timeline.commands.explore import load_for_explore
    from tui.app import TimelineApp

    args = make_parser().parse_args(["explore", sys.argv[1]])
    timeline = load_for_explore(args)

    async def main():
        app = TimelineApp(timeline)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("j", "enter")
            await pilot.pause()
            opened = type(app.screen).__name__
            await pilot.press("escape", "colon", "2", "0", "2", "4", "enter")
            await pilot.pause()
        return opened

    opened = asyncio.run(main())
    print(json.dumps({
        "opened": opened,
        "texts": [bool(d.text) for d in timeline.documents],
        "spacy": "spacy" in sys.modules,
        "dateparser": "dateparser" in sys.modules,
    }))
    """
)


def test_explore_toml_loads_without_spacy_or_dateparser(tmp_path):
    tl = small_timeline()
    for d in tl.documents:  # the articles live beside the TOML, not inside it
        (tmp_path / d.path).write_text(d.text, encoding="utf-8")
    write_timeline(tl, tmp_path / "t.toml")
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none", "TIMELINE_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("NO_COLOR", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "t.toml")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=True,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"opened": "ArticleScreen", "texts": [True, True], "spacy": False, "dateparser": False}


def test_the_first_frame_loads_no_screen_or_article_code():
    """The article view, the dialogs and the palette's date provider load when first used, not at start-up."""
    script = textwrap.dedent(
        """
        import asyncio, json, sys
        sys.path.insert(0, sys.argv[1])
        from tui_sample import small_timeline
        from tui.app import TimelineApp

        async def main():
            async with TimelineApp(small_timeline()).run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                before = sorted(m for m in ("tui.screens", "tui.article_view", "dateparser") if m in sys.modules)
                await pilot.press("enter")
                await pilot.pause()
                return before, "tui.article_view" in sys.modules

        print(json.dumps(asyncio.run(main())))
        """
    )
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=True,
    )  # fmt: skip
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [[], True]
