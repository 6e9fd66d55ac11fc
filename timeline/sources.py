"""Article texts for a timeline read from TOML.

A saved timeline normally does not embed the articles (only ``build --embed-text``
does): it keeps each document's ``path``. The explorer needs the text to show a passage
in its article, so :func:`load_document_texts` reads the files again through the same
corpus reader that built the timeline, which gives exactly the same decoded text and
therefore the same offsets. A file that is gone or changed leaves the text empty with a
note; the app then shows only the stored passages. Never imports spaCy.
"""

from __future__ import annotations

import gc
import marshal
import os
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from timeline.model import SCHEMA, Document, Timeline, cited_documents, every_source_passage

#: Parsed timelines kept by content hash; bump when the cached form changes.
_CACHE_VERSION = 9
_CACHE_KEEP = 16
#: Stat keys kept (each a few bytes: the content hash a file had under that key).
_STAT_KEEP = 64
#: A file changed less than this long ago may change again within one tick of its timestamps
#: unseen (git's "racy" entries): its stat key is recorded only once it is older than this.
RACY_NS = 2_000_000_000

#: ``file.jsonl:3`` and ``file.json[2]``: one record of a JSON corpus file.
_RECORD = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+)|\[(?P<index>\d+)\])$")


def _suffixes() -> frozenset[str]:
    from timeline.corpus import SUPPORTED_SUFFIXES  # the corpus reader is only needed when a file is read

    return frozenset(SUPPORTED_SUFFIXES)


def _candidates(path: str, base: Path | None, here: str) -> list[str]:
    """Where the file may be (``here``: the current folder); plain strings, as most of them are only looked at once."""
    if os.path.isabs(path):
        return [path]
    out = [os.path.join(here, path)]
    if base is not None:
        out.append(os.path.join(base, path))
    return out


def _file_part(path: str) -> str:
    m = _RECORD.match(path)
    if m and not Path(path).exists():
        return m["file"]
    return path


def _read(file: Path, wanted: Document) -> Document | None:
    """The document ``wanted`` re-read from ``file`` (one record of it for JSON corpora)."""
    from timeline.corpus import read_corpus

    try:
        docs = read_corpus([file]).documents
    except (OSError, ValueError):
        return None
    record = wanted.path[len(_file_part(wanted.path)) :]  # ":3", "[2]" or ""
    if record:
        return next((d for d in docs if d.path.endswith(record)), None)
    if len(docs) == 1:
        return docs[0]
    return next((d for d in docs if d.id == wanted.id), None)


def load_document_texts(timeline: Timeline, base: Path | None = None) -> Timeline:
    """``timeline`` with each document's missing ``text`` read again from its ``path``.

    Relative paths are tried against the current folder, then ``base`` (the TOML
    file's folder). The paths come from the file, so they are input too: only article
    files (by suffix) are read, and a text is used only when every stored passage of the
    document is found at its offsets in it — a file that changed, or a path pointing at
    some other file, is not shown. Documents that already carry text are left alone.
    """
    missing = {d.id for d in timeline.documents if not d.text and d.path}
    if not missing:
        return timeline
    # the documents some passage is in (read from the cache's columns for a cached timeline); the
    # passages themselves are gathered (and, read from the explorer's cache, built) only for the files found
    record = _read_from
    known = record[2] if record is not None and record[0] is timeline.events else None
    cited = (known if known is not None else cited_documents(timeline.events)) & missing
    outcome: dict[str, Document | str] = {}  # id → the file's document, or the note to add
    here = os.getcwd()
    places: dict[str, list[str]] = {}  # a path's folder → those of its candidates that are there, looked at once
    for doc in timeline.documents:
        if doc.id not in cited:
            continue  # text embedded, no path, or no passage in it (nothing would show it)
        found: Document | None = None
        folder, file_name = os.path.split(_file_part(doc.path))
        if folder not in places:
            places[folder] = [f for f in _candidates(folder, base, here) if os.path.isdir(f)]
        for name in (os.path.join(f, file_name) for f in places[folder]):
            if os.path.isfile(name) and (candidate := Path(name)).suffix.lower() in _suffixes():
                found = _read(candidate, doc)  # the corpus reader is imported only for a file that is there
                if found is not None:
                    break
        outcome[doc.id] = found or f"{doc.path}: article file not found; only the stored passages are shown"
    checks: dict[str, list[tuple[int, int, str]]] = {}
    found_ids = {k for k, v in outcome.items() if isinstance(v, Document)}
    if found_ids:
        for doc_id, start, end, text in every_source_passage(timeline.events):  # nothing built or made for this
            if text and doc_id in found_ids:
                checks.setdefault(doc_id, []).append((start, end, text))
    notes = list(timeline.notes)
    documents = []
    changed = False
    for doc in timeline.documents:
        result = outcome.get(doc.id)
        if result is None or (isinstance(result, Document) and doc.id not in checks):
            documents.append(doc)  # nothing to do, or no passage with text to check the file against
        elif isinstance(result, str):
            notes.append(result)
            documents.append(doc)
        elif any(result.text[a:b] != t for a, b, t in checks[doc.id]):
            notes.append(
                f"{doc.path}: the file changed since the timeline was built; only the stored passages are shown"
            )
            documents.append(doc)
        else:
            documents.append(replace(doc, text=result.text))
            changed = True
    if not changed and len(notes) == len(timeline.notes):
        return timeline
    return replace(timeline, documents=tuple(documents), notes=tuple(notes))


# --- a parse cache for saved timelines ------------------------------------------------------


def _cache_folder() -> Path:
    from timeline.paths import cache_dir

    return cache_dir() / "timelines"


#: From this many events on, a timeline read for the explorer is kept out of the cyclic collector's walks.
FREEZE_FROM_EVENTS = 2_000

_frozen = False


#: The events of the timeline :func:`read_saved_timeline` read last, the cache entry it is kept in and,
#: read from that entry, the documents its passages cite: for :func:`saved_facts` and :func:`load_document_texts`.
_read_from: tuple[tuple[Any, ...], Path, frozenset[str] | None] | None = None
_FACTS_NAME = re.compile(r"[a-z0-9][a-z0-9.-]*")


def froze_a_timeline() -> bool:
    """Whether :func:`read_saved_timeline` has moved a timeline out of the collector's walks.

    ``gc.get_freeze_count()`` says as much, but walks the whole frozen generation to count it.
    """
    return _frozen


def _stat_key(st: os.stat_result) -> str:
    return f"{st.st_size}-{st.st_mtime_ns}-{st.st_ctime_ns}-{st.st_ino}-{st.st_dev}"


def sealed(body: bytes) -> bytes:
    """``body`` as this module keeps it in the cache folder: after a line with its CRC-32, in hex.

    The checksum is there to find damage (a write cut short, a disk error) before anything of
    the file is used, which is what CRC-32 is made for (zip, gzip and PNG check their contents
    the same way), in half the time of a SHA-256 and without loading OpenSSL at start-up. A
    cryptographic hash would add nothing: whoever alters a file on purpose can write its hash
    too, so what is read back is checked as any input is, whatever its checksum.
    """
    return b"%08x\n" % zlib.crc32(body) + body


def _unsealed(raw: bytes) -> memoryview | None:
    """The body of a :func:`sealed` file, or None when its checksum does not match (or it is no such file)."""
    whole = memoryview(raw)
    line = raw[:9]
    if len(line) < 9 or line[8:] != b"\n" or line[:8].strip(b"0123456789abcdef"):
        return None
    body = whole[9:]
    return body if zlib.crc32(body) == int(line[:8], 16) else None


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read and hashed only when its stat key is not one recorded with it.

    The stat key is what git's index keys a file by: (size, st_mtime_ns, st_ctime_ns, st_ino,
    st_dev). It is safe because no change to a file's bytes leaves all five as they were:
    writing to the file sets its ctime (and mtime) to the current time, and unlike mtime,
    which ``touch``/``os.utime`` can set back, ctime cannot be set by a user at all (setting
    the mtime sets the ctime to now, too); a file replaced by another (a rename, an editor's
    save, a copy) is another inode, with a ctime of its own. Two gaps remain, both closed
    here: a change made within one tick of the timestamps' clock after the key was taken
    (so the key is recorded only for a file whose last change is older than :data:`RACY_NS`,
    and only when the file did not change while it was read), and a key file damaged in the
    cache folder (one that does not hold a SHA-256 is ignored). Whenever the key is not a
    recorded one, the whole file is read and hashed, as before.
    """
    st = os.stat(path)
    key = _stat_key(st)
    known = _cache_folder() / f"{key}.stat"
    try:
        digest = known.read_bytes()
        if len(digest) == 64 and not digest.strip(b"0123456789abcdef"):
            return digest.decode()
    except OSError:
        pass
    import hashlib  # only when the file itself is hashed: opening a settled file does not load OpenSSL

    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS
    if settled and len(data) == st.st_size and _stat_key(os.stat(path)) == key:
        _write_stat_key(known, digest)
    return digest


def _write_stat_key(known: Path, digest: str) -> None:
    from timeline.files import atomic_write_bytes

    try:
        atomic_write_bytes(known, digest.encode(), overwrite=True)
        old = sorted(known.parent.glob("*.stat"), key=lambda f: f.stat().st_mtime, reverse=True)[_STAT_KEEP:]
        for f in old:
            f.unlink(missing_ok=True)
    except OSError:
        pass  # a key that cannot be written only costs time


def read_saved_timeline(
    path: str | os.PathLike[str], *, use_cache: bool = True, reading: Callable[[], object] | None = None
) -> Timeline:
    """:func:`timeline.toml_io.read_timeline`, with the parsed form cached (:func:`_write_cache`).

    Python's ``tomllib`` is pure Python and takes seconds on a 10,000-event file;
    ``marshal`` is C. The cache holds the timeline as positional rows with the events'
    quotes and sources set apart (:func:`timeline.toml_io.timeline_lazy_rows`), so that
    opening it parses and builds only what the first screen needs; an event's quotes and
    sources are parsed and built, with the same checks, when first read. It is keyed by the SHA-256 of the
    file's bytes, so an edited file is never served stale; the file is read and hashed only when its
    stat key is not one recorded with that hash (:func:`file_digest`). It carries a checksum of
    its own rows (:func:`sealed`), so a cache file damaged since it was written is ignored,
    not trusted; what comes out of it passes every check the TOML reader makes
    (:func:`timeline.toml_io.timeline_from_lazy_rows`).

    The cyclic garbage collector is paused while reading, and a big timeline is then
    frozen out of its generations (``gc.freeze``): it is read to be shown until the
    program ends, and it holds no reference cycles (frozen dataclasses, tuples and
    strings, which reference counting frees on its own), yet every collection the app's
    start-up sets off would otherwise walk its quarter of a million objects again.

    ``use_cache=False`` reads the file itself and writes its cache entry afresh: for an
    entry found damaged only as its events were read (:func:`open_saved_timeline`).
    ``reading`` is called just before the file itself is parsed (no cache entry serves it),
    the slow way: to say so, when the file is big.
    """
    from timeline.toml_io import TimelineFileError, gc_paused, read_timeline, read_timeline_bytes

    global _frozen, _read_from
    p = Path(path)
    try:
        digest = file_digest(p)
    except OSError:
        return read_timeline(p)  # reports the error the usual way
    cached = _cache_folder() / f"{digest}.v{_CACHE_VERSION}.rows"
    with gc_paused():
        try:
            found = _from_cache(cached) if use_cache else None
        except (OSError, ValueError, RecursionError, TimelineFileError):  # a damaged cache file is only ignored
            found = None
        if found is not None:
            timeline, cited = found
        else:
            try:
                raw = p.read_bytes()
            except OSError:
                return read_timeline(p)  # reports the error the usual way
            # the bytes parsed are the bytes hashed: a file changing meanwhile cannot be cached under another's hash
            if reading is not None:
                reading()
            timeline, cited = read_timeline_bytes(raw, str(p)), None
            import hashlib

            cached = _cache_folder() / f"{hashlib.sha256(raw).hexdigest()}.v{_CACHE_VERSION}.rows"
            _write_cache(cached, timeline)
        _read_from = (timeline.events, cached, cited)
        if len(timeline.events) >= FREEZE_FROM_EVENTS:
            gc.freeze()
            _frozen = True
    return timeline


def open_saved_timeline(path: str | os.PathLike[str], *, reading: Callable[[], object] | None = None) -> Timeline:
    """:func:`read_saved_timeline` (``reading`` as there) with the article texts read again
    (:func:`load_document_texts`).

    Checking the article files reads every stored passage, so a cache entry damaged inside
    an event's parts (its digest intact) is found here, before the app opens: the entry is
    then ignored and the file itself read, as for any other damaged entry. Only the file's
    own errors reach the user (one :class:`timeline.toml_io.TimelineFileError` naming it).
    """
    from timeline.toml_io import TimelineFileError

    base = Path(path).resolve().parent
    try:
        return load_document_texts(read_saved_timeline(path, reading=reading), base)
    except TimelineFileError:
        return load_document_texts(read_saved_timeline(path, use_cache=False, reading=reading), base)


def saved_facts(timeline: Timeline, name: str, compute: Callable[[Timeline], Any]) -> Any:
    """``compute(timeline)``, kept beside the cache entry of the saved file ``timeline`` was read from.

    For what a program works out from a whole saved timeline every time it opens it (the
    explorer's order of the events, for one): lists, dicts, strings and numbers, computed once
    for the file's content and read back from then on (kept in ``marshal``'s form, as the
    cache entry's rows are, :func:`_write_cache`). ``name`` names the value and the version of the
    code that computes it (``explorer-start-2``); change it when that code's answer changes.
    The value is stored with its checksum (:func:`sealed`) and is thrown away, and computed again,
    when it does not match: the caller still checks what it reads, as for any input. ``None`` for a
    timeline not read by :func:`read_saved_timeline` (the last one it read), which has no
    entry to keep the value beside: the caller works it out as it always would.
    """
    if not _FACTS_NAME.fullmatch(name):
        raise ValueError(f"not a name for saved facts: {name!r}")
    record = _read_from
    if record is None or record[0] is not timeline.events:
        return None
    kept = record[1].with_name(f"{record[1].name}.{name}")
    try:
        body = _unsealed(kept.read_bytes())
        if body is not None:
            return marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not there yet, or damaged: worked out again
    value = compute(timeline)
    try:
        from timeline.files import atomic_write_bytes

        body = marshal.dumps(value)
        if record[1].exists():  # beside an entry that is there (one that could not be written has none)
            atomic_write_bytes(kept, sealed(body), overwrite=True)
    except (OSError, TypeError, ValueError):
        pass  # facts that cannot be kept only cost time
    return value


def _from_cache(cached: Path) -> tuple[Timeline, frozenset[str]] | None:
    """The cached timeline and the documents its passages cite, or None when the file is not one this
    program wrote, whole.

    The file is :func:`sealed`: its checksum, then the length of the rows, a newline, the
    rows, then the events' quotes and sources (:func:`timeline.toml_io.timeline_lazy_rows`,
    :func:`_write_cache`): a file cut short or damaged is refused before anything of it is
    used, and what is read is checked again as it is built.
    """
    from timeline.toml_io import timeline_from_lazy_rows

    raw = cached.read_bytes()
    # read through a memoryview: megabytes checked and sliced where they lie, copied once (the parts)
    rest = _unsealed(raw)
    if rest is None:
        return None
    body_at = raw.find(b"\n", 9) + 1  # the rest starts after the checksum's line (9 bytes)
    length = raw[9 : body_at - 1]
    if not (body_at and length.isdigit() and len(length) < 12 and body_at + int(length) <= len(raw)):
        return None
    parts_at = body_at + int(length)
    try:
        rows = marshal.loads(rest[body_at - 9 : parts_at - 9])
    except (EOFError, TypeError):  # cut short, or not marshal's (ValueError: the caller's)
        return None
    if type(rows) is list and rows and rows[0] == SCHEMA:
        cited: set[str] = set()  # the events' cited documents, a column the reader checks: no walk over the events
        # the parts stay where they were read (a view, not a copy of megabytes), each event's parsed when first wanted
        return timeline_from_lazy_rows(rows, rest[parts_at - 9 :], str(cached), cited), frozenset(cited)
    return None


def _shared(value: Any, seen: dict[str, str]) -> Any:
    """``value`` (lists, tuples, strings and numbers) with equal strings made one: ``marshal`` writes each once."""
    if type(value) is str:
        return seen.setdefault(value, value)
    if type(value) is list:
        return [_shared(v, seen) for v in value]
    if type(value) is tuple:
        return tuple(_shared(v, seen) for v in value)
    return value


def _write_cache(cached: Path, timeline: Timeline) -> None:
    """Keep ``timeline``'s lazy rows in ``cached`` for :func:`_from_cache`.

    The rows are ``marshal``'s, the form of Python's own compiled-code cache, not JSON: read
    back in a third of the time, mostly because a string repeated through the rows (a date,
    a precision, an actor's or a document's id) is written once and read back as one object,
    not ten thousand. Like ``__pycache__``, the file is only ever read back by this program
    from its own cache folder, after its checksum has matched; the rows are then checked as
    the TOML reader checks a file. The events' parts stay JSON, each read on its own.
    """
    from timeline.files import atomic_write_bytes
    from timeline.toml_io import timeline_lazy_rows

    try:
        for facts in cached.parent.glob(f"{cached.name}.*"):  # kept beside an entry now written afresh
            facts.unlink(missing_ok=True)
        rows, parts = timeline_lazy_rows(timeline)
        payload = marshal.dumps(_shared(rows, {}))
        rest = str(len(payload)).encode() + b"\n" + payload + parts
        atomic_write_bytes(cached, sealed(rest), overwrite=True)
        old = sorted(cached.parent.glob("*.rows"), key=lambda f: f.stat().st_mtime, reverse=True)[_CACHE_KEEP:]
        old += cached.parent.glob("*.v[0-9]*.json")  # entries of the versions before 7, which were JSON
        old += (f for f in cached.parent.glob("*.rows") if not f.name.endswith(f".v{_CACHE_VERSION}.rows"))  # since
        for f in old:
            for facts in f.parent.glob(f"{f.name}.*"):  # what :func:`saved_facts` kept beside it
                facts.unlink(missing_ok=True)
            f.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError, RecursionError):
        pass  # a cache that cannot be written only costs time
