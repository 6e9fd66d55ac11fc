"""Merging: candidates from every document become the timeline's events.

The same event retold by several outlets is one event with several sources. Candidates
are compared only within blocks that share an actor (or a predicate) and a coarse date,
so the work grows with the block sizes, not with the square of the corpus; a pair joins
when its dates are compatible and it shares enough of who and what (actors, content
lemmas, quoted words, numbers). A cluster keeps the intersection of its members' date
bounds, so two reports on different days — a Sunday statement and Wednesday remarks by
the same person — can never end up in one event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from timeline.candidates import DocumentAnalysis, EventCandidate, EventKind
from timeline.model import Certainty, Event, Precision, Quote, Source, date_bounds, date_precision

MERGE_THRESHOLD = 3.0
NEIGHBOURS = 60  # in a big block (a story's main actor), each candidate meets this many date-neighbours
_CERTAINTY_RANK = {Certainty.STATED: 0, Certainty.RESOLVED: 1, Certainty.INFERRED: 2, Certainty.BOUNDED: 3, None: 4}


class ActorLookup(Protocol):
    def actor_for(self, document_id: str, mention: object) -> str | None: ...


# --- what two reports share ------------------------------------------------------------


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_key(name: str) -> str:
    """The last word of a name: "Donald Trump", "Trump" and "former President Trump" share "trump"."""
    words = re.findall(r"\w+", fold(name))
    words = [w for w in words if w not in ("s",)]
    return words[-1] if words else ""


def actor_keys(candidate: EventCandidate) -> tuple[str, ...]:
    """Name keys of the candidate's actors, subject first, without repeats."""
    keys: list[str] = []
    for mention in candidate.actors:
        key = name_key(mention.text)
        if len(key) >= 2 and key not in keys:
            keys.append(key)
    return tuple(keys)


def quote_shingles(candidate: EventCandidate) -> frozenset[tuple[str, ...]]:
    """Word 4-grams of the candidate's quotes: two outlets quoting one sentence share several."""
    grams: set[tuple[str, ...]] = set()
    for quote in candidate.quotes:
        words = re.findall(r"\w+", fold(quote.text))
        grams.update(tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return frozenset(grams)


def bounds_of(candidate: EventCandidate) -> tuple[dt.date, dt.date] | None:
    if not candidate.date:
        return None
    try:
        return date_bounds(candidate.date)
    except ValueError:
        return None


def compatible(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    """Dates that can mean the same day: either unknown, or overlapping bounds."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


@dataclass(frozen=True, slots=True)
class Features:
    """What :func:`similarity` reads of a candidate, worked out once per candidate."""

    candidate: EventCandidate
    bounds: tuple[dt.date, dt.date] | None
    keys: tuple[str, ...]
    shingles: frozenset[tuple[str, ...]]


def features(candidate: EventCandidate) -> Features:
    return Features(candidate, bounds_of(candidate), actor_keys(candidate), quote_shingles(candidate))


def similarity(a: EventCandidate, b: EventCandidate) -> float:
    """How strongly two candidates look like reports of one event (0 when their dates exclude it).

    Shared subject and actors, the share of content lemmas in common (over the smaller
    set, so a short report of a long one still counts), shared quoted words and numbers,
    and the same predicate. Different numbers on both sides ("7 countries" / "11 allies")
    count against, as do reports with neither actors nor quotes in common.
    """
    return _similarity(features(a), features(b))


def _similarity(fa: Features, fb: Features) -> float:
    if not compatible(fa.bounds, fb.bounds):
        return 0.0
    a, b = fa.candidate, fb.candidate
    ka, kb = fa.keys, fb.keys
    shared_actors = set(ka) & set(kb)
    common = len(fa.shingles & fb.shingles)
    # one common phrase is not one quotation: several 4-grams, and a fair share of the shorter quote
    shared_quotes = common >= 2 and common >= 0.3 * min(len(fa.shingles), len(fb.shingles))
    if not shared_actors and not shared_quotes:
        return 0.0
    if ka and kb and ka[0] != kb[0] and not shared_quotes and EventKind.STATEMENT in (a.kind, b.kind):
        return 0.0  # two speakers on one day are two statements unless they quote the same words
    score = 0.0
    if ka and kb and ka[0] == kb[0]:
        score += 1.5
    elif shared_actors:
        score += 0.75
    la, lb = a.lemmas, b.lemmas
    if la and lb:
        overlap = len(la & lb) / min(len(la), len(lb))
        score += 3.0 * overlap if min(len(la), len(lb)) >= 3 else 1.5 * overlap
    if shared_quotes:
        score += 2.0
    if a.numbers and b.numbers:
        score += 1.0 if a.numbers & b.numbers else -1.5
    if a.predicate and a.predicate == b.predicate:
        score += 0.5
    if a.date and b.date and a.date == b.date:
        score += 0.5
    if _one_occasion(fa, fb):
        score += 0.5
    return score


def _one_occasion(fa: Features, fb: Features) -> bool:
    """Statements by one speaker, both dated within a week that overlaps: likely one occasion."""
    if fa.candidate.kind != EventKind.STATEMENT or fb.candidate.kind != EventKind.STATEMENT:
        return False
    if not fa.keys or not fb.keys or fa.keys[0] != fb.keys[0] or fa.bounds is None or fb.bounds is None:
        return False
    week = dt.timedelta(days=7)
    return fa.bounds[1] - fa.bounds[0] <= week and fb.bounds[1] - fb.bounds[0] <= week


def block_keys(f: Features) -> set[tuple[str, str]]:
    """Blocking keys: (actor or predicate, year) — undated candidates under "?" and their actor."""
    bounds, candidate = f.bounds, f.candidate
    years = (
        ["?"]
        if bounds is None
        else [str(y) for y in range(bounds[0].year, min(bounds[1].year, bounds[0].year + 2) + 1)]
    )
    names = [f"a:{k}" for k in f.keys]
    names += [f"q:{g}" for g in sorted(" ".join(s) for s in f.shingles)[:3]]
    keys = {(n, y) for n in names for y in years}
    if candidate.predicate:
        keys |= {(f"p:{candidate.predicate}", y) for y in years}
    if bounds is not None:
        keys |= {(n, "?") for n in names}  # so an undated report can meet its dated twin
    return keys


# --- clusters -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    analysis: int  # index into the analyses
    candidate: int  # index into that analysis' candidates


class _Clusters:
    """Union-find whose clusters keep the intersection of their members' date bounds."""

    def __init__(self, bounds: list[tuple[dt.date, dt.date] | None]) -> None:
        self.parent = list(range(len(bounds)))
        self.bounds = list(bounds)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        bi, bj = self.bounds[ri], self.bounds[rj]
        if not compatible(bi, bj):
            return False
        self.parent[rj] = ri
        if bi is None or bj is None:
            self.bounds[ri] = bi or bj
        else:
            self.bounds[ri] = (max(bi[0], bj[0]), min(bi[1], bj[1]))
        return True


def cluster_candidates(candidates: Sequence[EventCandidate], continued: Sequence[int | None] = ()) -> list[list[int]]:
    """Groups of candidate indexes that report one event; blocked, then joined best pair first.

    ``continued[i]`` is the index of the candidate that candidate ``i`` goes on with
    ("… he added"), which the per-document stage already knows is the same statement.
    """
    feats = [features(c) for c in candidates]
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(feats):
        for key in block_keys(c):
            blocks[key].append(i)
    scored: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > NEIGHBOURS:
            # sorted neighbourhood: a big block is compared along its date order, a window at a time
            members = sorted(members, key=lambda i: _date_order(feats[i]))
        for x, i in enumerate(members):
            for j in members[x + 1 : x + 1 + NEIGHBOURS]:
                pair = (i, j) if i < j else (j, i)
                if pair in scored:
                    continue
                fa, fb = feats[pair[0]], feats[pair[1]]
                scored[pair] = 0.0 if _never_merge(fa.candidate, fb.candidate) else _similarity(fa, fb)
    clusters = _Clusters([f.bounds for f in feats])
    for i, j in enumerate(continued):
        if j is not None:
            clusters.union(j, i)
    for (i, j), score in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < MERGE_THRESHOLD:
            break
        clusters.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(candidates)):
        groups[clusters.find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _date_order(f: Features) -> tuple[dt.date, dt.date, str]:
    bounds = f.bounds or (dt.date.max, dt.date.max)
    return (bounds[0], bounds[1], f.candidate.predicate)


def _never_merge(a: EventCandidate, b: EventCandidate) -> bool:
    """A report and what it reports ("X said on Sunday that Y happened in 2014") stay apart."""
    same_sentence = a.document == b.document and a.sentence == b.sentence
    return same_sentence and (a.reports is None) != (b.reports is None)


# --- events ---------------------------------------------------------------------------


def event_id(candidate: EventCandidate, salt: str = "") -> str:
    """Stable across rebuilds: depends only on where the passage is and what it reports."""
    key = f"{candidate.document}\0{candidate.start}\0{candidate.end}\0{candidate.predicate}{salt}"
    return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def candidate_source(analysis: DocumentAnalysis, candidate: EventCandidate) -> Source:
    expr = (
        analysis.times[candidate.time] if candidate.time is not None and candidate.time < len(analysis.times) else None
    )
    return Source(
        document=candidate.document,
        start=candidate.start,
        end=candidate.end,
        text=candidate.text,
        time_text=expr.text if expr else "",
        time_start=expr.start if expr else None,
        time_end=expr.end if expr else None,
        how=candidate.how,
    )


def _speaker(resolution: ActorLookup, candidate: EventCandidate, speaker: str | None) -> str | None:
    if not speaker:
        return None
    for mention in candidate.actors:
        if mention.text == speaker:
            found = resolution.actor_for(candidate.document, mention)
            if found:
                return found
    by_name = getattr(resolution, "actor_for_name", None)
    return by_name(speaker) if callable(by_name) else None


def _span_days(bounds: tuple[dt.date, dt.date]) -> int:
    return (bounds[1] - bounds[0]).days


def merged_date(members: Sequence[EventCandidate]) -> tuple[str | None, Precision | None, Certainty | None, str]:
    """The most precise date the members support: the narrowest one, or their bounds' intersection."""
    dated = [(c, b) for c in members if (b := bounds_of(c)) is not None]
    if not dated:
        return None, None, None, ""
    lo = max(b[0] for _, b in dated)
    hi = min(b[1] for _, b in dated)
    best, best_bounds = min(dated, key=lambda cb: (_span_days(cb[1]), _CERTAINTY_RANK.get(cb[0].certainty, 4)))
    if best_bounds == (lo, hi) or lo > hi:
        precision = best.precision or date_precision(best.date or "")
        return best.date, precision, best.certainty, best.how
    value = lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"
    precision = Precision.DAY if lo == hi else Precision.INTERVAL
    how = f"{value}: where the reports' dates overlap ({'; '.join(sorted({c.date or '' for c, _ in dated}))})"
    return value, precision, Certainty.BOUNDED, how


def _title_rank(candidate: EventCandidate) -> tuple:
    length = len(candidate.title)
    readable = 15 <= length <= 90 and " " in candidate.title
    return (not readable, not candidate.actors, _CERTAINTY_RANK.get(candidate.certainty, 4), abs(length - 50))


def _dedupe_quotes(quotes: Iterable[Quote]) -> tuple[Quote, ...]:
    kept: list[Quote] = []
    keys: list[str] = []
    for quote in quotes:
        key = " ".join(re.findall(r"\w+", fold(quote.text)))
        if not key:
            continue
        if any(key in k for k in keys):
            continue
        for n, k in enumerate(keys):
            if k in key:  # the longer quotation replaces a fragment of it
                kept[n], keys[n] = quote, key
                break
        else:
            kept.append(quote)
            keys.append(key)
    return tuple(kept)


def build_event(
    members: Sequence[tuple[DocumentAnalysis, EventCandidate]], resolution: ActorLookup, order: dict[str, int]
) -> Event:
    candidates = [c for _, c in members]
    date, precision, certainty, how = merged_date(candidates)
    lead = min(candidates, key=_title_rank)
    actors: list[str] = []
    for c in [lead, *candidates]:
        for mention in c.actors:
            actor = resolution.actor_for(c.document, mention)
            if actor and actor not in actors:
                actors.append(actor)
    quotes = _dedupe_quotes(Quote(q.text, _speaker(resolution, c, q.speaker)) for c in candidates for q in c.quotes)
    sources = sorted(
        ((a, c) for a, c in members),
        key=lambda ac: (
            (bounds_of(ac[1]) or (dt.date.max, dt.date.max))[0],
            order.get(ac[1].document, 0),
            ac[1].start,
        ),
    )
    unique_sources: list[Source] = []
    for a, c in sources:
        src = candidate_source(a, c)
        if not any(s.document == src.document and s.start == src.start for s in unique_sources):
            unique_sources.append(src)
    first = min(candidates, key=lambda c: (order.get(c.document, 0), c.start, c.predicate))
    if len(members) > 1:
        docs = len({c.document for c in candidates})
        how = f"{how}; {len(members)} reports in {docs} document{'s' if docs > 1 else ''}".lstrip("; ")
    return Event(
        id=event_id(first),
        title=lead.title,
        date=date,
        precision=precision,
        certainty=certainty,
        actors=tuple(actors),
        quotes=quotes,
        sources=tuple(unique_sources),
        how=how,
    )


def merge_candidates(analyses: Sequence[DocumentAnalysis], resolution: ActorLookup) -> list[Event]:
    """Events sorted by date (earliest bound, then latest), then document order; undated last."""
    order = {a.document: i for i, a in enumerate(analyses)}
    flat = [(a, c) for a in analyses for c in a.candidates]
    offsets: dict[str, int] = {}
    for n, (a, _) in enumerate(flat):
        offsets.setdefault(a.document, n)
    continued = [
        offsets[a.document] + c.continues
        if getattr(c, "continues", None) is not None and c.continues < len(a.candidates)
        else None
        for a, c in flat
    ]
    groups = cluster_candidates([_resolved(c, resolution) for _, c in flat], continued)
    events = [build_event([flat[i] for i in group], resolution, order) for group in groups]
    events = _unique_ids(events, [flat[g[0]][1] for g in groups])
    return sorted(events, key=lambda e: _sort_key(e, order))


def _unique_ids(events: list[Event], firsts: Sequence[EventCandidate]) -> list[Event]:
    """Two events told in one sentence with one verb get ids salted by their titles, then a counter."""
    seen: set[str] = set()
    out = []
    for event, first in zip(events, firsts, strict=True):
        ident, n = event.id, 0
        while ident in seen:
            n += 1
            ident = event_id(first, f"\0{event.title}\0{n}")
        seen.add(ident)
        out.append(event if ident == event.id else dataclasses.replace(event, id=ident))
    return out


def _resolved(candidate: EventCandidate, resolution: ActorLookup) -> EventCandidate:
    """The candidate with its mentions renamed to their actors, so "the NATO chief" meets "Stoltenberg"."""
    renamed = []
    for mention in candidate.actors:
        actor = resolution.actor_for(candidate.document, mention)
        renamed.append(dataclasses.replace(mention, text=actor.replace("-", " ")) if actor else mention)
    return dataclasses.replace(candidate, actors=tuple(renamed))


def _sort_key(event: Event, order: dict[str, int]) -> tuple:
    src = event.sources[0] if event.sources else None
    place = (order.get(src.document, 0), src.start) if src else (0, 0)
    if not event.date:
        return (1, "", "", *place)
    lo, hi = date_bounds(event.date)
    return (0, lo.isoformat(), hi.isoformat(), *place)
