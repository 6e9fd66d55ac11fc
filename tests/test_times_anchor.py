"""Which day, week or month a relative expression lands on: tense, reported speech, schedules, the story's time.

Each case is a sentence (or a short article) of our own, the publication date used as anchor, the expression's
text and its expected TimeML value, as in :mod:`test_times`, whose helpers it reuses.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_times import TIMEML_VALUE, _find

from timeline.model import is_valid_date

MON = dt.date(2024, 3, 11)  # a Monday
WED = dt.date(2024, 3, 13)
SAT = dt.date(2024, 3, 16)
SUN = dt.date(2024, 3, 17)

# (text, anchor, expression text, value)
CASES: list[tuple[str, dt.date | None, str, str]] = [
    # a verb the tagger takes for a noun, right after its subject: a schedule's present, not a clause of no tense
    ("The Senate votes Tuesday on a stopgap spending bill.", MON, "Tuesday", "2024-03-12"),
    ("Senate votes Tuesday on stopgap bill as shutdown nears", MON, "Tuesday", "2024-03-12"),
    ("Manchester City travel to Madrid on Wednesday needing a draw.", MON, "Wednesday", "2024-03-13"),
    ("The supply truck leaves for the coast on Saturday as planned, the army said.", WED, "Saturday", "2024-03-16"),
    # a reporting verb with no report, only its day: the day it is due
    ("Apple reports Thursday, a day after Nvidia.", MON, "Thursday", "2024-03-14"),
    ("The minister says on Sunday that he is ready.", MON, "Sunday", "2024-03-10"),
    # a day joined to another takes its reading
    ("Forecasters said more storms are possible Monday and Tuesday.", SUN, "Tuesday", "2024-03-19"),
    ("Forecasters said more storms are possible Monday and Tuesday.", SUN, "Monday", "2024-03-18"),
    # the day of a plan called off: the nearest such day, just behind or just ahead
    ("A march planned for Saturday was called off after talks with police.", SUN, "Saturday", "2024-03-16"),
    ("A concert scheduled at the arena for Friday was cancelled because of the storm.", SAT, "Friday", "2024-03-15"),
    ("The vote, set for Tuesday, has been postponed.", SUN, "Tuesday", "2024-03-19"),
    ("A rally planned for Saturday has been cancelled.", WED, "Saturday", "2024-03-16"),
    ("A march planned for Saturday will go ahead.", SUN, "Saturday", "2024-03-23"),
    # a weekday and a week on: "a week from Monday", British "a week on Tuesday", "Tuesday week"
    ("The hearing was moved to a week from Wednesday.", MON, "a week from Wednesday", "2024-03-20"),
    ("The inquiry resumes a week on Tuesday.", SUN, "a week on Tuesday", "2024-03-26"),
    ("The tribunal sits again on Thursday week.", MON, "Thursday week", "2024-03-21"),
    ("Voters go to the polls two weeks from Sunday.", SUN, "two weeks from Sunday", "2024-03-31"),
    ("The final is on Saturday week.", SAT, "Saturday week", "2024-03-23"),
    # ... and American "a week ago Saturday": the last one, a week before
    ("The storm struck a week ago Saturday.", WED, "a week ago Saturday", "2024-03-02"),
    ("The talks began two weeks ago Monday.", WED, "two weeks ago Monday", "2024-02-26"),
    # a day in the headline: the one the story names by the same name; else the nearest, behind or ahead
    (
        "Governor signs budget bill Friday\n\nThe governor signed the bill on Friday after talks.",
        SAT,
        "Friday",
        "2024-03-15",
    ),
    ("Council votes Tuesday on new budget\n\nThe council votes Tuesday on the plan.", MON, "Tuesday", "2024-03-12"),
    ("Storm batters coast Sunday\n\nNo one was hurt, officials said.", WED, "Sunday", "2024-03-10"),
    ("Senate to vote Thursday on aid bill\n\nLeaders expect a close result.", MON, "Thursday", "2024-03-14"),
    (
        "Senate to vote Thursday on aid bill\n\nLeaders expect a close result.",
        dt.date(2024, 3, 15),
        "Thursday",
        "2024-03-21",
    ),
    # a bare participle of what is foreseen names a time ahead
    ("Lawmakers face a key vote expected Thursday on the bill.", MON, "Thursday", "2024-03-14"),
    ("First results are due by midnight, with a final count expected early Monday.", SUN, "early Monday", "2024-03-18"),
    # in the future tense, today's weekday later in the day is today; the bare day is next week's
    ("Results are expected late Sunday, officials said.", SUN, "late Sunday", "2024-03-17"),
    ("The minister will speak on Wednesday evening.", WED, "Wednesday evening", "2024-03-13TEV"),
    ("The ministers will meet on Wednesday in Brussels.", WED, "Wednesday", "2024-03-20"),
    # a clock time: in the past tense on the last day up to publication, in the future on a day ahead just named
    (
        "Results are expected early Monday. Turnout stood at 40 percent by 4 p.m., officials said.",
        SUN,
        "4 p.m.",
        "2024-03-17T16:00",
    ),
    (
        "The memorial will be held on Saturday. Doors will open at 10 a.m. for mourners.",
        WED,
        "10 a.m.",
        "2024-03-16T10:00",
    ),
    ("Polls close at 8 p.m., and counting starts on Friday.", WED, "8 p.m.", "2024-03-13T20:00"),
    (
        "The council meets on Dec. 14.\n\nThe mayor will speak at around 1 a.m. local time.",
        WED,
        "around 1 a.m. local time",
        "2024-03-13T01:00",
    ),
    # ... and on the date written just after it, also when a longer date takes the day between them
    ("Page last updated at 14:05 GMT, Thursday, 21 March 2013", SUN, "14:05 GMT", "2013-03-21T14:05"),
    ("Updated 1:52 PM EST, Thu March 21, 2013", SUN, "1:52 PM EST", "2013-03-21T13:52"),
    ("The patient was found on the floor at 6am on 3 May 2022.", WED, "6am", "2022-05-03T06:00"),
    # a day in the possessive names an event in passing: the story stays on its day
    (
        "The coach was sacked early Wednesday after Tuesday's defeat. A successor was named later that day.",
        SAT,
        "later that day",
        "2024-03-13",
    ),
    # weekly figures compared with the same week a year before
    ("Mortgage rates rose to 6.9% this week, up from 6.6% a year earlier.", WED, "a year earlier", "2023-W11"),
    ("The court ruled this week, two years after it was set up.", WED, "this week", "2024-W11"),
    # "until" after a bare participle: as long as its clause says
    (
        "Forecasters said the storm would move east, with flood warnings posted until 6 a.m. Thursday.",
        WED,
        "6 a.m. Thursday",
        "2024-03-14T06:00",
    ),
    ("Roads closed by the flooding until Friday reopened this morning.", WED, "Friday", "2024-03-08"),
    # a purpose the parser hangs on the object takes the clause's tense
    (
        "She was found on 3 May 2022. Days later, the manager rewrote the log to show checks at 1am and 3am.",
        WED,
        "1am",
        "2022-05-03T01:00",
    ),
    # "this week" ahead, in Sunday's paper: the week that starts tomorrow; behind, the week ending today
    ("World leaders travel to Italy this week for the summit.", SUN, "this week", "2024-W12"),
    ("Democrats said they would demand the full report this week.", SUN, "this week", "2024-W12"),
    ("Prices rose sharply this week, traders said.", SUN, "this week", "2024-W11"),
    ("Leaders meet in Brussels this week.", WED, "this week", "2024-W11"),
    # an invitation names the day of the visit
    ("The president has invited congressional leaders to the White House on Friday.", WED, "Friday", "2024-03-15"),
    # a schedule: "is due on Friday"; "was due" is behind
    ("The verdict is due on Friday.", WED, "Friday", "2024-03-15"),
    ("The verdict was due on Friday but was delayed.", WED, "Friday", "2024-03-08"),
    # a day in the possessive that a present or future clause awaits ("for", "ahead of", "before")
    ("Fans are urged to arrive early for Saturday's match.", WED, "Saturday", "2024-03-16"),
    ("Campaigning ends ahead of Sunday's vote.", WED, "Sunday", "2024-03-17"),
    ("The defence will appeal Monday's verdict.", WED, "Monday", "2024-03-11"),
    ("Fans arrived early for Saturday's match.", WED, "Saturday", "2024-03-09"),
    ("Asked whether he would attend Friday's summit, he said no.", WED, "Friday", "2024-03-15"),
    # "was expected": as the story was written, the day just ahead or just past
    ("A vote on the bill was expected Thursday.", WED, "Thursday", "2024-03-14"),
    ("The results were expected on Monday but were delayed.", WED, "Monday", "2024-03-11"),
    # a day ahead in reported speech counts from the day the words were said
    ("He said on Monday that talks would resume on Tuesday.", dt.date(2024, 3, 15), "Tuesday", "2024-03-12"),
    (
        "The company said on Tuesday it would report results on Thursday.",
        dt.date(2024, 3, 15),
        "Thursday",
        "2024-03-14",
    ),
    ("He said on Monday that talks would resume on Saturday.", dt.date(2024, 3, 15), "Saturday", "2024-03-16"),
    ("He said on Thursday he would resign on Monday.", dt.date(2024, 3, 15), "Monday", "2024-03-18"),
    ("He said on Monday that talks would resume on Friday.", WED, "Friday", "2024-03-15"),
    # an imperative tells what is to do
    ("Expect highs near 60 on Thursday.", WED, "Thursday", "2024-03-14"),
    ("Vote early on Tuesday.", WED, "early on Tuesday", "2024-03-19"),
    # the term of a promise or demand is ahead
    ("Speaking to reporters on Monday, he promised a decision by Friday.", WED, "Friday", "2024-03-15"),
    ("By Friday, the fund had lost half its value.", WED, "Friday", "2024-03-08"),
    # a month and day in the future tense more than a week gone is next year's
    ("The hearing is set for March 2.", WED, "March 2", "2025-03-02"),
    ("The shop will reopen on Jan. 3.", dt.date(2024, 12, 28), "Jan. 3", "2025-01-03"),
    ("The summit will open on March 10.", WED, "March 10", "2024-03-10"),
    # "the following weekend", "the previous weekend" count from the story's day
    (
        "The storm hit on Feb. 2. The following weekend, crews restored power.",
        WED,
        "The following weekend",
        "2024-W06-WE",
    ),
    ("The storm hit on Feb. 2. The previous weekend, crews had cut trees.", WED, "The previous weekend", "2024-W04-WE"),
    # a bare verb after a singular name is a team's plural present, unless its past is its bare form ("hit")
    ("Liverpool face Real Madrid on Saturday.", WED, "Saturday", "2024-03-16"),
    ("England play Wales at Twickenham on Saturday.", WED, "Saturday", "2024-03-16"),
    ("City, who beat United on Sunday, play Spurs on Saturday.", WED, "Saturday", "2024-03-16"),
    ("City, who beat United on Sunday, play Spurs on Saturday.", WED, "Sunday", "2024-03-10"),
    ("The storm hit the coast on Tuesday.", WED, "Tuesday", "2024-03-12"),
    ("Chelsea host Arsenal on Sunday.", WED, "Sunday", "2024-03-17"),
    ("Nominations close on Friday.", WED, "Friday", "2024-03-15"),
    ("Leeds face Burnley on Friday night.", WED, "Friday night", "2024-03-15TNI"),
    # court terms: remanded or bailed until a day, sentencing set for one, are ahead
    ("He was remanded in custody until Monday.", WED, "Monday", "2024-03-18"),
    ("He was bailed to appear before magistrates on Tuesday.", WED, "Tuesday", "2024-03-19"),
    ("Judge Smith set sentencing for Monday.", WED, "Monday", "2024-03-18"),
    ("Officials warned residents to leave by Thursday.", WED, "Thursday", "2024-03-14"),
    # the story's day stays where it was when a year is named in passing (in a clause qualifying a noun)
    (
        "The trial opened on Feb. 5. The next day, jurors heard calls he made in 2019. That night, his lawyer spoke.",
        WED,
        "That night",
        "2024-02-06TNI",
    ),
    (
        "The trial opened on Feb. 5. Jurors heard calls he made in 2019. The following week, the defense began.",
        WED,
        "The following week",
        "2024-W07",
    ),
    # "the previous quarter" after a quarter the story named: the one before it, not the one before publication
    (
        "Net income rose 8% in the third quarter of 2023. Sales in the previous quarter had fallen.",
        dt.date(2023, 11, 14),
        "the previous quarter",
        "2023-Q2",
    ),
    (
        "Revenue for the second quarter of 2022 rose 4% from the prior quarter.",
        dt.date(2023, 11, 14),
        "the prior quarter",
        "2022-Q1",
    ),
    # a point compared with is not where the story is: "the deadliest since ...", "in February from January"
    (
        "The blast was the deadliest since June 3, 2009. Police sealed off the area at 6 p.m. and searched it.",
        WED,
        "6 p.m.",
        "2024-03-13T18:00",
    ),
    (
        "Factory orders rose 1.2% in January from December and were 5% higher than a year earlier.",
        WED,
        "a year earlier",
        "2023-01",
    ),
    # a day a past event took place is not after publication; a day a past verb sets or awaits may be
    ("The July 4 fireworks drew huge crowds downtown.", dt.date(2023, 6, 20), "July 4", "2022-07-04"),
    ("Crowds filled the plaza on Dec. 31 to see the lights.", dt.date(2023, 12, 28), "Dec. 31", "2022-12-31"),
    ("The board declared a dividend payable Dec. 31.", dt.date(2023, 12, 28), "Dec. 31", "2023-12-31"),
    ("The talks were set to end on Dec. 31.", dt.date(2023, 12, 28), "Dec. 31", "2023-12-31"),
    # a holiday qualifying the subject of a past clause is in the past
    ("Labor Day traffic in September was lighter than usual.", dt.date(2023, 11, 29), "Labor Day", "2023-09-04"),
    # a span's start is not after its end: a month or a clock time named before the other
    ("The survey covers the months from August to October.", dt.date(2023, 11, 20), "August", "2023-08"),
    ("The survey covers the months from August to October.", dt.date(2023, 11, 20), "October", "2023-10"),
    ("Gunfire was heard from 11pm to 4am, residents said.", WED, "11pm", "2024-03-12T23:00"),
    ("The curfew will run from 10 p.m. to 6 a.m. each night.", WED, "6 a.m.", "2024-03-14T06:00"),
    ("Polling stations are open between 7 a.m. and 10 p.m.", WED, "7 a.m.", "2024-03-13T07:00"),
    # a date that a present "be" names is a schedule: ahead, or just over
    ("Polling day is Nov. 5, and the deadline to register is Oct. 21.", dt.date(2024, 2, 20), "Nov. 5", "2024-11-05"),
    ("Polling day is Nov. 5, and the deadline to register is Oct. 21.", dt.date(2024, 2, 20), "Oct. 21", "2024-10-21"),
    ("Thanksgiving is Nov. 28 this year.", dt.date(2024, 2, 20), "Thanksgiving", "2024-11-28"),
    # a weekday in the sentence that names another week is that week's day; not the day the story was told
    ("Last week, the river peaked on Tuesday, a record.", dt.date(2024, 3, 15), "Tuesday", "2024-03-05"),
    ("Next week the assembly will debate the bill on Monday.", MON, "Monday", "2024-03-18"),
    ("Rents rose 2% from last week, the agency said Monday.", WED, "Monday", "2024-03-11"),
    ("Rents rose 2% last week, the agency said on Monday.", WED, "Monday", "2024-03-11"),
    # a plural subject's present that the tagger took for a bare verb: a schedule
    ("The show closes in May, and tickets go on sale on Monday.", WED, "Monday", "2024-03-18"),
    # today's weekday with a morning ahead, in that day's paper: this morning, not next week's
    ("The president is expected to speak on Wednesday morning.", WED, "Wednesday morning", "2024-03-13TMO"),
    # "starting Friday", "beginning Monday": the phrase takes its clause's tense
    ("The console goes on sale starting Friday in Japan.", WED, "Friday", "2024-03-15"),
    ("The new fares apply beginning Monday.", WED, "Monday", "2024-03-18"),
    ("Prices rose starting Monday, traders said.", WED, "Monday", "2024-03-11"),
    # a time a present "be" puts "at" a day: a schedule
    ("Kick-off at the stadium is at 3pm on Saturday.", WED, "3pm on Saturday", "2024-03-16T15:00"),
    # a weather entry with no verb is a forecast: today or ahead (past weather is told in the past tense)
    ("Forecast: Tuesday, sunny, high 68. Wednesday, showers likely.", WED, "Tuesday", "2024-03-19"),
    ("Forecast: Tuesday, sunny, high 68. Wednesday, showers likely.", WED, "Wednesday", "2024-03-13"),
    ("Thursday: Mostly cloudy, with a low around 40.", WED, "Thursday", "2024-03-14"),
    ("Thursday was mostly cloudy and cold.", WED, "Thursday", "2024-03-07"),
    # a scheduled event by its date, the subject of a present "be", is to come
    ("The Nov. 5 election is the most important in decades, she said.", dt.date(2024, 2, 20), "Nov. 5", "2024-11-05"),
    ("The November runoff is expected to be close.", dt.date(2024, 2, 20), "November", "2024-11"),
    # what a present or future clause awaits is ahead
    ("Markets now await Friday's jobs report.", WED, "Friday", "2024-03-15"),
    ("Markets awaited Friday's jobs report.", WED, "Friday", "2024-03-08"),
    (
        "The jobless rate fell to 4.1% in June from 4.3% in May, and pay was up 3% from a year earlier.",
        dt.date(2024, 7, 5),
        "a year earlier",
        "2023-06",
    ),
    # a fixture list: a verbless entry is ahead; its kick-off time is on its day
    ("Fixtures: Saturday, 3pm: Leeds v Hull. Sunday, 4.30pm: Spurs v Fulham.", WED, "Saturday", "2024-03-16"),
    ("Fixtures: Saturday, 3pm: Leeds v Hull. Sunday, 4.30pm: Spurs v Fulham.", WED, "4.30pm", "2024-03-17T16:30"),
    ("Tuesday: It was cold and wet.", WED, "Tuesday", "2024-03-12"),
    # a plan in the pluperfect has since changed: its day is the nearest, behind or ahead
    ("The board had been scheduled to meet on Thursday.", WED, "Thursday", "2024-03-14"),
    ("The strike had been set to begin on Monday.", WED, "Monday", "2024-03-11"),
    (
        "Stocks fell on Monday after a cut on March 3. Talks are set for Friday.\n\n"
        "The index closed down 2% at 4 p.m. in New York.",
        dt.date(2024, 3, 11),
        "4 p.m.",
        "2024-03-11T16:00",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "anchor", "text", "value"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)]
)
def test_anchored_value(nlp, sentence, anchor, text, value):
    t = _find(nlp, sentence, anchor, text)
    assert t.value == value, t.how
    assert sentence[t.start : t.end] == t.text
    assert TIMEML_VALUE.fullmatch(t.value)
    if t.date is not None:
        assert is_valid_date(t.date), t.date


def test_the_story_moves_to_a_month_named_in_the_main_clause(nlp):
    """ "The last attack came in October, when ...": the story is in October now; "that day" is not Feb. 5."""
    from timeline.times import find_times

    text = "She spoke on Feb. 5. The last attack came in October, when a doctor was shot. He died that day."
    times = find_times(nlp(text), WED)
    assert [t.value for t in times if t.text == "that day"] in ([], ["2023-10-XX"])


def test_a_day_with_no_tense_is_the_one_the_story_named(nlp):
    """ "Sunday's game" after "will play ... on Sunday": the same Sunday, ahead."""
    from timeline.times import find_times

    text = "The champions will play Leeds on Sunday. Fans plan a protest before Sunday's game."
    values = [t.value for t in find_times(nlp(text), SAT) if t.text == "Sunday"]
    assert values == ["2024-03-17", "2024-03-17"]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("A march planned for Saturday was called off.", "Saturday"),
        ("The inquiry resumes a week on Tuesday.", "a week on Tuesday"),
        ("Storm batters coast Sunday\n\nNo one was hurt.", "Sunday"),
    ],
)
def test_new_rules_reanchor_as_found(nlp, sentence, text):
    """Resolved again against another publication date, an expression gives what a fresh tagging of that date gives."""
    from timeline.times import find_times, reanchor

    doc = nlp(sentence)
    first = next(t for t in find_times(doc, SUN) if t.text == text)
    again = next(t for t in find_times(doc, WED) if t.text == text)
    assert reanchor(first, WED).value == again.value


def test_a_clock_time_on_a_written_date_keeps_it_when_reanchored(nlp):
    from timeline.times import find_times, reanchor

    t = next(t for t in find_times(nlp("She was found at 6am on 3 May 2022."), WED) if t.text == "6am")
    assert reanchor(t, SUN).value == "2022-05-03T06:00"


@pytest.mark.parametrize("front", ["---\ndate: 2024-03-16\n---\n", "+++\ndate = 2024-03-16\n+++\n", ""])
def test_the_headline_is_found_after_either_front_matter(nlp, front):
    """The corpus reads YAML and TOML front matter; the headline after either is still the headline."""
    from timeline.times import find_times

    times = find_times(nlp(front + "Election results Sunday\n\nThe count goes on.\n"), SAT)
    assert [t.value for t in times if t.text == "Sunday"] == ["2024-03-17"]
