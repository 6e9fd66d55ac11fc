"""Dating by narrative: events with no date of their own take one from their context."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.candidates import DocumentAnalysis
from timeline.model import Document


def date_by_narrative(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]
) -> tuple[DocumentAnalysis, ...]:
    """Analyses whose undated candidates are dated from context where it supports a date."""
    return tuple(analyses)
