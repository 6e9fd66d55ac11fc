"""The ``timeline`` command: argument parsing, error reporting and exit codes.

Exit codes: 0 ok, 1 failure, 2 usage error (bad arguments, missing paths, unreadable
timeline file, no spaCy model). Every expected error is one line on stderr, never a
traceback; an unexpected one is one "internal error" line too, with the traceback only
when ``TIMELINE_DEBUG=1`` asks for it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from timeline import __version__

if TYPE_CHECKING:  # argparse is imported to build a parser, and ``explore FILE.toml`` needs none
    import argparse

#: Each command's module (``add_parser`` and ``run``), in the order ``timeline --help`` lists them.
#: A command line naming one of them imports only that one: ``timeline explore FILE.toml`` starts
#: without the build, times and evaluate commands.
COMMAND_MODULES = {
    "build": "timeline.commands.build",
    "explore": "timeline.commands.explore",
    "times": "timeline.commands.times",
    "evaluate": "timeline.commands.evaluate",
}

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
DEBUG_ENV = "TIMELINE_DEBUG"


@cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one line, exit 2, as argparse does, minus the usage dump
            self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    return _Parser


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``timeline`` parser; with ``command``, one holding that command alone.

    A command's own parser is the same either way (its name, arguments, ``--help`` and
    ``--version``), and so is every parse of a command line that names it first; only the
    parser of a command line that names none (``timeline --help``, a mistyped command)
    needs to know every command.
    """
    import argparse

    parser_class = _parser_class()
    parser = parser_class(
        prog="timeline",
        description="Build a timeline of dated events from news articles and explore it in the terminal.",
        epilog="examples:\n  timeline explore seeds\n  timeline build seeds -o seeds.toml\n"
        "  timeline explore seeds.toml\n  timeline times seeds --format jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name in [command] if command in COMMAND_MODULES else COMMAND_MODULES:
        importlib.import_module(COMMAND_MODULES[name]).add_parser(sub)
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


def _saved_timeline_only(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of ``timeline explore FILE.toml`` with nothing else on the line, or None.

    That command line is the explorer's start on a saved timeline, and it is timed against a bare
    Textual app's start: it is read without argparse (whose import, with gettext's, and the
    parser's making are a few milliseconds of it), into what the parser would make of it
    (:func:`timeline.commands.explore.plain_args`, compared with the parser's by a test). Any
    other command line, an option or a name that could be one included, goes to the parser.
    """
    if len(argv) == 2 and argv[0] == "explore" and argv[1].endswith(".toml") and not argv[1].startswith("-"):
        from timeline.commands.explore import plain_args

        return plain_args(argv[1])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _saved_timeline_only(argv)
    if args is None:
        parser = make_parser(argv[0] if argv else None)
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


#: The errors a user can cause, by the module that defines each: (module, class name, exit code).
EXPECTED_ERRORS = (
    ("timeline.corpus", "CorpusError", EXIT_USAGE),
    ("timeline.toml_io", "TimelineFileError", EXIT_USAGE),
    ("timeline.nlp", "ModelNotFoundError", EXIT_USAGE),
    ("timeline.files", "OutputExistsError", EXIT_FAILURE),
)


def _expected_exit(exc: Exception) -> int | None:
    """The exit code of an error the user caused, or None for any other.

    The modules are not imported to ask: an error can only be an instance of a class whose
    module was imported, so a command that never reads a corpus (``explore FILE.toml``) never
    loads the corpus reader or the NLP module just to rule their errors out.
    """
    for module, name, code in EXPECTED_ERRORS:
        kind = getattr(sys.modules.get(module), name, None)
        if kind is not None and isinstance(exc, kind):
            return code
    return None


def _run(args: argparse.Namespace | SimpleNamespace) -> int:
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        report("interrupted")
        return 130
    except Exception as exc:
        return _failed(exc)


def _failed(exc: Exception) -> int:
    """Report an error in one line; its exit code."""
    code = _expected_exit(exc)  # before OSError: an output file that exists is one
    if code is not None:
        report(str(exc))
        return code
    if isinstance(exc, BrokenPipeError):  # the reader of stdout went away (``| head``): stop quietly
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # and keep the exit flush quiet
        return EXIT_OK
    if isinstance(exc, OSError):
        report(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": "))
        return EXIT_FAILURE
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):  # a bug: keep the traceback for who asks
        raise exc
    detail = " ".join(str(exc).split())[:200]
    report(f"internal error: {type(exc).__name__}{': ' + detail if detail else ''}")
    report(f"rerun with {DEBUG_ENV}=1 for the traceback, and please report it")
    return EXIT_FAILURE


if __name__ == "__main__":
    raise SystemExit(main())
