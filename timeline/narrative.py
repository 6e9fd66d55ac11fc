"""Dating by narrative: events with no date in their own sentence take one from their context.

Four readings of how news is told, tried in order for each undated candidate:

1. Continuation. A sentence that goes on with the same speaker, or starts with a pronoun
   or an "added"-style verb, continues the time set by the sentence before ("…said on
   Sunday. He added that…").
2. Reported statement. A statement reported by an article was made before its
   publication and after what it responds to: the first story event the article dates
   within the week before publication. The interval between the two is the date
   (certainty ``bounded``). With nothing recent to respond to, news reports what was
   said on the day: the publication day, still ``bounded``.
3. Same speaker, same occasion. An undated statement by the speaker of a recent event
   the article dates to a day (a keynote, a rally) is taken as said there.
4. The main event of a report (the first event the article tells) happened shortly
   before the article, on the same terms.

Future-tense and scheduled candidates are left alone: an article's date says nothing of
when a plan will happen. Nothing here is more certain than the publication date it
leans on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from timeline.candidates import DocumentAnalysis, EventCandidate, EventKind
from timeline.merge import actor_keys, bounds_of
from timeline.model import Certainty, DateSource, Document, Precision, TimeExpression, date_bounds

RESPONSE_WINDOW = dt.timedelta(days=7)  # how far back a statement's trigger is looked for
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_QUOTE_MARKS = ('"', "“", "‘", "'", "«", "„")
_CONTINUING = frozenset({"add", "continue", "explain", "conclude", "note", "insist", "stress", "reiterate"})


def _span(lo: dt.date, hi: dt.date) -> tuple[str, Precision]:
    if lo == hi:
        return lo.isoformat(), Precision.DAY
    return f"{lo.isoformat()}/{hi.isoformat()}", Precision.INTERVAL


def publication_bounds(document: Document) -> tuple[dt.date, dt.date] | None:
    if not document.published:
        return None
    try:
        return date_bounds(document.published)
    except ValueError:
        return None


def continues(previous: EventCandidate, candidate: EventCandidate) -> bool:
    """Does ``candidate`` go on with ``previous``'s moment (same speaker, a pronoun, "added")?"""
    if candidate.kind not in (EventKind.STATEMENT, EventKind.OCCURRENCE) or candidate.tense == "future":
        return False
    if candidate.predicate in _CONTINUING:
        return True
    # a pronoun opening a quotation is the speaker's own voice ("“We love…,” said Jobs"), not an
    # anaphor reaching back to the sentence before
    text = candidate.text.lstrip()
    if not text.startswith(_QUOTE_MARKS) and text.split(" ", 1)[0].lower().strip(",") in _PRONOUNS:
        return True
    # the same speaker goes on speaking; a statement by whoever led the previous sentence's fact
    # ("19 states spend less than NATO's target. The head of NATO said…") need not be of its time
    mine, theirs = actor_keys(candidate), actor_keys(previous)
    statements = candidate.kind == previous.kind == EventKind.STATEMENT
    return bool(mine and theirs and mine[0] == theirs[0] and statements)


def _weaker(a: Certainty | None, b: Certainty) -> Certainty:
    order = [Certainty.STATED, Certainty.RESOLVED, Certainty.INFERRED, Certainty.BOUNDED]
    return max(a or Certainty.STATED, b, key=order.index)


def clip_to_publication(
    candidate: EventCandidate, published: tuple[dt.date, dt.date] | None, shown: str | None
) -> EventCandidate:
    """A past event's interval ends at publication ("this week" in a Tuesday article: Monday–Tuesday)."""
    bounds = bounds_of(candidate)
    if published is None or bounds is None or candidate.tense != "past" or candidate.kind == EventKind.SCHEDULED:
        return candidate
    lo, hi = bounds
    if hi <= published[1] or lo > published[1]:
        return candidate
    value, precision = _span(lo, published[1])
    return dataclasses.replace(
        candidate,
        date=value,
        precision=precision,
        certainty=Certainty.BOUNDED,
        how=f"{value}: {candidate.how}; cut at publication ({shown}), as it is told as past",
    )


_ANAPHORIC = re.compile(r"\b(?:later|earlier|afterwards?|before that|after that)\b", re.IGNORECASE)
_UNIT_PRECISION = {"Y": {Precision.YEAR, Precision.MONTH, Precision.DAY}, "M": {Precision.MONTH, Precision.DAY},
                   "W": {Precision.DAY}, "D": {Precision.DAY}}  # fmt: skip


def narrative_anchor(analysis: DocumentAnalysis, expr: TimeExpression) -> TimeExpression | None:
    """The last dated expression before ``expr`` in the text, for "one year later" told of a past story.

    "He started Apple in 1976 … One year later he was fired": a span counted "later" or
    "earlier" runs from the time the narrative last set, not from the article's date.
    Only when that time is at least as precise as the span's unit ("two days later" does
    not count from a bare year).
    """
    unit = expr.rule.split(":")[1] if expr.rule.count(":") >= 2 else ""
    earlier = [
        t
        for t in analysis.times
        if t.end <= expr.start and t.date and "/" not in t.date and t.type.value in ("DATE", "TIME")
    ]
    best = max(earlier, key=lambda t: t.start, default=None)
    if best is None or best.precision not in _UNIT_PRECISION.get(unit, set()):
        return None
    return best


def reanchor_narrative(analysis: DocumentAnalysis, candidate: EventCandidate) -> EventCandidate:
    """A candidate dated by "N units later/earlier" counted from publication, counted from the story's time instead."""
    from timeline.times import reanchor

    if candidate.time is None or candidate.time >= len(analysis.times):
        return candidate
    expr = analysis.times[candidate.time]
    if not expr.relative or not expr.rule or not _ANAPHORIC.search(expr.text):
        return candidate
    anchor = narrative_anchor(analysis, expr)
    if anchor is None or not anchor.date:
        return candidate
    lo, _ = date_bounds(anchor.date)
    if expr.anchor == lo.isoformat():
        return candidate  # already counted from it
    moved = reanchor(expr, lo)
    if not moved.date or moved.date == candidate.date:
        return candidate
    return dataclasses.replace(
        candidate,
        date=moved.date,
        precision=moved.precision,
        certainty=_weaker(candidate.certainty, Certainty.RESOLVED),
        how=f"{moved.date}: {expr.text!r} counted from the time the story last set ({anchor.text!r}, {anchor.date})",
    )


def _occasion_of(candidate: EventCandidate, occasions: dict[str, EventCandidate]) -> EventCandidate | None:
    """The day-dated occasion of a statement's speaker: its subject, or the person who speaks in a passive
    ("The new phone was praised by Jobs") when the subject is not a person."""
    keys = actor_keys(candidate)
    if not keys:
        return None
    if keys[0] in occasions or not candidate.actors or candidate.actors[0].label == "PERSON":
        return occasions.get(keys[0])
    people = [m for m in candidate.actors[1:] if m.label == "PERSON"]
    return next(
        (occasions[k] for k in actor_keys(dataclasses.replace(candidate, actors=tuple(people))) if k in occasions), None
    )


def date_document(document: Document, analysis: DocumentAnalysis) -> DocumentAnalysis:
    """One document's undated candidates dated from their context, where it supports a date."""
    published = publication_bounds(document)
    pub_certainty = Certainty.INFERRED if document.published_from == DateSource.INFERRED else Certainty.RESOLVED
    candidates = [reanchor_narrative(analysis, c) for c in analysis.candidates]
    candidates = [clip_to_publication(c, published, document.published) for c in candidates]
    story: list[tuple[dt.date, dt.date]] = []  # dated recent story events, in reading order
    occasions: dict[str, EventCandidate] = {}  # subject → the first day-dated recent event it leads
    if published:
        for c in candidates:
            b = bounds_of(c)
            if b and b[1] <= published[1] and b[0] >= published[0] - RESPONSE_WINDOW and b[1] - b[0] <= RESPONSE_WINDOW:
                story.append(b)
                keys = actor_keys(c)
                if keys and b[0] == b[1] and c.reports is None:
                    occasions.setdefault(keys[0], c)
    # the story's first recent event: what its statements answer, the widest honest lower bound
    trigger = min((b[0] for b in story), default=None)
    first_event = min((c.sentence for c in candidates), default=None)
    by_sentence: dict[int, EventCandidate] = {}
    for n, c in enumerate(candidates):
        if c.date:
            if c.reports is None or c.sentence not in by_sentence:
                by_sentence[c.sentence] = c
            continue
        if c.tense == "future" or c.kind in (EventKind.SCHEDULED, EventKind.STATE):
            continue
        previous = by_sentence.get(c.sentence - 1)
        linked = getattr(c, "continues", None)
        if linked is not None and 0 <= linked < len(candidates) and candidates[linked].date:
            previous = candidates[linked]  # the per-document stage linked "… he added" to its statement
        if (
            previous is not None
            and previous.date
            and (previous is not by_sentence.get(c.sentence - 1) or continues(previous, c))
        ):
            candidates[n] = dataclasses.replace(
                c,
                date=previous.date,
                precision=previous.precision,
                certainty=_weaker(previous.certainty, Certainty.RESOLVED),
                how=f"{previous.date}: continues the previous sentence's time ({previous.title[:60]!r})",
            )
            by_sentence[c.sentence] = candidates[n]
            continue
        if published is None:
            continue
        occasion = _occasion_of(c, occasions) if c.kind == EventKind.STATEMENT else None
        if occasion is not None and occasion.date:
            candidates[n] = dataclasses.replace(
                c,
                date=occasion.date,
                precision=occasion.precision,
                certainty=_weaker(occasion.certainty, Certainty.BOUNDED),
                how=f"{occasion.date}: said at the occasion dated for its speaker ({occasion.title[:60]!r})",
            )
            by_sentence[c.sentence] = candidates[n]
            continue
        is_lead = c.sentence == first_event
        if c.kind != EventKind.STATEMENT and not is_lead:
            continue
        what = "the report's main event" if is_lead and c.kind != EventKind.STATEMENT else "a reported statement"
        if c.tense == "present" and c.kind == EventKind.STATEMENT and not is_lead:
            lo, hi = published  # "X says": what the source holds as the article is written
            why = f"{what} in the present tense: held at publication"
        elif trigger is not None and trigger <= published[1]:
            lo, hi = trigger, published[1]
            why = f"{what}: after what it responds to ({trigger.isoformat()}) and by publication"
        else:
            lo, hi = published
            why = f"{what}: made by the day of publication, nothing earlier to respond to"
        value, precision = _span(lo, hi)
        candidates[n] = dataclasses.replace(
            c,
            date=value,
            precision=precision,
            certainty=_weaker(pub_certainty, Certainty.BOUNDED),
            how=f"{value}: {why} ({document.published})",
        )
        by_sentence[c.sentence] = candidates[n]
    return dataclasses.replace(analysis, candidates=tuple(candidates))


def date_by_narrative(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]
) -> tuple[DocumentAnalysis, ...]:
    """Analyses whose undated candidates are dated from context where it supports a date."""
    by_id = {d.id: d for d in documents}
    return tuple(date_document(by_id[a.document], a) if a.document in by_id else a for a in analyses)
