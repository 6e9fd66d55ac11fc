"""Benchmark the explorer on a synthetic 10,000-event timeline (no spaCy: model objects built directly).

Prints, beside an empty Textual app measured in the same run:
  - time to first paint of the explorer on the in-memory timeline,
  - time to re-filter by actor (and to repaint), and to page through the list,
  - opening a saved TOML of that size from a fresh process (``timeline explore FILE.toml``
    up to its first frame) against starting an empty Textual app in a fresh process,
    as a ratio (the target is at most 1.5×), and beside them a 10-event TOML: what the
    explorer's start-up costs with next to nothing to read, the floor under that ratio.

Run:  .venv/bin/python bench/bench_tui.py [--events 10000] [--repeat 3] [--procs 7]

The fresh-process figures are medians of ``--procs`` interleaved runs, with the fastest run
of each beside them: on a shared machine the fastest is the one least slowed by others.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.model import (  # noqa: E402
    Actor,
    ActorKind,
    Certainty,
    Document,
    Event,
    Precision,
    Quote,
    Source,
    Timeline,
)
from timeline.toml_io import write_timeline  # noqa: E402

WORDS = ("alliance", "summit", "minister", "talks", "budget", "defence", "pledge", "troops", "border", "vote", "court")


def synthetic_timeline(n_events: int, n_docs: int = 200, n_actors: int = 300, seed: int = 7) -> Timeline:
    rng = random.Random(seed)
    docs = []
    for d in range(n_docs):
        sentences = [
            f"Sentence {k} of article {d} about the {rng.choice(WORDS)} on {rng.choice(WORDS)}." for k in range(60)
        ]
        docs.append(Document(id=f"d{d}", path=f"articles/d{d}.txt", text=" ".join(sentences), title=f"Article {d}",
                             published=f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}"))  # fmt: skip
    actors = [
        Actor(f"a{i}", f"Person {i} {rng.choice(WORDS).title()}", ActorKind.PERSON, (), 0) for i in range(n_actors)
    ]
    events = []
    for i in range(n_events):
        r = rng.random()
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 25))
        if r < 0.05:
            date, precision = None, None
        elif r < 0.15:
            date, precision = str(day.year), Precision.YEAR
        elif r < 0.35:
            date, precision = f"{day.year}-{day.month:02d}", Precision.MONTH
        elif r < 0.45:
            date, precision = f"{day.isoformat()}/{(day + dt.timedelta(days=2)).isoformat()}", Precision.INTERVAL
        else:
            date, precision = day.isoformat(), Precision.DAY
        sources = []
        for _ in range(rng.randint(1, 3)):
            doc = docs[rng.randrange(n_docs)]
            k = rng.randrange(60)
            start = doc.text.index(f"Sentence {k} of")
            end = doc.text.index(".", start) + 1
            sources.append(Source(doc.id, start, end, doc.text[start:end], how="synthetic"))
        who = tuple(sorted({f"a{rng.randrange(n_actors)}" for _ in range(rng.randint(1, 3))}))
        events.append(
            Event(f"e{i}", f"Event {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}", date, precision,
                  Certainty.STATED if date else None, who, (Quote(f"quote {i}", who[0]),), tuple(sources))
        )  # fmt: skip
    return Timeline(documents=tuple(docs), actors=tuple(actors), events=tuple(events), generator="bench")


def _first_paint(make_app) -> tuple[float, float]:
    """(wall, CPU) seconds from creating the app to its first frame."""

    async def run() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return time.perf_counter() - t0, time.process_time() - c0

    return asyncio.run(run())


def _empty_keys() -> float:
    """Pilot's own cost of a key press and repaint, in an empty app: the baseline for paging."""
    from textual.app import App

    async def run() -> float:
        async with App().run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            t0 = time.perf_counter()
            for _ in range(20):
                await pilot.press("pagedown")
            return (time.perf_counter() - t0) / 20

    return asyncio.run(run())


def _interactions(timeline: Timeline, repeat: int) -> tuple[list[float], list[float], list[float]]:
    from tui.app import TimelineApp

    async def run() -> tuple[list[float], list[float], list[float]]:
        app = TimelineApp(timeline)
        refilter, clear, paging = [], [], []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for k in range(repeat):
                app.chosen = {f"a{k}", f"a{k + 1}"}
                t0 = time.perf_counter()
                app.refilter()
                await pilot.pause()
                refilter.append(time.perf_counter() - t0)
                app.chosen = set()
                t0 = time.perf_counter()
                app.refilter()
                await pilot.pause()
                clear.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for _ in range(20):
                await pilot.press("pagedown")
            paging.append((time.perf_counter() - t0) / 20)
        return refilter, clear, paging

    return asyncio.run(run())


def _article(chars: int = 1_000_000) -> tuple[float, float]:
    """Opening a 1,000,000-character article at a passage near its end, and paging through it."""
    from tui.app import TimelineApp

    para = "The alliance met again on Tuesday to discuss budgets and troops. " * 20 + "\n\n"
    text = (para * (chars // len(para) + 1))[:chars]
    start = text.index("troops", chars * 9 // 10)
    source = Source("d", start, start + 40, text[start : start + 40])
    event = Event("e", "Big", "2024-01-01", sources=(source,))
    tl = Timeline(documents=(Document("d", "d.txt", text, "Big"),), events=(event,))

    async def run() -> tuple[float, float]:
        async with TimelineApp(tl).run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            t0 = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            opened = time.perf_counter() - t0
            t0 = time.perf_counter()
            for _ in range(20):
                await pilot.press("pagedown")
            return opened, (time.perf_counter() - t0) / 20

    return asyncio.run(run())


#: Both child scripts print, at their first frame, the wall clock and the CPU time the process
#: has used since it started; teardown (freeing a big timeline) is not counted for either.
EMPTY_APP = """
import sys, time
from textual.app import App
class Empty(App):
    def on_ready(self):
        print(time.time(), time.process_time())
        self.exit()
Empty().run(headless=True, size=(120, 40))
"""

#: ``timeline explore FILE.toml`` as the command runs it (``timeline.cli.main``), with the app run
#: headless and stopped at its first frame; ``tui.app`` is imported first to put that app in place,
#: which the command imports anyway.
EXPLORE_TOML = """
import sys, time
import tui.app
class Once(tui.app.TimelineApp):
    def on_ready(self):
        print(time.time(), time.process_time())
        self.exit()
def run_app(timeline, *, actors=(), match_all=False, theme=None, source_name=""):
    Once(timeline, actors=actors, match_all=match_all, theme=theme, source_name=source_name).run(
        headless=True, size=(120, 40))
    return 0
tui.app.run_app = run_app
from timeline.cli import main
main(["explore", sys.argv[1]])
print("spacy" in sys.modules, "dateparser" in sys.modules)
"""


def _process(script: str, *args: str, env: dict[str, str]) -> tuple[float, float, list[str]]:
    """(wall seconds from launch to first frame, CPU seconds to first frame, the rest of the output)."""
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", script, *args], check=True, env=env, cwd=ROOT,
                         capture_output=True, text=True).stdout.split()  # fmt: skip
    return float(out[0]) - t0, float(out[1]), out[2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--procs", type=int, default=7, help="fresh-process runs of each (at least 5)")
    args = parser.parse_args()
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    tmp = Path(tempfile.mkdtemp(prefix="bench_tui."))
    os.environ["TIMELINE_CONFIG_DIR"] = str(tmp / "config")
    os.environ["TIMELINE_CACHE_DIR"] = str(tmp / "cache")
    from textual.app import App

    from tui.app import TimelineApp

    t0 = time.perf_counter()
    timeline = synthetic_timeline(args.events)
    print(f"synthetic timeline: {len(timeline.events):,} events, {len(timeline.actors)} actors, "
          f"{len(timeline.documents)} documents (built in {time.perf_counter() - t0:.2f} s)")  # fmt: skip

    empty, ours = [], []
    for _ in range(args.repeat):  # interleaved, so a busy moment weighs on both alike
        empty.append(_first_paint(App))
        ours.append(_first_paint(lambda: TimelineApp(timeline)))
    empty_cpu, ours_cpu = [c for _, c in empty], [c for _, c in ours]
    empty, ours = [w for w, _ in empty], [w for w, _ in ours]
    refilter, clear, paging = _interactions(timeline, args.repeat)
    med = statistics.median
    print(f"\nin one process (median of {args.repeat}), headless 120×40:")
    print(f"  empty Textual app, first paint     {med(empty) * 1000:8.1f} ms   (CPU {med(empty_cpu) * 1000:.1f} ms)")
    print(f"  explorer, first paint              {med(ours) * 1000:8.1f} ms   ({med(ours) / med(empty):.2f}× empty; "
          f"CPU {med(ours_cpu) * 1000:.1f} ms, {med(ours_cpu) / med(empty_cpu):.2f}×)")  # fmt: skip
    print(f"  re-filter by 2 actors + repaint    {med(refilter) * 1000:8.1f} ms")
    print(f"  clear the filter + repaint         {med(clear) * 1000:8.1f} ms")
    print(f"  page down (per key, with repaint)  {med(paging) * 1000:8.1f} ms   "
          f"(a key press in an empty app under Pilot: {_empty_keys() * 1000:.1f} ms)")  # fmt: skip
    opened, paged = _article()
    print(f"  open a 1,000,000-char article       {opened * 1000:8.1f} ms   (wrapped, scrolled to the passage)")
    print(f"  page down in it (per key)          {paged * 1000:8.1f} ms")

    toml = tmp / "big.toml"
    write_timeline(timeline, toml)
    small = tmp / "small.toml"  # the explorer's own start-up, with next to nothing to read or index
    write_timeline(synthetic_timeline(10, n_docs=2, n_actors=3), small)
    print(f"\nsaved TOML: {toml.stat().st_size / 1e6:.1f} MB (articles not embedded)")
    # Both processes run as an installed program does: compiled bytecode cached (in a folder of
    # our own, so PYTHONDONTWRITEBYTECODE in the caller's environment cannot leave the project's
    # modules recompiled on every start while Textual's come precompiled from site-packages).
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    for name in ("NO_COLOR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    _process(EMPTY_APP, env=env)  # compiles Textual's bytecode into the cache folder
    cold, cold_cpu, _ = _process(EXPLORE_TOML, str(toml), env=env)  # parses the TOML; cache, facts kept
    _process(EXPLORE_TOML, str(small), env=env)
    empty_proc, ours_proc, small_proc = [], [], []
    for _ in range(max(args.repeat, args.procs, 5)):  # interleaved, so a busy moment weighs on all alike
        empty_proc.append(_process(EMPTY_APP, env=env))
        ours_proc.append(_process(EXPLORE_TOML, str(toml), env=env))
        small_proc.append(_process(EXPLORE_TOML, str(small), env=env))
    check = ours_proc[-1][2]
    shutil.rmtree(tmp, ignore_errors=True)
    wall_e, wall_o = med(x[0] for x in empty_proc), med(x[0] for x in ours_proc)
    cpu_e, cpu_o = med(x[1] for x in empty_proc), med(x[1] for x in ours_proc)
    fast_e, fast_o = min(x[0] for x in empty_proc), min(x[0] for x in ours_proc)
    fast_s = min(x[0] for x in small_proc)
    wall_s, cpu_s = med(x[0] for x in small_proc), med(x[1] for x in small_proc)

    def row(label: str, wall: float, cpu: float, fast: float | None, note: str = "") -> str:
        fastest = f"{fast * 1000:8.1f} ms" if fast is not None else " " * 11
        return f"  {label:33s}{wall * 1000:8.1f} ms  {cpu * 1000:8.1f} ms  {fastest}   {note}".rstrip()

    print(f"fresh process, launch to first frame (median of {len(ours_proc)}, interleaved; wall / CPU / fastest wall):")
    print(row("empty Textual app", wall_e, cpu_e, fast_e))
    print(row("timeline explore big.toml, first", cold, cold_cpu, None, "(tomllib parse)"))
    print(row("timeline explore big.toml", wall_o, cpu_o, fast_o, "(parse cache, kept facts)"))
    print(row("timeline explore small.toml", wall_s, cpu_s, fast_s,
              f"(10 events: the app's own start-up, {cpu_s / cpu_e:.2f}× CPU)"))  # fmt: skip
    ratios = f"{wall_o / wall_e:8.2f}×   {cpu_o / cpu_e:8.2f}×   {fast_o / fast_e:8.2f}×"
    print(f"  {'ratio':33s}{ratios}      (target ≤ 1.5×)")
    print(f"  spacy imported: {check[0]}, dateparser imported: {check[1]}")


if __name__ == "__main__":
    main()
