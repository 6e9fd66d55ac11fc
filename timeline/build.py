"""The builder: documents in, a :class:`Timeline` out.

Two halves. Per document (pure, parallel, cached — :mod:`timeline.parse`): parse →
time expressions → event candidates, giving a :class:`DocumentAnalysis`. Across the
corpus (here, in order): actors resolved → publication dates inferred → narrative
dating → candidates merged into events.

With ``TIMELINE_TIMINGS=1`` in the environment, the seconds each stage took are printed
to stderr (one line, ``timeline: stages: analyse 1.20s, actors 0.01s, ...``), for
benchmarks.
"""

from __future__ import annotations

import os
import sys
import time
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
    """Documents in, timeline out.

    With the cache on, the whole result is looked up first by a hash of every input
    (:func:`timeline.cache.timeline_key`: the documents, the model, the builder's code):
    an unchanged corpus is read back in one step, skipping the analyses and every corpus
    stage. Any change builds it again as before, reusing each unchanged document's analysis.
    """
    clock = _Stages()
    cache = key = ident = version = None
    if use_cache:
        from timeline.cache import AnalysisCache, build_version, pipeline_version, timeline_key
        from timeline.parse import model_identity
        from timeline.paths import cache_dir as default_cache_dir

        ident, version = model_identity(model), pipeline_version()
        key = timeline_key(documents, ident, version, build_version())
        cache = AnalysisCache(Path(cache_dir) if cache_dir else default_cache_dir(), quiet=quiet)
        found = cache.get_timeline(key)
        if found is not None:
            cache.close()
            clock.lap("cached timeline")
            clock.report()
            return found
    try:
        timeline = _build(documents, model, quiet, jobs, cache_dir, use_cache, ident, version, clock)
        if cache is not None and key is not None:
            from timeline.parse import cyclic_gc_paused

            with cyclic_gc_paused():
                cache.put_timeline(key, timeline)
            clock.lap("store")
    finally:
        if cache is not None:
            cache.close()
    clock.report()
    return timeline


def _build(
    documents: Sequence[Document],
    model: str | None,
    quiet: bool,
    jobs: int | None,
    cache_dir: Path | None,
    use_cache: bool,
    ident: str | None,
    version: str | None,
    clock: _Stages,
) -> Timeline:
    """Every stage: the per-document analyses (cached ones reused), then the corpus stages."""
    from timeline.actors import resolve_actors
    from timeline.merge import merge_candidates, prepare
    from timeline.narrative import date_by_narrative
    from timeline.parse import analyse_corpus, cyclic_gc_paused, default_jobs
    from timeline.pubdates import infer_publication_dates

    result = analyse_corpus(
        documents,
        model=model,
        jobs=jobs,
        cache_dir=cache_dir,
        use_cache=use_cache,
        quiet=quiet,
        model_key=ident,
        pipeline=version,
        prepare=prepare,
    )
    clock.lap("analyse")
    with cyclic_gc_paused():
        resolution = resolve_actors(result.analyses)
        clock.lap("actors")
        dated = infer_publication_dates(documents, result.analyses, jobs=jobs or default_jobs())
        clock.lap("pubdates")
        analyses = date_by_narrative(dated.documents, dated.analyses)
        clock.lap("narrative")
        events = merge_candidates(analyses, resolution)
        clock.lap("merge")
    return Timeline(
        documents=tuple(dated.documents),
        actors=tuple(resolution.actors),
        events=tuple(events),
        generator=f"timeline {__version__}",
        model=result.model,
        notes=tuple(dated.notes),
    )


class _Stages:
    """Seconds per stage, printed to stderr when ``TIMELINE_TIMINGS`` is set."""

    def __init__(self) -> None:
        self.on = os.environ.get("TIMELINE_TIMINGS", "") not in ("", "0")
        self.last = time.perf_counter()
        self.laps: list[tuple[str, float]] = []

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, now - self.last))
        self.last = now

    def report(self) -> None:
        if self.on:
            print("timeline: stages: " + ", ".join(f"{n} {s:.2f}s" for n, s in self.laps), file=sys.stderr)
