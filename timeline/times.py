"""Time expressions in a parsed document: find them, normalise them to TimeML, anchor them.

``find_times(doc, anchor)`` runs the rules of :mod:`timeline.timex.grammar` over the
document text (patterns compiled once, at import), keeps the longest non-overlapping
matches, reads the tense of each relative expression's clause from the parse, and
resolves it against the publication date. ``reanchor`` resolves a relative expression
again against another date, without the parse: the rule and the tense are stored on
the expression.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left
from re import _constants as _C  # type: ignore[attr-defined]
from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
from typing import TYPE_CHECKING

from timeline.doctext import doc_text
from timeline.model import TimeExpression, TimexType
from timeline.timex.context import Context
from timeline.timex.grammar import RULES
from timeline.timex.resolve import Parsed, parse_rule, resolve, value_date
from timeline.timex.tense import clause_tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_spans", "find_times", "reanchor"]

_TRIM = " \t\r\n,;:!?\"'()[]"
_APPROX_BEFORE = re.compile(r"(?<![\w-])(?:around|approximately|circa)\s+$", re.IGNORECASE)
_POINTS = (TimexType.DATE, TimexType.TIME)
_SENTENCE_END = re.compile(r"\s*(?:\n|$)|\s+[A-Z\"“]")


# --- pre-filter: a rule runs only over a text holding a word its every match must contain ---------


def _required(seq: list) -> frozenset[str] | None:
    """Strings of which every match of the parsed pattern ``seq`` contains one (lower case), or None.

    Read from the pattern's parse tree: a run of literal letters is required; an alternation
    requires one of its branches' requirements; a group or a repeat taken at least once, its
    content's. Of several requirements of a sequence, the one with the longest strings is kept.
    """
    best: frozenset[str] | None = None

    def keep(cand: frozenset[str] | None) -> None:
        nonlocal best
        if cand and (best is None or (min(map(len, cand)), -len(cand)) > (min(map(len, best)), -len(best))):
            best = cand

    run = ""
    for op, av in seq:
        if op is _C.LITERAL and av < 128 and chr(av).isprintable():
            run += chr(av).lower()
            continue
        keep(frozenset({run}) if run else None)
        run = ""
        if op is _C.SUBPATTERN:
            keep(_required(av[3]))
        elif op is _C.ATOMIC_GROUP:
            keep(_required(av))
        elif op is _C.BRANCH:
            parts = [_required(b) for b in av[1]]
            keep(None if any(p is None for p in parts) else frozenset().union(*parts))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            keep(_required(av[2]))
    keep(frozenset({run}) if run else None)
    return best


def _requirements() -> list[frozenset[str] | None]:
    out = []
    for r in RULES:
        try:
            out.append(_required(list(_sre_parse(r.pattern.pattern, r.pattern.flags))))
        except Exception:  # an unreadable pattern simply always runs
            out.append(None)
    return out


#: characters that match an ASCII letter under IGNORECASE without lower-casing to it (ı İ ſ K):
#: a text holding one runs every rule
_ODD_FOLDS = ("\u0131", "\u0130", "\u017f", "\u212a")
_REQUIRED = _requirements()


def _runnable(text: str) -> list:
    """The rules that can match somewhere in ``text``."""
    if any(c in text for c in _ODD_FOLDS):
        return list(RULES)
    low = text.lower()
    seen: dict[str, bool] = {}
    out = []
    for r, req in zip(RULES, _REQUIRED, strict=True):
        if req is not None:
            ok = False
            for k in req:
                hit = seen.get(k)
                if hit is None:
                    hit = seen[k] = k in low
                if hit:
                    ok = True
                    break
            if not ok:
                continue
        out.append(r)
    return out


def find_spans(doc: Doc) -> list[tuple[int, int, Parsed]]:
    """Longest non-overlapping rule matches, in text order."""
    ctx = Context(doc)
    text = doc_text(doc)
    found: list[tuple[int, int, int, Parsed]] = []
    for r in _runnable(text):
        for m in r.pattern.finditer(text):
            try:
                s, e = m.span("x") if "x" in r.pattern.groupindex else m.span()
            except IndexError:
                s, e = m.span()
            ctx.cut = ctx.cut_end = None
            parsed = r.handler(m, ctx)
            if parsed is None:
                continue
            if ctx.cut is not None:
                s = max(s, ctx.cut)
            if ctx.cut_end is not None:
                e = min(e, ctx.cut_end)
            if text.endswith("m.", s, e) and _SENTENCE_END.match(text, e):
                e -= 1  # "10 p.m." closing a sentence: the period is the sentence's
            while s < e and text[s] in _TRIM:
                s += 1
            while e > s and text[e - 1] in _TRIM:
                e -= 1
            approx = _APPROX_BEFORE.search(text, max(0, s - 16), s) if parsed.type in _POINTS else None
            if approx and not parsed.mod and not text.startswith(("'s", "’s"), e):  # not "get around Monday's vote"
                s = approx.start()  # "around 7:15 p.m.": TimeML keeps the word, as mod APPROX
                parsed = dataclasses.replace(parsed, mod="APPROX")
            if e > s and not ctx.in_title(s, e):
                found.append((s, e, r.priority, parsed))
    found.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    starts: list[int] = []
    chosen: list[tuple[int, int, Parsed]] = []
    for s, e, _, p in found:
        i = bisect_left(starts, s)
        if i > 0 and chosen[i - 1][1] > s:
            continue
        if i < len(chosen) and chosen[i][0] < e:
            continue
        starts.insert(i, s)
        chosen.insert(i, (s, e, p))
    return chosen


def find_times(doc: Doc, anchor: dt.date | None) -> tuple[TimeExpression, ...]:
    """Every time expression of ``doc``, resolved against ``anchor`` (the publication date)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    out: list[TimeExpression] = []
    text = doc_text(doc)
    ref: tuple[dt.date, str, str] | None = None  # the story's time: the last calendar date the text gave
    for s, e, p in find_spans(doc):
        t = None
        if (
            p.ref
            and ref is not None
            and ref[1] in _REF_NEEDS.get(_rule_unit(p), ())
            and (p.ref != "past" or clause_tense(doc, s, e) == "past")
        ):
            t = _from_reference(doc, text, s, e, p, ref)
        if t is None and p.ref == "only":
            continue
        if t is None:
            t = _expression(doc, text, s, e, p, anchor)
        out.append(t)
        if t.type in (TimexType.DATE, TimexType.TIME) and p.kind != "ago":  # "up from $3 a year ago": a comparison
            ref = _reference(t) or ref
    return tuple(out)


#: which granularities of the reference time a narrative unit can count from
_REF_NEEDS = {
    "D": ("day",),
    "W": ("day", "week"),
    "M": ("day", "week", "month"),
    "Q": ("quarter",),  # "the quarter" is the last quarter named, not the one a date falls in
    "Y": ("day", "week", "month", "quarter", "year"),
    "DE": ("day", "week", "month", "quarter", "year"),
}
_REF_VALUE = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])))?(?=$|T|-(?:SP|SU|FA|WI)$|-H[12]$)")


def _rule_unit(p: Parsed) -> str:
    return "D" if p.kind in ("day", "wd") else (p.args[0] if p.kind == "unit" and p.args else "")


def _reference(t: TimeExpression) -> tuple[dt.date, str, str] | None:
    """(first day, granularity, text) of a calendar value that can serve as the story's time."""
    m = _REF_VALUE.match(t.value)
    if m is None:
        return None
    y, mo, d, w, q = m.groups()
    try:
        if d:
            return dt.date(int(y), int(mo), int(d)), "day", t.text
        if mo:
            return dt.date(int(y), int(mo), 1), "month", t.text
        if w:
            return dt.date.fromisocalendar(int(y), int(w), 1), "week", t.text
        if q:
            return dt.date(int(y), 3 * int(q) - 2, 1), "quarter", t.text
        return dt.date(int(y), 1, 1), "year", t.text
    except ValueError:
        return None


def _from_reference(
    doc: Doc, text: str, s: int, e: int, p: Parsed, ref: tuple[dt.date, str, str]
) -> TimeExpression | None:
    """A narrative expression ("the following year", "that day") counted from the story's time."""
    day, _, ref_text = ref
    r = resolve(p, day, "present")  # the unit the story is in: "the quarter" is the one named, not the one before
    if not re.match(r"\d{4}", r.value):
        return None
    how = r.how.replace(f"publication {day.isoformat()}", f"the story's time {day.isoformat()} ({ref_text!r})")
    return _made(text, s, e, p, value=r.value, date=r.date, precision=r.precision, anchor=day.isoformat(), how=how)


def _made(text: str, s: int, e: int, p: Parsed, **fields: object) -> TimeExpression:
    """The expression at ``text[s:e]`` with its parse's type and modifier, and ``fields``."""
    return TimeExpression(start=s, end=e, text=text[s:e], type=p.type, mod=p.mod, **fields)


def _expression(doc: Doc, text: str, s: int, e: int, p: Parsed, anchor: dt.date | None) -> TimeExpression:
    if p.kind == "abs":
        date, precision = value_date(p.value, p.mod) if p.type in (TimexType.DATE, TimexType.TIME) else (None, None)
        return _made(text, s, e, p, value=p.value, date=date, precision=precision, how=f"{p.desc} → {p.value}")
    direction = clause_tense(doc, s, e)
    r = resolve(p, anchor, direction)
    return _made(
        text,
        s,
        e,
        p,
        value=r.value,
        date=r.date,
        precision=r.precision,
        anchor=anchor.isoformat() if anchor else None,
        relative=True,
        resolved=anchor is not None,
        how=r.how,
        rule=p.rule,
        direction=direction,
    )


def reanchor(expr: TimeExpression, anchor: dt.date) -> TimeExpression:
    """The same relative expression resolved against ``anchor``; others come back unchanged."""
    if not expr.relative or not expr.rule:
        return expr
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    kind, args, tod = parse_rule(expr.rule)
    r = resolve((kind, args, tod), anchor, expr.direction, expr.mod, expr.text)
    return dataclasses.replace(
        expr, value=r.value, date=r.date, precision=r.precision, anchor=anchor.isoformat(), resolved=True, how=r.how
    )
