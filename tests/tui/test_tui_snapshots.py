"""Snapshot tests: the look of the explorer at 80×24 and 120×40 (pytest-textual-snapshot)."""

from __future__ import annotations

from tui_sample import small_timeline

from tui.app import TimelineApp


def _app(**kwargs) -> TimelineApp:
    return TimelineApp(small_timeline(), **kwargs)


def test_main_screen_80x24(snap_compare):
    assert snap_compare(_app(), terminal_size=(80, 24))


def test_main_screen_120x40_with_actor_panel(snap_compare):
    assert snap_compare(_app(actors=["stoltenberg"]), terminal_size=(120, 40))


def test_article_view_80x24(snap_compare):
    assert snap_compare(_app(), press=["j", "j", "enter"], terminal_size=(80, 24))


def test_light_theme_120x40(snap_compare):
    assert snap_compare(_app(theme="timeline-light"), press=["j", "j", "j"], terminal_size=(120, 40))
