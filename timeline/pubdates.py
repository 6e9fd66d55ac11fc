"""Publication dates across articles: bound an undated article by what it shares with dated ones.

An undated article's "Saturday" rally is the rally another article dates 2024-02-10; the
only publication dates at which "Saturday" means 2024-02-10 are that day and the six
after it. Each such link is a constraint on the publication date, tried over a window of
days with :func:`timeline.times.reanchor` (so every relative rule the time engine knows —
weekdays, "yesterday", "last month", "earlier this week" — works alike). Weaker readings
of news add softer constraints: an article is published after the events it reports,
its relative dates point into the story rather than a week before it, and the newest
thing it tells happened shortly before it. The days that satisfy the most (weighted)
constraints are the publication date — one day, or an interval when only bounded; any
constraint they break is reported as a conflict. The article's relative dates are then
re-resolved against those days: one date when every admissible day agrees (``inferred``),
their span otherwise (``bounded``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline.candidates import DocumentAnalysis, EventCandidate
from timeline.merge import actor_keys, bounds_of, similarity
from timeline.model import Certainty, DateSource, Document, Precision, TimeExpression, date_bounds

MATCH_THRESHOLD = 3.0  # similarity for "the same event" (see timeline.merge.similarity)
WINDOW = 14  # days searched either side of the linked events
RECENCY = dt.timedelta(days=7)  # news is published within a week of the events it reports
SHORTLY = dt.timedelta(days=1)  # the newest event an article tells is the day of publication or the day before
_STRONG, _REPORTED, _STORY, _NEWEST, _RECENT, _SAME_DAY = 3.0, 1.0, 0.5, 1.0, 0.5, 0.25


@dataclass(frozen=True, slots=True)
class PublicationDating:
    documents: tuple[Document, ...]
    analyses: tuple[DocumentAnalysis, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Constraint:
    """A reading of the text that admits some publication days and not others."""

    admits: Callable[[dt.date], bool]
    weight: float
    why: str


def _day(bounds: tuple[dt.date, dt.date]) -> bool:
    return bounds[0] == bounds[1]


def _resolved_bounds(expr: TimeExpression, anchor: dt.date) -> tuple[dt.date, dt.date] | None:
    from timeline.times import reanchor

    date = reanchor(expr, anchor).date
    if not date:
        return None
    try:
        return date_bounds(date)
    except ValueError:
        return None


def _open_expression(analysis: DocumentAnalysis, candidate: EventCandidate) -> TimeExpression | None:
    """The candidate's relative time expression that no anchor resolved yet."""
    if candidate.time is None or candidate.time >= len(analysis.times):
        return None
    expr = analysis.times[candidate.time]
    return expr if expr.relative and expr.rule and not expr.date else None


@dataclass(frozen=True, slots=True)
class _Reference:
    candidate: EventCandidate
    bounds: tuple[dt.date, dt.date]


def _references(analyses: Sequence[DocumentAnalysis], dated: set[str]) -> dict[str, list[_Reference]]:
    """Dated candidates of dated documents, indexed by actor key (the blocking for matching)."""
    index: dict[str, list[_Reference]] = defaultdict(list)
    for analysis in analyses:
        if analysis.document not in dated:
            continue
        for c in analysis.candidates:
            b = bounds_of(c)
            if b is None or c.certainty == Certainty.BOUNDED or (b[1] - b[0]).days > 31:
                continue
            for key in actor_keys(c):
                index[key].append(_Reference(c, b))
    return index


def _best_match(candidate: EventCandidate, index: dict[str, list[_Reference]]) -> _Reference | None:
    seen: set[int] = set()
    best: tuple[float, _Reference] | None = None
    for key in actor_keys(candidate):
        for ref in index.get(key, ()):
            if id(ref) in seen:
                continue
            seen.add(id(ref))
            score = similarity(candidate, ref.candidate)
            if score >= MATCH_THRESHOLD and (best is None or score > best[0]):
                best = (score, ref)
    return best[1] if best else None


def document_constraints(analysis: DocumentAnalysis, index: dict[str, list[_Reference]]) -> list[Constraint]:
    """Every constraint an undated article's links to dated articles put on its publication date."""
    constraints: list[Constraint] = []
    linked: list[tuple[dt.date, dt.date]] = []
    for c in analysis.candidates:
        ref = _best_match(c, index)
        if ref is None:
            continue
        where = f"{c.title[:50]!r} is {ref.candidate.date} in {ref.candidate.document}"
        expr = _open_expression(analysis, c)
        if expr is not None and _day(ref.bounds):
            target = ref.bounds

            def admits(a: dt.date, expr: TimeExpression = expr, target: tuple[dt.date, dt.date] = target) -> bool:
                got = _resolved_bounds(expr, a)
                return got is not None and target[0] <= got[0] and got[1] <= target[1]

            constraints.append(Constraint(admits, _STRONG, f"{expr.text!r}: {where}"))
        if c.tense != "future":
            lo = ref.bounds[0]
            constraints.append(Constraint(lambda a, lo=lo: a >= lo, _REPORTED, f"reports {where}, so published after"))
        linked.append(ref.bounds)
    if not linked:
        return []
    start = min(b[0] for b in linked)
    latest = max(b[0] for b in linked)
    constraints.append(
        Constraint(
            lambda a: a <= latest + RECENCY, _RECENT, f"news within a week of the latest linked event ({latest})"
        )
    )
    opens = [(c, e) for c in analysis.candidates if (e := _open_expression(analysis, c)) and c.tense != "future"]
    for _, expr in opens:

        def in_story(a: dt.date, expr: TimeExpression = expr) -> bool:
            got = _resolved_bounds(expr, a)
            return got is None or got[1] >= start

        constraints.append(Constraint(in_story, _STORY, f"{expr.text!r} falls within the story (from {start})"))
    if opens:

        def newest_recent(a: dt.date) -> bool:
            ends = [b[0] for _, e in opens if (b := _resolved_bounds(e, a))]
            return bool(ends) and a - max(ends) <= SHORTLY

        constraints.append(Constraint(newest_recent, _NEWEST, "the newest event it tells happened shortly before it"))

        def newest_today(a: dt.date) -> bool:
            starts = [b[0] for _, e in opens if (b := _resolved_bounds(e, a))]
            return bool(starts) and max(starts) == a

        constraints.append(Constraint(newest_today, _SAME_DAY, "news of the day: its newest event is that day's"))
    return constraints


def solve(constraints: Sequence[Constraint], around: tuple[dt.date, dt.date]) -> tuple[list[dt.date], list[str]]:
    """The days (within ``WINDOW`` of ``around``) that satisfy the most weight, and the reasons broken."""
    days = [around[0] + dt.timedelta(days=n) for n in range(-WINDOW, (around[1] - around[0]).days + WINDOW + 1)]
    scored = [(sum(c.weight for c in constraints if c.admits(d)), d) for d in days]
    top = max(s for s, _ in scored)
    best = [d for s, d in scored if s == top]
    broken = [c.why for c in constraints if c.weight >= _REPORTED and not all(c.admits(d) for d in best)]
    return best, broken


def redate(analysis: DocumentAnalysis, days: Sequence[dt.date], published: str) -> DocumentAnalysis:
    """Re-resolve the article's open relative dates against every admissible publication day."""
    candidates = []
    for c in analysis.candidates:
        expr = _open_expression(analysis, c)
        if c.date or expr is None:
            candidates.append(c)
            continue
        results = [_resolved_bounds(expr, d) for d in days]
        if not results or any(r is None for r in results):
            candidates.append(c)
            continue
        lo = min(r[0] for r in results if r)
        hi = max(r[1] for r in results if r)
        values = {from_anchor for d in days if (from_anchor := _value(expr, d))}
        if len(values) == 1:
            value = values.pop()
            precision = expr.precision or _precision(value)
            certainty = Certainty.INFERRED
        else:
            value = lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"
            precision, certainty = Precision.INTERVAL, Certainty.BOUNDED
        how = f"{value}: {expr.text!r} against the inferred publication date {published}"
        candidates.append(dataclasses.replace(c, date=value, precision=precision, certainty=certainty, how=how))
    return dataclasses.replace(analysis, candidates=tuple(candidates))


def date_linked(
    analysis: DocumentAnalysis, index: dict[str, list[_Reference]], days: Sequence[dt.date]
) -> DocumentAnalysis:
    """Undated candidates that report an event a dated article dates take that date (``inferred``).

    Only events no later than the article's latest possible publication day: what an article
    reports as having happened cannot postdate it.
    """
    latest = max(days)
    candidates = []
    for c in analysis.candidates:
        ref = None if c.date or c.tense == "future" else _best_match(c, index)
        if ref is None or ref.bounds[1] > latest:
            candidates.append(c)
            continue
        how = f"{ref.candidate.date}: the same event as {ref.candidate.title[:50]!r} in {ref.candidate.document}"
        candidates.append(
            dataclasses.replace(
                c, date=ref.candidate.date, precision=ref.candidate.precision, certainty=Certainty.INFERRED, how=how
            )
        )
    return dataclasses.replace(analysis, candidates=tuple(candidates))


def _value(expr: TimeExpression, anchor: dt.date) -> str | None:
    from timeline.times import reanchor

    return reanchor(expr, anchor).date


def _precision(value: str) -> Precision | None:
    from timeline.model import date_precision

    try:
        return date_precision(value)
    except ValueError:
        return None


def _span(days: Sequence[dt.date]) -> str:
    lo, hi = min(days), max(days)
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"


def infer_publication_dates(documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]) -> PublicationDating:
    """Documents with inferred publication dates, analyses re-dated from them.

    Two rounds: an article dated in the first can date another in the second. An article
    that shares nothing dated with the rest stays undated, and a note says so.
    """
    docs = list(documents)
    found = list(analyses)
    position = {a.document: n for n, a in enumerate(found)}
    notes: list[str] = []
    dated = {d.id for d in docs if d.published}
    pending = [n for n, d in enumerate(docs) if not d.published and d.id in position]
    for _ in range(2):
        if not pending or not dated:
            break
        index = _references(found, dated)
        still = []
        for n in pending:
            doc = docs[n]
            analysis = found[position[doc.id]]
            constraints = document_constraints(analysis, index)
            if not constraints:
                still.append(n)
                continue
            reported = [c for c in constraints if c.weight >= _REPORTED]
            around = _around(constraints, analysis, index)
            days, broken = solve(constraints, around)
            published = _span(days)
            how = "; ".join(dict.fromkeys(c.why for c in reported if all(c.admits(d) for d in days)))
            if broken:
                notes.append(f"{doc.id}: conflicting evidence for the publication date; kept {published}, "
                             f"set aside: {'; '.join(broken)}")  # fmt: skip
            docs[n] = dataclasses.replace(
                doc,
                published=published,
                published_from=DateSource.INFERRED,
                published_how=f"{published}: {how}" if how else published,
            )
            found[position[doc.id]] = date_linked(redate(analysis, days, published), index, days)
            notes.append(f"{doc.id}: publication date inferred as {published}")
            dated.add(doc.id)
        pending = still
    for n in pending:
        notes.append(f"{docs[n].id}: no publication date; it shares no dated event with a dated article")
    return PublicationDating(tuple(docs), tuple(found), tuple(notes))


def _around(
    constraints: Sequence[Constraint], analysis: DocumentAnalysis, index: dict[str, list[_Reference]]
) -> tuple[dt.date, dt.date]:
    linked = [r.bounds for c in analysis.candidates if (r := _best_match(c, index))]
    return min(b[0] for b in linked), max(b[0] for b in linked)
