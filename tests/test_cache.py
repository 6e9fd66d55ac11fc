"""The analysis cache: hits, invalidation, recovery from bad files, --no-cache."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from timeline.cache import FILE_NAME, AnalysisCache, document_key, dumps_analysis, loads_analysis
from timeline.candidates import ActorMention, DocumentAnalysis, EventCandidate, EventKind, Sentence
from timeline.model import Certainty, Document, Precision, Quote, TimeExpression, TimexType
from timeline.parse import analyse_corpus


def blank():
    import spacy

    return spacy.blank("en")


class Counter:
    """A stand-in analysis that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, document: Document, doc) -> DocumentAnalysis:
        self.calls.append(document.id)
        return DocumentAnalysis(
            document=document.id,
            sentences=(Sentence(start=0, end=len(doc.text)),),
            mentions=(ActorMention(text=doc[0].text, start=0, end=len(doc[0].text), label="PERSON"),),
        )


def docs(n: int = 5, published: str | None = "2024-02-12") -> list[Document]:
    return [
        Document(
            id=f"d{i}",
            path=f"d{i}.txt",
            text=f"Alice{i} met Bob in Paris on day {i}.",
            title=f"T{i}",
            published=published,
        )
        for i in range(n)
    ]


def run(documents, cache_dir, fn, **kw):
    kw.setdefault("model_key", "en_blank-1.0")
    kw.setdefault("pipeline", "p1")
    return analyse_corpus(documents, jobs=1, cache_dir=cache_dir, analyse=fn, loader=blank, quiet=True, **kw)


def test_second_run_analyses_nothing(tmp_path):
    fn = Counter()
    first = run(docs(), tmp_path, fn)
    assert len(fn.calls) == 5
    fn2 = Counter()
    second = run(docs(), tmp_path, fn2)
    assert fn2.calls == []
    assert second.analyses == first.analyses
    assert (second.cached, second.analysed) == (5, 0)


def test_changing_one_document_reanalyses_only_it(tmp_path):
    run(docs(), tmp_path, Counter())
    changed = docs()
    changed[2] = Document(id="d2", path="d2.txt", text="Carol left Rome.", title="T2", published="2024-02-12")
    fn = Counter()
    result = run(changed, tmp_path, fn)
    assert fn.calls == ["d2"]
    assert result.analyses[2].mentions[0].text == "Carol"


@pytest.mark.parametrize(
    "change",
    [
        {"model_key": "en_blank-2.0"},
        {"pipeline": "p2"},
    ],
)
def test_model_or_pipeline_change_invalidates(tmp_path, change):
    run(docs(), tmp_path, Counter())
    fn = Counter()
    run(docs(), tmp_path, fn, **change)
    assert len(fn.calls) == 5


def test_publication_date_change_invalidates(tmp_path):
    run(docs(), tmp_path, Counter())
    fn = Counter()
    run(docs(published="2024-03-01"), tmp_path, fn)
    assert len(fn.calls) == 5


def test_no_cache_writes_nothing(tmp_path):
    fn = Counter()
    analyse_corpus(
        docs(),
        jobs=1,
        cache_dir=tmp_path,
        use_cache=False,
        analyse=fn,
        loader=blank,
        model_key="m",
        pipeline="p",
        quiet=True,
    )
    assert len(fn.calls) == 5
    assert list(tmp_path.iterdir()) == []


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE analyses (key TEXT, data TEXT)")
    conn.execute("INSERT INTO analyses VALUES ('x', 'y')")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    AnalysisCache(tmp.parent / "full").close()
    full = tmp.parent / "full" / FILE_NAME
    conn = sqlite3.connect(full)
    conn.executemany("INSERT INTO analyses VALUES (?, 'm', ?, 0)", [(str(i), "x" * 3000) for i in range(200)])
    conn.commit()
    conn.close()
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p.write_bytes(b"\x00garbage\xff" * 500),
        lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000),
        _foreign,
        _truncated,
    ],
    ids=["garbage", "bad-header", "foreign-sqlite", "truncated"],
)
def test_corrupt_cache_is_set_aside_and_rebuilt(tmp_path, capsys, spoil):
    spoil(tmp_path / FILE_NAME)
    fn = Counter()
    result = analyse_corpus(docs(), jobs=1, cache_dir=tmp_path, analyse=fn, loader=blank, model_key="m", pipeline="p")
    assert len(fn.calls) == 5 and [a.document for a in result.analyses] == [f"d{i}" for i in range(5)]
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "set aside" in err
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())
    fn2 = Counter()
    again = analyse_corpus(docs(), jobs=1, cache_dir=tmp_path, analyse=fn2, loader=blank, model_key="m", pipeline="p")
    assert fn2.calls == [] and again.analyses == result.analyses
    assert capsys.readouterr().err == ""


def test_bad_rows_are_reanalysed(tmp_path, capsys):
    run(docs(), tmp_path, Counter())
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.execute("UPDATE analyses SET data = '{\"document\": 5}' WHERE rowid = 1")
    conn.execute("UPDATE analyses SET data = 'not json' WHERE rowid = 2")
    conn.execute('UPDATE analyses SET data = \'{"document": "d", "__reduce__": "os.system"}\' WHERE rowid = 3')
    conn.commit()
    conn.close()
    fn = Counter()
    result = run(docs(), tmp_path, fn)
    assert len(fn.calls) == 3
    assert [a.document for a in result.analyses] == [f"d{i}" for i in range(5)]


def test_round_trip_of_every_field_type():
    t = TimeExpression(
        start=0,
        end=5,
        text="today",
        type=TimexType.DATE,
        value="2024-02-12",
        date="2024-02-12",
        precision=Precision.DAY,
    )
    c = EventCandidate(
        document="d",
        sentence=0,
        start=0,
        end=10,
        text="x",
        title="t",
        kind=EventKind.STATEMENT,
        predicate="say",
        time=0,
        date="2024-02-12",
        precision=Precision.DAY,
        certainty=Certainty.STATED,
        actors=(ActorMention(text="A", start=0, end=1, label="PERSON", roles=("Minister",)),),
        quotes=(Quote(text="q", speaker="A"),),
        lemmas=frozenset({"b", "a"}),
        numbers=frozenset({"3"}),
    )
    a = DocumentAnalysis(
        document="d", times=(t,), sentences=(Sentence(0, 10, (0,)),), candidates=(c,), mentions=c.actors
    )
    assert loads_analysis(dumps_analysis(a)) == a


def test_concurrent_writers_leave_a_readable_cache(tmp_path):
    def write(n: int) -> None:
        with AnalysisCache(tmp_path, quiet=True) as cache:
            for j in range(10):
                cache.put_many([(f"{n}-{j}", "m", DocumentAnalysis(document=f"{n}-{j}"))])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with AnalysisCache(tmp_path) as cache:
        got = cache.get_many([f"{n}-{j}" for n in range(4) for j in range(10)])
    assert len(got) == 40


def test_interrupted_build_keeps_committed_work(tmp_path):
    class Boom(Counter):
        def __call__(self, document, doc):
            if len(self.calls) == 100:
                raise KeyboardInterrupt
            return super().__call__(document, doc)

    many = docs(150)
    with pytest.raises(KeyboardInterrupt):
        run(many, tmp_path, Boom())
    fn = Counter()
    run(many, tmp_path, fn)
    assert len(fn.calls) <= 150 - 64  # the first committed batch was kept
    assert len(fn.calls) >= 50


def test_key_depends_on_text_date_model_and_pipeline():
    d = docs(1)[0]
    base = document_key(d, "m", "p")
    assert base == document_key(d, "m", "p")
    assert base != document_key(d, "m2", "p")
    assert base != document_key(d, "m", "p2")
    assert base != document_key(
        Document(id=d.id, path=d.path, text=d.text + " ", title=d.title, published=d.published), "m", "p"
    )


def test_cli_build_uses_the_cache_dir_and_no_cache_writes_nothing(tmp_path, seeds_dir):
    import subprocess
    import sys

    def build(*extra: str) -> str:
        cmd = [sys.executable, "-m", "timeline", "build", str(seeds_dir), "-o", "-", "-q", "-j", "1", *extra]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    cache = tmp_path / "cache"
    cold = build("--cache-dir", str(cache))
    assert (cache / FILE_NAME).exists()
    assert build("--cache-dir", str(cache)) == cold
    untouched = tmp_path / "none"
    assert build("--no-cache", "--cache-dir", str(untouched)) == cold
    assert not untouched.exists()


def test_a_pinned_pipeline_version_keeps_entries_across_code_edits(tmp_path, monkeypatch):
    # benchmarks pin the version they start with: an edit during the run keeps the warm build warm
    from timeline import cache

    monkeypatch.setenv("TIMELINE_PIPELINE_VERSION", "pinned-1")
    assert cache.pipeline_version() == "pinned-1"
    run(docs(), tmp_path, Counter(), pipeline=None)
    monkeypatch.setattr(cache, "PIPELINE_SOURCES", ())  # as if the analysis code had changed
    fn = Counter()
    run(docs(), tmp_path, fn, pipeline=None)
    assert fn.calls == []
    monkeypatch.delenv("TIMELINE_PIPELINE_VERSION")
    assert cache.pipeline_version() != "pinned-1"


def test_decoded_values_are_checked_field_by_field():
    # the per-type decoders reject what the types do not allow, like the generic ones did
    good = dumps_analysis(
        DocumentAnalysis(document="d", times=(TimeExpression(0, 3, "now", TimexType.DATE, "PRESENT_REF"),))
    )
    assert loads_analysis(good).times[0].type == TimexType.DATE
    for bad in (
        good.replace('"start":0', '"start":true'),
        good.replace('"DATE"', '"EPOCH"'),
        good.replace('"document":"d"', '"document":"d","extra":1'),
        good.replace('"text":"now"', '"text":5'),
    ):
        with pytest.raises(ValueError):
            loads_analysis(bad)


# --- whole built timelines --------------------------------------------------------------


def _seed_documents(seeds_dir):
    from timeline.corpus import read_corpus

    return list(read_corpus([seeds_dir]).documents)


def _toml(timeline) -> str:
    from timeline.toml_io import dumps_timeline

    return dumps_timeline(timeline, embed_text=True)


def _count_analyses(monkeypatch) -> list[str]:
    from timeline import analyse

    calls: list[str] = []
    real = analyse.analyse_document

    def counted(document, doc):
        calls.append(document.id)
        return real(document, doc)

    monkeypatch.setattr(analyse, "analyse_document", counted)
    return calls


def test_an_unchanged_corpus_is_read_back_whole_and_identical(tmp_path, seeds_dir, monkeypatch):
    from timeline import merge, parse
    from timeline.build import build_timeline

    documents = _seed_documents(seeds_dir)
    cold = _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path))

    def never(*args, **kwargs):
        raise AssertionError("a cached timeline runs no stage")

    with monkeypatch.context() as m:
        m.setattr(parse, "analyse_corpus", never)
        m.setattr(merge, "merge_candidates", never)
        warm = _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path))
    assert warm == cold
    assert warm == _toml(build_timeline(documents, quiet=True, jobs=1, use_cache=False))


def test_changing_one_document_rebuilds_and_matches_an_uncached_build(tmp_path, seeds_dir, monkeypatch):
    from dataclasses import replace

    from timeline.build import build_timeline

    documents = _seed_documents(seeds_dir)
    first = _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path))
    changed = list(documents)
    changed[1] = replace(
        changed[1], text=changed[1].text + "\n\nOn Monday, the mayor of Springfield resigned, officials said.\n"
    )
    calls = _count_analyses(monkeypatch)
    second = _toml(build_timeline(changed, quiet=True, jobs=1, cache_dir=tmp_path))
    assert calls == [changed[1].id]  # only the changed file parsed again
    assert second != first and "resigned" in second
    assert second == _toml(build_timeline(changed, quiet=True, jobs=1, use_cache=False))
    # and the first corpus is still served from its own entry
    assert _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path)) == first


def test_a_changed_path_or_date_is_another_timeline(tmp_path, seeds_dir):
    from dataclasses import replace

    from timeline.cache import timeline_key

    documents = _seed_documents(seeds_dir)
    base = timeline_key(documents, "m", "p", "b")
    assert base == timeline_key(list(documents), "m", "p", "b")
    moved = [replace(documents[0], path="elsewhere.md"), *documents[1:]]
    redated = [replace(documents[0], published="1999-01-01"), *documents[1:]]
    reordered = [documents[1], documents[0], *documents[2:]]
    variants = [moved, redated, reordered, documents[:-1]]
    keys = {timeline_key(v, "m", "p", "b") for v in variants}
    keys |= {timeline_key(documents, "m2", "p", "b"), timeline_key(documents, "m", "p2", "b")}
    keys |= {timeline_key(documents, "m", "p", "b2")}
    assert base not in keys and len(keys) == 7


@pytest.mark.parametrize(
    "data",
    ["not json", "[1, 2, 3]", '{"schema": 1}', '["tl/1", "", "", [], [["x"]], [], []]', "null"],
    ids=["not-json", "short-list", "object", "bad-rows", "null"],
)
def test_a_bad_built_timeline_is_ignored_and_rebuilt(tmp_path, seeds_dir, monkeypatch, data):
    from timeline.build import build_timeline

    documents = _seed_documents(seeds_dir)
    cold = _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path))
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    assert conn.execute("UPDATE timelines SET data = ?", (data,)).rowcount == 1
    conn.commit()
    conn.close()
    calls = _count_analyses(monkeypatch)
    assert _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path)) == cold
    assert calls == []  # the analyses are still good: only the corpus stages ran again
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    (stored,) = conn.execute("SELECT data FROM timelines").fetchone()
    conn.close()
    assert stored != data  # replaced by the rebuilt one


def test_a_cache_file_from_before_built_timelines_gains_them(tmp_path, seeds_dir):
    from timeline.build import build_timeline

    AnalysisCache(tmp_path).close()
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.execute("DROP TABLE timelines")
    conn.commit()
    conn.close()
    documents = _seed_documents(seeds_dir)
    cold = _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path))
    assert not any(".corrupt-" in p.name for p in tmp_path.iterdir())
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    assert conn.execute("SELECT count(*) FROM timelines").fetchone()[0] == 1
    conn.close()
    assert _toml(build_timeline(documents, quiet=True, jobs=1, cache_dir=tmp_path)) == cold


def test_only_the_latest_built_timelines_are_kept(tmp_path):
    from timeline.cache import TIMELINES_KEPT
    from timeline.model import Timeline

    with AnalysisCache(tmp_path) as cache:
        for i in range(TIMELINES_KEPT + 3):
            cache.put_timeline(f"k{i}", Timeline(generator=f"g{i}"))
        assert cache.get_timeline("k0") is None
        last = cache.get_timeline(f"k{TIMELINES_KEPT + 2}")
    assert last is not None and last.generator == f"g{TIMELINES_KEPT + 2}"


def test_every_module_an_analysis_runs_is_in_the_pipeline_version():
    """An edit to any code the per-document analysis runs must invalidate cached analyses."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from timeline.nlp import load_model\n"
        "from timeline.analyse import analyse_document\n"
        "from timeline.model import Document\n"
        "text = 'NATO chief Jens Stoltenberg said on Sunday that the alliance \"will respond\". Copyright 2024.'\n"
        "analyse_document(Document('d', 'd.txt', text, 'T', published='2024-02-12'), load_model(None)(text))\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('timeline.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    from timeline.cache import PIPELINE_SOURCES

    covered = {s.removesuffix(".py") for s in PIPELINE_SOURCES}
    not_analysis = {"paths", "parse"}  # where the cache lives; how the work is shared out
    missing = [m for m in out if m.split(".")[1] not in covered | not_analysis]
    assert "timeline.events" in out and not missing
