"""The timeline as TOML: written with tomli-w, read with tomllib, validated on the way in.

The reader is the app's only way into a saved timeline, so it must never need spaCy
and must turn any malformed file into one :class:`TimelineFileError` that names the
file and the field, never a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import accumulate, chain, compress, count, groupby, repeat
from operator import add, itemgetter, le, not_
from pathlib import Path
from types import MemberDescriptorType, MethodWrapperType
from typing import Any

from timeline.model import (
    SCHEMA,
    Actor,
    ActorKind,
    Certainty,
    DateSource,
    Deferred,
    DeferredEvents,
    Document,
    Event,
    Precision,
    Quote,
    Source,
    Timeline,
    is_valid_date,
)

SCHEMA_NAME, _, SCHEMA_VERSION = SCHEMA.partition("/")


class TimelineFileError(ValueError):
    """A timeline file that cannot be read; the message is one line for the user."""


# --- writing ------------------------------------------------------------------------


#: Fields the reader requires: written even when empty, so any timeline reads back.
_REQUIRED = frozenset({"id", "name", "title", "document", "start", "end"})


def _drop_empty(table: dict[str, Any], required: frozenset[str] = _REQUIRED) -> dict[str, Any]:
    """TOML has no null: absent means None; empty strings and lists are left out too."""
    return {k: v for k, v in table.items() if v is not None and (k in required or (v != "" and v != [] and v != ()))}


def timeline_to_dict(timeline: Timeline, *, embed_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": timeline.schema}
    if timeline.generator:
        out["generator"] = timeline.generator
    if timeline.model:
        out["model"] = timeline.model
    if timeline.notes:
        out["notes"] = list(timeline.notes)
    out["documents"] = [
        _drop_empty(
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "published": d.published,
                "published_from": str(d.published_from),
                "published_how": d.published_how,
                "url": d.url,
                "author": d.author,
                "warnings": list(d.warnings),
                "text": d.text if embed_text else None,
            }
        )
        | {"published_from": str(d.published_from)}
        for d in timeline.documents
    ]
    out["actors"] = [
        _drop_empty(
            {
                "id": a.id,
                "name": a.name,
                "kind": str(a.kind),
                "aliases": list(a.aliases),
                "mentions": a.mentions,
            }
        )
        for a in timeline.actors
    ]
    out["events"] = [_event_to_dict(e) for e in timeline.events]
    return out


def _event_to_dict(e: Event) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": e.id,
            "date": e.date,
            "precision": str(e.precision) if e.precision else None,
            "certainty": str(e.certainty) if e.certainty else None,
            "title": e.title,
            "how": e.how,
            "actors": list(e.actors),
            "quotes": [_drop_empty({"text": q.text, "speaker": q.speaker}, frozenset({"text"})) for q in e.quotes],
            "sources": [
                _drop_empty(
                    {
                        "document": s.document,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                        "time_text": s.time_text,
                        "time_start": s.time_start,
                        "time_end": s.time_end,
                        "how": s.how,
                    }
                )
                for s in e.sources
            ],
        }
    )


_SURROGATE = "[\ud800-\udfff]"  # compiled when first written (``re`` keeps it), not when a timeline is opened


def dumps_timeline(timeline: Timeline, *, embed_text: bool = False) -> str:
    """The timeline as TOML text. tomli-w escapes quotes, backslashes and control
    characters; lone surrogates (which no UTF-8 file can hold, and which the corpus
    reader already replaces) become U+FFFD here too, so writing never fails on text."""
    import tomli_w  # the writer only: opening a timeline never loads it

    return re.sub(_SURROGATE, "\ufffd", tomli_w.dumps(timeline_to_dict(timeline, embed_text=embed_text)))


def write_timeline(
    timeline: Timeline,
    path: str | os.PathLike[str],
    *,
    embed_text: bool = False,
    overwrite: bool = False,
) -> Path:
    """Atomically write ``timeline`` to ``path``; refuses to overwrite unless asked."""
    from timeline.files import atomic_write_text

    return atomic_write_text(path, dumps_timeline(timeline, embed_text=embed_text), overwrite=overwrite)


# --- reading ------------------------------------------------------------------------


class _Reader:
    """Typed field access that reports the failing field's path in the error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> TimelineFileError:
        return TimelineFileError(f"{self.source}: {where}: {problem}")

    def get(
        self, table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = ...
    ) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(f"{where}.{key}", "missing field")
            return default
        value = table[key]
        if kind is int and isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "expected an integer")
        if not isinstance(value, kind):
            name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(f"{where}.{key}", f"expected {name}, got {type(value).__name__}")
        return value

    def enum(self, table: dict[str, Any], key: str, enum: type, where: str, default: Any = ...) -> Any:
        raw = self.get(table, key, str, where, default)
        if raw is None or raw is default:
            return raw
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(f"{where}.{key}", f"{raw!r} is not one of {allowed}") from None

    def strings(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        values = self.get(table, key, list, where, [])
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise self.fail(f"{where}.{key}[{i}]", "expected a string")
        return tuple(values)

    def tables(self, table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        values = self.get(table, key, list, where, [])
        for i, v in enumerate(values):
            if not isinstance(v, dict):
                raise self.fail(f"{where}.{key}[{i}]", "expected a table")
        return values


def _checked_timeline_from_dict(data: dict[str, Any], source: str) -> Timeline:
    """:func:`timeline_from_dict` a field at a time, naming the first field that is wrong."""
    r = _Reader(source)
    schema = r.get(data, "schema", str, "top level")
    name, _, version = schema.partition("/")
    if name != SCHEMA_NAME or not (version.isascii() and version.isdigit()) or len(version) > 6:
        raise r.fail("schema", f"{schema!r} is not a timeline schema (expected {SCHEMA!r})")
    if int(version) > int(SCHEMA_VERSION):
        raise r.fail("schema", f"{schema!r} is newer than this program reads ({SCHEMA!r}); upgrade timeline")
    if int(version) < 1:
        raise r.fail("schema", f"unsupported schema version {schema!r}")

    documents: list[Document] = []
    for i, t in enumerate(r.tables(data, "documents", "top level")):
        w = f"documents[{i}]"
        published = r.get(t, "published", str, w, None)
        if published is not None and not is_valid_date(published):
            raise r.fail(f"{w}.published", f"{published!r} is not an ISO date")
        documents.append(
            Document(
                id=r.get(t, "id", str, w),
                path=r.get(t, "path", str, w, ""),
                text=r.get(t, "text", str, w, ""),
                title=r.get(t, "title", str, w, ""),
                published=published,
                published_from=r.enum(t, "published_from", DateSource, w, DateSource.NONE),
                published_how=r.get(t, "published_how", str, w, ""),
                url=r.get(t, "url", str, w, ""),
                author=r.get(t, "author", str, w, ""),
                warnings=r.strings(t, "warnings", w),
            )
        )
    doc_by_id = {d.id: d for d in documents}
    if len(doc_by_id) != len(documents):
        raise r.fail("documents", "duplicate document id")

    actors: list[Actor] = []
    for i, t in enumerate(r.tables(data, "actors", "top level")):
        w = f"actors[{i}]"
        actors.append(
            Actor(
                id=r.get(t, "id", str, w),
                name=r.get(t, "name", str, w),
                kind=r.enum(t, "kind", ActorKind, w, ActorKind.OTHER),
                aliases=r.strings(t, "aliases", w),
                mentions=r.get(t, "mentions", int, w, 0),
            )
        )
    actor_ids = {a.id for a in actors}
    if len(actor_ids) != len(actors):
        raise r.fail("actors", "duplicate actor id")

    events: list[Event] = []
    for i, t in enumerate(r.tables(data, "events", "top level")):
        w = f"events[{i}]"
        date = r.get(t, "date", str, w, None)
        if date is not None and not is_valid_date(date):
            raise r.fail(f"{w}.date", f"{date!r} is not an ISO date or interval")
        event_actors = r.strings(t, "actors", w)
        for a in event_actors:
            if a not in actor_ids:
                raise r.fail(f"{w}.actors", f"unknown actor {a!r}")
        quotes = []
        for j, q in enumerate(r.tables(t, "quotes", w)):
            speaker = r.get(q, "speaker", str, f"{w}.quotes[{j}]", None)
            if speaker is not None and speaker not in actor_ids:
                raise r.fail(f"{w}.quotes[{j}].speaker", f"unknown actor {speaker!r}")
            quotes.append(Quote(text=r.get(q, "text", str, f"{w}.quotes[{j}]"), speaker=speaker))
        sources = []
        for j, s in enumerate(r.tables(t, "sources", w)):
            sw = f"{w}.sources[{j}]"
            doc_id = r.get(s, "document", str, sw)
            doc = doc_by_id.get(doc_id)
            if doc is None:
                raise r.fail(f"{sw}.document", f"unknown document {doc_id!r}")
            start, end = r.get(s, "start", int, sw), r.get(s, "end", int, sw)
            time_start = r.get(s, "time_start", int, sw, None)
            time_end = r.get(s, "time_end", int, sw, None)
            limit = len(doc.text) if doc.text else None
            for key, off in (("start", start), ("end", end), ("time_start", time_start), ("time_end", time_end)):
                if off is not None and (off < 0 or (limit is not None and off > limit)):
                    raise r.fail(f"{sw}.{key}", f"offset {off} is outside document {doc_id!r}")
            if end < start:
                raise r.fail(f"{sw}.end", "end is before start")
            if time_start is not None and time_end is not None and time_end < time_start:
                raise r.fail(f"{sw}.time_end", "time_end is before time_start")
            sources.append(
                Source(
                    document=doc_id,
                    start=start,
                    end=end,
                    text=r.get(s, "text", str, sw, ""),
                    time_text=r.get(s, "time_text", str, sw, ""),
                    time_start=time_start,
                    time_end=time_end,
                    how=r.get(s, "how", str, sw, ""),
                )
            )
        events.append(
            Event(
                id=r.get(t, "id", str, w),
                title=r.get(t, "title", str, w),
                date=date,
                precision=r.enum(t, "precision", Precision, w, None),
                certainty=r.enum(t, "certainty", Certainty, w, None),
                actors=event_actors,
                quotes=tuple(quotes),
                sources=tuple(sources),
                how=r.get(t, "how", str, w, ""),
            )
        )
    if len({e.id for e in events}) != len(events):
        raise r.fail("events", "duplicate event id")

    return Timeline(
        documents=tuple(documents),
        actors=tuple(actors),
        events=tuple(events),
        schema=schema,
        generator=r.get(data, "generator", str, "top level", ""),
        model=r.get(data, "model", str, "top level", ""),
        notes=r.strings(data, "notes", "top level"),
    )


# --- the fast reader --------------------------------------------------------------------
#
# A 10,000-event file holds some 40,000 tables; checking them one typed ``get`` at a time
# costs more than the app's whole start-up. The fast reader checks the same rules with
# plain comparisons on positional rows and vouches only for what it fully understands;
# anything else (a wrong type, a bad date, a dangling reference, an ``int`` subclass...)
# goes to the checked reader above, which either names the field or accepts it. Both build
# the same objects, so the fast path changes how long reading takes, never what it returns.
#
# Rows are lists in the dataclasses' field order, with None for "absent":
#   documents: id, path, text, title, published, published_from, published_how, url, author, warnings
#   actors:    id, name, kind, aliases, mentions
#   events:    id, title, date, precision, certainty, actors, quotes, sources, how
#   quotes:    text, speaker        sources: document, start, end, text, time_text, time_start, time_end, how
# and the whole: [schema, generator, model, notes, documents, actors, events].


class _Unvouched(Exception):
    """The fast reader met something it does not vouch for; the checked reader decides."""


_MISSING: Any = object()
_NO_ARRAY: list[Any] = []  # the default of an absent array; only ever read
_DATE_SOURCES = {m.value: m for m in DateSource}
_ACTOR_KINDS = {m.value: m for m in ActorKind}
_PRECISIONS = {m.value: m for m in Precision}
_CERTAINTIES = {m.value: m for m in Certainty}


def _is_iso_day(value: str) -> bool:
    return (
        len(value) == 10
        and value[4] == "-" == value[7]
        and value.isascii()
        and value[:4].isdigit()
        and value[5:7].isdigit()
        and value[8:].isdigit()
    )


def _same_shape(values: list[str], width: int, marks: tuple[tuple[int, str], ...]) -> bool:
    """Whether these ``width``-character strings are ASCII with each mark at its position: one join, a slice a mark."""
    joined = "".join(values)
    return joined.isascii() and all(joined[at::width] == mark * len(values) for at, mark in marks)


_DAY_MARKS = ((4, "-"), (7, "-"))
_SPAN_MARKS = ((4, "-"), (7, "-"), (10, "/"), (15, "-"), (18, "-"))
_MONTH_MARKS = ((4, "-"),)


def _valid_dates(values: set[Any]) -> bool:
    """Whether each of these is None or a date string :func:`_valid_date` accepts.

    Grouped by length, the days, day intervals and months (nearly all of a big timeline's
    dates) are each checked for their shape at once and parsed by one ``map``: of ASCII in
    the shape of a day, ``date.fromisoformat`` takes only ``YYYY-MM-DD``, and a month is a
    day on its first, but for ``9999-12``, whose end (the day before 10000-01-01) is no date.
    Any other group is checked a value at a time.
    """
    values = values - {None}
    if not _all_strings(values):
        return False
    others: list[str] = []
    try:
        for width, group in groupby(sorted(values, key=len), len):
            same = list(group)
            if width == 10 and _same_shape(same, 10, _DAY_MARKS):
                deque(map(dt.date.fromisoformat, same), maxlen=0)
            elif width == 21 and _same_shape(same, 21, _SPAN_MARKS):
                starts = map(dt.date.fromisoformat, map(itemgetter(slice(0, 10)), same))
                if not all(map(le, starts, map(dt.date.fromisoformat, map(itemgetter(slice(11, 21)), same)))):
                    return False
            elif width == 7 and _same_shape(same, 7, _MONTH_MARKS) and "9999-12" not in values:
                deque(map(dt.date.fromisoformat, map(add, same, repeat("-01"))), maxlen=0)
            else:
                others += same
    except ValueError:
        return False
    return all(map(_valid_date, others))


def _valid_date(value: str) -> bool:
    """:func:`timeline.model.is_valid_date`, at C speed for days and day intervals."""
    try:
        if len(value) == 10 and value[4] == "-" == value[7] and value.isascii():
            dt.date.fromisoformat(value)  # of ASCII in this shape, it takes only YYYY-MM-DD
            return True
        if len(value) == 21 and value[10] == "/" and _is_iso_day(value[:10]) and _is_iso_day(value[11:]):
            return dt.date.fromisoformat(value[:10]) <= dt.date.fromisoformat(value[11:])
    except ValueError:
        return False
    return is_valid_date(value)


def _schema_ok(schema: Any) -> bool:
    if type(schema) is not str:
        return False
    name, _, version = schema.partition("/")
    if name != SCHEMA_NAME or not (version.isascii() and version.isdigit()) or len(version) > 6:
        return False
    return 1 <= int(version) <= int(SCHEMA_VERSION)


def _all_strings(*columns: Any) -> bool:
    """Whether every value in the columns is a string: ``str.join`` takes nothing else, at C speed.

    Four times quicker than collecting the values' types; a ``str`` subclass passes (no parser
    makes one), which the checked reader accepts as well.
    """
    try:
        for column in columns:
            "".join(column)
    except TypeError:
        return False
    return True


def _strings(values: Any) -> tuple[str, ...]:
    if type(values) is not list or not all(type(v) is str for v in values):
        raise _Unvouched
    return tuple(values)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a timeline is parsed and built.

    Reading a big timeline allocates some 200,000 containers, none of them garbage; each
    time the allocations pass the collector's threshold it walks the young ones again,
    which roughly doubles the time the objects take to build.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parts(
    quote_rows: Any, source_rows: Any, actor_ids: set[str], limits: dict[str, int | None]
) -> tuple[tuple[Quote, ...], tuple[Source, ...]]:
    """One event's quotes and sources from rows that pass every check; :class:`_Unvouched` otherwise."""
    if type(quote_rows) is not list or type(source_rows) is not list:
        raise _Unvouched
    quotes = []
    for quote in quote_rows:
        if type(quote) is not list:  # two keys of a table would unpack as well
            raise _Unvouched
        text, speaker = quote
        if type(text) is not str or (speaker is not None and speaker not in actor_ids):
            raise _Unvouched
        quotes.append(Quote(text, speaker))
    sources = []
    for doc_id, start, end, text, time_text, time_start, time_end, source_how in source_rows:
        limit = limits[doc_id]
        if type(start) is not int or type(end) is not int or not 0 <= start <= end:
            raise _Unvouched
        if not (type(text) is type(time_text) is type(source_how) is str):
            raise _Unvouched
        if time_start is not None and (type(time_start) is not int or time_start < 0):
            raise _Unvouched
        if time_end is not None and (type(time_end) is not int or time_end < 0):
            raise _Unvouched
        if time_start is not None and time_end is not None and time_end < time_start:
            raise _Unvouched
        if limit is not None and max(end, time_start or 0, time_end or 0) > limit:
            raise _Unvouched
        sources.append(Source(doc_id, start, end, text, time_text, time_start, time_end, source_how))
    return tuple(quotes), tuple(sources)


def _slot_setters(cls: type) -> list[Any] | None:
    """Each field's slot setter, in field order, for a frozen slotted dataclass whose ``__init__`` only sets
    its fields (no ``__post_init__``, every field an argument); None for any other class.

    A field made deferred (:func:`timeline.model._deferred_field`) is a property over its slot;
    its setter is the slot's own.
    """
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        return None
    init = getattr(cls.__init__, "__code__", None)
    if not cls.__dataclass_params__.frozen or init is None or init.co_filename != "<string>":
        return None  # not dataclass's own __init__ (a class's own is kept, and is code in a file)
    setters = []
    for f in dataclasses.fields(cls):
        attr = cls.__dict__.get(f.name)
        if not f.init:
            return None
        if type(attr) is MemberDescriptorType:
            setters.append(attr.__set__)
        elif type(attr) is property and type(attr.fset) is MethodWrapperType:
            setters.append(attr.fset)
        else:
            return None
    return setters


_SETTERS = {cls: _slot_setters(cls) for cls in (Document, Actor, Event)}


def _new(cls: type, n: int, *columns: Iterable[Any]) -> list[Any]:
    """``list(map(cls, *columns))``: the same objects, made without a Python call each.

    A model class's ``__init__`` does nothing but set its fields; setting them a column at a
    time, each one ``map`` over the new objects at C speed, makes 10,000 events in a quarter
    of the time. Should the class ever check its fields on creation, this is plain ``map``.
    """
    setters = _SETTERS.get(cls)
    if setters is None or len(columns) != len(setters):
        return list(map(cls, *columns))
    made = list(map(object.__new__, repeat(cls, n)))
    for setter, column in zip(setters, columns, strict=True):
        deque(map(setter, made, column), maxlen=0)
    return made


def _new_events(n: int, *columns: Iterable[Any]) -> list[Event]:
    return _new(Event, n, *columns)


def _columns(rows: list[Any], width: int) -> list[Any]:
    """The rows (each ``width`` long) as columns; ValueError for a row of another length."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * width
    if len(columns) != width:
        raise ValueError("not a row of this table")
    return columns


_OPTIONAL_PRECISIONS: dict[Any, Precision | None] = {None: None, **_PRECISIONS}
_OPTIONAL_CERTAINTIES: dict[Any, Certainty | None] = {None: None, **_CERTAINTIES}


def _events(
    event_rows: list[Any],
    actor_ids: set[str],
    doc_ids: frozenset[str],
    limits: dict[str, int | None],
    lazy: tuple[str, bytes | memoryview, set[str]] | None,
) -> list[Event]:
    """The events of :func:`_build`, checked a column at a time.

    10,000 rows checked one field at a time in Python cost more than the app's first frame;
    split into columns (``zip``), each check is one pass at C speed (``map``, ``set``), and
    each distinct date string is checked once. Lazy rows hold the events as columns already;
    the documents their sources cite are added to ``lazy[2]``.
    """
    if lazy is None:
        if not event_rows:
            return []
        if set(map(type, event_rows)) != {list} or set(map(len, event_rows)) != {9}:
            raise _Unvouched
        columns: Any = zip(*event_rows, strict=True)
    else:
        if len(event_rows) != 9 or set(map(type, event_rows)) != {list} or len(set(map(len, event_rows))) != 1:
            raise _Unvouched
        if not event_rows[0]:
            if lazy[1]:  # parts no event claims
                raise _Unvouched
            return []
        columns = event_rows
    ids, titles, dates, precisions, certainties, whos, quote_rows, source_rows, hows = columns
    if not _all_strings(ids, titles, hows):
        raise _Unvouched
    if len(set(ids)) != len(ids):
        raise _Unvouched
    if not _valid_dates(set(dates)):  # a date string shared by many events is checked once
        raise _Unvouched
    # lazy rows hold each event's actors as the tuple the event keeps; rows read from a file, as lists
    if set(map(type, whos)) != {list if lazy is None else tuple}:
        raise _Unvouched
    if not actor_ids.issuperset(chain.from_iterable(whos)):
        raise _Unvouched
    if lazy is None:
        parts = [_parts(q, s, actor_ids, limits) for q, s in zip(quote_rows, source_rows, strict=True)]
        precisions = map(_OPTIONAL_PRECISIONS.__getitem__, precisions)
        certainties = map(_OPTIONAL_CERTAINTIES.__getitem__, certainties)
        return _new_events(len(ids), ids, titles, dates, precisions, certainties, map(tuple, whos),
                           [p[0] for p in parts], [p[1] for p in parts], hows)  # fmt: skip
    # lazy rows: the length of each event's parts in the file's parts, and their documents
    if not (_OPTIONAL_PRECISIONS.keys() >= set(precisions) and _OPTIONAL_CERTAINTIES.keys() >= set(certainties)):
        raise _Unvouched
    lengths, cited = quote_rows, source_rows
    if set(map(type, lengths)) != {int} or min(lengths) < 0 or not set(map(type, cited)) <= {list}:
        raise _Unvouched
    documents = frozenset(chain.from_iterable(cited))
    if not doc_ids.issuperset(documents):
        raise _Unvouched
    lazy[2].update(documents)
    if any(compress(cited, map(not_, lengths))):  # documents cited, yet no parts
        raise _Unvouched
    # each event's parts, then a comma: the parts end one byte short of the lengths and commas
    with_parts = len(lengths) - lengths.count(0)
    total = sum(lengths) + with_parts
    if (with_parts and total - 1 > len(lazy[1])) or total < len(lazy[1]):
        raise _Unvouched  # a part past the end, or parts no event claims
    checks = _Checks(lazy[0], lazy[1], actor_ids, limits, with_parts, lengths, cited)
    return _LazyEvents(checks, columns)


class _LazyEvents(DeferredEvents):
    """The events of lazy rows, every field checked (:func:`_events`), each made when first read."""

    __slots__ = ("_checks", "_columns", "_ordinals")

    def __init__(self, checks: _Checks, columns: Any) -> None:
        super().__init__(len(columns[0]))
        self._checks = checks
        self._columns = columns
        self._ordinals: list[int] | None = None  # how many events with parts come up to each, when some have none

    def _pending(self, index: int) -> _PendingParts | tuple[()]:
        """The event's deferred quotes and sources (the events with no parts have none)."""
        checks = self._checks
        if checks.with_parts == self._count:  # (the usual case: every event is reported somewhere)
            return _PendingParts((checks, index, index))
        if not checks.lengths[index]:
            return ()
        if self._ordinals is None:
            self._ordinals = list(accumulate(map(bool, checks.lengths)))
        return _PendingParts((checks, index, self._ordinals[index] - 1))

    def _make(self, index: int) -> Event:
        ids, titles, dates, precisions, certainties, whos, _, _, hows = self._columns
        parts = self._pending(index)
        return Event(ids[index], titles[index], dates[index], _OPTIONAL_PRECISIONS[precisions[index]],
                     _OPTIONAL_CERTAINTIES[certainties[index]], whos[index], parts, parts, hows[index])  # fmt: skip

    def _make_all(self) -> list[Event]:
        ids, titles, dates, precisions, certainties, whos, lengths, _, hows = self._columns
        checks, n = self._checks, self._count
        if checks.with_parts == n:
            parts = list(map(_PendingParts, zip(repeat(checks, n), count(), count())))
        else:
            parts = [()] * n
            at = list(compress(count(), lengths))
            deque(map(parts.__setitem__, at, map(_PendingParts, zip(repeat(checks), at, count()))), maxlen=0)
        precisions = map(_OPTIONAL_PRECISIONS.__getitem__, precisions)
        certainties = map(_OPTIONAL_CERTAINTIES.__getitem__, certainties)
        return _new_events(n, ids, titles, dates, precisions, certainties, whos, parts, parts, hows)

    def _sources_of(self, index: int) -> Any:
        return self._pending(index) if self._made[index] is None else super()._sources_of(index)


def _build(rows: Any, lazy: tuple[str, bytes | memoryview, set[str]] | None = None) -> Timeline:
    """A :class:`Timeline` from rows that pass every check; :class:`_Unvouched` otherwise.

    With ``lazy`` (the file's name, its parts and a set to add the documents cited to), the rows are lazy rows
    (:func:`timeline_lazy_rows`): each event's quotes and sources are checked and built
    when first read, and a failure then names the file.
    """
    try:
        schema, generator, model, notes, doc_rows, actor_rows, event_rows = rows
        if not _schema_ok(schema) or type(generator) is not str or type(model) is not str:
            raise _Unvouched
        if type(doc_rows) is not list or type(actor_rows) is not list or type(event_rows) is not list:
            raise _Unvouched
        # documents and actors a column at a time, as the events are (:func:`_events`)
        doc_ids, paths, texts, titles, published, pub_from, pub_hows, urls, authors, warnings = _columns(doc_rows, 10)
        if not (_all_strings(doc_ids, paths, texts, titles, pub_hows, urls, authors) and _valid_dates(set(published))):
            raise _Unvouched
        if not (set(map(type, warnings)) <= {list} and _all_strings(chain.from_iterable(warnings))):
            raise _Unvouched
        sources_of = map(_DATE_SOURCES.__getitem__, pub_from)
        documents = _new(Document, len(doc_ids), doc_ids, paths, texts, titles, published, sources_of, pub_hows, urls,
                         authors, map(tuple, warnings))  # fmt: skip
        limits = {d.id: len(d.text) or None for d in documents}
        if len(limits) != len(documents):
            raise _Unvouched
        doc_id_set = frozenset(limits)
        ids, names, kinds, aliases, mentions = _columns(actor_rows, 5)
        if not (_all_strings(ids, names) and set(map(type, mentions)) <= {int}):
            raise _Unvouched
        if not (set(map(type, aliases)) <= {list} and _all_strings(chain.from_iterable(aliases))):
            raise _Unvouched
        actors = _new(Actor, len(ids), ids, names, map(_ACTOR_KINDS.__getitem__, kinds), map(tuple, aliases), mentions)
        actor_ids = {a.id for a in actors}
        if len(actor_ids) != len(actors):
            raise _Unvouched
        events = _events(event_rows, actor_ids, doc_id_set, limits, lazy)
        if not isinstance(events, DeferredEvents):
            events = tuple(events)
        return Timeline(tuple(documents), tuple(actors), events, schema, generator, model, _strings(notes))
    except (KeyError, TypeError, ValueError):  # an unknown enum value or id, a row of the wrong shape
        raise _Unvouched from None


def _opt(table: dict[str, Any], key: str) -> Any:
    """An optional field: None when absent, but an explicit null is not vouched for (TOML has none)."""
    value = table.get(key)
    if value is None and key in table:
        raise _Unvouched
    return value


def _array(table: dict[str, Any], key: str) -> list[Any]:
    value = table.get(key, _NO_ARRAY)
    if type(value) is not list:
        raise _Unvouched
    return value


def _rows_from_dict(data: dict[str, Any]) -> list[Any]:
    """The rows of a parsed file; required fields left out become ``_MISSING`` and fail the checks."""
    try:
        get = data.get
        docs = [
            [t.get("id", _MISSING), t.get("path", ""), t.get("text", ""), t.get("title", ""), _opt(t, "published"),
             t.get("published_from", "none"), t.get("published_how", ""), t.get("url", ""), t.get("author", ""),
             t.get("warnings", _NO_ARRAY)]
            for t in _array(data, "documents")
        ]  # fmt: skip
        actors = [
            [t.get("id", _MISSING), t.get("name", _MISSING), t.get("kind", "other"), t.get("aliases", _NO_ARRAY),
             t.get("mentions", 0)]
            for t in _array(data, "actors")
        ]  # fmt: skip
        events = [
            [t.get("id", _MISSING), t.get("title", _MISSING), _opt(t, "date"), _opt(t, "precision"),
             _opt(t, "certainty"), t.get("actors", _NO_ARRAY),
             [[q.get("text", _MISSING), _opt(q, "speaker")] for q in _array(t, "quotes")],
             [[s.get("document", _MISSING), s.get("start", _MISSING), s.get("end", _MISSING), s.get("text", ""),
               s.get("time_text", ""), _opt(s, "time_start"), _opt(s, "time_end"), s.get("how", "")]
              for s in _array(t, "sources")],
             t.get("how", "")]
            for t in _array(data, "events")
        ]  # fmt: skip
        return [get("schema", _MISSING), get("generator", ""), get("model", ""), get("notes", _NO_ARRAY),
                docs, actors, events]  # fmt: skip
    except (AttributeError, TypeError):  # a table that is not a table, an array that is not an array
        raise _Unvouched from None


def timeline_from_dict(data: dict[str, Any], source: str = "<timeline>") -> Timeline:
    """Build and validate a :class:`Timeline`; every reference and offset is checked.

    A file that passes every check is read by the fast reader; any other goes through
    the checked one, which raises a :class:`TimelineFileError` naming the first bad field.
    """
    try:
        with gc_paused():
            return _build(_rows_from_dict(data))
    except _Unvouched:
        return _checked_timeline_from_dict(data, source)


def timeline_rows(timeline: Timeline) -> list[Any]:
    """The timeline as JSON-ready rows (see above): a compact cached form, quick to parse."""
    return [
        timeline.schema, timeline.generator, timeline.model, list(timeline.notes),
        [[d.id, d.path, d.text, d.title, d.published, d.published_from.value, d.published_how, d.url, d.author,
          list(d.warnings)] for d in timeline.documents],
        [[a.id, a.name, a.kind.value, list(a.aliases), a.mentions] for a in timeline.actors],
        [[e.id, e.title, e.date, e.precision.value if e.precision else None,
          e.certainty.value if e.certainty else None, list(e.actors),
          [[q.text, q.speaker] for q in e.quotes],
          [[s.document, s.start, s.end, s.text, s.time_text, s.time_start, s.time_end, s.how] for s in e.sources],
          e.how] for e in timeline.events],
    ]  # fmt: skip


def timeline_from_rows(rows: Any, source: str = "<timeline>") -> Timeline:
    """:func:`timeline_rows` read back, with every check of :func:`timeline_from_dict`."""
    try:
        with gc_paused():
            return _build(rows)
    except _Unvouched:
        raise TimelineFileError(f"{source}: not a valid timeline") from None


# --- lazy rows --------------------------------------------------------------------------
#
# The explorer's own cache of a saved timeline (:func:`timeline.sources.read_saved_timeline`)
# keeps each event's quotes and sources apart, as JSON, parsed, checked and built only when
# the event's quotes or sources are first read (:class:`timeline.model.Deferred`). Opening a
# 10,000-event timeline then parses the rows the list needs and leaves two thirds of the
# file untouched. The parts are one UTF-8 text: for each event that has quotes or sources,
# in order, the JSON of ``[quote rows, source rows]``, with a comma between two events'
# (so the whole reads as one JSON array when every passage is wanted at once). The events
# are columns, not rows (nine lists, one a field, read faster than 10,000 lists of nine),
# each event's actors the tuple the event keeps, and where a row holds its quotes and sources,
# the columns hold each event's ``length`` of parts in that text (0 for none) and its source
# rows' ``documents`` ids.
# Both are checked at once, the parts when they are read, and a failure there is a
# :class:`TimelineFileError` naming the file and the event.


class _Checks:
    """What building one event's parts needs and is checked against, shared by a file's events.

    A plain class with slots (its dict and lists filled in place): a named tuple or a dataclass
    would have its methods compiled as this module is imported, a millisecond of every start-up.
    """

    __slots__ = ("actor_ids", "built", "cited", "ends", "lengths", "limits", "parsed", "parts", "source", "with_parts")

    def __init__(
        self,
        source: str,
        parts: bytes | memoryview,
        actor_ids: set[str],
        limits: dict[str, int | None],
        with_parts: int,
        lengths: list[int],
        cited: list[list[str]],
    ) -> None:
        self.source = source
        self.parts = parts
        self.actor_ids = actor_ids
        self.limits = limits
        #: event index → its parts, until both are read
        self.built: dict[int, tuple[tuple[Quote, ...], tuple[Source, ...]]] = {}
        #: every event's parts, once all of them were wanted at once (:meth:`_PendingParts.passages`)
        self.parsed: list[Any] = []
        self.with_parts = with_parts  # how many events have parts
        self.lengths = lengths  # the events' column of lengths of parts
        self.cited = cited  # the events' column of documents cited
        #: where each event's parts end, comma included (:meth:`span`), once a part is read
        self.ends: list[int] = []

    def span(self, ordinal: int) -> tuple[int, int]:
        """Where in ``parts`` the parts of the ``ordinal``-th event with parts lie."""
        ends = self.ends
        if not ends:  # one pass over the lengths, when a first event's parts are read, not at start
            ends.extend(accumulate(map(add, compress(self.lengths, self.lengths), repeat(1))))
        return (ends[ordinal - 1] if ordinal else 0), ends[ordinal] - 1


class _PendingParts(Deferred, tuple):
    """One event's quotes and sources, not built yet: ``(checks, index, ordinal)``.

    ``ordinal`` counts the events with parts before this one. A tuple underneath, so that
    the 10,000 of a big file are made at C speed; the rest of what an event's parts need
    lies in the columns its file's :class:`_Checks` share.
    """

    __slots__ = ()

    def documents(self) -> list[str]:
        return self[0].cited[self[1]]

    def _rows(self) -> Any:
        checks, _, ordinal = self
        if checks.parsed:
            return checks.parsed[ordinal]
        import json

        start, end = checks.span(ordinal)
        return json.loads(bytes(checks.parts[start:end]))  # (a memoryview's slice: json reads bytes)

    def _damaged(self) -> TimelineFileError:
        return TimelineFileError(f"{self[0].source}: events[{self[1]}]: quotes or sources damaged")

    def passages(self) -> list[tuple[str, int, int, str]]:
        """The sources' (document, start, end, text), checked as far as they go, not built.

        Re-reading the article files checks every stored passage against them: the first
        call parses every event's parts in one go (one JSON array, not 10,000 texts), and
        building them all for that alone would undo the point of deferring them.
        """
        checks, index, _ = self
        built = checks.built.get(index)
        if built is not None:
            return [(s.document, s.start, s.end, s.text) for s in built[1]]
        if not checks.parsed:
            import json

            try:
                every = json.loads(b"[" + checks.parts + b"]")
            except (ValueError, RecursionError):
                every = None  # one event's damage: named when that event is read on its own
            if type(every) is list and len(every) == checks.with_parts:
                checks.parsed.extend(every)
        try:
            out = [(r[0], r[1], r[2], r[3]) for r in self._rows()[1]]
            if [p[0] for p in out] != self.documents() or not all(
                type(a) is int and type(b) is int and 0 <= a <= b and type(t) is str for _, a, b, t in out
            ):
                raise _Unvouched
        except (_Unvouched, LookupError, TypeError, ValueError, RecursionError):
            raise self._damaged() from None
        return out

    def build(self, name: str) -> tuple[Any, ...]:
        checks, index = self[0], self[1]
        built = checks.built.pop(index, None)  # the other field was read first
        if built is None:
            try:
                quote_rows, source_rows = self._rows()
                if (
                    type(source_rows) is not list
                    or [r[0] if type(r) is list and r else None for r in source_rows] != self.documents()
                ):
                    raise _Unvouched
                built = checks.built[index] = _parts(quote_rows, source_rows, checks.actor_ids, checks.limits)
            except (_Unvouched, KeyError, TypeError, ValueError, RecursionError):
                raise self._damaged() from None
        return built[0] if name == "quotes" else built[1]


def timeline_lazy_rows(timeline: Timeline) -> tuple[list[Any], bytes]:
    """:func:`timeline_rows` with each event's quotes and sources set apart (see above): (rows, parts)."""
    import json

    rows = timeline_rows(timeline)
    parts: list[bytes] = []
    for event in rows[6]:
        quotes, sources = event[6], event[7]
        part = (
            json.dumps([quotes, sources], ensure_ascii=False, separators=(",", ":")).encode()
            if quotes or sources
            else b""
        )
        if part:
            parts.append(part)
        event[5], event[6], event[7] = tuple(event[5]), len(part), [s[0] for s in sources]
    rows[6] = [list(column) for column in zip(*rows[6], strict=True)] if rows[6] else [[] for _ in range(9)]
    return rows, b",".join(parts)


def timeline_from_lazy_rows(
    rows: Any, parts: bytes | memoryview, source: str = "<timeline>", cited: set[str] | None = None
) -> Timeline:
    """:func:`timeline_lazy_rows` read back; an event's quotes and sources are checked when first read.

    ``cited``, when given, gets the documents the events' sources cite, read from their column
    (checked as it is read), not from the sources, which stay unbuilt.
    """
    try:
        with gc_paused():
            return _build(rows, (source, parts, set() if cited is None else cited))
    except _Unvouched:
        raise TimelineFileError(f"{source}: not a valid timeline") from None


def loads_timeline(text: str, source: str = "<timeline>") -> Timeline:
    import tomllib  # imported here: a cached timeline is read without it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib names the line and column, except at the very end of the text
        message = str(exc).replace("(at end of document)", f"(at the end, line {max(1, len(text.splitlines()))})")
        raise TimelineFileError(f"{source}: TOML syntax error: {message}") from None
    except RecursionError:
        raise TimelineFileError(f"{source}: TOML syntax error: nested too deeply") from None
    return timeline_from_dict(data, source)


def read_timeline(path: str | os.PathLike[str]) -> Timeline:
    """Read a timeline file; fills document texts from their paths when not embedded."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise TimelineFileError(f"{p}: cannot read: {exc.strerror or exc}") from None
    return read_timeline_bytes(raw, str(p))


def read_timeline_bytes(raw: bytes, source: str) -> Timeline:
    """:func:`read_timeline` of bytes already read from the file ``source``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TimelineFileError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    return loads_timeline(text, source)
