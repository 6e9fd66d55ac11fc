"""Recognition and normalisation rules: regex patterns over the document text.

Each rule is a compiled pattern and a handler that reads the match into a
:class:`~timeline.timex.resolve.Parsed` (or refuses it: a handler returning None drops
the match). Patterns are compiled once at import; they run on the raw text, and
handlers consult the spaCy tokens (part of speech, entities) only to refuse look-alikes
("2000 people", "Copyright 2024"). The extent of a match is its group ``x`` when the
pattern has one (context words outside the extent), else the whole match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _sre  # type: ignore[attr-defined]
from re._compiler import compile as _sre_compile  # type: ignore[import-not-found]
from typing import TYPE_CHECKING

from timeline.model import TimexType

from .lexicon import (
    HOLIDAYS,
    MONTH_NAMES,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alt,
    number_value,
)
from .resolve import Parsed, feast_day, holiday_weekend
from .tense import clause_tense

if TYPE_CHECKING:
    from .context import Context

D, T, DUR, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET

# --- fragments ----------------------------------------------------------------------------

MON = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![A-Za-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?=\s\d))"
)
#: a month's abbreviation between hyphens ("14-Mar-2024")
MON_ABBR = r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?<![\d$€£#.,])(?:1[0-9]\d\d|20\d\d)(?![\d%]|[,.]\d)"
WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
TOD = r"(?:morning|afternoon|evening|night|overnight)"
NUMW = alt(
    [k for k in NUMBERS if k not in ("a", "an")]
    + [
        f"{t}-{u}"
        for t in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
        for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    ]
    + [
        f"{t} {u}"
        for t in ("twenty", "thirty", "forty", "fifty")
        for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    ]
)
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2|½|\s+(?:thousand|million|billion)(?![\w-]))?"
    rf"|{NUMW}|{alt(VAGUE_NUMBERS)}|an?)"
)
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))"
ORDW = alt(k for k in ORDINALS if k not in ("last",))
YMOD = (
    r"(?:early|late|mid|(?:end|start)(?=-)"
    r"|the\s+(?:end|beginning|start|middle|close|first\s+half|second\s+half|rest|remainder)\s+of)"
)

_MODS = {
    "early": "START",
    "late": "END",
    "mid": "MID",
    "end": "END",
    "beginning": "START",
    "start": "START",
    "middle": "MID",
    "close": "END",
    "first half": "START",
    "second half": "END",
    "rest": "",
    "remainder": "",
}


def _mod(text: str | None) -> str:
    if not text:
        return ""
    t = " ".join(text.lower().replace("-", " ").split())
    t = t.removeprefix("the ").removesuffix(" of").strip()
    return _MODS.get(t, "")


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _short_year(text: str) -> str:
    """ "'45" → "1945", "'08" → "2008" (the next three decades are this century's); a full year as it is."""
    if text[0] not in "'’":
        return text
    yy = int(text[1:])
    return f"{2000 + yy if yy <= 30 else 1900 + yy:04d}"


def _wd(text: str) -> int:
    return WEEKDAYS[text.lower()]


def _tod(text: str | None) -> str:
    return f"T{PARTS_OF_DAY[text.lower()]}" if text else ""


#: a part of the holiday ("Christmas morning", "Thanksgiving night"): the day's part, as "Saturday night" is
_HOLIDAY_TOD = r"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?![\w-])"


def _tod_desc(m: re.Match[str]) -> str:
    return f" {m['tod'].lower()}" if m["tod"] else ""


def _year(text: str) -> int:
    return int(text)


# --- factored alternations ---------------------------------------------------------------------
#
# The regex engine tries the branches of an alternation one by one, and a case-insensitive letter
# gives it no cheap way to skip a branch: ``(?:one|two|three|...)`` costs every branch at every
# word. Branches that open with different letters can never both match at one place, so grouping
# them by their first letter (keeping the order within a group and never moving a branch past one
# that opens otherwise) and factoring the letter out changes no match: ``o(?:ne)|t(?:wo|hree)``.


def _opening(branch: _sre.SubPattern) -> str | None:
    """The letter a branch opens with (lower case: one class under IGNORECASE), or None."""
    if branch.data and branch.data[0][0] is _C.LITERAL and 32 < branch.data[0][1] < 127:
        return chr(branch.data[0][1]).lower()
    return None


def _factor_branches(branches: list) -> list:
    out: list = []
    i = 0
    while i < len(branches):
        if _opening(branches[i]) is None:
            out.append(branches[i])
            i += 1
            continue
        j = i
        while j < len(branches) and _opening(branches[j]) is not None:
            j += 1
        groups: dict[str, list] = {}
        for b in branches[i:j]:
            groups.setdefault(_opening(b), []).append(b)
        for members in groups.values():
            head = members[0].data[0]
            if len(members) == 1 or any(m.data[0] != head for m in members):
                out.extend(members)
                continue
            rest = _factor_branches([_sre.SubPattern(m.state, m.data[1:]) for m in members])
            out.append(_sre.SubPattern(members[0].state, [head, (_C.BRANCH, (None, rest))]))
        i = j
    return out


def _factor(p: _sre.SubPattern) -> _sre.SubPattern:
    """``p`` with every alternation factored by first letter (see above)."""
    data = []
    for op, av in p.data:
        if op is _C.BRANCH:
            av = (av[0], _factor_branches([_factor(b) for b in av[1]]))
        elif op is _C.SUBPATTERN:
            av = (*av[:3], _factor(av[3]))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            av = (av[0], av[1], _factor(av[2]))
        elif op is _C.ATOMIC_GROUP:
            av = _factor(av)
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            av = (av[0], _factor(av[1]))
        data.append((op, av))
    return _sre.SubPattern(p.state, data)


def gate(pattern: re.Pattern[str], tree: _sre.SubPattern, places: int) -> re.Pattern[str] | None:
    """``pattern`` (``tree``: its parse) as a look-ahead after up to ``places`` characters, factored:
    its match ends where, of the ``places + 1`` places it starts from, the first one a match of
    ``pattern`` starts at is (None where this Python's regex internals differ)."""
    try:
        anything = [(_C.IN, [(_C.CATEGORY, _C.CATEGORY_SPACE), (_C.CATEGORY, _C.CATEGORY_NOT_SPACE)])]
        skip = (_C.MIN_REPEAT, (0, places, _sre.SubPattern(tree.state, anything)))
        body = (_C.ASSERT, (1, _factor(tree)))
        return _sre_compile(_sre.SubPattern(tree.state, [skip, body]), pattern.flags)
    except Exception:  # pragma: no cover
        return None


def factored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern, its alternations factored: the same matches, found faster (or ``pattern``
    itself where this Python's regex internals differ)."""
    try:
        return _sre_compile(_factor(_sre.parse(pattern.pattern, pattern.flags)), pattern.flags)
    except Exception:  # pragma: no cover - another Python's internals: the plain pattern is as right
        return pattern


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Callable[[re.Match[str], Context], Parsed | None]
    priority: int = 0  # breaks ties between overlapping matches of equal length
    #: ``pattern`` with its alternations factored: what the tagger runs (same matches, same groups)
    scan: re.Pattern[str] | None = None


RULES: list[Rule] = []


def rule(name: str, pattern: str, priority: int = 0, flags: int = re.IGNORECASE):
    def deco(fn: Callable[[re.Match[str], Context], Parsed | None]):
        # every expression starts a word: the look-behind lets the engine skip mid-word positions fast
        compiled = re.compile(rf"(?<!\w)(?=[\w'])(?:{pattern})", flags)
        RULES.append(Rule(name, compiled, fn, priority, factored(compiled)))
        return fn

    return deco


def _abs(typ: TimexType, value: str, desc: str, mod: str = "") -> Parsed:
    return Parsed(typ, "abs", value=value, mod=mod, desc=desc)


# --- calendar dates -----------------------------------------------------------------------


@rule(
    "iso",
    r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<sec>\d{2}))?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])",
    5,
)
def _iso(m: re.Match[str], ctx: Context) -> Parsed | None:
    mo, d = int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    value = f"{m['y']}-{m['m']}-{m['d']}"
    if m["h"]:
        sec = f":{m['sec']}" if m["sec"] and m["sec"] != "00" else ""
        return _abs(T, f"{value}T{m['h']}:{m['mi']}{sec}", "ISO date and time")
    return _abs(D, value, "ISO date")


@rule("isoweek", r"(?<![\w-])(?P<y>\d{4})-W(?P<w>\d{2})(?:-(?P<d>[1-7]))?(?![\w-])", 5, 0)
def _isoweek(m: re.Match[str], ctx: Context) -> Parsed | None:
    if not 1 <= int(m["w"]) <= 53:
        return None
    return _abs(D, m.group(0), "ISO week")


@rule("slash", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", 4)
def _slash(m: re.Match[str], ctx: Context) -> Parsed | None:
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"]) if len(m["y"]) == 4 else 1900 + int(m["y"]) + (100 if int(m["y"]) < 50 else 0)
    month, day = (a, b) if a <= 12 else (b, a)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _abs(D, f"{y:04d}-{month:02d}-{day:02d}", "numeric date (month/day/year)")


@rule("slash_md", r"(?<![\d/.])(?P<a>1[0-2]|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])(?![\d/]|\.\d|\s+of\b)", 2)
def _slash_md(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "on 3/14": a month and day in figures, US order, told from a fraction by the "on" that leads it; its year
    is read from the tense as for "on March 14". "9/11" names the attacks, not a day of this year."""
    if ctx.word_before(m.start()) not in ("on", "since", "until", "through", "before", "after"):
        return None
    month, day = int(m["a"]), int(m["b"])
    if (month, day) == (9, 11) or day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    return Parsed(D, "md", (str(month), str(day)), desc=f"{MONTH_NAMES[month]} {day}")


@rule("ymd_slash", r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\d/])", 4)
def _ymd_slash(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "2024/03/14": year first, as East Asian and some European papers write a date."""
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _abs(D, day.isoformat(), "numeric date (year/month/day)")


@rule("d_mon_y", rf"(?<![\w-])(?P<d>[0-3]?\d)-(?P<mon>{MON_ABBR})-(?P<y>(?:19|20)\d\d|\d\d)(?![\w-])", 4)
def _d_mon_y(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "14-Mar-2024", "1-Jan-24": a date as records and spreadsheets write it."""
    y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    try:
        day = dt.date(y, _month(m["mon"]), int(m["d"]))
    except ValueError:
        return None
    return _abs(D, day.isoformat(), "numeric date (day-month-year)")


@rule("analyst_period", r"(?<![\w-])(?P<n>[1-4])(?P<k>Q|H)(?P<yy>\d\d)(?![\w-])", 3, 0)
def _analyst_period(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "1Q24", "2H23": a quarter or half-year in analysts' shorthand."""
    if m["k"] == "H" and m["n"] not in "12":
        return None
    return _abs(D, f"20{m['yy']}-{m['k']}{m['n']}", f"{'quarter' if m['k'] == 'Q' else 'half'} {m['n']} of 20{m['yy']}")


#: what may follow "on the 14th" when it is a day of the month ("on the 14th.", "on the 14th and 15th")
_DOM_AFTER = re.compile(r"\s*(?:[,.;:)!?\"”]|$)|\s+(?:and|or|to|at|when|but|in|of\s+(?:this|last|next|the)\s+month)\b")


#: "1st" ... "31st", spelt out so that a text is searched for them, not for every "the"
_ORDINAL_DAYS = "|".join(
    sorted(
        (f"{d}{'th' if 11 <= d <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}" for d in range(1, 32)),
        key=lambda w: (-len(w), w),
    )
)


# "(?=the\s)\w{3}" reads "the" without making it the word the text is searched for
@rule("day_of_month", rf"(?P<x>(?=the\s)\w{{3}}\s+(?P<d>{_ORDINAL_DAYS}))(?![\w-])", 1)
def _day_of_month(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "The strike ended on the 5th": a day of the month the story is at (publication's when it gave no date), by
    a preposition of time before it and nothing it qualifies after it ("on the 14th floor" is not a day)."""
    if ctx.word_before(m.start()) not in ("on", "until", "till", "by", "before", "after", "since", "from", "through"):
        return None
    if not _DOM_AFTER.match(ctx.text, m.end()):
        return None
    day = re.match(r"\d+", m["d"]).group(0)
    return Parsed(D, "dom", (day,), desc=f"{' '.join(m['x'].lower().split())} of the month", ref="story")


#: the words after which "'98" is a year
_SHORT_YEAR_LEADS = frozenset(
    {"in", "of", "since", "until", "by", "from", "before", "after", "during", "and", "to", "class"}
)


@rule("short_year", r"'(?P<yy>[0-9]\d)(?![\w'’%])", 1)  # a curly apostrophe cannot open a match
def _short_year_rule(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "founded in '98", "the class of '92": a year by its last two digits after a word that leads a year."""
    if ctx.word_before(m.start()) not in _SHORT_YEAR_LEADS:
        return None
    year = _short_year(m.group(0))
    return _abs(D, year, f"the year {year}, by two digits")


@rule("as_many", rf"as\s{{1,3}}many\s+(?P<u>{UNIT})s(?![\w-])", 2)
def _as_many(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "the second trip in as many weeks": as many units as the count the sentence gave before it, its last number
    or ordinal (P2W)."""
    text = ctx.text[max(0, m.start() - 80) : m.start()]
    n = None
    for w in re.findall(r"(?<![\w-])(\d{1,3}|[a-z]+)(?![\w-])", text[text.rfind(".") + 1 :], re.I):
        w = w.lower()
        if w in ORDINALS and w not in ("last", "first"):
            n = ORDINALS[w]
        elif w in NUMBERS and w not in ("a", "an", "one", "half"):
            n = NUMBERS[w]
        elif w.isdigit():
            n = int(w)
    if n is None:
        return None
    u = _unit_word(m["u"])
    return _abs(DUR, _duration(n, UNITS[u], u), f"as many {u}s as the {n} the sentence counted")


_VERSION_WORDS = frozenset({"version", "v", "release", "build", "firmware", "update", "patch"})


@rule("dotted", r"(?<![\d.,])(?P<a>[0-3]?\d)\.(?P<b>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d]|\.\d)", 4)
def _dotted(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "15.03.2024": a date written with dots, day first as in Europe (month first only when the second
    number cannot be a month: "3.15.2024")."""
    if ctx.word_before(m.start()) in _VERSION_WORDS:
        return None  # "version 2.1.2024": a release's number
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if b <= 12 else (b, a)
    try:
        dt.date(int(m["y"]), month, day)
    except ValueError:
        return None
    return _abs(D, f"{m['y']}-{month:02d}-{day:02d}", "numeric date (day.month.year)")


_DATE_TAIL = rf"(?:,?\s+(?P<year>{YEAR}))?(?:\s+(?:at\s+)?(?P<tod>{TOD}))?"


def _md(m: re.Match[str], ctx: Context) -> Parsed | None:
    month, day = _month(m["mon"]), int(re.match(r"\d+", m["day"]).group(0))
    if not 1 <= day <= 31:
        return None
    if m["mon"].lower() == "may" and not m["year"] and ctx.word_before(m.start()) in ("will", "you", "i", "we", "they"):
        return None
    tod = _tod(m["tod"])
    typ = T if tod else D
    desc = f"{MONTH_NAMES[month]} {day}"
    if m["year"]:
        return _abs(typ, f"{m['year']}-{month:02d}-{day:02d}{tod}", f"{desc} {m['year']}, stated")
    if ctx.after_since(m.start()):
        return Parsed(typ, "md", (str(month), str(day), "since"), tod=tod, desc=f"since {desc} (no year)")
    if ctx.after_as_of(m.start()):
        return Parsed(typ, "md", (str(month), str(day), "asof"), tod=tod, desc=f"as of {desc} (no year)")
    return Parsed(typ, "md", (str(month), str(day)), tod=tod, desc=f"{desc} (no year)")


#: a weekday before a calendar date, spelled or abbreviated as web pages' datelines do ("Thu March 21, 2013")
_WDPRE = rf"(?:(?:{WD}|(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),?\s+)"
rule("month_day", rf"{_WDPRE}?(?P<mon>{MON})\s+(?:the\s+)?(?P<day>{DAYNUM}){_DATE_TAIL}", 3)(_md)
rule("day_month", rf"{_WDPRE}?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MON}){_DATE_TAIL}", 3)(_md)


@rule(
    "md_coordinated",
    rf"(?P<mon>{MON})\s+(?P<first>{DAYNUM})(?:\s*,\s*{DAYNUM})*,?\s+(?:and|or|&)\s+(?P<x>{DAYNUM})"
    rf"(?![\w-]|\s*(?:%|percent|{UNIT}))(?:,?\s+(?P<year>{YEAR}))?",
    3,
)
def _md_coordinated(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "April 24 and 25", "Feb. 2, 3 and 5": the last day of a list takes the month named before it."""
    month, day = _month(m["mon"]), int(re.match(r"\d+", m["x"]).group(0))
    if not 1 <= day <= 31 or day <= int(re.match(r"\d+", m["first"]).group(0)):
        return None  # a list of days runs forward; "March 3 and 2 others" is no date
    desc = f"{MONTH_NAMES[month]} {day}, after {m['mon']} {m['first']}"
    if m["year"]:
        return _abs(D, f"{m['year']}-{month:02d}-{day:02d}", f"{desc} {m['year']}, stated")
    return Parsed(D, "md", (str(month), str(day)), desc=f"{desc} (no year)")


@rule("month_year", rf"(?:(?P<mod>{YMOD})\s*-?\s*)?(?P<mon>{MON}),?\s+(?:of\s+)?(?P<year>{YEAR})", 3)
def _month_year(m: re.Match[str], ctx: Context) -> Parsed | None:
    month = _month(m["mon"])
    return _abs(D, f"{m['year']}-{month:02d}", f"{MONTH_NAMES[month]} {m['year']}, stated", _mod(m["mod"]))


@rule(
    "month_coordinated",
    rf"(?<![\w-])(?P<x>(?P<mon>{MON}))\s*(?:and|or|to|through|till|until|&|-|–)\s*(?P<mon2>{MON}),?\s+(?P<year>{YEAR})",
    3,
)
def _month_coordinated(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "between March and May 2019", "from June to August 2020", "March-May 2019": the first month takes the year
    written after the second, when it comes before it in the year (else the year before: "December to February
    2021" opens in December 2020)."""
    month, month2, year = _month(m["mon"]), _month(m["mon2"]), int(m["year"])
    if month == month2:
        return None
    y = year if month < month2 else year - 1
    return _abs(D, f"{y:04d}-{month:02d}", f"{MONTH_NAMES[month]}, before {MONTH_NAMES[month2]} {year}, stated")


#: "as early as", "as soon as", "as late as" before a month: a time is named ("as early as March")
_AS_EARLY_AS = re.compile(r"(?<![\w-])as\s+(?:early|soon|late)\s+as\s+$", re.IGNORECASE)


@rule(
    "month",
    rf"(?:(?P<det>last|next|this|(?:{YMOD}))\s*-?\s*)?(?P<mon>{MON})(?!\s+\d)(?:\s+(?P<ly>this|last|next)\s+year)?",
    2,
)
def _month_only(m: re.Match[str], ctx: Context) -> Parsed | None:
    month = _month(m["mon"])
    det = (m["det"] or "").lower()
    word = m["mon"].lower().rstrip(".")
    if not det and not m["ly"]:
        before = ctx.word_before(m.start())
        prenominal = (
            word == "march"
            and (before in ("the", "its", "their", "his", "her") or before.endswith(("'s", "’s")))
            and bool(re.match(r" [a-z]+\b(?<!\bof)", ctx.text[m.end() : m.end() + 20]))
        )  # "the March accession", "Russia's March offensive": the month qualifying an event (May: a name too)
        if (
            word in ("may", "march")
            and not prenominal
            and before
            not in (
                "in",
                "of",
                "since",
                "until",
                "till",
                "by",
                "from",
                "to",
                "through",
                "during",
                "before",
                "after",
                "early",
                "late",
                "mid",
                "and",
                "or",
            )
            and not _AS_EARLY_AS.search(ctx.text, max(0, m.start() - 20), m.start())
        ):
            return None
        nxt = ctx.text[m.end() : m.end() + 2]
        if (
            nxt.startswith(" ")
            and ctx.text[m.end() + 1 : m.end() + 2].isupper()
            and word in ("may", "march", "june", "august")
        ):
            return None  # a name: "June Carter", "August Wilson"
    mod = _mod(det) if det not in ("last", "next", "this") else ""
    desc = MONTH_NAMES[month]
    if m["ly"]:
        off = {"this": 0, "last": -1, "next": 1}[m["ly"].lower()]
        return Parsed(D, "mon", (str(month), str(off)), mod=mod, desc=f"{desc} {m['ly'].lower()} year")
    if det == "last":
        return Parsed(D, "mon", (str(month), "last"), mod=mod, desc=f"last {desc}")
    if det == "next":
        return Parsed(D, "mon", (str(month), "next"), mod=mod, desc=f"next {desc}")
    if det == "this":
        return Parsed(D, "mon", (str(month), "0"), mod=mod, desc=f"this {desc}")
    if ctx.after_since(m.start()):
        return Parsed(D, "mon", (str(month), "since"), mod=mod, desc=f"since {desc}")
    if ctx.after_as_of(m.start()):
        return Parsed(D, "mon", (str(month), "asof"), mod=mod, desc=f"as of {desc}")
    return Parsed(D, "mon", (str(month),), mod=mod, desc=desc)


#: nouns that number things ("Resolution 1973", "Flight 2013", "Section 1983", "Windows 2000")
_NUMBERED = re.compile(
    r"(?<![\w-])(?:resolution|flight|section|article|interstate|highway|route|room|suite|windows|office|apollo"
    r"|boeing|airbus|model|chapter|rule|unit|number|no\.|bus|channel|gate|platform|track|exit|form|title|bill"
    r"|paragraph|clause|amendment|item|code|lot|line|vol\.|volume|page|p\.)\s+$",
    re.IGNORECASE,
)
#: a short group of digits joined to a number that follows it ("555-" in "1-800-555-2013", "20 7946 ")
_DIGIT_GROUPS = re.compile(r"(?:(?<![\d,.])\d{1,3}-|\d\s\d{3,4}\s)$")
#: a street after a house number ("2020 Main Street", "1600 Pennsylvania Avenue")
_STREET = re.compile(
    r"(?:\s+[A-Z][a-z]+){1,3}\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Way|Place)\b"
)
#: what follows a four-digit 24-hour clock time ("1600 GMT", "0730 hours", "2100 local time")
#: time zones written after a clock time, upper case only ("15:00 JST", "9.15am IST")
ZONES = (
    r"(?-i:GMT|UTC|[ECMP][SD]T|BST|CES?T|EES?T|WES?T|MSK|IST|JST|KST|HKT|SGT|PHT|WIB|PKT|SAST|WAT|EAT|CAT"
    r"|A[ECW][SD]T|NZ[SD]T)"
)
_CLOCK_ZONE = re.compile(rf"\s*(?:{ZONES}|hours?|hrs|local\s+time)\b", re.IGNORECASE)


@rule(
    "year",
    rf"(?:(?P<mod>{YMOD}|(?:the\s+)?(?:fiscal|financial|calendar|school|academic|model)(?:\s+year)?|the\s+year|FY|fiscal\s+year|pre|post)\s*-?\s*)?(?P<year>{YEAR})(?P<fy>'s)?",
    1,
)
def _year_rule(m: re.Match[str], ctx: Context) -> Parsed | None:
    year = _year(m["year"])
    pre = (m["mod"] or "").lower()
    if not pre and not ctx.plausible_year(m.start("year"), m.end("year"), year):
        return None
    if ctx.is_credit(m.start()):
        return None
    if not pre and _DIGIT_GROUPS.search(ctx.text, max(0, m.start() - 8), m.start()):
        return None  # "1-800-555-2013", "+44 20 7946 2013": the last group of a phone number, not a year
    if not pre and _CLOCK_ZONE.match(ctx.text, m.end("year")):
        return None  # "(1600 GMT)", "at 0730 hours": a 24-hour clock time, not a year
    if not pre and (_NUMBERED.search(ctx.text, max(0, m.start() - 16), m.start()) or _STREET.match(ctx.text, m.end())):
        return None  # "Resolution 1973", "Flight 2013", "Windows 2000", "2020 Main Street": a number, not a year
    if pre in ("pre", "post") and ctx.text[m.end("mod") : m.end("mod") + 1] != "-":
        return None  # "pre-2008 rules", "post-1959 politics", never "post 2000"
    if re.fullmatch(r"the\s+(?:fiscal|financial|calendar|school|academic|model)", pre):
        ctx.cut = m.start() + 4  # "the fiscal 2014 budget": "the" is the budget's; "fiscal 2014" the year
    mod = _mod(pre)
    desc = f"the year {year}, stated" + (f" ({' '.join(pre.split())}: {mod})" if mod else "")
    return _abs(D, f"{year:04d}", desc, mod)


#: the years of a life in brackets: "(1685–1750)"; the first is read with what follows it, the second with what
#: goes before it
_LIFE_TO = re.compile(r"\s*[-–]\s*(1[0-9]\d\d|20\d\d)\)")
_LIFE_FROM = re.compile(r"\((1[0-9]\d\d)\s*[-–]\s*$")


@rule("life_years", r"(?<=[(–-])(?P<x>1[0-9]\d\d|20\d\d)(?=\s*[-–)])", 2)
def _life_years(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Johann Sebastian Bach (1685–1750)": the years of a life in brackets, whatever their century (a bare
    number before 1900 is read as a year only where a date is plain)."""
    if to := _LIFE_TO.match(ctx.text, m.end()):
        if ctx.text[m.start() - 1] != "(":
            return None
        a, b = int(m["x"]), int(to.group(1))
    elif frm := _LIFE_FROM.search(ctx.text, max(0, m.start() - 12), m.start()):
        if ctx.text[m.end() : m.end() + 1] != ")":
            return None
        a, b = int(frm.group(1)), int(m["x"])
    else:
        return None
    if not a < b <= a + 120:
        return None
    return _abs(D, m["x"], f"the year {m['x']}, stated (a life's years)")


@rule("fy_short", r"FY\s?'?(?P<yy>\d\d)(?![\d/:.-]\d|\d)", 2, 0)
def _fy_short(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "FY25", "FY '24": a fiscal year by its last two digits (a company's fiscal year is named by the calendar
    year it ends in, as "fiscal 2025" is)."""
    yy = int(m["yy"])
    year = 2000 + yy if yy < 50 else 1900 + yy
    return _abs(D, f"{year:04d}", f"fiscal year {year}, stated")


@rule("decade", r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]*)?(?:(?P<c>1\d|20)|')(?P<d>\d)0'?s(?![a-z])", 2)
def _decade(m: re.Match[str], ctx: Context) -> Parsed | None:
    century = m["c"] or ("19" if int(m["d"]) >= 3 else "20")
    if m["c"] and m["d"] == "0" and century != "20":  # "the late 1800s": the hundred years, not their first ten
        return _abs(D, century, f"the {century}00s: a century", _mod(m["mod"]))
    return _abs(D, f"{century}{m['d']}", f"the {century}{m['d']}0s", _mod(m["mod"]))


#: words of a sentence where "the 70s" is a reading on a scale (heat, a poll, a price, a speed), not a decade
_SCALE_WORDS = (
    "degree",
    "°",
    "temperature",
    "high",
    "low",
    "fahrenheit",
    "celsius",
    "weather",
    "forecast",
    "%",
    "percent",
    "per cent",
    "poll",
    "approval",
    "rating",
    "score",
    "$",
    "price",
    "mph",
    "speed",
    "age",
    "aged",
)


@rule("bare_decade", r"(?<![\w'’-])(?P<the>the\s+)?(?:(?P<mod>early|late|mid)[\s-]*)?(?P<d>[3-9])0s(?![\w'’-])", 1)
def _bare_decade(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Through the 60s and 70s he designed schools", "in the mid-80s": a decade of the last century written
    without its century or apostrophe, as obituaries and features write it. Not where the sentence reads a scale
    ("highs in the 70s", "approval in the 40s"; "people in their 60s" has no "the")."""
    if not m["the"] or ctx.sentence_mentions(m.start(), _SCALE_WORDS):
        return None  # ("the" is optional in the pattern only so that a text is searched for "0s", not for "the")
    return _abs(D, f"19{m['d']}", f"the 19{m['d']}0s", _mod(m["mod"]))


@rule(
    "bare_decade_coordinated",
    r"(?<![\w'’-])(?P<the>the\s+)?(?:(?:early|late|mid)[\s-]*)?[3-9]0s\s+(?:and|or|to|through|into)\s+(?:the\s+)?"
    r"(?P<x>(?:(?P<mod>early|late|mid)[\s-]*)?(?P<d>[3-9])0s)(?![\w'’-])",
    1,
)
def _bare_decade_coordinated(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "the 60s and 70s", "the late 60s and early 70s": the second decade, read as the first is."""
    return _bare_decade(m, ctx)


@rule(
    "century",
    rf"(?:the\s+)?(?:(?P<mod>early|late|mid|(?:the\s+)?(?:first|second)\s+half\s+of(?:\s+the)?)[\s-]*)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDW})[\s-]+century",
    2,
)
def _century(m: re.Match[str], ctx: Context) -> Parsed | None:
    o = m["ord"].lower()
    if m.group(0).lower().startswith("the") and re.match(r"-century\s+[a-z]", ctx.text[m.end() - 8 : m.end() + 3]):
        ctx.cut = m.start() + 4  # "the 19th-century house": "the" is the house's; "19th-century" the time
    n = ORDINALS.get(o) or int(re.match(r"\d+", o).group(0))
    return _abs(D, f"{n - 1:02d}", f"the {o} century", _mod(re.sub(r"(?i)\s+the$", "", m["mod"] or "")))


# --- days relative to publication ---------------------------------------------------------

_DEICTIC = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


@rule(
    "deictic",
    rf"(?:(?P<mod>early|late)\s+)?(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<tod>{TOD}))?(?![\w-])",
    2,
)
def _deictic(m: re.Match[str], ctx: Context) -> Parsed | None:
    w = " ".join(m["w"].lower().split())
    if w in ("today", "tomorrow") and not m["mod"] and not m["tod"] and _generic_day(m, ctx):
        return None
    if w == "today" and not m["mod"] and not m["tod"] and _today_against_then(m, ctx):
        return _abs(D, "PRESENT_REF", "today, set against a time gone by: our times")
    tod = "TNI" if w == "tonight" else _tod(m["tod"])
    return Parsed(T if tod else D, "day", (str(_DEICTIC[w]),), tod=tod, mod=_mod(m["mod"]), desc=w)


#: what "today's" or "of tomorrow" qualifies when it means our times, not a day: "today's youth", "in today's
#: world", "the chips of many of today's personal computers", "the people of tomorrow"
_GENERIC_NOUNS = frozenset(
    {"world", "youth", "society", "children", "kids", "generation", "generations", "young", "teenagers", "families"}
    | {"people", "leaders", "workers", "computers", "technology", "cars", "jobs", "economy", "culture", "standards"}
    | {"dollars", "terms", "workplace", "cities", "schools", "students", "army", "military", "media", "politics"}
)
_GENERIC_AFTER = re.compile(r"['’]s((?:\s+[a-z]+){1,3})")
_GENERIC_STOP = frozenset({"of", "in", "by", "for", "to", "and", "at", "on", "with", "from", "was", "is", "will"})
_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s+$")


#: a time gone by that "today" is set against in its sentence ("from 40% in 2009 to 5% today", "in the 1990s ...
#: harder to come by today"): a year, a decade, "years ago", "once", "used to"
_THEN = re.compile(
    r"(?<![\w$€£#.,-])(?:1[5-9]\d\d|20\d\d)(?![\d%]|[,.]\d)|\b(?:1\d|20)?\d0['’]?s\b|\b(?:decades|centuries)\s+ago\b"
    r"|\b(?:once|used\s+to|back\s+then|in\s+the\s+past|at\s+the\s+time)\b",
    re.IGNORECASE,
)
#: words that count the time from then to the day ("the 50th anniversary", "ten years after", "years ago today")
_COUNTED_TO_TODAY = ("anniversary", "years after", "years since", "years on", "years ago", "marks", "mark the")
_FROM_THEN_TO = re.compile(r"\bfrom\b[^;]*?(?:1[5-9]\d\d|20\d\d|\d0['’]?s)\b[^;]*\bto\b[^;]{0,40}$", re.IGNORECASE)
_SENTENCE_BEFORE = re.compile(r"(?:[.!?]\s+|\n)(?=[^.!?\n]*$)")


def _today_against_then(m: re.Match[str], ctx: Context) -> bool:
    """Is "today" our times rather than the day of publication ("market share has fallen from 40% in 2009 to
    less than 5% today")? So when its sentence sets it against a time gone by before it and its clause is not
    in the past ("said today" is the day, whatever the sentence dates)."""
    lo = max(0, m.start() - 300)
    cut = _SENTENCE_BEFORE.search(ctx.text, lo, m.start())
    start = cut.end() if cut else lo
    then = _THEN.search(ctx.text, start, m.start())
    if not then:
        return False
    if ctx.sentence_mentions(m.start(), _COUNTED_TO_TODAY):
        return False  # "Fifty years after the 1963 march, crowds gather today": the day, counted from then
    if _FROM_THEN_TO.search(ctx.text[start : m.start()]):
        return True  # "from 40% in 2009 to less than 5% today": a change told from then to now
    return clause_tense(ctx.doc, m.start("w"), m.end("w")) not in ("past", "future")


def _generic_day(m: re.Match[str], ctx: Context) -> bool:
    """Is "today's" / "of tomorrow" here our times in general ("today's youth"), not the day of publication?"""
    after = _GENERIC_AFTER.match(ctx.text, m.end("w"), m.end("w") + 40)
    if after:
        for word in after.group(1).split():
            if word in _GENERIC_STOP:
                break
            if word in _GENERIC_NOUNS:
                return True
        return False
    noun = _NOUN_OF.search(ctx.text[max(0, m.start() - 30) : m.start()].lower())
    return noun is not None and noun.group(1) in _GENERIC_NOUNS


@rule(
    "this_tod",
    r"(?:(?P<mod>early|late)\s+)?(?P<det>this|last|yesterday|tomorrow)\s+(?P<tod>morning|afternoon|evening|night)",
    3,
)
def _this_tod(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "this morning", "last night", and with their modifier "late last night", "early this morning" (as
    "late Tuesday" keeps its word)."""
    det = m["det"].lower()
    n = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[det]
    if det == "last" and m["tod"].lower() != "night":
        n = -1
    desc = " ".join(m.group(0).lower().split())
    return Parsed(T, "day", (str(n),), tod=_tod(m["tod"]), mod=_mod(m["mod"]), desc=desc)


#: a weekday ending a range that another weekday opens ("Monday through Friday", "late Thursday into Friday"): the
#: first such day on or after the one that opens it, whatever the clause's tense
_RANGE_FROM_DAY = re.compile(
    rf"(?<![\w-]){WD}(?:\s+{TOD})?\s*(?:through|thru|to|until|till|into|-|–)\s*$", re.IGNORECASE
)

#: words of habit before a weekday that make it a recurring slot ("a regular Thursday-night spot")
_HABITUAL = frozenset({"regular", "usual", "weekly", "traditional", "customary", "habitual", "standing"})


@rule(
    "weekday",
    rf"(?:(?P<det>last|next|this\s+past|this\s+coming|this|early(?:\s+on)?|late(?:\s+on)?|later|earlier|(?:on\s+)?(?:each|every(?:\s+other)?)|the\s+(?:previous|preceding|following))\s+)?(?P<wd>{WD})(?P<pl>s)?(?:(?:\s+|(?P<hy>-))(?P<tod>{TOD})(?P<tpl>s)?)?(?![a-z])",
    2,
)
def _weekday(m: re.Match[str], ctx: Context) -> Parsed | None:
    """A weekday, its part of day, and a set when it recurs: "every (other) Friday", "on Sundays", and a slot
    a word of habit qualifies ("a regular Thursday-night spot", "the usual Friday prayers")."""
    wd = _wd(m["wd"])
    det = " ".join((m["det"] or "").lower().split()).removesuffix(" on")  # "late on Tuesday": "late Tuesday"
    tod = _tod(m["tod"])
    name = WEEKDAY_NAMES[wd]
    habit = not det and ctx.word_before(m.start()) in _HABITUAL
    if m["pl"] or m["tpl"] or "each" in det or "every" in det or habit:
        return _abs(SET, f"XXXX-WXX-{wd}{tod}", f"every {'other ' if 'other' in det else ''}{name}")
    # "the previous Friday": the one before the day the story is at (publication when it gave none)
    d = {"this past": "last", "this coming": "next", "the previous": "last", "the preceding": "last"}.get(det, det)
    d = "next" if d == "the following" else d
    mod = _mod(det) if det in ("early", "late") else ""
    if det in ("later", "earlier"):
        # "later Thursday" is that day or one ahead, "earlier Thursday" that day or one behind, whatever the tense
        # ("Later Thursday, the president will speak", in Thursday's paper: today); TimeML leaves the word out
        ctx.cut = m.start("wd")
        d = det
    args = (str(wd), d) if d in ("last", "next", "this", "later", "earlier") else (str(wd),)
    return Parsed(
        T if tod else D,
        "wd",
        args,
        tod=tod,
        mod=mod,
        desc=f"{(det + ' ') if det else ''}{name}{(' ' + m['tod'].lower()) if m['tod'] else ''}",
        ref="story"
        if det.startswith("the ") or (not det and _RANGE_FROM_DAY.search(ctx.text, max(0, m.start() - 40), m.start()))
        else "",
    )


@rule(
    "weekday_week",
    rf"(?:(?P<n>a|one|two|three)\s+weeks?\s+(?P<dir>from|on|ago)\s+(?:this\s+|next\s+|last\s+)?(?P<wd>{WD})"
    rf"|(?P<wd2>{WD})\s+week)(?![\w'’-])",
    3,
)
def _weekday_week(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "a week from Monday", British "a week on Tuesday" and "Tuesday week": the next such day (today's, if it is
    one), and as many weeks on ("a week ago Saturday": the last one, and as many weeks before). "Tuesday week" is
    read only after a word that leads a day ("on Tuesday week")."""
    if m["wd2"] and ctx.word_before(m.start()) not in ("on", "by", "until", "till", "from", "before", "after", "is"):
        return None
    n = {"a": 1, "one": 1, "two": 2, "three": 3}[(m["n"] or "a").lower()]
    wd = _wd(m["wd"] or m["wd2"])
    if (m["dir"] or "").lower() == "ago":  # American "a week ago Saturday": the last one, a week before
        return Parsed(D, "wd", (str(wd), f"w-{n}"), desc=f"{WEEKDAY_NAMES[wd]}, and {n} week(s) before")
    return Parsed(D, "wd", (str(wd), f"w{n}"), desc=f"{WEEKDAY_NAMES[wd]}, and {n} week(s) on")


@rule(
    "holiday",
    r"(?P<h>christmas(?:\s+(?:day|eve))?|new\s+year's\s+(?:day|eve)|independence\s+day|valentine's\s+day|halloween|boxing\s+day"
    r"|(?:st\.?|saint)\s+patrick['’]s\s+day|(?-i:Juneteenth|Bastille\s+Day|Canada\s+Day|Australia\s+Day|Anzac\s+Day"
    r"|Veterans['’]?\s+Day|Armistice\s+Day|Remembrance\s+Day|Bonfire\s+Night|Hogmanay))(?:\s+(?P<year>\d{4}))?"
    + _HOLIDAY_TOD,
    2,
)
def _holiday(m: re.Match[str], ctx: Context) -> Parsed | None:
    """A holiday on a fixed day of the year: Christmas, St Patrick's Day, Juneteenth, Veterans Day, Bastille Day."""
    key = " ".join(m["h"].lower().replace("’", "'").split())
    key = re.sub(r"^(?:st\.|saint) ", "st ", key).replace("veterans' day", "veterans day")
    month, day = HOLIDAYS[key]
    tod = _tod(m["tod"])
    if m["year"]:
        return _abs(T if tod else D, f"{m['year']}-{month:02d}-{day:02d}{tod}", f"{key} {m['year']}")
    return Parsed(T if tod else D, "md", (str(month), str(day)), tod=tod, desc=key + _tod_desc(m))


# --- clock times --------------------------------------------------------------------------


@rule(
    "clock",
    rf"(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)|(?P<w>noon|midday|midnight)"
    rf"|(?<![\w.:,-])(?P<h24>[01]?\d|2[0-3])(?::|(?P<dot>\.))?(?P<m24>[0-5]\d)(?=\s+{ZONES}\b|\s+local\s+time)|(?<![\w(.:,/$-])(?P<hb>[01]?\d|2[0-3]):(?P<mb>[0-5]\d)(?![\d:.,]\d|\s*[ap]\.?m\b|\s*[ap]\.m\.))(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|CET|BST|[ECMP]T|{ZONES}(?![\w-])|(?:Eastern|Central|Mountain|Pacific)(?:\s+time)?|local\s+time))?(?:(?P<par>\s+\([^()\n]{{1,24}}\))?,?\s+(?:on\s+)?(?:(?P<day>{WD}|today|yesterday|tomorrow)(?P<dpl>s)?(?![a-z])(?:,?\s+(?P<dn2>{DAYNUM})\s+(?P<mon2>{MON})(?!\s*\d))?|(?P<mon>{MON})\s+(?P<dn>{DAYNUM})|(?P<dn3>{DAYNUM})\s+(?P<mon3>{MON})(?!\s*\d)))?",
    3,
)
def _clock(m: re.Match[str], ctx: Context) -> Parsed | None:
    if m["w"]:
        h, mi = (0, 0) if m["w"].lower() == "midnight" else (12, 0)
    elif m["h24"]:  # "14:00 GMT", "1600 GMT": a 24-hour clock with its zone
        h, mi = int(m["h24"]), int(m["m24"])
    elif m["hb"]:  # "until 00:01 on Tuesday", "at 14:30": a clock time without a zone, told by what leads it
        if not (m["day"] or m["mon"] or _CLOCK_LEAD.search(ctx.text, max(0, m.start() - 12), m.start())):
            return None
        h, mi = int(m["hb"]), int(m["mb"])
    else:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        if not (1 <= h <= 12 and mi < 60):
            return None
        ap = m["ap"].lower()
        if ap.startswith("p") and h != 12:
            h += 12
        if ap.startswith("a") and h == 12:
            h = 0
    tod = f"T{h:02d}:{mi:02d}"
    if m["par"]:  # "10:35 a.m. (0735 GMT) Friday": the day read past the aside, the extent the clock time alone
        ctx.cut_end = m.start("par")
    desc = (
        m.group(0).split()[0]
        if not (m["day"] or m["mon"] or m["mon3"])
        else " ".join(m.group(0).replace(m["par"] or "", "").split())
    )
    day = (m["day"] or "").lower()
    if m["mon"] or m["mon2"] or m["mon3"]:  # "9 a.m. March 5", "00:01 on Tuesday 19 March", "11pm on 1 September"
        mon, dn = (m["mon"], m["dn"]) if m["mon"] else (m["mon2"], m["dn2"]) if m["mon2"] else (m["mon3"], m["dn3"])
        return Parsed(T, "md", (str(_month(mon)), str(int(re.match(r"\d+", dn).group(0)))), tod=tod, desc=desc)
    if m["dpl"] and day not in _DEICTIC:  # "at 8 p.m. on Sundays": every Sunday at that time
        return _abs(SET, f"XXXX-WXX-{_wd(day)}{tod}", f"every {WEEKDAY_NAMES[_wd(day)]} at {tod[1:]}")
    if day in _DEICTIC:
        return Parsed(T, "day", (str(_DEICTIC[day]),), tod=tod, desc=desc)
    if day:
        return Parsed(T, "wd", (str(_wd(day)),), tod=tod, desc=desc)
    if _DAY_AT.search(ctx.text, max(0, m.start() - 40), m.start()):
        return Parsed(T, "day", ("0",), tod=tod, desc=desc, ref="story")  # "Friday at 5 p.m.": that Friday's
    # a bare clock time in a past-tense clause is on the day the story is at ("was shot at 10 p.m."),
    # else on the day of publication ("polls close at 8 p.m.")
    return Parsed(T, "day", ("0",), tod=tod, desc=desc, ref="past")


#: a word that makes "14:30" a clock time when no zone or day follows ("at 14:30", "until 00:01")
_CLOCK_LEAD = re.compile(r"(?<![\w-])(?:at|until|till|from|by|before|after|since|around|about|between|and)\s+$", re.I)

#: a day named just before "at" and a clock time: the time is on that day, whatever the tense
_DAY_AT = re.compile(rf"(?<![\w-])(?:{WD}|today|tomorrow|yesterday|{MON}\s+{DAYNUM})(?:\s+{TOD})?,?\s+at\s+$", re.I)


@rule(
    "clock_words",
    r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s+(?:o'clock\s+)?(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+night)"
    rf"(?:,?\s+(?:on\s+)?(?P<day>{WD}|today|yesterday|tomorrow))?(?![\w-])",
    3,
)
def _clock_words(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "4 in the morning", "9 at night": a clock time told by the part of the day."""
    h, mi = int(m["h"]), int(m["mi"] or 0)
    if not (1 <= h <= 12 and mi < 60):
        return None
    pod = (m["pod"] or "night").lower()
    if pod == "morning":
        h %= 12
    elif pod in ("afternoon", "evening") or h >= 6:
        h = h % 12 + 12
    tod = f"T{h:02d}:{mi:02d}"
    day = (m["day"] or "").lower()
    desc = " ".join(m.group(0).lower().split())
    if day in _DEICTIC:
        return Parsed(T, "day", (str(_DEICTIC[day]),), tod=tod, desc=desc)
    if day:
        return Parsed(T, "wd", (str(_wd(day)),), tod=tod, desc=desc)
    return Parsed(T, "day", ("0",), tod=tod, desc=desc, ref="past")


# --- calendar units relative to publication -----------------------------------------------

_REL_N = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "the previous": -1,
    "the prior": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "the following": 1,
    "following": 1,
    "this past": -1,
    "this coming": 1,
    "the": 0,
    "the last": -1,
    "the past": -1,
    "the next": 1,
    "the latest": 0,
    "the same": 0,
}
_UNIT_CODE = {
    "week": "W",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "DE",
    "century": "CE",
    "weekend": "WE",
    "fortnight": "W",
}


@rule(
    "rel_unit",
    rf"(?:(?P<mod>earlier|later|early|late|mid|{YMOD})[\s-]*)?(?P<det>this\s+past|this\s+coming|this|last|next|past|previous|prior|coming|current|the\s+(?:past|last|next|previous|coming|current|following|prior|latest))\s+(?:(?P<fis>fiscal|financial)\s+)?(?P<u>week|month|year|quarter|decade|century|weekend|fortnight)(?P<orso>\s+or\s+so)?(?![\w-])",
    2,
)
def _rel_unit(m: re.Match[str], ctx: Context) -> Parsed | None:
    det = " ".join(m["det"].lower().split())
    u = m["u"].lower()
    modw = " ".join((m["mod"] or "").lower().split())
    code = _UNIT_CODE[u]
    n = _REL_N[det]
    if m["fis"] and code not in ("Y", "Q"):
        return None
    if m["fis"] and not modw:
        # "the coming fiscal year", "the last fiscal year", "the latest fiscal year" (the last one closed): a
        # company's year named, never a stretch measured, as "the past 12 months" is
        k = -1 if det == "the latest" and code == "Y" else n
        ref = "story" if det in _NARRATIVE_DETS else ""
        return Parsed(D, "unit", (code, str(k)), desc=f"{det} {m['fis'].lower()} {u}", ref=ref)
    if (
        det in ("the next", "the following")
        and not modw
        and code not in ("WE", "Q")
        and ctx.word_before(m.start()) in _SPENDING
    ):
        # "spent the next decade playing in clubs", "for the next year": how long it lasted, a duration
        return _abs(DUR, _duration(1, UNITS[u], u), f"{det} {u}, after '{ctx.word_before(m.start())}': a duration")
    if det == "the next" and not modw and code not in ("WE",):
        # "the next year he left" (a past story): the one after the story's time; "over the next year or so":
        # the one after publication (TimeML values both as the unit, as "the following year")
        return Parsed(D, "unit", (code, "1"), mod="APPROX" if m["orso"] else "", desc=f"{det} {u}", ref="past")
    if det in ("the past", "the last", "the next", "the coming", "past") and not modw:
        if det == "the last" and _OF_MONTH.match(ctx.text, m.end()):
            return None  # "the last week of May": a part of the month named, no stretch up to now
        unit = UNITS[u]
        return _abs(DUR, _duration(1, unit, u), f"{det} {u}: a duration")
    if modw in ("earlier", "later") and det in ("this", "current", "the current"):
        # "earlier this year" whole, as TimeBank marks it most often (and "late Tuesday" keeps its word too)
        return Parsed(D, "part", (code, "before" if modw == "earlier" else "after"), desc=f"{modw} this {u}")
    if det == "the latest" and code != "Q":
        return None
    if code == "Y" and n == -1 and det == "last" and not modw and _compares_quarter(m.start(), ctx):
        # "a $23 million loss in the third quarter, against earnings of $33 million last year": that quarter
        return Parsed(D, "ago", ("YQ", "1"), desc="last year, beside a quarter's figures: that quarter a year before")
    return Parsed(
        D,
        "unit",
        (code, str(n)),
        mod=_mod(modw) if modw not in ("earlier", "later") else "",
        desc=f"{(modw + ' ') if modw else ''}{det} {u}",
        ref="story" if det in _NARRATIVE_DETS else "",
    )


_OF_MONTH = re.compile(rf"\s+of\s+(?:{MON}|{YEAR})", re.IGNORECASE)
_COMPARED = re.compile(r"\b(?:from|compared\s+with|compared\s+to|against|versus|than)\b[^.;]{0,60}$", re.IGNORECASE)


def _compares_quarter(start: int, ctx: Context) -> bool:
    """Does "last year" at ``start`` close a comparison ("up from $2 million last year") in a sentence
    about a quarter's figures?"""
    return bool(_COMPARED.search(ctx.text, max(0, start - 80), start)) and ctx.sentence_mentions(start, ("quarter",))


#: words before "the next year" that make it a stretch, not a point: "spent the next decade", "for the next year"
_SPENDING = frozenset({"spent", "spend", "spends", "spending", "for", "throughout"})

#: "the following year", "the previous week": counted from the time the story is at, not from publication
_NARRATIVE_DETS = frozenset({"the following", "following", "the previous", "previous", "the prior", "prior"})


@rule(
    "the_unit_mod",
    rf"(?P<mod>{YMOD}|earlier|later)\s+(?P<det>the|that)\s+(?P<u>week|month|year|quarter|decade|century)(?![\w-])",
    2,
)
def _the_unit_mod(m: re.Match[str], ctx: Context) -> Parsed | None:
    u = m["u"].lower()
    that = m["det"].lower() == "that"
    if m["mod"].lower() in ("earlier", "later") and not that:
        return None
    return Parsed(
        D,
        "unit",
        (_UNIT_CODE[u], "0"),
        mod=_mod(m["mod"]),
        desc=f"{m['mod'].lower()} {m['det'].lower()} {u}",
        ref="only" if that else "",
    )


#: words after "the same day" that make it a comparison, not the story's day
_SAME_AS = frozenset({"as", "last", "next", "a", "an", "the", "each", "every", "this", "in", "for", "and", "or"})


@rule(
    "that_unit",
    r"(?:(?P<mod>earlier|later|early|late)\s+)?(?:(?:in|on|during|for|over)\s+)?"
    r"(?P<th>(?:that\s+(?:same\s+)?|(?P<same>the\s+same\s+))"
    r"(?P<u>day|weekend|week|month|quarter|year|decade|morning|afternoon|evening|night))(?![\w'’-])",
    1,
)
def _that_unit(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "that year", "later that day", "that same night", "that weekend": the unit of the last date the story
    gave. "The same day", "the same evening" are read so too ("He was arrested the same day"), but not a month or
    a year, which is most often a comparison ("the same month last year", "the same year as")."""
    u = m["u"].lower()
    after = ctx.word_after(m.end())
    if after in ("when", "that", "before", "after", "of"):
        return None  # "that day when ...": fixed by what follows, not by the story's time
    if m["same"] and (u not in ("day", "weekend", "morning", "afternoon", "evening", "night") or after in _SAME_AS):
        return None  # "the same day as the vote", "the same day last year", "the same year": a comparison
    if not (m["mod"] and m["mod"].lower() in ("earlier", "later")):
        ctx.cut = m.start("th")  # TimeML keeps "earlier that day" whole, but not "in that year"
    if u in ("morning", "afternoon", "evening", "night"):
        return Parsed(T, "day", ("0",), tod=_tod(u), desc=f"that {u}", ref="only")
    if u == "day":
        return Parsed(D, "day", ("0",), desc="that day", ref="only")
    return Parsed(D, "unit", (_UNIT_CODE[u], "0"), desc=f"that {u}", ref="only")


@rule(
    "next_day",
    r"(?:the\s+)?(?P<rel>next|following|previous|prior|preceding)\s+(?P<u>day|morning|afternoon|evening|night)(?![\w-])"
    r"|the\s+(?P<u2>day|week|morning|evening|night)\s+(?P<ba>before|after)(?=\s*[,.;)]|\s+(?:that|and|but)\b)",
    2,
)
def _next_day(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "the next day", "the previous evening", "the day before", "the morning after": one day from the story's
    time ("the night before" is the evening of the day before); "the week after" one week."""
    rel = (m["rel"] or m["ba"]).lower()
    n = 1 if rel in ("next", "following", "after") else -1
    u = (m["u"] or m["u2"] or "day").lower()
    tod = _tod(u) if u not in ("day", "week") else ""
    desc = f"the {u} {rel}" if m["ba"] else f"the {rel} {u}"
    if u == "week":  # "the week after": the week after the one the story is at
        return Parsed(D, "unit", ("W", str(n)), desc=desc, ref="story")
    return Parsed(T if tod else D, "day", (str(n),), tod=tod, desc=desc, ref="story")


@rule(
    "nth_day_today",
    rf"(?:today\s+is|it\s+is|it['’]s|this\s+is)\s+(?P<x>(?:the|its)\s+{ORDW}\s+(?:straight\s+|consecutive\s+|full\s+)?day)"
    r"(?=\s+(?:of|in|that|since)\b)",
    2,
)
def _nth_day_today(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Today is the eighth day of the strike", "It's the second day of an offensive": the day itself."""
    return Parsed(D, "day", ("0",), desc="the nth day of something, said of today")


@rule("the_tod", r"(?:in|during)\s+(?P<x>the\s+(?P<tod>morning|afternoon|evening))(?![\w-])", 1)
def _the_tod(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Dealers placed heavy orders in the morning": that part of the day the story is at (a past-tense
    narrative that gave a date); nothing in a generic statement ("the shop opens in the morning")."""
    if clause_tense(ctx.doc, m.start("x"), m.end("x")) != "past":
        return None
    return Parsed(T, "day", ("0",), tod=_tod(m["tod"]), desc=f"the {m['tod'].lower()}", ref="only")


@rule("later_in_the", r"(?:later|earlier)\s+in\s+(?P<x>the\s+(?P<u>day|week|month|year))(?![\w-])", 2)
def _later_in_the(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Earlier in the day, the president had threatened to resign": the day (week, month, year) the story is
    at, publication's when the text gave no date (TimeML marks "the day", "earlier in" being the signal)."""
    u = m["u"].lower()
    if u == "day":
        return Parsed(D, "day", ("0",), desc="the day", ref="story")
    return Parsed(D, "unit", ({"week": "W", "month": "M", "year": "Y"}[u], "0"), desc=f"the {u}", ref="story")


@rule("the_weekend", r"(?:over\s+)?(?P<x>the\s+weekend)(?![\w-])", 1)
def _the_weekend(m: re.Match[str], ctx: Context) -> Parsed | None:
    return Parsed(D, "unit", ("WE", "0"), desc="the weekend")


#: nouns a season qualifies as a time ("the summer months", "the spring session")
_SEASON_HEADS = frozenset({"month", "holiday", "season", "break", "recess", "vacation", "term", "session", "quarter"})


@rule(
    "season",
    rf"(?:(?P<mod>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|(?P<el>earlier|later)(?=\s+this\s))[\s-]*)?(?:(?P<det>this\s+past|this\s+coming|this|last|next|past|coming|that|(?:the\s+)?(?:following|previous|preceding)|the)\s+)?(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>{YEAR}|['’]\d\d(?![\w'’]))|\s+of\s+(?P<ly>last|this|next)\s+year)?(?![\w-])",
    2,
)
def _season(m: re.Match[str], ctx: Context) -> Parsed | None:
    s = SEASONS[m["s"].lower()]
    det = " ".join((m["det"] or "").lower().split())
    mod = _mod(m["mod"])
    if m["year"]:
        year = _short_year(m["year"])
        return _abs(D, f"{year}-{s}", f"{m['s'].lower()} {year}, stated", mod)
    if m["ly"]:  # "the spring of last year": that year's, counted in years (not "last spring")
        n = {"last": -1, "this": 0, "next": 1}[m["ly"].lower()]
        return Parsed(D, "season", (s, str(n), "year"), mod=mod, desc=f"{m['s'].lower()} of {m['ly'].lower()} year")
    if det == "that" or det.endswith(("following", "previous", "preceding")):
        # "that summer", "the following spring": the season of, or after or before, the story's time
        n = 0 if det == "that" else (1 if det.endswith("following") else -1)
        return Parsed(
            D, "season", (s, str(n)), mod=mod, desc=f"{det} {m['s'].lower()}", ref="only" if n == 0 else "story"
        )
    if det in ("", "the") and not mod:
        tok = ctx.token_at(m.start("s"))
        if (
            tok is not None
            and tok.dep_ in ("compound", "amod", "nmod")
            and tok.head.i > tok.i
            and tok.head.lemma_.lower() not in _SEASON_HEADS
        ):
            return None  # "the summer camp", "the spring collection": a kind of thing, not a time
    bare = det in ("", "the")  # "in the spring", "in spring": which one by the clause's tense, as a month
    if not det:
        if ctx.word_before(m.start()) not in ("in", "this", "since", "until", "by", "during", "over") and not mod:
            return None
        if m["s"].lower() == "fall" and not mod:
            return None
        bare = ctx.word_before(m.start()) != "this"
        det = "this"
    if det == "the" and (
        ctx.text[m.end() : m.end() + 3].lower() == " of" or (m["s"].lower() == "fall" and not _fall_season(m, ctx))
    ):
        return None
    if det in ("the past", "past") and not mod:
        return None
    n = _REL_N.get(det, 0)
    args = (s, str(n), "tense") if bare else (s, str(n))
    return Parsed(D, "season", args, mod=mod, desc=f"{det} {m['s'].lower()}")


#: words after "the fall" that make it a drop or a tumble ("the fall in prices", "the fall from a ladder")
_FALL_NOUN_NEXT = re.compile(r"\s*(?:of|from|in|off|to|on|and|was|is|had|has|left|caused|killed|broke)\b", re.I)
#: an injury told just before "in the fall": the tumble, not the season
_FALL_INJURY = re.compile(r"\b(?:injur|hurt|died|dies|killed|broke|fractur|surviv|wounded|bruised)\w*\b[^.;]*$", re.I)


def _fall_season(m: re.Match[str], ctx: Context) -> bool:
    """Is "the fall" after "in", "by", "until" or "during" the season ("elections in the fall"), not a drop?"""
    if ctx.word_before(m.start()) not in ("in", "by", "until", "during", "through"):
        return False
    if _FALL_NOUN_NEXT.match(ctx.text, m.end()):
        return False
    return not _FALL_INJURY.search(ctx.text, max(0, m.start() - 40), m.start())


_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


@rule(
    "quarter",
    rf"(?:(?P<det>the|this|last|next)\s+)?(?:(?P<yr>{YEAR}|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|current|latest|year-ago|year-earlier|previous|prior|past|last|next)?[\s-]*(?:fiscal\s+)?(?:-|\s)?quarter(?![a-z]|[\s-](?:finals?|finalists?|point|percentage|mile|pound|hour)\b)(?:\s+of\s+(?:(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?)?(?P<yr2>{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?",
    3,
)
def _quarter(m: re.Match[str], ctx: Context) -> Parsed | None:
    det = (m["det"] or "").lower()
    ordw = (m["ord"] or "").lower()
    yr = " ".join((m["yr"] or m["yr2"] or "").lower().replace("'s", "").split())
    if det and m["ord"] and not m["yr"] and ctx.text[m.end("ord") : m.end("ord") + 1] == "-":
        ctx.cut = m.start("ord")  # "the third-quarter results": the adjective alone
    if not ordw and not yr and det not in ("the", "this", "last", "next"):
        return None
    if ordw in ("past", "last") and det == "the":
        return None  # "the past quarter": duration-like, leave it
    if not ordw and det in ("the",) and not yr:
        if ctx.text[m.end() : m.end() + 3].lower() in (" of", " ce") or ctx.word_before(m.start()) in (
            "a",
            "one",
            "three",
        ):
            return None
        return Parsed(D, "unit", ("Q", "0"), desc="the quarter", ref="story")
    if re.match(r"\d{4}", yr):
        y = yr[:4]
        if ordw in _QORD:
            q = _QORD[ordw]
            if "fiscal" in m.group(0).lower() or "financial" in m.group(0).lower():
                # "the first quarter of fiscal 2025": a company's quarter, numbered in its fiscal year (it may be
                # reported before the calendar quarter of that number begins); its comparisons count from it
                return Parsed(D, "abs", ("fiscal",), value=f"{y}-Q{q}", desc=f"quarter {q} of fiscal {y}, stated")
            return _abs(D, f"{y}-Q{q}", f"quarter {q} of {y}, stated")
        return None
    off = {"this year": 0, "last year": -1, "next year": 1, "the year": 0, "": None}[yr]
    if ordw in _QORD:
        if off is None:
            fiscal = ("fiscal",) if ctx.quarterly else ()  # an earnings story numbers its company's quarters
            return Parsed(D, "qtr", (str(_QORD[ordw]), "0", *fiscal), desc=f"quarter {_QORD[ordw]}")
        y_off = str(off)
        return Parsed(D, "qtr", (str(_QORD[ordw]), y_off), desc=f"quarter {_QORD[ordw]}, {yr}")
    if ordw == "current":
        return Parsed(D, "unit", ("QC", "0"), desc="the current quarter")
    if ordw == "latest":
        return Parsed(D, "unit", ("QC", "-1"), desc="the latest quarter (the last one reported)")
    if ordw in ("year-ago", "year-earlier") or (yr == "last year" and not ordw):
        return Parsed(D, "ago", ("YQ", "1"), desc=f"the {ordw or 'last year'} quarter")
    n = {
        "current": 0,
        "latest": 0,
        "year-ago": -4,
        "year-earlier": -4,
        "previous": -1,
        "prior": -1,
        "next": 1,
        "last": -1,
        "past": -1,
        "": {"this": 0, "last": -1, "next": 1, "the": 0}.get(det, 0),
    }[ordw]
    return Parsed(D, "unit", ("Q", str(n)), desc=f"{ordw or det} quarter")


@rule(
    "month_range_quarter",
    rf"(?:the\s+)?(?:(?P<a>{MON})(?:\s*[-–/]\s*|-to-|\s+to\s+))?(?P<b>{MON})(?:\s+(?P<yr>{YEAR}))?\s+(?P<h>quarter|period)(?!s)",
    3,
)
def _month_range_quarter(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "the January-March quarter", "the April-to-June period", "the July-September 2023 quarter": a calendar
    quarter by its months; "the June quarter", "the September quarter": by the month it ends in."""
    b = _month(m["b"])
    a = _month(m["a"]) if m["a"] else b - 2
    if not m["a"] and m["h"].lower() != "quarter":
        return None  # "the June period": no quarter named
    if a % 3 != 1 or b != a + 2:
        return None  # a fiscal quarter off the calendar ("the November-January quarter", "the August quarter")
    q = (a - 1) // 3 + 1
    if m["yr"]:
        return _abs(D, f"{m['yr']}-Q{q}", f"Q{q} {m['yr']} by its months, stated")
    return Parsed(D, "qtr", (str(q), "0"), desc=f"quarter {q} by its months")


@rule("qn", rf"(?<![\w-])(?-i:Q)(?P<q>[1-4])(?:\s+(?P<yr>{YEAR})|(?P<yr2>'\d\d))?(?![\w-])", 3, 0)
def _qn(m: re.Match[str], ctx: Context) -> Parsed | None:
    q = m["q"]
    if m["yr"]:
        return _abs(D, f"{m['yr']}-Q{q}", f"Q{q} {m['yr']}, stated")
    if m["yr2"]:
        return _abs(D, f"20{m['yr2'][1:]}-Q{q}", f"Q{q} {m['yr2']}, stated")
    return Parsed(D, "qtr", (q, "0"), desc=f"Q{q}")


#: words of the figures a year's half is reported by ("profit rose 5% in the first half")
_FIGURES = (
    "profit",
    "sales",
    "revenue",
    "earnings",
    "income",
    "loss",
    "%",
    "percent",
    "growth",
    "econom",
    "output",
    "export",
    "import",
    "fiscal",
    "inflation",
    "unemployment",
    "deficit",
    "budget",
    "investment",
    "demand",
    "prices",
    "gdp",
)


@rule(
    "half",
    rf"(?:the\s+)?(?:(?P<h>first|second|1st|2nd|last|latter)\s+half|(?P<h2>first|last|final|second)\s+two\s+quarters)"
    rf"(?:\s+of\s+(?P<yr>{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?|(?<![\w-])(?-i:H)(?P<hn>[12])\s+(?P<yr3>{YEAR})",
    3,  # above rel_unit's "the second half of" + "last year": TimeML values a half as 2023-H2
)
def _half(m: re.Match[str], ctx: Context) -> Parsed | None:
    h = 1 if (m["h"] or m["h2"] or "").lower() in ("first", "1st") or m["hn"] == "1" else 2
    yr = " ".join((m["yr"] or m["yr3"] or "").lower().split())
    if (m["h2"] or (m["h"] or "").lower() in ("last", "latter")) and not yr:
        return None  # "the first two quarters", "the last half hour": a duration or no date at all
    if re.match(r"\d{4}", yr):
        return _abs(D, f"{yr}-H{h}", f"half {h} of {yr}, stated")
    if not yr:
        if ctx.text[m.end() : m.end() + 3].lower() == " of":
            return None  # "the first half of the match"
        if not (ctx.quarterly or ctx.sentence_mentions(m.start(), _FIGURES)):
            return None  # "scored in the second half", "the first half was goalless": a match's, not a year's
        return Parsed(D, "half", (str(h), "0"), desc=f"half {h}")
    off = {"this year": 0, "last year": -1, "next year": 1, "the year": 0}[yr]
    return Parsed(D, "half", (str(h), str(off)), desc=f"half {h}, {yr}")


# --- durations and offsets ----------------------------------------------------------------


def _duration(n: float | None, unit: str, word: str) -> str:
    """TimeML duration value: ``P3Y``, ``PT2H``, ``PXD`` when the number is vague."""
    if unit == "WE":
        return "P2D" if n == 1 else ("PXWE" if n is None else f"P{int(n) * 2}D")
    if unit == "2W":
        unit = "W"
        n = None if n is None else n * 2
    if unit == "DE" and n is not None:  # "two decades": P20Y, as TimeBank writes it
        unit, n = "Y", n * 10
    if unit == "CE" and n is not None and n != int(n):  # "a half-century", "a century and a half": years
        unit, n = "Y", n * 100
    if n is None:
        num = "X"
    elif n == int(n):
        num = str(int(n))
    elif word == "minute" and n * 2 == int(n * 2):
        whole = int(n)
        return f"PT{whole}M30S" if whole else "PT30S"  # "a minute and a half": a clock unit, not a month
    elif unit in ("Y", "M", "W", "D", "H") and n * 2 == int(n * 2):
        sub = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}[unit]
        whole = int(n)
        extra = round((n - whole) * sub[1])
        t = "T" if (word in ("hour",) or sub[0] == "H") else ""
        head = f"{whole}{unit}" if whole else ""
        if word == "hour":
            return f"PT{head}{extra}M"
        return f"P{head}{t}{extra}{sub[0]}"
    else:
        num = str(n)
    t = "T" if word in ("second", "minute", "hour") else ""
    return f"P{t}{num}{unit}"


def _quarter_compared(start: int, ctx: Context) -> bool:
    """Does "a year ago" at ``start`` compare a quarter's figures (its sentence names a quarter or period, or
    the story reports a quarter), not those of months named in its sentence ("the first nine months")?"""
    if ctx.sentence_mentions(start, ("quarter",)):
        return True
    if ctx.sentence_mentions(start, _LONGER_PERIODS):
        return False
    return ctx.quarterly or ctx.sentence_mentions(start, ("period",))


_SENTENCE_START = re.compile(r".*(?:[.!?]\s|\n)", re.DOTALL)
_MONTH_NAMED = re.compile(rf"(?<![\w-]){MON}")


def _month_compared(start: int, ctx: Context) -> bool:
    """Does "a year earlier" at ``start`` compare the figures of a month its sentence named before it ("prices rose
    2% in March from a year earlier"), in a sentence that names no quarter nor longer period?"""
    lo = max(0, start - 240)
    head = ctx.text[lo:start]
    cut = _SENTENCE_START.match(head)
    head = head[cut.end() :] if cut else head
    if not _MONTH_NAMED.search(head):
        return False
    return not ctx.sentence_mentions(start, ("quarter", "period", *_LONGER_PERIODS))


_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "must", "to", "shall"})
_AGO = {"ago": 1, "earlier": 1, "before": 1, "later": -1, "from now": -1, "hence": -1, "after": -1}
_APPROX = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "just over": "MORE_THAN",
    "just under": "LESS_THAN",
    "well over": "MORE_THAN",
    "barely": "LESS_THAN",
    "only": "",
}
_DPRE = (
    r"(?:the\s+(?:past|last|next|first|previous|coming|final|remaining|initial|latest|following|same|prior|preceding)"
    r"|the|(?:his|her|their|its|our|my)\s+(?:first|last|final)?)"
)
_DAPPROX = alt(k for k in _APPROX if k not in ("over", "under", "some", "only"))


#: verbs of change a fraction measures ("sales fell a quarter", "cut costs by a quarter")
_CHANGE_VERBS = frozenset(
    {"rise", "fall", "drop", "cut", "grow", "increase", "decrease", "shrink", "jump", "climb", "slide", "slump"}
    | {"plunge", "gain", "lose", "reduce", "raise", "decline", "soar", "surge", "tumble", "contract", "expand"}
)


_PEOPLE = frozenset({"voters", "people", "respondents", "adults", "americans", "households", "members", "workers"})


def _fraction_quarter(m: re.Match[str], ctx: Context) -> bool:
    """Is "a quarter" / "three quarters" here a fraction, not three months? "a quarter of the vote", "shrank by a
    quarter", "sales fell a quarter" (a quarter of a century or an hour is read by :func:`_quarter_of_unit`)."""
    if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        if m["num"].lower() in ("a", "an", "one"):
            return True  # "a quarter of the vote" ("several quarters of losses": a stretch of them)
        of = re.match(r"\s+of\s+(?=\w)", ctx.text[m.end() : m.end() + 12])
        nxt = ctx.token_at(m.end() + of.end()) if of else None
        return nxt is not None and (
            nxt.pos_ in ("DET", "PRON") or nxt.lower_ in _PEOPLE
        )  # "three quarters of the seats"
    before = ctx.word_before(m.start("ap") if m["ap"] else m.start("num"))
    if before == "by":
        return True
    tok = ctx.token_at(m.start("ap") if m["ap"] else m.start("num"))
    if tok is None or tok.i == 0:
        return False
    prev = ctx.doc.tokens[tok.i - 1]
    return prev.pos_ == "VERB" and prev.lemma_.lower() in _CHANGE_VERBS


@rule(
    "quarter_of_unit",
    rf"(?:(?P<ap>{_DAPPROX})\s+)?(?P<num>a|one|three)\s+quarters?\s+of\s+(?:a|an)\s+(?P<u>century|hour)(?![\w-])",
    2,
)
def _quarter_of_unit(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "a quarter of a century" (25 years), "three quarters of an hour" (45 minutes)."""
    k = 3 if m["num"].lower() == "three" else 1
    u = m["u"].lower()
    value = f"P{25 * k}Y" if u == "century" else f"PT{15 * k}M"
    mod = _APPROX.get(" ".join((m["ap"] or "").lower().split()), "")
    return Parsed(DUR, "abs", value=value, mod=mod, desc=f"{m.group(0).lower()}: a fraction of a {u}")


_HALF_UNIT = {"minute": "PT30S", "hour": "PT30M", "day": "PT12H", "year": "P6M", "decade": "P5Y", "century": "P50Y"}


@rule(
    "half_unit",
    rf"(?<![\w-])(?:(?P<ap>{_DAPPROX})\s+)?half\s+(?:an?\s+)(?P<u>minute|hour|day|year|decade|century)"
    r"(?:\s+(?P<ago>ago))?(?![\w-])",
    2,
)
def _half_unit(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "half an hour" (30 minutes), "nearly half a century" (50 years); "half a century ago" the year 50 back,
    as "50 years ago" is."""
    mod = _APPROX.get(" ".join((m["ap"] or "").lower().split()), "")
    u = m["u"].lower()
    desc = " ".join(m.group(0).lower().split())
    if m["ago"]:
        back = {"year": ("M", "6"), "decade": ("Y", "5"), "century": ("Y", "50")}.get(u)
        if back is None:
            return _abs(D, "PAST_REF", f"{desc}: a moment ago")
        return Parsed(D, "ago", back, mod=mod, desc=desc)
    return _abs(DUR, _HALF_UNIT[u], f"half a{'n' if u == 'hour' else ''} {u}: a duration", mod)


def _unit_word(word: str) -> str:
    """A unit as :data:`UNITS` names it: "centuries" and "millennia" by their singular, the rest lower-cased."""
    u = word.lower()
    return "century" if u.startswith("centur") else ("millennium" if u.startswith("millenni") else u)


@rule(
    "duration",
    rf"(?<![\w-])(?:(?P<pre>{_DPRE})\s+)?(?:(?P<ap>{_DAPPROX})\s+)?(?P<num>{NUM})(?:\s+or\s+(?:so|more|{NUM})|(?P<to>\s+to\s+|(?<=\d)[-–](?=\d))(?P<num2>{NUM}))?(?:\s+(?:more|additional|extra|full|whole|long|solid|straight|consecutive))?(?:\s+(?P<kind>trading|business|working))?(?P<sep>[\s-]+)(?:(?P<half>and\s+a\s+half)\s+)?(?P<u>{UNIT})(?P<pl>s)?(?:(?P<half2>\s+and\s+a\s+half)|(?P<tail>(?:\s+or\s+so)?\s+(?:ago|earlier|later|from\s+now|hence)))?(?![\w-])",
    1,
)
def _duration_rule(m: re.Match[str], ctx: Context) -> Parsed | None:
    u = _unit_word(m["u"])
    unit = UNITS[u]
    numw = " ".join(m["num"].lower().split())
    vague = numw in VAGUE_NUMBERS or numw.removeprefix("the ") in VAGUE_NUMBERS
    n = None if vague else number_value(numw)
    if not vague and n is None:
        return None
    if numw == "half" and m["sep"] != "-":
        return None  # "half-century" is a unit; "half year" may be a year's half ("the first half year")
    if m["to"]:
        # "two to three weeks": one span, valued by its least, as "two or three weeks"; a count that is no range
        # ("rose from 50 to three years") keeps only the second number
        n2 = number_value(" ".join(m["num2"].lower().split()))
        if n2 is None or n is None or not n < n2 or n != int(n) or n2 != int(n2):
            if n2 is None:
                return None
            ctx.cut = m.start("num2")
            numw, n, vague = " ".join(m["num2"].lower().split()), n2, False
    if n is not None and (m["half"] or m["half2"]):
        n += 0.5
    after = ctx.text[m.end() : m.end() + 12].lower()
    if re.match(r"-?\s*old\b", after) or re.match(r"-old", after):
        return None  # an age
    if u == "second" and numw in ("a", "an"):
        return None
    if u == "quarter" and not m["pre"] and not m["tail"] and _fraction_quarter(m, ctx):
        return None
    if (
        numw == "one"
        and u == "day"
        and not (m["pre"] or m["tail"] or m["ap"])
        and ctx.word_before(m.start()) in _MODALS
    ):
        return _abs(D, "FUTURE_REF", 'one day after a modal ("could one day lead"): a reference to the future')
    if numw in ("a", "an") and not m["tail"]:
        before = ctx.word_before(m.start())
        if before in ("once", "twice", "thrice", "times", "per"):
            return _abs(SET, _duration(1, unit, u), f"once every {u}")
        if m["pre"] or before in ("half", "quarter"):
            return None
        if ctx.after_quantity(m.start()):
            return None  # "$2 million a year", "four flights a week": the denominator of a rate
    if m["sep"].strip() == "-" and m["pl"]:
        return None
    if m["sep"].strip() == "-" and m["pre"] and m["pre"].lower().strip() in ("the", "its", "their", "his", "her"):
        ctx.cut = m.start("ap") if m["ap"] else m.start("num")
    tail = " ".join((m["tail"] or "").lower().split()).removeprefix("or so ")
    if tail in ("earlier", "later") and u not in ("year", "quarter", "decade", "century"):
        tail = ""  # "three days later": a duration before a signal word (TimeML), not a date
        ctx.cut_end = m.start("tail")
    if tail in ("ago", "earlier", "later", "from now", "hence") and not m["pre"]:
        if n is None:
            ref = "PAST_REF" if _AGO[tail] > 0 else "FUTURE_REF"
            return _abs(D, ref, f"{m.group(0).lower()}: vague")
        if unit in ("S", "M", "H") and u in ("second", "minute", "hour"):
            return _abs(D, "PAST_REF" if _AGO[tail] > 0 else "FUTURE_REF", m.group(0).lower())
        if n != int(n):
            return None
        code = {"Y": "Y", "M": "M", "W": "W", "D": "D", "Q": "Q", "DE": "DE", "CE": "CE", "2W": "W", "WE": "W"}.get(
            unit
        )
        if code is None:
            return None
        k = int(n) * (2 if unit == "2W" else 1)
        if code == "DE" and tail == "ago":
            # "a decade ago", "two decades ago": a year, as "ten years ago" is (TimeBank writes the year; TimeML
            # has no decade-back arithmetic a reader would count in)
            code, k = "Y", k * 10
        if k * {"Y": 1, "DE": 10, "CE": 100}.get(code, 0) > _CALENDAR_YEARS:
            # "66 million years ago": before any calendar year a value can hold
            return _abs(D, "PAST_REF" if _AGO[tail] > 0 else "FUTURE_REF", f"{m.group(0).lower()}: before the calendar")
        if code == "Y" and k == 1 and tail in ("ago", "earlier") and _month_compared(m.start(), ctx):
            # "exports were 5% lower in February than a year earlier": that month a year before
            return Parsed(D, "ago", ("YM", "1"), desc=f"{m.group(0).lower()}, beside a month's figures", ref="story")
        if code == "Y" and k == 1 and _quarter_compared(m.start(), ctx):
            code = "YQ"
        mod = _APPROX.get(" ".join((m["ap"] or "").lower().split()), "")
        # "In 1984 ... One year later he was fired": "later" counts from the story's time when the text set one
        ref = "story" if tail == "later" else ""
        return Parsed(D, "ago", (code, str(k * _AGO[tail])), mod=mod, desc=m.group(0).lower(), ref=ref)
    mod = _APPROX.get(" ".join((m["ap"] or "").lower().split()), "")
    value = _duration(n, unit, u)
    return Parsed(DUR, "abs", value=value, mod=mod, desc=f"a duration of {numw} {u}(s)")


#: the parts of a compound duration, largest first: (unit word, ISO designator, a clock unit)
_COMPOUND_PARTS = {
    "year": ("Y", False),
    "month": ("M", False),
    "day": ("D", False),
    "hour": ("H", True),
    "minute": ("M", True),
    "second": ("S", True),
}


@rule(
    "compound_duration",
    rf"(?<![\w-])(?:(?P<ap>{_DAPPROX})\s+)?(?P<n1>\d+|{NUMW}|an?)\s+(?P<u1>year|month|day|hour|minute)s?,?"
    rf"\s+(?:and\s+)?(?P<n2>\d+|{NUMW})\s+(?P<u2>month|day|hour|minute|second)s?(?![\w-])",
    2,
)
def _compound_duration(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "2 hours 38 minutes", "three years and six months": one duration, its parts in one value (PT2H38M,
    P3Y6M), as a finishing time or a sentence is written."""
    u1, u2 = m["u1"].lower(), m["u2"].lower()
    order = list(_COMPOUND_PARTS)
    if order.index(u2) <= order.index(u1):
        return None  # "two days, three hours" runs down; "two hours, three days" is a list
    n1, n2 = number_value(m["n1"].lower()), number_value(m["n2"].lower())
    if n1 is None or n2 is None or n1 != int(n1) or n2 != int(n2):
        return None
    date_part = time_part = ""
    for n, u in ((int(n1), u1), (int(n2), u2)):
        code, clock = _COMPOUND_PARTS[u]
        if clock:
            time_part += f"{n}{code}"
        else:
            date_part += f"{n}{code}"
    value = "P" + date_part + (f"T{time_part}" if time_part else "")
    mod = _APPROX.get(" ".join((m["ap"] or "").lower().split()), "")
    return _abs(DUR, value, " ".join(m.group(0).lower().split()) + ": a duration", mod)


#: how many years back (or ahead) "N years ago" can be written as a year
_CALENDAR_YEARS = 5000


@rule(
    "long_compound",
    rf"(?<![\w-])(?:(?P<num>{NUM})-)?(?P<u>{UNIT})(?P<pl>s)?-?long(?![\w-])",
    2,
)
def _long_compound(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "a year-long inquiry", "a decades-long feud", "a two-week-long strike", "a weeklong strike": how long
    something lasts."""
    u = _unit_word(m["u"])
    if "-long" not in m.group(0).lower() and (m["num"] or m["pl"] or u not in ("day", "week", "month", "year")):
        return None  # "weeklong", "yearlong" are words; "hourlong", "secondlong" are not read
    if m["num"]:
        n = number_value(m["num"])
        if n is None:
            return None
    else:
        n = None if m["pl"] else 1
    return _abs(DUR, _duration(n, UNITS[u], u), f"{m.group(0).lower()}: a duration")


#: a number just before a unit ("two days later", "a few weeks earlier"): the duration rule reads those
_COUNTED = re.compile(rf"(?<![\w-])(?:{NUM}|\d+)[\s-]+$", re.IGNORECASE)


#: "in the", "over the", "during the" before "years since", "years that followed"
_IN_THE = re.compile(r"(?<![\w-])(?:in|over|during|through|for)\s+the\s+$", re.IGNORECASE)


@rule(
    "bare_units",
    r"(?<![\w-])(?P<pre>recent|coming|the\s+coming|the\s+next\s+few|the\s+past\s+few|the\s+last\s+few)?\s*(?P<u>years|months|weeks|days|decades|hours|minutes|centuries|quarters)"
    r"(?P<or>\s+(?:or|and)\s+(?:even\s+|perhaps\s+|possibly\s+)?(?:years|months|weeks|days|decades|hours))?"
    r"(?P<tail>\s+(?:ago|earlier|later))?(?![\w-])",
    0,
)
def _bare_units(m: re.Match[str], ctx: Context) -> Parsed | None:
    pre = " ".join((m["pre"] or "").lower().split())
    u = m["u"].lower()
    word = "century" if u == "centuries" else u[:-1]
    unit = UNITS[word]
    tail = (m["tail"] or "").strip().lower()
    if pre == "recent":
        return _abs(DUR, _duration(None, unit, word), f"recent {u}: a vague duration")
    if pre in ("coming", "the coming"):
        return _abs(D, "FUTURE_REF", f"coming {u}")
    if pre:
        return _abs(DUR, _duration(None, unit, word), f"{pre} {u}: a vague duration")
    if tail and _COUNTED.search(ctx.text, max(0, m.start() - 24), m.start()):
        return None  # "two days later": the counted duration is the expression
    if tail in ("later", "earlier"):
        ctx.cut_end = m.start("tail")  # "days later": a vague duration before a signal word, as "a few days later"
        return _abs(DUR, _duration(None, unit, word), f"{u} {tail}: a vague duration")
    if tail:
        return _abs(D, "PAST_REF", f"{u} {tail}: vague")
    before = ctx.word_before(m.start())
    nxt = ctx.word_after(m.end())
    if (
        before == "the"
        and nxt in ("since", "that", "which", "following")
        and _IN_THE.search(ctx.text, max(0, m.start() - 16), m.start())
    ):
        return _abs(DUR, _duration(None, unit, word), f"the {u} {nxt}: a vague duration")  # "in the years since"
    if before in (
        "for",
        "in",
        "over",
        "within",
        "after",
        "took",
        "lasted",
        "spent",
        "last",
        "lasting",
        "than",
        "take",
        "takes",
        "taking",
    ) or nxt in ("after", "before", "later", "earlier", "of"):
        if nxt == "of" and before not in ("for", "in", "over", "after", "within"):
            return None
        return _abs(DUR, _duration(None, unit, word), f"{u}: a vague duration")
    return None


@rule(
    "over_the_units",
    r"(?<![\w-])(?:over|through|across|down|during)\s+(?P<x>the\s+(?P<u>years|decades|centuries|months))(?![\w-])",
    0,
)
def _over_the_units(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "over the years", "down the decades": a stretch of unstated length."""
    u = m["u"].lower()
    word = "century" if u == "centuries" else u[:-1]
    return _abs(DUR, _duration(None, UNITS[word], word), f"the {u}: a vague duration")


#: words before "another day" that make it a length ("wait another day", "for another day")
_LASTING = frozenset(
    {"for", "wait", "waited", "stay", "stayed", "spend", "spent", "last", "lasted", "remain", "remained", "take"}
    | {"took", "within", "in", "extra", "just", "only", "at", "least"}
)


@rule(
    "another_unit",
    rf"(?<![\w-])another\s+(?:(?P<num>{NUM})\s+)?(?P<u>minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie))(?P<pl>s)?(?![\w-])",
    1,
)
def _another_unit(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "wait another decade", "for another two years": a duration, the word "another" in its extent."""
    u = _unit_word(m["u"])
    numw = " ".join((m["num"] or "a").lower().split())
    n = None if numw in VAGUE_NUMBERS else number_value(numw)
    if n is None and numw not in VAGUE_NUMBERS:
        return None
    if bool(m["pl"]) == (n == 1):
        return None  # "another years", "another one day": not a count of the unit
    if ctx.text.startswith(("'s", "’s"), m.end()):
        return None  # "another day's pay": a measure of something else
    if u == "day" and not m["num"] and ctx.word_before(m.start()) not in _LASTING:
        return None  # "live to fight another day", "another day of protests": a day among others, no length
    return _abs(DUR, _duration(n, UNITS[u], u), " ".join(m.group(0).lower().split()) + ": a duration")


@rule("a_while", r"(?<![\w-])for\s+(?P<x>a\s+(?:little\s+|long\s+)?while)(?![\w-])", 0)
def _a_while(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "for a while", "for a long while": a stretch of unstated length and unit."""
    return _abs(DUR, "PXX", "a while: a vague duration")


@rule("new_year", r"(?:in|into|until|till|by|after|over)\s+(?P<x>(?:early\s+)?the\s+new\s+year)(?![\w'’-])", 1)
def _new_year(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "The inquiry will report in the new year": the coming year, said as the old one closes."""
    early = m["x"].lower().startswith("early")
    return Parsed(D, "unit", ("Y", "1"), mod="START" if early else "", desc="the new year: the coming year")


@rule(
    "generation_ago",
    r"(?<![\w-])(?:(?:about|nearly|almost|more\s+than|over)\s+)?(?:a|one)\s+generation\s+ago(?![\w-])",
    1,
)
def _generation_ago(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "a generation ago": the past, with no unit TimeML can count (PAST_REF), as "years ago" is."""
    return _abs(D, "PAST_REF", "a generation ago: the past")


@rule("units_ahead", r"(?<![\w-])the\s+(?P<u>days|weeks|months|years|decades)\s+(?:ahead|to\s+come)(?![\w-])", 1)
def _units_ahead(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "in the weeks ahead", "the years to come": the future, as "the coming weeks"."""
    return _abs(D, "FUTURE_REF", f"the {m['u'].lower()} ahead")


#: what closes before "for the week" in a market report: a move ("up 2% for the week", "higher for the week")
_MARKET_MOVE = re.compile(
    r"(?:^|[.!?]\s+|\n|\b(?:higher|lower|up|down|unchanged|flat|gain|loss|rise|fall|decline|advance|percent|points?)\s+"
    r"|%\s+)$",
    re.IGNORECASE,
)


@rule("market_week", r"(?:for|on|over)\s+(?P<x>the\s+week)(?=\s*[,.;])", 1)
def _market_week(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "For the week, the Dow fell 1.5%", "up 2% for the week", "the week's most active session": a market
    report's week, the one it closes (the week of the story's day)."""
    if "x" in m.re.groupindex and not _MARKET_MOVE.search(ctx.text, max(0, m.start() - 20), m.start()):
        return None  # "he stayed for the week": how long, no week named
    return Parsed(D, "unit", ("W", "0"), desc="the week a market report closes", ref="story")


rule(
    "market_week_best",
    r"the\s+week(?=['’]s\s+(?:most|biggest|best|worst|highest|lowest|largest|heaviest|sharpest|steepest)\b)",
    1,
)(_market_week)


# --- references and sets ------------------------------------------------------------------

_REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "the present day": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "this time": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "once": "PAST_REF",
    "earlier": "PAST_REF",
    "more recently": "PAST_REF",
    "most recently": "PAST_REF",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "any time soon": "FUTURE_REF",
    "anytime soon": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "shortly": "FUTURE_REF",
    "someday": "FUTURE_REF",
    "one day": "FUTURE_REF",
    "eventually": "FUTURE_REF",
    "in the future": "FUTURE_REF",
    "later": "FUTURE_REF",
    "the time being": "PRESENT_REF",
}


#: a number right after "the past" ("the past 10 sessions", "the past dozen games")
_COUNTED_AFTER = re.compile(rf"\s+(?:\d|(?:{NUMW}|dozen|couple)\b)", re.IGNORECASE)


@rule(
    "ref",
    r"(?<![\w-])(?:in\s+)?(?P<x>any\s*time\s+soon|right\s+now|more\s+recently|most\s+recently|the\s+near\s+future|the\s+future|the\s+present(?:\s+day(?![\w-]))?|the\s+past|at\s+present|at\s+the\s+moment|these\s+days|the\s+time\s+being|now|currently|then[\s-]+current|current|presently|nowadays|recently|recent|lately|soon|someday)(?![\w-])",
    0,
)
def _ref(m: re.Match[str], ctx: Context) -> Parsed | None:
    w = " ".join(m["x"].lower().split())
    if w.startswith("then") and ctx.is_adjective(m.end("x") - 7):
        return _abs(D, "PAST_REF", "then-current: the present of a past time")  # "at the then current price"
    if w in ("current", "recent", "future"):
        nxt = ctx.word_after(m.end("x"))
        if not ctx.is_adjective(m.start("x")) or nxt in (
            "account",
            "accounts",
            "affairs",
            "events",
            "generations",
            "generation",
            "tense",
        ):
            return None
        if w == "current" and nxt in (
            "president",
            "prime",
            "minister",
            "chairman",
            "leader",
            "members",
            "member",
            "head",
            "chief",
            "owner",
            "government",
            "administration",
            "level",
            "levels",
            "rate",
            "system",
            "situation",
            "law",
            "laws",
            "crisis",
            "state",
            "version",
            "conflict",
            "war",
            "status",
            "position",
            "policy",
            "rules",
            "team",
            "season",
        ):
            return None
    if w == "the past" and _COUNTED_AFTER.match(ctx.text, m.end("x")):
        return None  # "in 9 of the past 10 sessions": a count of days, not the past
    if w == "the past" and ctx.word_after(m.end("x")) in (
        "few",
        "several",
        "two",
        "three",
        "year",
        "week",
        "month",
        "decade",
    ):
        return None
    if w == "now" and ctx.text[m.end("x") : m.end("x") + 1] == "-":
        return None
    if w == "soon" and ctx.word_after(m.end("x")) in ("after", "as", "afterwards", "thereafter"):
        return None
    return _abs(D, _REFS[w], f"{w}: a reference to the {_REFS[w].split('_')[0].lower()}")


_SETS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "quarterly": "P3M",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "twice-yearly": "P6M",
    "twice-weekly": "P1W",
    "twice-monthly": "P1M",
    "twice-daily": "P1D",
    "biennially": "P2Y",
    "semiannually": "P6M",
    "semi-annually": "P6M",
}


@rule(
    "set_adv",
    r"(?<![\w-])(?P<w>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|fortnightly|biennially|semi-?annually"
    r"|twice-(?:yearly|weekly|monthly|daily))(?![\w-])",
    0,
)
def _set_adv(m: re.Match[str], ctx: Context) -> Parsed | None:
    w = m["w"].lower()
    if ctx.word_before(m.start()) in ("the", "a", "this", "that", "'s") and ctx.is_noun(m.start()):
        return None  # "the daily" (a newspaper)
    if w in ("daily", "weekly") and _NAMED_PAPER.match(ctx.text, m.end()):
        return None  # "the Communist Party daily Granma", "the news weekly Der Spiegel": a paper and its name
    return _abs(SET, _SETS[w], f"{w}: a set")


@rule("weekends", r"(?:on|at|over|during)\s+(?P<x>weekends)(?![\w-])", 1)
def _weekends(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "The clinic is open on weekends": every weekend."""
    return _abs(SET, "XXXX-WXX-WE", "every weekend")


#: a paper's name after "daily" or "weekly" (a capitalised word that names no day nor month)
_NAMED_PAPER = re.compile(
    r"\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"(?:[A-Z][a-z]+|El|La|Le|Der|Die|Al)\b"
)


@rule(
    "set_every",
    rf"(?P<det>every|each|per)\s+(?:(?P<other>other|single|second|third|fourth)\s+)?(?:(?P<num>{NUM})\s+)?(?P<u>{UNIT}|morning|evening|night|weekend|summer|winter|spring|autumn|(?P<mon>{MON}))(?P<pl>s)?(?![\w-])",
    2,
)
def _set_every(m: re.Match[str], ctx: Context) -> Parsed | None:
    u = m["u"].lower()
    if m["det"].lower() == "per" and ctx.after_quantity(m.start()):
        return None  # "300 patients per day", "$40 per hour": a rate of things, as "four flights a week" is
    if m["mon"]:
        return _abs(SET, f"XXXX-{_month(m['mon']):02d}", f"every {MONTH_NAMES[_month(m['mon'])]}")
    if u in ("morning", "evening", "night"):
        return _abs(SET, f"XXXX-XX-XXT{PARTS_OF_DAY[u]}", f"every {u}")
    if u in SEASONS:
        return _abs(SET, f"XXXX-{SEASONS[u]}", f"every {u}")
    if u == "weekend":
        return _abs(SET, "XXXX-WXX-WE", "every weekend")
    unit = UNITS["century" if u.startswith("centur") else u]
    n: float | None = 1
    if m["num"]:
        numw = " ".join(m["num"].lower().split())
        n = None if numw in VAGUE_NUMBERS else number_value(numw)
        if n is None and numw not in VAGUE_NUMBERS:
            return None  # "every few months": a set of a vague period (PXM)
    every_nth = {"other": 2, "second": 2, "third": 3, "fourth": 4}.get((m["other"] or "").lower())
    if every_nth and n is not None:
        n = (n or 1) * every_nth  # "every other week", "every second year": P2W, P2Y
    return _abs(SET, _duration(n, unit, u), " ".join(m.group(0).lower().split()) + ": a set")


#: the units a rate can be counted in, smallest first ("24 hours a day": hours inside a day)
_RATE_ORDER = ("second", "minute", "hour", "day", "night", "week", "month", "year")


@rule(
    "rate",
    rf"(?<![\w-])(?:(?P<ap>{_DAPPROX})\s+)?(?:(?P<times>once|twice|thrice|(?:{NUM}|\d+)\s+times)|(?P<num>{NUM})(?:\s+(?:to|or)\s+{NUM})?\s+(?P<inner>{UNIT})s?)"
    rf"\s+(?:a|an|per|each)\s+(?P<u>second|minute|hour|day|night|week|month|year)(?![\w-])",
    3,
)
def _rate(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "twice a week", "three times a day", "24 hours a day", "seven days a week": a set, counted in the
    last unit (TimeML's "twice a week" is one SET, P1W, freq 2X). Only when the count is of times or of a
    smaller unit: "$2 million a year" and "four flights a week" are rates of things, not of time."""
    u = m["u"].lower()
    if m["inner"]:
        inner = _unit_word(m["inner"])
        if inner not in _RATE_ORDER or _RATE_ORDER.index(inner) >= _RATE_ORDER.index(u):
            return None
        if m["num"].lower() in ("a", "an"):
            return None
    return _abs(SET, _duration(1, UNITS[u], u), " ".join(m.group(0).lower().split()) + ": a set")


@rule(
    "season_span",
    r"(?<![\w-])(?:(?P<pos>the\s+(?:end|close|start|beginning|middle)\s+of\s+the\s+))?"
    rf"(?P<year>{YEAR})[-/–](?P<yy>\d\d)(?![\w/-]|[.,]\d)"
    r"(?(pos)\s+(?:season|campaign|financial\s+year|fiscal\s+year|tax\s+year|school\s+year|academic\s+year))",
    3,
)
def _season_span(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "the 2022-23 season", "the 2021/22 financial year": a year and the next, as seasons and budgets run.
    One expression, valued as the year it begins in (a reader dating it by the start); its end is in the next
    ("the end of the 2012-13 season" is 2013)."""
    year = int(m["year"])
    if int(m["yy"]) != (year + 1) % 100:
        return None  # "2021-03" (a month), "1990-95" (a range of years)
    pos = (m["pos"] or "").split()
    if len(pos) > 1:
        mod = _mod(pos[1])
        y = year + 1 if mod == "END" else year
        return _abs(D, f"{y:04d}", f"the {pos[1]} of the span {year}-{year + 1}", mod)
    return _abs(D, f"{year:04d}", f"the span {year}-{year + 1}: from {year}")


# --- spelled-out years, reporting periods, holidays on weekdays ---------------------------------

_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_YEARW = (
    rf"(?P<c>nineteen|eighteen|twenty)[\s-]+(?P<yy>{alt(_TEENS)}|{alt(_TENS)}(?:[\s-]+{alt(_ONES)})?|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<yk>{alt(_ONES + _TEENS)}))?"
)


def _spelled_year(m: re.Match[str]) -> int | None:
    if m["c"]:
        head = NUMBERS[m["c"].lower()] * 100
        yy = m["yy"].lower()
        tail = 0 if yy == "hundred" else number_value(yy)
        return None if tail is None else head + int(tail)
    if "thousand" in m.group(0).lower():
        return 2000 + (int(number_value(m["yk"]) or 0) if m["yk"] else 0)
    return None


@rule(
    "spelled_year",
    rf"(?<![\w-])(?:(?P<mon>{MON})\s+|the\s+year\s+|(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+of\s+)?"
    rf"(?:{_YEARW})(?![\w-])",
    2,
)
def _spelled_year_rule(m: re.Match[str], ctx: Context) -> Parsed | None:
    year = _spelled_year(m)
    if year is None or not 1000 <= year <= 2099:
        return None
    if m["mon"]:
        month = _month(m["mon"])
        return _abs(D, f"{year}-{month:02d}", f"{MONTH_NAMES[month]} {year}, spelled out")
    after = ctx.word_after(m.end())
    if after in _SPELLED_AMOUNT_NOUNS or re.fullmatch(UNIT + "s?", after):
        return None  # a spelled-out amount ("two thousand years", "nineteen hundred dollars"), not a year
    if m["s"]:  # "the winter of nineteen ninety-four", as "the winter of 1994"
        season = SEASONS[m["s"].lower()]
        return _abs(D, f"{year:04d}-{season}", f"{m['s'].lower()} of {year}, spelled out")
    return _abs(D, f"{year:04d}", f"the year {year}, spelled out")


_SPELLED_AMOUNT_NOUNS = frozenset({"dollars", "people", "percent", "times", "pounds", "euros", "yen", "miles"})


@rule(
    "year_ago_period",
    r"(?<![\w-])(?:(?P<det>the)\s+(?:comparable\s+|corresponding\s+|same\s+)?)?(?P<adj>year[- ](?:ago|earlier)|latest)"
    r"(?:\s+(?P<n>period|quarter|(?P<ord>first|second|third|fourth)[\s-]+quarter))?(?![\w-])",
    1,
)
def _year_ago_period(m: re.Match[str], ctx: Context) -> Parsed | None:
    adj = m["adj"].lower()
    if adj == "latest":
        if not (m["det"] and m["n"] == "period" and ctx.quarterly):
            return None
        return Parsed(D, "unit", ("QC", "-1"), desc="the latest period (the last quarter reported)")
    if m["ord"]:
        q = _QORD[m["ord"].lower()]
        return Parsed(D, "qtr", (str(q), "-1"), desc=f"the year-ago quarter {q}")
    if m["det"] and not m["n"]:
        nxt = ctx.word_after(m.end())
        if not nxt.isalpha() or nxt in NUMBERS or re.fullmatch(UNIT + "s?", nxt):
            return None  # "the year-earlier nine months", "the year-earlier $4.5 million": read elsewhere or no date
        ctx.cut = m.start("adj")  # "the year-ago results": the adjective alone (TimeML leaves the article out)
    if (m["n"] or "").lower() == "quarter" or _quarter_compared(m.start(), ctx):
        return Parsed(D, "ago", ("YQ", "1"), desc=f"{adj}: the reported quarter a year before")
    return Parsed(D, "ago", ("Y", "1"), desc=f"{adj}: a year before publication")


@rule("thanksgiving", r"(?<![\w-])(?:(?P<det>last|next|this)\s+)?thanksgiving(?:\s+day)?(?![\w-])" + _HOLIDAY_TOD, 2)
def _thanksgiving(m: re.Match[str], ctx: Context) -> Parsed | None:
    det = (m["det"] or "").lower()
    tod = _tod(m["tod"])
    return Parsed(T if tod else D, "thx", (det,) if det else (), tod=tod, desc=" ".join(m.group(0).lower().split()))


@rule(
    "moveable_feast",
    r"(?<![\w-])(?:(?P<det>last|next|this)\s+)?(?-i:(?P<f>Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday"
    r"|Election\s+Day|Labor\s+Day|Memorial\s+Day|Black\s+Friday|Cyber\s+Monday|Presidents['’]?\s+Day|Columbus\s+Day"
    r"|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|MLK\s+Day|Father['’]s\s+Day|Thanksgiving(?=\s+weekend)))(?P<wk>\s+week(?P<we>end)?)?(?:\s+(?P<year>\d{4}))?(?:\s+(?P<tod>morning|afternoon|evening|night)(?![\w-]))?"
    r"(?![\w-]|\s+(?:Island|Rising))",
    2,
)
def _moveable_feast(m: re.Match[str], ctx: Context) -> Parsed | None:
    """Easter and the days counted from it, and the US holidays fixed by a weekday of a month (and the shopping
    days after Thanksgiving). "Labor Day weekend", "Easter weekend": the weekend of the holiday (the one before
    a Monday holiday)."""
    name = " ".join(m["f"].lower().replace("’", "'").split()).replace("easter sunday", "easter")
    name = (
        "martin luther king day"
        if name.startswith(("martin luther", "mlk"))
        else name.replace("presidents'", "presidents")
    )
    week = bool(m["wk"]) and not m["we"]  # "Easter week": the week the day falls in
    if m["we"]:
        if m["tod"]:
            return None
        if m["year"]:
            day = feast_day(name, int(m["year"]))
            return _abs(D, holiday_weekend(day), f"{name} weekend {m['year']}, stated")
        det = (m["det"] or "").lower()
        return Parsed(D, "feast", (name.replace(" ", "_"), det, "weekend"), desc=" ".join(m.group(0).lower().split()))
    if m["year"]:
        day = feast_day(name, int(m["year"]))
        y, w, _ = day.isocalendar()
        if week:
            return _abs(D, f"{y}-W{w:02d}", f"{name} week {m['year']}, stated")
        tod = _tod(m["tod"])
        return _abs(T if tod else D, day.isoformat() + tod, f"{name} {m['year']}, stated")
    det = (m["det"] or "").lower()
    if week and m["tod"]:
        return None
    tod = _tod(m["tod"])
    args = (name.replace(" ", "_"), det, *(("week",) if week else ()))
    return Parsed(T if tod else D, "feast", args, tod=tod, desc=" ".join(m.group(0).lower().split()))


@rule(
    "mid_century",
    r"(?<![\w-])(?:by|until|till|before|around|towards?)\s+(?P<x>(?:the\s+)?mid-?\s?century)(?=\s*[,.;:)]|\s+(?:and|or|when|if)\b)",
    1,
)
def _mid_century(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Net zero by mid-century": the middle of this century, as "the middle of the century" is ("mid-century
    modern" furniture is a style, left out by the words the pattern needs around it)."""
    return Parsed(D, "unit", ("CE", "0"), mod="MID", desc="mid-century")


@rule("year_to_date", r"(?<![\w-])year[\s-]to[\s-]date(?![\w-])", 1)
def _year_to_date(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "The index is up 19% year to date", "year-to-date sales": this year so far, as "so far this year" is."""
    return Parsed(D, "unit", ("Y", "0"), desc="the year to date")


@rule("year_end", r"(?<![\w-])(?:(?:the\s+)?year[\s-]end|year's\s+end)(?![\w-])", 1)
def _year_end(m: re.Match[str], ctx: Context) -> Parsed | None:
    if ctx.word_before(m.start()) == "since":  # "up 4% since year-end": the last one, behind us
        return Parsed(D, "unit", ("Y", "-1"), mod="END", desc="the end of last year (since ...)")
    return Parsed(D, "unit", ("Y", "0"), mod="END", desc="the end of this year")


@rule(
    "the_year",
    r"(?P<pre>for|in|during|throughout|of|over)?\s*(?P<x>the\s+(?:full\s+|fiscal\s+|current\s+fiscal\s+|calendar\s+)?year)"
    r"(?![\w-])(?P<post>\s+(?:ended|ending|to)\b)?",
    0,
)
def _the_year(m: re.Match[str], ctx: Context) -> Parsed | None:
    if m["post"]:
        return _abs(DUR, "P1Y", "the year ended ...: a year-long reporting period")
    if not m["pre"]:
        return None
    # the word that qualifies "the year" ("the year that ...", "the year before"), not one past a comma or period
    nxt = "" if re.match(r"\s*[^\w\s]", ctx.text[m.end("x") : m.end("x") + 3]) else ctx.word_after(m.end("x"))
    if "current" in m["x"].lower():
        nxt = ""  # "the current fiscal year that ...": fixed by "current", whatever follows
    if nxt == "of" and re.match(r"\s+of\s+(?:[A-Z]{0,2}[$€£¥]|\d)", ctx.text[m.end("x") : m.end("x") + 12]):
        nxt = ""  # "a high for the year of $42": the amount the year reached, not "the year of the crash"
    if nxt in (
        "since",
        "after",
        "before",
        "that",
        "when",
        "in",
        "of",
        "following",
        "earlier",
        "ago",
        "which",
        "before",
    ):
        return None
    return Parsed(D, "unit", ("Y", "0"), desc=f"{' '.join(m['x'].lower().split())}: the year of publication")


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


@rule(
    "decade_words",
    r"(?:the\s+|nineteen[\s-]+)(?:(?P<mod>early|late|mid)[\s-]*)?(?:nineteen[\s-]+)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![\w-])",
    2,
)
def _decade_words(m: re.Match[str], ctx: Context) -> Parsed | None:
    d = _DECADE_WORDS[m["d"].lower()]
    return _abs(D, f"19{d}", f"the 19{d}0s, spelled out", _mod(m["mod"]))


# --- reporting periods named by year, weeks named by a day, parts of a day ----------------------


@rule(
    "year_period",
    rf"the\s+(?P<year>{YEAR})\s+(?P<n>period|quarter)(?![\w-])"
    r"|the\s+(?:same\s+|corresponding\s+|comparable\s+)?(?P<n2>period|quarter|month)\s+(?:of\s+|in\s+)?"
    r"(?P<ago>last\s+year|a\s+year\s+(?:ago|earlier)|the\s+(?:previous|prior)\s+year)(?![\w-])",
    3,
)
def _year_period(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "the 1988 period", "the quarter a year ago": an earnings report's quarter, in the year it names."""
    if (m["n2"] or "").lower() == "month":
        # "up from the same month last year": the month the story is at, a year before
        return Parsed(D, "ago", ("YM", "1"), desc="the same month a year before", ref="story")
    quarterly = ctx.quarterly or (m["n"] or m["n2"]).lower() == "quarter"
    if m["ago"]:
        code = "YQ" if quarterly else "Y"
        return Parsed(D, "ago", (code, "1"), desc=f"the {(m['n2']).lower()} a year before")
    if m["n"].lower() == "period" and ctx.sentence_mentions(m.start(), _LONGER_PERIODS):
        # "net was $306 million in the first nine months, against $195 million in the 1988 period": that stretch of 1988
        return _abs(D, m["year"], f"the {m['year']} period, compared with months named in the sentence")
    if not quarterly:
        return None
    return Parsed(D, "qof", (m["year"],), desc=f"the reported quarter of {m['year']}")


#: periods longer than a quarter that earnings reports compare ("the first nine months", "the first half")
_LONGER_PERIODS = ("nine months", "six months", "nine-month", "six-month", "first half", "half-year", "first nine")


@rule("week_of", rf"the\s+week\s+of\s+(?P<mon>{MON})\s+(?P<day>{DAYNUM})(?:,?\s+(?P<year>{YEAR}))?", 4)
def _week_of(m: re.Match[str], ctx: Context) -> Parsed | None:
    month, day = _month(m["mon"]), int(re.match(r"\d+", m["day"]).group(0))
    if m["year"]:
        try:
            y, w, _ = dt.date(int(m["year"]), month, day).isocalendar()
        except ValueError:
            return None
        return _abs(D, f"{y}-W{w:02d}", f"the week of {MONTH_NAMES[month]} {day} {m['year']}, stated")
    return Parsed(D, "mdw", (str(month), str(day)), desc=f"the week of {MONTH_NAMES[month]} {day}")


@rule(
    "mid_tod",
    rf"(?:(?P<mod>early|late)\s+in\s+the\s+|mid[\s-]?)(?P<tod>morning|afternoon|evening)"
    rf"(?:\s+(?:on\s+)?(?P<w>yesterday|today|tomorrow|{WD}))?(?![\w-])",
    2,
)
def _mid_tod(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "mid-afternoon yesterday", "by mid morning": a part of a day."""
    tod = _tod(m["tod"])
    w = (m["w"] or "").lower()
    if w in WEEKDAYS:
        return Parsed(T, "wd", (str(_wd(w)),), tod=tod, desc=m.group(0).lower())
    return Parsed(T, "day", (str(_DEICTIC.get(w, 0)),), tod=tod, desc=m.group(0).lower(), ref="" if w else "story")


#: what "overnight" qualifies when it is a kind of thing, not a night ("an overnight success", "the overnight rate")
_OVERNIGHT_KINDS = frozenset(
    {"success", "successes", "sensation", "star", "stay", "stays", "trip", "trips", "flight", "flights", "train"}
    | {"trains", "bag", "bags", "guest", "guests", "delivery", "shipping", "rate", "rates", "lending", "loan"}
    | {"loans", "market", "markets", "money", "funds", "deposit", "deposits", "repo", "camp", "shelter", "visit"}
    | {"visits", "parking", "bus", "buses", "ferry", "hike", "oats", "shift", "shifts", "care", "sleepover"}
    | {"index", "interbank", "borrowing", "borrowings", "repurchase", "libor", "bags", "express", "mail", "courier"}
)
#: "overnight" as "suddenly": "it will not change overnight", "almost overnight"
_SUDDENLY_BEFORE = re.compile(
    r"\b(?:almost|virtually|practically|literally|nearly|seemingly|change[sd]?|changing|happen(?:s|ed)?|disappear(?:s|ed)?"
    r"|vanish(?:es|ed)?|transform(?:s|ed)?|become|became|turn(?:s|ed)?)\s+$",
    re.IGNORECASE,
)


#: a denial before "overnight" in its clause: the "suddenly" sense ("did not happen overnight")
_NOT_OVERNIGHT = re.compile(r"\b(?:not|never|rarely|seldom|n['’]t|cannot|no\s+one)\b[^.;,:]*$", re.IGNORECASE)


@rule("overnight", r"(?<![\w-])overnight(?![\w-])", 1)
def _overnight(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "Police arrested two men overnight", "overnight losses in New York", "will shift east overnight": the night
    just gone in a past clause (before the story's day), tonight otherwise (TimeML: a TIME, TNI)."""
    if ctx.word_after(m.end()) in _OVERNIGHT_KINDS or ctx.word_before(m.start()) in ("an", "a", "the", "every", "each"):
        return None
    if _SUDDENLY_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()) or _NOT_OVERNIGHT.search(
        ctx.text, max(0, m.start() - 50), m.start()
    ):
        return None  # "will not change overnight", "democracies rarely fail overnight": suddenly, no night
    # counted back ("ago"), so that the night does not become the story's day: "Markets fell overnight but
    # recovered by midday" puts midday on the day after that night, not on it
    if clause_tense(ctx.doc, m.start(), m.end()) == "past":
        return Parsed(T, "ago", ("D", "1"), tod="TNI", desc="overnight, past tense: the night before", ref="past")
    return Parsed(T, "ago", ("D", "0"), tod="TNI", desc="overnight: tonight")


@rule("midweek", r"(?<![\w-])mid-?week(?![\w-])", 1)
def _midweek(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "a goalless draw in midweek", "will review it midweek": the middle of the week of publication."""
    if ctx.word_before(m.start()) in ("a", "an", "every", "each"):
        return None  # "a midweek game": any week's
    return Parsed(D, "unit", ("W", "0"), mod="MID", desc="midweek: this week")


@rule("at_the_time", r"(?:at|by)\s+(?P<x>(?:the|that)\s+time)(?=\s*[,.;:)'\"])", 1)
def _at_the_time(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "said at the time": the past the story tells of."""
    return _abs(D, "PAST_REF", "at the time: a reference to the past")


@rule("term", r"(?:in|over|for|of)\s+(?P<x>the\s+(?:near|short|long)\s+term)(?![\w-])", 1)
def _term(m: re.Match[str], ctx: Context) -> Parsed | None:
    """ "in the near term": the future, vaguely."""
    return _abs(D, "FUTURE_REF", "the near/short/long term: a reference to the future")
