"""The per-document half of the builder: parse each document and analyse it.

Cached, parallel and streaming. Each document's :class:`DocumentAnalysis` is looked up
in the cache (:mod:`timeline.cache`) by a hash of its text, the fields the analysis
reads, the model and the analysis code; only the misses are parsed. With ``jobs > 1``
the misses go to worker processes that each load the model once, parse a chunk with
``nlp.pipe`` and send back the small analyses (never ``Doc`` objects), so memory stays
bounded by a few chunks in flight whatever the corpus size.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from timeline.candidates import DocumentAnalysis
from timeline.model import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Analyse = Callable[[Document, "Doc"], DocumentAnalysis]
Loader = Callable[[], "Language"]
T = TypeVar("T")

BATCH_SIZE = 32  # texts per nlp.pipe batch, in process
#: the collector's thresholds while parsing and analysing (see :func:`parsing_gc`)
PARSING_GC_THRESHOLD = (5000, 10, 10)
CHUNK_SIZE = 16  # documents per task sent to a worker: small keeps workers busy to the end


@dataclass(frozen=True, slots=True)
class CorpusAnalysis:
    analyses: tuple[DocumentAnalysis, ...]
    model: str  # name-version of the spaCy pipeline used
    cached: int = 0  # how many analyses came from the cache
    analysed: int = 0  # how many were parsed now


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def model_identity(model: str | None) -> str:
    """``lang_name-version`` of the pipeline ``model`` names, read from its meta.json
    without importing spaCy (a warm rebuild should not pay for that); loads it otherwise."""
    from timeline.nlp import load_model, model_id, resolve_model_name

    name = resolve_model_name(model)
    candidates: list[Path] = []
    if os.path.isdir(name):
        candidates.append(Path(name) / "meta.json")
    else:
        import importlib.util

        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            candidates.append(Path(location) / "meta.json")
    for path in candidates:
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict):
            return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
    return model_id(load_model(name))


@contextlib.contextmanager
def cyclic_gc_paused(paused: bool = True) -> Iterator[None]:
    """The cyclic garbage collector off for a while; reference counting still frees the rest.

    The builder's own process makes no reference cycles while it gathers the workers'
    analyses and runs the corpus stages (frozen dataclasses, strings, tuples), yet with
    thousands of analyses alive each full collection walks every one of them: a fifth of
    the corpus stages' time went there. Worker processes turn it back on.
    """
    if not paused or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def parsing_gc() -> Iterator[None]:
    """The cyclic collector tuned for parsing: the loaded model frozen out of its walks, and
    young objects collected every few thousand allocations instead of every 700.

    The analysis makes many short-lived containers; with the default thresholds each doc
    triggered dozens of collections, and the full ones walked the model's objects every
    time: about 2.5 ms a document, a seventh of the analysis. Parsing still makes cycles,
    so collection stays on. Thresholds and the frozen set are restored on exit.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*PARSING_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _default_analyse() -> Analyse:
    # everything the analysis runs, imported (its patterns compiled) where this is called:
    # in the build's process before it forks workers, they inherit it instead of each importing it
    from timeline import doctext, events, quotes, times, titles  # noqa: F401
    from timeline.analyse import analyse_document

    return analyse_document


# --- worker processes -----------------------------------------------------------------

_worker: tuple[Language, Analyse] | None = None
FORK = "fork" in multiprocessing.get_all_start_methods()  # workers may inherit this process's memory


def _loaded(nlp: Language) -> Language:
    return nlp


def _exit_with_parent() -> None:
    """End this worker when the build that started it dies (killed, not just interrupted):
    otherwise it would block for ever writing a result nobody reads."""
    import signal
    import threading
    import time

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="timeline-parent-watch").start()


def ignore_interrupts() -> None:
    """A worker process's first step: Ctrl-C is the build's to handle, not each worker's."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_forked_task: Callable[[int, int], object] | None = None  # what :func:`in_forked_ranges` runs, inherited by fork


def in_forked_ranges(task: Callable[[int, int], T], n: int, jobs: int, tasks_per_job: int = 2) -> list[T]:
    """``task(start, end)`` over ``0..n`` cut into ranges, shared among ``jobs`` forked processes;
    the results in order of their ranges.

    For the corpus stages after the parse, which would otherwise leave every core but one idle:
    the processes inherit ``task`` and everything it reads by fork (nothing is pickled but the
    ranges and the results), so it may be a closure. A few ranges a process, so none waits
    long on the last. Callers fall back to one process where :data:`FORK` is false.
    """
    global _forked_task
    size = max(1, -(-n // (jobs * tasks_per_job)))
    _forked_task = task
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=ignore_interrupts) as pool:
            return list(pool.map(_run_forked, [(i, min(i + size, n)) for i in range(0, n, size)]))
    finally:
        _forked_task = None


def _run_forked(bounds: tuple[int, int]) -> object:
    assert _forked_task is not None
    return _forked_task(*bounds)


def _worker_init(loader: Loader, analyse: Analyse | None) -> None:
    global _worker
    ignore_interrupts()
    gc.enable()  # forked while the parent paused it (:func:`cyclic_gc_paused`); parsing makes cycles
    _exit_with_parent()
    _worker = (loader(), analyse or _default_analyse())
    # for the worker's life: it only parses and analyses (see :func:`parsing_gc`)
    gc.freeze()
    gc.set_threshold(*PARSING_GC_THRESHOLD)


def _worker_run(documents: list[Document]) -> list[DocumentAnalysis]:
    assert _worker is not None
    nlp, analyse = _worker
    return [analyse(d, doc) for d, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True)]


def _analyse_in_process(
    documents: Sequence[Document], loader: Loader, analyse: Analyse | None
) -> Iterator[tuple[int, DocumentAnalysis]]:
    nlp = loader()
    fn = analyse or _default_analyse()
    docs = nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE)
    with parsing_gc():
        for i, (document, doc) in enumerate(zip(documents, docs, strict=True)):
            yield i, fn(document, doc)


def _chunks(n: int, jobs: int) -> list[list[int]]:
    """Indexes ``0..n`` in tasks of :data:`CHUNK_SIZE`, the last ``jobs`` tasks' worth cut four
    times smaller: a worker that runs out of work waits for another's last task, so the last
    tasks are short."""
    tail = max(0, n - jobs * CHUNK_SIZE)
    small = max(1, CHUNK_SIZE // 4)
    chunks = [list(range(i, min(i + CHUNK_SIZE, tail))) for i in range(0, tail, CHUNK_SIZE)]
    return chunks + [list(range(i, min(i + small, n))) for i in range(tail, n, small)]


def _analyse_in_pool(
    documents: Sequence[Document], loader: Loader, analyse: Analyse | None, jobs: int
) -> Iterator[tuple[int, DocumentAnalysis]]:
    # fork: workers inherit the loaded model (initargs are not pickled); spawn: each loads it
    ctx = multiprocessing.get_context("fork" if FORK else "spawn")
    chunks = _chunks(len(documents), jobs)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(loader, analyse))
    pending: dict[Future, list[int]] = {}
    next_chunk = 0
    try:
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < jobs * 3:  # bounded: a few chunks in flight
                idx = chunks[next_chunk]
                pending[pool.submit(_worker_run, [documents[i] for i in idx])] = idx
                next_chunk += 1
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                idx = pending.pop(fut)
                yield from zip(idx, fut.result(), strict=True)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


# --- the corpus -----------------------------------------------------------------------


def analyse_corpus(
    documents: Sequence[Document],
    *,
    model: str | None = None,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    quiet: bool = False,
    analyse: Analyse | None = None,
    loader: Loader | None = None,
    model_key: str | None = None,
    pipeline: str | None = None,
    prepare: Callable[[DocumentAnalysis], object] | None = None,
) -> CorpusAnalysis:
    """One analysis per document, in order; cached ones reused, the rest parsed.

    ``analyse``, ``loader`` (a function returning an ``nlp``), ``model_key`` (the model's
    identity in cache keys) and ``pipeline`` (the analysis code's version) replace the
    real ones in tests and benchmarks. ``prepare`` is called with each analysis as it
    arrives: work a later stage needs from one document at a time is done while the
    workers are still parsing, not after the last document.
    """
    from timeline.cache import AnalysisCache, document_key, pipeline_version
    from timeline.paths import cache_dir as default_cache_dir
    from timeline.progress import Progress

    if loader is None:
        from timeline.nlp import load_model

        loader = functools.partial(load_model, model)
    ident = model_key or model_identity(model)
    version = pipeline or pipeline_version()
    jobs = default_jobs() if not jobs or jobs < 1 else jobs

    cache = AnalysisCache(Path(cache_dir) if cache_dir else default_cache_dir(), quiet=quiet) if use_cache else None
    try:
        keys = [document_key(d, ident, version) for d in documents] if cache else []
        found = cache.get_many(keys) if cache else {}
        results: list[DocumentAnalysis | None] = [found.get(k) for k in keys] if cache else [None] * len(documents)
        misses = [i for i, r in enumerate(results) if r is None]
        hits = len(documents) - len(misses)
        with Progress(len(documents), "timeline: analysing", quiet=quiet) as progress:
            progress.advance(hits, cached=hits)
            if misses:
                todo = [documents[i] for i in misses]
                jobs = min(jobs, max(1, len(todo) // CHUNK_SIZE))
                if jobs == 1 or FORK:
                    # loaded once here: forked workers share its memory instead of each loading it
                    nlp = loader()
                    loader = functools.partial(_loaded, nlp)
                    # and the analysis code imported once (its patterns compiled): the corpus
                    # stages here need most of it anyway
                    analyse = analyse or _default_analyse()
                stream = (
                    _analyse_in_pool(todo, loader, analyse, jobs)
                    if jobs > 1
                    else _analyse_in_process(todo, loader, analyse)
                )
                pending: list[tuple[str, str, DocumentAnalysis]] = []
                with cyclic_gc_paused(jobs > 1):  # here only gathering: the workers parse
                    for j, result in stream:
                        i = misses[j]
                        results[i] = result
                        progress.advance()
                        if prepare is not None:
                            prepare(result)
                        if cache:
                            pending.append((keys[i], ident, result))
                            if len(pending) >= 64:  # commit as we go: an interrupted build keeps its work
                                cache.put_many(pending)
                                pending = []
                if cache:
                    cache.put_many(pending)
    finally:
        if cache:
            cache.close()
    if prepare is not None and hits:  # the cached ones: nothing runs beside them
        missed = set(misses)
        for i, result in enumerate(results):
            if i not in missed and result is not None:
                prepare(result)
    analyses = tuple(r for r in results if r is not None)
    if len(analyses) != len(documents):  # pragma: no cover - every index is filled above
        print("timeline: internal error: missing analyses", file=sys.stderr)
        raise RuntimeError("missing analyses")
    return CorpusAnalysis(analyses=analyses, model=ident, cached=hits, analysed=len(misses))
