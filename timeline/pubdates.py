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

Cost, near-linear in the corpus: each candidate's best match is worked out once a round
(:class:`_Index`), comparing precomputed features; a candidate meets every reference that
shares an actor key while those are few (``EXACT_POOL``), and in a bigger pool (a story's
main actor, in a month of coverage) only the ``TOP_REFERENCES`` that share most of its
rarer content — words, figures and quoted phrases held by at most a tenth of the
block (and at most ``COMMON_HOLDERS`` references), the rarer the heavier. Only there can a
match be missed: a reference sharing nothing rare with the candidate is not compared.
Each open expression is resolved once per day of the window.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline.candidates import DocumentAnalysis, EventCandidate, EventKind
from timeline.merge import Features, bounds_of, features, quotes_shared
from timeline.merge import similarity_of as _similarity
from timeline.model import Certainty, DateSource, Document, Precision, TimeExpression, date_bounds

MATCH_THRESHOLD = 3.0  # similarity for "the same event" (see timeline.merge.similarity)
AMBIGUITY = 0.5  # a second match this close, on other days, leaves the first unsure
SURE_THRESHOLD = 3.5  # ... when no time expression of the article bears the match out
WINDOW = 14  # days searched either side of the linked events
RECENCY = dt.timedelta(days=7)  # news is published within a week of the events it reports
SHORTLY = dt.timedelta(days=1)  # the newest event an article tells is the day of publication or the day before
_STRONG, _REPORTED, _STORY, _NEWEST, _RECENT, _SAME_DAY = 3.0, 1.0, 0.5, 1.0, 0.5, 0.25
EXACT_POOL = 256  # a candidate is compared with every reference sharing an actor key, up to this many
TOP_REFERENCES = 64  # beyond: only with the references sharing most of its rarer content
COMMON_SHARE = 0.1  # content held by more than this share of a block ranks nothing in it,
COMMON_HOLDERS = 256  # nor content held by more than this many of its references
_RESOLVED_MAX = 100_000


@dataclass(frozen=True, slots=True)
class PublicationDating:
    documents: tuple[Document, ...]
    analyses: tuple[DocumentAnalysis, ...]
    notes: tuple[str, ...] = ()
    comparisons: int = 0  # similarities computed between a candidate and a dated reference (work done)


@dataclass(frozen=True, slots=True)
class Constraint:
    """A reading of the text that admits some publication days and not others."""

    admits: Callable[[dt.date], bool]
    weight: float
    why: str
    # when ``admits`` is only "from ``span[0]`` to ``span[1]``" (either end open): solve reads
    # these for every day at once, before resolving any expression
    span: tuple[dt.date | None, dt.date | None] | None = None


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


def _content(f: Features) -> set[object]:
    """What ranks references in a big pool: content lemmas, figures, quoted 4-grams."""
    return {*f.candidate.lemmas, *f.figures, *f.shingles}


class _Index:
    """Dated candidates of dated documents, blocked by actor key; best matches worked out once.

    Built once a round: the references do not change within it, so a candidate's best
    match (asked for its constraints, its window and its date) is memoised.
    """

    def __init__(
        self,
        analyses: Sequence[DocumentAnalysis],
        dated: set[str],
        known: dict[int, tuple[EventCandidate, Features]] | None = None,
    ) -> None:
        self.known = {} if known is None else known  # candidate id → its features, kept across rounds
        self.references: list[_Reference] = []
        self.features: list[Features] = []
        self.blocks: dict[str, list[int]] = defaultdict(list)
        self.rare: dict[str, dict[object, list[int]]] = {}  # big block → content → its references there
        self.best: dict[int, tuple[EventCandidate, _Reference | None]] = {}
        self.compared = 0  # similarity computations, for benchmarks
        for analysis in analyses:
            if analysis.document not in dated:
                continue
            for c in analysis.candidates:
                b = bounds_of(c)
                if b is None or c.certainty == Certainty.BOUNDED or (b[1] - b[0]).days > 31:
                    continue
                if c.kind == EventKind.SCHEDULED or c.tense == "future":
                    continue  # a plan: what another article reports as done may not be it, nor on that day
                if second_hand(c):
                    continue  # its date is a copy of a reference's, which is here itself: no chains of likeness
                f = self.features_of(c)
                n = len(self.references)
                self.references.append(_Reference(c, b))
                self.features.append(f)
                for key in f.keys:
                    self.blocks[key].append(n)

    def match(self, candidate: EventCandidate) -> _Reference | None:
        """The dated reference most similar to ``candidate`` (at least ``MATCH_THRESHOLD``), or None."""
        memo = self.best.get(id(candidate))
        if memo is not None and memo[0] is candidate:
            return memo[1]
        f = self.features_of(candidate)
        pool: list[int] = []
        if sum(len(self.blocks.get(key, ())) for key in f.keys) <= 4 * EXACT_POOL:  # else too many anyway
            pool = list(dict.fromkeys(n for key in f.keys for n in self.blocks.get(key, ())))
        if not pool or len(pool) > EXACT_POOL:
            pool = self._ranked(f)
        best: tuple[float, int] | None = None
        scored: list[tuple[float, int]] = []
        for n in pool:  # in block order: the first of equal scores wins
            score = _similarity(f, self.features[n])
            if score >= MATCH_THRESHOLD:
                scored.append((score, n))
                if best is None or score > best[0]:
                    best = (score, n)
        self.compared += len(pool)
        if best is not None and self._ambiguous(best, scored):
            best = None
        found = self.references[best[1]] if best else None
        self.best[id(candidate)] = (candidate, found)
        return found

    def _ambiguous(self, best: tuple[float, int], scored: list[tuple[float, int]]) -> bool:
        """A nearly as good match on days the best excludes: one of a recurring kind (a weekly
        rally, a daily briefing), and nothing says which."""
        lo, hi = self.references[best[1]].bounds
        for score, n in scored:
            other = self.references[n].bounds
            if score >= best[0] - AMBIGUITY and (other[0] > hi or other[1] < lo):
                return True
        return False

    def sure(self, candidate: EventCandidate, ref: _Reference) -> bool:
        """Is the match plain on its own: the same quoted words, or a likeness of ``SURE_THRESHOLD``?"""
        fa, fb = self.features_of(candidate), self.features_of(ref.candidate)
        return _similarity(fa, fb) >= SURE_THRESHOLD or quotes_shared(fa, fb)

    def features_of(self, candidate: EventCandidate) -> Features:
        got = self.known.get(id(candidate))
        if got is None or got[0] is not candidate:
            got = self.known[id(candidate)] = (candidate, features(candidate))
        return got[1]

    def _ranked(self, f: Features) -> list[int]:
        """The ``TOP_REFERENCES`` of a big pool that share the most rare content, rarer weighing
        more, in pool order (the candidate's first key's block first, each block in its order)."""
        weight: dict[int, float] = defaultdict(float)
        content = _content(f)
        for key in f.keys:
            members = self.blocks.get(key, ())
            if not members:
                continue
            postings = self._postings(key)
            limit = min(max(8, int(COMMON_SHARE * len(members))), COMMON_HOLDERS)
            for item in content:
                holders = postings.get(item, ())
                if 0 < len(holders) <= limit:
                    w = math.log(len(members) / len(holders))
                    for n in holders:
                        weight[n] += w
        top = heapq.nsmallest(TOP_REFERENCES, weight, key=lambda n: (-weight[n], n))
        return sorted(top, key=lambda n: self._pool_order(f, n))

    def _pool_order(self, f: Features, n: int) -> tuple[int, int]:
        keys = self.features[n].keys
        return next(i for i, key in enumerate(f.keys) if key in keys), n

    def _postings(self, key: str) -> dict[object, list[int]]:
        found = self.rare.get(key)
        if found is None:
            found = defaultdict(list)
            for n in self.blocks[key]:
                for item in _content(self.features[n]):
                    found[item].append(n)
            self.rare[key] = found
        return found


def _best_match(candidate: EventCandidate, index: _Index) -> _Reference | None:
    return index.match(candidate)


class _Resolver:
    """Open expressions resolved against candidate publication days, each once a build.

    Keyed by what the expression says, not where: the "Saturday" of one article read
    against a day is the "Saturday" of the next. Bounded: cleared when it grows past
    ``_RESOLVED_MAX`` pairs.
    """

    def __init__(self) -> None:
        self.memo: dict[tuple, tuple[dt.date, dt.date] | None] = {}

    def __call__(self, expr: TimeExpression, anchor: dt.date) -> tuple[dt.date, dt.date] | None:
        key = (expr.text, expr.rule, expr.direction, expr.mod, expr.value, expr.type, anchor)
        try:
            return self.memo[key]
        except KeyError:
            if len(self.memo) >= _RESOLVED_MAX:
                self.memo.clear()
            found = self.memo[key] = _resolved_bounds(expr, anchor)
            return found


def _denoting_days(expr: TimeExpression, target: tuple[dt.date, dt.date], resolved: _Resolver) -> int:
    """On how many of the days from the target to ``2 * WINDOW`` after it the open expression means
    the target: none for a wrong match, a week for "Saturday", all of them for "Nov. 25"."""
    count = 0
    for k in range(2 * WINDOW + 1):
        got = resolved(expr, target[0] + dt.timedelta(days=k))
        if got is not None and target[0] <= got[0] and got[1] <= target[1]:
            count += 1
    return count


def _published_after(lo: dt.date, where: str) -> Constraint:
    """An article reports what happened before it was published."""
    return Constraint(lambda a: a >= lo, _REPORTED, f"reports {where}, so published after", span=(lo, None))


def document_constraints(
    analysis: DocumentAnalysis, index: _Index, resolved: _Resolver | None = None
) -> list[Constraint]:
    """Every constraint an undated article's links to dated articles put on its publication date."""
    constraints: list[Constraint] = []
    linked: list[tuple[dt.date, dt.date]] = []
    pins: list[bool] = []  # for each link whose time expression pins a day: does it only just make the threshold?
    resolved = resolved or _Resolver()
    for c in analysis.candidates:
        ref = _best_match(c, index)
        if ref is None:
            continue
        where = f"{c.title[:50]!r} is {ref.candidate.date} in {ref.candidate.document}"
        expr = _open_expression(analysis, c)
        after = [] if c.tense == "future" else [_published_after(ref.bounds[0], where)]
        if c.date:  # dated in its own words ("joined in April 2023"): background, not the article's news
            constraints += after
            continue
        timed = expr is not None and _day(ref.bounds)
        if not timed and not index.sure(c, ref):
            continue  # a likeness no time expression bears out: one speaker's two statements, say
        if expr is not None and timed:
            target = ref.bounds
            reach = _denoting_days(expr, target, resolved)
            if not reach:
                # "Thursday" can never be a Saturday: the match is wrong, not the date; said, never counted
                why = f"{expr.text!r} can never mean {ref.candidate.date}: {where}"
                constraints.append(Constraint(lambda a: False, _REPORTED, why))
                continue
            if reach > WINDOW:
                # "Nov. 25" names that day from anywhere in the months after it: a background fact
                if index.sure(c, ref):
                    constraints += after
                continue

            def admits(a: dt.date, expr: TimeExpression = expr, target: tuple[dt.date, dt.date] = target) -> bool:
                got = resolved(expr, a)
                return got is not None and target[0] <= got[0] and got[1] <= target[1]

            constraints.append(Constraint(admits, _STRONG, f"{expr.text!r}: {where}"))
            pins.append(not index.sure(c, ref))
        constraints += after
        linked.append(ref.bounds)
    if not linked or pins == [True]:
        return []  # one bare likeness alone pins no day: a speaker says much the same on many days
    start = min(b[0] for b in linked)
    latest = max(b[1] for b in linked)  # a month-long event may have ended late in its month
    constraints.append(
        Constraint(
            lambda a: a <= latest + RECENCY,
            _RECENT,
            f"news within a week of the latest linked event ({latest})",
            span=(None, latest + RECENCY),
        )
    )
    opens = [e for c in analysis.candidates if (e := _open_expression(analysis, c)) and c.tense != "future"]
    for expr in opens:

        def in_story(a: dt.date, expr: TimeExpression = expr) -> bool:
            got = resolved(expr, a)
            return got is None or got[1] >= start - SHORTLY  # the eve of the story is still in it

        constraints.append(Constraint(in_story, _STORY, f"{expr.text!r} falls within the story (from {start})"))
    if opens:
        newest: dict[dt.date, dt.date | None] = {}

        def newest_start(a: dt.date) -> dt.date | None:
            """The latest start of the article's open expressions read against ``a``."""
            if a not in newest:
                starts = [b[0] for e in opens if (b := resolved(e, a))]
                newest[a] = max(starts) if starts else None
            return newest[a]

        def newest_recent(a: dt.date) -> bool:
            last = newest_start(a)
            return last is not None and a - last <= SHORTLY

        constraints.append(Constraint(newest_recent, _NEWEST, "the newest event it tells happened shortly before it"))

        def newest_today(a: dt.date) -> bool:
            return newest_start(a) == a

        constraints.append(Constraint(newest_today, _SAME_DAY, "news of the day: its newest event is that day's"))
    return constraints


def solve(constraints: Sequence[Constraint], around: tuple[dt.date, dt.date]) -> tuple[list[dt.date], list[str]]:
    """The days (within ``WINDOW`` of ``around``) that satisfy the most weight, and the reasons broken.

    Branch and bound, exact: days are tried best-first by the weight of their span
    constraints (summed for the whole window at once), and a day stops being read as soon
    as the weight still open to it cannot reach the best found, so a window of years
    costs few resolutions of the article's expressions.
    """
    first = around[0] - dt.timedelta(days=WINDOW)
    size = (around[1] - around[0]).days + 2 * WINDOW + 1
    spans = [c for c in constraints if c.span is not None]
    dear = sorted((c for c in constraints if c.span is None), key=lambda c: -c.weight)
    rest = [sum(c.weight for c in dear[k:]) for k in range(len(dear) + 1)]
    delta = [0.0] * (size + 1)
    for c in spans:
        lo, hi = c.span or (None, None)
        i = 0 if lo is None else min(max((lo - first).days, 0), size)
        j = size if hi is None else min(max((hi - first).days + 1, 0), size)
        if i < j:
            delta[i] += c.weight
            delta[j] -= c.weight
    base = [0.0] * size
    running = 0.0
    for i in range(size):
        running += delta[i]
        base[i] = running
    top: float | None = None
    best: list[dt.date] = []
    for i in sorted(range(size), key=lambda i: -base[i]):
        if top is not None and base[i] + rest[0] < top - 1e-9:
            break  # sorted: no later day can reach the best either
        d = first + dt.timedelta(days=i)
        got: float | None = base[i]
        for k, c in enumerate(dear):
            if top is not None and got + rest[k] < top - 1e-9:
                got = None
                break
            if c.admits(d):
                got += c.weight
        if got is None:
            continue
        score = sum(c.weight for c in constraints if c.admits(d))  # in the given order, as summed before
        if top is None or score > top:
            top, best = score, [d]
        elif score == top:
            best.append(d)
    best.sort()
    broken = [c.why for c in constraints if c.weight >= _REPORTED and not all(c.admits(d) for d in best)]
    return best, broken


def redate(
    analysis: DocumentAnalysis, days: Sequence[dt.date], published: str, resolved: _Resolver | None = None
) -> DocumentAnalysis:
    """Re-resolve the article's open relative dates against every admissible publication day."""
    candidates = []
    resolved = resolved or _Resolver()
    for c in analysis.candidates:
        expr = _open_expression(analysis, c)
        if c.date or expr is None:
            candidates.append(c)
            continue
        results = [resolved(expr, d) for d in days]
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


def date_linked(analysis: DocumentAnalysis, index: _Index, days: Sequence[dt.date]) -> DocumentAnalysis:
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
        how = f"{ref.candidate.date}: {_SAME_EVENT} {ref.candidate.title[:50]!r} in {ref.candidate.document}"
        candidates.append(
            dataclasses.replace(
                c, date=ref.candidate.date, precision=ref.candidate.precision, certainty=Certainty.INFERRED, how=how
            )
        )
    return dataclasses.replace(analysis, candidates=tuple(candidates))


_SAME_EVENT = "the same event as"


def second_hand(candidate: EventCandidate) -> bool:
    """Was the candidate dated by :func:`date_linked`, from another article's report of its event?"""
    return candidate.certainty == Certainty.INFERRED and f": {_SAME_EVENT} " in candidate.how


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


def infer_publication_dates(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis], jobs: int = 1
) -> PublicationDating:
    """Documents with inferred publication dates, analyses re-dated from them.

    Two rounds: an article dated in the first can date another in the second. An article
    that shares nothing dated with the rest stays undated, and a note says so. With
    ``jobs > 1`` a round's many undated articles are dated by that many processes (the
    result is the same: each article is dated from the round's index alone).
    """
    docs = list(documents)
    found = list(analyses)
    position = {a.document: n for n, a in enumerate(found)}
    notes: list[str] = []
    dated = {d.id for d in docs if d.published}
    pending = [n for n, d in enumerate(docs) if not d.published and d.id in position]
    resolved = _Resolver()
    known: dict[int, tuple[EventCandidate, Features]] = {}
    comparisons = 0
    for _ in range(2):
        if not pending or not dated:
            break
        index = _Index(found, dated, known)
        still = []
        work = [(docs[n], found[position[docs[n].id]]) for n in pending]
        for n, outcome in zip(pending, _date_each(work, index, resolved, jobs), strict=True):
            if outcome is None:
                still.append(n)
                continue
            doc, analysis, said = outcome
            docs[n] = doc
            found[position[doc.id]] = analysis
            notes += said
            dated.add(doc.id)
        pending = still
        comparisons += index.compared
    for n in pending:
        notes.append(f"{docs[n].id}: no publication date; nothing it shares with a dated article dates it")
    return PublicationDating(tuple(docs), tuple(found), tuple(notes), comparisons)


def date_document(
    document: Document, analysis: DocumentAnalysis, index: _Index, resolved: _Resolver
) -> tuple[Document, DocumentAnalysis, list[str]] | None:
    """One undated article dated from ``index``: the document, its re-dated analysis and the
    notes to show; None when nothing links it to a dated article."""
    constraints = document_constraints(analysis, index, resolved)
    if not constraints:
        return None
    reported = [c for c in constraints if c.weight >= _REPORTED]
    around = _around(constraints, analysis, index)
    days, broken = solve(constraints, around)
    published = _span(days)
    how = "; ".join(dict.fromkeys(c.why for c in reported if all(c.admits(d) for d in days)))
    notes = []
    if broken:
        notes.append(f"{document.id}: conflicting evidence for the publication date; kept {published}, "
                     f"set aside: {'; '.join(broken)}")  # fmt: skip
    document = dataclasses.replace(
        document,
        published=published,
        published_from=DateSource.INFERRED,
        published_how=f"{published}: {how}" if how else published,
    )
    analysis = date_linked(redate(analysis, days, published, resolved), index, days)
    notes.append(f"{document.id}: publication date inferred as {published}")
    return document, analysis, notes


PARALLEL_MIN = 32  # undated articles a round needs before it is shared among processes
_Work = Sequence[tuple[Document, DocumentAnalysis]]
_Outcome = tuple[Document, DocumentAnalysis, list[str]] | None


def _date_each(work: _Work, index: _Index, resolved: _Resolver, jobs: int) -> list[_Outcome]:
    """:func:`date_document` of each article, in order; shared among ``jobs`` forked processes
    when there are many (the corpus stages otherwise leave every core but one idle)."""
    from timeline.parse import FORK, in_forked_ranges

    def date_range(start: int, end: int) -> tuple[list[_Outcome], int]:
        before = index.compared
        out = [date_document(d, a, index, resolved) for d, a in work[start:end]]
        return out, index.compared - before

    if jobs <= 1 or len(work) < PARALLEL_MIN or not FORK:
        return date_range(0, len(work))[0]
    out: list[_Outcome] = []
    for part, compared in in_forked_ranges(date_range, len(work), jobs, tasks_per_job=4):
        out += part
        index.compared += compared  # (each process counted on its own copy of the index)
    return out


def _around(constraints: Sequence[Constraint], analysis: DocumentAnalysis, index: _Index) -> tuple[dt.date, dt.date]:
    linked = [r.bounds for c in analysis.candidates if (r := _best_match(c, index))]
    return min(b[0] for b in linked), max(b[1] for b in linked)
