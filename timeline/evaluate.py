"""Scoring a built timeline against gold: a seeds-style gold TOML or a SemEval-2015 folder.

Both gold formats are read into one shape — gold events with mention spans in named
documents — so that coverage (a timeline event covers a gold mention when one of its
source passages overlaps the mention's span), date checks and actor checks are written
once. Scoring functions are pure; only :func:`load_gold`, :func:`document_texts` and
:func:`run_evaluate` touch files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from timeline.model import Event, Timeline, date_bounds, is_valid_date


class GoldError(ValueError):
    """Gold that cannot be read: exit code 2."""


@dataclass(frozen=True, slots=True)
class Span:
    doc: str  # gold's document key: a file name ("000_x.txt") or a SemEval docid ("18315")
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    date: str | None  # ISO at precision or "A/B"; None when the gold does not date it
    actors: tuple[str, ...]
    mentions: tuple[Span, ...]
    optional: bool = False
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Gold:
    """``entities`` is empty for a single gold timeline; SemEval has one event list per entity."""

    kind: str  # "seeds" or "semeval"
    events: tuple[GoldEvent, ...] = ()
    non_events: tuple[Span, ...] = ()
    entities: tuple[tuple[str, tuple[GoldEvent, ...]], ...] = ()


# --- reading gold ---------------------------------------------------------------------


def load_gold(path: str | Path, texts: Mapping[str, str]) -> Gold:
    """Read gold from ``path``; ``texts`` maps gold document keys to text (for quote spans)."""
    p = Path(path)
    if p.is_dir():
        return load_semeval(p)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(f"{p}: cannot read gold: {exc}") from None
    return seeds_gold(data, texts)


def _quote_span(doc: str, quote: str, texts: Mapping[str, str]) -> Span | None:
    text = texts.get(doc)
    if text is None:
        return None
    at = text.find(quote)
    return Span(doc, at, at + len(quote)) if at >= 0 else None


def seeds_gold(data: Mapping, texts: Mapping[str, str]) -> Gold:
    """Gold from a parsed seeds-style TOML; quotes not found in ``texts`` are dropped."""
    events = []
    for i, e in enumerate(data.get("event", [])):
        spans = tuple(s for m in e.get("mentions", []) if (s := _quote_span(m["doc"], m["quote"], texts)) is not None)
        events.append(
            GoldEvent(
                id=str(e.get("id", f"gold-{i}")),
                date=e.get("date") or None,
                actors=tuple(e.get("actors", ())),
                mentions=spans,
                optional=bool(e.get("optional", False)),
                summary=e.get("summary", ""),
            )
        )
    non_events = tuple(
        s for n in data.get("non_event", []) if (s := _quote_span(n["doc"], n["quote"], texts)) is not None
    )
    return Gold("seeds", tuple(events), non_events)


def semeval_date(value: str) -> str | None:
    """``2008-XX-XX`` → ``2008``; ``2010-06-XX`` → ``2010-06``; ``XXXX-XX-XX`` → None."""
    parts = []
    for part in value.strip().split("-"):
        if "X" in part.upper():
            break
        parts.append(part)
    iso = "-".join(parts)
    return iso if iso and is_valid_date(iso) else None


def semeval_gold(entity_files: Mapping[str, str], sentences: Mapping[str, Mapping[str, Sequence[int]]]) -> Gold:
    """Gold from SemEval timeline files (name → content) and the sentence spans per docid."""
    entities = []
    for name in sorted(entity_files):
        lines = entity_files[name].splitlines()
        if not lines:
            continue
        entity = lines[0].strip()
        events = []
        for n, line in enumerate(lines[1:], 1):
            cols = line.strip().split("\t")
            if len(cols) < 3:
                continue
            spans = []
            for ref in cols[2:]:
                docid, _, rest = ref.partition("-")
                sent = rest.partition("-")[0]
                span = sentences.get(docid, {}).get(sent)
                if span:
                    spans.append(Span(docid, int(span[0]), int(span[1])))
            events.append(GoldEvent(f"{name}:{n}", semeval_date(cols[1]), (entity,), tuple(spans), summary=cols[2]))
        entities.append((entity, tuple(events)))
    return Gold("semeval", entities=tuple(entities))


def load_semeval(folder: Path) -> Gold:
    try:
        sentences = json.loads((folder / "sentences.json").read_text(encoding="utf-8"))
        files = {f.stem: f.read_text(encoding="utf-8") for f in sorted((folder / "gold").glob("*.txt"))}
    except (OSError, ValueError) as exc:
        raise GoldError(f"{folder}: not a SemEval-2015 gold folder: {exc}") from None
    return semeval_gold(files, sentences)


# --- matching -------------------------------------------------------------------------


def document_keys(timeline: Timeline) -> dict[str, tuple[str, ...]]:
    """Timeline document id → the keys gold may use for it (file name, stem, id)."""
    return {d.id: (Path(d.path).name, Path(d.path).stem, d.id) for d in timeline.documents}


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def covers(event: Event, span: Span, keys: Mapping[str, tuple[str, ...]]) -> bool:
    """True when one of the event's source passages overlaps the span in the same document."""
    return any(
        span.doc in keys.get(s.document, (s.document,)) and _overlaps(s.start, s.end, span.start, span.end)
        for s in event.sources
    )


def date_right(system: str | None, gold: str | None) -> bool:
    """The system's date lies within the gold's date or interval (so is at least as precise)."""
    if not system or not gold:
        return False
    try:
        lo, hi = date_bounds(system)
        glo, ghi = date_bounds(gold)
    except ValueError:
        return False
    return glo <= lo and hi <= ghi


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^\w\s]", "", "".join(c for c in decomposed if not unicodedata.combining(c))).lower().strip()


def name_matches(system_names: Iterable[str], gold_name: str) -> bool:
    """A system actor matches a gold name when a name or alias is that name, or a part of it
    that ends in its last word ("Trump" for "Donald Trump"), or that name with more words
    ("The White House", "iTunes Music Store").

    Accents and punctuation are ignored, and a gold word cut short ("Lipavsk") matches the
    whole word. Other names that merely end alike ("App Store", "iTunes store") do not match.
    """
    gold = _fold(gold_name).split()
    if not gold:
        return False
    for raw in system_names:
        name = _fold(raw).split()
        if name == gold:
            return True
        if not name or not _same_word(name[-1], gold[-1]) or sum(c.isalpha() for c in "".join(name)) < 3:
            continue
        if all(any(_same_word(w, g) for g in gold) for w in name):
            return True
        if all(any(_same_word(w, g) for w in name) for g in gold):
            return True
    return False


def _same_word(system: str, gold: str) -> bool:
    return system == gold or (len(gold) >= 4 and system.startswith(gold))


def _actor_names(timeline: Timeline, actor_id: str) -> tuple[str, ...]:
    actor = timeline.actor(actor_id)
    return (actor.name, *actor.aliases) if actor else (actor_id,)


# --- scores ---------------------------------------------------------------------------


_COUNTS = [
    "gold_events",
    "found",
    "gold_dated",
    "dated_right",
    "gold_actors",
    "actors_found",
    "split",
    "multi_source",
    "merged",
    "system_events",
    "correct_events",
    "system_dated",
    "dated_correct",
]
_RATIOS = ("recall", "date_accuracy", "actor_recall", "split_rate", "precision", "dated_recall", "dated_precision")


@dataclass(slots=True)
class Score:
    """Figures for one gold timeline (or one SemEval entity)."""

    name: str = ""
    gold_events: int = 0  # required gold events
    found: int = 0
    gold_dated: int = 0  # required gold events with a date
    dated_right: int = 0
    gold_actors: int = 0  # actors named by found gold events
    actors_found: int = 0
    split: int = 0
    multi_source: int = 0
    merged: int = 0
    system_events: int = 0
    correct_events: int = 0
    system_dated: int = 0
    dated_correct: int = 0  # dated system events covering a gold event with the right date
    conflated: int = 0  # system events whose separate passages report different gold events
    missed: list[str] = field(default_factory=list)
    misdated: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    conflations: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold_events)

    @property
    def date_accuracy(self) -> float:
        return _ratio(self.dated_right, self.gold_dated)

    @property
    def actor_recall(self) -> float:
        return _ratio(self.actors_found, self.gold_actors)

    @property
    def split_rate(self) -> float:
        return _ratio(self.split, self.found)

    @property
    def precision(self) -> float:
        return _ratio(self.correct_events, self.system_events)

    @property
    def dated_recall(self) -> float:
        return self.date_accuracy

    @property
    def dated_precision(self) -> float:
        return _ratio(self.dated_correct, self.system_dated)

    def add(self, other: Score) -> None:
        for name in [
            "gold_events",
            "found",
            "gold_dated",
            "dated_right",
            "gold_actors",
            "actors_found",
            "split",
            "multi_source",
            "merged",
            "system_events",
            "correct_events",
            "system_dated",
            "dated_correct",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.misdated += other.misdated
        self.spurious += other.spurious
        self.conflations += other.conflations

    def figures(self) -> dict[str, object]:
        data = {k: v for k, v in asdict(self).items() if k not in ("missed", "misdated", "spurious", "conflations")}
        for name in [
            "recall",
            "date_accuracy",
            "actor_recall",
            "split_rate",
            "precision",
            "dated_recall",
            "dated_precision",
        ]:
            data[name] = round(getattr(self, name), 3)
        return data


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _describe(event: Event) -> str:
    src = event.sources[0] if event.sources else None
    where = f" [{src.document}:{src.start}]" if src else ""
    return f"{event.id} {event.date or 'undated'} {event.title!r}{where}"


def score_events(
    gold_events: Sequence[GoldEvent],
    events: Sequence[Event],
    timeline: Timeline,
    *,
    non_events: Sequence[Span] = (),
    name: str = "",
) -> Score:
    """Score ``events`` against ``gold_events``: recall, dates, actors, splits, merges, precision."""
    keys = document_keys(timeline)
    score = Score(name=name)
    matched: set[int] = set()
    right_dated: set[int] = set()
    for gold in gold_events:
        covering: list[tuple[int, Event, int]] = []
        for i, event in enumerate(events):
            n = sum(covers(event, m, keys) for m in gold.mentions)
            if n:
                covering.append((i, event, n))
                matched.add(i)
                if date_right(event.date, gold.date):
                    right_dated.add(i)
        if gold.optional:
            continue
        score.gold_events += 1
        if gold.date:
            score.gold_dated += 1
        if len(gold.mentions) >= 2:
            score.multi_source += 1
            if any(n == len(gold.mentions) for _, _, n in covering):
                score.merged += 1
        if not covering:
            score.missed.append(f"{gold.id} {gold.date or 'undated'} {gold.summary!r}")
            continue
        score.found += 1
        if len(covering) > 1:
            score.split += 1
        # the event that reports most of the gold's mentions stands for it; ties favour a right date
        _, main, _ = max(covering, key=lambda c: (c[2], date_right(c[1].date, gold.date), -c[0]))
        if gold.date:
            if date_right(main.date, gold.date):
                score.dated_right += 1
            else:
                score.misdated.append(f"{gold.id}: gold {gold.date}, timeline {main.date or 'undated'} ({main.id})")
        names = [n for a in {a for _, e, _ in covering for a in e.actors} for n in _actor_names(timeline, a)]
        score.gold_actors += len(gold.actors)
        score.actors_found += sum(name_matches(names, g) for g in gold.actors)
    for i, event in enumerate(events):
        if conflates(event, gold_events, keys):
            score.conflated += 1
            score.conflations.append(_describe(event))
        score.system_events += 1
        bad = any(covers(event, span, keys) for span in non_events)
        if i in matched and not bad:
            score.correct_events += 1
        else:
            score.spurious.append(_describe(event) + (" (non-event passage)" if bad else ""))
        if event.date:
            score.system_dated += 1
            if i in right_dated and not bad:
                score.dated_correct += 1
    return score


def conflates(event: Event, gold_events: Sequence[GoldEvent], keys: Mapping[str, tuple[str, ...]]) -> bool:
    """True when two of the event's passages report different gold events and no passage reports both."""
    reported = []
    for source in event.sources:
        single = Event(event.id, event.title, sources=(source,))
        reported.append(
            {g.id for g in gold_events if not g.optional and any(covers(single, m, keys) for m in g.mentions)}
        )
    seen = [r for r in reported if r]
    return any(not (a & b) for n, a in enumerate(seen) for b in seen[n + 1 :])


def entity_events(timeline: Timeline, entity: str) -> list[Event]:
    """Timeline events with an actor whose name or alias matches ``entity``."""
    wanted = {a.id for a in timeline.actors if name_matches((a.name, *a.aliases), entity)}
    return [e for e in timeline.events if wanted.intersection(e.actors)]


@dataclass(slots=True)
class Evaluation:
    kind: str
    total: Score
    entities: list[Score] = field(default_factory=list)


def evaluate(timeline: Timeline, gold: Gold) -> Evaluation:
    """All figures; for SemEval, per entity (events filtered by the entity's actor) and micro-averaged."""
    if gold.kind != "semeval":
        return Evaluation(gold.kind, score_events(gold.events, timeline.events, timeline, non_events=gold.non_events))
    total = Score(name="micro")
    per_entity = []
    for entity, events in gold.entities:
        # SemEval judges dated events: rank-0 (undated) gold lines still make matches correct
        score = score_events(events, entity_events(timeline, entity), timeline, name=entity)
        per_entity.append(score)
        total.add(score)
    return Evaluation(gold.kind, total, per_entity)


# --- the command ----------------------------------------------------------------------


def _resolve(path: str, base: Path) -> Path | None:
    for candidate in (Path(path), base / path):
        if candidate.is_file():
            return candidate
    return None


def document_texts(timeline: Timeline, base: Path) -> tuple[dict[str, str], list[str]]:
    """Gold key → text, from embedded texts or the article files (read like the builder reads them)."""
    from timeline.corpus import read_corpus

    texts: dict[str, str] = {}
    problems = []
    for doc in timeline.documents:
        text = doc.text
        if not text:
            found = _resolve(doc.path, base)
            if found is None:
                problems.append(f"{doc.path}: article not found; its gold quotes cannot be located")
                continue
            docs = read_corpus([found]).documents
            if not docs:
                problems.append(f"{doc.path}: article could not be read")
                continue
            text = docs[0].text
        for key in (Path(doc.path).name, Path(doc.path).stem, doc.id):
            texts.setdefault(key, text)
    return texts, problems


_ROWS = (
    ("event recall", "recall", "found", "gold_events"),
    ("date accuracy", "date_accuracy", "dated_right", "gold_dated"),
    ("actor recall", "actor_recall", "actors_found", "gold_actors"),
    ("split rate", "split_rate", "split", "found"),
    ("multi-source merged", None, "merged", "multi_source"),
    ("precision", "precision", "correct_events", "system_events"),
    ("dated precision", "dated_precision", "dated_correct", "system_dated"),
    ("conflated events", None, "conflated", "system_events"),
)


def format_table(result: Evaluation, verbose: bool = False) -> str:
    lines = []
    if result.kind == "semeval":
        lines.append(f"{'entity':<22} {'dated recall':>16} {'precision':>16} {'dated precision':>16}")
        for s in [*result.entities, result.total]:
            lines.append(
                f"{s.name:<22} {s.dated_recall:>5.2f} ({s.dated_right:>3}/{s.gold_dated:<3}) "
                f"{s.precision:>5.2f} ({s.correct_events:>3}/{s.system_events:<3}) "
                f"{s.dated_precision:>5.2f} ({s.dated_correct:>3}/{s.system_dated:<3})"
            )
        lines.append("")
    total = result.total
    for label, ratio, num, den in _ROWS:
        a, b = getattr(total, num), getattr(total, den)
        value = f"{getattr(total, ratio):.2f}" if ratio else f"{a}/{b}"
        lines.append(f"{label:<22} {value:>6}  ({a}/{b})")
    if verbose:
        scores = result.entities or [total]
        for s in scores:
            prefix = f"[{s.name}] " if result.entities else ""
            for title, items in (
                ("missed", s.missed),
                ("misdated", s.misdated),
                ("spurious", s.spurious),
                ("conflated (one event for several gold events)", s.conflations),
            ):
                if items:
                    lines.append(f"\n{prefix}{title} ({len(items)}):")
                    lines += [f"  {item}" for item in items]
    return "\n".join(lines)


def evaluation_json(result: Evaluation, verbose: bool = False) -> str:
    def one(s: Score) -> dict:
        data = s.figures()
        if verbose:
            data |= {"missed": s.missed, "misdated": s.misdated, "spurious": s.spurious, "conflated": s.conflations}
        return data

    data: dict[str, object] = {"gold": result.kind, "total": one(result.total)}
    if result.entities:
        data["entities"] = [one(s) for s in result.entities]
    return json.dumps(data, indent=2, ensure_ascii=False)


def run_evaluate(args: argparse.Namespace) -> int:
    from timeline.toml_io import TimelineFileError, read_timeline

    try:
        timeline = read_timeline(args.timeline)
    except TimelineFileError as exc:
        print(f"timeline evaluate: {exc}", file=sys.stderr)
        return 2
    if not Path(args.gold).exists():
        print(f"timeline evaluate: {args.gold}: no such file or directory", file=sys.stderr)
        return 2
    texts, problems = ({}, []) if Path(args.gold).is_dir() else document_texts(timeline, Path(args.timeline).parent)
    for problem in problems:
        print(f"timeline evaluate: warning: {problem}", file=sys.stderr)
    try:
        gold = load_gold(args.gold, texts)
    except (GoldError, KeyError, TypeError) as exc:
        print(f"timeline evaluate: {exc}", file=sys.stderr)
        return 2
    result = evaluate(timeline, gold)
    if args.format == "json":
        print(evaluation_json(result, args.verbose))
    else:
        print(format_table(result, args.verbose))
    return 0
