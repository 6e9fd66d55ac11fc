"""Timeline TOML files: the round trip, and every kind of broken file as one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.files import OutputExistsError
from timeline.model import (
    SCHEMA,
    Actor,
    ActorKind,
    Certainty,
    DateSource,
    Document,
    Event,
    Precision,
    Quote,
    Source,
    Timeline,
)
from timeline.toml_io import TimelineFileError, dumps_timeline, loads_timeline, read_timeline, write_timeline

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Officials met on Monday. The talks ended on Tuesday without a deal.\n"


def sample(**changes) -> Timeline:
    doc = Document(
        id="d1",
        path="news/d1.txt",
        text=TEXT,
        title="Talks end",
        published="2024-03-05",
        published_from=DateSource.HEADER,
        url="https://e.org/1",
        warnings=("not UTF-8; decoded as Windows-1252",),
    )
    actor = Actor(id="a1", name="Officials", kind=ActorKind.GROUP, aliases=("the officials",), mentions=2)
    start = TEXT.index("The talks")
    event = Event(
        id="e1",
        title="Talks ended without a deal",
        date="2024-03-05",
        precision=Precision.DAY,
        certainty=Certainty.RESOLVED,
        actors=("a1",),
        quotes=(Quote(text="No deal today", speaker="a1"),),
        sources=(
            Source(
                document="d1",
                start=start,
                end=len(TEXT) - 1,
                text=TEXT[start:-1],
                time_text="on Tuesday",
                time_start=TEXT.index("on Tuesday"),
                time_end=TEXT.index("on Tuesday") + 10,
                how="Tuesday before publication",
            ),
        ),
        how="one source",
    )
    fields = {"documents": (doc,), "actors": (actor,), "events": (event,), "generator": "test", "model": "en-x"}
    fields.update(changes)
    return Timeline(**fields)


def test_round_trip_with_embedded_text():
    timeline = sample()
    assert loads_timeline(dumps_timeline(timeline, embed_text=True)) == timeline


def test_without_embedded_text_the_text_is_left_out():
    back = loads_timeline(dumps_timeline(sample()))
    assert back.documents[0].text == ""
    assert back.events == sample().events


def test_write_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "t.toml"
    write_timeline(sample(), out)
    with pytest.raises(OutputExistsError, match="--force"):
        write_timeline(sample(), out)
    write_timeline(sample(notes=("again",)), out, overwrite=True)
    assert read_timeline(out).notes == ("again",)
    assert [p.name for p in tmp_path.iterdir()] == ["t.toml"]  # no temp files left


def test_lone_surrogates_never_crash_the_writer(tmp_path):
    timeline = sample(notes=("bad \ud800 text",))
    out = write_timeline(timeline, tmp_path / "t.toml", embed_text=True)
    assert read_timeline(out).notes == ("bad \ufffd text",)


# --- broken files -------------------------------------------------------------------------------

GOOD = dumps_timeline(sample(), embed_text=True)


def broken(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


CASES = [
    ("syntax", 'schema = "timeline/1"\n\nx = = 1\n[[documents]]\n', "TOML syntax error", "line 3"),
    ("truncated", 'schema = "timeline/1"\ndocuments = [\n', "TOML syntax error", "line 2"),
    ("unclosed string", 'schema = "timeline/1\n', "TOML syntax error", "line 1"),
    ("no schema", GOOD.replace(f'schema = "{SCHEMA}"\n', ""), "top level.schema", "missing field"),
    ("wrong schema", broken(f'schema = "{SCHEMA}"', 'schema = "calendar/1"'), "schema", "not a timeline schema"),
    ("newer schema", broken(f'schema = "{SCHEMA}"', 'schema = "timeline/99"'), "schema", "newer than this program"),
    ("schema type", broken(f'schema = "{SCHEMA}"', "schema = 1"), "top level.schema", "expected str"),
    ("missing doc id", broken('id = "d1"\n', ""), "documents[0].id", "missing field"),
    ("missing event title", broken('title = "Talks ended without a deal"\n', ""), "events[0].title", "missing"),
    ("unknown document", broken('document = "d1"', 'document = "zz"'), "events[0].sources[0].document", "'zz'"),
    ("unknown actor", broken('actors = [\n    "a1",\n]', 'actors = [\n    "ghost",\n]'), "events[0].actors", "ghost"),
    ("unknown speaker", broken('speaker = "a1"', 'speaker = "nobody"'), "quotes[0].speaker", "nobody"),
    ("offset outside", broken("end = ", "end = 99999 #"), "events[0].sources[0].end", "outside document"),
    ("negative offset", broken("start = ", "start = -1 #"), "events[0].sources[0].start", "outside"),
    ("end before start", broken("end = ", "end = 1 #"), "sources[0].end", "before start"),
    ("offset type", broken("start = ", 'start = "3" #'), "sources[0].start", "expected int, got str"),
    ("bool offset", broken("start = ", "start = true #"), "sources[0].start", "expected an integer"),
    ("bad date", broken('date = "2024-03-05"', 'date = "2024-13-45"'), "events[0].date", "not an ISO date"),
    ("bad enum", broken('precision = "day"', 'precision = "fortnight"'), "events[0].precision", "fortnight"),
    ("documents type", GOOD.replace("[[documents]]", "[documents_x]"), "unknown document", "d1"),
    ("duplicate doc", GOOD + '\n[[documents]]\nid = "d1"\n', "documents", "duplicate"),
    ("deep nesting", 'schema = "timeline/1"\nx = ' + "[" * 50000, "TOML syntax error", "deep"),
]


@pytest.mark.parametrize(("name", "text", "where", "problem"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_one_line_with_the_field(name, text, where, problem):
    with pytest.raises(TimelineFileError) as info:
        loads_timeline(text, "broken.toml")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("broken.toml: ")
    assert where in message and problem in message


def test_not_utf8_file(tmp_path):
    f = tmp_path / "t.toml"
    f.write_bytes(b'schema = "timeline/1"\ntitle = "\xff"\n')
    with pytest.raises(TimelineFileError, match="not UTF-8"):
        read_timeline(f)


@pytest.mark.parametrize(
    ("name", "text", "where", "problem"),
    [CASES[0], CASES[4], CASES[8], CASES[11]],
    ids=["syntax", "newer-schema", "unknown-document", "offset-outside"],
)
def test_explore_broken_file_exits_2_before_any_ui(tmp_path, name, text, where, problem):
    f = tmp_path / "broken.toml"
    f.write_text(text, encoding="utf-8")
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    code = (
        "import sys\nfrom timeline.cli import main\nrc = main(sys.argv[1:])\n"
        "assert 'textual' not in sys.modules, 'the UI was started'\nraise SystemExit(rc)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "explore", str(f)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(f) in lines[0] and where in lines[0] and problem in lines[0]


# --- property: the round trip is the identity for any text -------------------------------------------

# Any Unicode scalar value: lone surrogates cannot be encoded, the corpus reader replaces them.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
MARKUP = st.sampled_from(
    [
        "[bold]x[/bold]",
        "[link=https://e.org]y[/]",
        "[@click=app.quit]z[/]",
        "\x1b]52;c;aGk=\x07",
        '"""',
        "'''",
        "\\u0000",
    ]
)
TEXTS = st.one_of(ANY_TEXT, MARKUP, st.lists(st.one_of(ANY_TEXT, MARKUP), max_size=4).map("".join))


@st.composite
def timelines(draw) -> Timeline:
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    doc = Document(
        id=draw(TEXTS.filter(bool)),
        path=draw(TEXTS),
        text=text,
        title=draw(TEXTS),
        author=draw(TEXTS),
        url=draw(TEXTS),
        published_how=draw(TEXTS),
        warnings=tuple(draw(st.lists(TEXTS, max_size=2))),
    )
    names = draw(st.lists(TEXTS, min_size=1, max_size=3))
    actors = tuple(
        Actor(id=f"a{i}", name=name, aliases=tuple(draw(st.lists(TEXTS, max_size=2)))) for i, name in enumerate(names)
    )
    event = Event(
        id="e1",
        title=draw(TEXTS),
        actors=tuple(a.id for a in actors),
        quotes=tuple(Quote(text=q, speaker=actors[0].id) for q in draw(st.lists(TEXTS, max_size=3))),
        sources=(Source(document=doc.id, start=start, end=end, text=text[start:end], how=draw(TEXTS)),),
        how=draw(TEXTS),
    )
    return Timeline(documents=(doc,), actors=actors, events=(event,), notes=tuple(draw(st.lists(TEXTS, max_size=2))))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines())
def test_round_trip_is_the_identity_for_any_text(timeline):
    written = dumps_timeline(timeline, embed_text=True)
    written.encode("utf-8")  # always writable
    assert loads_timeline(written) == timeline


def test_events_made_a_field_at_a_time_are_the_events_the_constructor_makes():
    """The reader sets a big file's event fields a column at a time; the events are the constructor's own."""
    from dataclasses import dataclass

    from timeline import toml_io

    columns = [
        ["e1", "e2"], ["One", "Two"], ["2024-02-10", None], [Precision.DAY, None], [Certainty.STATED, None],
        [("a",), ()], [(Quote("q"),), ()], [(), ()], ["how", ""],
    ]  # fmt: skip
    made = toml_io._new_events(2, *map(iter, columns))
    assert made == list(map(Event, *columns))
    assert [type(e) for e in made] == [Event, Event] and hash(made[0]) == hash(Event(*[c[0] for c in columns]))
    assert made[0].quotes == (Quote("q"),)

    @dataclass(frozen=True, slots=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            raise AssertionError

    @dataclass(frozen=True)
    class Unslotted:
        x: int

    @dataclass(frozen=True, slots=True)
    class OwnInit:
        x: int

        def __init__(self, x: int) -> None:
            object.__setattr__(self, "x", x + 1)

    assert toml_io._slot_setters(Event) is not None
    assert toml_io._slot_setters(OwnInit) is None
    assert toml_io._slot_setters(Checked) is None and toml_io._slot_setters(Unslotted) is None


def _date_like() -> st.SearchStrategy[str]:
    number = st.integers(0, 10_000).map(lambda n: f"{n:04d}") | st.integers(0, 33).map(lambda n: f"{n:02d}")
    point = st.lists(number, min_size=1, max_size=3).map("-".join)
    return (
        point
        | st.tuples(point, point).map("/".join)
        | st.sampled_from(["9999-12", "9999-12-31", "0001-01", "2024-W07-1", "20240210", "٢٠٢٤-02"])
        | st.text(alphabet="0129-/ W\n٢", max_size=22)
    )


@given(st.sets(st.none() | _date_like(), max_size=12))
def test_dates_checked_together_are_those_checked_one_at_a_time(values):
    """A big file's distinct dates are checked by shape and length at once; the answer is each one's."""
    from timeline.model import is_valid_date
    from timeline.toml_io import _valid_dates

    assert _valid_dates(values) == all(v is None or is_valid_date(v) for v in values)


def test_a_big_file_reads_back_equal_through_the_explorers_cache(tmp_path, monkeypatch):
    """Thousands of events, days and intervals among them, read back equal from the TOML and from the cache."""
    from timeline.sources import read_saved_timeline

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    base = sample()
    events = tuple(
        Event(f"e{i}", f"Event {i}", date, Precision.INTERVAL if date and "/" in date else None, None,
              ("a1",) if i % 3 else (), base.events[0].quotes if i % 2 else (), base.events[0].sources if i % 5 else ())
        for i, date in enumerate(
            [None, "2024", "2024-03", "2024-03-04", "2024-03-04/2024-03-06", "2023-12-30/2024-01-02"] * 400
        )
    )  # fmt: skip
    tl = Timeline(base.documents, base.actors, events, generator="test")
    write_timeline(tl, tmp_path / "big.toml", embed_text=True)
    first = read_saved_timeline(tmp_path / "big.toml")  # the TOML itself; the cache written
    second = read_saved_timeline(tmp_path / "big.toml")  # from the cache
    assert first == tl and second == tl
