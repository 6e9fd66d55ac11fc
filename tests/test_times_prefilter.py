"""The tagger's shortcuts change no match.

A rule runs only over a text holding a word its every match must contain, only in windows around
those words, and with its alternations factored by first letter: each must find exactly what the
rule's own pattern finds over the whole text.
"""

import re
from re._parser import parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.times import _ODD_FOLDS, _REQUIRED, _required_where, _rule_matches, _runnable
from timeline.timex.grammar import RULES, factored
from timeline.timex.lexicon import MONTHS, NUMBERS, ORDINALS, UNITS, WEEKDAYS

TEXTS = [
    "On March 3, 2024, at 10 p.m. ET the board met; two weeks later, in the first quarter of 2025, it sold.",
    "Every Monday morning since the 1990s, sales rose 5% a year ago; the year-ago period, Q3 '23, H1 2022.",
    "Christmas Eve, Thanksgiving, the twenties, nineteen eighty-four, at the time, in the near term, daily.",
    "The 21st century began; early last week, the following day, that same year, the weekend, mid-morning today.",
    "In the fiscal year ended June 30, over the coming months, these days, recently, 2023-W05, 12/25/2023.",
    "At the end of the 2012-13 season, twice a week, 24 hours a day, overnight in midweek, another decade later.",
    "Polls opened at 7 a.m. (0500 GMT); two to three weeks on Thanksgiving night, spent the next decade, 2020/21.",
    "For the week, up 2% for the week, the week's most active session; the past 10 sessions, every few months.",
    "For days or even weeks, in recent weeks and months, in the years that followed, the June quarter.",
]

#: texts a window could get wrong: an expression spread over a long run of spaces or hyphens, one
#: cut off by the end of the text, one right after another, one with an odd case fold
EDGES = [
    "three" + " " * 300 + "days ago, and March" + "\n" * 90 + "3,\t\t\t2024 at 10\u2003\u2003p.m.",
    "the first ----------------------------------------------------------------- quarter of 2025",
    "1,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000.5 years, then 2 days",
    "days",
    "2024",
    "Monday Tuesday Wednesday the day before yesterday tomorrow night",
    "the past few years the next few days years ago years later the coming months",
    "\u212aelvin said on Tue\u017fday, \u0130n March 2024",
    "late last week early next month mid-2023 the end of 2024 Dec. 25 Sept. 11, 2001 at noon",
    # a required word inside another word, right before or inside an expression
    "Today's holiday: a three-day, two-day birthday; Monday-Friday, midday, 10 days, today 3 days ago",
    "decades-long Decembers: Dec.4, mid-December, 1990s'90s, yesterday-today, noon-midnight, Maybe May 5",
    "2024-03-01T10:30 2024-3-01 1-2-2024 12/25/2023/2024 3/1/24 --2024-03-01-- 11/5/2024",
    "x" * 200 + " 12,345,678 days" + " " * 40 + "later" + "-" * 50 + "the following day",
]


def test_every_match_holds_a_required_word():
    for text in TEXTS + EDGES:
        low = text.lower()
        for rule, req in zip(RULES, _REQUIRED, strict=True):
            for m in rule.pattern.finditer(text):
                if not any(c in text for c in _ODD_FOLDS):  # "Tueſday" is "Tuesday" to the regex, not to lower()
                    assert req is None or any(k in m.group(0).lower() for k in req), (rule.name, m.group(0))
        matching = {r.name for r in RULES if r.pattern.search(text)}
        assert matching <= {r.name for r in _runnable(text)}, low


def test_odd_case_folds_run_every_rule():
    assert len(_runnable("\u212aelvin")) == len(RULES)


def _found(text: str, windowed: bool) -> list:
    return [(r.name, m.span(), m.regs, m.groupdict()) for r, m in _rule_matches(text, windowed)]


def test_windows_find_what_a_whole_text_scan_finds():
    for text in TEXTS + EDGES:
        assert _found(text, True) == _found(text, False), text


def test_factored_patterns_match_the_same():
    for text in TEXTS + EDGES:
        for r in RULES:
            got = [(m.span(), m.regs) for m in r.scan.finditer(text)]
            assert got == [(m.span(), m.regs) for m in r.pattern.finditer(text)], (r.name, text)


def test_factoring_keeps_the_order_of_alternatives_that_can_both_match():
    p = re.compile(r"(?:an|a|another|b|an?other|x)(?P<t>\w*)", re.IGNORECASE)
    f = factored(p)
    for text in ("another", "An other", "bx", "anx", "aNother x"):
        assert [(m.span(), m.regs) for m in f.finditer(text)] == [(m.span(), m.regs) for m in p.finditer(text)]


_NEWS_WORDS = (
    "the this last next past coming early late mid earlier later ago from now since as of in on at by a an "
    "each every per other year-ago year-end fiscal quarter half H1 H2 Q1 Q4 FY pre post today yesterday "
    "tomorrow tonight morning afternoon evening night noon midnight a.m. p.m. ET GMT o'clock Christmas "
    "Thanksgiving spring summer fall autumn winter weekend decade century twenties nineties currently "
    "recently soon term time that same following previous day before after period the 1990s '90s 2024 "
    "1999 1,000 3.5 12 30 2023-W05 2024-02-10 10:30 12/25/2023 $5 5% said will"
)
_VOCAB = sorted(
    set(MONTHS)
    | {m.capitalize() for m in MONTHS}
    | {m + "." for m in MONTHS}
    | set(WEEKDAYS)
    | {w.capitalize() for w in WEEKDAYS}
    | set(NUMBERS)
    | set(ORDINALS)
    | set(UNITS)
    | {u + "s" for u in UNITS}
    | set(_NEWS_WORDS.split())
)
_SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "-", ", ", ". ", "\n", "\n\n", "\t", "\u2003", " - ", "'s "])


@st.composite
def _news_like(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=40))
    seps = draw(st.lists(_SEPARATORS, min_size=len(words), max_size=len(words)))
    long_gap = draw(st.sampled_from(["", " " * 120, "-" * 80, "\n" * 60]))
    at = draw(st.integers(0, len(words)))
    parts = [w + s for w, s in zip(words, seps, strict=True)]
    return "".join(parts[:at]) + long_gap + "".join(parts[at:])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_news_like())
def test_windows_and_factoring_change_no_match_in_generated_text(text: str):
    assert _found(text, True) == _found(text, False)


_START = r"(?<!\w)(?=[\w'])"


@pytest.mark.parametrize(
    ("pattern", "words", "lead", "after_a_break"),
    [
        # the lead: what can come before the word ("early " / "late "), here a space run's worth more
        (r"(?:early|late)\s+(?:morning|night)", {"morning", "night"}, (6, {r"\-\s": 1}), True),
        # "21st": the word follows a digit, so a word found inside another may start a match
        (r"\d+(?:st|nd|rd|th)", {"st", "nd", "rd", "th"}, (1, {r",\d": 1}), False),
        (r"\d{1,2}\s+days?", {"day", "days"}, (3, {r"\-\s": 1}), True),
        # an optional prefix spelled out: the word starts the match
        (r"(?:mid-?)?(?:march|may)", {"march", "may", "mid-march", "mid-may", "midmarch", "midmay"}, (1, {}), True),
    ],
)
def test_where_a_required_word_can_be(pattern, words, lead, after_a_break):
    assert _required_where(list(parse(_START + f"(?:{pattern})", re.IGNORECASE))) == (
        frozenset(words),
        lead,
        after_a_break,
    )
