"""``timeline times PATH... [--format table|jsonl]``: every time expression, per document."""

from __future__ import annotations

import argparse

from timeline.commands.common import add_corpus_arguments, add_model_argument


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "times",
        help="list the time expressions found in articles, with values and derivations",
        description="List every time expression in the articles: span, text, TimeML type and value, "
        "and how it was reached.",
        epilog="examples:\n  timeline times seeds\n  timeline times seeds --format jsonl > times.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_corpus_arguments(p)
    add_model_argument(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="output format (default: %(default)s)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from timeline.times_cli import print_times

    return print_times(args)
