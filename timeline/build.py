"""The builder: documents in, a :class:`Timeline` out.

Two halves. Per document (pure, parallel, cached — :mod:`timeline.parse`): parse →
time expressions → event candidates, giving a :class:`DocumentAnalysis`. Across the
corpus (here, in order): actors resolved → publication dates inferred → narrative
dating → candidates merged into events.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from timeline import __version__
from timeline.model import Document, Timeline


def build_timeline(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    quiet: bool = False,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> Timeline:
    from timeline.actors import resolve_actors
    from timeline.merge import merge_candidates
    from timeline.narrative import date_by_narrative
    from timeline.parse import analyse_corpus
    from timeline.pubdates import infer_publication_dates

    result = analyse_corpus(documents, model=model, jobs=jobs, cache_dir=cache_dir, use_cache=use_cache, quiet=quiet)
    resolution = resolve_actors(result.analyses)
    dated = infer_publication_dates(documents, result.analyses)
    analyses = date_by_narrative(dated.documents, dated.analyses)
    events = merge_candidates(analyses, resolution)
    return Timeline(
        documents=tuple(dated.documents),
        actors=tuple(resolution.actors),
        events=tuple(events),
        generator=f"timeline {__version__}",
        model=result.model,
        notes=tuple(dated.notes),
    )
