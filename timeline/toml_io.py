"""The timeline as TOML: written with tomli-w, read with tomllib, validated on the way in.

The reader is the app's only way into a saved timeline, so it must never need spaCy
and must turn any malformed file into one :class:`TimelineFileError` that names the
file and the field, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from timeline.files import atomic_write_text
from timeline.model import (
    SCHEMA,
    Actor,
    ActorKind,
    Certainty,
    DateSource,
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_timeline(timeline: Timeline, *, embed_text: bool = False) -> str:
    """The timeline as TOML text. tomli-w escapes quotes, backslashes and control
    characters; lone surrogates (which no UTF-8 file can hold, and which the corpus
    reader already replaces) become U+FFFD here too, so writing never fails on text."""
    return _SURROGATE.sub("\ufffd", tomli_w.dumps(timeline_to_dict(timeline, embed_text=embed_text)))


def write_timeline(
    timeline: Timeline,
    path: str | os.PathLike[str],
    *,
    embed_text: bool = False,
    overwrite: bool = False,
) -> Path:
    """Atomically write ``timeline`` to ``path``; refuses to overwrite unless asked."""
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


def timeline_from_dict(data: dict[str, Any], source: str = "<timeline>") -> Timeline:
    """Build and validate a :class:`Timeline`; every reference and offset is checked."""
    r = _Reader(source)
    schema = r.get(data, "schema", str, "top level")
    name, _, version = schema.partition("/")
    if name != SCHEMA_NAME or not version.isdigit() or len(version) > 6:
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


def loads_timeline(text: str, source: str = "<timeline>") -> Timeline:
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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TimelineFileError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    return loads_timeline(text, str(p))
