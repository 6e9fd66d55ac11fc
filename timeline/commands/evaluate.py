"""``timeline evaluate TIMELINE.toml GOLD``: score a built timeline against a gold timeline."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score a timeline against gold (seeds gold TOML or a SemEval-2015 gold folder)",
        description="Score a built timeline against a gold timeline and print recall, date accuracy, "
        "actor recall, splits and precision.",
        epilog="examples:\n  timeline evaluate seeds.toml ../shared/gold/seeds.toml\n"
        "  timeline evaluate apple.toml ../shared/data/semeval2015-trial",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("timeline", metavar="TIMELINE.toml", help="a timeline written by timeline build")
    p.add_argument("gold", metavar="GOLD", help="gold timeline: a seeds-style .toml file or a SemEval-2015 folder")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: %(default)s)")
    p.add_argument("-v", "--verbose", action="store_true", help="list missed, wrongly dated and spurious events")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from timeline.evaluate import run_evaluate

    return run_evaluate(args)
