"""Article texts re-read for a timeline saved without them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tui_sample import small_timeline

from timeline.sources import load_document_texts
from timeline.toml_io import read_timeline, write_timeline


def _saved(tmp_path):
    tl = small_timeline()
    folder = tmp_path / "corpus"
    folder.mkdir()
    for d in tl.documents:
        (folder / d.path).write_text(d.text, encoding="utf-8")
    write_timeline(tl, folder / "t.toml")
    return tl, folder


def test_texts_come_back_from_the_files_beside_the_toml(tmp_path):
    tl, folder = _saved(tmp_path)
    loaded = read_timeline(folder / "t.toml")
    assert all(not d.text for d in loaded.documents)
    filled = load_document_texts(loaded, folder)
    assert [d.text for d in filled.documents] == [d.text for d in tl.documents]
    for e in filled.events:
        for s in e.sources:
            assert filled.document(s.document).text[s.start : s.end] == s.text


def test_missing_or_changed_files_leave_the_text_empty_with_a_note(tmp_path):
    _, folder = _saved(tmp_path)
    (folder / "a.txt").unlink()
    (folder / "b.txt").write_text("rewritten entirely", encoding="utf-8")
    filled = load_document_texts(read_timeline(folder / "t.toml"), folder)
    assert [d.text for d in filled.documents] == ["", ""]
    assert any("a.txt" in n and "not found" in n for n in filled.notes)
    assert any("b.txt" in n and "changed" in n for n in filled.notes)


def test_embedded_texts_are_left_alone(tmp_path):
    tl = small_timeline()
    assert load_document_texts(tl, tmp_path) is tl


def test_saved_timeline_is_cached_by_content_and_revalidated(tmp_path, monkeypatch):
    from timeline import sources
    from timeline.toml_io import TimelineFileError

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    first = sources.read_saved_timeline(folder / "t.toml")
    assert len(list((tmp_path / "cache").rglob("*.rows"))) == 1
    monkeypatch.setattr("timeline.toml_io.read_timeline", lambda p: (_ for _ in ()).throw(AssertionError("not cached")))
    monkeypatch.setattr("timeline.toml_io.read_timeline_bytes", lambda *a: (_ for _ in ()).throw(AssertionError("no")))
    assert sources.read_saved_timeline(folder / "t.toml") == first
    # an edited file is read again; a damaged cache entry is ignored
    monkeypatch.undo()
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    (folder / "t.toml").write_text((folder / "t.toml").read_text().replace("Finland joins NATO", "Finland joins"))
    assert any(e.title == "Finland joins" for e in sources.read_saved_timeline(folder / "t.toml").events)
    for f in (tmp_path / "cache").rglob("*.rows"):
        f.write_text('{"schema": "timeline/1", "events": [{"id": 3}]}')
    assert any(e.title == "Finland joins" for e in sources.read_saved_timeline(folder / "t.toml").events)
    (folder / "t.toml").write_text("schema = [")
    try:
        sources.read_saved_timeline(folder / "t.toml")
    except TimelineFileError as exc:
        assert "t.toml" in str(exc)
    else:
        raise AssertionError("a broken file must be an error")


def test_paths_in_a_timeline_file_cannot_pull_in_other_files(tmp_path):
    from dataclasses import replace

    _, folder = _saved(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private notes", encoding="utf-8")
    (tmp_path / "notes.cfg").write_text("x = 1", encoding="utf-8")
    loaded = read_timeline(folder / "t.toml")
    docs = (
        replace(loaded.documents[0], path=str(secret)),  # passages do not match: not used
        replace(loaded.documents[1], path=str(tmp_path / "notes.cfg")),  # not an article file
    )
    filled = load_document_texts(replace(loaded, documents=docs), folder)
    assert [d.text for d in filled.documents] == ["", ""]


# --- the fast reader agrees with the checked one ------------------------------------------

_ODD_VALUES = (None, True, -1, 10**9, 1.5, "", "x", "2024-13-01", " 2024-02-10", "2024-02-10/2024-02-01", [], {}, ["x"])


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


def _mutated(data, path, value, delete=False):
    import copy

    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def _outcome(read, data):
    from timeline.toml_io import TimelineFileError

    try:
        return read(data, "t.toml")
    except TimelineFileError as exc:
        return str(exc)


def test_the_fast_reader_accepts_and_rejects_exactly_what_the_checked_one_does():
    """Every field of a small file, dropped or replaced by an odd value: the same timeline or the same error."""
    from timeline.toml_io import (
        _build,
        _checked_timeline_from_dict,
        _rows_from_dict,
        timeline_from_dict,
        timeline_to_dict,
    )

    cases = 0
    for embed in (True, False):
        data = timeline_to_dict(small_timeline(), embed_text=embed)
        assert _build(_rows_from_dict(data)) == _checked_timeline_from_dict(data, "t.toml")  # the fast path is taken
        for path in _paths(data):
            if not path:
                continue
            variants = [_mutated(data, path, v) for v in _ODD_VALUES]
            if isinstance(path[-1], str):
                variants.append(_mutated(data, path, None, delete=True))
            for variant in variants:
                assert _outcome(timeline_from_dict, variant) == _outcome(_checked_timeline_from_dict, variant), path
                cases += 1
    assert cases > 1000


def test_cached_rows_read_back_the_same_and_damaged_rows_are_refused():
    """Whatever a damaged cache file yields is a timeline the checked reader accepts, or an error."""
    from timeline.toml_io import (
        TimelineFileError,
        _checked_timeline_from_dict,
        timeline_from_rows,
        timeline_rows,
        timeline_to_dict,
    )

    tl = small_timeline()
    rows = timeline_rows(tl)
    assert timeline_from_rows(rows) == tl
    for path in _paths(rows):
        if not path:
            continue
        for value in _ODD_VALUES:
            try:
                back = timeline_from_rows(_mutated(rows, path, value))
            except TimelineFileError:
                continue
            # accepted only when a saved file could say the same (an empty "how", no date...)
            assert _checked_timeline_from_dict(timeline_to_dict(back, embed_text=True), "t.toml") == back, path


def test_reading_leaves_the_garbage_collector_as_it_was(tmp_path, monkeypatch):
    import gc

    from timeline import sources
    from timeline.toml_io import TimelineFileError

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    # gc.freeze's calls counted, not the frozen objects: a timeline an earlier test froze may be freed meanwhile
    froze: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: froze.append(True))
    for _ in range(2):  # parsed, then from the cache
        sources.read_saved_timeline(folder / "t.toml")
        assert gc.isenabled()
    assert froze == []  # a small timeline is left to the collector
    (folder / "t.toml").write_text("schema = [")
    with pytest.raises(TimelineFileError):
        sources.read_saved_timeline(folder / "t.toml")
    assert gc.isenabled()


def _every_part_read(tl):
    return [(e.quotes, e.sources) for e in tl.events]


def test_lazy_rows_read_back_the_same_and_build_an_event_only_when_read():
    from timeline.model import cited_documents, is_built, source_passages
    from timeline.toml_io import timeline_from_lazy_rows, timeline_lazy_rows

    tl = small_timeline()
    back = timeline_from_lazy_rows(*timeline_lazy_rows(tl), "cache.json")
    assert not any(map(is_built, back.events))
    assert cited_documents(back.events) == {s.document for e in tl.events for s in e.sources}
    assert not any(map(is_built, back.events))  # the documents cited are known without building
    first = next(i for i, e in enumerate(tl.events) if e.sources and e.quotes)
    assert back.events[first].sources == tl.events[first].sources
    assert back.events[first].quotes == tl.events[first].quotes
    assert [is_built(e) for e in back.events] == [
        i == first or not (e.quotes or e.sources) for i, e in enumerate(tl.events)
    ]
    assert back == tl  # equality reads (and builds) every field
    again = timeline_from_lazy_rows(*timeline_lazy_rows(tl), "cache.json")
    assert [source_passages(e) for e in again.events] == [
        [(s.document, s.start, s.end, s.text) for s in e.sources] for e in tl.events
    ]
    assert not any(map(is_built, again.events))  # the article files are checked against passages not built


def test_damaged_lazy_rows_are_refused_when_read_or_when_built():
    """A damaged deferred part is a one-line error naming the file and the event, never a traceback."""
    from timeline.model import source_passages
    from timeline.toml_io import (
        TimelineFileError,
        _checked_timeline_from_dict,
        timeline_from_lazy_rows,
        timeline_lazy_rows,
        timeline_to_dict,
    )

    rows, parts = timeline_lazy_rows(small_timeline())
    damaged = 0
    for path in _paths(rows):
        if not path:
            continue
        for value in _ODD_VALUES:
            try:
                back = timeline_from_lazy_rows(_mutated(rows, path, value), parts, "cache.json")
                every_part = _every_part_read(back)
            except TimelineFileError as exc:
                assert str(exc).startswith("cache.json: ") and "\n" not in str(exc)
                damaged += 1
                continue
            assert every_part is not None
            assert _checked_timeline_from_dict(timeline_to_dict(back, embed_text=True), "t.toml") == back, path
    # one event's parts damaged inside: the rows read at once, the damage reported when the event is read
    lengths, cited = rows[6][6], rows[6][7]  # the events' columns: each one's length of parts, its documents
    event = next(i for i, documents in enumerate(cited) if documents)
    start = sum(n + 1 for n in lengths[:event] if n)  # each event's parts, then a comma
    end = start + lengths[event]
    for text in (b"[", b'[[], [["nowhere", 0, 1, "x", "", null, null, ""]]]', b"[[[1, null]], []]", b"{}", b"\xff"):
        damaged_parts = parts[:start] + text.ljust(end - start) + parts[end:]
        for read in (_every_part_read, lambda tl: [source_passages(e) for e in tl.events]):
            back = timeline_from_lazy_rows(rows, damaged_parts, "cache.json")
            with pytest.raises(
                TimelineFileError, match=rf"^cache\.json: events\[{event}\]: quotes or sources damaged$"
            ):
                read(back)
    assert damaged > 50


def test_a_cache_file_altered_after_it_was_written_is_not_used(tmp_path, monkeypatch):
    from timeline import sources
    from timeline.model import is_built

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    sources.read_saved_timeline(folder / "t.toml")
    cached = sources.read_saved_timeline(folder / "t.toml")
    assert not any(map(is_built, cached.events))  # from the cache: nothing built yet
    (cache_file,) = (tmp_path / "cache").rglob("*.rows")
    cache_file.write_bytes(cache_file.read_bytes().replace(b"Finland joins NATO", b"Finland joins ABBA"))
    again = sources.read_saved_timeline(folder / "t.toml")  # the digest no longer matches: the TOML is read
    assert again == cached
    assert all(map(is_built, again.events))
    cache_file.write_bytes(b"")
    assert sources.read_saved_timeline(folder / "t.toml") == cached


def test_explorer_start_up_builds_only_the_events_it_shows(tmp_path, monkeypatch):
    """Opening a big saved timeline builds the quotes and passages of the event in the detail pane only.

    A row shows how many sources report its event, counted from the documents they cite, unbuilt.
    """
    import asyncio

    from timeline import sources
    from timeline.model import is_built
    from tui.app import TimelineApp

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TIMELINE_CONFIG_DIR", str(tmp_path / "config"))
    tl = small_timeline()
    events = tuple(replace(e, id=f"{e.id}-{n}") for n in range(60) for e in tl.events)
    big = replace(tl, events=events, documents=tuple(replace(d, text="") for d in tl.documents))
    write_timeline(big, tmp_path / "big.toml")
    sources.read_saved_timeline(tmp_path / "big.toml")
    loaded = sources.read_saved_timeline(tmp_path / "big.toml")

    async def run() -> int:
        async with TimelineApp(loaded).run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return sum(map(is_built, loaded.events))

    built = asyncio.run(run())
    assert built == 1 < len(events)


def test_texts_come_back_for_a_cached_timeline_without_building_its_events(tmp_path, monkeypatch):
    from timeline import sources
    from timeline.model import is_built

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    tl, folder = _saved(tmp_path)
    sources.read_saved_timeline(folder / "t.toml")
    cached = sources.read_saved_timeline(folder / "t.toml")
    filled = load_document_texts(cached, folder)
    assert [d.text for d in filled.documents] == [d.text for d in tl.documents]
    assert not any(map(is_built, filled.events))
    (folder / "b.txt").write_text("rewritten entirely", encoding="utf-8")
    changed = load_document_texts(sources.read_saved_timeline(folder / "t.toml"), folder)
    assert [bool(d.text) for d in changed.documents] == [True, False]
    assert any("b.txt" in n and "changed" in n for n in changed.notes)


def test_a_cache_entry_damaged_inside_an_event_is_ignored_when_the_explorer_opens(tmp_path, monkeypatch):
    """Its digest intact, the damage shows only when the passages are read: the file itself is read then."""

    from timeline import sources
    from timeline.model import is_built

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    tl, folder = _saved(tmp_path)
    sources.read_saved_timeline(folder / "t.toml")
    (cache_file,) = (tmp_path / "cache").rglob("*.rows")
    length, _, body = cache_file.read_bytes().partition(b"\n")[2].partition(b"\n")
    payload, parts = body[: int(length)], body[int(length) :]
    rest = length + b"\n" + payload + parts.replace(b'"', b"!", 3)  # same length, no longer JSON
    cache_file.write_bytes(sources.sealed(rest))

    opened = sources.open_saved_timeline(folder / "t.toml")
    assert [d.text for d in opened.documents] == [d.text for d in tl.documents]
    assert opened.events == tl.events
    again = sources.open_saved_timeline(folder / "t.toml")  # the entry was written afresh
    assert not any(map(is_built, again.events))
    assert again == opened


# --- the stat key: a saved timeline is hashed again only when its file may have changed ----------


def _counting_reads(monkeypatch) -> list[str]:
    """The saved timeline's whole-file reads (each one is hashed), by the name of the file."""
    from timeline import sources

    reads: list[str] = []
    real = sources.Path.read_bytes

    def read_bytes(self):
        if self.suffix == ".toml":
            reads.append(self.name)
        return real(self)

    monkeypatch.setattr(sources.Path, "read_bytes", read_bytes)
    return reads


def _settle(monkeypatch) -> None:
    """Files count as settled at once (instead of two seconds after their last change), and the next
    change lands on another tick of the file system's clock."""
    import time

    from timeline import sources

    monkeypatch.setattr(sources, "RACY_NS", 0)
    time.sleep(0.05)


def test_an_unchanged_saved_timeline_is_not_read_again_to_find_its_cache(tmp_path, monkeypatch):
    from timeline import sources

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    _settle(monkeypatch)
    reads = _counting_reads(monkeypatch)
    first = sources.read_saved_timeline(folder / "t.toml")  # hashed, parsed, cached; the stat key recorded
    assert sources.read_saved_timeline(folder / "t.toml") == first
    assert reads == ["t.toml", "t.toml"]  # hashed once, parsed once: the second open read nothing of it


def test_a_freshly_written_file_is_hashed_until_it_settles(tmp_path, monkeypatch):
    """Changed within the last two seconds, a file may change again within one tick of its clock, unseen."""
    from timeline import sources

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    reads = _counting_reads(monkeypatch)
    sources.read_saved_timeline(folder / "t.toml")
    sources.read_saved_timeline(folder / "t.toml")
    assert reads == ["t.toml", "t.toml", "t.toml"]  # hashed each time (and parsed the first)
    assert not list((tmp_path / "cache").rglob("*.stat"))


def test_a_saved_timeline_edited_in_place_is_read_again_even_with_its_size_and_mtime_kept(tmp_path, monkeypatch):
    import os

    from timeline import sources

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    path = folder / "t.toml"
    _settle(monkeypatch)
    assert any(e.title == "Finland joins NATO" for e in sources.read_saved_timeline(path).events)
    before = path.stat()
    with open(path, "r+b") as f:  # same size, other bytes, the same file
        text = f.read()
        f.seek(0)
        f.write(text.replace(b"Finland joins NATO", b"Sweden joins NATO!"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the mtime put back
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    titles = [e.title for e in sources.read_saved_timeline(path).events]
    assert "Sweden joins NATO!" in titles and "Finland joins NATO" not in titles


def test_a_saved_timeline_replaced_by_another_file_is_read_again(tmp_path, monkeypatch):
    import os

    from timeline import sources

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    path = folder / "t.toml"
    _settle(monkeypatch)
    sources.read_saved_timeline(path)
    before = path.stat()
    other = folder / "other.toml"
    other.write_bytes(path.read_bytes().replace(b"Finland joins NATO", b"Sweden joins NATO!"))
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, path)  # as an editor saves: a new file renamed over the old
    titles = [e.title for e in sources.read_saved_timeline(path).events]
    assert "Sweden joins NATO!" in titles and "Finland joins NATO" not in titles


def test_a_damaged_stat_key_file_only_costs_a_hash(tmp_path, monkeypatch):
    from timeline import sources

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    _settle(monkeypatch)
    first = sources.read_saved_timeline(folder / "t.toml")
    (key,) = (tmp_path / "cache").rglob("*.stat")
    for damage in (b"", b"0x" + b"0" * 62, b"../" * 21 + b"a", b"f" * 63 + b"\n"):
        key.write_bytes(damage)
        assert sources.read_saved_timeline(folder / "t.toml") == first
        assert len(key.read_bytes()) == 64  # written afresh


def test_lazy_rows_hold_the_events_as_columns_of_one_length():
    from timeline.model import Timeline
    from timeline.toml_io import TimelineFileError, timeline_from_lazy_rows, timeline_lazy_rows

    rows, parts = timeline_lazy_rows(small_timeline())
    assert len(rows[6]) == 9 and {len(column) for column in rows[6]} == {len(small_timeline().events)}
    for field in range(9):
        short = [column[:-1] if n == field else column for n, column in enumerate(rows[6])]
        with pytest.raises(TimelineFileError):
            timeline_from_lazy_rows([*rows[:6], short], parts, "cache.json")
    for odd in ([], [[]] * 9 + [[]], "columns", [[] for _ in range(8)] + ["x"]):
        with pytest.raises(TimelineFileError):
            timeline_from_lazy_rows([*rows[:6], odd], parts, "cache.json")
    empty = Timeline()
    assert timeline_from_lazy_rows(*timeline_lazy_rows(empty), "cache.json") == empty
    with pytest.raises(TimelineFileError):  # parts no event claims
        timeline_from_lazy_rows(timeline_lazy_rows(empty)[0], parts, "cache.json")


def test_a_timeline_read_afresh_is_cached_under_the_hash_of_the_bytes_it_was_read_from(tmp_path, monkeypatch):
    """Changed between its hash and its reading, a file's timeline is not cached under the older content's hash."""
    import hashlib

    from timeline import sources

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _, folder = _saved(tmp_path)
    monkeypatch.setattr(sources, "file_digest", lambda path: "0" * 64)  # the hash of what the file held a moment ago
    sources.read_saved_timeline(folder / "t.toml")
    (entry,) = (tmp_path / "cache").rglob("*.rows")
    assert entry.name.startswith(hashlib.sha256((folder / "t.toml").read_bytes()).hexdigest())
