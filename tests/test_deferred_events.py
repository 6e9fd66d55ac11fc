"""A saved timeline's events, made when first read: the explorer's cache hands over the same events, later."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

import pytest

from timeline.model import (
    Actor,
    Certainty,
    DeferredEvents,
    Document,
    Event,
    Precision,
    Quote,
    Source,
    Timeline,
    cited_documents,
    every_source_passage,
    is_built,
)
from timeline.toml_io import TimelineFileError, timeline_from_lazy_rows, timeline_lazy_rows

TEXT = "The court ruled on Monday. Ministers met on 3 May. Nobody said when the vote will be.\n"


def _source(sentence: str) -> Source:
    start = TEXT.index(sentence)
    return Source(document="d1", start=start, end=start + len(sentence), text=sentence)


def sample() -> Timeline:
    doc = Document(id="d1", path="d1.txt", text=TEXT, title="News", published="2024-05-06")
    other = Document(id="d2", path="d2.txt", text="", title="Elsewhere")
    actors = (Actor(id="court", name="The court"), Actor(id="min", name="Ministers"))
    events = (
        Event("e1", "Court ruled", "2024-05-06", Precision.DAY, Certainty.RESOLVED, ("court",),
              (Quote("We ruled", "court"),), (_source("The court ruled on Monday."),)),
        Event("e2", "Ministers met", "2024-05-03", Precision.DAY, Certainty.STATED, ("min",),
              sources=(_source("Ministers met on 3 May."),)),
        Event("e3", "A vote", None, None, None, ()),  # no source: nothing deferred
        Event("e4", "Talks", "2024-05", Precision.MONTH, Certainty.INFERRED, ("court", "min"),
              sources=(_source("Nobody said when the vote will be."),), how="from the month"),
    )  # fmt: skip
    return Timeline(documents=(doc, other), actors=actors, events=events, generator="test")


def cached(tl: Timeline | None = None) -> Timeline:
    return timeline_from_lazy_rows(*timeline_lazy_rows(tl or sample()), "cache")


def test_events_are_made_only_when_read_and_stay_the_same_objects():
    tl = cached()
    events = tl.events
    assert isinstance(events, DeferredEvents) and len(events) == 4 and events.made() == 0
    second = events[1]
    assert events.made() == 1 and events[1] is second and events[-3] is second
    assert second == sample().events[1]
    every = list(events)  # iterating makes the rest at once
    assert events.made() == 4 and every[1] is second and all(a is b for a, b in zip(every, events, strict=True))
    # made, yet their quotes and sources are built only when read (the comparison read e2's; e3 has none)
    assert list(map(is_built, events)) == [False, True, True, False]


def test_they_behave_as_the_tuple_of_the_same_events():
    tl, plain = cached(), sample()
    events, same = tl.events, plain.events
    assert events[1:3] == same[1:3] and type(events[1:3]) is tuple and events[::-2] == same[::-2]
    assert events[-1] == same[-1]
    with pytest.raises(IndexError):
        events[4]
    with pytest.raises(TypeError):
        events["e1"]
    assert cached().events == same and same == cached().events and cached().events != same[:3]
    assert cached().events != list(same)  # as a tuple is never equal to a list
    assert hash(cached().events) == hash(same) and hash(cached()) == hash(plain)
    assert cached() == plain and plain == cached()
    assert repr(cached().events) == repr(same) and repr(cached()) == repr(plain)
    assert same[2] in cached().events and cached().events.index(same[3]) == 3 and cached().events.count(same[0]) == 1
    assert cached().events + same[:1] == same + same[:1] and same[:1] + cached().events == same[:1] + same
    assert cached().events * 2 == same * 2 and list(reversed(cached().events)) == list(reversed(same))
    assert bool(cached().events) and not cached(replace(plain, events=())).events
    assert copy.copy(tl).events is tl.events  # a shallow copy shares its fields, as with a tuple
    for twin in (copy.deepcopy(tl), pickle.loads(pickle.dumps(tl))):
        assert twin == plain and type(twin.events) is tuple
    assert replace(tl, generator="other").events is tl.events


def test_the_documents_cited_and_the_passages_are_known_without_making_the_events():
    tl = cached()
    assert cited_documents(tl.events) == {"d1"}
    assert list(every_source_passage(tl.events)) == [
        (s.document, s.start, s.end, s.text) for e in sample().events for s in e.sources
    ]
    assert tl.events.made() == 0
    tl.events[0]  # a made event's sources are read from it, still unbuilt
    assert cited_documents(tl.events) == {"d1"} and tl.events.made() == 1 and not is_built(tl.events[0])


@pytest.mark.parametrize(
    "column, value",
    [(3, "daily"), (4, "maybe"), (3, ["day"]), (2, "2024-13-01"), (5, ("x",)), (0, b"e2"), (1, 5), (8, None)],
)
def test_a_damaged_field_is_refused_at_once_not_when_its_event_is_made(column, value):
    rows, parts = timeline_lazy_rows(sample())
    rows[6][column][1] = value  # the events are columns: id, title, date, precision, certainty, actors... how
    with pytest.raises(TimelineFileError, match=r"^cache: not a valid timeline$"):
        timeline_from_lazy_rows(rows, parts, "cache")


def test_article_texts_are_read_again_without_making_the_events(tmp_path):
    from timeline.sources import load_document_texts

    (tmp_path / "d1.txt").write_text(TEXT, encoding="utf-8")
    tl = cached(replace(sample(), documents=tuple(replace(d, text="") for d in sample().documents)))
    filled = load_document_texts(tl, tmp_path)
    assert filled.document("d1").text == TEXT and filled.events is tl.events and tl.events.made() == 0


def test_the_explorer_first_frame_makes_only_the_events_it_shows(tmp_path, monkeypatch):
    """Of 400 saved events, the first frame makes the rows on screen; the rest once it is drawn."""
    import asyncio

    from timeline import sources
    from timeline.toml_io import write_timeline
    from tui.app import TimelineApp

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TIMELINE_CONFIG_DIR", str(tmp_path / "config"))
    plain = sample()
    many = tuple(replace(e, id=f"{e.id}-{n}") for n in range(100) for e in plain.events)
    write_timeline(replace(plain, events=many), tmp_path / "t.toml")
    made: list[int] = []

    class Counting(TimelineApp):
        def on_ready(self) -> None:
            made.append(self.timeline.events.made())

    async def run(timeline: Timeline) -> int:
        async with Counting(timeline).run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return timeline.events.made()

    sources.read_saved_timeline(tmp_path / "t.toml")  # parsed, then from the cache:
    assert asyncio.run(run(sources.read_saved_timeline(tmp_path / "t.toml"))) == 400  # its order worked out, kept
    assert asyncio.run(run(sources.read_saved_timeline(tmp_path / "t.toml"))) == 400  # made once the frame is drawn
    assert made[0] == 400 and 0 < made[1] < 60
