"""analyse_corpus: order, worker processes, progress on a terminal only."""

from __future__ import annotations

import gc
import io

import pytest

from timeline.candidates import DocumentAnalysis, Sentence
from timeline.model import Document
from timeline.parse import CHUNK_SIZE, analyse_corpus, cyclic_gc_paused
from timeline.progress import Progress


def blank():
    import spacy

    return spacy.blank("en")


def tokens(document: Document, doc) -> DocumentAnalysis:
    """A stand-in analysis: one sentence per token, so the result shows the parse was used."""
    return DocumentAnalysis(
        document=document.id, sentences=tuple(Sentence(start=t.idx, end=t.idx + len(t)) for t in doc)
    )


def corpus(n: int) -> list[Document]:
    return [Document(id=f"d{i}", path=f"d{i}", text=" ".join(["word"] * (i % 7 + 1)), title="") for i in range(n)]


def test_workers_return_the_same_analyses_in_order(tmp_path):
    documents = corpus(CHUNK_SIZE * 5 + 3)
    kw = {"analyse": tokens, "loader": blank, "model_key": "m", "pipeline": "p", "quiet": True, "use_cache": False}
    one = analyse_corpus(documents, jobs=1, **kw)
    two = analyse_corpus(documents, jobs=2, **kw)
    assert one.analyses == two.analyses
    assert [a.document for a in two.analyses] == [d.id for d in documents]
    assert [len(a.sentences) for a in two.analyses[:8]] == [1, 2, 3, 4, 5, 6, 7, 1]


def test_workers_fill_the_cache(tmp_path):
    documents = corpus(CHUNK_SIZE * 3)
    kw = {"analyse": tokens, "loader": blank, "model_key": "m", "pipeline": "p", "quiet": True, "cache_dir": tmp_path}
    cold = analyse_corpus(documents, jobs=2, **kw)
    warm = analyse_corpus(documents, jobs=2, **kw)
    assert (cold.analysed, warm.analysed, warm.cached) == (len(documents), 0, len(documents))
    assert warm.analyses == cold.analyses


def test_prepare_sees_every_analysis_once_parsed_or_cached(tmp_path):
    documents = corpus(CHUNK_SIZE * 2 + 1)
    kw = {"analyse": tokens, "loader": blank, "model_key": "m", "pipeline": "p", "quiet": True, "cache_dir": tmp_path}
    seen: list[str] = []
    analyse_corpus(documents[:CHUNK_SIZE], jobs=1, **kw)  # a first half cached
    result = analyse_corpus(documents, jobs=2, prepare=lambda a: seen.append(a.document), **kw)
    assert (result.cached, result.analysed) == (CHUNK_SIZE, len(documents) - CHUNK_SIZE)
    assert sorted(seen) == sorted(d.id for d in documents)


def collector_state(document: Document, doc) -> DocumentAnalysis:
    return DocumentAnalysis(
        document=f"{document.id} gc={gc.isenabled()} gen0={gc.get_threshold()[0]} frozen={gc.get_freeze_count() > 0}"
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_parsing_runs_with_the_model_frozen_and_fewer_collections_then_gives_the_collector_back(jobs):
    from timeline.parse import PARSING_GC_THRESHOLD

    before = gc.get_threshold()
    kw = {"loader": blank, "model_key": "m", "pipeline": "p", "quiet": True, "use_cache": False}
    result = analyse_corpus(corpus(CHUNK_SIZE * 2), jobs=jobs, analyse=collector_state, **kw)
    states = {a.document.split(" ", 1)[1] for a in result.analyses}
    assert states == {f"gc=True gen0={PARSING_GC_THRESHOLD[0]} frozen=True"}
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0 and gc.isenabled()


def test_workers_collect_cycles_while_the_builder_pauses_its_collector():
    documents = corpus(CHUNK_SIZE * 4)
    kw = {"loader": blank, "model_key": "m", "pipeline": "p", "quiet": True, "use_cache": False}
    assert gc.isenabled()
    result = analyse_corpus(documents, jobs=2, analyse=collector_state, **kw)
    assert {a.document.split()[1] for a in result.analyses} == {"gc=True"}
    assert gc.isenabled()  # given back as it was
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # an inner pause does not turn it on early
    assert gc.isenabled()


@pytest.mark.parametrize("n", [0, 1, CHUNK_SIZE, CHUNK_SIZE * 2 + 3, CHUNK_SIZE * 10 + 5])
def test_tasks_cover_every_document_once_and_end_short(n):
    from timeline.parse import _chunks

    chunks = _chunks(n, 2)
    assert [i for chunk in chunks for i in chunk] == list(range(n))
    assert all(len(chunk) <= CHUNK_SIZE // 4 for chunk in chunks[-4:])  # no worker waits on a long last task


def test_empty_corpus():
    result = analyse_corpus([], analyse=tokens, loader=blank, model_key="m", pipeline="p", use_cache=False)
    assert result.analyses == ()


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_only():
    tty = FakeTTY()
    with Progress(10, "x", stream=tty, delay=0) as p:
        for _ in range(10):
            p._last = 0  # no throttling in the test
            p.advance()
    assert "10/10" in tty.getvalue() and tty.getvalue().endswith("\n")
    pipe = io.StringIO()
    with Progress(10, "x", stream=pipe, delay=0) as p:
        p.advance(10)
    assert pipe.getvalue() == ""
    quiet = FakeTTY()
    with Progress(10, "x", stream=quiet, delay=0, quiet=True) as p:
        p.advance(10)
    assert quiet.getvalue() == ""
