"""The timeline as a plain value: documents, actors, events and their evidence.

Everything here is a frozen dataclass so that the builder's stages, the TOML
reader/writer, the app and the tests all share one immutable picture. Dates are
kept as ISO 8601 strings *at their precision* (``2006``, ``2023-04``,
``2024-02-10``) or as intervals (``2024-02-10/2024-02-12``); the bounds used for
sorting and filtering are derived from that string in one place
(:func:`date_bounds`), never stored twice.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # defined apart, loaded when first named (see __getattr__ below)
    from timeline.expressions import TimeExpression, TimexType  # noqa: F401

SCHEMA = "timeline/1"

#: spaCy refuses texts over 1,000,000 characters by default; longer documents are cut.
DEFAULT_MAX_CHARS = 1_000_000


class DateSource(StrEnum):
    """Where a document's publication date came from, strongest first."""

    COMMAND_LINE = "command-line"
    MANIFEST = "manifest"
    FRONT_MATTER = "front-matter"
    HEADER = "header"
    HTML = "html"
    JSON = "json"
    URL = "url"
    INFERRED = "inferred"
    NONE = "none"


class Precision(StrEnum):
    """How much of a date is known. Ordered from coarse to fine by :data:`PRECISION_RANK`."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    TIME = "time"
    INTERVAL = "interval"


PRECISION_RANK: dict[Precision, int] = {
    Precision.CENTURY: 0,
    Precision.DECADE: 1,
    Precision.YEAR: 2,
    Precision.QUARTER: 3,
    Precision.SEASON: 3,
    Precision.MONTH: 4,
    Precision.WEEK: 5,
    Precision.INTERVAL: 5,
    Precision.DAY: 6,
    Precision.TIME: 7,
}


class Certainty(StrEnum):
    """How an event's date was reached.

    stated: written in full in the passage ("in April 2023").
    resolved: relative in the passage, resolved against a known anchor ("on Saturday"
        in an article dated 2024-02-12).
    inferred: resolved against an anchor that was itself inferred (an undated article's
        publication date worked out from other articles).
    bounded: only an interval is known (narrative reasoning, "earlier this week").
    """

    STATED = "stated"
    RESOLVED = "resolved"
    INFERRED = "inferred"
    BOUNDED = "bounded"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    COUNTRY = "country"
    GROUP = "group"
    OTHER = "other"


# Each dataclass here has a docstring: without one, ``dataclass`` writes the class's signature
# into ``__doc__`` as the class is defined, a third of a millisecond of every start-up each.

_Model = TypeVar("_Model", bound=type)


def _compared_by_fields(cls: _Model) -> _Model:
    """Give a frozen dataclass made with ``eq=False, repr=False`` the ``==``, ``hash`` and ``repr`` those leave out.

    They are the methods ``dataclass`` itself would add, and behave alike: two instances of the very
    same class are equal when the tuples of their fields' values are (another class: ``NotImplemented``),
    the hash is that tuple's, and the repr is ``Name(field=value, ...)``. ``dataclass`` writes each as
    source text for each class and compiles it as the class is defined, a quarter of what importing this
    module costs every time the explorer starts; here they are three closures over one ``attrgetter`` of
    the fields, made without compiling anything. (Unlike ``dataclass``'s repr, this one has no guard
    against an instance that contains itself: frozen values of tuples and strings cannot.)
    """
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(map('{}={!r}'.format, names, values(self)))})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Document:
    """One article. ``text`` is the full decoded file text; every offset points into it."""

    id: str
    path: str
    text: str
    title: str
    published: str | None = None  # ISO date (or interval when inferred and bounded)
    published_from: DateSource = DateSource.NONE
    published_how: str = ""  # reasoning, for inferred or weak dates
    url: str = ""
    author: str = ""
    warnings: tuple[str, ...] = ()


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Actor:
    """A person, organisation, country or group the events involve; ``aliases`` are other names it went by."""

    id: str
    name: str
    kind: ActorKind = ActorKind.OTHER
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Quote:
    """Words an event's sources put in someone's mouth; ``speaker`` is an actor id when known."""

    text: str
    speaker: str | None = None  # actor id


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Source:
    """One passage that reports an event: the evidence a user can jump to."""

    document: str  # document id
    start: int  # character offsets of the sentence in the document text
    end: int
    text: str  # the sentence, == document.text[start:end]
    time_text: str = ""  # the time expression, if any
    time_start: int | None = None  # its offsets in the document text
    time_end: int | None = None
    how: str = ""  # derivation of the date from this passage


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Event:
    """One thing that happened, merged across the documents that report it, with its date and evidence."""

    id: str
    title: str
    date: str | None = None  # ISO at precision, or "A/B" interval; None when undated
    precision: Precision | None = None
    certainty: Certainty | None = None
    actors: tuple[str, ...] = ()  # actor ids, subject first
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()
    how: str = ""  # derivation of the merged date

    @property
    def bounds(self) -> tuple[dt.date, dt.date] | None:
        return date_bounds(self.date) if self.date else None


class Deferred:
    """An event's quotes and sources, not built yet: what those fields hold until first read.

    A saved timeline of 10,000 events carries some 30,000 quotes and passages, yet opening
    it shows a screenful of rows; only those rows, the detail pane and a search read them.
    A reader may therefore pass one ``Deferred`` (a subclass of it) for both
    :attr:`Event.quotes` and :attr:`Event.sources`: ``build(name)`` makes the field's tuple
    the first time it is read, and the event keeps it from then on. Whoever makes one
    vouches that ``build`` returns the tuple or raises the reader's own one-line error
    (see :mod:`timeline.toml_io`); ``documents()`` names the documents the sources are in,
    so that :func:`cited_documents` need not build them.
    """

    __slots__ = ()

    def build(self, name: str) -> tuple[Any, ...]:
        raise NotImplementedError

    def documents(self) -> Iterable[str]:
        """The document of each source, in order (one a source: :func:`source_count` counts them)."""
        raise NotImplementedError

    def passages(self) -> Iterable[tuple[str, int, int, str]]:
        """(document, start, end, text) of each source, without building them."""
        return [(s.document, s.start, s.end, s.text) for s in self.build("sources")]


def _deferred_field(cls: type, name: str) -> Any:
    """Make a slot of a frozen dataclass build a :class:`Deferred` value on first read.

    The field stays a field (constructor, ``replace``, equality, hashing, pickling all go
    through it); only reading it is different, and it never returns a ``Deferred``.
    """
    slot = cls.__dict__[name]
    read, write = slot.__get__, slot.__set__

    def get(self: Any) -> Any:
        value = read(self, cls)
        if type(value) is not tuple and isinstance(value, Deferred):
            value = value.build(name)
            write(self, value)
        return value

    setattr(cls, name, property(get, write, doc=f"{cls.__name__}.{name}, built on first read when deferred"))
    return read


_raw_quotes = _deferred_field(Event, "quotes")
_raw_sources = _deferred_field(Event, "sources")


def cited_documents(events: Iterable[Event]) -> set[str]:
    """Ids of the documents the events' sources are in, without building deferred sources (or events)."""
    cited: set[str] = set()
    for raw in _stored_sources(events):
        cited.update(raw.documents() if isinstance(raw, Deferred) else (s.document for s in raw))
    return cited


def source_passages(event: Event) -> Iterable[tuple[str, int, int, str]]:
    """(document, start, end, text) of each of the event's sources, without building deferred ones."""
    raw = _raw_sources(event, Event)
    if isinstance(raw, Deferred):
        return raw.passages()
    return [(s.document, s.start, s.end, s.text) for s in raw]


def source_count(event: Event) -> int:
    """How many sources report the event, without building deferred ones (a row of the list shows it)."""
    raw = _raw_sources(event, Event)
    return len(list(raw.documents())) if isinstance(raw, Deferred) else len(raw)


def is_built(event: Event) -> bool:
    """Whether the event's quotes and sources are built (tests and benchmarks count the work)."""
    return not isinstance(_raw_quotes(event, Event), Deferred) and not isinstance(_raw_sources(event, Event), Deferred)


class DeferredEvents(Sequence[Event]):
    """A timeline's events, each made the first time it is read: what :attr:`Timeline.events` may hold.

    The explorer opens a saved timeline of 10,000 events to show a screenful of them; making
    the other events first would cost more than reading the whole file. A reader that has
    checked every event's fields (see :mod:`timeline.toml_io`) may therefore hand over a
    subclass whose :meth:`_make` makes the event at an index and :meth:`_make_all` all of
    them at once. The sequence behaves as the tuple of its events does for every reader:
    ``len``, indexing (each index gives the same object every time), slices (tuples),
    iteration, ``in``, ``index``, ``count``, ``+``, ``==`` and ``hash`` (with the tuple of
    the same events too), ``repr``, copying and pickling (as that tuple). Iterating, comparing
    or hashing makes every event still missing, at once. It is no ``tuple`` instance, though
    (``isinstance`` says so, and ``json`` would not write it), and reading one event by its
    index is a Python call, a fraction of a microsecond more than a tuple's.

    :meth:`_sources_of` gives what each event's ``sources`` field holds (a
    :class:`Deferred` or the tuple) without making the events, for :func:`cited_documents`
    and :func:`every_source_passage`.
    """

    __slots__ = ("_count", "_made", "_whole")

    def __init__(self, count: int) -> None:
        self._count = count
        self._made: list[Event | None] = [None] * count  # each index's event once made; the events when whole
        self._whole: tuple[Event, ...] | None = None

    def _make(self, index: int) -> Event:
        """The event at ``index`` (0 <= index < len), made afresh."""
        raise NotImplementedError

    def _make_all(self) -> list[Event]:
        """Every event, made afresh (the ones made before are kept instead: :meth:`whole`)."""
        return list(map(self._make, range(self._count)))

    def _sources_of(self, index: int) -> Any:
        """What the ``sources`` field of the event at ``index`` holds; a subclass may say without making it."""
        return _raw_sources(self[index], Event)

    def whole(self) -> tuple[Event, ...]:
        """The tuple of the events, every one made."""
        whole = self._whole
        if whole is None:
            made = self._made
            every = self._make_all()
            for i, event in enumerate(made):  # an event handed out before stays the one at its index
                if event is not None:
                    every[i] = event
            whole = self._whole = tuple(every)
            self._made = every
        return whole

    def made(self) -> int:
        """How many of the events are made so far (tests and benchmarks count the work)."""
        return self._count - self._made.count(None)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        event = self._made[index]  # an index out of range or of a wrong type fails as for a tuple
        if event is not None and type(index) is not slice:
            return event
        if type(index) is slice:
            return (
                self._whole[index]
                if self._whole is not None
                else tuple(map(self.__getitem__, range(*index.indices(self._count))))
            )
        at = index.__index__() % self._count
        event = self._made[at] = self._make(at)
        return event

    def __iter__(self) -> Iterator[Event]:
        return iter(self.whole())

    def __reversed__(self) -> Iterator[Event]:
        return reversed(self.whole())

    def __contains__(self, value: object) -> bool:
        return value in self.whole()

    def index(self, value: Any, start: int = 0, stop: int = sys.maxsize) -> int:
        return self.whole().index(value, start, stop)

    def count(self, value: Any) -> int:
        return self.whole().count(value)

    @staticmethod
    def _tuple(other: object) -> Any:
        return other.whole() if isinstance(other, DeferredEvents) else other

    def __eq__(self, other: object) -> bool:
        return self.whole() == self._tuple(other) if isinstance(other, (tuple, DeferredEvents)) else NotImplemented

    def __lt__(self, other: object) -> bool:
        return self.whole() < self._tuple(other) if isinstance(other, (tuple, DeferredEvents)) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.whole() <= self._tuple(other) if isinstance(other, (tuple, DeferredEvents)) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.whole() > self._tuple(other) if isinstance(other, (tuple, DeferredEvents)) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.whole() >= self._tuple(other) if isinstance(other, (tuple, DeferredEvents)) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.whole())

    def __add__(self, other: object) -> Any:
        return self.whole() + self._tuple(other) if isinstance(other, (tuple, DeferredEvents)) else NotImplemented

    def __radd__(self, other: object) -> Any:
        return other + self.whole() if isinstance(other, tuple) else NotImplemented

    def __mul__(self, times: int) -> tuple[Event, ...]:
        return self.whole() * times

    __rmul__ = __mul__

    def __repr__(self) -> str:
        return repr(self.whole())

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (self.whole(),)


def _stored_sources(events: Iterable[Event]) -> Iterable[Any]:
    if isinstance(events, DeferredEvents):
        return map(events._sources_of, range(len(events)))
    return map(_raw_sources, events, repeat(Event))


def every_source_passage(events: Iterable[Event]) -> Iterator[tuple[str, int, int, str]]:
    """(document, start, end, text) of every source of the events, without building deferred ones or events."""
    for raw in _stored_sources(events):
        yield from (
            raw.passages() if isinstance(raw, Deferred) else [(s.document, s.start, s.end, s.text) for s in raw]
        )


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Timeline:
    """The whole picture: documents, actors and events, with what built it and its corpus-level notes.

    ``events`` is a tuple, or, for a saved timeline the explorer opens from its cache, a
    :class:`DeferredEvents` that behaves as that tuple and makes each event when first read.
    """

    documents: tuple[Document, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = SCHEMA
    generator: str = ""
    model: str = ""
    notes: tuple[str, ...] = field(default=())  # corpus-level reasoning and warnings

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def __getattr__(name: str) -> Any:
    """:class:`timeline.expressions.TimeExpression` and ``TimexType``, by their old names here.

    They are the builder's annotations of a document's text, not part of a :class:`Timeline`, and
    live in :mod:`timeline.expressions`, imported the first time one is named: opening a saved
    timeline does not define them.
    """
    if name in ("TimeExpression", "TimexType"):
        from timeline import expressions

        return getattr(expressions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- ISO date strings ---------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _point_bounds(value: str) -> tuple[dt.date, dt.date, Precision]:
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError(f"not an ISO date: {value!r}")
    y, mo, d = m.group(1), m.group(2), m.group(3)
    year = int(y)
    if d:
        day = dt.date(year, int(mo), int(d))
        return day, day, Precision.DAY
    if mo:
        month = int(mo)
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1), Precision.MONTH
    return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a date string can mean (inclusive).

    ``2023-04`` → (2023-04-01, 2023-04-30); ``2024-02-10/2024-02-12`` → its ends.
    """
    if "/" in value:
        a, b = value.split("/", 1)
        return _point_bounds(a)[0], _point_bounds(b)[1]
    lo, hi, _ = _point_bounds(value)
    return lo, hi


def date_precision(value: str) -> Precision:
    """The precision an ISO date string is written at."""
    if "/" in value:
        return Precision.INTERVAL
    return _point_bounds(value)[2]


def is_valid_date(value: str) -> bool:
    try:
        lo, hi = date_bounds(value)
    except ValueError:
        return False
    return lo <= hi
