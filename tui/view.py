"""The pure part of the explorer: what the event list shows for a given filter.

Nothing here imports Textual, so the rules (sort order, headings, date labels, which
events an actor filter keeps, where a date jump lands, the histogram's bins) are unit
tested directly and the widgets only draw the result.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from enum import StrEnum
from itertools import accumulate, chain, repeat
from operator import add, attrgetter, eq, floordiv, itemgetter, mul, ne, sub, truediv
from typing import Any, NamedTuple

from timeline.model import Certainty, Event, Precision, Quote, Source, Timeline, date_bounds, date_precision
from tui.sanitize import clean_line

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: One-character markers before a date; the help screen explains them.
MARKERS = {
    Certainty.INFERRED: "~",  # resolved against an anchor that was itself inferred
    Certainty.BOUNDED: "≈",  # only an interval is known
}
MARKER_HELP = (
    ("~", "inferred: the date rests on an anchor that was itself worked out"),
    ("≈", "bounded: only an interval is known (e.g. ≈ 10–12 Feb 2024)"),
)


# --- dates ------------------------------------------------------------------------------


def _point_label(value: str) -> str:
    if len(value) == 10 and value[4] == "-" == value[7] and value.isascii():  # a day: one C-speed parse
        day = dt.date.fromisoformat(value)  # of ASCII in this shape it takes only YYYY-MM-DD, as date_bounds
        return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
    precision = date_precision(value)
    lo, _ = date_bounds(value)
    if precision is Precision.YEAR:
        return str(lo.year)
    if precision is Precision.MONTH:
        return f"{MONTHS[lo.month - 1]} {lo.year}"
    return f"{WEEKDAYS[lo.weekday()]} {lo.day} {MONTHS[lo.month - 1]} {lo.year}"


def _interval_label(value: str) -> str:
    a, b = value.split("/", 1)
    pa, pb = date_precision(a), date_precision(b)
    lo, _ = date_bounds(a)
    _, hi = date_bounds(b)
    if pa is Precision.DAY and pb is Precision.DAY:
        if (lo.year, lo.month) == (hi.year, hi.month):
            return f"{lo.day}–{hi.day} {MONTHS[lo.month - 1]} {lo.year}"
        if lo.year == hi.year:
            return f"{lo.day} {MONTHS[lo.month - 1]}–{hi.day} {MONTHS[hi.month - 1]} {lo.year}"
        return f"{lo.day} {MONTHS[lo.month - 1]} {lo.year}–{hi.day} {MONTHS[hi.month - 1]} {hi.year}"
    if pa is Precision.MONTH and pb is Precision.MONTH:
        if lo.year == hi.year:
            return f"{MONTHS[lo.month - 1]}–{MONTHS[hi.month - 1]} {lo.year}"
        return f"{MONTHS[lo.month - 1]} {lo.year}–{MONTHS[hi.month - 1]} {hi.year}"
    if pa is Precision.YEAR and pb is Precision.YEAR:
        return f"{lo.year}–{hi.year}"
    return f"{_short_label(a)}–{_short_label(b)}"


def _short_label(value: str) -> str:
    """A point date without the weekday, for the ends of mixed-precision intervals."""
    precision = date_precision(value)
    lo, _ = date_bounds(value)
    if precision is Precision.YEAR:
        return str(lo.year)
    if precision is Precision.MONTH:
        return f"{MONTHS[lo.month - 1]} {lo.year}"
    return f"{lo.day} {MONTHS[lo.month - 1]} {lo.year}"


def date_label(event: Event) -> str:
    """The event's date at its true precision, with a marker for inferred or bounded dates."""
    if not event.date:
        return "undated"
    try:
        text = _interval_label(event.date) if "/" in event.date else _point_label(event.date)
    except ValueError:
        return clean_line(event.date)  # not a date the model knows: shown as text, safely
    marker = MARKERS.get(event.certainty) if event.certainty else None
    if marker is None and "/" in event.date:
        marker = "≈"
    return f"{marker} {text}" if marker else text


# --- the rows ---------------------------------------------------------------------------


class RowKind(StrEnum):
    YEAR = "year"
    MONTH = "month"
    UNDATED = "undated"
    EVENT = "event"


class Row(NamedTuple):
    """One line of the event list. A named tuple, not a dataclass: a big timeline has 10,000
    event rows, made at start-up in one pass at C speed (:func:`event_row`)."""

    kind: RowKind
    text: str = ""  # the heading's text; empty for events
    event: int = -1  # index into ``Timeline.events`` for event rows


Heading = tuple[int, int | None, int | None]  # (year, month, day); None where the date is coarser


def _heading(value: str, lo: dt.date, hi: dt.date) -> Heading:
    """(year, month, day) a date is listed under: its headings, then its place among them.

    Coarse dates sit at the top of the finest heading they fit: a year-precision date,
    or an interval bounding a stretch of months, under the year heading before its
    months; a month under its month heading before the month's days. Days, and day
    intervals ("≈ 10–12 Feb", "≈ 28 Feb–2 Mar"), are listed by the day they start.
    """
    if lo.year != hi.year:
        return lo.year, None, None
    ends = value.split("/")
    if len(ends) == 1:
        if len(value) == 4:
            return lo.year, None, None
        if len(value) == 7:
            return lo.year, lo.month, None
        return lo.year, lo.month, lo.day
    if all(len(x) == 10 for x in ends):  # a day interval sorts among the days it starts on
        return lo.year, lo.month, lo.day
    if lo.month == hi.month:
        return lo.year, lo.month, None
    return lo.year, None, None


_UNDATED_FACTS: tuple[tuple, Heading | None, dt.date | None] = ((1, 0, 0, 0, dt.date.max, dt.date.max), None, None)


def _date_facts(value: str | None) -> tuple[tuple, Heading | None, dt.date | None]:
    """(sort key without the id, headings, middle day) of one date string, parsed once."""
    if value and len(value) == 10:  # a day, the commonest date by far: no bounds to work out
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return _UNDATED_FACTS
        return (0, day.year, day.month, day.day, day, day), (day.year, day.month, day.day), day
    try:
        lo, hi = _fast_bounds(value) if value else (None, None)
    except ValueError:
        lo = hi = None
    if lo is None or hi is None or not value:
        return _UNDATED_FACTS
    year, month, day = heading = _heading(value, lo, hi)
    return (0, year, month or 0, day or 0, lo, hi), heading, lo + (hi - lo) / 2


def _facts(event: Event) -> tuple[tuple, Heading | None, dt.date | None]:
    """(sort key, headings, middle day) of one event, from one parse of its date.

    Events sort by their headings (a year's own events before its months, a month's
    own events before its days), then by earliest day, the narrowest first, then id,
    so the list reads top to bottom under each heading and is stable across runs.
    Undated events come last.
    """
    key, heading, mid = _date_facts(event.date)
    return (*key, event.id), heading, mid


def sort_key(event: Event) -> tuple:
    return _facts(event)[0]


def heading_of(event: Event) -> Heading | None:
    return _facts(event)[1]


_EVENT_ROWS: list[Row] = []


def event_row(i: int) -> Row:
    """The row of event ``i``: the same few bytes for every list, so made once and shared."""
    try:
        return _EVENT_ROWS[i]
    except IndexError:
        new = zip(repeat(RowKind.EVENT), repeat(""), range(len(_EVENT_ROWS), i + 1))
        _EVENT_ROWS.extend(map(tuple.__new__, repeat(Row), new))  # ``Row._make`` without a Python call per row
        return _EVENT_ROWS[i]


def actor_counts(events: Sequence[Event], indices: Iterable[int] | None = None) -> Counter[str]:
    """How many of the events (those at ``indices``, or all) involve each actor, counted at C speed."""
    chosen = events if indices is None else map(events.__getitem__, indices)
    return Counter(chain.from_iterable(map(set, map(attrgetter("actors"), chosen))))


def build_rows(headings: Sequence[Heading | None], order: Sequence[int]) -> list[Row]:
    """Headings and event rows for the events at ``order`` (sorted, dated first).

    Days are grouped without a row of their own: the list dims a date that repeats the
    row above, so a day's events read as one block and every row keeps its date.
    ``headings[i]`` is :func:`heading_of` for event ``i``, computed once per timeline so
    that re-filtering 10,000 events does not re-parse their dates.
    """
    rows: list[Row] = []
    append = rows.append
    if order:
        event_row(max(order))  # every event row made at once, then read straight from the list
    shared = _EVENT_ROWS
    year: int | None = None
    month: tuple[int, int] | None = None
    undated = False
    previous: Heading | bool | None = False
    for i in order:
        h = headings[i]
        if h is not previous:  # the events of one date share their heading: checked once per run
            previous = h
            if h is None:
                if not undated:
                    append(Row(RowKind.UNDATED, "Undated"))
                    undated = True
            else:
                y, m, _ = h
                if y != year:
                    append(Row(RowKind.YEAR, str(y)))
                    year, month = y, None
                if m is not None and (y, m) != month:
                    append(Row(RowKind.MONTH, f"{MONTH_NAMES[m - 1]} {y}"))
                    month = (y, m)
        append(shared[i])
    return rows


def date_column(timeline: Timeline, rows: Sequence[Row]) -> int:
    """The width of the list's date column over ``rows``: the longest date label of their first 300 events,
    8 to 20 characters (a longer one, a rare interval, ends in …)."""
    width, seen = 8, 0
    for row in rows:
        if row.kind is RowKind.EVENT:
            width = max(width, len(date_label(timeline.events[row.event])))
            seen += 1
            if seen == 300:
                break
    return min(20, width)


class EventIndex(NamedTuple):
    """Per-event facts the list needs, computed once per timeline (one date parse each).

    A named tuple, as :class:`Row`: defining a frozen dataclass costs the start-up a millisecond.
    """

    keys: list[tuple]  # sort_key without the id (shared by the events of one date)
    headings: list[Heading | None]  # heading_of
    mids: list[dt.date | None]  # midpoint
    order: list[int]  # event indices in display order


def _fast_bounds(value: str) -> tuple[dt.date, dt.date]:
    """:func:`date_bounds` with C-speed parsing of the common full-date forms."""
    if len(value) == 10:
        day = dt.date.fromisoformat(value)
        return day, day
    if len(value) == 21 and value[10] == "/":
        return dt.date.fromisoformat(value[:10]), dt.date.fromisoformat(value[11:])
    return date_bounds(value)


def _plain_days(values: list[str]) -> dict[str | None, tuple[tuple, Heading | None, dt.date | None]]:
    """:func:`_date_facts` of days (``YYYY-MM-DD``), parsed by one ``map``; {} if one is not a date.

    A big timeline's dates are mostly days, thousands of them distinct: their keys and
    headings are put together by ``zip``, at C speed, not by a call each.
    """
    try:
        days = list(map(dt.date.fromisoformat, values))
    except ValueError:
        return {}
    years, months, numbers = (list(map(attrgetter(name), days)) for name in ("year", "month", "day"))
    keys = zip(repeat(0), years, months, numbers, days, days)
    return dict(zip(values, zip(keys, zip(years, months, numbers, strict=True), days, strict=True), strict=True))


def _day_intervals(values: list[str]) -> dict[str | None, tuple[tuple, Heading | None, dt.date | None]]:
    """:func:`_date_facts` of day intervals (``YYYY-MM-DD/YYYY-MM-DD``), both ends parsed by ``map``; {} if one
    is not a date."""
    try:
        los = list(map(dt.date.fromisoformat, map(itemgetter(slice(0, 10)), values)))
        his = list(map(dt.date.fromisoformat, map(itemgetter(slice(11, 21)), values)))
    except ValueError:
        return {}
    mids = map(add, los, map(truediv, map(sub, his, los), repeat(2)))
    out: dict[str | None, tuple[tuple, Heading | None, dt.date | None]] = {}
    for value, lo, hi, mid in zip(values, los, his, mids, strict=True):
        if lo.year != hi.year:  # as :func:`_heading` files an interval across a year's end
            out[value] = (0, lo.year, 0, 0, lo, hi), (lo.year, None, None), mid
        else:
            out[value] = (0, lo.year, lo.month, lo.day, lo, hi), (lo.year, lo.month, lo.day), mid
    return out


def index_events(events: Sequence[Event]) -> EventIndex:
    """The facts of every event; each distinct date string is parsed once.

    The order is :func:`sort_key`'s without building a key per event: the distinct dates
    are ranked once, then the events are sorted by id and, stably, by their date's rank.
    Days and day intervals, nearly all of a big timeline's dates, are worked out together
    (:func:`_plain_days`, :func:`_day_intervals`); any other date, or a batch holding one
    that is not a date, one at a time by :func:`_date_facts`.
    """
    dates = list(map(attrgetter("date"), events))
    distinct = set(dates)
    by_date = _plain_days([d for d in distinct if d and len(d) == 10])  # as _date_facts tells a day
    by_date.update(_day_intervals([d for d in distinct if d and len(d) == 21 and d[10] == "/"]))
    for d in distinct.difference(by_date):
        by_date[d] = _date_facts(d)
    key_of = dict(zip(by_date, map(itemgetter(0), by_date.values()), strict=True))
    ranked = sorted(key_of, key=key_of.__getitem__)
    keys = list(map(key_of.__getitem__, ranked))
    # a date's rank goes up by one where its key differs from the one before (dates sharing a key share a rank)
    rank = dict(zip(ranked, accumulate(map(ne, keys, chain((None,), keys))), strict=True))
    order = sorted(range(len(events)), key=list(map(attrgetter("id"), events)).__getitem__)
    order.sort(key=list(map(rank.__getitem__, dates)).__getitem__)
    facts = list(map(by_date.__getitem__, dates))
    return EventIndex(
        list(map(itemgetter(0), facts)), list(map(itemgetter(1), facts)), list(map(itemgetter(2), facts)), order
    )


# --- the first frame of a saved timeline ------------------------------------------------------
#
# A saved timeline is opened again and again as it is: what its first frame needs of all its
# events (their order, the list's headings, the histogram's days, the actors' totals) is worked
# out once and kept beside its cached parse (:func:`timeline.sources.saved_facts`). The rest of
# the index (sort keys, each event's heading and middle day, for re-filtering, jumping and
# clicking the histogram) is worked out when first needed, once the first frame is drawn.

#: The name the facts are kept under; the number goes up whenever what they hold changes.
START_FACTS = "explorer-start-2"


class StartRows(Sequence[Row]):
    """:func:`build_rows` of every event of a saved timeline, each event's row made as it is read.

    The first frame of 10,000 events shows a screenful of rows, and making a ``Row`` for every
    event first cost more than the rest of the start view together. The headings are kept as
    rows, the events as their order; ``event_rows`` are the row numbers of the events (what
    :meth:`tui.widgets.EventList.set_rows` would otherwise find by reading every row). Equal
    to the list :func:`build_rows` makes, and read as one.
    """

    __slots__ = ("_at", "_heads", "event_rows", "order")

    def __init__(self, order: list[int], headings: list[tuple[int, Row]]) -> None:
        """``headings``: (row number, heading row), in order, each number within the rows."""
        self.order = order
        self._at = [n for n, _ in headings]
        self._heads = dict(headings)
        total = len(order) + len(headings)
        # the events fill the rows between the headings
        starts = chain((0,), map(add, self._at, repeat(1)))
        self.event_rows: list[int] = list(chain.from_iterable(map(range, starts, chain(self._at, (total,)))))

    def __len__(self) -> int:
        return len(self.order) + len(self._at)

    def __getitem__(self, n: int) -> Row:  # type: ignore[override]
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]  # type: ignore[return-value]
        if n < 0:
            n += len(self)
        if not 0 <= n < len(self):
            raise IndexError(n)
        head = self._heads.get(n)
        return head if head is not None else Row(RowKind.EVENT, "", self.order[n - bisect_left(self._at, n)])

    def __iter__(self) -> Iterator[Row]:
        if self.order:
            event_row(max(self.order))  # every event row made at once, as build_rows does
        rows, taken, done = _EVENT_ROWS, 0, 0
        for at in self._at:
            yield from map(rows.__getitem__, self.order[taken : taken + at - done])
            taken += at - done
            done = at + 1
            yield self._heads[at]
        yield from map(rows.__getitem__, self.order[taken:])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (list, tuple, StartRows)):
            return NotImplemented
        return len(self) == len(other) and all(map(eq, self, other))

    __hash__ = None  # type: ignore[assignment]

    def position_of(self, event: int) -> int | None:
        """Where ``event`` is among the events (its index in ``event_rows``), or None."""
        try:
            return self.order.index(event)
        except ValueError:
            return None


class StartView(NamedTuple):
    """Every event in view, as the first frame shows them (:func:`start_facts`, read back)."""

    order: list[int]  # event indices in display order
    rows: StartRows  # :func:`build_rows` of ``order``
    days: list[int]  # the ordinal of every dated event's middle day, sorted (the histogram's counts)
    totals: dict[str, int]  # events per actor id
    date_width: int  # :func:`date_column` of ``rows``


def start_facts(timeline: Timeline) -> dict[str, Any]:
    """What :class:`StartView` holds, as JSON: the headings as ``[row, kind, text]``, the events' rows left out."""
    index = index_events(timeline.events)
    rows = build_rows(index.headings, index.order)
    return {
        "order": index.order,
        "headings": [[n, r.kind.value, r.text] for n, r in enumerate(rows) if r.kind is not RowKind.EVENT],
        "days": sorted(map(dt.date.toordinal, filter(None, index.mids))),
        "totals": dict(actor_counts(timeline.events)),
        "date_width": date_column(timeline, rows),
    }


_HEADING_KINDS = {k.value: k for k in RowKind if k is not RowKind.EVENT}


def start_view(facts: Any, timeline: Timeline) -> StartView | None:
    """:func:`start_facts` read back, or None when they do not fit ``timeline`` (checked, not trusted).

    The checks are whole-list ones at C speed: the order is a permutation of the events, the
    headings lie between the events in order, the days are sorted whole numbers no more than
    the events, the totals name the timeline's actors.
    """
    n = len(timeline.events)
    try:
        order, headings, days, totals = facts["order"], facts["headings"], facts["days"], facts["totals"]
        date_width = facts["date_width"]
        if type(date_width) is not int or not 8 <= date_width <= 20:
            return None
        if type(order) is not list or len(order) != n or not set(map(type, order)) <= {int}:
            return None
        if order and (len(set(order)) != n or min(order) < 0 or max(order) >= n):  # not a permutation
            return None
        if type(days) is not list or len(days) > n or not set(map(type, days)) <= {int} or days != sorted(days):
            return None
        if days and not 1 <= days[0] <= days[-1] <= dt.date.max.toordinal():
            return None
        if type(totals) is not dict or not set(map(type, totals.values())) <= {int}:
            return None
        if not {a.id for a in timeline.actors}.issuperset(totals) or min(totals.values(), default=0) < 0:
            return None
        if type(headings) is not list:
            return None
        heads: list[tuple[int, Row]] = []
        taken = after = 0  # events placed so far; the row after the last heading
        for at, kind, text in headings:
            if type(at) is not int or type(text) is not str:
                return None
            before = at - after  # the events between the last heading and this one
            if before < 0 or taken + before > n:
                return None
            taken += before
            after = at + 1
            heads.append((at, Row(_HEADING_KINDS[kind], text)))
    except (KeyError, TypeError, ValueError):
        return None
    return StartView(order, StartRows(order, heads), days, totals, date_width)


def histogram_of_days(days: Sequence[int], width: int) -> tuple[list[int], dt.date, dt.date] | None:
    """:func:`histogram` of every event, from the sorted ordinals of their middle days (:attr:`StartView.days`).

    A bin counts the days at offsets ``o`` from the first with ``o * width // span`` its number,
    that is from ``ceil(b * span / width)`` up to the next bin's start: one bisection a bin.
    """
    if not days or width <= 0:
        return None
    first, last = days[0], days[-1]
    span = last - first + 1
    starts = [bisect_left(days, first - (-b * span // width)) for b in range(width + 1)]
    return list(map(sub, starts[1:], starts[:-1])), dt.date.fromordinal(first), dt.date.fromordinal(last)


def middle_day(event: Event) -> dt.date | None:
    """The day the histogram counts ``event`` at: :attr:`EventIndex.mids` of one event."""
    return _date_facts(event.date)[2]


def midpoint(event: Event) -> dt.date | None:
    """The middle of the days an event can mean: where it counts in the histogram."""
    if not event.date:
        return None
    try:
        lo, hi = date_bounds(event.date)
    except ValueError:
        return None
    return lo + (hi - lo) / 2


# --- filters ----------------------------------------------------------------------------


class Match(StrEnum):
    ANY = "any"
    ALL = "all"


def matching(events: Sequence[Event], order: Sequence[int], actors: Iterable[str], mode: Match) -> list[int]:
    """The indices in ``order`` whose events involve any (or all) of ``actors``."""
    wanted = frozenset(actors)
    if not wanted:
        return list(order)
    if mode is Match.ALL:
        return [i for i in order if wanted.issubset(events[i].actors)]
    return [i for i in order if not wanted.isdisjoint(events[i].actors)]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def resolve_actor(timeline: Timeline, query: str) -> list[str]:
    """Actor ids for a name typed on the command line: id, name or alias, any case.

    An exact match wins; otherwise a name whose words contain the query's words
    ("stoltenberg" → "Jens Stoltenberg"), or a plain substring.
    """
    q = query.casefold().strip()
    if not q:
        return []
    exact = [
        a.id for a in timeline.actors if q in {a.id.casefold(), a.name.casefold(), *(x.casefold() for x in a.aliases)}
    ]
    if exact:
        return exact
    qw = _words(q)
    by_words = [
        a.id for a in timeline.actors if qw and any(all(w in _words(n) for w in qw) for n in (a.name, *a.aliases))
    ]
    if by_words:
        return by_words
    return [a.id for a in timeline.actors if any(q in n.casefold() for n in (a.name, a.id, *a.aliases))]


def event_parts(event: Event) -> tuple[tuple[Quote, ...], tuple[Source, ...], str]:
    """The event's quotes and sources, or none of either and why not, when they cannot be built.

    A saved timeline builds them when they are first read (:class:`timeline.model.Deferred`),
    which can be in the middle of drawing a row; a cache entry damaged in a way its checksum
    did not catch fails there. The explorer then shows the event without them and says so,
    rather than stop with a traceback.
    """
    try:
        return event.quotes, event.sources, ""
    except (ValueError, LookupError, TypeError, RecursionError) as exc:  # the reader's one-line error
        return (), (), str(exc) or type(exc).__name__


def haystack(timeline: Timeline, event: Event) -> str:
    """Everything search looks at for one event, folded: title, quotes, passages, actors."""
    names = [a.name for a in (timeline.actor(x) for x in event.actors) if a]
    quotes, sources, _ = event_parts(event)
    parts = [event.title, *(q.text for q in quotes), *(s.text for s in sources), *names]
    return "\n".join(parts).casefold()


def filtered_timeline(timeline: Timeline, indices: Iterable[int]) -> Timeline:
    """The timeline restricted to some events, with only the actors and documents they use."""
    events = tuple(timeline.events[i] for i in sorted(indices))
    actor_ids = {a for e in events for a in e.actors} | {q.speaker for e in events for q in e.quotes if q.speaker}
    doc_ids = {s.document for e in events for s in e.sources}
    return replace(
        timeline,
        events=events,
        actors=tuple(a for a in timeline.actors if a.id in actor_ids),
        documents=tuple(d for d in timeline.documents if d.id in doc_ids),
    )


# --- jump to a date ---------------------------------------------------------------------

_ISO_QUERY = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def parse_date_query(text: str) -> tuple[dt.date, Precision] | None:
    """ "2024-02-11", "2023", "april 2023", "feb 2024", "11 Feb 2024" → (first day, precision).

    ISO forms are read here; anything else goes to dateparser, imported on first use
    only so that opening a saved timeline never pays for it.
    """
    m = _ISO_QUERY.match(text)
    if m:
        try:
            if m.group(3):
                return dt.date(int(m[1]), int(m[2]), int(m[3])), Precision.DAY
            if m.group(2):
                return dt.date(int(m[1]), int(m[2]), 1), Precision.MONTH
            return dt.date(int(m[1]), 1, 1), Precision.YEAR
        except ValueError:
            return None
    if not text.strip() or len(text) > 60:
        return None
    from dateparser.date import DateDataParser

    try:
        data = DateDataParser(
            languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past"}
        ).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return dt.date(d.year, 1, 1), Precision.YEAR
    if data.period == "month":
        return dt.date(d.year, d.month, 1), Precision.MONTH
    return d, Precision.DAY


def jump_position(
    keys: Sequence[tuple], visible: Sequence[int], day: dt.date, precision: Precision = Precision.DAY
) -> int | None:
    """Position in ``visible`` of the first dated event at or after ``day`` in list order.

    "2024" lands on the year's own events; "feb 2024" on February's first, not on a
    year-precision event that merely could be in February. Past the last event, the
    last dated one. ``keys[i]`` is the sort key of event ``i`` (:class:`EventIndex`).
    """
    month = 0 if precision is Precision.YEAR else day.month
    target = (0, day.year, month, day.day if precision is Precision.DAY else 0, day)
    dated = []
    for i in visible:
        key = keys[i]
        if key[0] == 1:
            break
        dated.append(key[:5])
    if not dated:
        return None
    return min(bisect_left(dated, target), len(dated) - 1)


# --- the histogram ----------------------------------------------------------------------

BARS = " ▁▂▃▄▅▆▇█"


def histogram(
    mids: Sequence[dt.date | None], visible: Sequence[int], width: int
) -> tuple[list[int], dt.date, dt.date] | None:
    """Counts of visible dated events in ``width`` equal bins between the first and last day.

    ``mids[i]`` is :func:`midpoint` of event ``i``.
    """
    days = list(filter(None, map(mids.__getitem__, visible)))  # a date is never false; None is
    if not days or width <= 0:
        return None
    first, last = min(days), max(days)
    span = (last - first).days + 1
    # bin of a day: (day - first).days * width // span, below width as day <= last; counted at C speed
    offsets = map(sub, map(dt.date.toordinal, days), repeat(first.toordinal()))
    counts = Counter(map(floordiv, map(mul, offsets, repeat(width)), repeat(span)))
    return [counts[b] for b in range(width)], first, last


def sparkline(bins: Sequence[int]) -> str:
    """One block character a bin; any non-empty bin shows at least the lowest bar."""
    top = max(bins) or 1
    return "".join(BARS[0] if n == 0 else BARS[max(1, round(n * 8 / top))] for n in bins)
