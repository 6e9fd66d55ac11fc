"""What the per-document stage produces: event candidates, actor mentions, sentences.

The builder runs in two halves. The per-document half (parse → times → candidates) is
pure, parallel and cached: its output is one :class:`DocumentAnalysis` per document,
small and picklable, with no spaCy objects in it. The corpus half (actors → publication
dates → narrative dating → merging) reads only these values, so it never needs a
``Doc`` and a warm rebuild never parses.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from timeline.model import Certainty, Precision, Quote, TimeExpression


class EventKind(StrEnum):
    STATEMENT = "statement"  # someone said, wrote, told, warned...
    OCCURRENCE = "occurrence"  # something happened or was done
    SCHEDULED = "scheduled"  # will happen
    STATE = "state"  # a dated state of affairs ("as of 2022, seven countries met...")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    times: tuple[int, ...] = ()  # indexes into DocumentAnalysis.times


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A named participant as written in one place, before cross-corpus resolution."""

    text: str  # the name as written ("Jens Stoltenberg", "Stoltenberg")
    start: int
    end: int
    label: str  # spaCy entity label (PERSON, ORG, GPE, NORP...)
    roles: tuple[str, ...] = ()  # titles written beside it ("NATO Secretary General")
    in_role: bool = False  # part of another name's title ("Polish" in "Polish Defense Minister X")


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One event as one passage reports it; merging turns many of these into an Event."""

    document: str  # document id
    sentence: int  # index into DocumentAnalysis.sentences
    start: int  # the sentence's offsets in the document text
    end: int
    text: str  # the sentence
    title: str
    kind: EventKind
    predicate: str  # lemma of the clause's head verb ("say", "join")
    time: int | None = None  # index into DocumentAnalysis.times, the expression dating it
    date: str | None = None  # ISO at precision, or "A/B"
    precision: Precision | None = None
    certainty: Certainty | None = None
    how: str = ""
    tense: str = ""  # past, present, future
    actors: tuple[ActorMention, ...] = ()  # subject first
    quotes: tuple[Quote, ...] = ()  # speaker holds the mention text until actors are resolved
    lemmas: frozenset[str] = frozenset()  # content lemmas, for merging
    numbers: frozenset[str] = frozenset()  # numbers and amounts mentioned
    reports: int | None = None  # for a reported event, index of the candidate that reports it
    # for an undated statement that goes on with an earlier one by the same speaker a few
    # sentences before ("… he added"), index of the statement it continues: one event
    continues: int | None = None
    # told in the document's headline (its title line): it restates the article's main event
    headline: bool = False


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    document: str
    times: tuple[TimeExpression, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    candidates: tuple[EventCandidate, ...] = ()
    mentions: tuple[ActorMention, ...] = ()  # every named participant in the document
