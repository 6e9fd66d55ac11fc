"""Dating by narrative, on small written analyses (no spaCy)."""

from __future__ import annotations

import dataclasses

from timeline.candidates import ActorMention, DocumentAnalysis, EventCandidate, EventKind
from timeline.model import Certainty, DateSource, Document, Precision
from timeline.narrative import date_by_narrative


def cand(sentence: int, text: str, actors: tuple[str, ...] = (), **kw) -> EventCandidate:
    return EventCandidate(
        document="a", sentence=sentence, start=sentence * 100, end=sentence * 100 + 90, text=text, title=text,
        kind=kw.pop("kind", EventKind.STATEMENT), predicate=kw.pop("predicate", "say"), tense=kw.pop("tense", "past"),
        actors=tuple(ActorMention(a, 0, len(a), "PERSON") for a in actors), **kw,
    )  # fmt: skip


def run(published: str | None, *candidates: EventCandidate, source: DateSource = DateSource.HEADER):
    doc = Document("a", "a.txt", "", "A", published=published, published_from=source)
    return date_by_narrative([doc], [DocumentAnalysis("a", candidates=candidates)])[0].candidates


RALLY = cand(1, "Trump told a rally on Saturday...", ("Trump",), date="2024-02-10", precision=Precision.DAY,
             certainty=Certainty.RESOLVED, kind=EventKind.OCCURRENCE, predicate="tell")  # fmt: skip


def test_a_reported_statement_lies_between_what_it_answers_and_publication() -> None:
    out = run("2024-02-12", RALLY, cand(5, "Michel wrote that reckless statements serve Putin", ("Charles Michel",)))
    michel = out[1]
    assert michel.date == "2024-02-10/2024-02-12"
    assert michel.certainty == Certainty.BOUNDED and michel.precision == Precision.INTERVAL
    assert "2024-02-10" in michel.how and "publication" in michel.how


def test_a_statement_with_nothing_to_answer_is_bounded_by_the_publication_day() -> None:
    out = run("2008-01-09", cand(3, "Jobs said the store would open", ("Steve Jobs",)))
    assert out[0].date == "2008-01-09" and out[0].certainty == Certainty.BOUNDED


def test_a_sentence_continues_the_time_of_the_previous_one() -> None:
    said = cand(2, "Stoltenberg said on Sunday that allies stand together", ("Stoltenberg",), date="2024-02-11",
                precision=Precision.DAY, certainty=Certainty.RESOLVED)  # fmt: skip
    added = cand(3, "He added that any attack would meet a response", predicate="add")
    out = run("2024-02-12", RALLY, said, added)
    assert out[2].date == "2024-02-11"
    assert out[2].certainty == Certainty.RESOLVED  # never more certain than what it continues
    assert "previous sentence" in out[2].how


def test_no_continuation_across_a_gap_or_to_another_speaker_occurrence() -> None:
    said = cand(2, "Stoltenberg said on Sunday ...", ("Stoltenberg",), date="2024-02-11", precision=Precision.DAY)
    later = cand(6, "He added more", predicate="add")  # four sentences on: not a continuation
    out = run("2024-02-12", RALLY, said, later)
    assert out[2].date == "2024-02-10/2024-02-12"  # the reported-statement bound instead


def test_an_inferred_publication_date_makes_the_dates_no_more_than_bounded() -> None:
    out = run("2024-02-12/2024-02-13", cand(4, "Biden said it was dumb", ("Biden",)), source=DateSource.INFERRED)
    assert out[0].date == "2024-02-12/2024-02-13" and out[0].certainty == Certainty.BOUNDED


def test_plans_and_undated_articles_stay_undated() -> None:
    plan = cand(4, "Ministers will meet", ("NATO",), kind=EventKind.SCHEDULED, tense="future", predicate="meet")
    assert run("2024-02-12", plan)[0].date is None
    assert run(None, cand(4, "Biden said it was dumb", ("Biden",)))[0].date is None


def test_the_lead_event_of_a_report_happened_by_publication() -> None:
    lead = cand(0, "Apple cut its prices", ("Apple",), kind=EventKind.OCCURRENCE, predicate="cut")
    background = cand(4, "The store opened", ("Apple",), kind=EventKind.OCCURRENCE, predicate="open")
    out = run("2008-01-09", lead, background)
    assert out[0].date == "2008-01-09" and "main event" in out[0].how
    assert out[1].date is None  # a later undated occurrence is not dated by the article


def test_a_statement_by_the_speaker_of_a_dated_occasion_is_taken_as_said_there() -> None:
    keynote = cand(1, "Yesterday Jobs unveiled the iPhone 4", ("Steve Jobs",), date="2010-06-07",
                   precision=Precision.DAY, certainty=Certainty.RESOLVED, kind=EventKind.OCCURRENCE,
                   predicate="unveil")  # fmt: skip
    praise = cand(5, "Jobs praised the new phone as the biggest leap", ("Jobs",), predicate="praise")
    other = cand(7, "Analysts said the launch was expected", ("Analysts",))
    out = run("2010-06-08", keynote, praise, other)
    assert out[1].date == "2010-06-07" and out[1].certainty == Certainty.BOUNDED
    assert out[2].date == "2010-06-07/2010-06-08"  # another speaker: only bounded


def test_a_past_event_told_this_week_ends_at_publication() -> None:
    filed = cand(1, "Apple Corps has filed a lawsuit this week", ("Apple Corps",), date="2006-03-27/2006-04-02",
                 precision=Precision.INTERVAL, certainty=Certainty.RESOLVED, kind=EventKind.OCCURRENCE,
                 predicate="file")  # fmt: skip
    trial = cand(3, "The trial will begin next week", ("Apple Corps",), date="2006-04-03/2006-04-09",
                 precision=Precision.INTERVAL, kind=EventKind.SCHEDULED, tense="future", predicate="begin")  # fmt: skip
    out = run("2006-03-28", filed, trial)
    assert out[0].date == "2006-03-27/2006-03-28" and out[0].certainty == Certainty.BOUNDED
    assert "publication" in out[0].how
    assert out[1].date == "2006-04-03/2006-04-09"  # plans are not cut


def _later_story() -> DocumentAnalysis:
    from timeline.model import TimeExpression, TimexType

    year = TimeExpression(30, 34, "1984", TimexType.DATE, "1984", date="1984", precision=Precision.YEAR)
    later = TimeExpression(100, 114, "One year later", TimexType.DATE, "2012", date="2012", precision=Precision.YEAR,
                           anchor="2011-10-06", relative=True, rule="ago:Y:-1", direction="past")  # fmt: skip
    launched = cand(0, "The Mac was released in 1984", ("Apple",), kind=EventKind.OCCURRENCE, time=0, date="1984",
                    precision=Precision.YEAR, certainty=Certainty.STATED)  # fmt: skip
    fired = cand(1, "One year later he was fired", ("Jobs",), kind=EventKind.OCCURRENCE, time=1, date="2012",
                 precision=Precision.YEAR, certainty=Certainty.RESOLVED)  # fmt: skip
    return DocumentAnalysis("a", times=(year, later), candidates=(launched, fired))


def test_a_span_counted_later_runs_from_the_time_the_story_last_set() -> None:
    doc = Document("a", "a.txt", "", "A", published="2011-10-06", published_from=DateSource.HEADER)
    fired = date_by_narrative([doc], [_later_story()])[0].candidates[1]
    assert fired.date == "1985"
    assert "One year later" in fired.how and "1984" in fired.how


def test_a_passive_statement_is_dated_at_its_speakers_occasion() -> None:
    keynote = cand(1, "Jobs unveiled the phone at the keynote on Monday", ("Steve Jobs",), date="2010-06-07",
                   precision=Precision.DAY, certainty=Certainty.RESOLVED, kind=EventKind.OCCURRENCE,
                   predicate="unveil")  # fmt: skip
    praised = cand(5, "The new phone was praised by Jobs as a leap", ("iPhone", "Steve Jobs"), predicate="praise")
    praised = dataclasses.replace(
        praised, actors=(ActorMention("The new phone", 0, 13, "PRODUCT"), ActorMention("Jobs", 30, 34, "PERSON"))
    )
    out = run("2010-06-08", keynote, praised)
    assert out[1].date == "2010-06-07" and "occasion" in out[1].how


def test_a_present_tense_statement_holds_at_publication() -> None:
    claims = cand(6, "Apple Corps claims the store breaks the agreement", ("Apple Corps",), tense="present",
                  predicate="claim")  # fmt: skip
    filed = cand(3, "A London court heard the suit this week", ("London",), kind=EventKind.OCCURRENCE,
                 date="2006-03-27/2006-03-28", precision=Precision.INTERVAL, predicate="hear")  # fmt: skip
    out = run("2006-03-28", filed, cand(4, "The court will rule later", ("London",), tense="future"), claims)
    assert out[2].date == "2006-03-28" and out[2].certainty == Certainty.BOUNDED


def test_a_statement_does_not_take_the_time_of_a_fact_led_by_its_speakers_body() -> None:
    fact = cand(2, "According to 2023 data, 19 NATO members spend less than the target", ("NATO",),
                date="2023", precision=Precision.YEAR, kind=EventKind.STATE, predicate="spend")  # fmt: skip
    said = cand(3, "The head of NATO said allies must defend each other", ("NATO",))
    out = run("2024-02-12", RALLY, fact, said)
    assert out[2].date == "2024-02-10/2024-02-12"  # a reported statement, not 2023


def test_a_pronoun_opening_a_quotation_does_not_continue_the_sentence_before() -> None:
    background = cand(2, "The deal replaces the 1990 agreement", ("Acme",), date="1990", precision=Precision.YEAR,
                      certainty=Certainty.STATED, kind=EventKind.OCCURRENCE, predicate="replace")  # fmt: skip
    quote = cand(3, "“We are glad it is over,” said the chief executive", ("Jane Roe",))
    plain = cand(3, "We are glad it is over, the chief executive said", ("Jane Roe",))
    assert run("2007-02-06", background, quote)[1].date == "2007-02-06"  # said as reported, not in 1990
    assert run("2007-02-06", background, plain)[1].date == "1990"  # an unquoted pronoun still reaches back
