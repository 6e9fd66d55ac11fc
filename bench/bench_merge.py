"""Merging time and pair comparisons against corpus size: synthetic stories (near-linear expected).

Two generated corpora: reports with random words and actors (few alike), and stories retold by
many outlets (half word for word, as wire copy is; half reworded), where the same reports crowd
the same actors' days more as the corpus grows.

Run: .venv/bin/python bench/bench_merge.py
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterable, Sequence

from timeline.candidates import ActorMention, DocumentAnalysis, EventCandidate, EventKind
from timeline.merge import merge_candidates
from timeline.model import Certainty, Precision
from timeline.parse import cyclic_gc_paused

WORDS = [f"w{n}" for n in range(400)]
ACTORS = [f"Person{n} Name{n}" for n in range(60)]


class _Names:
    def actor_for(self, document_id: str, mention: ActorMention) -> str | None:
        return mention.text.split()[-1].lower()


def statement(
    doc: str,
    sentence: int,
    text: str,
    predicate: str,
    date: str | None,
    actors: Sequence[str],
    words: Iterable[str],
    title: str = "",
) -> EventCandidate:
    """One generated statement: its sentence's place, words and actors; a date stated to the day, or none."""
    return EventCandidate(
        document=doc,
        sentence=sentence,
        start=sentence * 100,
        end=sentence * 100 + 90,
        text=text,
        title=title or text,
        kind=EventKind.STATEMENT,
        predicate=predicate,
        date=date,
        precision=Precision.DAY if date else None,
        certainty=Certainty.STATED if date else None,
        actors=tuple(ActorMention(a, 0, 1, "PERSON") for a in actors),
        lemmas=frozenset(words),
    )


def corpus(n_candidates: int, seed: int = 1) -> list[DocumentAnalysis]:
    rng = random.Random(seed)
    analyses = []
    per_doc = 20
    for d in range(n_candidates // per_doc):
        doc = f"d{d}"
        candidates = []
        for s in range(per_doc):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
            dated = rng.random() < 0.7
            actors = rng.sample(ACTORS[:5], 1) + rng.sample(ACTORS, 2)  # a few main actors in every story
            predicate = rng.choice(["say", "warn", "meet", "sign"])
            date = day.isoformat() if dated else None
            candidates.append(statement(doc, s, "x", predicate, date, actors, rng.sample(WORDS, 8), f"event {d}-{s}"))
        analyses.append(DocumentAnalysis(doc, candidates=tuple(candidates)))
    return analyses


def retold(n_candidates: int, seed: int = 1) -> list[DocumentAnalysis]:
    """Forty stories of ten reports each, every document one outlet's telling of one of them."""
    rng = random.Random(seed)
    stories = []
    for s in range(40):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(60))
        stories.append(
            [
                (
                    rng.sample(ACTORS[:8], 1) + rng.sample(ACTORS, 1),  # a few main actors in every story
                    (day + dt.timedelta(days=rng.randrange(3))).isoformat() if rng.random() < 0.8 else None,
                    rng.choice(["say", "warn", "meet", "sign"]),
                    rng.sample(WORDS, 8),
                    f"story {s} report {r}",
                )
                for r in range(10)
            ]
        )
    analyses = []
    for d in range(n_candidates // 10):
        doc, story, copied = f"d{d}", rng.choice(stories), rng.random() < 0.5
        candidates = []
        for sentence, (actors, date, predicate, words, text) in enumerate(story):
            if not copied:  # the outlet's own words: two of the eight changed
                words = rng.sample(words, 6) + rng.sample(WORDS, 2)
                text = f"{text} ({doc})"
            candidates.append(statement(doc, sentence, text, predicate, date, actors, words))
        analyses.append(DocumentAnalysis(doc, candidates=tuple(candidates)))
    return analyses


def main() -> None:
    import timeline.merge as merge

    counted = merge.similarity_of
    calls = [0]

    def similarity(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return counted(*args, **kwargs)

    merge.similarity_of = similarity
    for name, make in (("random reports", corpus), ("stories retold by many outlets", retold)):
        print(f"{name}:")
        figures: dict[int, tuple[float, int]] = {}
        previous, last = None, 1000
        for n in (1000, 2000, 4000, 5000, 8000):
            analyses = make(n)
            times = []
            for _ in range(3):  # best of three: the machine is shared
                calls[0] = 0
                with cyclic_gc_paused():  # as the build runs it
                    started = time.process_time()
                    events = merge_candidates(analyses, _Names(), jobs=1)  # (comparisons counted here)
                    times.append(time.process_time() - started)
            seconds = min(times)
            figures[n] = (seconds, calls[0])
            ratio = f"  x{seconds / previous:.1f} time for x{n / last:.2f} candidates" if previous else ""
            print(
                f"{n:>6} candidates → {len(events):>6} events in {seconds:6.2f} s, {calls[0]:>8} comparisons "
                f"({calls[0] / n:5.1f} a candidate){ratio}"
            )
            previous, last = seconds, n
        (t1, c1), (t5, c5) = figures[1000], figures[5000]
        print(f"x5 candidates (1000 → 5000): x{t5 / t1:.1f} time, x{c5 / c1:.1f} comparisons (near-linear: ≤ x6)\n")


if __name__ == "__main__":
    main()
