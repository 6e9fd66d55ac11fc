"""A saved timeline opens on the facts kept beside its cached parse, to the same first frame."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from test_tui_app import FirstFrame, in_view_ids
from tui_sample import small_timeline

from timeline import sources
from timeline.model import Actor, Event, Timeline
from timeline.toml_io import read_timeline, write_timeline
from tui import app as app_module
from tui.view import (
    START_FACTS,
    RowKind,
    build_rows,
    date_column,
    date_label,
    histogram,
    histogram_of_days,
    index_events,
    start_facts,
    start_view,
)
from tui.widgets import ActorPanel, EventList


def _many(seed: int = 3, n: int = 400) -> Timeline:
    """Events over years, months, days and day intervals, some undated, each with an actor or two."""
    rng = random.Random(seed)
    actors = tuple(Actor(f"a{i}", f"Person {i}") for i in range(12))
    events = []
    for i in range(n):
        day = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(6000))
        date = rng.choice([None, str(day.year), day.isoformat()[:7], day.isoformat(),
                           f"{day.isoformat()}/{(day + dt.timedelta(days=3)).isoformat()}"])  # fmt: skip
        who = tuple(sorted({f"a{rng.randrange(12)}" for _ in range(rng.randint(1, 2))}))
        events.append(Event(f"e{rng.randrange(1000)}-{i}", f"Event {i}", date, actors=who))
    return Timeline(actors=actors, events=tuple(events))


def _kept(tmp_path) -> list:
    return list((tmp_path / "cache" / "timelines").glob(f"*.{START_FACTS}"))


class Counted(FirstFrame):
    """Whether the whole index was made before the first frame."""

    indexed_before_first_frame: bool | None = None

    def _display(self, screen, renderable) -> None:
        if self.indexed_before_first_frame is None and renderable is not None:
            self.indexed_before_first_frame = self._index is not None
        super()._display(screen, renderable)


def _state(app) -> tuple:
    lst, panel = app.query_one(EventList), app.query_one(ActorPanel)
    return app.first_frame, list(lst.rows), dict(panel.totals), list(panel.shown)


@pytest.mark.parametrize("timeline", [small_timeline(), _many()], ids=["small", "many"])
async def test_a_saved_timeline_opens_to_the_same_first_frame_from_its_kept_facts(tmp_path, timeline):
    path = tmp_path / "t.toml"
    write_timeline(timeline, path)
    plain = FirstFrame(sources.load_document_texts(read_timeline(path), tmp_path))  # the whole index, at once
    async with plain.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        expected = _state(plain)
        plain.chosen = {timeline.actors[-1].id}
        plain.refilter()
        filtered = in_view_ids(plain), list(plain.query_one(EventList).rows)
    first = Counted(sources.open_saved_timeline(path))  # the facts worked out and kept
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _state(first) == expected
    assert len(_kept(tmp_path)) == 1
    again = Counted(sources.open_saved_timeline(path))  # and read back
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.indexed_before_first_frame is False
        assert _state(again) == expected
        # the rest of the index is made once the first frame is drawn: filtering works as ever
        assert again._index is not None
        again.chosen = {timeline.actors[-1].id}
        again.refilter()
        assert (in_view_ids(again), list(again.query_one(EventList).rows)) == filtered


async def test_damaged_kept_facts_are_worked_out_again(tmp_path):
    timeline = _many(5, 120)
    write_timeline(timeline, tmp_path / "t.toml")
    sources.open_saved_timeline(tmp_path / "t.toml")
    opened = sources.open_saved_timeline(tmp_path / "t.toml")
    assert sources.saved_facts(opened, START_FACTS, start_facts) is not None
    [kept] = _kept(tmp_path)
    kept.write_bytes(kept.read_bytes()[:-1] + b"!")  # the checksum fails
    calls = []
    monkey = app_module.start_facts

    def counting(tl):
        calls.append(1)
        return monkey(tl)

    assert sources.saved_facts(opened, START_FACTS, counting) == start_facts(opened)
    assert calls == [1]
    assert sources.saved_facts(opened, START_FACTS, counting) == start_facts(opened)  # kept again, whole
    assert calls == [1]

    for body in (b"", b"\x00\x01not marshal", b"[\x02\x00\x00\x00"):  # the checksum right, the body not readable
        kept.write_bytes(sources.sealed(body))
        assert sources.saved_facts(opened, START_FACTS, counting) == start_facts(opened)
    assert len(calls) == 4


def test_facts_are_kept_only_for_the_timeline_last_read_from_a_saved_file(tmp_path):
    timeline = _many(1, 50)
    assert sources.saved_facts(timeline, START_FACTS, start_facts) is None  # built in memory: nothing to keep
    write_timeline(timeline, tmp_path / "t.toml")
    opened = sources.open_saved_timeline(tmp_path / "t.toml")
    assert sources.saved_facts(opened, START_FACTS, start_facts) == start_facts(opened)
    with pytest.raises(ValueError):
        sources.saved_facts(opened, "../elsewhere", start_facts)


def _good() -> tuple[Timeline, dict]:
    timeline = _many(7, 200)
    return timeline, start_facts(timeline)


def test_kept_facts_read_back_are_the_index_they_were_made_from():
    timeline, facts = _good()
    view = start_view(facts, timeline)
    index = index_events(timeline.events)
    assert view is not None
    assert view.order == index.order
    assert view.rows == build_rows(index.headings, index.order)
    labels = [len(date_label(timeline.events[i])) for i in index.order[:300]]
    assert view.date_width == date_column(timeline, view.rows) == min(20, max(8, *labels))
    assert {r.kind for r in view.rows} == set(RowKind)
    for width in (1, 7, 60, 118):
        assert histogram_of_days(view.days, width) == histogram(index.mids, index.order, width)


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: f["order"].append(0),  # one event twice
        lambda f: f["order"].__setitem__(0, f["order"][1]),  # a permutation no more
        lambda f: f["order"].__setitem__(0, 10_000),
        lambda f: f["order"].__setitem__(0, "0"),
        lambda f: f["headings"].append([0, "year", "1999"]),  # a heading before the ones above it
        lambda f: f["headings"].__setitem__(0, [0, "event", "x"]),  # not a heading
        lambda f: f["headings"].__setitem__(0, [0.0, "year", "x"]),
        lambda f: f["headings"].append([100_000, "year", "3000"]),  # past the last event
        lambda f: f["days"].reverse(),  # not sorted
        lambda f: f["days"].append(None),
        lambda f: f["days"].insert(0, 0),  # before the first day there is
        lambda f: f["totals"].__setitem__("nobody", 3),
        lambda f: f["totals"].__setitem__("a1", -1),
        lambda f: f.pop("totals"),
        lambda f: f.__setitem__("date_width", 7),  # narrower than any date label
        lambda f: f.__setitem__("date_width", "16"),
        lambda f: f.__setitem__("headings", {}),
    ],
)
def test_kept_facts_that_do_not_fit_the_timeline_are_not_used(damage):
    timeline, facts = _good()
    damage(facts)
    assert start_view(facts, timeline) is None
    assert start_view([], timeline) is None


@pytest.mark.parametrize("seed", range(6))
def test_histogram_of_sorted_days_counts_as_the_histogram_does(seed):
    rng = random.Random(seed)
    mids = [None if rng.random() < 0.1 else dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(1 + 40 * seed))
            for _ in range(rng.randrange(1, 300))]  # fmt: skip
    days = sorted(d.toordinal() for d in mids if d)
    for width in (1, 2, 3, 17, 80, 200):
        assert histogram_of_days(days, width) == histogram(mids, range(len(mids)), width)
    assert histogram_of_days([], 10) is None


def test_reading_is_said_only_when_the_file_itself_is_parsed(tmp_path):
    """``timeline explore`` says "reading FILE (5 MB)…" through this: not when the cached parse serves."""
    write_timeline(_many(2, 30), tmp_path / "t.toml")
    said = []
    for _ in range(2):
        sources.open_saved_timeline(tmp_path / "t.toml", reading=lambda: said.append(1))
    assert said == [1]
    (tmp_path / "t.toml").write_text((tmp_path / "t.toml").read_text() + "\n# edited\n")
    sources.open_saved_timeline(tmp_path / "t.toml", reading=lambda: said.append(2))
    assert said == [1, 2]


@pytest.mark.parametrize(
    "rest",
    [
        b"",
        b"12\nshort",  # the rows cut short
        b"x1\n[]",  # no length
        b"5\n\x00\x01\x02\x03\x04",  # not marshal's
        b"3\n\xe9\x00\x00",  # a bare int
        b"10\n" + b"[\x02\x00\x00\x00N" * 2,  # a list cut short
    ],
)
def test_a_cache_entry_whose_rows_cannot_be_read_is_ignored(tmp_path, rest):
    """Even with its checksum right (no damage on disk made it): the saved file itself is read."""

    timeline = _many(4, 40)
    write_timeline(timeline, tmp_path / "t.toml")
    first = sources.read_saved_timeline(tmp_path / "t.toml")
    (entry,) = (tmp_path / "cache" / "timelines").glob("*.rows")
    entry.write_bytes(sources.sealed(rest))
    said = []
    assert sources.read_saved_timeline(tmp_path / "t.toml", reading=lambda: said.append(1)) == first
    assert said == [1]


def test_entries_of_the_json_cache_versions_are_removed_when_an_entry_is_written(tmp_path):
    folder = tmp_path / "cache" / "timelines"
    folder.mkdir(parents=True)
    stale = [folder / f"{'ab' * 32}.v6.json", folder / f"{'cd' * 32}.v5.json"]
    for f in stale:
        f.write_bytes(b"old")
    write_timeline(_many(1, 20), tmp_path / "t.toml")
    sources.read_saved_timeline(tmp_path / "t.toml")
    assert not any(f.exists() for f in stale)
    assert len(list(folder.glob("*.rows"))) == 1


#: What :func:`start_facts` gives for one sample, under each name it is kept by. Facts kept under a
#: name are read back as they were, so a change to what the explorer works out (the order, the
#: headings, the date column) needs a new :data:`START_FACTS`: this fails until it has one.
START_FACTS_SAMPLE = {"explorer-start-2": "8ae7651c5e209d0de9d5bba4303b10329ed901e96dc3e78515ba2a74d7cb50bb"}


def test_the_kept_facts_are_renamed_when_what_they_hold_changes():
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(start_facts(_many(11, 300)), sort_keys=True).encode()).hexdigest()
    assert START_FACTS_SAMPLE.get(START_FACTS) == digest, (
        "start_facts gives other facts than those kept under this name: give START_FACTS a new number "
        "(facts kept under the old one would be read back as they were) and pin the new digest here"
    )
