"""Merging reports into events: what must join, what must stay apart."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.candidates import ActorMention, DocumentAnalysis, EventCandidate, EventKind
from timeline.merge import cluster_candidates, event_id, merge_candidates, merged_date
from timeline.model import Certainty, Precision, Quote


@dataclass
class Names:
    """A stand-in for the actor resolution: an actor id per name's last word."""

    def actor_for(self, document_id: str, mention: ActorMention) -> str | None:
        return "actor-" + mention.text.split()[-1].lower()

    def actor_for_name(self, name: str) -> str | None:
        return "actor-" + name.split()[-1].lower()


def cand(
    doc: str,
    sentence: int,
    title: str,
    *,
    actors: tuple[str, ...] = (),
    lemmas: str = "",
    date: str | None = None,
    certainty: Certainty | None = None,
    kind: EventKind = EventKind.STATEMENT,
    predicate: str = "say",
    quotes: tuple[str, ...] = (),
    numbers: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
) -> EventCandidate:
    return EventCandidate(
        document=doc,
        sentence=sentence,
        start=sentence * 100,
        end=sentence * 100 + 90,
        text=title,
        title=title,
        kind=kind,
        predicate=predicate,
        date=date,
        precision=Precision.DAY if date and len(date) == 10 else None,
        certainty=certainty,
        actors=tuple(ActorMention(a, 0, len(a), "ORG" if a in orgs else "PERSON") for a in actors),
        quotes=tuple(Quote(q, actors[0] if actors else None) for q in quotes),
        lemmas=frozenset(lemmas.split()),
        numbers=frozenset(numbers),
    )


RALLY = "encourage russia attack ally pay rally carolina"


def test_one_event_reported_by_three_outlets_is_one_event_with_three_sources() -> None:
    a = cand(
        "a",
        1,
        "Trump: he would encourage Russia",
        actors=("Donald Trump", "Russia"),
        lemmas=RALLY,
        date="2024-02-10",
        certainty=Certainty.RESOLVED,
    )
    b = cand(
        "b",
        3,
        "Trump encourages Russia",
        actors=("Trump", "Russia"),
        lemmas="encourage russia attack rally",
        kind=EventKind.OCCURRENCE,
        predicate="encourage",
    )
    c = cand("c", 2, "Former president Trump tells rally", actors=("Trump",), lemmas="rally encourage russia pay",
             date="2024-02-10/2024-02-12", certainty=Certainty.BOUNDED)  # fmt: skip
    analyses = tuple(DocumentAnalysis(x.document, candidates=(x,)) for x in (a, b, c))
    events = merge_candidates(analyses, Names())
    assert len(events) == 1
    event = events[0]
    assert [s.document for s in event.sources] == ["a", "c", "b"]  # dated first, then document order
    assert event.date == "2024-02-10" and event.certainty == Certainty.RESOLVED  # the most precise date
    assert event.actors[0] == "actor-trump"


def test_same_speaker_on_different_days_stays_two_events() -> None:
    words = "attack ally nato response united defend"
    sunday = cand(
        "a",
        1,
        "Stoltenberg: any attack will meet a united response",
        actors=("Jens Stoltenberg",),
        lemmas=words,
        date="2024-02-11",
    )
    wednesday = cand("b", 1, "Stoltenberg: do not undermine deterrence", actors=("Stoltenberg",), lemmas=words,
                     date="2024-02-14")  # fmt: skip
    assert len(cluster_candidates([sunday, wednesday])) == 2


def test_two_speakers_on_one_day_stay_two_events() -> None:
    words = "trump comment nato ally dangerous"
    biden = cand("a", 1, "Biden: dangerous", actors=("Joe Biden", "Trump"), lemmas=words, date="2024-02-11")
    scholz = cand("b", 1, "Scholz: dangerous", actors=("Olaf Scholz", "Trump"), lemmas=words, date="2024-02-11")
    assert len(cluster_candidates([biden, scholz])) == 2


def test_a_shared_quote_joins_reports_that_name_the_speaker_differently() -> None:
    quote = "any attack on NATO will be met with a united and forceful response"
    a = cand("a", 1, "NATO: any attack", actors=("NATO",), orgs=("NATO",), lemmas="attack", quotes=(quote,),
             date="2024-02-11")  # fmt: skip
    b = cand("b", 4, "Stoltenberg: any attack", actors=("Stoltenberg",), lemmas="attack response", quotes=(quote,))
    assert len(cluster_candidates([a, b])) == 1


def test_different_numbers_keep_similar_reports_apart() -> None:
    a = cand(
        "a",
        1,
        "Seven allies meet the target",
        actors=("NATO",),
        lemmas="ally meet target spend gdp",
        numbers=("seven",),
        date="2022",
        kind=EventKind.OCCURRENCE,
        predicate="meet",
    )
    b = cand("b", 1, "Eleven allies meet the target", actors=("NATO",), lemmas="ally meet target spend gdp",
             numbers=("11",), date="2023", kind=EventKind.OCCURRENCE, predicate="meet")  # fmt: skip
    assert len(cluster_candidates([a, b])) == 2


def test_undated_events_still_appear_last() -> None:
    dated = cand(
        "a",
        2,
        "Finland joins NATO",
        actors=("Finland",),
        lemmas="join",
        date="2023-04",
        kind=EventKind.OCCURRENCE,
        predicate="join",
    )
    undated = cand("a", 1, "Ricketts: NATO is a country club", actors=("Peter Ricketts",), lemmas="club")  # fmt: skip
    events = merge_candidates((DocumentAnalysis("a", candidates=(undated, dated)),), Names())
    assert [e.date for e in events] == ["2023-04", None]


def test_event_ids_are_stable_and_depend_on_the_passage() -> None:
    a = cand("a", 1, "X", actors=("X",))
    assert event_id(a) == event_id(cand("a", 1, "X", actors=("X",)))
    assert event_id(a) != event_id(cand("a", 2, "X", actors=("X",)))
    assert event_id(a).startswith("ev-") and len(event_id(a)) == 13


def test_merged_date_is_the_overlap_of_bounded_reports() -> None:
    a = cand("a", 1, "x", date="2024-02-10/2024-02-12", certainty=Certainty.BOUNDED)
    b = cand("b", 1, "x", date="2024-02-11/2024-02-14", certainty=Certainty.BOUNDED)
    value, precision, certainty, how = merged_date([a, b])
    assert precision == Precision.INTERVAL
    assert value == "2024-02-11/2024-02-12" and certainty == Certainty.BOUNDED and how


def test_quotes_are_deduplicated_keeping_the_longer() -> None:
    a = cand(
        "a",
        1,
        "Michel: reckless",
        actors=("Charles Michel",),
        lemmas="reckless statement putin interest",
        quotes=("serve only Putin's interest",),
        date="2024-02-11",
    )
    b = cand("b", 1, "Michel: reckless", actors=("Michel",), lemmas="reckless statement putin interest",
             quotes=("Reckless statements serve only Putin's interest",), date="2024-02-11")  # fmt: skip
    events = merge_candidates((DocumentAnalysis("a", candidates=(a,)), DocumentAnalysis("b", candidates=(b,))), Names())
    assert len(events) == 1
    assert [q.text for q in events[0].quotes] == ["Reckless statements serve only Putin's interest"]
    assert events[0].quotes[0].speaker == "actor-michel"


def test_two_events_from_one_sentence_with_one_verb_get_distinct_ids() -> None:
    a = cand("a", 1, "Jobs said the store opened", actors=("Steve Jobs",), lemmas="store open", date="2008")
    b = cand("a", 1, "Jobs said sales doubled", actors=("Apple",), lemmas="sale double", date="2010",
             kind=EventKind.OCCURRENCE)  # fmt: skip
    events = merge_candidates((DocumentAnalysis("a", candidates=(a, b)),), Names())
    assert len({e.id for e in events}) == 2
    again = merge_candidates((DocumentAnalysis("a", candidates=(a, b)),), Names())
    assert [e.id for e in events] == [e.id for e in again]
