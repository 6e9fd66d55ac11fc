"""Merging reports into events: what must join, what must stay apart."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import pytest

from timeline.candidates import ActorMention, DocumentAnalysis, EventCandidate, EventKind
from timeline.merge import (
    affiliations,
    build_event,
    cluster_candidates,
    event_id,
    features,
    figures,
    merge_candidates,
    merged_date,
    shares,
    similarity,
    similarity_of,
)
from timeline.model import Actor, ActorKind, Certainty, Precision, Quote, TimeExpression, TimexType


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


class Titled(Names):
    """A resolution that also knows its actors and their titles."""

    actors = (
        Actor("jens-stoltenberg", "Jens Stoltenberg", ActorKind.PERSON, aliases=("Stoltenberg", "nato chief")),
        Actor("nato", "NATO", ActorKind.ORGANISATION),
        Actor("joe-biden", "Joe Biden", ActorKind.PERSON),
    )


def test_a_spokesman_and_the_body_he_speaks_for_are_one_voice() -> None:
    assert affiliations(Titled.actors) == {"stoltenberg": frozenset({"nato"})}
    words = "ally defend ready able attack response"
    chief = cand("a", 1, "Stoltenberg: allies ready", actors=("Jens Stoltenberg",), lemmas=words, date="2024-02-11")
    body = cand("b", 3, "NATO: ready to defend", actors=("NATO",), orgs=("NATO",), lemmas=words, date="2024-02-11")
    assert len(cluster_candidates([chief, body], affiliated=affiliations(Titled.actors))) == 1
    assert len(cluster_candidates([chief, body])) == 2  # without the title, two voices


def test_a_chain_of_likes_never_joins_two_speakers() -> None:
    quote = "a green light for more war and violence against a free country"
    nato = cand("a", 2, "NATO: ready", actors=("NATO",), orgs=("NATO",), lemmas="ally defend ready response",
                quotes=(quote,), date="2024-02-11")  # fmt: skip  # a quote wrongly attached to NATO's sentence
    biden = cand("b", 4, "Biden: green light", actors=("Joe Biden",), lemmas="war violence green light",
                 quotes=(quote,), date="2024-02-11")  # fmt: skip
    chief = cand("c", 1, "Stoltenberg: ready", actors=("Jens Stoltenberg",), lemmas="ally defend ready response",
                 date="2024-02-11")  # fmt: skip
    groups = cluster_candidates([nato, biden, chief], affiliated=affiliations(Titled.actors))
    together = next(g for g in groups if 0 in g)
    assert not {1, 2} <= set(together)  # Biden and Stoltenberg never in one event
    assert len(groups) == 2


def test_two_people_quoting_the_same_words_are_two_statements() -> None:
    quote = "whatever the hell they want to any country that does not pay"
    said = cand("a", 1, "Trump: whatever", actors=("Donald Trump",), lemmas="pay country", quotes=(quote,),
                date="2024-02-10")  # fmt: skip
    quoted = cand("b", 1, "Biden: Trump said whatever", actors=("Joe Biden",), lemmas="pay country shameful",
                  quotes=(quote,), date="2024-02-10/2024-02-12")  # fmt: skip
    assert len(cluster_candidates([said, quoted])) == 2


def test_two_events_told_in_one_sentence_never_merge() -> None:
    words = "nato country ally target spend"
    a = cand("a", 4, "Seven allies meet the target", actors=("NATO",), lemmas=words, date="2022",
             kind=EventKind.OCCURRENCE, predicate="meet")  # fmt: skip
    b = cand("a", 4, "NATO reports", actors=("NATO",), lemmas=words, date="2022", predicate="report")
    assert len(cluster_candidates([a, b])) == 2


def test_a_year_contains_its_month_and_a_report_without_actors_joins_by_its_figures() -> None:
    a = cand("a", 3, "In 2022, NATO reported that seven of its 31 members met the target, up from three in 2014",
             actors=("NATO",), orgs=("NATO",), lemmas="nato report member meet target country",
             date="2022", predicate="report")  # fmt: skip
    b = cand("b", 9, "As of 2022, seven countries were meeting the target, up from three in 2014, according to NATO",
             lemmas="country meet target nato accord", date="2022-06", kind=EventKind.OCCURRENCE,
             predicate="meet")  # fmt: skip
    assert figures(a) == {("count", "7"), ("count", "31"), ("count", "3")}  # years are not figures
    assert len(cluster_candidates([a, b])) == 1


def test_one_speakers_statements_on_one_named_day_are_one_occasion() -> None:
    a = cand("a", 1, "Trump told a rally he would not protect allies", actors=("Donald Trump",),
             lemmas="rally protect ally pay", date="2024-02-10")  # fmt: skip
    b = cand("b", 5, "Trump described how the bloc's funding works", actors=("Trump",),
             lemmas="bloc funding work describe", date="2024-02-10", predicate="describe")  # fmt: skip
    c = cand("c", 2, "Trump spoke of funding in an interview", actors=("Trump",),
             lemmas="bloc funding work interview", date="2024-02-13")  # fmt: skip
    groups = cluster_candidates([a, b, c])
    assert [0, 1] in groups and [2] in groups


class Roles(Titled):
    """Names resolve; a bare title ("the Secretary-General") is left for the merger to place."""

    actors = (
        Actor("jens-stoltenberg", "Jens Stoltenberg", ActorKind.PERSON, aliases=("nato secretary general",)),
        Actor("mark-rutte", "Mark Rutte", ActorKind.PERSON, aliases=("dutch prime minister",)),
        Actor("nato", "NATO", ActorKind.ORGANISATION),
    )

    def actor_for(self, document_id: str, mention: ActorMention) -> str | None:
        return None if mention.label == "ROLE" else "-".join(mention.text.lower().split())


def test_a_bare_title_is_the_person_of_that_document_who_holds_it() -> None:
    words = "deterrence credibility undermine ally wednesday"
    named = cand("a", 2, "Jens Stoltenberg said on Wednesday...", actors=("Jens Stoltenberg",), lemmas=words,
                 date="2024-02-14")  # fmt: skip
    said = cand("a", 5, "the Secretary-General said on Wednesday...", lemmas="room miscalculation moscow wednesday",
                date="2024-02-14", quotes=("no room for miscalculation in Moscow about our resolve",))  # fmt: skip
    titled = dataclasses.replace(said, actors=(ActorMention("the Secretary-General", 0, 21, "ROLE"),))
    rutte = cand("b", 1, "Mark Rutte said on Wednesday...", actors=("Mark Rutte",), lemmas=words, date="2024-02-14")
    people = (ActorMention("Jens Stoltenberg", 0, 16, "PERSON"),)
    analyses = (
        DocumentAnalysis("a", candidates=(named, titled), mentions=people),
        DocumentAnalysis("b", candidates=(rutte,), mentions=(ActorMention("Mark Rutte", 0, 10, "PERSON"),)),
    )
    events = merge_candidates(analyses, Roles())
    assert sorted(len(e.sources) for e in events) == [1, 2]  # the title is Stoltenberg's, not Rutte's
    assert "jens-stoltenberg" in next(e for e in events if len(e.sources) == 2).actors


def _told(doc: str, sentence: int, text: str, when: str, date: str, **kw) -> tuple[EventCandidate, TimeExpression]:
    """A candidate whose sentence is ``text``, dated by the expression ``when`` written in it."""
    c = dataclasses.replace(cand(doc, sentence, kw.pop("title", text), date=date, **kw), text=text)
    at = c.start + text.index(when)
    expr = TimeExpression(at, at + len(when), when, TimexType.DATE, date, date=date)
    return dataclasses.replace(c, time=0), expr


def _analyses(*told: tuple[EventCandidate, TimeExpression]) -> tuple[DocumentAnalysis, ...]:
    return tuple(DocumentAnalysis(c.document, times=(t,), candidates=(c,)) for c, t in told)


INVADED = dict(kind=EventKind.OCCURRENCE, predicate="invasion")


def test_one_agents_event_named_by_one_noun_is_one_event() -> None:
    a = _told("a", 2, "He doubted helping Ukraine as it defends against Russia's February 2022 invasion",
              "February 2022", "2022-02", title="Russia's February 2022 invasion", actors=("Russia",),
              lemmas="invasion russia ukraine help doubt defend february", **INVADED)  # fmt: skip
    b = _told("b", 5, "NATO backs Ukraine after Russia's 2022 full-scale invasion, which sparked a crisis",
              "2022", "2022", title="Russia's 2022 full-scale invasion", actors=("Russia",),
              lemmas="invasion russia scale spark crisis", **INVADED)  # fmt: skip
    events = merge_candidates(_analyses(a, b), Names())
    assert len(events) == 1 and len(events[0].sources) == 2
    assert events[0].date == "2022-02"


def test_a_sentence_that_dates_a_named_event_in_passing_is_also_its_report() -> None:
    a = _told("a", 2, "Russia's February 2022 invasion shocked Europe", "February 2022", "2022-02",
              title="Russia's February 2022 invasion", actors=("Russia",), lemmas="invasion russia shock europe",
              **INVADED)  # fmt: skip
    b = _told("b", 5, "NATO is supporting Ukraine's defense against Russia's full-scale invasion in 2022", "2022",
              "2022", title="NATO supports Ukraine's defense", actors=("NATO",), kind=EventKind.OCCURRENCE,
              predicate="support", lemmas="support ukraine defense russia invasion scale")  # fmt: skip
    events = merge_candidates(_analyses(a, b), Names())
    assert len(events) == 2  # the support stays its own event...
    invasion = next(e for e in events if e.title.startswith("Russia"))
    assert sorted(s.document for s in invasion.sources) == ["a", "b"]  # ...and its passage reports the invasion too
    assert invasion.date == "2022-02" and "named with its date" in invasion.how


def test_a_different_event_that_mentions_a_named_event_is_not_its_report() -> None:
    a = _told("a", 2, "Russia's February 2022 invasion shocked Europe", "February 2022", "2022-02",
              title="Russia's February 2022 invasion", actors=("Russia",), lemmas="invasion russia shock europe",
              **INVADED)  # fmt: skip
    joined = _told("b", 5, "Finland joined NATO in April 2023, a year after Russia's invasion", "April 2023",
                   "2023-04", title="Finland joins NATO", actors=("Finland", "NATO"), kind=EventKind.OCCURRENCE,
                   predicate="join", lemmas="finland join nato year russia invasion")  # fmt: skip
    grew = _told("c", 7, "In 2022 Russia's budget grew sharply, years before the invasion ended", "2022", "2022",
                 title="Russia's budget grows", actors=("Russia",), kind=EventKind.OCCURRENCE, predicate="grow",
                 lemmas="budget grow russia year invasion end")  # fmt: skip
    events = merge_candidates(_analyses(a, joined, grew), Names())
    assert sorted(len(e.sources) for e in events) == [1, 1, 1]  # another date; a date far from the noun


class People(Names):
    """Names resolve by their last word; Berg is a person, the Authority an organisation."""

    actors = (
        Actor("actor-berg", "Anna Berg", ActorKind.PERSON),
        Actor("actor-authority", "Harbour Authority", ActorKind.ORGANISATION),
    )


def test_a_merged_statement_is_titled_by_the_voice_most_of_its_reports_share() -> None:
    words = "harbour reopen spring pier"
    by_org = cand("a", 1, "Harbour Authority: the harbour will reopen next spring", actors=("Harbour Authority",),
                  orgs=("Harbour Authority",), lemmas=words, date="2024-03-04", certainty=Certainty.STATED)  # fmt: skip
    leaning = cand("b", 1, "Berg: And that is a fair point", actors=("Anna Berg",), lemmas=words,
                   date="2024-03-04", certainty=Certainty.RESOLVED)  # fmt: skip
    plain = cand("c", 1, "Anna Berg: the piers will open to ferries again in spring", actors=("Anna Berg",),
                 lemmas=words, date="2024-03-04/2024-03-06", certainty=Certainty.BOUNDED)  # fmt: skip
    analyses = [DocumentAnalysis(c.document, candidates=(c,)) for c in (by_org, leaning, plain)]
    event = build_event([(a, a.candidates[0]) for a in analyses], People(), {"a": 0, "b": 1, "c": 2})
    assert event.title == "Anna Berg: the piers will open to ferries again in spring"


def _headline(title: str, date: str) -> EventCandidate:
    """An article's headline: Berg rebukes Olsen."""
    told = cand("a", 0, title, actors=("Anna Berg", "Karl Olsen"), lemmas="rebuke", date=date,
                kind=EventKind.OCCURRENCE, predicate="rebuke")  # fmt: skip
    return dataclasses.replace(told, headline=True)


def test_a_headline_joins_the_event_of_its_article_with_the_same_subject_and_object() -> None:
    headline = _headline("The mayor rebukes Olsen", "2024-03-04/2024-03-05")
    statement = cand("a", 3, "Berg: Olsen's plan is reckless", actors=("Anna Berg", "Karl Olsen"),
                     lemmas="plan reckless harbour", date="2024-03-04")  # fmt: skip
    other = cand("a", 6, "Olsen: the plan stands", actors=("Karl Olsen",), lemmas="plan stand", date="2024-03-04")
    groups = cluster_candidates([headline, statement, other])
    assert sorted(map(sorted, groups)) == [[0, 1], [2]]
    elsewhere = dataclasses.replace(headline, document="b")  # another article's headline: not its restatement
    assert len(cluster_candidates([elsewhere, statement, other])) == 3


def test_a_headline_at_another_date_stays_apart() -> None:
    headline = _headline("Berg rebukes Olsen", "2019")
    statement = cand("a", 3, "Berg: Olsen is wrong", actors=("Anna Berg", "Karl Olsen"), lemmas="wrong",
                     date="2024-03-04")  # fmt: skip
    assert len(cluster_candidates([headline, statement])) == 2


def test_one_statement_retold_by_many_outlets_is_one_event_with_every_source_once() -> None:
    words = "ally defend ready attack response united"
    reports = [
        cand(
            f"d{n:03d}",
            1 + n % 3,
            f"Stoltenberg: allies ready ({n})",
            actors=("Jens Stoltenberg",),
            lemmas=words,
            date="2024-02-11",
        )
        for n in range(120)
    ]
    analyses = tuple(DocumentAnalysis(c.document, candidates=(c,)) for c in reports)
    events = merge_candidates(analyses, Names())
    assert len(events) == 1
    assert [s.document for s in events[0].sources] == [f"d{n:03d}" for n in range(120)]
    assert events[0].how.endswith("120 reports in 120 documents")


def test_a_big_event_still_turns_away_another_speaker_on_the_same_day() -> None:
    words = "trump comment nato ally dangerous"
    bidens = [cand(f"b{n}", 1, "Biden: dangerous", actors=("Joe Biden", "Trump"), lemmas=words, date="2024-02-11")
              for n in range(40)]  # fmt: skip
    scholz = cand("s", 1, "Scholz: dangerous", actors=("Olaf Scholz", "Trump"), lemmas=words, date="2024-02-11")
    groups = cluster_candidates([*bidens, scholz])
    assert sorted(len(g) for g in groups) == [1, 40]


def test_similarity_of_features_is_the_similarity_of_candidates() -> None:
    a = cand("a", 1, "Trump: encourage Russia", actors=("Donald Trump", "Russia"), lemmas=RALLY, date="2024-02-10")
    b = cand("b", 2, "Trump tells rally", actors=("Trump",), lemmas="rally encourage russia pay", date="2024-02-10")
    assert similarity(a, b) == similarity_of(features(a), features(b)) > 3.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Donald Trump", "former President Trump", True),
        ("the Zephyr 4", "Zephyr 4", True),
        ("the 3G Zephyr", "Zephyr 3G", True),
        ("Zephyr 4", "Zephyr 5", False),  # two models of one product line are two actors
        ("Zephyr 4", "Nimbus 4", False),  # a model number alone names nothing
        ("The Cuban government", "the Cuban government", True),
        ("the Cuban government", "the Cypriot government", False),  # a common noun is not a surname
    ],
)
def test_name_keys_of_people_and_models(a, b, same):
    from timeline.merge import name_key

    assert (name_key(a) == name_key(b)) is same
    assert len(name_key(a)) >= 2


def test_a_number_in_a_name_or_an_amount_is_not_a_count() -> None:
    from timeline.merge import figures

    c = cand("a", 1, "The Zephyr 4 goes on sale at $199 in 12 countries", actors=("Zephyr 4",), numbers=("199",))
    assert figures(c) == {("money", "199"), ("count", "12")}


AGREED = dict(kind=EventKind.OCCURRENCE, predicate="agreement")


def test_an_event_named_by_the_same_noun_and_date_with_no_agent_is_one_event() -> None:
    a = _told("a", 3, "The suit claims a breach of the 1994 agreement", "1994", "1994",
              title="The 1994 agreement", lemmas="agreement suit claim breach", **AGREED)  # fmt: skip
    b = _told("b", 6, "The 1994 agreement set out where each firm could use the name", "1994", "1994",
              title="The 1994 agreement", lemmas="agreement set firm use name", **AGREED)  # fmt: skip
    other = _told("c", 2, "The 1997 agreement ended the dispute", "1997", "1997",
                  title="The 1997 agreement", lemmas="agreement end dispute", **AGREED)  # fmt: skip
    events = merge_candidates(_analyses(a, b, other), Names())
    assert sorted(len(e.sources) for e in events) == [1, 2]  # the 1994 one twice; 1997 is another agreement


# --- work: what merging costs as the corpus grows (similarity computations, not seconds) --------


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import timeline.merge as merge

    calls = [0]
    counted = merge.similarity_of

    def similarity_of_counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return counted(*args, **kwargs)

    monkeypatch.setattr(merge, "similarity_of", similarity_of_counted)
    return calls


WIRE = (  # one day's wire story: six people's statements about one alliance
    ("Anna Berg", "berg warn alliance spending shortfall"),
    ("Omar Haddad", "haddad welcome alliance summit plan"),
    ("Ines Costa", "costa criticise alliance budget delay"),
    ("Tomas Novak", "novak defend alliance troop deployment"),
    ("Lena Walsh", "walsh question alliance energy policy"),
    ("Kofi Mensah", "mensah praise alliance training mission"),
)


def _wire_copies(outlets: int) -> tuple[DocumentAnalysis, ...]:
    """The same story printed word for word by ``outlets`` outlets (as wire copy is)."""
    out = []
    for o in range(outlets):
        doc = f"outlet{o:03d}"
        told = tuple(
            cand(doc, s, f"{name} on the alliance: {words}", actors=(name, "Alliance"), lemmas=words, date="2024-03-05")
            for s, (name, words) in enumerate(WIRE)
        )
        out.append(DocumentAnalysis(doc, candidates=told))
    return tuple(out)


def test_a_story_retold_word_for_word_by_more_outlets_costs_no_more_per_report(monkeypatch) -> None:
    calls = _counting(monkeypatch)
    per_report = {}
    for outlets in (8, 40):
        calls[0] = 0
        events = merge_candidates(_wire_copies(outlets), Names())
        assert len(events) == len(WIRE)  # each statement once, with every outlet as a source
        assert all(len({s.document for s in e.sources}) == outlets for e in events)
        per_report[outlets] = calls[0] / (outlets * len(WIRE))
    # a copy is compared as the report it copies: five times the outlets, no more work per report
    assert per_report[40] <= per_report[8]


def test_comparisons_per_report_stay_bounded_in_a_crowded_day(monkeypatch) -> None:
    """Many different reports naming one actor on one day: each meets a bounded number of
    neighbours, not every other report (near-linear, never all pairs)."""
    calls = _counting(monkeypatch)

    def crowded(n: int) -> tuple[DocumentAnalysis, ...]:
        return tuple(
            DocumentAnalysis(
                f"d{i:04d}",
                candidates=(
                    cand(
                        f"d{i:04d}",
                        0,
                        f"Speaker{i} on the alliance",
                        actors=(f"Speaker{i} Person{i}", "Alliance"),
                        lemmas=f"alliance w{i} x{i} y{i}",
                        date="2024-03-05",
                    ),
                ),
            )
            for i in range(n)
        )

    per_report = {}
    for n in (300, 1200):
        calls[0] = 0
        merge_candidates(crowded(n), Names())
        per_report[n] = calls[0] / n
    assert per_report[1200] <= 40  # all pairs would be ~600 per report
    assert per_report[1200] <= 1.2 * per_report[300]


def _busy_day(stories: int) -> tuple[DocumentAnalysis, ...]:
    """One organisation's busy day: ``stories`` different things it did, each told by two outlets in
    their own words (the same content words), the second telling far from the first in document order."""
    docs = 2 * stories
    out = []
    for d in range(docs):
        k = d if d < stories else docs - 1 - d
        where = f"town{k} depot{k} route{k} crew{k}"
        text = f"Alliance opens depot{k} in town{k}" if d < stories else f"In town{k}, depot{k} is opened by Alliance"
        told = cand(
            f"d{d:04d}", 0, text, actors=("Alliance",), lemmas=where, date="2024-03-05", kind=EventKind.OCCURRENCE
        )
        out.append(DocumentAnalysis(f"d{d:04d}", candidates=(dataclasses.replace(told, predicate="open"),)))
    return tuple(out)


def test_on_a_crowded_day_retellings_still_merge_and_each_costs_no_more(monkeypatch) -> None:
    """Reports of one actor on one day, more than its neighbours window: each still meets its
    retelling by another outlet however far apart in the corpus, and the comparisons a report
    costs do not grow with the day's coverage."""
    calls = _counting(monkeypatch)
    per_report = {}
    for stories in (12, 120):
        calls[0] = 0
        events = merge_candidates(_busy_day(stories), Names())
        per_report[stories] = calls[0] / (2 * stories)
        assert len(events) == stories
        # each event: the two tellings of one thing (one town's depot)
        assert all(
            len(e.sources) == 2 and len({re.findall(r"town\d+", s.text)[0] for s in e.sources}) == 1 for e in events
        )
    assert per_report[120] <= 10  # all pairs would be 120 a report
    assert per_report[120] <= 1.25 * per_report[12]


def test_pairs_scored_in_two_processes_give_the_same_events(monkeypatch) -> None:
    import timeline.merge as merge

    analyses = (*_busy_day(30), *_wire_copies(12))
    alone = merge_candidates(analyses, Names(), jobs=1)
    monkeypatch.setattr(merge, "PARALLEL_PAIRS", 1)  # shared however few the pairs
    assert merge_candidates(analyses, Names(), jobs=2) == alone


def test_a_report_dated_by_a_span_of_many_years_still_meets_one_dated_late_in_it() -> None:
    # blocked under its first three years only, the span still meets a report of its sixth
    mine = dict(actors=("Anna Berg", "Kiruna"), lemmas="open northern mine ore", kind=EventKind.OCCURRENCE)
    span = cand("a", 1, "Berg opened the northern mine", date="2015-01-01/2020-12-31", predicate="open", **mine)
    late = cand("b", 2, "Berg opens the northern mine", date="2020-06-03", predicate="open", **mine)
    events = merge_candidates(_analyses_of(span, late), Names())
    assert len(events) == 1 and events[0].date == "2020-06-03"


def _analyses_of(*candidates: EventCandidate) -> tuple[DocumentAnalysis, ...]:
    return tuple(DocumentAnalysis(c.document, candidates=(c,)) for c in candidates)


# --- one statistic, counted from either side ---------------------------------------------

RECYCLED = "In 2021 some 12 out of 27 member states recycled less than 50% of their household waste"
MET_GOAL = "As of 2021, only 15 of the 27 countries had met the 50% recycling goal"


def statistic(doc: str, text: str, date: str = "2021", lemmas: str = "", sentence: int = 3) -> EventCandidate:
    return cand(doc, sentence, text, lemmas=lemmas, date=date, kind=EventKind.OCCURRENCE, predicate="meet")


def test_a_share_is_read_as_part_and_whole_but_a_year_is_no_whole() -> None:
    assert shares(MET_GOAL) == {(15, 27)}
    assert shares("seven of its 31 members met it, and 3 out of 4 voters agreed") == {(7, 31), (3, 4)}
    assert shares("one of the 2023 winners") == frozenset()


def test_one_statistic_counted_from_either_side_in_two_outlets_is_one_event() -> None:
    a = statistic("a", RECYCLED, lemmas="member state recycle waste household")
    b = statistic("b", MET_GOAL, lemmas="country meet recycling goal")
    assert similarity(a, b) >= 3.0
    assert cluster_candidates([a, b]) == [[0, 1]]


@pytest.mark.parametrize(
    ("other", "date"),
    [
        ("As of 2021, only 15 of the 27 countries had met the 50% recycling goal", "2019"),  # another year
        ("As of 2021, only 15 of the 27 countries had met the 40% recycling goal", "2021"),  # another measure
        ("As of 2021, only 3 of the 12 provinces had met the 50% recycling goal", "2021"),  # another group
        ("As of 2021, 15 countries had met the 50% recycling goal", "2021"),  # no share of a whole
    ],
)
def test_shares_of_another_year_measure_or_group_stay_apart(other: str, date: str) -> None:
    a = statistic("a", RECYCLED, lemmas="member state recycle waste household")
    b = statistic("b", other, date=date, lemmas="country meet recycling goal")
    assert len(cluster_candidates([a, b])) == 2
