"""Article texts re-read for a timeline saved without them."""

from __future__ import annotations

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
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1
    monkeypatch.setattr("timeline.toml_io.read_timeline", lambda p: (_ for _ in ()).throw(AssertionError("not cached")))
    assert sources.read_saved_timeline(folder / "t.toml") == first
    # an edited file is read again; a damaged cache entry is ignored
    monkeypatch.undo()
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    (folder / "t.toml").write_text((folder / "t.toml").read_text().replace("Finland joins NATO", "Finland joins"))
    assert any(e.title == "Finland joins" for e in sources.read_saved_timeline(folder / "t.toml").events)
    for f in (tmp_path / "cache").rglob("*.json"):
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
