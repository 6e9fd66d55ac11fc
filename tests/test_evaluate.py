"""The scorer, on small handmade gold and timelines in both gold formats."""

from __future__ import annotations

import pytest

from timeline.evaluate import (
    Gold,
    GoldEvent,
    Span,
    date_right,
    evaluate,
    format_table,
    name_matches,
    seeds_gold,
    semeval_date,
    semeval_gold,
)
from timeline.model import Actor, Document, Event, Source, Timeline

TEXT = "Rally on Saturday. Copyright 2024 AP. Smith said on Sunday it was bad. Smith added more."
TEXT2 = "On Saturday a rally took place. Jones said nothing."


def _src(doc: str, text: str, part: str) -> Source:
    at = text.index(part)
    return Source(doc, at, at + len(part), part)


DOCS = (Document("a", "corpus/a.txt", TEXT, "A"), Document("b", "corpus/b.txt", TEXT2, "B"))
ACTORS = (Actor("smith", "John Smith", aliases=("Smith",)), Actor("jones", "Jones"))
GOLD_TOML = {
    "event": [
        {
            "id": "rally",
            "date": "2024-02-10",
            "actors": ["John Smith"],
            "mentions": [{"doc": "a.txt", "quote": "Rally on Saturday"}, {"doc": "b.txt", "quote": "a rally"}],
        },
        {"id": "said", "date": "2024-02-11", "actors": ["Smith"], "mentions": [{"doc": "a.txt", "quote": "said on"}]},
        {"id": "more", "optional": True, "mentions": [{"doc": "a.txt", "quote": "added more"}]},
    ],
    "non_event": [{"doc": "a.txt", "quote": "Copyright 2024"}],
}
TEXTS = {"a.txt": TEXT, "b.txt": TEXT2}


def _timeline(*events: Event) -> Timeline:
    return Timeline(documents=DOCS, actors=ACTORS, events=events)


def test_merged_and_right_dated_timeline_scores_full_marks() -> None:
    rally = Event(
        "e1", "Rally", "2024-02-10", actors=("smith",),
        sources=(_src("a", TEXT, "Rally on Saturday."), _src("b", TEXT2, "On Saturday a rally took place.")),
    )  # fmt: skip
    said = Event("e2", "Smith said", "2024-02-11", actors=("smith",), sources=(_src("a", TEXT, "Smith said on"),))
    result = evaluate(_timeline(rally, said), seeds_gold(GOLD_TOML, TEXTS)).total
    assert (result.found, result.gold_events) == (2, 2)
    assert result.dated_right == 2
    assert (result.merged, result.multi_source) == (1, 1)
    assert result.split == 0
    assert result.actor_recall == 1.0
    assert result.precision == 1.0


def test_split_misdated_spurious_and_non_event_are_counted() -> None:
    events = (
        Event("e1", "Rally", "2024-02", sources=(_src("a", TEXT, "Rally on Saturday."),)),
        Event("e2", "Rally", "2024-02-10", sources=(_src("b", TEXT2, "On Saturday a rally took place."),)),
        Event("e3", "Copyright", "2024", sources=(_src("a", TEXT, "Copyright 2024 AP."),)),
        Event("e4", "Jones said", sources=(_src("b", TEXT2, "Jones said nothing."),)),
        Event("e5", "Smith added", sources=(_src("a", TEXT, "Smith added more."),)),  # optional: not an error
    )
    result = evaluate(_timeline(*events), seeds_gold(GOLD_TOML, TEXTS)).total
    assert (result.found, result.split, result.merged) == (1, 1, 0)
    assert result.dated_right == 1  # the rally, from its day-precise half
    assert len(result.missed) == 1 and result.missed[0].startswith("said")
    assert result.correct_events == 3 and result.system_events == 5
    assert any("non-event" in s for s in result.spurious)
    assert result.actor_recall == 0.0


@pytest.mark.parametrize(
    ("system", "gold", "right"),
    [
        ("2024-02-10", "2024-02-10", True),
        ("2023-04-04", "2023-04", True),
        ("2023", "2023-04", False),  # not precise enough
        ("2024-02-10/2024-02-12", "2024-02-10/2024-02-14", True),  # an interval inside the gold's
        ("2024-02-10/2024-02-12", "2024-02-11", False),
        ("2024-02-09/2024-02-12", "2024-02-10/2024-02-14", False),
        (None, "2024", False),
    ],
)
def test_date_right_needs_the_gold_precision(system: str | None, gold: str, right: bool) -> None:
    assert date_right(system, gold) is right


@pytest.mark.parametrize(
    ("names", "gold", "match"),
    [
        (("Trump",), "Donald Trump", True),
        (("Donald Trump",), "Donald Trump", True),
        (("Jan Lipavský",), "Jan Lipavsk", True),
        (("Apple",), "Beatles Apple Corps", False),
        (("Apple Corps",), "Beatles Apple Corps", True),
        (("iPhone",), "iPhone 4", False),
        (("4",), "iPhone 4", False),
        (("Apple iPod",), "iPod", True),
        (("Biden",), "Donald Trump", False),
    ],
)
def test_actor_names_match_by_name_alias_or_last_word(names: tuple[str, ...], gold: str, match: bool) -> None:
    assert name_matches(names, gold) is match


def test_semeval_dates() -> None:
    assert semeval_date("2008-XX-XX") == "2008"
    assert semeval_date("2010-06-XX") == "2010-06"
    assert semeval_date("1955-02-24") == "1955-02-24"
    assert semeval_date("XXXX-XX-XX") is None


def test_semeval_scores_per_entity_on_the_entity_actor() -> None:
    text = "Jones sold 5 units in 2008. Smith was born in 1950. Jones resigned."
    sentences = {"a": {"0": [0, 27], "1": [28, 51], "2": [52, 67]}}
    gold = semeval_gold(
        {
            "jones": "Jones\n1\t2008-XX-XX\ta-0-sold\n0\tXXXX-XX-XX\ta-2-resigned\n",
            "smith": "Smith\n1\t1950\ta-1-born\n",
        },
        sentences,
    )
    doc = Document("a", "articles/a.md", text, "A")
    events = (
        Event("e1", "Jones sold", "2008", actors=("jones",), sources=(Source("a", 0, 27, text[:27]),)),
        Event("e2", "Smith born", "1951", actors=("smith",), sources=(Source("a", 28, 51, text[28:51]),)),
        Event("e3", "Jones resigned", actors=("jones",), sources=(Source("a", 52, 67, text[52:67]),)),
        Event("e4", "Smith and Jones", "2008", actors=("smith",), sources=(Source("a", 0, 27, text[:27]),)),
    )
    timeline = Timeline(documents=(doc,), actors=(Actor("jones", "Jones"), Actor("smith", "Smith")), events=events)
    result = evaluate(timeline, gold)
    jones, smith = result.entities
    assert (jones.dated_right, jones.gold_dated, jones.precision) == (1, 1, 1.0)
    assert (smith.dated_right, smith.gold_dated) == (0, 1)  # misdated
    assert smith.precision == 0.5  # e4 is not a Smith event in the gold
    assert result.total.dated_right == 1 and result.total.gold_dated == 2
    assert "micro" in format_table(result)


def test_quotes_missing_from_texts_are_dropped() -> None:
    gold = seeds_gold({"event": [{"id": "x", "mentions": [{"doc": "zzz.txt", "quote": "nothing"}]}]}, TEXTS)
    assert gold.events[0].mentions == ()
    assert isinstance(gold, Gold) and isinstance(gold.events[0], GoldEvent)
    assert Span("a", 0, 1).doc == "a"


# --- floors on the real corpora (spaCy; a little under what the builder reaches) ---------


def _build(nlp, paths):
    from timeline.actors import resolve_actors
    from timeline.analyse import analyse_document
    from timeline.corpus import read_corpus
    from timeline.merge import merge_candidates
    from timeline.narrative import date_by_narrative
    from timeline.pubdates import infer_publication_dates

    documents = read_corpus(paths).documents
    docs = nlp.pipe(d.text for d in documents)
    analyses = tuple(analyse_document(d, doc) for d, doc in zip(documents, docs, strict=True))
    resolution = resolve_actors(analyses)
    dated = infer_publication_dates(documents, analyses)
    events = merge_candidates(date_by_narrative(dated.documents, dated.analyses), resolution)
    return Timeline(documents=dated.documents, actors=resolution.actors, events=tuple(events), notes=dated.notes)


def test_seeds_evaluation_floor(nlp, seeds_dir, shared_dir) -> None:
    from timeline.evaluate import document_texts, load_gold

    timeline = _build(nlp, [seeds_dir])
    texts, _ = document_texts(timeline, seeds_dir.parent)
    score = evaluate(timeline, load_gold(shared_dir / "gold" / "seeds.toml", texts)).total
    assert score.found >= 23
    assert score.dated_right >= 22
    assert score.precision >= 0.95  # 1.0
    assert score.merged >= 10  # all 10 multi-source gold events merged
    assert score.conflated <= 2  # 1 (a sentence that reports two events)
    inferred = [d for d in timeline.documents if d.published_from.value == "inferred"]
    assert len(inferred) == 4 and all(d.published_how for d in inferred)


def test_semeval_evaluation_floor(nlp, shared_dir) -> None:
    from timeline.evaluate import load_gold

    folder = shared_dir / "data" / "semeval2015-trial"
    timeline = _build(nlp, [folder / "articles"])
    score = evaluate(timeline, load_gold(folder, {})).total
    assert score.dated_recall >= 0.47
    assert score.precision >= 0.93  # 0.98
    ipod = next(e for e in evaluate(timeline, load_gold(folder, {})).entities if e.name == "iPod")
    assert ipod.precision >= 0.7  # 1.0: "the iPod nano" and a gapped subject are not the iPod


def test_one_event_for_two_gold_events_is_counted_as_conflated() -> None:
    both = Event("e1", "All of it", "2024-02-10",
                 sources=(_src("a", TEXT, "Rally on Saturday."), _src("a", TEXT, "Smith said on")))  # fmt: skip
    result = evaluate(_timeline(both), seeds_gold(GOLD_TOML, TEXTS)).total
    assert result.conflated == 1 and len(result.conflations) == 1
    assert "conflated" in format_table(evaluate(_timeline(both), seeds_gold(GOLD_TOML, TEXTS)))
