"""``timeline explore [PATH... | FILE.toml]``: open the explorer.

A ``.toml`` argument is a saved timeline and is read without spaCy; anything else is
a corpus, built first. With no argument the bundled ``seeds/`` corpus is used.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from timeline.model import DEFAULT_MAX_CHARS

if TYPE_CHECKING:  # argparse only when a parser is made: ``explore FILE.toml`` is read without it
    import argparse


def bundled_seeds() -> Path:
    """The sample corpus shipped beside the packages (a source checkout or an install)."""
    here = Path(__file__).resolve().parents[2] / "seeds"
    return here


def add_parser(sub: argparse._SubParsersAction) -> None:
    import argparse

    from timeline.commands.common import add_build_arguments, add_model_argument

    p = sub.add_parser(
        "explore",
        help="open the timeline explorer (on seeds/ by default)",
        description="Open the timeline explorer on articles (built first) or on a saved FILE.toml.",
        epilog="examples:\n  timeline explore\n  timeline explore seeds --actor Stoltenberg\n"
        "  timeline explore seeds.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders, or one timeline .toml file")
    p.add_argument("--actor", action="append", default=[], help="start filtered to this actor (repeatable)")
    p.add_argument(
        "--all", dest="match_all", action="store_true", help="with several --actor, show events with all of them"
    )
    p.add_argument(
        "--published",
        action="append",
        default=[],
        metavar="DOC=DATE",
        help="publication date of a document; repeatable",
    )
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=argparse.SUPPRESS)
    p.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr while building")
    p.add_argument("--theme", default=None, help="theme to start with")
    add_model_argument(p)
    add_build_arguments(p)
    p.set_defaults(run=run)


def plain_args(path: str) -> SimpleNamespace:
    """What the parser makes of ``timeline explore PATH`` with no option (a test compares the two).

    :func:`timeline.cli.main` reads ``timeline explore FILE.toml`` into this without argparse;
    a new option of the command needs its default here too.
    """
    return SimpleNamespace(
        command="explore",
        paths=[path],
        actor=[],
        match_all=False,
        published=[],
        max_chars=DEFAULT_MAX_CHARS,
        strict=False,
        quiet=False,
        theme=None,
        model=None,
        jobs=None,
        cache_dir=None,
        no_cache=False,
        run=run,
    )


def load_for_explore(args: argparse.Namespace | SimpleNamespace):
    """A ``Timeline`` from a saved file or a fresh build of the named articles."""
    paths = list(args.paths) or [str(bundled_seeds())]
    if len(paths) == 1 and paths[0].endswith(".toml") and not Path(paths[0]).is_dir():
        from timeline.sources import open_saved_timeline

        if not Path(paths[0]).exists():
            from timeline.corpus import CorpusError  # the corpus reader is not needed to open a saved timeline

            raise CorpusError(f"{paths[0]}: no such file")
        size = Path(paths[0]).stat().st_size

        def reading() -> None:  # the file itself parsed, not its cached parse: a big one takes a second or two
            if size > 2_000_000 and not args.quiet:
                print(f"timeline: reading {paths[0]} ({size / 1e6:.0f} MB)…", file=sys.stderr)

        return open_saved_timeline(paths[0], reading=reading)
    from timeline.build import build_timeline
    from timeline.commands.common import build_options, load_corpus

    args.paths = paths
    corpus = load_corpus(args)
    return build_timeline(corpus.documents, model=args.model, quiet=args.quiet, **build_options(args))


def run(args: argparse.Namespace | SimpleNamespace) -> int:
    timeline = load_for_explore(args)
    from tui.app import run_app

    name = " ".join(args.paths) if args.paths else "seeds"
    return run_app(timeline, actors=args.actor, match_all=args.match_all, theme=args.theme, source_name=name)
