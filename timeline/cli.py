"""The ``timeline`` command: argument parsing, error reporting and exit codes.

Exit codes: 0 ok, 1 failure, 2 usage error (bad arguments, missing paths, unreadable
timeline file, no spaCy model). Every expected error is one line on stderr, never a
traceback; an unexpected one is one "internal error" line too, with the traceback only
when ``TIMELINE_DEBUG=1`` asks for it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Sequence

from timeline import __version__
from timeline.commands import build, evaluate, explore, times

COMMANDS = (build, explore, times, evaluate)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
DEBUG_ENV = "TIMELINE_DEBUG"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, minus the usage dump
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="timeline",
        description="Build a timeline of dated events from news articles and explore it in the terminal.",
        epilog="examples:\n  timeline explore seeds\n  timeline build seeds -o seeds.toml\n"
        "  timeline explore seeds.toml\n  timeline times seeds --format jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.add_parser(sub)
    for command in sub.choices.values():
        command.add_argument("--version", action="version", version=f"timeline {__version__}")
    return parser


def report(message: str) -> None:
    """One line on stderr; control characters from file names or input are shown escaped."""
    safe = "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in message)
    print(f"timeline: {safe}", file=sys.stderr)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so a write in progress removes its temp file."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    # The app (explore) handles its own signals; elsewhere SIGTERM becomes an interrupt.
    if args.command == "explore" or threading.current_thread() is not threading.main_thread():
        return _run(args)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    from timeline.corpus import CorpusError
    from timeline.files import OutputExistsError
    from timeline.nlp import ModelNotFoundError
    from timeline.toml_io import TimelineFileError

    try:
        return int(args.run(args) or 0)
    except (CorpusError, TimelineFileError, ModelNotFoundError) as exc:
        report(str(exc))
        return EXIT_USAGE
    except OutputExistsError as exc:
        report(str(exc))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        report("interrupted")
        return 130
    except BrokenPipeError:  # the reader of stdout went away (``| head``): stop quietly
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # and keep the exit flush quiet
        return EXIT_OK
    except OSError as exc:
        report(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": "))
        return EXIT_FAILURE
    except Exception as exc:  # a bug: say so in one line, keep the traceback for who asks
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        detail = " ".join(str(exc).split())[:200]
        report(f"internal error: {type(exc).__name__}{': ' + detail if detail else ''}")
        report(f"rerun with {DEBUG_ENV}=1 for the traceback, and please report it")
        return EXIT_FAILURE


if __name__ == "__main__":
    raise SystemExit(main())
