"""Pilot tests: the explorer driven by keys, as a user would."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace

import pytest
from tui_sample import small_timeline

from timeline.model import Actor, Deferred, Document, Event, Source, Timeline
from timeline.paths import settings_file, user_themes_dir
from timeline.toml_io import TimelineFileError, read_timeline
from tui.app import TimelineApp
from tui.keys import APP_KEYS, HELP_SECTIONS, LIST_KEYS, MAIN_KEYS
from tui.screens import ArticleScreen, ConfirmScreen, HelpScreen
from tui.widgets import EventList


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def current_id(app) -> str | None:
    i = app.query_one(EventList).current_event
    return None if i is None else app.timeline.events[i].id


def in_view_ids(app) -> list[str]:
    return [app.timeline.events[i].id for i in app.in_view]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


async def test_opens_with_every_event_and_shows_the_first():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert in_view_ids(app) == ["e1", "e2", "e3", "e5", "e4", "e6", "e7"]
        assert current_id(app) == "e1"
        text = screen_text(app)
        assert "7 of 7 events" in text and "Sat 10 Feb 2024" in text and "≈ 10–12 Feb 2024" in text
        await pilot.press("G")
        assert current_id(app) == "e7"  # undated events are last, not hidden
        await pilot.press("g", "j", "down")
        assert current_id(app) == "e3"
        await pilot.press("k")
        assert current_id(app) == "e2"


async def test_filter_by_actor_from_the_panel_updates_list_counts_and_status():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        await type_text(pilot, "stolt")
        await pilot.press("enter", "space")
        await pilot.pause()
        assert in_view_ids(app) == ["e4", "e6"]
        panel = app.query_one("#actors")
        assert panel.counts["nato"] == 1 and panel.counts["trump"] == 0
        assert "2 of 7 events" in screen_text(app)
        # a second actor: any of, then all of
        app.query_one("#actor-filter").value = "trump"
        app.query_one("#actor-filter").focus()
        await pilot.press("enter", "space")
        await pilot.pause()
        assert in_view_ids(app) == ["e3", "e4", "e6"]
        app.query_one(EventList).focus()
        await pilot.press("m")
        assert in_view_ids(app) == []
        assert "No event in view" in screen_text(app)
        await pilot.press("c")
        assert len(app.in_view) == 7


async def test_actor_from_the_command_line_matches_surname_any_case():
    app = TimelineApp(small_timeline(), actors=["stoltenberg", "Trump"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert in_view_ids(app) == ["e3", "e4", "e6"]
    app = TimelineApp(small_timeline(), actors=["stoltenberg", "nato"], match_all=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert in_view_ids(app) == ["e4"]


async def test_search_titles_quotes_and_passages_with_next_and_previous():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "undermines")  # only in a passage of e4
        await pilot.press("enter")
        assert current_id(app) == "e4"
        await pilot.press("slash", "ctrl+a")
        app.screen.query_one("#prompt-input").value = "remarks"  # passages of e5 and e7
        await pilot.press("enter")
        assert current_id(app) == "e7"  # the next hit from the cursor (e4)
        await pilot.press("n")
        assert current_id(app) == "e5"  # wraps
        await pilot.press("n")
        assert current_id(app) == "e7"
        await pilot.press("N")
        assert current_id(app) == "e5"
        assert "2 hits" in screen_text(app)
        await pilot.press("escape")
        assert "hits" not in screen_text(app) and not app.query_one(EventList).hits


@pytest.mark.parametrize(("query", "expected"), [("2024-02-11", "e4"), ("feb 2024", "e3"), ("april 2023", "e2")])
async def test_jump_to_date(query, expected):
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon")
        await type_text(pilot, query)
        await pilot.press("enter")
        assert current_id(app) == expected
    if not query[0].isdigit():
        assert "dateparser" in sys.modules  # loaded when first needed


async def test_open_a_source_walk_its_sources_and_come_back_to_the_same_place():
    tl = small_timeline()
    app = TimelineApp(tl)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon")
        await type_text(pilot, "2024-02-11")
        await pilot.press("enter")
        lst = app.query_one(EventList)
        before = (lst.cursor, lst.scroll_offset.y)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        text = screen_text(app)
        assert "1/2" in text and "Allies agree a spending pledge" in text and "undermines security" in text
        view = app.screen.query_one("#article")
        a, b = view.passage
        assert view._text[a:b] == tl.events[3].sources[0].text
        await pilot.press("right_square_bracket")
        assert "2/2" in screen_text(app) and "Leaders react" in screen_text(app)
        await pilot.press("left_square_bracket")
        assert "1/2" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleScreen)
        assert (lst.cursor, lst.scroll_offset.y) == before
        assert app.focused is lst


async def test_article_text_missing_shows_the_stored_passage():
    tl = small_timeline()
    docs = tuple(Document(id=d.id, path=d.path, text="", title=d.title) for d in tl.documents)
    app = TimelineApp(Timeline(documents=docs, actors=tl.actors, events=tl.events))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the start-up notices come after the first frame
        assert any("2 of 2 article texts are not available" in n.message for n in app._notifications)
        await pilot.press("enter")
        text = screen_text(app)
        assert "not available" in text and "NATO allies first agreed the pledge in 2006" in text


async def test_switch_theme_by_key_is_remembered():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "timeline-dark"
        await pilot.press("t")
        new = app.theme
        assert new != "timeline-dark" and new in app.own_themes
        await pilot.pause()
    assert tomllib.loads(settings_file().read_text())["theme"] == new
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == new


async def test_broken_user_themes_are_one_notification_and_good_ones_load():
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "syntax.toml").write_text("name = [")
    (folder / "code.toml").write_text('name = "evil"\nprimary = "red"\ncss = "Screen { display: none; }"\n')
    (folder / "colour.toml").write_text('name = "bad-colour"\nprimary = "[bold]red"\n')
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n[variables]\ntimeline-passage = "#444400"\n')
    app = TimelineApp(small_timeline(), theme="mine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "mine"
        notes = [n.message for n in app._notifications]
        theme_notes = [m for m in notes if "theme" in m.lower()]
        assert len(theme_notes) == 1
        for name in ("syntax.toml", "code.toml", "colour.toml"):
            assert name in theme_notes[0]
        assert "evil" not in app.available_themes


async def test_export_the_view_never_overwrites_without_confirmation(tmp_path):
    app = TimelineApp(small_timeline(), actors=["stoltenberg"])
    out = tmp_path / "view.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#prompt-input").value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert [e.id for e in read_timeline(out).events] == ["e4", "e6"]
        out.write_text("precious")
        await pilot.press("e")
        app.screen.query_one("#prompt-input").value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert out.read_text() == "precious"
        await pilot.press("e")
        app.screen.query_one("#prompt-input").value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [e.id for e in read_timeline(out).events] == ["e4", "e6"]
        assert not list(tmp_path.glob(".view.toml.*"))  # no temp file left behind


async def test_help_lists_every_key_and_the_markers():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("Static").render())
        for _, keys in HELP_SECTIONS:
            for k in keys:
                assert k.tooltip in help_text
        assert "inferred" in help_text and "≈" in help_text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_every_action():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)):
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for k in (*APP_KEYS, *MAIN_KEYS, *LIST_KEYS):
            if k.palette:
                assert k.palette_title in titles
        assert "Theme: timeline-light" in titles


def test_every_binding_has_an_id_and_a_tooltip():
    from tui import screens, widgets

    keys = [k for _, section in HELP_SECTIONS for k in section]
    ids = [k.id for k in keys]
    assert len(ids) == len(set(ids))
    classes = [TimelineApp, screens.PromptScreen, screens.ConfirmScreen, screens.HelpScreen, screens.ArticleScreen,
               widgets.EventList, widgets.ActorPanel, widgets.DetailPane]  # fmt: skip
    for cls in classes:
        for b in cls.BINDINGS:
            assert b.id in ids and b.tooltip, (cls.__name__, b)


async def test_narrow_screen_hides_the_actor_panel_behind_a_key():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#actors")
        assert not panel.display
        await pilot.press("a")
        assert panel.display and app.focused.id == "actor-filter"
        await pilot.press("escape")
        assert isinstance(app.focused, EventList)
        await pilot.press("a")
        assert not panel.display
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(120, 40)):
        assert app.query_one("#actors").display


HOSTILE = (
    "Hostile [bold]x[/] article\n\n"
    "Markup [bold]x[/] and [link=http://e]link[/link] and [@click=app.quit]quit[/] stay text.\n"
    "Escapes\x1b[2J clear\x1b]52;c;aGk=\x07 clip\x1b]0;pwned\x07 title\x07 bell \x9b31m c1 here.\n"
)


async def test_markup_and_escape_sequences_in_an_article_are_shown_literally_and_neutralised():
    sentence = "Markup [bold]x[/] and [link=http://e]link[/link] and [@click=app.quit]quit[/] stay text."
    start = HOSTILE.index(sentence)
    tl = Timeline(
        documents=(Document(id="h", path="h.txt", text=HOSTILE, title="[bold]x[/] \x1b]0;pwned\x07"),),
        actors=(Actor("m", "[@click=app.quit]Mallory\x1b[2J"),),
        events=(
            Event("h1", "[@click=app.quit]click me[/] \x1b]52;c;aGk=\x07", "2024-02-10", actors=("m",),
                  sources=(Source("h", start, start + len(sentence), sentence),)),
        ),
    )  # fmt: skip
    app = TimelineApp(tl)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]click me[/] ␛]52;c;aGk=␇" in text
        assert "[@click=app.quit]Mallory␛[2J" in text
        await pilot.click(EventList, offset=(30, 1))
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/] and [link=http://e]link[/link] and [@click=app.quit]quit[/]" in text
        assert "␛[2J clear␛]52;c;aGk=␇ clip␛]0;pwned␇ title␇ bell �31m c1" in text
        assert "[bold]x[/] ␛]0;pwned␇" in text  # the article's title, in the header
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        await pilot.click("#article", offset=(20, 3))  # clicking "links" does nothing
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
    assert app.clipboard == ""
    assert app.title == "timeline"


async def test_every_bundled_theme_applies_cleanly():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in app.own_themes:
            await pilot.press("t")
            await pilot.pause()
            assert app.is_running
            assert "Sat 10 Feb 2024" in screen_text(app)
        await pilot.press("enter")  # the article view's colours too
        await pilot.pause()
        assert app.is_running


async def test_keys_can_be_moved_in_the_settings_file():
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text('[keymap]\nsearch = "ctrl+f"\n')
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert type(app.screen).__name__ == "PromptScreen"


async def test_unknown_theme_or_actor_is_a_notification_not_a_crash():
    app = TimelineApp(small_timeline(), theme="[bold]nope", actors=["nobody\x1b[2J"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "timeline-dark"
        notes = " ".join(n.message for n in app._notifications)
        assert "unknown theme '[bold]nope'" in notes and "no actor matches 'nobody␛[2J'" in notes
        assert len(app.in_view) == 7


async def test_palette_jumps_to_a_typed_date():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "2024-02-11")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert current_id(app) == "e4"


async def test_palette_runs_a_main_screen_action():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Export")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PromptScreen"


async def test_starting_does_not_write_settings():
    app = TimelineApp(small_timeline(), theme="timeline-16")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "timeline-16"
    assert not settings_file().exists()


async def test_click_on_the_histogram_jumps_there():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#histogram", offset=(78, 0))  # the right end: the first event of the latest bin
        await pilot.pause()
        assert current_id(app) == "e3"
        await pilot.click("#histogram", offset=(1, 0))
        await pilot.pause()
        assert current_id(app) == "e1"


async def test_page_keys_move_a_screen_at_a_time():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("pagedown")
        first_page = current_id(app)
        assert first_page not in ("e1", None)
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert current_id(app) == "e7"  # stops at the last event
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert current_id(app) == "e1"


async def test_theme_switch_and_help_work_from_the_article_view():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.theme != "timeline-dark"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape", "j")
        assert current_id(app) == "e2"


def test_passage_in_the_detail_highlights_the_sentence_and_marks_the_time():
    from rich.style import Style

    from tui.widgets import PassageStyles, passage_text

    tl = small_timeline()
    styles = PassageStyles(passage=Style(bgcolor="yellow"), time=Style(underline=True), context=Style(dim=True),
                           label=Style(bold=True))  # fmt: skip
    source = tl.events[3].sources[0]
    text = passage_text(tl.document("a"), source, styles)
    spans = {(text.plain[s.start : s.end], s.style) for s in text.spans}
    assert (source.text, styles.passage) in spans
    assert ("on Sunday", styles.time) in spans
    assert text.plain.startswith("…") and "\n" not in text.plain
    # without the article text: the stored sentence alone, still marked
    bare = passage_text(None, source, styles)
    assert bare.plain == source.text
    assert ("on Sunday", styles.time) in {(bare.plain[s.start : s.end], s.style) for s in bare.spans}


async def test_search_hits_are_marked_in_the_detail():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "UNDERMINES")
        await pilot.press("enter")
        await pilot.pause()
        detail = app.query_one("#detail")
        text = detail._text
        match = detail.get_component_rich_style("detail--match", partial=True)
        marked = [text.plain[s.start : s.end] for s in text.spans if s.style == match]
        assert marked and all(m.lower() == "undermines" for m in marked)


async def test_the_key_bar_follows_focus_and_a_click_presses_the_key():
    from tui.widgets import KeyBar

    app = TimelineApp(small_timeline())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert "? Help" in bar and "/ Search" in bar and "^p Commands" in bar
        await pilot.click(KeyBar, offset=(bar.index("? Help") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        bar = screen_text(app).splitlines()[-1]
        assert "Search" not in bar and "Help" in bar  # the article view's own keys


async def test_actor_list_moves_with_keys_and_toggles_with_a_click():
    from tui.widgets import ActorList

    app = TimelineApp(small_timeline())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f", "enter")  # the list, first actor highlighted
        lst = app.query_one(ActorList)
        panel = app.query_one("#actors")
        assert lst.has_focus and lst.highlighted == 0
        await pilot.press("down", "j", "k", "end", "home", "down")
        assert lst.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        assert panel.selected == {panel.shown[1]}
        await pilot.click(ActorList, offset=(5, 0))  # a click toggles the row clicked
        await pilot.pause()
        assert panel.selected == {panel.shown[0], panel.shown[1]}
        assert lst.highlighted == 0
        await pilot.click(ActorList, offset=(5, 1))
        await pilot.pause()
        assert panel.selected == {panel.shown[0]}
        assert len(app.in_view) == panel.counts[panel.shown[0]]


async def test_the_list_scroll_bar_comes_and_goes_with_the_filter():
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lst = app.query_one(EventList)
        assert lst.show_vertical_scrollbar and lst.scrollable_content_region.width == 79
        app.chosen = {"stoltenberg"}
        app.refilter()
        await pilot.pause()
        assert not lst.show_vertical_scrollbar and lst.scrollable_content_region.width == 80
        assert "Stoltenberg speaks to reporters  Jens Stoltenberg" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert lst.show_vertical_scrollbar and lst.scrollable_content_region.width == 79


class _DamagedParts(Deferred):
    """A cache entry that matched its checksum yet cannot be built into quotes and sources."""

    def build(self, name: str) -> tuple:
        raise TimelineFileError("cache.json: events[2]: quotes or sources damaged")

    def documents(self) -> list[str]:
        return ["a"]


async def test_unreadable_quotes_and_sources_are_one_notification_not_a_crash(tmp_path):
    tl = small_timeline()
    damaged = replace(tl.events[2], quotes=_DamagedParts(), sources=_DamagedParts())  # e3, on screen at once
    app = TimelineApp(replace(tl, events=(*tl.events[:2], damaged, *tl.events[3:])))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")  # onto e3: its detail
        await pilot.pause()
        assert current_id(app) == "e3"
        text = screen_text(app)
        assert "Trump says he would not defend" in text and "could not be read" in text
        await pilot.press("enter")  # no article to open, and no traceback
        await pilot.press("slash")
        await type_text(pilot, "pledge")
        await pilot.press("enter")
        await pilot.pause()
        assert app.search_hits  # the other events are still searched
        app.export_to(str(tmp_path / "view.toml"))
        await pilot.pause()
        assert not (tmp_path / "view.toml").exists()
        notes = [n.message for n in app._notifications]
        assert len([m for m in notes if "quotes and sources could not be read" in m]) == 1
        assert any("nothing written" in m for m in notes)
        assert app.is_running


async def test_the_garbage_collector_pauses_only_until_the_first_frame():
    import gc

    seen: list[bool] = []

    class Watched(TimelineApp):
        def on_ready(self) -> None:
            seen.append(gc.isenabled())

    app = Watched(small_timeline())
    assert gc.isenabled()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()  # collecting again once the first frame is up
        await pilot.press("j")
        assert current_id(app) == "e2"
    assert seen == [False] and gc.isenabled()


async def test_an_app_stopped_before_its_first_frame_leaves_the_collector_on():
    import gc

    class Quits(TimelineApp):
        def on_mount(self) -> None:
            self.exit()

    async with Quits(small_timeline()).run_test(size=(80, 24)):
        pass
    assert gc.isenabled()


async def test_a_theme_chosen_in_the_article_view_colours_the_main_screen_on_the_way_back():
    """The main screen skips only its first restyle (just styled as mounted); coming back, it takes the new theme."""
    app = TimelineApp(small_timeline())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        main = app.screen
        before = main.styles.background
        await pilot.press("enter", "t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert main.styles.background == app.current_theme.to_color_system().background != before


class FirstFrame(TimelineApp):
    """The explorer that keeps the text of the very first frame it draws.

    A headless app hands each frame to ``_display`` (which then writes nothing); the first is
    the whole screen, line by line, exactly what a terminal would be sent.
    """

    first_frame: str | None = None

    def _display(self, screen, renderable) -> None:
        if self.first_frame is None and renderable is not None:
            lines = getattr(renderable, "strips", None)
            assert lines is not None, f"the first frame is not the whole screen: {renderable!r}"
            self.first_frame = "\n".join("".join(strip.text for strip in line) for line in lines)
        super()._display(screen, renderable)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_frame_is_already_complete(size):
    """No frame with an empty histogram, an empty detail pane or a missing hint before the right one."""
    app = FirstFrame(small_timeline())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        first, settled = app.first_frame, screen_text(app)
    assert first is not None
    assert "no dated events" not in first
    histogram_line = first.splitlines()[0]
    assert any(bar in histogram_line for bar in "▁▂▃▄▅▆▇█")  # the bins, drawn
    assert "2006" in first.splitlines()[1] and "2024" in first.splitlines()[1]  # the axis under them
    assert "NATO allies agree the 2% pledge" in first and "1 source" in first  # the detail of the first event
    assert "“in 2006”, stated" in first
    assert "? help" in first
    # and nothing changes on the next frames but the scroll thumbs: Textual makes a view's scroll bar
    # at its first layout, with the gutter kept free for it, and draws it from the next frame on
    thumbs = set("▁▂▃▄▅▆▇█▔")
    assert len(first) == len(settled)
    assert all(a == b or (a == " " and b in thumbs) for a, b in zip(first, settled, strict=True))


async def test_the_article_scroll_bar_follows_the_article_shown():
    long = "The talks went on. " * 400
    short = "Leaders met on Tuesday."
    docs = (Document("long", "long.txt", long, "Long"), Document("short", "short.txt", short, "Short"))
    sources = (Source("long", 0, 18, long[:18]), Source("short", 0, 23, short))
    tl = Timeline(documents=docs, events=(Event("e", "Talks", "2024-01-02", sources=sources),))
    async with TimelineApp(tl).run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        view = pilot.app.screen.query_one("#article")
        assert view.show_vertical_scrollbar
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert not view.show_vertical_scrollbar
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.show_vertical_scrollbar


class _Frames(TimelineApp):
    """Counts the frames drawn before the app is ready, and whether the first showed the list's scroll bar."""

    frames = 0
    scroll_bar_in_first: bool | None = None

    def _display(self, screen, renderable) -> None:
        if renderable is not None and not self._dom_ready_seen:
            self.frames += 1
            if self.scroll_bar_in_first is None:
                self.scroll_bar_in_first = self.query_one(EventList).vertical_scrollbar.display
        super()._display(screen, renderable)

    _dom_ready_seen = False

    def on_ready(self) -> None:
        self._dom_ready_seen = True


async def test_the_first_frame_is_drawn_once_with_its_scroll_bars():
    many = replace(
        small_timeline(), events=tuple(replace(e, id=f"{e.id}-{k}") for k in range(12) for e in small_timeline().events)
    )
    app = _Frames(many)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.frames == 1
        assert app.scroll_bar_in_first
