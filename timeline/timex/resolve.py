"""Turning a parsed expression into a TimeML value against an anchor date.

A relative expression is kept as a small *rule* (``wd:6``, ``unit:Y:-1``, ``md:11:5``...)
plus the tense of its clause, so that the same expression can be resolved again later
against another anchor without the parse (:func:`timeline.times.reanchor`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.model import Precision, TimexType

from .lexicon import SEASON_MONTHS, WEEKDAY_NAMES


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the grammar read in a span, before any anchor is applied.

    kind "abs" carries its final ``value``; every other kind is relative and is
    resolved by :func:`resolve` from ``args``. ``tod`` is a time-of-day suffix
    (``TNI``, ``T22:00``) appended to a resolved day.
    """

    type: TimexType
    kind: str
    args: tuple[str, ...] = ()
    value: str = ""
    tod: str = ""
    mod: str = ""
    desc: str = ""
    #: narrative: "story" is resolved against the story's time (the last date the text gave), falling back
    #: to publication; "only" is dropped when the text gave no such date ("that day" alone); "past" is
    #: "story" in a past-tense clause only ("was shot at 10 p.m."), publication otherwise ("polls close at 8 p.m.")
    ref: str = ""

    @property
    def rule(self) -> str:
        if self.kind == "abs":
            return ""
        return ":".join((self.kind, *self.args)) + (f"@{self.tod}" if self.tod else "")


def parse_rule(rule: str) -> tuple[str, tuple[str, ...], str]:
    """``wd:6@TNI`` → ("wd", ("6",), "TNI")."""
    body, _, tod = rule.partition("@")
    kind, *args = body.split(":")
    return kind, tuple(args), tod


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str
    date: str | None
    precision: Precision | None
    how: str


# --- calendar helpers ---------------------------------------------------------------------


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    y, m = _add_months(year, month, 1)
    return dt.date(y, m, 1) - dt.timedelta(days=1)


def _week_value(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _span(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}" if a != b else a.isoformat()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_MOD_PARTS = {"START": (0, 1 / 3), "MID": (1 / 3, 2 / 3), "END": (2 / 3, 1.0)}


def _narrow(lo: dt.date, hi: dt.date, mod: str) -> str:
    """The part of [lo, hi] an ``early``/``mid``/``late`` modifier points at."""
    if mod not in _MOD_PARTS or lo == hi:
        return _span(lo, hi)
    a, b = _MOD_PARTS[mod]
    days = (hi - lo).days + 1
    start = lo + dt.timedelta(days=int(days * a))
    end = lo + dt.timedelta(days=max(int(days * b) - 1, int(days * a)))
    if (hi - lo).days >= 300:  # a year: speak in months
        return f"{start.year}-{start.month:02d}/{end.year}-{end.month:02d}"
    return _span(start, end)


@lru_cache(maxsize=4096)
def value_date(value: str, mod: str = "") -> tuple[str | None, Precision | None]:
    """The calendar date (ISO at precision or interval) and precision of a TimeML value (pure: cached)."""
    if value[:1] == "0" and re.fullmatch(r"0+(?:-.*)?", value[:4]):
        return None, None  # year 0 and before: not on the ISO calendar the model uses
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _safe_date(y, mo, d) is None:
            return None, None
        return value[:10], Precision.TIME if m.group(4) else Precision.DAY
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            return None, None
        if mod in _MOD_PARTS:
            return _narrow(dt.date(y, mo, 1), _month_end(y, mo), mod), Precision.MONTH
        return value, Precision.MONTH
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        y = int(value)
        if mod in _MOD_PARTS:
            return _narrow(dt.date(y, 1, 1), dt.date(y, 12, 31), mod), Precision.YEAR
        return value, Precision.YEAR
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None, None
        if m.group(3):
            return _span(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)), Precision.WEEK
        return _span(monday, monday + dt.timedelta(days=6)), Precision.WEEK
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q - 2:02d}/{y}-{3 * q:02d}", Precision.QUARTER
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return f"{y}-{6 * h - 5:02d}/{y}-{6 * h:02d}", Precision.INTERVAL
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y, s = int(m.group(1)), m.group(2)
        a, b = SEASON_MONTHS[s]
        if s == "WI":
            return f"{y - 1}-12/{y}-02", Precision.SEASON
        return f"{y}-{a:02d}/{y}-{b:02d}", Precision.SEASON
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        d = int(value) * 10
        if mod in ("START", "MID", "END"):
            a = {"START": 0, "MID": 3, "END": 7}[mod]
            return f"{d + a}/{d + a + 3 if mod != 'END' else d + 9}", Precision.DECADE
        return f"{d}/{d + 9}", Precision.DECADE
    m = re.fullmatch(r"(\d{2})", value)
    if m:
        c = int(value) * 100
        return f"{c:04d}/{c + 99:04d}", Precision.CENTURY
    return None, None


# --- resolution ---------------------------------------------------------------------------

_UNRESOLVED = {
    "Y": "XXXX",
    "M": "XXXX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "D": "XXXX-XX-XX",
    "Q": "XXXX-QX",
    "QC": "XXXX-QX",
    "YQ": "XXXX-QX",
    "YM": "XXXX-XX",
    "DE": "XXX",
    "CE": "XX",
    "H": "XXXX-XX-XX",
}
_UNIT_WORD = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "WE": "weekend",
    "D": "day",
    "Q": "quarter",
    "QC": "quarter",
    "YQ": "year (quarter reported)",
    "YM": "year (month reported)",
    "DE": "decade",
    "CE": "century",
    "H": "hour",
}


def _unit_value(anchor: dt.date, unit: str, n: int, direction: str = "") -> str:
    """The calendar unit containing ``anchor`` shifted by ``n`` units, as a TimeML value."""
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "W":
        return _week_value(anchor + dt.timedelta(weeks=n))
    if unit == "WE":
        day = anchor + dt.timedelta(weeks=n)
        if n == 0 and direction == "past" and anchor.weekday() < 5:
            day -= dt.timedelta(weeks=1)
        return _week_value(day) + "-WE"
    if unit in ("D", "H"):
        return _iso(anchor + dt.timedelta(days=n))
    if unit == "Q":
        y, m = _add_months(anchor.year, anchor.month, 3 * n - (3 if direction == "past" else 0))
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "QC":  # "the current quarter": never shifted by tense
        y, m = _add_months(anchor.year, anchor.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "DE":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}"
    raise ValueError(unit)


def _ago_value(anchor: dt.date, unit: str, n: int) -> str:
    """``n`` units before (n > 0) or after (n < 0) the anchor, at the unit's granularity."""
    if unit == "Y":
        return f"{anchor.year - n:04d}"
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, -n)
        return f"{y:04d}-{m:02d}"
    if unit == "W":
        return _week_value(anchor - dt.timedelta(weeks=n))
    if unit in ("D", "H"):
        return _iso(anchor - dt.timedelta(days=n if unit == "D" else round(n / 24)))
    if unit == "Q":
        y, m = _add_months(anchor.year, anchor.month, -3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "YM":  # "a year earlier" beside a month's figures, counted from that month
        return f"{anchor.year - n:04d}-{anchor.month:02d}"
    if unit == "YQ":  # "a year ago" in a report on a quarter: that quarter a year before
        y, m = _add_months(anchor.year, anchor.month, -3 - 12 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "DE":
        return f"{(anchor.year - 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(anchor.year - 100 * n) // 100:02d}"
    raise ValueError(unit)


def _pick_year(anchor: dt.date, month: int, day: int | None, direction: str) -> int:
    """The year of a month (or month-day) named without one, by the clause's tense.

    Past: the latest such date not after publication (a date may run two or three months past
    it: deadlines and record dates are set in the past tense). Future: the earliest not
    before it. No tense: the nearest.
    """

    def when(y: int) -> tuple[dt.date, dt.date]:
        if day is not None:
            d = _safe_date(y, month, min(day, 28 if month == 2 else day)) or dt.date(y, month, 1)
            return d, d
        return dt.date(y, month, 1), _month_end(y, month)

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    slack = dt.timedelta(days=90 if day is not None else 62)
    back = dt.timedelta(days=7 if day is not None else 0)
    if direction == "present":  # "is running for re-election in November", "the summit opens on Nov. 5"
        # ... but a month just over is still the one a present tense names ("the cold follows the wettest
        # December", written in January; "figures for May show ..." in June)
        direction, back = "future", dt.timedelta(days=31)
    if direction == "past":
        return max(y for y in years if when(y)[0] <= anchor + slack)
    if direction == "future":
        return min(y for y in years if when(y)[1] >= anchor - back)
    return min(
        years,
        key=lambda y: (
            abs((when(y)[0] - anchor).days) if when(y)[0] > anchor else max(0, (anchor - when(y)[1]).days),
            y != anchor.year,
        ),
    )


def _day_of_month(anchor: dt.date, d: int, direction: str) -> dt.date:
    """The ``d``-th of the month before, of, or after ``anchor``'s (skipping months too short for it): the last one
    on or before it in the past tense, the first on or after it in the future or present, else the nearest."""
    days = []
    for n in (-1, 0, 1):
        y, m = _add_months(anchor.year, anchor.month, n)
        day = _safe_date(y, m, d)
        if day is not None:
            days.append(day)
    if direction == "past":
        return max((x for x in days if x <= anchor), default=days[0])
    if direction in ("future", "present"):
        return min((x for x in days if x >= anchor), default=days[-1])
    return min(days, key=lambda x: (abs((x - anchor).days), x > anchor))


#: how far past publication an "as of" month-day in a past or tenseless clause may lie
_AS_OF_AHEAD = 31


def _weekday(anchor: dt.date, wd: int, direction: str, det: str) -> tuple[dt.date, str]:
    """The date of weekday ``wd`` (1 = Monday) near ``anchor``, and how it was chosen."""
    delta = wd - anchor.isoweekday()
    if det == "last":
        back = (anchor.isoweekday() - wd) % 7 or 7
        return anchor - dt.timedelta(days=back), "the last one before"
    if det == "next":
        fwd = (wd - anchor.isoweekday()) % 7 or 7
        return anchor + dt.timedelta(days=fwd), "the next one after"
    if det[:1] == "w" and det[1:].isdigit():  # "a week from Monday", "Tuesday week": the next one, weeks on
        fwd = (wd - anchor.isoweekday()) % 7 + 7 * int(det[1:])
        return anchor + dt.timedelta(days=fwd), f"{det[1:]} week(s) after the next one on or after"
    if det[:2] == "w-" and det[2:].isdigit():  # "a week ago Saturday": the last one, weeks before
        back = (anchor.isoweekday() - wd) % 7 + 7 * int(det[2:])
        return anchor - dt.timedelta(days=back), f"{det[2:]} week(s) before the last one on or before"
    if det == "near":  # the day of a plan called off: the nearest one, behind or ahead
        back = (anchor.isoweekday() - wd) % 7
        if back <= 3:
            return anchor - dt.timedelta(days=back), "the nearest, before or on"
        return anchor + dt.timedelta(days=7 - back), "the nearest, after"
    if det == "this" and not direction:
        return anchor + dt.timedelta(days=delta), "in the week of"
    if det == "later":  # "later Thursday": that day, or the next one
        return anchor + dt.timedelta(days=(wd - anchor.isoweekday()) % 7), "on or after"
    if det == "earlier":  # "earlier Thursday": that day, or the last one
        return anchor - dt.timedelta(days=(anchor.isoweekday() - wd) % 7), "on or before"
    if direction == "future":
        fwd = (wd - anchor.isoweekday()) % 7 or 7
        return anchor + dt.timedelta(days=fwd), "after"
    if direction == "present":  # "meet separately Monday": a present-tense plan
        fwd = (wd - anchor.isoweekday()) % 7
        return anchor + dt.timedelta(days=fwd), "on or after"
    back = (anchor.isoweekday() - wd) % 7
    return anchor - dt.timedelta(days=back), "on or before"


def _season_year(anchor: dt.date, season: str, n: int) -> int:
    """The year of "this/last/next <season>"; winter ``Y-WI`` runs from December Y-1 to February Y."""
    a, b = SEASON_MONTHS[season]
    if season == "WI":
        current = anchor.year + (anchor.month == 12)
        if n == 0:
            return current if anchor.month in (12, 1, 2) or anchor.month < 6 else current + 1
        if n < 0:
            return current - 1 if anchor.month in (12, 1, 2) else current
        return current + 1
    if n == 0:
        return anchor.year
    if n < 0:
        return anchor.year if anchor.month > b else anchor.year - 1
    return anchor.year if anchor.month < a else anchor.year + 1


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the computus' own letter)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th (``-1``: last) ``weekday`` (0 = Monday) of a month."""
    if n < 0:
        last = _month_end(year, month)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def feast_day(name: str, year: int) -> dt.date:
    """The day of a holiday whose date moves: Easter and its neighbours, US Election, Labor and Memorial Day, the
    shopping days after Thanksgiving."""
    if name == "easter":
        return _easter(year)
    if name == "good friday":
        return _easter(year) - dt.timedelta(days=2)
    if name == "easter monday":
        return _easter(year) + dt.timedelta(days=1)
    if name == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    if name == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if name in ("black friday", "cyber monday"):  # the Friday and Monday after Thanksgiving (fourth Thursday)
        return _nth_weekday(year, 11, 3, 4) + dt.timedelta(days=1 if name == "black friday" else 4)
    if name in _NTH_WEEKDAY_HOLIDAYS:  # US holidays on the n-th weekday of a month ("Presidents Day")
        return _nth_weekday(year, *_NTH_WEEKDAY_HOLIDAYS[name])
    raise ValueError(f"unknown holiday {name!r}")


#: (month, weekday with 0 = Monday, n) of holidays on the n-th weekday of a month
_NTH_WEEKDAY_HOLIDAYS = {
    "martin luther king day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "columbus day": (10, 0, 2),
    "father's day": (6, 6, 3),
    "thanksgiving": (11, 3, 4),
}


def holiday_weekend(day: dt.date) -> str:
    """The weekend of a holiday ("Labor Day weekend", "Easter weekend"): the one just before a Monday holiday,
    else the one of its week."""
    return _week_value(day - dt.timedelta(days=2) if day.isoweekday() == 1 else day) + "-WE"


def _season_by_tense(anchor: dt.date, season: str, direction: str) -> int:
    """The year of a season named bare ("in the spring"), as a month's: past, the latest begun by
    publication; future or present, the earliest not yet over."""

    def bounds(y: int) -> tuple[dt.date, dt.date]:
        a, b = SEASON_MONTHS[season]
        start = dt.date(y - 1, 12, 1) if season == "WI" else dt.date(y, a, 1)
        return start, _month_end(y, b)

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if direction == "past":
        return max(y for y in years if bounds(y)[0] <= anchor)
    return min(y for y in years if bounds(y)[1] >= anchor)


def resolve(
    p: Parsed | tuple[str, tuple[str, ...], str], anchor: dt.date | None, direction: str, mod: str = "", desc: str = ""
) -> Resolved:
    """Value, calendar date, precision and a one-line derivation of a relative expression."""
    if isinstance(p, Parsed):
        kind, args, tod, mod, desc = p.kind, p.args, p.tod, p.mod, p.desc
    else:
        kind, args, tod = p
    suffix = tod if (not tod or tod.startswith("T")) else "T" + tod
    tense = f"{direction} tense" if direction else "no tense"

    if anchor is None:
        value = _unresolved(kind, args) + suffix
        return Resolved(value, None, None, f"{desc}, relative, no publication date: unresolved")

    pub = anchor.isoformat()
    how_tail = ""
    date_override: str | None = None
    if kind == "day":
        n = int(args[0])
        value = _iso(anchor + dt.timedelta(days=n))
        how_tail = f"{'+' if n >= 0 else ''}{n} day(s) from publication {pub}"
    elif kind == "wd":
        wd, det = int(args[0]), (args[1] if len(args) > 1 else "")
        later_today = mod == "END" or suffix in ("TMO", "TAF", "TEV", "TNI") or suffix[1:2].isdigit()
        if direction == "future" and not det and wd == anchor.isoweekday() and later_today:
            # "results are expected late Sunday", "will speak on Friday evening", in that day's paper: later today
            day, rel = anchor, "later on the day of"
        else:
            day, rel = _weekday(anchor, wd, direction, det)
        value = _iso(day)
        how_tail = f"{tense}, {rel} publication {pub}"
    elif kind == "unit":
        unit, n = args[0], int(args[1])
        # "the quarter" in a past or tenseless clause is the last one reported, not the one running
        q_dir = "past" if unit == "Q" and n == 0 and direction in ("past", "") else direction
        value = _unit_value(anchor, unit, n, q_dir if (unit == "WE" or (unit == "Q" and n == 0)) else "")
        how_tail = f"{'this' if n == 0 else f'{n:+d}'} {_UNIT_WORD.get(unit, unit)} from publication {pub}"
        if unit == "W" and n == 0 and direction in ("future", "present") and anchor.isoweekday() == 7:
            # "leaders travel to Italy this week", "will demand the report this week", in Sunday's paper: the week
            # that starts tomorrow (the ISO week ends on the Sunday)
            value = _unit_value(anchor, unit, 1)
            how_tail = f"this week ahead of a Sunday's publication {pub}"
    elif kind == "part":  # earlier/later this week
        unit, side = args[0], args[1]
        value = _unit_value(anchor, unit, 0)
        lo, hi = _bounds_of(value)
        if side == "before":
            hi = max(lo, anchor - dt.timedelta(days=1))
        else:
            lo = min(hi, anchor + dt.timedelta(days=1))
        date_override = _span(lo, hi)
        how_tail = f"{side} publication {pub} within this {_UNIT_WORD.get(unit, unit)}"
    elif kind == "ago":
        unit, n = args[0], int(args[1])
        value = _ago_value(anchor, unit, n)
        how_tail = f"{abs(n)} {_UNIT_WORD.get(unit, unit)}(s) {'before' if n > 0 else 'after'} publication {pub}"
        if mod in ("LESS_THAN", "EQUAL_OR_LESS") and n > 0:  # "less than two weeks ago": any day since then
            date_override = _span(_bounds_of(value)[0], anchor)
            how_tail += ", or less: up to publication"
    elif kind == "mon":
        month = int(args[0])
        det = args[1] if len(args) > 1 else ""
        if det == "last":
            # the latest one before this month; the month just past is "last month", so "last February" written
            # in March is the February of the year before
            year = anchor.year - (month >= anchor.month - 1)
        elif det == "next":
            year = anchor.year + (month <= anchor.month)
        elif det == "since" or (det == "asof" and direction != "future"):
            year = anchor.year - (month > anchor.month)  # "since March": the latest one begun by publication
        elif det == "asof":  # "as of March, the law will…"
            year = _pick_year(anchor, month, None, direction)
        elif det:
            year = anchor.year + int(det)
        else:
            year = _pick_year(anchor, month, None, direction)
        value = f"{year:04d}-{month:02d}"
        how_tail = f"{tense}, publication {pub}"
    elif kind == "md":
        month, day = int(args[0]), int(args[1])
        if args[2:] in (("since",), ("done",)):
            # "since the March 3 shooting", "the July 4 parade drew crowds": the latest such day by publication
            year = anchor.year - ((month, day) > (anchor.month, anchor.day))
        elif args[2:] == ("asof",) and direction != "future":
            # "as of March 3, it holds…": the latest such day by publication, or a few weeks past it (a
            # record date set in the past tense: "a dividend payable to holders of record as of June 6")
            soon = anchor + dt.timedelta(days=_AS_OF_AHEAD)
            years = (anchor.year - 1, anchor.year, anchor.year + 1)
            year = max(y for y in years if (_safe_date(y, month, day) or dt.date(y, month, 28)) <= soon)
        else:
            year = _pick_year(anchor, month, day, direction)
        value = f"{year:04d}-{month:02d}-{day:02d}"
        how_tail = (
            f"{tense}, year of publication {pub}"
            if year == anchor.year
            else f"{tense}, nearest year to publication {pub}"
        )
    elif kind == "dom":  # "on the 14th": that day of this month, or of the one before or after, by the tense
        day = _day_of_month(anchor, int(args[0]), direction)
        value = _iso(day)
        how_tail = f"{tense}, the nearest such day to publication {pub}"
    elif kind == "qof":  # "the 1988 period": the quarter being reported, in the year named
        year = int(args[0])
        q = _quarter(dt.date(*_add_months(anchor.year, anchor.month, -3), 1))
        value = f"{year:04d}-Q{q}"
        how_tail = f"the quarter reported before publication {pub}, in {year}"
    elif kind == "mdw":  # "the week of March 6"
        month, day = int(args[0]), int(args[1])
        year = _pick_year(anchor, month, day, direction)
        d = _safe_date(year, month, day)
        value = _week_value(d) if d else f"{year:04d}-WXX"
        how_tail = f"{tense}, the week of that day, publication {pub}"
    elif kind == "season":
        season, n = args[0], int(args[1])
        if args[2:] == ("tense",) and direction:
            year = _season_by_tense(anchor, season, direction)
            how_tail = f"{tense}, publication {pub}"
        elif args[2:] == ("year",):  # "the spring of last year": the season of the year so many from publication's
            year = anchor.year + n
            how_tail = f"{n:+d} year from publication {pub}"
        else:
            year = _season_year(anchor, season, n)
            how_tail = f"{'this' if n == 0 else f'{n:+d}'} season from publication {pub}"
        value = f"{year:04d}-{season}"
    elif kind == "qtr":
        q, n = int(args[0]), int(args[1])
        year = anchor.year + n
        fiscal_now = args[2:] == ("fiscal",) and anchor.month + 12 - 3 * q > 4
        if n == 0 and direction in ("past", "") and q > _quarter(anchor) and not fiscal_now:
            # "fourth-quarter earnings" in February: the quarter reported, not the one to come; but a company
            # reporting "third-quarter" results in March reports its fiscal third quarter, numbered in this year
            # (last year's calendar third quarter was reported months ago)
            year -= 1
        value = f"{year:04d}-Q{q}"
        how_tail = f"{tense}, year of publication {pub}"
    elif kind == "half":
        h, n = int(args[0]), int(args[1])
        year = anchor.year + n
        if n == 0 and direction == "past" and h == 2 and anchor.month <= 6:
            year -= 1
        value = f"{year:04d}-H{h}"
        how_tail = f"{tense}, year of publication {pub}"
    elif kind == "thx":  # US Thanksgiving: the fourth Thursday of November
        det = args[0] if args else ""
        year = {"last": anchor.year - 1, "next": anchor.year + 1}.get(det) or _pick_year(anchor, 11, 25, direction)
        first = dt.date(year, 11, 1)
        day = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        value = _iso(day)
        how_tail = f"fourth Thursday of November, {tense}, publication {pub}"
    elif kind == "feast":  # "Easter", "Election Day": a day fixed anew each year
        name, det = args[0].replace("_", " "), (args[1] if len(args) > 1 else "")
        if det == "last":
            year = max(y for y in (anchor.year - 1, anchor.year) if feast_day(name, y) < anchor)
        elif det == "next":
            year = min(y for y in (anchor.year, anchor.year + 1) if feast_day(name, y) > anchor)
        elif det == "this":
            year = anchor.year
        else:
            week = args[2:] == ("week",)
            spans = []  # (first day, last day, year): "Easter week" is past once its Monday is
            for y in (anchor.year - 1, anchor.year, anchor.year + 1):
                d = feast_day(name, y)
                spans.append((_week_bounds(d) if week else (d, d)) + (y,))
            if direction == "past":
                year = max(y for a, _, y in spans if a <= anchor)
            elif direction in ("future", "present"):
                year = min(y for _, b, y in spans if b >= anchor)
            else:
                year = min(
                    spans,
                    key=lambda s: (
                        0 if s[0] <= anchor <= s[1] else min(abs((s[0] - anchor).days), abs((s[1] - anchor).days)),
                        s[2] != anchor.year,
                    ),
                )[2]
        day = feast_day(name, year)
        value = _week_value(day) if args[2:] == ("week",) else _iso(day)
        if args[2:] == ("weekend",):
            value = holiday_weekend(day)
        how_tail = f"{name} of {year}, {tense}, publication {pub}"
    else:
        raise ValueError(f"unknown rule kind {kind!r}")

    if value.startswith("-") or len(value.split("-")[0]) > 4:
        value = _unresolved(kind, args)  # before year 1 or after 9999: off the calendar
    if suffix and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        value += suffix
    if date_override is not None:
        date, precision = date_override, Precision.INTERVAL
    else:
        date, precision = value_date(value, mod)
    return Resolved(value, date, precision, f"{desc}, {how_tail} → {value}")


def _bounds_of(value: str) -> tuple[dt.date, dt.date]:
    date, _ = value_date(value)
    assert date is not None
    from timeline.model import date_bounds

    return date_bounds(date)


def _unresolved(kind: str, args: tuple[str, ...]) -> str:
    if kind == "day":
        return "XXXX-XX-XX"
    if kind == "wd":
        return f"XXXX-WXX-{args[0]}"
    if kind in ("unit", "part", "ago"):
        return _UNRESOLVED.get(args[0], "XXXX")
    if kind == "mon":
        return f"XXXX-{int(args[0]):02d}"
    if kind == "md":
        return f"XXXX-{int(args[0]):02d}-{int(args[1]):02d}"
    if kind == "dom":
        return f"XXXX-XX-{int(args[0]):02d}"
    if kind == "season":
        return f"XXXX-{args[0]}"
    if kind == "qtr":
        return f"XXXX-Q{args[0]}"
    if kind == "half":
        return f"XXXX-H{args[0]}"
    if kind == "thx":
        return "XXXX-11-XX"
    if kind == "feast":
        return {("week",): "XXXX-WXX", ("weekend",): "XXXX-WXX-WE"}.get(tuple(args[2:]), "XXXX-XX-XX")
    if kind == "qof":
        return f"{args[0]}-QX"
    if kind == "mdw":
        return "XXXX-WXX"
    return "XXXX"


def weekday_name(n: int) -> str:
    return WEEKDAY_NAMES[n]
