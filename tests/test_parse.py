"""analyse_corpus: order, worker processes, progress on a terminal only."""

from __future__ import annotations

import io

from timeline.candidates import DocumentAnalysis, Sentence
from timeline.model import Document
from timeline.parse import CHUNK_SIZE, analyse_corpus
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
