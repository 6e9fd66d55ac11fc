"""Publication dates inferred across articles, on small written analyses (no spaCy)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from timeline.candidates import ActorMention, DocumentAnalysis, EventCandidate, EventKind
from timeline.model import Certainty, DateSource, Document, Precision, TimeExpression, TimexType
from timeline.pubdates import TOP_REFERENCES, Constraint, infer_publication_dates, solve
from timeline.times import reanchor


def weekday(text: str, day: int, start: int = 0) -> TimeExpression:
    return TimeExpression(start, start + len(text), text, TimexType.DATE, f"XXXX-WXX-{day}", relative=True,
                          resolved=False, rule=f"wd:{day}", direction="past")  # fmt: skip


def cand(doc: str, sentence: int, title: str, actors: tuple[str, ...], lemmas: str, **kw) -> EventCandidate:
    return EventCandidate(
        document=doc, sentence=sentence, start=sentence * 100, end=sentence * 100 + 90, text=title, title=title,
        kind=kw.pop("kind", EventKind.STATEMENT), predicate=kw.pop("predicate", "say"), tense=kw.pop("tense", "past"),
        actors=tuple(ActorMention(a, 0, len(a), "PERSON") for a in actors), lemmas=frozenset(lemmas.split()), **kw,
    )  # fmt: skip


RALLY = "encourage russia attack ally pay rally carolina campaign"
DATED = Document("dated", "dated.txt", "", "Dated", published="2024-02-12", published_from=DateSource.HEADER)
DATED_ANALYSIS = DocumentAnalysis(
    "dated",
    candidates=(
        cand("dated", 1, "Trump: he would encourage Russia", ("Donald Trump", "Russia"), RALLY, date="2024-02-10",
             precision=Precision.DAY, certainty=Certainty.RESOLVED, predicate="encourage"),
    ),
)  # fmt: skip


def undated(*candidates: EventCandidate, times: tuple[TimeExpression, ...] = ()) -> tuple[Document, DocumentAnalysis]:
    return Document("u", "u.txt", "", "Undated"), DocumentAnalysis("u", times=times, candidates=candidates)


def test_a_linked_saturday_bounds_the_publication_and_resolves_other_weekdays() -> None:
    doc, analysis = undated(
        cand("u", 1, "Trump encourages Russia", ("Trump", "Russia"), "encourage russia attack rally campaign",
             time=0, predicate="encourage"),
        cand("u", 3, "Stoltenberg: comments put soldiers at risk", ("Stoltenberg",), "comment soldier risk", time=1),
        cand("u", 5, "Borrell: not an a la carte alliance", ("Borrell",), "alliance carte", time=2),
        times=(weekday("Saturday", 6), weekday("Sunday", 7, 300), weekday("Monday", 1, 500)),
    )  # fmt: skip
    result = infer_publication_dates([DATED, doc], [DATED_ANALYSIS, analysis])
    out = result.documents[1]
    assert out.published_from == DateSource.INFERRED
    assert out.published and out.published.startswith("2024-02-1")
    assert "Saturday" in out.published_how and "2024-02-10" in out.published_how
    dates = {c.title.split(":")[0]: (c.date, c.certainty) for c in result.analyses[1].candidates}
    assert dates["Stoltenberg"] == ("2024-02-11", Certainty.INFERRED)
    assert dates["Borrell"] == ("2024-02-12", Certainty.INFERRED)
    assert result.documents[0] == DATED  # a dated document is left alone


def test_an_article_sharing_nothing_dated_stays_undated_with_a_note() -> None:
    doc, analysis = undated(
        cand("u", 1, "Ricketts: NATO is a country club", ("Peter Ricketts",), "club country", time=0),
        times=(weekday("Sunday", 7),),
    )
    result = infer_publication_dates([DATED, doc], [DATED_ANALYSIS, analysis])
    assert result.documents[1].published is None
    assert result.analyses[1].candidates[0].date is None
    assert any("u:" in n and "no publication date" in n for n in result.notes)


def test_only_a_reported_past_event_gives_an_interval_not_a_day() -> None:
    doc, analysis = undated(
        cand("u", 1, "Trump told a rally he would encourage Russia", ("Trump", "Russia"), RALLY, predicate="encourage")
    )
    result = infer_publication_dates([DATED, doc], [DATED_ANALYSIS, analysis])
    published = result.documents[1].published
    assert published and "/" in published  # bounded: after the rally, within the week of news
    assert published.split("/")[0] >= "2024-02-10"


def test_conflicting_links_are_reported_and_the_best_supported_kept() -> None:
    other = cand("dated", 2, "Biden: Trump gives Putin a green light", ("Joe Biden", "Putin"),
                 "green light putin war violence", date="2024-02-11", precision=Precision.DAY,
                 certainty=Certainty.RESOLVED)  # fmt: skip
    dated = DocumentAnalysis("dated", candidates=(*DATED_ANALYSIS.candidates, other))
    doc, analysis = undated(
        cand("u", 1, "Trump encourages Russia", ("Trump", "Russia"), "encourage russia attack rally campaign",
             time=0, predicate="encourage"),
        cand("u", 2, "Trump urges Russia to attack allies", ("Trump", "Russia"), "encourage russia attack rally pay",
             time=1, predicate="encourage"),
        cand("u", 4, "Biden: a green light to Putin", ("Biden", "Putin"), "green light putin war violence", time=2),
        # Saturday and Saturday agree; "Thursday" for Biden's Sunday statement cannot be squared with them
        times=(weekday("Saturday", 6), weekday("Saturday", 6, 200), weekday("Thursday", 4, 400)),
    )  # fmt: skip
    result = infer_publication_dates([DATED, doc], [dated, analysis])
    lo = result.documents[1].published.split("/")[0]
    assert "2024-02-10" <= lo <= "2024-02-16"
    assert any("conflicting" in n and "Thursday" in n for n in result.notes)


def test_solve_keeps_the_days_with_most_support() -> None:
    day = dt.date(2024, 2, 10)
    constraints = [
        Constraint(lambda a: day <= a <= day + dt.timedelta(days=6), 3.0, "saturday"),
        Constraint(lambda a: a >= day + dt.timedelta(days=2), 1.0, "monday"),
        Constraint(lambda a: a == day - dt.timedelta(days=5), 1.0, "stray"),
    ]
    best, broken = solve(constraints, (day, day))
    assert best[0] == day + dt.timedelta(days=2) and best[-1] == day + dt.timedelta(days=6)
    assert broken == ["stray"]


def test_a_window_of_years_gives_the_days_trying_every_day_would() -> None:
    # linked events years apart make a window of years; the search must still find every best day
    first, last = dt.date(2019, 3, 1), dt.date(2024, 2, 10)
    saturday, week = weekday("Saturday", 6), last + dt.timedelta(days=7)
    constraints = [
        Constraint(lambda a: a >= last, 1.0, "after the rally", span=(last, None)),
        Constraint(lambda a: a >= first, 1.0, "after the founding", span=(first, None)),
        Constraint(lambda a: a <= week, 0.5, "within a week", span=(None, week)),
        Constraint(lambda a: a.weekday() == 0, 3.0, "a Monday"),
        Constraint(lambda a: reanchor(saturday, a).date == "2024-02-10", 3.0, "Saturday is the rally"),
        Constraint(lambda a: a.day % 2 == 0, 0.5, "even days"),
    ]  # fmt: skip
    best, broken = solve(constraints, (first, last))
    window = [first - dt.timedelta(days=14) + dt.timedelta(days=n) for n in range((last - first).days + 29)]
    scores = {d: sum(c.weight for c in constraints if c.admits(d)) for d in window}
    top = max(scores.values())
    assert best == [d for d in window if scores[d] == top] == [dt.date(2024, 2, 12)]
    assert broken == []


def test_a_big_story_still_finds_the_report_it_retells_and_compares_few() -> None:
    # hundreds of dated statements by the story's main actor: the undated report of the rally
    # still finds the rally, without being compared with every one of them
    others = tuple(
        cand("dated", 10 + n, f"Trump on topic {n}", ("Donald Trump",), f"topic{n} issue{n} matter{n} point{n} say",
             date=f"2024-01-{n % 28 + 1:02d}", precision=Precision.DAY, certainty=Certainty.RESOLVED)
        for n in range(400)
    )  # fmt: skip
    dated = DocumentAnalysis("dated", candidates=(*others, *DATED_ANALYSIS.candidates))
    doc, analysis = undated(
        cand("u", 1, "Trump encourages Russia", ("Trump", "Russia"), "encourage russia attack rally campaign",
             time=0, predicate="encourage"),
        times=(weekday("Saturday", 6),),
    )  # fmt: skip
    result = infer_publication_dates([DATED, doc], [dated, analysis])
    assert "Saturday" in result.documents[1].published_how and "2024-02-10" in result.documents[1].published_how
    assert 0 < result.comparisons <= TOP_REFERENCES


def test_a_link_its_own_weekday_can_never_mean_is_no_evidence() -> None:
    # the rally was a Saturday: an undated "Thursday" report that looks like it is another event
    doc, analysis = undated(
        cand("u", 1, "Trump encourages Russia", ("Trump", "Russia"), RALLY, time=0, predicate="encourage"),
        times=(weekday("Thursday", 4),),
    )
    result = infer_publication_dates([DATED, doc], [DATED_ANALYSIS, analysis])
    assert result.documents[1].published is None


def test_a_plan_in_a_dated_article_dates_nothing_else() -> None:
    plan = cand("dated", 2, "Ministers will meet in Brussels", ("NATO",), "minister meet brussels defence",
                date="2024-02-15", precision=Precision.DAY, kind=EventKind.SCHEDULED, tense="future",
                predicate="meet")  # fmt: skip
    doc, analysis = undated(
        cand("u", 1, "NATO ministers met in Brussels", ("NATO",), "minister meet brussels defence",
             time=0, predicate="meet", kind=EventKind.OCCURRENCE),
        times=(weekday("Thursday", 4),),
    )  # fmt: skip
    dated = DocumentAnalysis("dated", candidates=(plan,))
    result = infer_publication_dates([DATED, doc], [dated, analysis])
    assert result.documents[1].published is None  # the plan may have moved; "met" is not evidence of the day


def test_one_of_a_recurring_kind_of_event_is_no_evidence_of_which() -> None:
    weekly = [
        cand("dated", n, "Castro attends a rally", ("Castro",), "castro attend rally havana workers",
             date=day, precision=Precision.DAY, certainty=Certainty.RESOLVED, predicate="attend",
             kind=EventKind.OCCURRENCE)
        for n, day in ((1, "2024-01-04"), (2, "2024-01-11"))
    ]  # fmt: skip
    doc, analysis = undated(
        cand("u", 1, "Castro attends a rally", ("Castro",), "castro attend rally havana workers", time=0,
             predicate="attend", kind=EventKind.OCCURRENCE),
        times=(weekday("Thursday", 4),),
    )  # fmt: skip
    dated = DocumentAnalysis("dated", candidates=tuple(weekly))
    result = infer_publication_dates([DATED, doc], [dated, analysis])
    assert result.documents[1].published is None


def test_a_month_and_day_named_from_months_away_bounds_but_does_not_pin_the_date() -> None:
    rescue = cand("dated", 3, "The boy is rescued off the coast", ("Elena Ruiz",), "boy rescue coast fisherman tube",
                  date="2024-01-25", precision=Precision.DAY, certainty=Certainty.RESOLVED, predicate="rescue",
                  kind=EventKind.OCCURRENCE)  # fmt: skip
    jan25 = TimeExpression(0, 6, "Jan. 25", TimexType.DATE, "XXXX-01-25", relative=True, resolved=False,
                           rule="md:1:25", direction="past")  # fmt: skip
    doc, analysis = undated(
        cand("u", 1, "Elena Ruiz was rescued off the coast", ("Elena Ruiz",), "boy rescue coast fisherman tube",
             time=0, predicate="rescue", kind=EventKind.OCCURRENCE),
        times=(jan25,),
    )  # fmt: skip
    result = infer_publication_dates([DATED, doc], [DocumentAnalysis("dated", candidates=(rescue,)), analysis])
    published = result.documents[1].published
    # "Jan. 25" reads the same from any day of the following months: no week is singled out
    assert published is None


def test_many_undated_articles_dated_by_several_processes_come_out_as_one_process_dates_them() -> None:
    from timeline import pubdates

    docs, analyses = [DATED], [DATED_ANALYSIS]
    for n in range(pubdates.PARALLEL_MIN + 5):
        doc_id = f"u{n:02d}"
        says = ("Stoltenberg: comments put soldiers at risk", ("Stoltenberg",), "comment soldier risk")
        docs.append(Document(doc_id, f"{doc_id}.txt", "", "Undated"))
        analyses.append(
            DocumentAnalysis(doc_id, times=(weekday("Saturday", 6), weekday("Sunday", 7, 300)), candidates=(
                cand(doc_id, 1, "Trump encourages Russia", ("Trump", "Russia"), RALLY, time=0, predicate="encourage"),
                cand(doc_id, 3, *says, time=1),
            ))
        )  # fmt: skip
    # and one linked only through another undated article: dated in the second round
    docs.append(Document("late", "late.txt", "", "Undated"))
    analyses.append(
        DocumentAnalysis("late", times=(weekday("Sunday", 7),), candidates=(
            cand("late", 1, "Stoltenberg: comments put soldiers at risk", ("Stoltenberg",), "comment soldier risk",
                 time=0),
        ))
    )  # fmt: skip
    one = infer_publication_dates(docs, analyses, jobs=1)
    two = infer_publication_dates(docs, analyses, jobs=2)
    assert two == one
    assert all(d.published_from == DateSource.INFERRED for d in two.documents[1:])
    assert two.documents[-1].published is not None  # by the others' dating of Sunday's statement


def test_one_bare_likeness_alone_does_not_date_an_article_two_agreeing_links_do() -> None:
    # a speaker says much the same on many days: "the father is ready to travel" on a Wednesday
    # in one article may be last week's Wednesday in another
    dated_doc = Document("d", "d.txt", "", "Dated", published="2000-04-06", published_from=DateSource.HEADER)
    day = {"date": "2000-04-05", "precision": Precision.DAY, "certainty": Certainty.RESOLVED}
    dated = DocumentAnalysis("d", candidates=(
        cand("d", 1, "Castro: the father is ready to travel", ("Castro",), "father ready travel boy home", **day),
        cand("d", 2, "Reno: the boy will be returned", ("Reno",), "boy return court ruling custody", **day),
    ))  # fmt: skip
    castro = cand("u", 1, "Castro: the father may travel soon", ("Castro",), "father travel soon visa month", time=0)
    alone = DocumentAnalysis("u", times=(weekday("Wednesday", 3),), candidates=(castro,))
    undated_doc = Document("u", "u.txt", "", "Undated")
    result = infer_publication_dates([dated_doc, undated_doc], [dated, alone])
    assert result.documents[1].published is None
    assert any("u: no publication date" in note for note in result.notes)

    # nor does it with a background event beside it, which bounds the date from below but pins no day
    rescue = {"kind": EventKind.OCCURRENCE, "predicate": "rescue"}
    month = {"date": "1999-11", "precision": Precision.MONTH, "certainty": Certainty.STATED}
    background = cand("d", 3, "Elian is rescued", ("Elian",), "rescue boy sea fisherman raft", **rescue, **month)
    dated_more = dataclasses.replace(dated, candidates=(*dated.candidates, background))
    told = cand("u", 2, "Elian is rescued", ("Elian",), "rescue boy sea fisherman raft", **rescue)
    beside = DocumentAnalysis("u", times=alone.times, candidates=(castro, told))
    result = infer_publication_dates([dated_doc, undated_doc], [dated_more, beside])
    assert result.documents[1].published is None

    reno = cand("u", 2, "Reno: the boy will be returned", ("Reno",), "boy return court ruling custody", time=1)
    times = (weekday("Wednesday", 3), weekday("Wednesday", 3, 200))
    both = DocumentAnalysis("u", times=times, candidates=(castro, reno))
    result = infer_publication_dates([dated_doc, undated_doc], [dated, both])
    assert result.documents[1].published_from == DateSource.INFERRED
    assert result.documents[1].published.startswith("2000-04-")


def test_a_date_copied_from_a_likeness_is_no_reference_for_a_further_likeness() -> None:
    # B retells A's rally (so B is dated) and a statement like one A dates (so it takes A's date);
    # C's statement is like B's, not like A's: a chain of likenesses, no evidence of when C appeared
    day = {"precision": Precision.DAY, "certainty": Certainty.RESOLVED}
    a = DocumentAnalysis("dated", candidates=(
        *DATED_ANALYSIS.candidates,
        cand("dated", 2, "Gonzalez: he will wait", ("Gonzalez",), "appeal wait court ruling decision",
             date="2024-02-11", **day),
    ))  # fmt: skip
    b = DocumentAnalysis("b", times=(weekday("Saturday", 6),), candidates=(
        cand("b", 1, "Trump encourages Russia", ("Trump", "Russia"), RALLY, time=0, predicate="encourage"),
        cand("b", 2, "Gonzalez: he will wait out the appeal", ("Gonzalez",), "appeal wait court father custody"),
    ))  # fmt: skip
    c = DocumentAnalysis("c", times=(weekday("Sunday", 7),), candidates=(
        cand("c", 1, "Gonzalez: the family's lawyer will appeal", ("Gonzalez",), "father custody appeal lawyer family",
             time=0),
    ))  # fmt: skip
    docs = [DATED, Document("b", "b.txt", "", "B"), Document("c", "c.txt", "", "C")]
    result = infer_publication_dates(docs, [a, b, c])
    assert result.documents[1].published_from == DateSource.INFERRED
    assert result.analyses[1].candidates[1].date == "2024-02-11"  # B's statement: A's date, by likeness
    assert result.documents[2].published is None


def test_news_of_an_event_known_only_to_the_month_may_appear_a_week_after_that_month_ends() -> None:
    month = {"date": "2024-03", "precision": Precision.MONTH, "certainty": Certainty.STATED}
    found = {"kind": EventKind.OCCURRENCE, "predicate": "find"}
    lemmas = "discovery rifle scope yard search police"
    dated = DocumentAnalysis("dated", candidates=(
        cand("dated", 1, "Police find a rifle", ("Police",), lemmas, **found, **month),
    ))  # fmt: skip
    doc, analysis = undated(cand("u", 1, "Police find a rifle", ("Police",), lemmas, **found))
    result = infer_publication_dates([DATED, doc], [dated, analysis])
    lo, _, hi = (result.documents[1].published or "").partition("/")
    assert lo == "2024-03-01" and hi == "2024-04-07"
