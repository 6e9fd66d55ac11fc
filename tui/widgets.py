"""The explorer's widgets. Each gets its data from the app; none reads files.

The event list and the article view use Textual's line API (``render_line`` over an
index of rows), so 10,000 events or a megabyte of article cost only the lines on
screen. Every string from the timeline goes through :mod:`tui.sanitize` and reaches the
screen as a ``Segment`` or a ``rich.text.Text`` built from plain strings: nothing from
an article is ever parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from itertools import compress, count, repeat
from operator import is_, itemgetter
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from timeline.model import Certainty, Document, Event, Quote, Source, Timeline, source_count
from tui.keys import DETAIL_KEYS, LIST_KEYS, PANEL_KEYS, bindings
from tui.sanitize import clean_for_display, clean_line
from tui.view import (
    MONTHS,
    Match,
    Row,
    RowKind,
    StartRows,
    actor_counts,
    date_column,
    date_label,
    event_parts,
    sparkline,
)

_WEEKDAY = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ")


def set_virtual_height(view: ScrollView, height: int) -> None:
    """Give a line-API view ``height`` lines, laying the screen out again only when needed.

    Assigning ``virtual_size`` always asks for a layout of the whole screen (it is a
    ``layout=True`` reactive), which is most of the cost of a re-filter or of moving to an
    event whose detail has another length. Only a scroll bar that appears or disappears
    changes the layout; otherwise the scroll bar's range and a repaint are enough.
    """
    size = Size(0, height)
    if size == view.virtual_size:
        return
    if not view.is_mounted or not view.size.area:
        view.virtual_size = size
        return
    shown = view.show_vertical_scrollbar
    view.set_reactive(ScrollView.virtual_size, size)
    view._scroll_update(size)  # Textual's own update of the scroll bars for a new virtual size
    view.refresh(layout=view.show_vertical_scrollbar != shown)


class LineView(ScrollView):
    """A line-API view whose base style is worked out once a render, not once a line.

    ``rich_style`` walks every ancestor's styles each time it is read; a view drawing 40
    lines would walk them 40 times for the same answer.
    """

    _render_style: Style | None = None
    _sized_for: tuple[Size, Size] | None = None  # (size, virtual size) the scroll bars were last updated for

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """Textual's, less the scroll bars' update at every layout when neither this view's size nor its
        lines have changed.

        The layout hands a line-API view a virtual size it does not use (its own follows its lines),
        so Textual's check finds a change each time and updates, and redraws, the scroll bars: at
        each of the layouts before the first frame, and after.
        """
        if (size, self.virtual_size) == self._sized_for and size - self.styles.gutter.totals == self._container_size:
            return self._container_size != container_size  # what Textual answers when only that differs
        self._sized_for = (size, self.virtual_size)
        return super()._size_updated(size, virtual_size, container_size, layout)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._render_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._render_style = None

    @property
    def line_style(self) -> Style:
        """``rich_style``, read once for the lines drawn together."""
        return self._render_style if self._render_style is not None else self.rich_style


class SnappyScroll(LineView):
    """A line-API view whose keyboard scrolling jumps instead of animating.

    Smooth scrolling over a long article costs most of a second per key and makes
    keyboard reading feel sluggish; a terminal reader should move at once.
    """

    def action_scroll_up(self) -> None:
        self.scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)


class PartsUnreadable(Message):
    """An event's quotes and sources could not be built (a damaged saved timeline): shown without them."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def readable_parts(widget: Widget, event: Event) -> tuple[tuple[Quote, ...], tuple[Source, ...]]:
    """:func:`tui.view.event_parts` for a widget: a failure is posted for the app to report."""
    quotes, sources, damaged = event_parts(event)
    if damaged:
        widget.post_message(PartsUnreadable(damaged))
    return quotes, sources


# --- the event list -----------------------------------------------------------------------


class EventList(LineView, can_focus=True):
    """Headings and event rows, drawn a line at a time."""

    BINDINGS = bindings(LIST_KEYS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "event-list--year",
        "event-list--month",
        "event-list--same-date",
        "event-list--date",
        "event-list--actors",
        "event-list--cursor",
        "event-list--match",
    }

    class Highlighted(Message):
        """The cursor moved to another event (or to none)."""

        def __init__(self, event: int | None) -> None:
            super().__init__()
            self.event = event

    class OpenRequested(Message):
        def __init__(self, event: int) -> None:
            super().__init__()
            self.event = event

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline = timeline
        self.rows: Sequence[Row] = []
        self.event_rows: list[int] = []  # row numbers of event rows, in order
        self.cursor = -1  # position in ``event_rows``
        self.hits: frozenset[int] = frozenset()  # event indices matching the search
        self._labels: dict[int, str] = {}
        self._names: dict[str, str] = {a.id: clean_line(a.name) for a in timeline.actors}
        self._date_width = 16

    # data

    def set_rows(self, rows: Sequence[Row], keep_event: int | None = None, *, date_width: int | None = None) -> None:
        """Show new rows; the cursor stays on ``keep_event`` when it is still there.

        ``date_width``: :func:`date_column` of these rows, when known already.
        """
        self.rows = rows
        if isinstance(rows, StartRows):  # a saved timeline's rows, made as they are read: their events' places known
            self.event_rows = rows.event_rows
        else:
            self.event_rows = list(compress(count(), map(is_, map(itemgetter(0), rows), repeat(RowKind.EVENT))))
        self._date_width = date_column(self.timeline, rows) if date_width is None else date_width
        set_virtual_height(self, len(rows))
        position = 0
        if keep_event is not None and isinstance(rows, StartRows):
            position = rows.position_of(keep_event) or 0
        elif keep_event is not None:
            for p, n in enumerate(self.event_rows):
                if rows[n].event == keep_event:
                    position = p
                    break
        self.cursor = position if self.event_rows else -1
        self._scroll_to_cursor(center=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current_event))

    def label(self, event: int) -> str:
        text = self._labels.get(event)
        if text is None:
            text = self._labels[event] = date_label(self.timeline.events[event])
        return text

    @property
    def current_event(self) -> int | None:
        if 0 <= self.cursor < len(self.event_rows):
            return self.rows[self.event_rows[self.cursor]].event
        return None

    @property
    def visible_events(self) -> list[int]:
        if isinstance(self.rows, StartRows):
            return list(self.rows.order)
        return [self.rows[n].event for n in self.event_rows]

    # moving

    def move_to(self, position: int, *, center: bool = False) -> None:
        if not self.event_rows:
            return
        position = max(0, min(len(self.event_rows) - 1, position))
        old = self.cursor
        top = self.scroll_offset.y
        self.cursor = position
        self._scroll_to_cursor(center=center)
        if self.scroll_offset.y == top and 0 <= old < len(self.event_rows):
            for row in (self.event_rows[old], self.event_rows[position]):  # only the two rows that changed
                self.refresh_line(row)
        else:
            self.refresh()
        if old != position:
            self.post_message(self.Highlighted(self.current_event))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        if self.cursor < 0:
            return
        row = self.event_rows[self.cursor]
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        # keep the headings just above the first event of a group in view
        first = row
        while first > 0 and self.rows[first - 1].kind is not RowKind.EVENT and row - first < 2:
            first -= 1
        if center:
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)
        elif first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def _page(self, direction: int) -> None:
        """Move a screen's height of rows, landing on the nearest event row that way."""
        if not self.event_rows:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        target = self.event_rows[self.cursor] + direction * height
        if direction > 0:
            self.move_to(bisect_left(self.event_rows, target))  # first event row at or below
        else:
            self.move_to(max(0, bisect_right(self.event_rows, target) - 1))  # last event row at or above

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_first(self) -> None:
        self.move_to(0)
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_last(self) -> None:
        self.move_to(len(self.event_rows) - 1)

    def action_open_source(self) -> None:
        if self.current_event is not None:
            self.post_message(self.OpenRequested(self.current_event))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        if 0 <= row < len(self.rows) and self.rows[row].kind is RowKind.EVENT:
            self.move_to(bisect_left(self.event_rows, row))
            if event.chain >= 2:
                self.action_open_source()

    # drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row_number = int(self.scroll_offset.y) + y
        base = self.line_style
        if row_number >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[row_number]
        if row.kind is RowKind.EVENT:
            cursor = self.cursor >= 0 and self.event_rows[self.cursor] == row_number
            above = self.rows[row_number - 1] if row_number else None
            repeat = (
                above is not None and above.kind is RowKind.EVENT and self.label(above.event) == self.label(row.event)
            )
            return self._event_strip(row.event, width, cursor, repeat)
        if row.kind is RowKind.MONTH:
            style = base + self.get_component_rich_style("event-list--month", partial=True)
            return Strip([Segment(set_cell_size(f"  {row.text}", width), style)], width)
        style = base + self.get_component_rich_style("event-list--year", partial=True)
        text = f"━━ {row.text} "
        return Strip([Segment(text + "━" * max(0, width - cell_len(text)), style)]).crop(0, width)

    def _event_strip(self, index: int, width: int, cursor: bool, repeat: bool = False) -> Strip:
        """One event row; ``repeat``: same date as the row above, drawn dimmed so days group."""
        event = self.timeline.events[index]
        base = self.line_style
        if cursor:
            # the cursor's own colours for the whole row: theme colours on a cursor background can clash
            base = base + self.get_component_rich_style("event-list--cursor", partial=True)
            date_style, muted = base, base + Style(dim=True)
        else:
            date_style = base + self.get_component_rich_style(
                "event-list--same-date" if repeat else "event-list--date", partial=True
            )
            muted = base + self.get_component_rich_style("event-list--actors", partial=True)
        title_style = (
            base + self.get_component_rich_style("event-list--match", partial=True) if index in self.hits else base
        )
        n = source_count(event)  # a saved timeline's sources are built for the detail, not for a row
        count = f" {n} src" if width >= 50 else f" {n}"
        date_w = min(self._date_width, max(8, width // 3))
        label = self.label(index)
        if cell_len(label) > date_w:
            label = _WEEKDAY.sub("", label)  # narrow: "~ 11 Feb 2024" before cutting anything
        if cell_len(label) > date_w:
            label = set_cell_size(label, date_w - 1) + "…"
        date = set_cell_size(" " + label, date_w + 1) + " "
        room = max(0, width - cell_len(date) - cell_len(count))
        title = clean_line(event.title)
        names = ", ".join(self._names.get(a, a) for a in event.actors[:4])
        segments = [Segment(date, date_style)]
        if cell_len(title) >= room:
            segments.append(Segment(set_cell_size(title, max(0, room - 1)) + ("…" if room else ""), title_style))
        else:
            segments.append(Segment(title, title_style))
            rest = room - cell_len(title)
            tail = f"  {names}" if names else ""
            if cell_len(tail) > rest:
                tail = set_cell_size(tail, max(0, rest - 1)) + ("…" if rest > 0 else "")
            segments.append(Segment(set_cell_size(tail, rest), muted))
        segments.append(Segment(count, muted))
        return Strip(segments).crop_extend(0, width, base)


# --- the histogram ------------------------------------------------------------------------

Bins = tuple[list[int], dt.date, dt.date]  # counts, first and last day (:func:`tui.view.histogram`)


def _no_bins(width: int) -> Bins | None:
    return None


class Histogram(Widget):
    """A sparkline of the visible events over time, with the first and last day below."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"histogram--bars", "histogram--cursor"}
    DEFAULT_CSS = "Histogram { height: 2; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._counts: Callable[[int], Bins | None] = _no_bins
        self._in_view: object = None
        self._mid: dt.date | None = None
        self._bins: tuple[int, Bins | None] | None = None

    class Clicked(Message):
        """A click on the sparkline: go to the events around this day."""

        def __init__(self, day: dt.date) -> None:
            super().__init__()
            self.day = day

    def on_click(self, event: events.Click) -> None:
        if not self._bins or self._bins[1] is None:
            return
        width, (_, first, last) = self._bins[0], self._bins[1]
        x = event.x - 1
        if 0 <= x < width:
            span = (last - first).days + 1
            self.post_message(self.Clicked(first + dt.timedelta(days=x * span // width)))

    def show(self, counts: Callable[[int], Bins | None], in_view: object, mid: dt.date | None) -> None:
        """Bars of ``counts(width)`` (the events ``in_view``, counted when first drawn), the marker at ``mid``.

        The same ``in_view`` (the very object) keeps the bars counted; a cursor move only moves the marker.
        """
        if in_view is not self._in_view:
            self._bins = None
        self._counts, self._in_view, self._mid = counts, in_view, mid
        self.refresh()

    def render(self) -> Text:
        width = max(1, self.size.width - 2)
        if self._bins is None or self._bins[0] != width:
            self._bins = (width, self._counts(width))
        result = self._bins[1]
        if result is None:
            return Text(" no dated events in view", style="dim")
        bins, first, last = result
        bars = Text(" " + sparkline(bins), style=self.get_component_rich_style("histogram--bars", partial=True))
        mid = self._mid
        if mid is not None:
            span = (last - first).days + 1
            if first <= mid <= last:
                x = 1 + min(width - 1, (mid - first).days * width // span)
                bars.stylize(self.get_component_rich_style("histogram--cursor", partial=True), x, x + 1)
        if (last - first).days > 730:
            left, right = str(first.year), str(last.year)
        else:
            left, right = (f"{d.day} {MONTHS[d.month - 1]} {d.year}" for d in (first, last))
        axis = " " + left + " " * max(1, width - len(left) - len(right)) + right
        return Text.assemble(bars, "\n", Text(axis, style="dim"))


# --- the status line ------------------------------------------------------------------------


class StatusLine(Static):
    """What is in view (counts, filter, search) and, at the right end, a hint of the help key.

    The hint is placed as the line is drawn, when its width is known: set before the
    first layout, it would have no room to go by, and a frame would show the line without it.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._text = Text()
        self._hint = ""

    def show(self, text: Text, hint: str) -> None:
        self._text, self._hint = text, hint
        self.refresh()  # one line, always: no layout

    def render(self) -> Text:
        room = self.size.width - 2 - self._text.cell_len - len(self._hint)
        if room < 2:
            return self._text
        return Text.assemble(self._text, " " * room, (self._hint, "dim"))


# --- the actor panel ----------------------------------------------------------------------


class ModeToggle(Static):
    """ "any of" / "all of": click it or press m."""

    def on_click(self) -> None:
        self.app.run_action("toggle_match")


class ActorList(LineView, can_focus=True):
    """The actors with check boxes and counts, drawn a line at a time.

    A ``SelectionList`` measures every option's prompt before its first frame and again
    whenever a count changes, so a timeline with a thousand actors paid for all of them on
    every re-filter; this draws only the rows on screen from the panel's data.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(PANEL_KEYS[1:]),
        Binding("enter", "toggle", "Select", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-1_000_000)", "First", show=False),
        Binding("end", "move(1_000_000)", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "actor-list--button",
        "actor-list--button-selected",
        "actor-list--highlighted",
    }
    DEFAULT_CSS = """
    ActorList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .actor-list--button { color: $panel-darken-2; background: $panel; }
        & > .actor-list--button-selected { color: $text-success; background: $panel; }
        & > .actor-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .actor-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class Toggled(Message):
        def __init__(self, actor_id: str) -> None:
            super().__init__()
            self.actor_id = actor_id

    def __init__(self, panel: ActorPanel, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.panel = panel
        self.highlighted: int | None = None

    def update_rows(self) -> None:
        """The panel's shown actors changed: size the view to them and redraw."""
        n = len(self.panel.shown)
        if self.highlighted is not None and self.highlighted >= n:
            self.highlighted = n - 1 if n else None
        set_virtual_height(self, n)
        self.refresh()

    def action_move(self, step: int) -> None:
        n = len(self.panel.shown)
        if not n:
            return
        current = -1 if self.highlighted is None and step > 0 else (self.highlighted or 0)
        self.highlighted = max(0, min(n - 1, current + step))
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if self.highlighted < top:
            self.scroll_to(y=self.highlighted, animate=False, immediate=True)
        elif self.highlighted >= top + height:
            self.scroll_to(y=self.highlighted - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_toggle(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.panel.shown):
            self.post_message(self.Toggled(self.panel.shown[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        if 0 <= row < len(self.panel.shown):
            self.highlighted = row
            self.refresh()
            self.action_toggle()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        base = self.line_style
        shown = self.panel.shown
        if row >= len(shown):
            return Strip.blank(width, base)
        actor_id = shown[row]
        line = base
        if row == self.highlighted:
            line = base + self.get_component_rich_style("actor-list--highlighted", partial=True)
        selected = actor_id in self.panel.selected
        button = self.get_component_rich_style(
            "actor-list--button-selected" if selected else "actor-list--button", partial=True
        )
        edge = line + Style(color=button.bgcolor)
        name, figure, empty = self.panel.label(actor_id)
        muted = line + Style(dim=True)
        room = max(0, width - 4 - 1 - cell_len(figure))
        if cell_len(name) > room:
            name = set_cell_size(name, max(0, room - 1)) + ("…" if room else "")
        segments = [
            Segment("▐", edge),
            Segment("X", line + button),
            Segment("▌", edge),
            Segment(f" {name} ", muted if empty else line),
            Segment(figure, muted),
        ]
        return Strip(segments).crop_extend(0, width, line)


class ActorPanel(Vertical):
    """Actors with event counts, a type-to-filter box and multi-select."""

    BINDINGS = bindings(PANEL_KEYS[:1])

    class Changed(Message):
        def __init__(self, selected: frozenset[str]) -> None:
            super().__init__()
            self.selected = selected

    def __init__(self, timeline: Timeline, *, totals: Mapping[str, int] | None = None, id: str | None = None) -> None:
        """``totals``: the events of each actor, when known already (:func:`tui.view.actor_counts`)."""
        super().__init__(id=id)
        self.timeline = timeline
        if totals is None:
            totals = actor_counts(timeline.events)
        self.totals: dict[str, int] = {a.id: totals.get(a.id, 0) for a in timeline.actors}
        self.order = sorted(timeline.actors, key=lambda a: (-self.totals[a.id], a.name.casefold()))
        self.actors = {a.id: a for a in timeline.actors}
        self.counts: dict[str, int] = self.totals
        self.selected: set[str] = set()
        self.shown: list[str] = [a.id for a in self.order]
        self._names: dict[str, str] = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        """The panel's own lines, behind its widgets: its background and its right border, each line
        alike while it has no border or padding above or below (one drawn, repeated)."""
        gutter = self.styles.gutter
        if crop.height < 2 or gutter.top or gutter.bottom:
            return super().render_lines(crop)
        return super().render_lines(Region(crop.x, crop.y, crop.width, 1)) * crop.height

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter actors…", id="actor-filter")
        yield ModeToggle(Text("match: any of  (m)"), id="actor-mode", markup=False)
        yield ActorList(self, id="actor-list")

    def on_mount(self) -> None:
        self.query_one(ActorList).update_rows()

    def label(self, actor_id: str) -> tuple[str, str, bool]:
        """(name, count, whether no event in view has the actor) for one row of the list."""
        name = self._names.get(actor_id)
        if name is None:
            actor = self.actors.get(actor_id)
            name = self._names[actor_id] = clean_line(actor.name if actor else actor_id)
        count, total = self.counts.get(actor_id, 0), self.totals.get(actor_id, 0)
        return name, (f"{count}/{total}" if count != total else str(total)), count == 0

    def _fill(self, query: str) -> None:
        q = query.casefold().strip()
        actors = [a for a in self.order if not q or any(q in n.casefold() for n in (a.name, a.id, *a.aliases))]
        self.shown = [a.id for a in actors]
        self.query_one(ActorList).update_rows()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        lst = self.query_one(ActorList)
        if lst.highlighted is None and self.shown:
            lst.highlighted = 0
            lst.refresh()
        lst.focus()

    def action_done(self) -> None:
        self.app.query_one(EventList).focus()

    def on_actor_list_toggled(self, event: ActorList.Toggled) -> None:
        event.stop()
        self.selected ^= {event.actor_id}
        self.query_one(ActorList).refresh()
        self.post_message(self.Changed(frozenset(self.selected)))

    def set_selected(self, selected: set[str]) -> None:
        if set(selected) == self.selected:
            return
        self.selected = set(selected)
        if self.is_mounted:
            self.query_one(ActorList).refresh()

    def set_mode(self, mode: Match) -> None:
        self.query_one(ModeToggle).update(Text(f"match: {mode.value} of  (m)"))

    def set_counts(self, counts: dict[str, int]) -> None:
        """Per-actor counts within the events in view; only the rows on screen are drawn again."""
        if counts != self.counts:
            self.counts = counts
            if self.is_mounted:
                self.query_one(ActorList).refresh()


# --- the detail pane ----------------------------------------------------------------------

CERTAINTY_NOTE = {
    Certainty.STATED: "stated in the passage",
    Certainty.RESOLVED: "resolved against the article's date",
    Certainty.INFERRED: "inferred: the anchor date was itself worked out, not published",
    Certainty.BOUNDED: "bounded: only an interval is known",
}


class PassageStyles(NamedTuple):
    """The detail's styles for a passage (a named tuple: quicker to define at start-up than a dataclass)."""

    passage: Style
    time: Style
    context: Style
    label: Style


def passage_text(
    doc: Document | None, source: Source, styles: PassageStyles, before: int = 60, after: int = 120
) -> Text:
    """The source sentence, highlighted, with a little of the text around it when known.

    The time expression inside is marked. Offsets are into the document text, which is
    cleaned character for character, so they stay valid.
    """
    text = doc.text if doc and doc.text else ""
    start, end = source.start, source.end
    if not text or text[start:end] != source.text:
        # no article text (not embedded, file gone or changed): the stored sentence only
        body = Text(clean_for_display(source.text).replace("\n", " "), style=styles.passage)
        if source.time_text and source.time_start is not None and source.time_end is not None:
            ts, te = source.time_start - start, source.time_end - start
            if 0 <= ts < te <= len(source.text):
                body.stylize(styles.time, ts, te)
        return body
    para_lo = text.rfind("\n", 0, start) + 1
    para_hi = text.find("\n", end)
    para_hi = len(text) if para_hi == -1 else para_hi
    lo = max(para_lo, start - before)
    hi = min(para_hi, end + after)
    if lo > para_lo:
        lo = text.find(" ", lo, start) + 1 or lo  # start the context at a word
    if hi < para_hi:
        cut = text.find(" ", end, hi)
        hi = cut if cut != -1 else hi
    piece = clean_for_display(text[lo:hi]).replace("\n", " ").replace("\t", " ")
    out = Text(("…" if lo > para_lo else "") + piece + ("…" if hi < para_hi else ""), style=styles.context)
    shift = 1 if lo > para_lo else 0
    out.stylize(styles.passage, start - lo + shift, end - lo + shift)
    if (
        source.time_start is not None
        and source.time_end is not None
        and start <= source.time_start < source.time_end <= end
    ):
        out.stylize(styles.time, source.time_start - lo + shift, source.time_end - lo + shift)
    return out


class DetailPane(SnappyScroll, can_focus=True):
    """Everything known about the selected event: date and how, actors, quotes, passages.

    Drawn with the line API like the list: moving the cursor replaces this pane's lines
    without a layout pass over the screen, which keeps holding ``j`` smooth.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--label",
        "detail--passage",
        "detail--time",
        "detail--context",
        "detail--date",
        "detail--match",
    }
    BINDINGS: ClassVar[list[BindingType]] = bindings(DETAIL_KEYS)

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline = timeline
        self.event: int | None = None
        self.search = ""  # the search query, marked wherever it occurs
        self._text = Text("")
        self._strips: list[Strip] = []
        self._wrapped_at = -1

    def text_content(self) -> str:
        """The pane's text, plain (for tests and screen readers)."""
        return self._text.plain

    def _wrap(self) -> None:
        width = max(10, self.scrollable_content_region.width)
        console = self.app.console
        lines = self._text.wrap(console, width, overflow="fold")
        self._strips = [Strip(line.render(console, end=""), line.cell_len).simplify() for line in lines]
        self._wrapped_at = width
        set_virtual_height(self, len(self._strips))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_at:
            self._wrap()
        n = int(self.scroll_offset.y) + y
        base = self.line_style
        if n >= len(self._strips):
            return Strip.blank(width, base)
        return self._strips[n].apply_style(base).crop_extend(0, width, base)

    def styles_for_passages(self) -> PassageStyles:
        return PassageStyles(
            passage=self.get_component_rich_style("detail--passage", partial=True),
            time=self.get_component_rich_style("detail--time", partial=True),
            context=self.get_component_rich_style("detail--context", partial=True),
            label=self.get_component_rich_style("detail--label", partial=True),
        )

    def show(self, event: int | None) -> None:
        self.event = event
        self._text = self.describe(event)
        if self.search:
            pattern = re.compile(re.escape(self.search), re.IGNORECASE)
            self._text.highlight_regex(pattern, self.get_component_rich_style("detail--match", partial=True))
        self._wrapped_at = -1
        if self.is_mounted and self.scrollable_content_region.width:
            self._wrap()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def describe(self, index: int | None) -> Text:
        if index is None:
            if not self.timeline.events:
                return Text("This timeline has no events.", style="dim")
            return Text("No event in view. Clear the actor filter (c) or change it.", style="dim")
        tl = self.timeline
        e = tl.events[index]
        st = self.styles_for_passages()
        date_style = self.get_component_rich_style("detail--date", partial=True)
        out = Text()
        out.append(date_label(e), style=date_style + Style(bold=True))
        if e.date and "/" in e.date:
            out.append(f"  ({clean_line(e.date)})", style="dim")
        if e.certainty:
            out.append(f"  {CERTAINTY_NOTE.get(e.certainty, str(e.certainty))}", style="italic")
        out.append("\n")
        out.append(clean_for_display(e.title), style=Style(bold=True))
        out.append("\n")
        if e.how:
            out.append("how  ", style=st.label)
            out.append(clean_for_display(e.how))
            out.append("\n")
        if e.actors:
            out.append("who  ", style=st.label)
            names = []
            for a in e.actors:
                actor = tl.actor(a)
                names.append(f"{clean_line(actor.name)} ({actor.kind})" if actor else clean_line(a))
            out.append(", ".join(names))
            out.append("\n")
        quotes, sources, damaged = event_parts(e)
        if damaged:
            self.post_message(PartsUnreadable(damaged))
            out.append("quotes and sources could not be read: ", style=st.label)
            out.append(clean_line(damaged) + "\n", style="dim")
        for q in quotes:
            out.append("said ", style=st.label)
            out.append("“" + clean_for_display(q.text) + "”")
            speaker = tl.actor(q.speaker) if q.speaker else None
            if speaker:
                out.append(f" — {clean_line(speaker.name)}", style="dim")
            out.append("\n")
        out.append(
            f"\n{len(sources)} source{'s' if len(sources) != 1 else ''}  (Enter opens the article)\n",
            style=st.label,
        )
        docs = {d.id: d for d in tl.documents}
        for n, s in enumerate(sources, 1):
            doc = docs.get(s.document)
            head = f"{n}. {clean_line(doc.title) if doc and doc.title else clean_line(s.document)}"
            if doc and doc.published:
                head += f" · published {clean_line(doc.published)}"
                if doc.published_from.value in ("inferred", "url"):
                    head += f" ({doc.published_from.value})"
            out.append(head + "\n", style=Style(bold=True))
            if doc and doc.published_how and doc.published_from.value in ("inferred", "url"):
                out.append("   article date: ", style=st.label)
                out.append(clean_line(doc.published_how) + "\n", style="dim")
            out.append("   ")
            out.append_text(passage_text(doc, s, st))
            out.append("\n")
            if s.time_text or s.how:
                out.append("   ")
                if s.time_text:
                    out.append("“" + clean_line(s.time_text) + "”", style=st.time)
                    out.append(" ")
                out.append(clean_line(s.how), style="dim")
                out.append("\n")
        return out


# --- the key bar ------------------------------------------------------------------------------


class KeyBar(Widget, can_focus=False):
    """The footer: the keys marked ``show`` for what has focus, drawn as one line of text.

    Textual's ``Footer`` mounts a widget per key and rebuilds them all whenever focus
    moves, which is about a third of the explorer's start-up; this draws the same keys
    as one ``Text`` and redraws it when the screen's bindings change. A click on a key
    presses it; the command palette key sits at the right end, as in ``Footer``.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[str, str, str, bool]] = []  # (key, shown as, description, enabled)
        self._palette: tuple[str, str, str, bool] | None = None
        self._spans: list[tuple[int, int, str, bool]] = []  # (x from, x to, key, enabled)
        self._collected = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is not self.screen:
            return
        if self._collect() or self._palette is not None:
            self.refresh()

    def _collect(self) -> bool:
        """Read the screen's active keys; whether they changed."""
        active = self.screen.active_bindings
        keys, seen = [], set()
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in seen:  # one entry an action, as in Footer
                seen.add(binding.action)
                keys.append((binding.key, self.app.get_key_display(binding), binding.description, enabled))
        self._palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            self._palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        self._collected = True
        if keys != self._keys:
            self._keys = keys
            return True
        return False

    def render(self) -> Text:
        if not self._collected:  # the first frame: drawn with the keys, not before the screen says they changed
            self._collect()
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        text_style = self.get_component_rich_style("key-bar--description", partial=True)
        out = Text(no_wrap=True, overflow="crop", end="")
        spans = []
        for key, shown, description, enabled in self._keys:
            start = out.cell_len
            dim = Style() if enabled else Style(dim=True)
            out.append(f" {shown} ", key_style + dim)
            out.append(f"{description} ", text_style + dim)
            spans.append((start, out.cell_len, key, enabled))
        if self._palette is not None:
            key, shown, description, enabled = self._palette
            room = self.size.width - out.cell_len - cell_len(f"▏{shown} {description} ")
            if room >= 0:
                out.append(" " * room)
                start = out.cell_len
                rule = self.styles.background.blend(self.styles.color, 0.2)  # Footer's "vkey $foreground 20%"
                out.append("▏", Style(color=rule.rich_color))
                out.append(shown, key_style)
                out.append(f" {description} ", text_style)
                spans.append((start, out.cell_len, key, enabled))
        self._spans = spans
        return out

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
