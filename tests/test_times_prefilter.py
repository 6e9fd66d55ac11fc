"""The rule pre-filter never drops a rule that matches: every match holds one of its required words."""

from timeline.times import _REQUIRED, _runnable
from timeline.timex.grammar import RULES

TEXTS = [
    "On March 3, 2024, at 10 p.m. ET the board met; two weeks later, in the first quarter of 2025, it sold.",
    "Every Monday morning since the 1990s, sales rose 5% a year ago; the year-ago period, Q3 '23, H1 2022.",
    "Christmas Eve, Thanksgiving, the twenties, nineteen eighty-four, at the time, in the near term, daily.",
    "The 21st century began; early last week, the following day, that same year, the weekend, mid-morning today.",
    "In the fiscal year ended June 30, over the coming months, these days, recently, 2023-W05, 12/25/2023.",
]


def test_every_match_holds_a_required_word():
    for text in TEXTS:
        low = text.lower()
        for rule, req in zip(RULES, _REQUIRED, strict=True):
            for m in rule.pattern.finditer(text):
                assert req is None or any(k in m.group(0).lower() for k in req), (rule.name, m.group(0))
        matching = {r.name for r in RULES if r.pattern.search(text)}
        assert matching <= {r.name for r in _runnable(text)}, low


def test_odd_case_folds_run_every_rule():
    assert len(_runnable("\u212aelvin")) == len(RULES)
