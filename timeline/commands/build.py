"""``timeline build PATH... [-o OUT.toml]``: build a timeline and write it as TOML (or show a summary)."""

from __future__ import annotations

import argparse
import sys

from timeline.commands.common import (
    add_build_arguments,
    add_corpus_arguments,
    add_model_argument,
    build_options,
    load_corpus,
    skipped_exit_code,
)

EXIT_SKIPPED = 3


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build a timeline from articles and write it as TOML",
        description="Build a timeline of dated events from articles and write it as TOML.",
        epilog="examples:\n  timeline build seeds                 (show what was found; nothing saved)\n"
        "  timeline build seeds -o seeds.toml\n"
        "  timeline build news/ --published 001=2024-02-12 -o out.toml --embed-text\n"
        "\nexit codes: 0 ok, 1 failure (or skipped files with --strict), 2 usage error,\n"
        "            3 built, but some input files were skipped (each is warned about)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_corpus_arguments(p)
    add_model_argument(p)
    add_build_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.toml",
        help="where to write the timeline ('-' for stdout); without it, a summary is printed and nothing is saved",
    )
    p.add_argument("--force", action="store_true", help="overwrite OUT.toml if it exists")
    p.add_argument(
        "--embed-text",
        action="store_true",
        help="store each article's text in the timeline (explore without the articles)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from timeline.build import build_timeline
    from timeline.toml_io import dumps_timeline, write_timeline

    corpus = load_corpus(args)
    status = skipped_exit_code(corpus, args)
    if status:
        return status
    timeline = build_timeline(corpus.documents, model=args.model, quiet=args.quiet, **build_options(args))
    if args.output is None:
        from timeline.summary import summary_lines

        sys.stdout.write("".join(f"{line}\n" for line in summary_lines(timeline)))
        if not args.quiet:
            print("timeline: nothing saved; add -o OUT.toml to write the timeline", file=sys.stderr)
    elif args.output == "-":
        sys.stdout.write(dumps_timeline(timeline, embed_text=args.embed_text))
    else:
        write_timeline(timeline, args.output, embed_text=args.embed_text, overwrite=args.force)
        if not args.quiet:
            print(
                f"timeline: wrote {args.output}: {len(timeline.events)} events, {len(timeline.actors)} actors, "
                f"{len(timeline.documents)} documents",
                file=sys.stderr,
            )
    return EXIT_SKIPPED if corpus.skipped else 0
