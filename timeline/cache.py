"""The per-document cache: one SQLite file of :class:`DocumentAnalysis` values as JSON.

Why JSON and not pickle: the cache file sits in a user folder and anything may have
replaced it, so reading it must never run code. Every row is decoded against the
dataclass type hints and rejected (re-analysed) when anything does not fit.

Why SQLite: transactions and WAL mean an interrupted build (Ctrl-C, kill) leaves every
committed row usable, and two builds may share the file. A file that is not ours (not
SQLite, a foreign database, truncated, wrong version) is renamed ``*.corrupt-<ts>`` and
a new one started: never trusted, never fatal, warned about once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import sqlite3
import sys
import time
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path

from timeline.candidates import DocumentAnalysis
from timeline.model import Document, Timeline

APPLICATION_ID = 0x544C4E31  # "TLN1": marks the file as ours
FORMAT_VERSION = 1  # PRAGMA user_version; bump when the table layout changes
FILE_NAME = "analyses.sqlite3"

#: Sources whose code decides what an analysis contains: any edit invalidates the cache.
PIPELINE_SOURCES = (
    "analyse.py",
    "events.py",
    "times.py",
    "timex",
    "actors.py",
    "quotes.py",
    "titles.py",
    "candidates.py",
    "doctext.py",
    "model.py",
    "expressions.py",
    "nlp.py",
    "cache.py",
)


def pipeline_version() -> str:
    """A short hash of the analysis code, so changing it invalidates every entry.

    ``TIMELINE_PIPELINE_VERSION`` in the environment replaces it: a benchmark pins the
    version it started with, so that a cold and a warm build share their entries even
    if the code is edited in between.
    """
    pinned = os.environ.get("TIMELINE_PIPELINE_VERSION")
    if pinned:
        return pinned
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"format {FORMAT_VERSION}".encode())
    for name in PIPELINE_SOURCES:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError:
                continue
            h.update(str(f.relative_to(root)).encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:16]


def document_key(document: Document, model: str, pipeline: str) -> str:
    """SHA-256 of everything one analysis depends on: the text, the fields the analysis
    reads (id, title, publication date), the model and the pipeline code."""
    h = hashlib.sha256()
    for part in (pipeline, model, document.id, document.title, document.published or "", document.text):
        b = part.encode("utf-8", "surrogatepass")
        h.update(len(b).to_bytes(8, "little") + b)
    return h.hexdigest()


# --- JSON codec for the frozen dataclasses --------------------------------------------


def encode(value: object) -> object:
    """JSON data of a value: dataclasses as objects, enums by value, sets sorted, tuples as lists."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    how = _ENCODERS.get(kind)
    if how is None:
        how = _ENCODERS[kind] = _encoder(kind)
    return how(value)


def _encoder(kind: type) -> typing.Callable[[object], object]:
    """How :func:`encode` writes values of ``kind``, worked out once per type (every cache write
    encodes thousands of values)."""
    if dataclasses.is_dataclass(kind):
        fields = tuple(f.name for f in dataclasses.fields(kind))
        return lambda value: {name: encode(getattr(value, name)) for name in fields}
    if issubclass(kind, enum.Enum):
        return lambda value: value.value  # type: ignore[attr-defined]
    if issubclass(kind, frozenset):
        return lambda value: sorted(encode(v) for v in value)  # type: ignore[attr-defined]
    if issubclass(kind, tuple | list):
        return lambda value: [encode(v) for v in value]  # type: ignore[attr-defined]
    return lambda value: value


_ENCODERS: dict[type, typing.Callable[[object], object]] = {}


class DecodeError(ValueError):
    """A cached row does not fit the current types: treat it as a miss."""


Decoder = typing.Callable[[object], object]
_DECODERS: dict[object, Decoder] = {}


def decode(tp: object, data: object) -> object:
    """Rebuild a value of type ``tp`` from JSON data, checking every field."""
    return decoder(tp)(data)


def decoder(tp: object) -> Decoder:
    """The checking decoder for ``tp``, built once per type (a warm build decodes every row)."""
    found = _DECODERS.get(tp)
    if found is None:
        found = _DECODERS[tp] = _make_decoder(tp)
    return found


def _make_decoder(tp: object) -> Decoder:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        optional = type(None) in args
        options = [decoder(arg) for arg in args if arg is not type(None)]

        def union(data: object) -> object:
            if data is None and optional:
                return None
            for option in options:
                try:
                    return option(data)
                except DecodeError:
                    continue
            raise DecodeError(f"{data!r} fits none of {tp}")

        return union
    if origin in (tuple, frozenset):
        args = typing.get_args(tp)
        item = decoder(args[0] if args else object)
        make = tuple if origin is tuple else frozenset

        def sequence(data: object) -> object:
            if not isinstance(data, list):
                raise DecodeError(f"expected a list for {tp}")
            return make([item(v) for v in data])

        return sequence
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        members = {m.value: m for m in tp}

        def member(data: object) -> object:
            with contextlib.suppress(KeyError, TypeError):  # TypeError: an unhashable value
                return members[data]
            try:
                return tp(data)
            except ValueError:
                raise DecodeError(f"{data!r} is not a {tp.__name__}") from None

        return member
    if tp is bool:
        return _bool
    if tp is int:
        return _int
    if tp is float:
        return _float
    if tp is str:
        return _str
    if tp is object:
        return _any
    raise DecodeError(f"cannot decode type {tp!r}")


def _dataclass_decoder(tp: type) -> Decoder:
    hints = typing.get_type_hints(tp)
    fields = [f.name for f in dataclasses.fields(tp)]
    names = frozenset(fields)
    _DECODERS[tp] = lambda data: decoder_of(data)  # recursive types: resolved when first called
    parts = [(name, decoder(hints[name])) for name in fields]

    def decoder_of(data: object) -> object:
        if not isinstance(data, dict):
            raise DecodeError(f"expected an object for {tp.__name__}")
        if not data.keys() <= names:
            raise DecodeError(f"unknown fields in {tp.__name__}: {sorted(set(data) - names)}")
        kwargs = {name: part(data[name]) for name, part in parts if name in data}
        try:
            return tp(**kwargs)
        except TypeError as exc:  # a required field missing
            raise DecodeError(str(exc)) from None

    return decoder_of


def _bool(data: object) -> object:
    if not isinstance(data, bool):
        raise DecodeError(f"expected bool, got {data!r}")
    return data


def _int(data: object) -> object:
    if not isinstance(data, int) or isinstance(data, bool):
        raise DecodeError(f"expected int, got {data!r}")
    return data


def _float(data: object) -> object:
    if not isinstance(data, int | float) or isinstance(data, bool):
        raise DecodeError(f"expected float, got {data!r}")
    return float(data)


def _str(data: object) -> object:
    if not isinstance(data, str):
        raise DecodeError(f"expected str, got {data!r}")
    return data


def _any(data: object) -> object:
    return data


def dumps_analysis(analysis: DocumentAnalysis) -> str:
    return json.dumps(encode(analysis), ensure_ascii=False, separators=(",", ":"))


def loads_analysis(text: str) -> DocumentAnalysis:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise DecodeError(f"not JSON: {exc}") from None
    value = decode(DocumentAnalysis, data)
    assert isinstance(value, DocumentAnalysis)
    return value


# --- whole timelines -------------------------------------------------------------------

#: Built timelines kept in the file (each holds its documents' texts): the latest few corpora.
TIMELINES_KEPT = 4

#: Modules no build result depends on: editing them keeps built timelines valid.
_NOT_BUILD_SOURCES = frozenset({"cli.py", "__main__.py", "times_cli.py", "evaluate.py", "progress.py", "sources.py"})


def build_version() -> str:
    """A short hash of all the builder's code (the per-document analysis and the corpus
    stages: actors, publication dates, narrative, merging), and the package version the
    timeline names as its generator. ``TIMELINE_PIPELINE_VERSION`` pins it as it pins
    :func:`pipeline_version`."""
    pinned = os.environ.get("TIMELINE_PIPELINE_VERSION")
    if pinned:
        return "build " + pinned
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"format {FORMAT_VERSION} timelines".encode())
    for f in sorted(root.rglob("*.py")):
        rel = f.relative_to(root)
        if rel.parts[0] == "commands" or str(rel) in _NOT_BUILD_SOURCES:
            continue
        try:
            data = f.read_bytes()
        except OSError:
            continue
        h.update(str(rel).encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:16]


def timeline_key(documents: Sequence[Document], model: str, pipeline: str, build: str) -> str:
    """SHA-256 of everything a built timeline depends on: every field of every document,
    in order (so each document's analysis key too), the model, the analysis code's
    version and the whole builder's."""
    h = hashlib.sha256()

    def part(value: str) -> None:
        b = value.encode("utf-8", "surrogatepass")
        h.update(len(b).to_bytes(8, "little") + b)

    for value in (build, pipeline, model, str(len(documents))):
        part(value)
    for d in documents:
        for value in (d.id, d.path, d.title, d.published or "", d.published_from.value, d.published_how, d.url,
                      d.author, str(len(d.warnings)), *d.warnings, d.text):  # fmt: skip
            part(value)
        h.update(b"\1" if d.published is None else b"\2")
    return h.hexdigest()


def loads_timeline_rows(data: object) -> Timeline | None:
    """A timeline from :func:`timeline.toml_io.timeline_rows` JSON, checked; None when it is not one."""
    from timeline.toml_io import TimelineFileError, timeline_from_rows

    if not isinstance(data, str):
        return None
    try:
        rows = json.loads(data)
        if type(rows) is not list:
            return None
        return timeline_from_rows(rows, "cached timeline")
    except (ValueError, RecursionError, TimelineFileError):
        return None


# --- the SQLite file ------------------------------------------------------------------


class AnalysisCache:
    """Get and put analyses by key; any database error sets the file aside, never raises."""

    def __init__(self, directory: Path, *, quiet: bool = False) -> None:
        self.path = Path(directory) / FILE_NAME
        self.quiet = quiet
        self.warned = False
        self.conn: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._open()

    # opening and recovery

    def _warn(self, message: str) -> None:
        if not self.quiet and not self.warned:
            print(f"timeline: warning: {message}", file=sys.stderr)
        self.warned = True

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._warn(f"cache disabled: cannot create {self.path.parent} ({exc.strerror})")
            return
        for attempt in range(2):
            try:
                self.conn = self._connect()
                return
            except (sqlite3.Error, _Foreign) as exc:
                self._close()
                if _busy(exc):
                    self._warn(f"cache not used this time: {self.path} is busy ({exc})")
                    return
                if attempt:
                    self._warn(f"cache disabled: {self.path} is unusable ({exc})")
                    return
                self._set_aside(str(exc))

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            with contextlib.suppress(sqlite3.OperationalError):  # locked by another build: already WAL
                conn.execute("PRAGMA journal_mode = WAL")  # persistent; readers never block the writer
            conn.execute("BEGIN IMMEDIATE")  # checks and creation as one step, safe with concurrent builds
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if app == 0 and version == 0 and not tables:  # a new, empty file
                conn.execute(
                    "CREATE TABLE analyses (key TEXT PRIMARY KEY, model TEXT NOT NULL, "
                    "data TEXT NOT NULL, created REAL NOT NULL)"
                )
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
            elif app != APPLICATION_ID:
                raise _Foreign("not a timeline cache")
            elif version != FORMAT_VERSION:
                raise _Foreign(f"cache format {version}, expected {FORMAT_VERSION}")
            elif "analyses" not in tables:
                raise _Foreign("no analyses table")
            # added later than the analyses: a file from before it gains the table, nothing else changes
            conn.execute(
                "CREATE TABLE IF NOT EXISTS timelines (key TEXT PRIMARY KEY, data TEXT NOT NULL, created REAL NOT NULL)"
            )
            conn.execute("SELECT count(*) FROM (SELECT key FROM analyses LIMIT 1)").fetchone()
            conn.execute("COMMIT")
        except BaseException:
            conn.close()
            raise
        return conn

    def _close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
        self.conn = None

    def _set_aside(self, reason: str) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self._warn(f"cache {self.path} is unusable ({reason}); set aside as {target.name}, rebuilding")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                try:
                    src.replace(Path(str(target) + suffix))
                except OSError:
                    with contextlib.suppress(OSError):
                        src.unlink()

    def _recover(self, exc: Exception) -> None:
        """A database error mid-build: set the file aside and carry on with a new one
        (a busy database is only skipped: another build holds it)."""
        if _busy(exc):
            self._warn(f"cache write skipped: {self.path} is busy ({exc})")
            return
        self._close()
        self._set_aside(str(exc))
        try:
            self.conn = self._connect()
        except (sqlite3.Error, _Foreign):
            self._close()

    # reading and writing

    def get_many(self, keys: Iterable[str]) -> dict[str, DocumentAnalysis]:
        """The analyses found for ``keys``; bad rows are deleted and count as misses."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, DocumentAnalysis] = {}
        if self.conn is None:
            return found
        bad: list[str] = []
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, data in self.conn.execute(f"SELECT key, data FROM analyses WHERE key IN ({marks})", chunk):
                    try:
                        if not isinstance(data, str):
                            raise DecodeError("not text")
                        found[key] = loads_analysis(data)
                    except (DecodeError, RecursionError):
                        bad.append(key)
            if bad:
                self._warn(f"{len(bad)} unreadable cache entries in {self.path}; re-analysing them")
                with self._transaction():
                    self.conn.executemany("DELETE FROM analyses WHERE key = ?", [(k,) for k in bad])
        except sqlite3.Error as exc:
            self._recover(exc)
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, str, DocumentAnalysis]]) -> None:
        """Store ``(key, model, analysis)`` rows in one transaction."""
        if self.conn is None:
            return
        now = time.time()
        rows = [(key, model, dumps_analysis(a), now) for key, model, a in items]
        if not rows:
            return
        try:
            with self._transaction():
                self.conn.executemany("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._recover(exc)

    def get_timeline(self, key: str) -> Timeline | None:
        """The whole timeline built before from the same inputs (:func:`timeline_key`), or None.

        What comes out passes every check a timeline file's reader makes; a row that does
        not is deleted and counts as a miss.
        """
        if self.conn is None:
            return None
        try:
            row = self.conn.execute("SELECT data FROM timelines WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            timeline = loads_timeline_rows(row[0])
            if timeline is None:
                self._warn(f"an unreadable built timeline in {self.path}; building it again")
                with self._transaction():
                    self.conn.execute("DELETE FROM timelines WHERE key = ?", (key,))
            return timeline
        except sqlite3.Error as exc:
            self._recover(exc)
            return None

    def put_timeline(self, key: str, timeline: Timeline) -> None:
        """Store a built timeline, keeping only the :data:`TIMELINES_KEPT` most recent ones."""
        if self.conn is None:
            return
        from timeline.toml_io import timeline_rows

        try:
            data = json.dumps(timeline_rows(timeline), ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):  # pragma: no cover - rows are plain data
            return
        try:
            with self._transaction():
                self.conn.execute("INSERT OR REPLACE INTO timelines VALUES (?, ?, ?)", (key, data, time.time()))
                self.conn.execute(
                    "DELETE FROM timelines WHERE key NOT IN "
                    "(SELECT key FROM timelines ORDER BY created DESC, rowid DESC LIMIT ?)",
                    (TIMELINES_KEPT,),
                )
        except sqlite3.Error as exc:
            self._recover(exc)

    def _transaction(self):
        conn = self.conn
        assert conn is not None

        class _Tx:
            def __enter__(self_inner):
                conn.execute("BEGIN IMMEDIATE")

            def __exit__(self_inner, kind, exc, tb):
                if kind is None:
                    conn.execute("COMMIT")
                else:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                return False

        return _Tx()

    def close(self) -> None:
        self._close()

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _busy(exc: BaseException) -> bool:
    """Locked by another connection: transient, never a reason to distrust the file."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class _Foreign(Exception):
    """The file is SQLite but not a timeline cache of this format."""
