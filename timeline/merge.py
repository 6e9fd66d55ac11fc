"""Merging: candidates from every document become the timeline's events."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from timeline.candidates import DocumentAnalysis, EventCandidate
from timeline.model import Event, Quote, Source, date_bounds


class ActorLookup(Protocol):
    def actor_for(self, document_id: str, mention: object) -> str | None: ...


def event_id(candidate: EventCandidate) -> str:
    """Stable across rebuilds: depends only on where the passage is and what it reports."""
    key = f"{candidate.document}\0{candidate.start}\0{candidate.end}\0{candidate.predicate}"
    return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def candidate_source(analysis: DocumentAnalysis, candidate: EventCandidate) -> Source:
    expr = analysis.times[candidate.time] if candidate.time is not None else None
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


def candidate_event(analysis: DocumentAnalysis, candidate: EventCandidate, resolution: ActorLookup) -> Event:
    actors: list[str] = []
    for mention in candidate.actors:
        actor = resolution.actor_for(candidate.document, mention)
        if actor and actor not in actors:
            actors.append(actor)
    quotes = tuple(
        Quote(q.text, _speaker(resolution, candidate, q.speaker)) for q in candidate.quotes
    )
    return Event(
        id=event_id(candidate),
        title=candidate.title,
        date=candidate.date,
        precision=candidate.precision,
        certainty=candidate.certainty,
        actors=tuple(actors),
        quotes=quotes,
        sources=(candidate_source(analysis, candidate),),
        how=candidate.how,
    )


def _speaker(resolution: ActorLookup, candidate: EventCandidate, speaker: str | None) -> str | None:
    if not speaker:
        return None
    for mention in candidate.actors:
        if mention.text == speaker:
            return resolution.actor_for(candidate.document, mention)
    try:
        return resolution.actor_for(candidate.document, speaker)
    except (AttributeError, TypeError):
        return None


def merge_candidates(analyses: Sequence[DocumentAnalysis], resolution: ActorLookup) -> list[Event]:
    """One event per candidate, sorted by date then document order (undated last)."""
    order = {a.document: i for i, a in enumerate(analyses)}
    events = [candidate_event(a, c, resolution) for a in analyses for c in a.candidates]
    return sorted(events, key=lambda e: _sort_key(e, order))


def _sort_key(event: Event, order: dict[str, int]) -> tuple:
    src = event.sources[0] if event.sources else None
    place = (order.get(src.document, 0), src.start) if src else (0, 0)
    if not event.date:
        return (1, "", "", *place)
    lo, hi = date_bounds(event.date)
    return (0, lo.isoformat(), hi.isoformat(), *place)
