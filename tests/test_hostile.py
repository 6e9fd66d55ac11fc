"""Hostile and broken input: a corpus of bad files is read (and built) with one warning
per bad file, the good files all survive, nothing crashes, and no write is ever partial.

The bad corpus is generated here, so the test shows exactly what each file holds.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.corpus import SUPPORTED_SUFFIXES, read_corpus
from timeline.files import atomic_write_bytes

ROOT = Path(__file__).resolve().parents[1]

GOOD_TEXT = (
    "The harbour authority closed the port on 3 March 2024 after a storm damaged two cranes. "
    "Engineers said on Monday that repairs would take at least a week.\n"
)


@dataclass(frozen=True)
class HostileCorpus:
    root: Path
    good_ids: tuple[str, ...]  # documents that must be read
    bad: dict[str, str]  # file name (or name:line) -> a fragment of its one warning
    notes: dict[str, str]  # files kept but warned about once (decoding, truncation)


def make_hostile_corpus(root: Path, *, huge_mb: int = 50) -> HostileCorpus:
    root.mkdir(parents=True, exist_ok=True)

    def put(name: str, data: str | bytes) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    # good files
    put("plain.txt", " date 2024-03-04 \n\n" + GOOD_TEXT)
    put("front.md", "---\ntitle: Port closed\ndate: 2024-03-04\n---\n" + GOOD_TEXT)
    put("bom.txt", b"\xef\xbb\xbf" + ("Port closed by storm\n" + GOOD_TEXT).encode())
    put("crlf.txt", ("Port closed by storm\n\n" + GOOD_TEXT).replace("\n", "\r\n"))
    put("cp1252.txt", ("Caf\u00e9 owners \u201cworried\u201d\n" + GOOD_TEXT).encode("cp1252"))
    put(
        "page.html",
        "<html><head><title>Port closed</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Port closed</h1><p>{GOOD_TEXT}</p><p>{GOOD_TEXT}</p></article></body></html>",
    )
    put(
        "feed.jsonl",
        json.dumps({"id": "rec1", "title": "Port closed", "text": GOOD_TEXT})
        + "\n{broken json\n"
        + json.dumps({"id": "rec2", "text": "The ferry resumed on 6 March 2024.\n" + GOOD_TEXT})
        + "\n",
    )
    put("badfront.md", "---\ntitle: never closed\n" + GOOD_TEXT)  # kept, read as text
    # a 5 MB single line and a huge article: truncated, with a warning each
    put("oneline.txt", ("word " * 1_000_000).encode())
    with (root / "huge.txt").open("wb") as fh:
        fh.write(("Huge report\n" + GOOD_TEXT).encode())
        block = (GOOD_TEXT * 200).encode()
        for _ in range(huge_mb * 2**20 // len(block)):
            fh.write(block)
    # bad files: each skipped with one warning
    put("empty.txt", b"")
    put("blank.md", b"  \n\n \t \n")
    put("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)))
    put("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    put("nul.md", b"some text\x00\x00\x00more" + os.urandom(64))
    put("noise.txt", bytes(b for b in os.urandom(4096) if b))  # random bytes, no NUL, no magic
    put("menu.html", "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    put("bad.json", '{"articles": [{"text": "x"},')
    put("unreadable.txt", GOOD_TEXT)
    (root / "unreadable.txt").chmod(0)
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    for i in range(3000):  # a folder of thousands of non-article files: one line for all
        put(f"assets/img{i:04d}.png", b"")
    put("only-header.txt", " date 2024-03-04 \n")
    return HostileCorpus(
        root=root,
        good_ids=("plain", "front", "bom", "crlf", "cp1252", "page", "rec1", "rec2", "badfront", "oneline", "huge"),
        bad={
            "empty.txt": "empty file",
            "blank.md": "empty file",
            "report.txt": "a PDF file, not text",
            "photo.txt": "a PNG image, not text",
            "nul.md": "a binary file, not text",
            "noise.txt": "a binary file, not text",
            "menu.html": "HTML page with no article text",
            "bad.json": "invalid JSON",
            "feed.jsonl:2": "invalid JSON",
            "unreadable.txt": "cannot read: Permission denied",
            "dangling.txt": "broken symbolic link",
            "only-header.txt": "no article text after its metadata",
        },
        notes={
            "cp1252.txt": "not UTF-8; decoded as Windows-1252",
            "badfront.md": "never closed",
            "oneline.txt": "truncated",
            "huge.txt": "truncated",
            root.name: "3000 file(s) of unsupported types ignored",
        },
    )


@pytest.fixture
def deny_unreadable(monkeypatch):
    """chmod 000 does not stop root: refuse that one file as the OS would refuse a user."""
    if os.geteuid() != 0:
        return
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        mode = args[0] if args else kwargs.get("mode", "r")
        if self.name == "unreadable.txt" and "r" in mode:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)


def warning_key(path: str, root: Path) -> str:
    p = Path(path)
    return p.name if p != root else root.name


def test_hostile_corpus_reads_good_files_and_warns_once_per_bad_file(tmp_path, deny_unreadable):
    hostile = make_hostile_corpus(tmp_path / "corpus")
    corpus = read_corpus([hostile.root])
    ids = [d.id for d in corpus.documents]
    assert sorted(ids) == sorted(hostile.good_ids)

    keys = [warning_key(w.path, hostile.root) for w in corpus.warnings]
    assert len(keys) == len(set(keys)), "a file was warned about more than once"
    got = {warning_key(w.path, hostile.root): (w.reason, w.skipped) for w in corpus.warnings}
    assert set(got) == set(hostile.bad) | set(hostile.notes)
    for name, fragment in hostile.bad.items():
        assert fragment in got[name][0] and got[name][1], (name, got[name])
    for name, fragment in hostile.notes.items():
        assert fragment in got[name][0] and not got[name][1], (name, got[name])
    assert all("\n" not in str(w) for w in corpus.warnings)

    docs = {d.id: d for d in corpus.documents}
    for doc in corpus.documents:
        assert "\r" not in doc.title and "\n" not in doc.title and len(doc.title) <= 121
    assert docs["crlf"].title == "Port closed by storm"
    assert docs["crlf"].text == (tmp_path / "corpus" / "crlf.txt").read_bytes().decode()  # offsets match the file
    assert docs["bom"].text.startswith("Port closed")  # the BOM is not text
    assert docs["cp1252"].title == "Caf\u00e9 owners \u201cworried\u201d"
    assert docs["cp1252"].warnings == ("not UTF-8; decoded as Windows-1252",)
    assert len(docs["huge"].text) == 1_000_000 and len(docs["oneline"].text) == 1_000_000
    assert docs["oneline"].title.endswith("…") and len(docs["oneline"].title) <= 121
    assert (docs["plain"].published, docs["front"].published) == ("2024-03-04", "2024-03-04")


def test_a_huge_file_costs_bounded_memory(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        block = (GOOD_TEXT * 500).encode()
        for _ in range(60 * 2**20 // len(block)):
            fh.write(block)
    tracemalloc.start()
    try:
        corpus = read_corpus([big], max_chars=200_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(corpus.documents[0].text) == 200_000
    assert [w.reason for w in corpus.warnings] == ["longer than 200,000 characters; truncated"]
    assert peak < 20 * 2**20, f"peak {peak / 2**20:.1f} MiB for a 60 MB file"


def test_a_json_data_file_that_is_no_corpus_gets_one_line(tmp_path):
    (tmp_path / "numbers.json").write_text(json.dumps(list(range(80_000))))
    (tmp_path / "package.json").write_text(json.dumps({"name": "x", "version": "1"}))
    corpus = read_corpus([tmp_path])
    assert not corpus.documents
    assert [(Path(w.path).name, w.reason) for w in corpus.warnings] == [
        ("numbers.json", "no articles: 80,000 record(s) skipped (not a JSON object)"),
        ("package.json", "no articles: 1 record(s) skipped (no 'text' field)"),
    ]


def test_many_bad_jsonl_lines_are_summed_up(tmp_path):
    lines = ["{bad"] * 10 + [json.dumps({"id": "ok", "text": GOOD_TEXT})] + ["[]"] * 5
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["ok"]
    shown = [w.path.rsplit("/", 1)[1] for w in corpus.warnings]
    assert shown == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl"]
    assert corpus.warnings[-1].reason.startswith("12 more record(s) with problems (most often: invalid JSON")
    assert all(w.skipped for w in corpus.warnings)


def test_huge_jsonl_record_is_skipped_without_reading_it_whole(tmp_path):
    f = tmp_path / "feed.jsonl"
    with f.open("w") as fh:
        fh.write(json.dumps({"id": "big", "text": "x " * 3_000_000}) + "\n")
        fh.write(json.dumps({"id": "small", "text": GOOD_TEXT}) + "\n")
    corpus = read_corpus([f], max_chars=100_000)
    assert [d.id for d in corpus.documents] == ["small"]
    assert [(w.path, w.skipped) for w in corpus.warnings] == [(f"{f}:1", True)]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("[" * 100_000, "JSON"),  # nesting deep enough to exhaust the recursion limit
        ('{"text": "' + "1" * 10 + '", "id": ' + "9" * 5000 + "}", "JSON"),  # int too long for Python
        ('{"text": "bad \\ud800 surrogate and more words here"}', None),
    ],
    ids=["deep", "long-int", "surrogate"],
)
def test_json_that_python_chokes_on(tmp_path, data, reason):
    f = tmp_path / "x.jsonl"
    f.write_text(data)
    corpus = read_corpus([f])
    if reason is None:
        (doc,) = corpus.documents
        assert "\ufffd" in doc.text  # a lone surrogate is replaced, so it can be written
        doc.text.encode("utf-8")
    else:
        assert not corpus.documents
        assert len(corpus.warnings) == 1 and reason in corpus.warnings[0].reason


def test_a_folder_that_cannot_be_listed_is_warned_about(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(GOOD_TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden-away.txt").write_text(GOOD_TEXT)
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        if Path(path) == locked:  # what chmod 000 does for a user (root reads anyway)
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["ok"]
    assert [(w.path, w.reason, w.skipped) for w in corpus.warnings] == [
        (str(locked), "cannot read folder: Permission denied", True)
    ]


@pytest.mark.parametrize("where", ["front matter", "manifest"])
def test_deeply_nested_toml_is_a_warning(tmp_path, where):
    nested = "x = " + "[" * 50_000 + "\n"
    if where == "front matter":
        (tmp_path / "a.md").write_text("+++\n" + nested + "+++\n" + GOOD_TEXT)
    else:
        (tmp_path / "a.md").write_text(GOOD_TEXT)
        (tmp_path / "corpus.toml").write_text(nested)
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["a"]
    assert len(corpus.warnings) == 1 and "nested too deeply" in corpus.warnings[0].reason


def test_a_hostile_header_line_does_not_take_quadratic_time(tmp_path):
    (tmp_path / "a.txt").write_text("date x" + " " * 200_000 + "y\n" + GOOD_TEXT)
    start = time.perf_counter()
    read_corpus([tmp_path])
    assert time.perf_counter() - start < 30  # a hang check, not a benchmark: quadratic would take hours


# --- property: the reader never raises on arbitrary bytes ------------------------------------------------

PREFIXES = st.sampled_from(
    [b"", b"---\n", b"+++\n", b"\xef\xbb\xbf", b"\xff\xfe", b" date ", b"<html>", b'{"text": "', b"[", b"%PDF"]
)
#: Closing fences make random front matter reach the TOML and YAML readers.
ENDINGS = st.sampled_from([b"", b"\n---\nSome words of an article.\n", b"\n+++\nSome words of an article.\n"])
SUFFIXES = sorted(SUPPORTED_SUFFIXES)


BODIES = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(st.characters(max_codepoint=255), max_size=300).map(lambda t: t.encode("latin-1")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=st.lists(st.tuples(PREFIXES, BODIES, ENDINGS, st.sampled_from(SUFFIXES)), min_size=1, max_size=4),
    manifest=st.one_of(st.none(), BODIES),
)
def test_reader_never_raises_on_arbitrary_bytes(files, manifest):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, (prefix, body, ending, suffix) in enumerate(files):
            (root / f"f{i}{suffix}").write_bytes(prefix + body + ending)
        if manifest is not None:
            (root / "corpus.toml").write_bytes(b'["f0.txt"]\ndate = ' + manifest)
        corpus = read_corpus([root], max_chars=1000)
        for doc in corpus.documents:
            assert doc.text.strip()
            doc.text.encode("utf-8")
            doc.title.encode("utf-8")
            assert "\n" not in doc.title and "\r" not in doc.title
        for w in corpus.warnings:
            assert "\n" not in str(w)


# --- nothing lost: atomic writes under kill -----------------------------------------------------------

_SLOW_WRITER = """
import os, sys, time
import timeline.files as files
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
files.os.fsync = slow_fsync
files.atomic_write_bytes(sys.argv[1], b"x" * 1_000_000)
"""


def _interruptible(cmd: list[str], **kwargs) -> subprocess.Popen:
    """Start ``cmd`` with Ctrl-C at its default: a shell's background job (``make test &``) ignores
    SIGINT, its children inherit that, and Python then never turns SIGINT into KeyboardInterrupt."""
    return subprocess.Popen(cmd, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kwargs)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_write_killed_midway_leaves_nothing_and_next_write_cleans_up(tmp_path, sig):
    target = tmp_path / "out.toml"
    proc = _interruptible([sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"  # the temp file exists and is half done
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert not target.exists()
    leftovers = [p.name for p in tmp_path.iterdir()]
    if sig == signal.SIGINT:
        assert leftovers == []  # Ctrl-C: the writer removed its own temp file
    atomic_write_bytes(target, b"complete")
    assert [p.name for p in tmp_path.iterdir()] == ["out.toml"]  # a killed writer's temp file is gone
    assert target.read_bytes() == b"complete"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["SIGKILL", "SIGINT", "SIGTERM"])
def test_build_killed_midway_leaves_no_output_and_next_build_succeeds(tmp_path, sig):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i:02d}.txt").write_text(f"Story {i}\n" + GOOD_TEXT * 20)
    (corpus / "empty.txt").write_text("")  # a warning on stderr tells us reading is done
    out = tmp_path / "out" / "timeline.toml"
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "timeline", "build", str(corpus), "-o", str(out)]
    proc = _interruptible(cmd, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    first = proc.stderr.readline()
    assert "empty.txt: empty file" in first
    time.sleep(0.5)  # now loading the model or parsing
    proc.send_signal(sig)
    proc.wait(timeout=60)
    rest = proc.stderr.read()
    if proc.returncode in (0, 3):  # finished before the signal: the output must be whole
        tomllib.loads(out.read_text(encoding="utf-8"))
    else:
        assert not out.exists()
        assert "Traceback" not in rest
    leftovers = list(out.parent.glob(".*.tmp")) if out.parent.exists() else []
    assert leftovers == [] or sig == signal.SIGKILL
    again = subprocess.run([*cmd, "--force", "-q"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert again.returncode == 3, again.stderr  # built; empty.txt was skipped
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 40
    assert [p.name for p in out.parent.iterdir()] == ["timeline.toml"]


# --- the hostile corpus through the command line --------------------------------------------------------


def test_strict_build_of_the_hostile_corpus_exits_1_and_writes_nothing(tmp_path):
    hostile = make_hostile_corpus(tmp_path / "corpus", huge_mb=2)
    out = tmp_path / "out.toml"
    cmd = [sys.executable, "-m", "timeline", "build", str(hostile.root), "-o", str(out), "--strict"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("timeline: warning: ")]
    for name in set(hostile.bad) - ({"unreadable.txt"} if os.geteuid() == 0 else set()):
        assert sum(f"/{name}: " in line for line in warnings) == 1, name


@pytest.mark.slow
def test_hostile_corpus_builds_end_to_end(tmp_path):
    hostile = make_hostile_corpus(tmp_path / "corpus", huge_mb=2)
    out = tmp_path / "out.toml"
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "timeline", "build", str(hostile.root), "-o", str(out), "--max-chars", "20000"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env, cwd=ROOT)
    assert proc.returncode == 3, proc.stderr  # built, but files were skipped
    assert "Traceback" not in proc.stderr
    bad = set(hostile.bad) - ({"unreadable.txt"} if os.geteuid() == 0 else set())
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("timeline: warning: ")]
    for name in bad:
        assert sum(f"/{name}: " in line for line in warnings) == 1, name
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    ids = {d["id"] for d in data["documents"]}
    expected = set(hostile.good_ids) | ({"unreadable"} if os.geteuid() == 0 else set())
    assert ids == expected
    with_events = {s["document"] for e in data.get("events", []) for s in e.get("sources", [])}
    assert with_events >= set(hostile.good_ids) - {"oneline"}  # every real article yields its events


# --- the command line around a stand-in builder ---------------------------------------------------------
# The real builder's run is slow and needs the model; these tests exercise what wraps it (reading,
# warnings, exit codes, writing, interruption) with a builder that returns the documents only.

_STUB_BUILD = """
import os, sys, time
import timeline.build
from timeline.model import Timeline

def build_timeline(documents, **kwargs):
    print("building", file=sys.stderr, flush=True)
    time.sleep(float(os.environ.get("STUB_SLEEP", "0")))
    return Timeline(documents=tuple(documents), generator="stub")

timeline.build.build_timeline = build_timeline
from timeline.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def stub_build(*args: str, sleep: float = 0, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "STUB_SLEEP": str(sleep)}
    cmd = [sys.executable, "-c", _STUB_BUILD, "build", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, **kwargs)


def test_hostile_corpus_through_the_cli_warns_once_each_and_exits_3(tmp_path):
    hostile = make_hostile_corpus(tmp_path / "corpus", huge_mb=2)
    out = tmp_path / "out.toml"
    proc = stub_build(str(hostile.root), "-o", str(out))
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("timeline: warning: ")]
    for name in set(hostile.bad) - ({"unreadable.txt"} if os.geteuid() == 0 else set()):
        assert sum(f"/{name}: " in line for line in warnings) == 1, name
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    ids = {d["id"] for d in data["documents"]}
    assert ids >= set(hostile.good_ids)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.toml"]  # no temp files


def test_clean_corpus_exits_0_and_stdout_output(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    proc = stub_build(str(tmp_path / "a.txt"), "-o", "-", "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "building\n"
    assert tomllib.loads(proc.stdout)["documents"][0]["id"] == "a"


def test_existing_output_needs_force(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    out = tmp_path / "out.toml"
    out.write_text("precious")
    assert stub_build(str(tmp_path / "a.txt"), "-o", str(out)).returncode == 1
    assert out.read_text() == "precious"
    assert stub_build(str(tmp_path / "a.txt"), "-o", str(out), "--force").returncode == 0
    assert tomllib.loads(out.read_text())["documents"][0]["id"] == "a"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["SIGKILL", "SIGINT", "SIGTERM"])
def test_build_interrupted_while_building_leaves_nothing(tmp_path, sig):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(GOOD_TEXT)
    out = tmp_path / "out" / "t.toml"
    env = {**os.environ, "STUB_SLEEP": "30"}
    cmd = [sys.executable, "-c", _STUB_BUILD, "build", str(tmp_path / "corpus"), "-o", str(out)]
    proc = _interruptible(cmd, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stderr.readline() == "building\n"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    rest = proc.stderr.read()
    assert proc.returncode != 0
    if sig != signal.SIGKILL:
        assert proc.returncode == 130 and rest == "timeline: interrupted\n"
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []
    again = stub_build(str(tmp_path / "corpus"), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.parent.iterdir()] == ["t.toml"]


def test_a_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    atomic_write_bytes(fifo, b"through the pipe")  # no --force needed: a pipe holds nothing to lose
    assert reader.communicate(timeout=10)[0] == b"through the pipe"
    assert fifo.is_fifo()


def test_a_symlinked_output_is_written_through(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new", overwrite=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_a_folder_as_output_is_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    proc = stub_build(str(tmp_path / "a.txt"), "-o", str(tmp_path), "--force")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == f"timeline: {tmp_path}: is a directory"
    assert "Traceback" not in proc.stderr
