"""The explorer's cache of a saved timeline: damage found before use, and nothing slow loaded to check it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import sources
from timeline.model import Actor, Document, Event, Precision, Quote, Source, Timeline
from timeline.toml_io import write_timeline

TEXT = "The council voted on Tuesday. The mayor resigned a week later.\n"


def sample() -> Timeline:
    doc = Document(id="d1", path="d1.txt", text="", title="Council", published="2024-06-07")
    sentences = ("The council voted on Tuesday.", "The mayor resigned a week later.")
    events = tuple(
        Event(f"e{i}", title, f"2024-06-0{i + 4}", Precision.DAY, actors=("council",),
              quotes=(Quote(f"We voted {i}", "council"),),
              sources=(Source("d1", TEXT.index(s), TEXT.index(s) + len(s), s),))
        for i, (title, s) in enumerate(zip(("Vote", "Resignation"), sentences, strict=True))
    )  # fmt: skip
    return Timeline(documents=(doc,), actors=(Actor("council", "The council"),), events=events)


@pytest.fixture
def saved(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "t.toml"
    write_timeline(sample(), path)
    sources.read_saved_timeline(path)  # parsed, and its cache entry written
    return path


def test_an_entry_with_any_byte_changed_is_not_used(saved, tmp_path):
    (entry,) = (tmp_path / "cache").rglob("*.rows")
    whole = entry.read_bytes()
    said: list[int] = []
    for at in range(0, len(whole), max(1, len(whole) // 40)):  # the checksum, the rows and the passages
        entry.write_bytes(whole[:at] + bytes([whole[at] ^ 0x04]) + whole[at + 1 :])
        assert sources.read_saved_timeline(saved, reading=lambda: said.append(1)) == sample()
        entry.write_bytes(whole)
    assert len(said) == len(range(0, len(whole), max(1, len(whole) // 40)))  # the file itself read each time
    entry.write_bytes(whole[:-1])  # cut short
    assert sources.read_saved_timeline(saved) == sample()


def test_opening_a_settled_saved_timeline_does_not_load_openssl(saved, tmp_path):
    """The file's digest is recorded by its stat key; the cache entry's checksum needs no hashlib either."""
    script = (
        "import sys; from timeline import sources; sources.RACY_NS = 0; "
        f"t = sources.read_saved_timeline({str(saved)!r}); print(len(t.events), 'hashlib' in sys.modules)"
    )
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    run = [sys.executable, "-c", script]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split()
    again = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert first == ["2", "True"]  # hashed to find its entry, its stat key recorded
    assert again == ["2", "False"]
