"""The per-document half of the builder: parse each document and analyse it.

Streams documents through ``nlp.pipe`` so memory stays bounded; the result per
document is a small :class:`DocumentAnalysis` with no spaCy objects in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.candidates import DocumentAnalysis
from timeline.model import Document


@dataclass(frozen=True, slots=True)
class CorpusAnalysis:
    analyses: tuple[DocumentAnalysis, ...]
    model: str  # name-version of the spaCy pipeline used


def analyse_corpus(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    quiet: bool = False,
) -> CorpusAnalysis:
    from timeline.analyse import analyse_document
    from timeline.nlp import load_model, model_id

    nlp = load_model(model)
    analyses = tuple(
        analyse_document(document, doc)
        for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True)
    )
    return CorpusAnalysis(analyses=analyses, model=model_id(nlp))
