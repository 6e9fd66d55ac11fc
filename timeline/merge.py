"""Merging: candidates from every document become the timeline's events.

The same event retold by several outlets is one event with several sources. Candidates
are compared only within blocks that share an actor (or a predicate) and a coarse date,
each with a few date-neighbours (and, on a crowded day, a few content-neighbours: see
:func:`_crowded_runs`), so the work grows with the corpus, not with its square; a pair joins
when its dates are compatible and it shares enough of who and what (actors, content
lemmas, quoted words, numbers). A cluster keeps the intersection of its members' date
bounds, so two reports on different days — a Sunday statement and Wednesday remarks by
the same person — can never end up in one event.

An event named by a noun ("Russia's 2022 invasion") is reported in passing by sentences
whose main event is something else. Two such names of one agent's dated event are one
event; a sentence whose date stands beside that noun lends the event its passage as a
further report, while its own event stays apart (see :func:`nominal_mentions`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

from timeline.candidates import DocumentAnalysis, EventCandidate, EventKind
from timeline.model import (
    Actor,
    ActorKind,
    Certainty,
    Event,
    Precision,
    Quote,
    Source,
    TimeExpression,
    date_bounds,
    date_precision,
)

MERGE_THRESHOLD = 3.0
NEIGHBOURS = 15  # in a big block (a story's main actor), each candidate meets this many date-neighbours
CROWDED = 8  # ... but in a run of more reports of one date than this, this many content-neighbours (_crowded_runs)
_CERTAINTY_RANK = {Certainty.STATED: 0, Certainty.RESOLVED: 1, Certainty.INFERRED: 2, Certainty.BOUNDED: 3, None: 4}


class ActorLookup(Protocol):
    def actor_for(self, document_id: str, mention: object) -> str | None: ...


# --- what two reports share ------------------------------------------------------------


class _Uncombined(dict):
    """A ``str.translate`` table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()  # nothing to decompose
    return unicodedata.normalize("NFKD", text).translate(_UNCOMBINED).lower()


@functools.lru_cache(maxsize=1 << 16)  # a corpus names the same few actors over and over
def name_key(name: str) -> str:
    """The last word of a name: "Donald Trump", "Trump" and "former President Trump" share "trump".

    A model's name keeps its number or code after the name it belongs to, in either written
    order: "the iPhone 4" is "iphone 4", and "the 3G iPhone" and "iPhone 3G" share "iphone 3g".
    A name that ends in a common noun ("the Cuban government", "Apple executives") is not a
    surname: its key keeps the words that say whose ("cuban government"), or two countries'
    governments would be one actor.
    """
    written = [w for w in re.findall(r"\w+", name) if w not in ("s",)]
    words = [fold(w) for w in written]
    codes = [w for w in words if any(c.isdigit() for c in w)]
    if codes and len(codes) < len(words):
        named = [w for w in words if w not in codes]
        return f"{named[-1]} {' '.join(codes)}"
    if len(words) > 1 and written[-1].islower() and not name.islower():  # (an id's words say nothing)
        kept = [w for w in words if w not in _NAME_ARTICLES]
        return " ".join(kept[-3:]) if kept else words[-1]
    return words[-1] if words else ""


_NAME_ARTICLES = frozenset({"the", "a", "an", "its", "their", "his", "her"})


def actor_keys(candidate: EventCandidate) -> tuple[str, ...]:
    """Name keys of the candidate's actors, subject first, without repeats."""
    keys: list[str] = []
    for mention in candidate.actors:
        key = name_key(mention.text)
        if len(key) >= 2 and key not in keys:
            keys.append(key)
    return tuple(keys)


#: Text features are memoised by the text they read: a candidate's copies (re-dated, actors
#: renamed) and the publication-date stage ask for the same ones, and the builder works them
#: out while the parse is still running (:func:`prepare`), so merging does not.
_MEMO_SIZE = 1 << 16


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _grams(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", fold(text))
    return frozenset(zip(words, words[1:], words[2:], words[3:], strict=False))  # word 4-grams


def quote_shingles(candidate: EventCandidate) -> frozenset[tuple[str, ...]]:
    """Word 4-grams of the candidate's quotes: two outlets quoting one sentence share several."""
    if not candidate.quotes:
        return frozenset()
    return _quote_grams(tuple(q.text for q in candidate.quotes))


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _quote_grams(texts: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for text in texts:
        grams |= _grams(text)
    return frozenset(grams)


_NUMBER_WORDS = {w: str(n) for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
))}  # fmt: skip
_MONTHS = frozenset((
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
))  # fmt: skip
_FIGURE = re.compile(
    r"(?P<cur>[$€£¥])?\s?(?P<num>\d+(?:[.,]\d+)*|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b))?(?:\s?(?P<scale>billion|million|trillion|bn|m)\b)?",
    re.IGNORECASE,
)


def figures(candidate: EventCandidate) -> frozenset[tuple[str, str]]:
    """The figures a report gives, as (kind, value): counts, percentages, amounts of money.

    Read from the sentence and the candidate's numbers alike, spelled-out counts included
    ("seven" is 7). Years, and day numbers beside a month name, are dates, not figures; so
    is a number in a name ("iPhone 4", "Boeing 737"), and the number of an amount ("$199")
    is not a count as well.
    """
    named = frozenset(n for m in candidate.actors for n in re.findall(r"\d+", m.text))
    return _figures(candidate.text, candidate.numbers, named)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _figures(sentence: str, numbers: frozenset[str], named: frozenset[str] = frozenset()) -> frozenset[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for text in (sentence, *sorted(numbers)):
        for m in _FIGURE.finditer(text):
            raw = m.group("num").lower()
            value = _NUMBER_WORDS.get(raw, raw.replace(",", ""))
            if m.group("pct"):
                kind = "%"
            elif m.group("cur") or m.group("scale"):
                kind = "money" if m.group("cur") else "amount"
            elif re.fullmatch(r"1[89]\d\d|20\d\d", value) or _MONTHS & _beside(text, m.start(), m.end()):
                continue
            else:
                kind = "count"
            scale = (m.group("scale") or "").lower()[:1]
            found.add((kind, value + scale))
    measured = {v for k, v in found if k != "count"}
    return frozenset((k, v) for k, v in found if k != "count" or (v not in measured and v not in named))


_SHARE = re.compile(
    r"\b(?P<part>\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?"
    r"(?P<whole>\d+|" + "|".join(_NUMBER_WORDS) + r")\s+[a-z]",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def shares(sentence: str) -> frozenset[tuple[int, int]]:
    """The parts of a whole a sentence counts, as (part, whole): "11 of the 31 allies" is (11, 31).

    Spelled-out numbers count ("seven of its 31 members"); a year is never a whole.
    """
    found = set()
    for m in _SHARE.finditer(sentence):
        part, whole = (int(_NUMBER_WORDS.get(g.lower(), g)) for g in m.group("part", "whole"))
        if 0 < part <= whole and not 1800 <= whole <= 2099:
            found.add((part, whole))
    return frozenset(found)


def one_statistic(fa: Features, fb: Features) -> bool:
    """Do two reports give one statistic: a share of one group against one measure, for one period?

    "19 out of 30 member states spend less than 2%" and "only 11 of the 31 allies met the
    2% target", both of 2023: the same measure (a shared percentage or amount), the same
    period (the same date, a year or a month), and parts of wholes of about one size
    (within a tenth: groups gain members). Outlets count a statistic from either side and
    from different releases, so the counts may differ; a reader checking the figure wants
    both reports side by side, as one event.
    """
    a, b = fa.candidate, fb.candidate
    if not a.date or a.date != b.date or len(a.date) > 7:
        return False
    sa, sb = shares(a.text), shares(b.text)
    if not sa or not sb or not any(k != "count" for k, _ in fa.figures & fb.figures):
        return False
    return any(abs(wa - wb) <= max(1, 0.1 * max(wa, wb)) for _, wa in sa for _, wb in sb)


def _beside(text: str, start: int, end: int) -> set[str]:
    """The words right before and right after ``text[start:end]``."""
    before = re.findall(r"[a-z]+", fold(text[max(0, start - 12) : start]))
    after = re.findall(r"[a-z]+", fold(text[end : end + 12]))
    return {*before[-1:], *after[:1]}


_BOUNDS: dict[str, tuple[dt.date, dt.date] | None] = {}  # date_bounds of each date value met (a pure function)


def bounds_of(candidate: EventCandidate) -> tuple[dt.date, dt.date] | None:
    date = candidate.date
    if not date:
        return None
    if date not in _BOUNDS:
        if len(_BOUNDS) > 100_000:
            _BOUNDS.clear()
        try:
            _BOUNDS[date] = date_bounds(date)
        except ValueError:
            _BOUNDS[date] = None
    return _BOUNDS[date]


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
    text_grams: frozenset[tuple[str, ...]] = frozenset()
    figures: frozenset[tuple[str, str]] = frozenset()
    person: bool = True  # the subject is a person (a statement's speaker), not an organisation or a country
    nominal: bool = False  # the event is a noun (see :func:`nominal`)
    key_set: frozenset[str] = field(init=False, repr=False, compare=False)  # the keys, as a set
    # every word of the actors' names ("dar", "es", "salaam"): content words only when not a name
    name_words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key_set", frozenset(self.keys))
        words = {w for m in self.candidate.actors for w in re.findall(r"\w+", fold(m.text))}
        object.__setattr__(self, "name_words", frozenset(words) | self.key_set)

    @property
    def speaker(self) -> str | None:
        """Who made the statement: its subject's key; None for other kinds of event."""
        return self.keys[0] if self.keys and self.candidate.kind == EventKind.STATEMENT else None


def features(candidate: EventCandidate) -> Features:
    person = bool(candidate.actors) and candidate.actors[0].label in ("PERSON", "")
    return Features(
        candidate,
        bounds_of(candidate),
        actor_keys(candidate),
        quote_shingles(candidate),
        _grams(candidate.text),
        figures(candidate),
        person,
        nominal(candidate),
    )


def prepare(analysis: DocumentAnalysis) -> None:
    """Work out the text features of a document's candidates ahead of merging (memoised):
    called as each analysis arrives, while other documents are still being parsed."""
    for c in analysis.candidates:
        _grams(c.text)
        figures(c)
        quote_shingles(c)
        if c.time is not None and c.time < len(analysis.times):
            expr = analysis.times[c.time]
            _nouns_beside(c.text, c.lemmas, expr.start - c.start, expr.end - c.start)


#: Who speaks for whom: a person's key → the keys of the organisations their titles name
#: (a "NATO chief" speaks for NATO, a "White House spokesman" for the White House).
Affiliations = Mapping[str, frozenset[str]]
NO_AFFILIATIONS: Affiliations = MappingProxyType({})
#: Per document, (person id, title words...) for each title a person mentioned there holds.
NO_HOLDERS: Mapping[str, Sequence[tuple[str, ...]]] = MappingProxyType({})


def affiliations(actors: Iterable[Actor]) -> dict[str, frozenset[str]]:
    """Each person's organisations, read from the titles among their aliases."""
    actors = list(actors)
    bodies: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)  # by the first word of their name
    for a in actors:
        if a.kind != ActorKind.PERSON:
            name = re.findall(r"\w+", fold(a.name))
            if name:
                bodies[name[0]].append((name_key(a.name), name))
    out: dict[str, frozenset[str]] = {}
    for a in actors:
        if a.kind != ActorKind.PERSON:
            continue
        found: set[str] = set()
        for alias in a.aliases:
            words = re.findall(r"\w+", fold(alias))
            for i, word in enumerate(words):
                for key, name in bodies.get(word, ()):
                    if len(name) < len(words) and words[i : i + len(name)] == name:
                        found.add(key)
        if found:
            out[name_key(a.name)] = frozenset(found)
    return out


def same_voice(fa: Features, fb: Features, affiliated: Affiliations = NO_AFFILIATIONS) -> bool | None:
    """Do two statements come from one voice? None when either has no named speaker.

    The same speaker, or a person and the organisation their title names ("the NATO
    chief" and "NATO said"), are one voice; two different people never are.
    """
    sa, sb = fa.keys[0] if fa.keys else None, fb.keys[0] if fb.keys else None
    if sa is None or sb is None:
        return None
    if sa == sb:
        return True
    return sb in affiliated.get(sa, ()) or sa in affiliated.get(sb, ())


def similarity(a: EventCandidate, b: EventCandidate) -> float:
    """How strongly two candidates look like reports of one event (0 when their dates exclude it).

    Shared subject and actors, the share of content lemmas in common (over the smaller
    set, so a short report of a long one still counts), shared quoted words and figures,
    and the same predicate. Different figures of one kind on both sides ("7 countries" /
    "11 allies") count against, as do reports with neither actors, names nor quotes in
    common, unless both give :func:`one_statistic`. Statements by two different speakers
    are two statements.
    """
    return similarity_of(features(a), features(b))


def quotes_shared(fa: Features, fb: Features) -> bool:
    """One quotation in both: several 4-grams, a fair share of the shorter quote (or of a quote the other prints)."""
    if not fa.shingles and not fb.shingles:
        return False
    common = len(fa.shingles & fb.shingles)
    if common >= 2 and common >= 0.3 * min(len(fa.shingles), len(fb.shingles)):
        return True
    # one report quotes what the other prints without quotation marks
    for quoted, text in ((fa.shingles, fb.text_grams), (fb.shingles, fa.text_grams)):
        if len(quoted) >= 3 and len(quoted & text) >= max(3, 0.5 * len(quoted)):
            return True
    return False


def similarity_of(fa: Features, fb: Features, affiliated: Affiliations = NO_AFFILIATIONS) -> float:
    """:func:`similarity` of two candidates whose :func:`features` are already worked out."""
    ba, bb = fa.bounds, fb.bounds
    if ba is not None and bb is not None and (ba[0] > bb[1] or bb[0] > ba[1]):
        return 0.0  # dates that exclude each other (see :func:`compatible`)
    a, b = fa.candidate, fb.candidate
    if a.document == b.document and a.sentence == b.sentence:
        return 0.0  # one sentence reports each event once: two candidates there are two events
    ka, kb = fa.keys, fb.keys
    sa, sb = fa.key_set, fb.key_set
    shared_actors = not sa.isdisjoint(sb)
    named = not sa.isdisjoint(b.lemmas) or not sb.isdisjoint(a.lemmas)  # one's actor named in the other's words
    shared_quotes = (fa.shingles or fb.shingles) and quotes_shared(fa, fb)
    if not ka or not kb:  # same_voice, inline: the commonest question of the merge
        voice = None
    elif ka[0] == kb[0]:
        voice = True
    else:
        voice = kb[0] in affiliated.get(ka[0], ()) or ka[0] in affiliated.get(kb[0], ())
    statistic = fa.figures and fb.figures and one_statistic(fa, fb)
    if not shared_actors and not shared_quotes and not voice and not ((not ka or not kb) and named) and not statistic:
        return 0.0
    statement = EventKind.STATEMENT in (a.kind, b.kind)
    # two speakers on one day are two statements, unless an organisation and a person quote the same words
    if statement and voice is False and (not shared_quotes or (fa.person and fb.person)):
        return 0.0
    score = 0.0
    if voice:
        score += 1.5
    elif shared_actors:
        score += 0.75
    elif named:
        score += 0.5
    if not a.lemmas.isdisjoint(b.lemmas):  # (else no overlap, whatever the names)
        names = (fa.name_words & fb.name_words) | sa | sb
        la, lb = a.lemmas - names, b.lemmas - names  # names both carry count once, as actors
        if la and lb:
            overlap = len(la & lb) / min(len(la), len(lb))
            score += 3.0 * overlap if min(len(la), len(lb)) >= 3 else 1.5 * overlap
    if shared_quotes or statistic:
        score += 2.0
    if fa.figures and fb.figures:
        common = fa.figures & fb.figures
        if common:
            score += 1.0
        elif {k for k, _ in fa.figures} & {k for k, _ in fb.figures}:
            score -= 1.5  # the same kind of figure, different values: a different fact
    if a.predicate and a.predicate == b.predicate:
        score += 0.5
    elif a.predicate in b.lemmas or b.predicate in a.lemmas:
        score += 0.25  # "the invasion" names what the other's verb reports
    if a.date and b.date and a.date == b.date:
        score += 0.5
    if voice and _one_occasion(fa, fb):  # (one speaker is one voice)
        # one speaker's statements on one named day: one occasion (a rally, a press conference)
        score += 1.0 if fa.bounds == fb.bounds and fa.bounds and fa.bounds[0] == fa.bounds[1] else 0.5
    return score


def _one_occasion(fa: Features, fb: Features) -> bool:
    """Statements by one speaker, both dated within a week that overlaps: likely one occasion."""
    if fa.candidate.kind != EventKind.STATEMENT or fb.candidate.kind != EventKind.STATEMENT:
        return False
    if not fa.keys or not fb.keys or fa.keys[0] != fb.keys[0] or fa.bounds is None or fb.bounds is None:
        return False
    return fa.bounds[1] - fa.bounds[0] <= _WEEK and fb.bounds[1] - fb.bounds[0] <= _WEEK


_WEEK = dt.timedelta(days=7)


#: Nouns that name an event ("the invasion", "the rally"): deverbal suffixes and the common plain ones.
_EVENT_NOUN = re.compile(
    r"(?:tion|sion|ment|ance|ence|ure|al)$|^(?:rally|summit|war|attack|election|campaign|visit|talks|deal|crisis|"
    r"strike|coup|meeting|speech|conference|ceremony|trial|ruling|verdict|launch|protest|riot|bombing|shooting|"
    r"crash|storm|flood|earthquake|debate|merger|vote|referendum|offensive|massacre|ceasefire|truce)$"
)


def nominal(candidate: EventCandidate) -> bool:
    """Is the candidate's event a noun ("Russia's 2022 invasion", "the 1991 agreement") rather than a clause?

    Its predicate is an event noun written as such in the title; a verb's title inflects it
    ("Russia invades"). Statements are never nominal.
    """
    flag = getattr(candidate, "nominal", None)
    if isinstance(flag, bool):
        return flag
    if candidate.kind in (EventKind.STATEMENT, EventKind.SCHEDULED) or not _EVENT_NOUN.search(candidate.predicate):
        return False
    return candidate.predicate in re.findall(r"\w+", fold(candidate.title))


_YEARS = 3  # a dated candidate is blocked under its first three years


def block_keys(f: Features, names: frozenset[str] = frozenset()) -> set[tuple[str, str]]:
    """Blocking keys: (actor, name, predicate or figure; year) — undated candidates under "?".

    ``names`` are the corpus's actor keys: a report that names an actor only in passing
    ("…, according to NATO") meets the reports whose actor it is.
    """
    bounds, candidate = f.bounds, f.candidate
    years = (
        ["?"]
        if bounds is None
        else [str(y) for y in range(bounds[0].year, min(bounds[1].year, bounds[0].year + _YEARS - 1) + 1)]
    )
    keys_ = [f"a:{k}" for k in f.keys]
    keys_ += [f"a:{k}" for k in sorted(candidate.lemmas & names - set(f.keys))[:4]]
    keys_ += [f"q:{g}" for g in sorted(" ".join(s) for s in f.shingles)[:3]]
    keys_ += [f"n:{k}:{v}" for k, v in sorted(f.figures)[:3]]
    keys = {(n, y) for n in keys_ for y in years}
    if candidate.predicate:
        keys |= {(f"p:{candidate.predicate}", y) for y in years}
    if bounds is not None:
        keys |= {(n, "?") for n in keys_}  # so an undated report can meet its dated twin
    return keys


# --- clusters -------------------------------------------------------------------------

LINK_THRESHOLD = 1.5  # mean similarity a cluster must keep with the one it joins
CORE = 8  # members of each cluster compared when two clusters join


@dataclass(frozen=True, slots=True)
class Member:
    analysis: int  # index into the analyses
    candidate: int  # index into that analysis' candidates


class _Clusters:
    """Clusters that keep the intersection of their members' date bounds, their voices and sentences.

    Joining is checked against the whole of both clusters, not the one pair that links
    them, so a chain of reports (A like B, B like C) never carries A into C's event:
    the dates must still overlap, no sentence may report twice, two different speakers'
    statements never meet, and the clusters must look alike on average.

    Each cluster keeps a summary, so a join costs the size of the smaller cluster at most,
    not of both (one event retold by hundreds of articles): its date bounds, its sentences,
    its voices (speaker key → whether one of them is a person) and its first :data:`CORE`
    members in join order. The smaller cluster's summary is folded into the larger one's.
    """

    def __init__(self, feats: Sequence[Features], score: Callable[[int, int], float], affiliated: Affiliations) -> None:
        self.feats = feats
        self.score = score
        self.affiliated = affiliated
        self.parent = list(range(len(feats)))
        self.size = [1] * len(feats)
        self.bounds = [f.bounds for f in feats]
        self.core = [(i,) for i in range(len(feats))]
        self.alike: dict[tuple[tuple[int, ...], tuple[int, ...]], bool] = {}  # of two clusters' first members
        self.sentences = [{(f.candidate.document, f.candidate.sentence)} for f in feats]
        self.voices: list[dict[str, bool]] = [{f.speaker: f.person} if f.speaker else {} for f in feats]
        # joins refused between two clusters as they were (root and size of each, bridged): one event
        # retold by many outlets offers the same two clusters many times over
        self.refused: set[tuple[int, int, int, int, bool]] = set()

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _one_voice(self, sa: str, sb: str) -> bool:
        return sa == sb or sb in self.affiliated.get(sa, ()) or sa in self.affiliated.get(sb, ())

    def joinable(self, ri: int, rj: int, bridged: bool) -> bool:
        if not compatible(self.bounds[ri], self.bounds[rj]):
            return False
        small, large = sorted((self.sentences[ri], self.sentences[rj]), key=len)
        if not small.isdisjoint(large):
            return False
        for sx, px in self.voices[ri].items():
            for sy, py in self.voices[rj].items():
                if self._one_voice(sx, sy):
                    continue
                if not bridged or (px and py):
                    return False
        a, b = self.core[ri], self.core[rj]
        alike = self.alike.get((a, b))
        if alike is None:  # a cluster's first members stay the same once they are CORE: worked out once
            mean = sum(self.score(x, y) for x in a for y in b) / (len(a) * len(b))
            alike = self.alike[a, b] = mean >= LINK_THRESHOLD
        return alike

    def union(self, i: int, j: int, *, checked: bool = True) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if checked:
            bridged = quotes_shared(self.feats[i], self.feats[j])
            state = (ri, self.size[ri], rj, self.size[rj], bridged)
            if state in self.refused:
                return False
            if not self.joinable(ri, rj, bridged):
                self.refused.add(state)
                return False
        elif not compatible(self.bounds[ri], self.bounds[rj]):
            return False
        bi, bj = self.bounds[ri], self.bounds[rj]
        bounds = (bi or bj) if bi is None or bj is None else (max(bi[0], bj[0]), min(bi[1], bj[1]))
        core = (self.core[ri] + self.core[rj])[:CORE]  # i's cluster first, in join order
        root, child = (ri, rj) if self.size[ri] >= self.size[rj] else (rj, ri)
        self.parent[child] = root
        self.size[root] += self.size[child]
        self.bounds[root], self.core[root] = bounds, core
        self.sentences[root] |= self.sentences[child]
        voices = self.voices[root]
        for speaker, person in self.voices[child].items():
            voices[speaker] = voices.get(speaker, False) or person
        self.sentences[child], self.voices[child], self.core[child] = set(), {}, ()
        return True


def cluster_candidates(
    candidates: Sequence[EventCandidate],
    continued: Sequence[int | None] = (),
    affiliated: Affiliations = NO_AFFILIATIONS,
    feats: Sequence[Features] | None = None,
    jobs: int = 1,
) -> list[list[int]]:
    """Groups of candidate indexes that report one event; blocked, then joined best pair first.

    ``continued[i]`` is the index of the candidate that candidate ``i`` goes on with
    ("… he added"), which the per-document stage already knows is the same statement.
    ``affiliated`` says who speaks for which organisation (see :func:`affiliations`);
    ``feats``, the candidates' :func:`features` when the caller has them already; ``jobs``, the
    processes many pairs are scored in (the same scores as in one).
    """
    feats = [features(c) for c in candidates] if feats is None else feats
    names = frozenset(k for f in feats for k in f.keys)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(feats):
        for key in block_keys(c, names):
            blocks[key].append(i)
    n = len(feats)
    scored: dict[int, float] = {}  # by pair (i, j), i < j, as the number i * n + j: same order, cheaper
    # a report printed word for word by many outlets (wire copy) is one report to compare: each candidate's
    # first twin stands for it, and each pair of twins is scored once (its likeness is the same for every copy)
    firsts: dict[tuple, int] = {}
    twin = [firsts.setdefault(_likeness_key(f), i) for i, f in enumerate(feats)]
    copied = [False] * n  # has a twin: only pairs with a copy on either side are worth keeping by twins
    for i, t in enumerate(twin):
        if t != i:
            copied[i] = copied[t] = True
    by_twins: dict[int, float] = {}

    def score(i: int, j: int) -> float:
        pair = i * n + j if i < j else j * n + i
        found = scored.get(pair)
        if found is None:
            fa, fb = (feats[i], feats[j]) if i < j else (feats[j], feats[i])
            if not (copied[i] or copied[j]):
                found = _likeness(fa, fb, affiliated)
            else:
                ti, tj = twin[i], twin[j]
                twins = ti * n + tj if ti < tj else tj * n + ti
                one_sentence = (
                    fa.candidate.document == fb.candidate.document and fa.candidate.sentence == fb.candidate.sentence
                )
                found = None if one_sentence else by_twins.get(twins)
                if found is None:
                    found = _likeness(fa, fb, affiliated)
                    if not one_sentence:  # (the one value that depends on where the copies are)
                        by_twins[twins] = found
            scored[pair] = found
        return found

    bounds = [f.bounds for f in feats]
    date_order = [_date_order(f) for f in feats]
    content: dict[int, tuple[int, ...]] = {}  # _content_order of the members of crowded runs, worked out once

    def content_order(i: int) -> tuple[int, ...]:
        found = content.get(i)
        if found is None:
            found = content[i] = _content_order(feats[i])
        return found

    pairs: dict[int, None] = {}  # the pairs to score, in the order they are met (i * n + j, i < j)
    for (_, year), members in blocks.items():
        if len(members) < 2:
            continue
        # sorted neighbourhood: a block is compared along its date order (undated last), a window at a
        # time; a dated member stops meeting dated ones at the first that starts after it ends
        members = sorted(members, key=date_order.__getitem__)
        undated = next((x for x, i in enumerate(members) if bounds[i] is None), len(members))
        crowded = _crowded_runs(members, bounds, content_order)
        for x, i in enumerate(members):
            end = x + 1 + NEIGHBOURS
            bi = bounds[i]
            # an undated block's dated members are there to meet the undated: two dated ones met already,
            # no farther apart, in the block of a year they share (unless the first spans more years than
            # it has blocks)
            last = x + 1 if year == "?" and bi is not None and bi[1].year <= bi[0].year + _YEARS - 1 else end
            stop, start = min(last, undated), max(x + 1, undated)
            gap = crowded.get(x)
            if gap is None:
                dated, rest = members[x + 1 : stop], members[start:end]
            else:  # in a crowded run, only its next CROWDED (in content order), then on past the run
                near, far = gap
                dated = members[x + 1 : min(stop, near)] + members[max(x + 1, far) : stop]
                rest = members[start : min(end, near)] + members[max(start, far) : end]
            row = i * n
            for j in dated:
                bj = bounds[j]
                if bi is not None and bj is not None and bj[0] > bi[1]:
                    break
                pairs[row + j if i < j else j * n + i] = None  # (pairs meet again in other blocks)
            for j in rest:
                pairs[row + j if i < j else j * n + i] = None
    # each pair's likeness, in the order met: worked out once per pair of twins (the first met stands for
    # the others), those worked out shared among processes when there are many
    todo: list[int] = []
    copies: list[tuple[int, int]] = []  # (pair, its twins' pair): a copy of a likeness worked out for another
    standing: dict[int, int] = {}  # twins' pair → the pair whose likeness stands for it
    for pair in pairs:
        i, j = divmod(pair, n)
        if copied[i] or copied[j]:
            fa, fb = feats[i].candidate, feats[j].candidate
            if fa.document != fb.document or fa.sentence != fb.sentence:
                ti, tj = twin[i], twin[j]
                twins = ti * n + tj if ti < tj else tj * n + ti
                if twins in standing:
                    copies.append((pair, twins))
                    continue
                standing[twins] = pair
        todo.append(pair)
    scored.update(zip(todo, _likenesses(feats, todo, affiliated, jobs), strict=True))
    by_twins.update((twins, scored[pair]) for twins, pair in standing.items())
    scored.update((pair, by_twins[twins]) for pair, twins in copies)
    candidates_pairs = sorted(
        ((s, divmod(p, n)) for p, s in scored.items() if s >= MERGE_THRESHOLD), key=lambda sp: (-sp[0], sp[1])
    )
    clusters = _Clusters(feats, score, affiliated)
    for i, j in enumerate(continued):
        if j is not None:
            clusters.union(j, i, checked=False)
    for _, (i, j) in candidates_pairs:
        clusters.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(candidates)):
        groups[clusters.find(i)].append(i)
    return sorted(join_headlines(feats, list(groups.values())), key=lambda g: g[0])


PARALLEL_PAIRS = 30_000  # pairs to score before they are shared among processes


def _likenesses(feats: Sequence[Features], pairs: Sequence[int], affiliated: Affiliations, jobs: int) -> list[float]:
    """:func:`_likeness` of each pair (``i * len(feats) + j``, i < j), in order; shared among ``jobs``
    forked processes when there are many (after the parse, merging otherwise leaves every core but one idle)."""
    from timeline.parse import FORK, in_forked_ranges

    n = len(feats)

    def score(start: int, end: int) -> array:
        return array("d", [_likeness(feats[p // n], feats[p % n], affiliated) for p in pairs[start:end]])

    if jobs <= 1 or len(pairs) < PARALLEL_PAIRS or not FORK:
        return list(score(0, len(pairs)))
    return [x for part in in_forked_ranges(score, len(pairs), jobs) for x in part]


def _crowded_runs(
    members: list[int], bounds: Sequence[tuple[dt.date, dt.date] | None], content_order: Callable[[int], tuple]
) -> dict[int, tuple[int, int]]:
    """The crowded runs of a date-sorted block: more than :data:`CROWDED` members with one date (or
    undated), put in content order in place, so that the copies of one report sit side by side.
    For each of their members' places, the places in its run it does not meet: past its next
    :data:`CROWDED`, up to the run's end.

    A story's main actor on its busiest day gathers a run that grows with the corpus; its
    members would each meet the next :data:`NEIGHBOURS` in document order, that day's other
    reports at random. In content order the few neighbours each meets are the likeliest twins,
    and the comparisons a member makes no longer grow with the day's coverage. A run's last
    members still meet what follows it, as before.
    """
    out: dict[int, tuple[int, int]] = {}
    start = 0
    while start < len(members):
        b, stop = bounds[members[start]], start + 1
        while stop < len(members) and bounds[members[stop]] == b:
            stop += 1
        if stop - start > CROWDED:
            members[start:stop] = sorted(members[start:stop], key=content_order)
            for x in range(start, stop):
                out[x] = (x + 1 + CROWDED, stop)
        start = stop
    return out


def _content_order(f: Features) -> tuple[int, ...]:
    """A report's content words (its actors' names left out), as sorted stable hashes: sorting by
    it puts reports with the same words side by side, and those sharing their first hash near."""
    return tuple(sorted(zlib.crc32(w.encode()) for w in f.candidate.lemmas - f.name_words))


def _group_bounds(feats: Sequence[Features], group: Sequence[int]) -> tuple[dt.date, dt.date] | None:
    dated = [b for i in group if (b := feats[i].bounds) is not None]
    if not dated:
        return None
    return max(b[0] for b in dated), min(b[1] for b in dated)


def join_headlines(feats: Sequence[Features], groups: list[list[int]]) -> list[list[int]]:
    """A headline restates its article's main event: a headline left on its own joins the event
    of the same document whose report has its subject and all its other actors, at a compatible
    date (the first such report in the article). Each headline looks only at its own document."""
    by_document: dict[str, list[int]] = defaultdict(list)
    group_of: dict[int, int] = {}
    for gi, group in enumerate(groups):
        for i in group:
            group_of[i] = gi
            by_document[feats[i].candidate.document].append(i)
    merged_into: dict[int, int] = {}
    bounds: dict[int, tuple[dt.date, dt.date] | None] = {}  # each group's, worked out once

    def group_bounds(gi: int) -> tuple[dt.date, dt.date] | None:
        if gi not in bounds:
            bounds[gi] = _group_bounds(feats, groups[gi])
        return bounds[gi]

    for gi, group in enumerate(groups):
        if len(group) != 1 or not feats[group[0]].candidate.headline:
            continue
        head = feats[group[0]]
        if len(head.keys) < 2:
            continue  # who did what to whom: a subject and an object to recognise the event by
        hits = [
            i
            for i in by_document[head.candidate.document]
            if group_of[i] != gi
            and not feats[i].candidate.headline
            and feats[i].keys[:1] == head.keys[:1]
            and set(head.keys) <= set(feats[i].keys)
            and compatible(head.bounds, group_bounds(group_of[i]))
        ]
        if hits:
            first = min(hits, key=lambda i: feats[i].candidate.sentence)
            merged_into[gi] = group_of[first]
    if not merged_into:
        return groups
    out = [list(g) for g in groups]
    for gi, target in merged_into.items():
        while target in merged_into:  # a headline's target is never itself a lone headline; guard anyway
            target = merged_into[target]
        out[target].extend(out[gi])
        out[gi] = []
    return [sorted(g) for g in out if g]


NEAR_WORDS = 4  # words between an event noun and the date beside it ("invasion of Ukraine in 2022")


def dated_nouns(candidate: EventCandidate, expr: TimeExpression | None) -> frozenset[str]:
    """The event nouns of a sentence that its dating expression stands beside: what the date may be of.

    "…supporting Ukraine's defense against Russia's full-scale invasion in 2022": the
    parse may give 2022 to "supporting", but a year right after "invasion" dates the
    invasion too, so the sentence is also a report of that event.
    """
    if expr is None or not candidate.date:
        return frozenset()
    return _nouns_beside(candidate.text, candidate.lemmas, expr.start - candidate.start, expr.end - candidate.start)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _nouns_beside(text: str, lemmas: frozenset[str], lo: int, hi: int) -> frozenset[str]:
    """The event nouns among ``lemmas`` written within a few words of ``text[lo:hi]``."""
    if lo < 0 or hi > len(text):
        return frozenset()
    found = set()
    for lemma in lemmas:
        if not _EVENT_NOUN.search(lemma):
            continue
        for m in re.finditer(rf"\b{re.escape(lemma)}\w*", text, re.IGNORECASE):
            if m.end() <= lo:
                between = text[m.end() : lo]
            elif m.start() >= hi:
                between = text[hi : m.start()]
            else:
                continue
            if len(re.findall(r"\w[\w'’-]*", between)) <= NEAR_WORDS and not re.search(r"[.;:]", between):
                found.add(lemma)
                break
    return frozenset(found)


def nominal_mentions(
    feats: Sequence[Features], groups: Sequence[Sequence[int]], near: Sequence[frozenset[str]]
) -> dict[int, list[int]]:
    """For each group reporting an event named by a noun, the other candidates that name it with its date.

    A sentence whose main event is something else ("NATO's support grew after Russia's
    2022 invasion") is not merged into the invasion — it stays its own event — but its
    passage is a report of the invasion too: the same noun, beside a date the invasion's
    allows, with the invasion's agent named. Looked up by (noun, agent), so linear.
    """
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    group_of: dict[int, int] = {}
    bounds: list[tuple[dt.date, dt.date] | None] = []
    sentences: list[set[tuple[str, int]]] = []
    for gi, group in enumerate(groups):
        dated = [feats[i].bounds for i in group if feats[i].bounds is not None]
        bounds.append((max(b[0] for b in dated), min(b[1] for b in dated)) if dated else None)
        sentences.append({(feats[i].candidate.document, feats[i].candidate.sentence) for i in group})
        for i in group:
            group_of[i] = gi
        for key in dict.fromkeys(
            (feats[i].candidate.predicate, feats[i].keys[0]) for i in group if feats[i].nominal and feats[i].keys
        ):
            index[key].append(gi)
    out: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if not near[i] or f.bounds is None or f.candidate.kind == EventKind.STATEMENT:
            continue
        names = {*f.keys, *f.candidate.lemmas}
        options = dict.fromkeys(
            gi for noun in sorted(near[i]) for agent in sorted(names) for gi in index.get((noun, agent), ())
        )
        where = (f.candidate.document, f.candidate.sentence)
        fitting = [
            gi
            for gi in options
            if gi != group_of.get(i)
            and bounds[gi] is not None
            and compatible(bounds[gi], f.bounds)
            and where not in sentences[gi]
        ]
        if fitting:
            out[max(fitting, key=lambda gi: (len(groups[gi]), -gi))].append(i)
    return out


NAMED_EVENT = 1.0  # what one noun for one agent's dated event adds to two reports' likeness


def _likeness(fa: Features, fb: Features, affiliated: Affiliations) -> float:
    """What clustering reads of two candidates: :func:`similarity_of`, with the naming rules below.

    0 for two events of one sentence (a report and what it reports, "X said on Sunday that Y
    happened in 2014", among them).
    """
    found = similarity_of(fa, fb, affiliated)
    if found and _one_named_event(fa, fb):
        found += NAMED_EVENT
    elif not found and _one_unowned_event(fa, fb):
        found = MERGE_THRESHOLD
    return found


def _likeness_key(f: Features) -> tuple:
    """Everything :func:`_likeness` reads of a candidate except where it is (document, sentence):
    two candidates with one key are alike to any third in the same measure."""
    c = f.candidate
    return (
        f.bounds,
        f.keys,
        f.shingles,
        f.text_grams,
        f.figures,
        f.person,
        f.nominal,
        f.name_words,
        c.kind,
        c.lemmas,
        c.predicate,
        c.date,
    )


def _one_named_event(fa: Features, fb: Features) -> bool:
    """Both name one agent's dated event by the same noun ("Russia's 2022 invasion", "Russia's invasion
    in February 2022"): news names a past event this way once it is the one everyone knows.

    A clustering rule, not part of :func:`similarity`: such a link says nothing of when either
    article was written, so publication-date inference does not read it.
    """
    a, b = fa.candidate, fb.candidate
    return (
        fa.nominal
        and fb.nominal
        and a.predicate == b.predicate
        and fa.bounds is not None
        and fb.bounds is not None
        and bool(fa.keys)
        and bool(fb.keys)
        and fa.keys[0] == fb.keys[0]
    )


def _one_unowned_event(fa: Features, fb: Features) -> bool:
    """Both name, by the same noun and with the same date, an event neither gives an agent ("the
    1991 agreement", "the 1991 agreement"): in one story's coverage that is the one they all mean."""
    a, b = fa.candidate, fb.candidate
    return (
        fa.nominal
        and fb.nominal
        and not fa.keys
        and not fb.keys
        and a.predicate == b.predicate
        and fa.bounds is not None
        and fa.bounds == fb.bounds
        and a.date == b.date
    )


def _date_order(f: Features) -> tuple[dt.date, dt.date, str]:
    bounds = f.bounds or (dt.date.max, dt.date.max)
    return (bounds[0], bounds[1], f.candidate.predicate)


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


#: Words that open a sentence leaning on the one before ("And that's a valid point"): a poor title.
_LEANING = frozenset({"and", "but", "so", "or", "it", "this", "that", "these", "those", "they", "he", "she", "there"})


def _title_rank(candidate: EventCandidate) -> tuple:
    length = len(candidate.title)
    readable = 15 <= length <= 90 and " " in candidate.title
    said = candidate.title.split(": ", 1)[-1]
    first = re.match(r"\w+", fold(said))
    leaning = first is not None and first.group() in _LEANING
    return (not readable, not candidate.actors, leaning, _CERTAINTY_RANK.get(candidate.certainty, 4), abs(length - 50))


def _representative(
    candidates: Sequence[EventCandidate], resolution: ActorLookup, kinds: Mapping[str, ActorKind] | None = None
) -> Sequence[EventCandidate]:
    """The reports an event's title may come from: those of the voice most of its statements share.

    A statement retold by many outlets is credited now to the person, now to their
    organisation ("NATO said"): the title follows the majority, and a person before an
    organisation when they are as many.
    """
    voices: dict[str, list[EventCandidate]] = defaultdict(list)
    for c in candidates:
        if c.kind == EventKind.STATEMENT and c.actors:
            actor = resolution.actor_for(c.document, c.actors[0])
            if actor:
                voices[actor].append(c)
    if len(voices) < 2:
        return candidates
    if kinds is None:
        kinds = _actor_kinds(resolution)

    def weight(actor: str) -> tuple[int, bool]:
        return len(voices[actor]), kinds.get(actor) == ActorKind.PERSON

    return voices[max(voices, key=weight)]


def _actor_kinds(resolution: ActorLookup) -> dict[str, ActorKind]:
    return {a.id: a.kind for a in getattr(resolution, "actors", ())}


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
    members: Sequence[tuple[DocumentAnalysis, EventCandidate]],
    resolution: ActorLookup,
    order: dict[str, int],
    mentions: Sequence[tuple[DocumentAnalysis, EventCandidate]] = (),
    kinds: Mapping[str, ActorKind] | None = None,
) -> Event:
    """One event from its reports; ``mentions`` (sentences that name it in passing) add only their passages."""
    candidates = [c for _, c in members]
    date, precision, certainty, how = merged_date(candidates)
    lead = min(_representative(candidates, resolution, kinds), key=_title_rank)
    actors: list[str] = []
    for c in [lead, *candidates]:
        for mention in c.actors:
            actor = resolution.actor_for(c.document, mention)
            if actor and actor not in actors:
                actors.append(actor)
    quotes = _dedupe_quotes(Quote(q.text, _speaker(resolution, c, q.speaker)) for c in candidates for q in c.quotes)
    sources = sorted(
        [*members, *mentions],
        key=lambda ac: (
            (bounds_of(ac[1]) or (dt.date.max, dt.date.max))[0],
            order.get(ac[1].document, 0),
            ac[1].start,
        ),
    )
    unique_sources: list[Source] = []
    seen: set[tuple[str, int]] = set()
    for a, c in sources:
        if (c.document, c.start) not in seen:
            seen.add((c.document, c.start))
            unique_sources.append(candidate_source(a, c))
    first = min(candidates, key=lambda c: (order.get(c.document, 0), c.start, c.predicate))
    if len(members) > 1:
        docs = len({c.document for c in candidates})
        how = f"{how}; {len(members)} reports in {docs} document{'s' if docs > 1 else ''}".lstrip("; ")
    if mentions:
        how = f"{how}; named with its date in {len(mentions)} more passage{'s' if len(mentions) > 1 else ''}"
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


def merge_candidates(
    analyses: Sequence[DocumentAnalysis], resolution: ActorLookup, jobs: int | None = None
) -> list[Event]:
    """Events sorted by date (earliest bound, then latest), then document order; undated last.

    ``jobs``: the processes a big corpus's pairs are scored in (default: the number of cores).
    """
    if jobs is None:
        from timeline.parse import default_jobs

        jobs = default_jobs()
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
    affiliated = affiliations(getattr(resolution, "actors", ()))
    holders = title_holders(analyses, resolution)
    names = {a.id: a.name for a in getattr(resolution, "actors", ())}
    resolved = [_resolved(c, resolution, holders, names) for _, c in flat]
    feats = [features(c) for c in resolved]
    groups = cluster_candidates(resolved, continued, affiliated, feats, jobs)
    near = [dated_nouns(c, a.times[c.time] if c.time is not None and c.time < len(a.times) else None) for a, c in flat]
    named = nominal_mentions(feats, groups, near)
    kinds = _actor_kinds(resolution)
    events = [
        build_event([flat[i] for i in group], resolution, order, [flat[i] for i in named.get(gi, ())], kinds)
        for gi, group in enumerate(groups)
    ]
    events = _unique_ids(events, [flat[g[0]][1] for g in groups])
    forget_prepared()
    return sorted(events, key=lambda e: _sort_key(e, order))


def forget_prepared() -> None:
    """Drop the memoised text features (merging is the last stage that reads them)."""
    for memo in (_grams, _quote_grams, _figures, shares, name_key, _nouns_beside):
        memo.cache_clear()


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


def _resolved(
    candidate: EventCandidate,
    resolution: ActorLookup,
    holders: Mapping[str, Sequence[tuple[str, ...]]] = NO_HOLDERS,
    names: Mapping[str, str] = MappingProxyType({}),
) -> EventCandidate:
    """The candidate with its mentions renamed to their actors, so "the NATO chief" meets "Stoltenberg".

    A bare title the resolver left alone ("the Secretary-General said") is the one person
    of the same document whose title ends in it (see :func:`title_holders`).
    """
    renamed = []
    for mention in candidate.actors:
        actor = resolution.actor_for(candidate.document, mention) or _holder(
            mention.text, holders.get(candidate.document, ())
        )
        text = names.get(actor) or actor.replace("-", " ") if actor else mention.text
        renamed.append(mention if text == mention.text else dataclasses.replace(mention, text=text))
    if all(r is m for r, m in zip(renamed, candidate.actors, strict=True)):
        return candidate
    return dataclasses.replace(candidate, actors=tuple(renamed))


_TITLE_LEADING = frozenset(("the", "a", "an", "former", "then", "current", "new", "late", "s"))


def _title_words(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", fold(text))
    while words and words[0] in _TITLE_LEADING:
        words = words[1:]
    return tuple(words)


def title_holders(analyses: Sequence[DocumentAnalysis], resolution: ActorLookup) -> dict[str, list[tuple[str, ...]]]:
    """Each document's people with the titles they hold (from their aliases): who "the chancellor" is there."""
    people = {
        a.id: [_title_words(alias) for alias in a.aliases]
        for a in getattr(resolution, "actors", ())
        if a.kind == ActorKind.PERSON
    }
    out: dict[str, list[tuple[str, ...]]] = {}
    for analysis in analyses:
        seen = {resolution.actor_for(analysis.document, m) for m in analysis.mentions}
        out[analysis.document] = [(pid, *t) for pid in sorted(seen & people.keys()) for t in people[pid] if len(t) >= 1]
    return out


def _holder(text: str, titles: Sequence[tuple[str, ...]]) -> str | None:
    """The one person whose title ends in ``text``'s words ("Secretary-General" → "NATO Secretary General")."""
    words = _title_words(text)
    if not words or not titles:
        return None
    found = {t[0] for t in titles if len(t) - 1 >= len(words) and t[len(t) - len(words) :] == words}
    return found.pop() if len(found) == 1 else None


def _sort_key(event: Event, order: dict[str, int]) -> tuple:
    src = event.sources[0] if event.sources else None
    place = (order.get(src.document, 0), src.start) if src else (0, 0)
    if not event.date:
        return (1, "", "", *place)
    lo, hi = date_bounds(event.date)
    return (0, lo.isoformat(), hi.isoformat(), *place)
