"""The explorer: scroll the timeline, filter it by actor, jump to the sources.

Start-up stays lean: this module imports the model, Textual and the app's own modules,
never spaCy, and dateparser only when a date typed at ``:`` is not ISO.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import time
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar, Self

from rich.text import Text
from textual._time import get_time
from textual.app import App, ComposeResult, SystemCommand
from textual.events import ScreenResume
from textual.geometry import Region, Size
from textual.messages import Update
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Input

from timeline.model import Precision, Timeline, cited_documents
from timeline.sources import FREEZE_FROM_EVENTS, froze_a_timeline, saved_facts
from timeline.toml_io import gc_paused
from tui import themes as theme_files
from tui.kept_styles import KeptStylesheet, kept_styles_folder
from tui.keys import APP_KEYS, LIST_KEYS, MAIN_KEYS, bindings
from tui.sanitize import clean_line
from tui.view import (
    START_FACTS,
    EventIndex,
    Match,
    actor_counts,
    build_rows,
    event_parts,
    filtered_timeline,
    haystack,
    histogram,
    histogram_of_days,
    index_events,
    jump_position,
    matching,
    middle_day,
    parse_date_query,
    resolve_actor,
    start_facts,
    start_view,
)
from tui.widgets import ActorPanel, DetailPane, EventList, Histogram, KeyBar, PartsUnreadable, StatusLine

#: Below this width the actor panel starts hidden (``a`` shows it).
NARROW = 100
#: Cursor moves closer together than this (a held key) update the detail pane once, at the end.
FOLLOW_DELAY = 0.06
MAIN_ACTIONS = {k.action for k in MAIN_KEYS} | {"open_source"}


_LOOKS_LIKE_DATE = re.compile(r"\d{4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def date_jump_provider() -> type:
    """The palette's "jump to a typed date" provider, built on first use of the palette.

    Importing ``textual.command`` and defining the class here, not at import, keeps it off
    the start-up path.
    """
    from textual.command import Hit, Hits, Provider

    class DateJumpProvider(Provider):
        """Type a date in the command palette ("feb 2024") to jump there."""

        async def search(self, query: str) -> Hits:
            app = self.app
            q = query.strip()
            if not isinstance(app, TimelineApp) or self.screen is not app.screen_stack[0]:
                return
            if not _LOOKS_LIKE_DATE.search(q):
                return
            parsed = parse_date_query(q)  # dateparser is imported here on first use, not at start-up
            if parsed is None:
                return
            day, precision = parsed
            shown = {Precision.YEAR: "%Y", Precision.MONTH: "%B %Y"}.get(precision, "%a %d %b %Y")
            label = f"Jump to {day.strftime(shown)}"
            yield Hit(1.0, Text(label), partial(app.jump_to_date, q), text=label, help="the first event on or after it")

    return DateJumpProvider


def _keep_out_of_collections(timeline: Timeline) -> None:
    """Move a big timeline out of the cyclic garbage collector's walks for the session.

    The timeline is shown until the program ends and holds no reference cycles (frozen
    dataclasses, tuples and strings: reference counting frees them on its own), yet
    every full collection would walk its quarter of a million objects again, a pause
    each time while scrolling. One collection first, so no garbage is frozen with it;
    a timeline from :func:`timeline.sources.read_saved_timeline` is already frozen.
    """
    if len(timeline.events) >= FREEZE_FROM_EVENTS and not froze_a_timeline() and not gc.get_freeze_count():
        gc.collect()
        gc.freeze()


class MainScreen(Screen):
    """The explorer's one screen of its own (the others are pushed over it).

    Its first resume draws the first frame once, finished:

    - the styles are not applied again: every widget was styled as it was mounted, a moment
      before, with the start theme (``TimelineApp.__init__``), and a widget whose classes or
      focus change is styled again by Textual on its own;
    - the first layout is preceded by one that is not drawn, which sizes the scroll views:
      only then do they know they need scroll bars, which Textual's first frame would lack
      (the next layout adds them and draws every line again);
    - the whole-screen repaint Textual asks for after that layout is skipped, and so are the
      repaints the widgets asked for before it (queued behind the resume, they would arrive
      after the frame that drew them): the layout has just drawn the whole screen, and what
      changes after it is redrawn as it changes.

    Later resumes (back from the article, a dialog, a theme chosen meanwhile) are Textual's.
    """

    #: Drawn as blank lines in its background, without a pass through its styles a line: the widgets
    #: cover it whole, at any size (the list and the detail fill what the other parts leave).
    BLANK = True

    _styled = False
    _sized = False
    _drawn_whole = False  # the first layout has drawn the whole screen; the resume's repaint is not needed
    _drawn_from = float("-inf")  # when the first frame started to be drawn

    def on_screen_resume(self, event: ScreenResume) -> None:
        if not self._styled:
            self._styled = True
            event.refresh_styles = False
            self.call_next(self._resumed)  # after Textual's own handling of this resume

    def _resumed(self) -> None:
        self._drawn_whole = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if not self._sized and not scroll:
            self._sized = True
            self._size_scroll_views(self.outer_size if size is None else size)
            drawn = self.is_current  # the layout draws the screen (a screen underneath is drawn later)
            if drawn:
                self._drawn_from = get_time()
            super()._refresh_layout(size, scroll)
            self._drawn_whole = drawn
            return
        super()._refresh_layout(size, scroll)

    async def _on_update(self, message: Update) -> None:
        if message.time < self._drawn_from:  # a repaint asked for before the first frame, which drew the widget
            message.stop()
            message.prevent_default()
            return
        await super()._on_update(message)

    def _size_scroll_views(self, size: Size) -> None:
        """A layout that is not drawn: every widget learns its size (and the scroll views their scroll bars).

        The map of widgets is put back as it was, so the layout that follows still finds every
        widget new and sends each its first ``Show`` and ``Resize``.
        """
        compositor = self._compositor
        try:
            drawn, widgets = compositor._full_map, compositor.widgets
            compositor.reflow(self, size)
            for widget, geometry in compositor.layers:
                widget._size_updated(geometry.region.size, geometry.virtual_size, geometry.container_size)
            compositor._full_map, compositor.widgets = drawn, widgets
        except (AttributeError, TypeError, ValueError):  # another Textual's internals: its own layouts only
            pass

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._drawn_whole and not (regions or layout or recompose):
            self._drawn_whole = False  # the first resume's repaint of what its layout has just drawn
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class TimelineApp(App[int]):
    """The explorer over one ``Timeline``."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "timeline"
    ENABLE_COMMAND_PALETTE = True
    AUTO_FOCUS = "EventList"
    COMMANDS: ClassVar[set] = App.COMMANDS | {date_jump_provider}
    BINDINGS = bindings(APP_KEYS) + bindings(MAIN_KEYS)

    def __init__(
        self,
        timeline: Timeline,
        *,
        actors: Sequence[str] = (),
        match_all: bool = False,
        theme: str | None = None,
        source_name: str = "",
        theme_folders: list[Path] | None = None,
    ) -> None:
        self._theme_chosen = False  # until then, no colour system is worked out (see get_css_variables)
        super().__init__()
        # Nothing is parsed yet: the style sheet is swapped for one that keeps its parses between runs.
        self.stylesheet = KeptStylesheet(variables=self.get_css_variables(), folder=kept_styles_folder())
        self.timeline = timeline
        events = timeline.events
        _keep_out_of_collections(timeline)
        # A saved timeline's first frame is drawn from facts kept beside its cached parse; the
        # whole index is worked out once that frame is drawn (or when first needed, if sooner).
        with gc_paused():  # ten thousand sort keys and headings, none of them garbage
            facts = saved_facts(timeline, START_FACTS, start_facts)
            self._start = start_view(facts, timeline) if facts is not None else None
            self._index: EventIndex | None = index_events(events) if self._start is None else None
        self.order = self._start.order if self._start is not None else self.index.order
        self.match_mode = Match.ALL if match_all else Match.ANY
        self.in_view: list[int] = list(self.order)
        self.search_query = ""
        self.search_hits: list[int] = []  # positions in ``in_view``
        self._haystacks: dict[int, str] = {}
        self._panel_choice: bool | None = None  # None: follow the terminal width
        self._problems: list[str] = []
        self._unreadable_said = False
        self._remember_theme = False
        self._last_follow = 0.0
        self._follow_timer: Timer | None = None
        self._followed: tuple[int | None, list[int]] | None = None  # (event, in_view) the detail and histogram show
        self._paused_gc = False
        self.sub_title = clean_line(source_name)

        self.chosen: set[str] = set()
        for name in actors:
            found = resolve_actor(timeline, name)
            if found:
                self.chosen.update(found)
            else:
                self._problems.append(f"no actor matches {clean_line(name)!r}")

        loaded = theme_files.load_themes(theme_folders)
        self.own_themes = [t.name for t in loaded.themes]
        for t in loaded.themes:
            self.register_theme(t)
        self._theme_errors = loaded.errors
        settings, settings_error = theme_files.load_settings()
        if settings_error:
            self._problems.append(settings_error)
        keymap = settings.get("keymap")
        if isinstance(keymap, dict):
            try:
                self.set_keymap({str(k): v for k, v in keymap.items() if isinstance(v, str)})
            except Exception as exc:  # Textual's binding errors vary by version; a bad keymap is only reported
                self._problems.append(f"[keymap] in the settings file ignored: {exc}")
        wanted = theme or (settings.get("theme") if isinstance(settings.get("theme"), str) else None)
        self._start_theme = self._pick_theme(wanted)
        self._saved_theme = self._start_theme
        before = self.theme
        self.theme = self._start_theme  # Textual's watcher: the theme's classes and ANSI colours
        # The watcher also queues a re-parse of every style sheet for the new colours, yet nothing
        # has been parsed at this point: the stylesheet takes this theme's variables now, so its
        # first parse is its only one, and the queued refresh is skipped (``refresh_css``).
        self._theme_chosen = True
        self.stylesheet.set_variables(self.get_css_variables())
        self._css_current = self.theme != before

    @property
    def index(self) -> EventIndex:
        """Every event's sort key, heading and middle day (:func:`tui.view.index_events`), made on first use."""
        if self._index is None:
            with gc_paused():
                self._index = index_events(self.timeline.events)
        return self._index

    @property
    def keys(self) -> list[tuple]:
        return self.index.keys

    @property
    def headings(self) -> list:
        return self.index.headings

    @property
    def mids(self) -> list:
        return self.index.mids

    def refresh_css(self, animate: bool = True) -> None:
        if self._css_current:  # the refresh queued by choosing the start theme: nothing to redo
            self._css_current = False
            return
        super().refresh_css(animate)

    def _pick_theme(self, wanted: str | None) -> str:
        names = self.available_themes
        if wanted and wanted in names:
            return wanted
        if wanted:
            self._problems.append(f"unknown theme {clean_line(wanted)!r}; themes: {', '.join(self.own_themes)}")
        return theme_files.DEFAULT_THEME if theme_files.DEFAULT_THEME in names else "textual-dark"

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # No containers: the screen splits off the histogram and status lines at the top, the
        # key bar at the bottom and the actor panel at the left, in this order, and stacks the
        # list over the detail in what is left (app.tcss). Each container would add a style
        # pass and a render of its own to every frame.
        yield Histogram(id="histogram")
        yield StatusLine(id="status")
        yield KeyBar()
        yield ActorPanel(self.timeline, totals=self._start.totals if self._start else None, id="actors")
        yield EventList(self.timeline, id="events")
        yield DetailPane(self.timeline, id="detail")

    def get_default_screen(self) -> Screen:
        return MainScreen(id="_default")

    def get_css_variables(self) -> dict[str, str]:
        """Textual's, but none while ``App.__init__`` makes the style sheet, before the start theme is chosen.

        That first set would be the default theme's colour system, worked out (a millisecond) only to be
        replaced a moment later by the start theme's, before any style sheet is parsed.
        """
        if not self._theme_chosen:
            return {}
        return super().get_css_variables()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(theme_files.APP_VARIABLES)

    def on_load(self) -> None:
        """No cyclic garbage collection until the first frame is drawn (see :meth:`_collect_again`).

        Start-up makes thousands of widgets' styles, strips and messages, none of them
        garbage yet, and the collector would walk them, and every object the imports made,
        several times over before the first frame (a full collection alone is ~20 ms).
        Textual pauses the collector the same way while it scrolls.
        """
        self._paused_gc = gc.isenabled()
        gc.disable()

    def _collect_again(self) -> None:
        if self._paused_gc:
            self._paused_gc = False
            gc.enable()

    def on_unmount(self) -> None:
        self._collect_again()  # an app that stops before its first frame leaves the collector as it was
        self._keep_styles()  # and the style sheets of the screens opened since

    def _keep_styles(self) -> None:
        """Write what was parsed at this start (style sheets, theme and settings files) for the next one."""
        if isinstance(self.stylesheet, KeptStylesheet):  # not after a theme switch (Textual's own reparse)
            self.stylesheet.save()
        theme_files.save_kept_toml()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        panel = self.query_one(ActorPanel)
        panel.set_selected(self.chosen)
        panel.set_mode(self.match_mode)
        self._remember_theme = True
        self._layout_for(self.size.width)
        self.refilter()
        self.query_one(EventList).focus()
        # After the first frame: the notices need widgets of their own (and the missing texts
        # a walk over every source), none of which the first frame shows.
        self.call_after_refresh(self._announce)
        self.call_after_refresh(lambda: self.index)  # the whole index, for re-filtering and jumping
        self.call_after_refresh(self._collect_again)
        self.call_after_refresh(self._keep_styles)  # what was parsed for this frame, for the next start

    def _announce(self) -> None:
        """The start-up notices: theme files not loaded, article texts missing, bad options."""
        if self._theme_errors:
            self.say(
                "Some theme files were not loaded:\n" + "\n".join(self._theme_errors),
                title="Themes",
                severity="warning",
                timeout=12,
            )
        used = cited_documents(self.timeline.events)  # deferred sources stay unbuilt
        missing = [d for d in self.timeline.documents if d.id in used and not d.text]
        if missing:
            self.say(
                f"{len(missing)} of {len(used)} article texts are not available (not embedded, and the files "
                "are missing or changed): the article view shows the stored passages only.",
                severity="warning",
                timeout=8,
            )
        for problem in self._problems:
            self.say(problem, severity="warning", timeout=10)

    def say(
        self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None
    ) -> None:
        """``notify`` for text that may contain anything: never parsed as markup, controls cleaned."""
        self.notify(clean_line(message) if "\n" not in message else "\n".join(map(clean_line, message.split("\n"))),
                    title=clean_line(title), severity=severity, timeout=timeout, markup=False)  # fmt: skip

    def on_resize(self, event) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        show = self._panel_choice if self._panel_choice is not None else width >= NARROW
        self.query_one(ActorPanel).set_class(not show, "-hidden")
        self.update_status()  # the hint names the actor key while the panel is hidden

    # --- the view ---------------------------------------------------------------------

    @property
    def event_list(self) -> EventList:
        return self.query_one(EventList)

    def refilter(self, keep: int | None = None) -> None:
        """Recompute what is in view after the actor filter changed; the cursor stays put."""
        events = self.timeline.events
        lst = self.event_list
        if keep is None:
            keep = lst.current_event
        self.in_view = matching(events, self.order, self.chosen, self.match_mode)
        self._update_hits()
        start = self._start
        everything = start is not None and len(self.in_view) == len(events)  # the saved timeline's rows as kept
        if everything:
            lst.set_rows(start.rows, keep, date_width=start.date_width)
        else:
            lst.set_rows(build_rows(self.headings, self.in_view), keep)
        self._follow(lst.current_event)  # now, not when the list's message arrives: the next frame is whole
        panel = self.query_one(ActorPanel)
        if len(self.in_view) == len(events):
            panel.set_counts(panel.totals)  # nothing filtered out: the totals, without counting again
        else:
            panel.set_counts(actor_counts(events, self.in_view))
        self.update_status()

    def update_status(self) -> None:
        tl = self.timeline
        text = Text()
        text.append(f"{len(self.in_view):,}", style="bold")
        text.append(f" of {len(tl.events):,} events")
        if self.chosen:
            names = [clean_line(a.name) for a in tl.actors if a.id in self.chosen]
            shown = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
            text.append(f" · {self.match_mode.value} of: ", style="dim")
            text.append(shown)
        if self.search_query:
            text.append(" · /", style="dim")
            text.append(clean_line(self.search_query))
            text.append(f" {len(self.search_hits)} hit{'s' if len(self.search_hits) != 1 else ''}", style="dim")
        hint = "? help" if self.query_one(ActorPanel).display else "a: actors  ? help"
        self.query_one(StatusLine).show(text, hint)

    def on_event_list_highlighted(self, message: EventList.Highlighted) -> None:
        """Follow the cursor; while a key is held down, only the last position is drawn."""
        now = time.monotonic()
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        if self._followed is not None and self._followed[0] == message.event and self._followed[1] is self.in_view:
            return  # already shown (a re-filter shows its cursor's event at once)
        if now - self._last_follow < FOLLOW_DELAY:
            self._follow_timer = self.set_timer(FOLLOW_DELAY, partial(self._follow, message.event))
        else:
            self._follow(message.event)
        self._last_follow = now

    def _follow(self, event: int | None) -> None:
        self._follow_timer = None
        self._followed = (event, self.in_view)
        self.query_one(DetailPane).show(event)
        if event is None:
            mid = None
        else:  # the index once made; before, the event's own (the first frame of a saved timeline)
            mid = self._index.mids[event] if self._index is not None else middle_day(self.timeline.events[event])
        self.query_one(Histogram).show(partial(self._histogram, self.in_view), self.in_view, mid)

    def _histogram(self, in_view: list[int], width: int) -> tuple[list[int], dt.date, dt.date] | None:
        """The histogram's bins for the events ``in_view``; for all of a saved timeline's, from the days kept."""
        if self._start is not None and len(in_view) == len(self.timeline.events):
            return histogram_of_days(self._start.days, width)
        return histogram(self.mids, in_view, width)

    def on_histogram_clicked(self, message: Histogram.Clicked) -> None:
        """The first event counted in the clicked bin (bins count events by their middle day)."""
        dated = [(p, self.mids[i]) for p, i in enumerate(self.in_view) if self.mids[i] is not None]
        later = [p for p, mid in dated if mid is not None and mid >= message.day]
        if dated:
            self.event_list.move_to(later[0] if later else dated[-1][0], center=True)

    def on_event_list_open_requested(self, message: EventList.OpenRequested) -> None:
        self.open_event(message.event)

    def on_parts_unreadable(self, message: PartsUnreadable) -> None:
        """One notice for the session, however many events or redraws meet the damage."""
        message.stop()
        self._report_unreadable(message.reason)

    def _report_unreadable(self, reason: str) -> None:
        if not self._unreadable_said:
            self._unreadable_said = True
            self.say(
                f"Some events' quotes and sources could not be read ({reason}): the saved timeline or the "
                "explorer's cache of it is damaged. Those events are shown without them.",
                severity="error",
                timeout=15,
            )

    def on_actor_panel_changed(self, message: ActorPanel.Changed) -> None:
        self.chosen = set(message.selected)
        self.refilter()

    def _theme_changed(self, theme: Theme) -> None:
        self.query_one(DetailPane).show(self.event_list.current_event)  # its passages carry theme colours
        if self._remember_theme and theme.name != self._saved_theme:
            self._saved_theme = theme.name
            try:
                theme_files.save_setting("theme", theme.name)
            except OSError as exc:
                self.say(f"could not save the theme choice: {exc}", severity="warning")

    # --- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in MAIN_ACTIONS and len(self.screen_stack) > 1)

    def action_help(self) -> None:
        from tui.screens import HelpScreen  # screens load on first use, off the start-up path

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_next_theme(self) -> None:
        names = self.own_themes or list(self.available_themes)
        i = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(i + 1) % len(names)]
        self.say(f"theme: {self.theme}", timeout=2)

    def action_toggle_actors(self) -> None:
        panel = self.query_one(ActorPanel)
        self._panel_choice = panel.has_class("-hidden")
        self._layout_for(self.size.width)
        if self._panel_choice:
            panel.query_one(Input).focus()
        else:
            self.event_list.focus()

    def action_focus_actors(self) -> None:
        self._panel_choice = True
        self._layout_for(self.size.width)
        self.query_one(ActorPanel).query_one(Input).focus()

    def action_toggle_match(self) -> None:
        self.match_mode = Match.ALL if self.match_mode is Match.ANY else Match.ANY
        self.query_one(ActorPanel).set_mode(self.match_mode)
        self.refilter()

    def action_clear_filter(self) -> None:
        self.chosen = set()
        self.query_one(ActorPanel).set_selected(set())
        self.refilter()

    def action_toggle_detail(self) -> None:
        self.query_one(DetailPane).toggle_class("-hidden")

    def action_open_source(self) -> None:
        event = self.event_list.current_event
        if event is not None:
            self.open_event(event)

    def open_event(self, index: int, source: int = 0) -> None:
        event = self.timeline.events[index]
        _, sources, damaged = event_parts(event)
        if damaged:
            self._report_unreadable(damaged)
        if not sources:
            self.say("This event has no source passage.", severity="warning")
            return
        from tui.screens import ArticleScreen

        self.push_screen(ArticleScreen(self.timeline, event, source))

    # search

    def action_search(self) -> None:
        from tui.screens import PromptScreen

        self.push_screen(
            PromptScreen(
                "Search titles, quotes and passages", value=self.search_query, hint="n / N: next / previous hit"
            ),
            self.search,
        )

    def _hay(self, i: int) -> str:
        text = self._haystacks.get(i)
        if text is None:
            text = self._haystacks[i] = haystack(self.timeline, self.timeline.events[i])
        return text

    def _update_hits(self) -> None:
        q = self.search_query.casefold()
        self.search_hits = [p for p, i in enumerate(self.in_view) if q in self._hay(i)] if q else []
        self.event_list.hits = frozenset(self.in_view[p] for p in self.search_hits)

    def search(self, query: str | None) -> None:
        if query is None:
            return
        self.search_query = query.strip()
        self._update_hits()
        self.event_list.refresh()
        detail = self.query_one(DetailPane)
        detail.search = self.search_query
        detail.show(self.event_list.current_event)
        self.update_status()
        if not self.search_query:
            return
        if not self.search_hits:
            self.say(f"no match for {self.search_query!r} in view", severity="warning", timeout=3)
            return
        self._go_to_hit(1, include_current=True)

    def _go_to_hit(self, direction: int, include_current: bool = False) -> None:
        if not self.search_hits:
            if self.search_query:
                self.say("no hits in view", timeout=2)
            return
        cur = self.event_list.cursor
        if direction > 0:
            later = [p for p in self.search_hits if p > cur or (include_current and p == cur)]
            target = later[0] if later else self.search_hits[0]
        else:
            earlier = [p for p in self.search_hits if p < cur]
            target = earlier[-1] if earlier else self.search_hits[-1]
        self.event_list.move_to(target, center=True)
        n = self.search_hits.index(target) + 1
        self.say(f"hit {n} of {len(self.search_hits)}", timeout=1.5)

    def action_clear_search(self) -> None:
        if self.search_query:
            self.search("")

    def action_search_next(self) -> None:
        self._go_to_hit(1)

    def action_search_prev(self) -> None:
        self._go_to_hit(-1)

    # jump to a date

    def action_jump_to_date(self) -> None:
        from tui.screens import PromptScreen

        self.push_screen(
            PromptScreen("Jump to date", placeholder="2024-02-11, feb 2024, april 2023"),
            self.jump_to_date,
        )

    def jump_to_date(self, query: str | None) -> None:
        if not query or not query.strip():
            return
        parsed = parse_date_query(query)
        if parsed is None:
            self.say(f"not a date: {query!r}", severity="warning", timeout=3)
            return
        day, precision = parsed
        position = jump_position(self.keys, self.in_view, day, precision)
        if position is None:
            self.say("no dated events in view", severity="warning", timeout=3)
            return
        self.event_list.move_to(position, center=True)

    # export

    def action_export(self) -> None:
        from tui.screens import PromptScreen

        self.push_screen(
            PromptScreen(
                f"Export the {len(self.in_view):,} events in view to TOML",
                value="timeline-view.toml",
                hint="a path; an existing file is only replaced after you confirm",
            ),
            self.export_to,
        )

    def export_to(self, path: str | None, *, overwrite: bool = False) -> None:
        if not path or not path.strip():
            return
        target = Path(os.path.expanduser(path.strip()))
        if target.is_dir():
            self.say(f"{target} is a folder; give a file name", severity="error")
            return
        if target.exists() and not overwrite:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.export_to(path, overwrite=True)
                else:
                    self.say("export cancelled; nothing written", timeout=3)

            from tui.screens import ConfirmScreen

            self.push_screen(ConfirmScreen(f"{target} already exists. Overwrite it?"), answered)
            return
        from timeline.toml_io import write_timeline

        try:
            write_timeline(filtered_timeline(self.timeline, self.in_view), target, overwrite=overwrite)
        except OSError as exc:
            self.say(f"could not write {target}: {exc.strerror or exc}", severity="error")
            return
        except ValueError as exc:  # an event's quotes or sources unreadable (a damaged saved timeline)
            self.say(f"nothing written to {target}: {exc}", severity="error")
            return
        self.say(f"wrote {len(self.in_view):,} events to {target}", timeout=4)

    # the command palette lists every action

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = screen is self.screen_stack[0]
        for key in (*APP_KEYS, *MAIN_KEYS, *LIST_KEYS):
            if not key.palette or (key.action in MAIN_ACTIONS and not main):
                continue
            yield SystemCommand(key.palette_title, key.tooltip, partial(self.run_action, key.action))
        for name in self.own_themes:
            yield SystemCommand(
                f"Theme: {name}", "Switch to this theme (remembered)", partial(setattr, self, "theme", name)
            )


def _prefers_16_colours() -> bool:
    """True in terminals Rich sees as 16-colour (``TERM=xterm``, the Linux console)."""
    if os.environ.get("COLORTERM") in ("truecolor", "24bit"):
        return False
    term = os.environ.get("TERM", "")
    return term in ("xterm", "linux", "screen", "vt100", "ansi") or term.endswith("-16color")


def run_app(
    timeline: Timeline,
    *,
    actors: Sequence[str] = (),
    match_all: bool = False,
    theme: str | None = None,
    source_name: str = "",
) -> int:
    """Run the explorer until the user quits; returns the exit code."""
    if theme is None and _prefers_16_colours():
        settings, _ = theme_files.load_settings()
        if "theme" not in settings:
            theme = "timeline-16"
    app = TimelineApp(timeline, actors=actors, match_all=match_all, theme=theme, source_name=source_name)
    app.run()
    return app.return_code or 0
