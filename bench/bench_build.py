"""Benchmark the builder against spaCy itself: cold, warm, memory, merging, jobs.

Generates corpora of 100, 1,000 and 5,000 articles from the seed and SemEval trial
articles, each copy with its people, places and organisations renamed and its years
shifted so that no two documents are the same, then prints in one run:

- raw ``nlp.pipe`` throughput of the same model with the same components and jobs (the
  ceiling: the same worker pool with an analysis that does nothing), timed as the cold
  build is: a fresh process from start to exit (Python start-up, the spaCy import, the
  model load and reading the texts included, as the build pays them too); the parse alone
  inside that process is printed beside it and is the ceiling of the per-document half,
- cold ``timeline build`` throughput (a subprocess, the whole pipeline, an empty cache),
- warm rebuild time (the same command again: the whole built timeline is read back from
  the cache, no analysis loaded and no corpus stage run),
- the rebuild after one document changed (one document parsed, every other analysis
  read from the cache, every corpus stage run again),
- peak memory (summed PSS of the build process and its workers, sampled once a second, the
  raw parse's beside it, sampled alike),
- the corpus stages (actors, publication dates, narrative, merging) timed from cached
  analyses, and their scaling 1,000 → 5,000,
- ``--jobs 1`` against ``--jobs 2`` (cold builds of the 1,000 corpus, or the largest
  size run when 1,000 is not among them).

Targets are printed beside each figure. The machine's cores may be shared: figures are
noisy, run it on an idle machine for numbers worth quoting. For sizes up to 1,000 the raw
parse and the cold build run ``--repeat`` times each (default 2), interleaved, and the
fastest of each is quoted, every run printed beside it.

Run:  .venv/bin/python bench/bench_build.py [--sizes 100,1000,5000] [--jobs 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.cache import pipeline_version  # noqa: E402
from timeline.candidates import DocumentAnalysis  # noqa: E402
from timeline.parse import analyse_corpus, cyclic_gc_paused, default_jobs  # noqa: E402

#: sizes up to this one run the raw parse and the cold build ``--repeat`` times (larger ones once)
REPEAT_UP_TO = 1000

SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "data" / "semeval2015-trial" / "articles"]
TIMELINE = [sys.executable, "-m", "timeline"]

FIRST = [
    "Maria",
    "Ahmed",
    "Olga",
    "Kenji",
    "Fatima",
    "Lucas",
    "Ingrid",
    "Tomasz",
    "Aisha",
    "Diego",
    "Mei",
    "Pavel",
    "Zanele",
    "Hugo",
    "Leila",
    "Arjun",
    "Sofia",
    "Malik",
    "Elena",
    "Kwame",
    "Noor",
    "Anders",
    "Yuki",
    "Carmen",
    "Ibrahim",
    "Hana",
    "Mateo",
    "Priya",
    "Oskar",
    "Amara",
]
LAST = [
    "Kowalski",
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Haddad",
    "Moreau",
    "Novak",
    "Mensah",
    "Fischer",
    "Alvarez",
    "Petrov",
    "Nakamura",
    "Osei",
    "Bianchi",
    "Dubois",
    "Sharma",
    "Larsen",
    "Costa",
    "Yilmaz",
    "Horvat",
    "Andersen",
    "Silva",
    "Kimura",
    "Rahman",
    "Berg",
    "Jansen",
    "Ortiz",
    "Varga",
    "Nkosi",
    "Walsh",
]
PLACES = [
    "Lyon",
    "Gdansk",
    "Osaka",
    "Accra",
    "Porto",
    "Tampere",
    "Cordoba",
    "Brno",
    "Mombasa",
    "Leeds",
    "Aarhus",
    "Graz",
    "Busan",
    "Tartu",
    "Valencia",
    "Kraków",
    "Durban",
    "Bergen",
    "Geneva",
    "Medellín",
    "Izmir",
    "Split",
    "Lille",
    "Kumasi",
    "Malmö",
    "Bilbao",
    "Pune",
    "Cebu",
    "Ghent",
    "Sapporo",
]
ORGS = [
    "Northwind Holdings",
    "Baltic Freight Union",
    "the Meridian Institute",
    "Aurora Telecom",
    "the Harbour Council",
    "Greyline Energy",
    "the Civic Data Trust",
    "Helix Pharmaceuticals",
    "the Riverside League",
    "Orbis Media",
]

YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def noop(document, doc) -> DocumentAnalysis:
    """The ceiling's analysis: nothing beyond the parse itself."""
    return DocumentAnalysis(document=document.id)


# --- corpora --------------------------------------------------------------------------


def base_articles() -> list[tuple[str, dict[str, str]]]:
    """Each source article's raw text and its entities (text → label), found once."""
    from timeline.nlp import load_model

    files = sorted(p for src in SOURCES if src.is_dir() for p in src.iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        sys.exit("bench_build: no source articles (seeds/ or ../shared/data/semeval2015-trial/articles)")
    texts = [p.read_text(encoding="utf-8") for p in files]
    nlp = load_model()
    out = []
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        ents = {e.text: e.label_ for e in doc.ents if e.label_ in ("PERSON", "GPE", "ORG") and "\n" not in e.text}
        out.append((text, ents))
    return out


def variant(text: str, ents: dict[str, str], rng: random.Random) -> str:
    """The article with its names, places and years changed."""
    mapping: dict[str, str] = {}
    surnames: dict[str, str] = {}
    for name, label in sorted(ents.items(), key=lambda kv: -len(kv[0])):
        if label == "PERSON":
            parts = name.split()
            last = surnames.get(parts[-1]) or rng.choice(LAST)
            surnames[parts[-1]] = last
            mapping[name] = f"{rng.choice(FIRST)} {last}" if len(parts) > 1 else last
        elif label == "GPE":
            mapping[name] = rng.choice(PLACES)
        else:
            mapping[name] = rng.choice(ORGS)
    if mapping:
        pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in mapping) + r")\b")
        text = pattern.sub(lambda m: mapping[m.group(0)], text)
    shift = rng.randint(-6, 3)
    return YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)


def make_corpus(folder: Path, n: int, bases, seed: int = 7) -> None:
    rng = random.Random(seed * 1_000_003 + n)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text, ents = bases[i % len(bases)]
        (folder / f"a{i:05d}.md").write_text(variant(text, ents, rng), encoding="utf-8")


# --- measuring ------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Summed memory in bytes of a process and all its descendants: PSS (RSS with pages
    shared by the forked workers counted once overall), RSS where PSS is unavailable."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            try:
                fh = open(f"/proc/{p}/smaps_rollup")  # noqa: SIM115
                field = "Pss:"
            except OSError:
                fh = open(f"/proc/{p}/status")  # noqa: SIM115
                field = "VmRSS:"
            with fh:
                for line in fh:
                    if line.startswith(field):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def _children_cpu() -> float:
    """CPU seconds (user and system) of every child process ended so far, their own children
    (the build's worker processes) included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: seconds between two samples of a run's memory: reading a process's PSS walks its page tables
#: (a few ms for each of the three processes, with their memory locked meanwhile), so sampling
#: often slows the run measured; both the raw parse and the build are sampled alike
SAMPLE_EVERY = 1.0


def _run_sampled(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str, str, float]:
    """Run ``cmd`` to its end: wall time, peak summed PSS (sampled every :data:`SAMPLE_EVERY`
    seconds), its stdout and stderr, and the CPU seconds of it and its children."""
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(SAMPLE_EVERY):
            peak = max(peak, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 3):
        sys.exit(f"bench_build: {cmd[2]} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return elapsed, peak, out.decode(errors="replace"), err.decode(errors="replace"), _children_cpu() - cpu


def run_build(corpus: Path, cache: Path, jobs: int, *, no_cache: bool = False) -> tuple[float, int, str, float]:
    """Wall time, peak summed PSS, the stage timings line and the CPU seconds of one ``timeline build``.

    CPU seconds count the work whatever else the cores are doing: on a shared machine they
    compare a build with the raw parse better than wall time does.
    """
    cmd = [*TIMELINE, "build", str(corpus), "-o", os.devnull, "--force", "-q", "-j", str(jobs)]
    cmd += ["--no-cache"] if no_cache else ["--cache-dir", str(cache)]
    env = dict(os.environ, TIMELINE_CACHE_DIR=str(cache), TIMELINE_TIMINGS="1")
    elapsed, peak, _, err, cpu = _run_sampled(cmd, env)
    stages = next((line.split("stages: ", 1)[1] for line in err.splitlines() if "timeline: stages: " in line), "")
    return elapsed, peak, stages, cpu


def raw_parse(corpus: Path, jobs: int) -> tuple[float, float, float, int]:
    """Seconds for the same worker pool to parse every text with an analysis that does nothing:
    the whole process (timed and sampled as :func:`run_build` times a build), the parse inside
    it, the process's CPU seconds (its workers' included) and its peak memory."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--raw-child", str(corpus), "--jobs", str(jobs)]
    elapsed, peak, out, _, cpu = _run_sampled(cmd, dict(os.environ))
    return elapsed, float(out.split()[-1]), cpu, peak


def raw_child(corpus: Path, jobs: int) -> None:
    """The raw parse's process: read the texts, parse them, print the parse's seconds."""
    from timeline.corpus import read_corpus

    documents = read_corpus([corpus]).documents
    start = time.perf_counter()
    analyse_corpus(documents, jobs=jobs, use_cache=False, analyse=noop, quiet=True)
    print(f"{time.perf_counter() - start:.6f}")


def raw_and_cold(corpus: Path, cache: Path, jobs: int, repeat: int):
    """The raw parse and the cold build, ``repeat`` times each, interleaved, keeping the fastest of each.

    On shared cores a run is slowed by whatever else runs at that moment, by up to a tenth
    here; the fastest run of each is the one least slowed, and interleaving the two gives
    both the same chances. Returns the fastest raw run (whole process, parse alone, CPU),
    the fastest cold build (wall, its peak memory, stage timings, CPU) and every pair of
    wall times.
    """
    import shutil

    best_raw = best_cold = None
    runs = []
    for _ in range(max(1, repeat)):
        raw = raw_parse(corpus, jobs)
        shutil.rmtree(cache, ignore_errors=True)  # every cold build starts from an empty cache
        cold = run_build(corpus, cache, jobs)
        runs.append((raw[0], cold[0]))
        best_raw = raw if best_raw is None or raw[0] < best_raw[0] else best_raw
        best_cold = cold if best_cold is None or cold[0] < best_cold[0] else best_cold
    assert best_raw is not None and best_cold is not None
    return (*best_raw, *best_cold, runs)


def corpus_stages(corpus: Path, cache: Path) -> dict[str, float]:
    """Seconds of each corpus-level stage (actors, dates, narrative, merging), from cached analyses."""
    from timeline.actors import resolve_actors
    from timeline.corpus import read_corpus
    from timeline.merge import merge_candidates
    from timeline.narrative import date_by_narrative
    from timeline.pubdates import infer_publication_dates

    documents = read_corpus([corpus]).documents
    t = time.perf_counter()
    analyses = analyse_corpus(documents, cache_dir=cache, quiet=True).analyses
    times = {"cache load": time.perf_counter() - t}
    with cyclic_gc_paused():  # as the build runs them
        t0 = time.perf_counter()
        resolution = resolve_actors(analyses)
        t1 = time.perf_counter()
        dated = infer_publication_dates(documents, analyses)
        t2 = time.perf_counter()
        times["pubdates comparisons"] = dated.comparisons
        dated_analyses = date_by_narrative(dated.documents, dated.analyses)
        t3 = time.perf_counter()
        merge_candidates(dated_analyses, resolution)
        t4 = time.perf_counter()
    times.update({"actors": t1 - t0, "pubdates": t2 - t1, "narrative": t3 - t2, "merge": t4 - t3})
    times["all"] = t4 - t0
    return times


def _figure(name: str, value: float) -> str:
    return f"{name} {value:,.0f}" if "comparisons" in name else f"{name} {value:.2f}s"


def mark(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="corpus sizes, comma-separated (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="jobs for the main runs (default: cores)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help=f"raw parse and cold build runs each, interleaved, the fastest quoted, for sizes up to "
        f"{REPEAT_UP_TO:,} (default: %(default)s)",
    )
    parser.add_argument("--no-jobs-compare", action="store_true", help="skip the --jobs 1 vs 2 builds")
    parser.add_argument("--raw-child", type=Path, help=argparse.SUPPRESS)  # the raw parse's own process
    args = parser.parse_args()
    if args.raw_child:
        raw_child(args.raw_child, args.jobs)
        return
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    jobs = args.jobs

    # the analysis code's version, pinned: an edit during the run must not turn the warm build cold
    os.environ["TIMELINE_PIPELINE_VERSION"] = pipeline_version()
    print(f"bench_build: {os.cpu_count()} cores, --jobs {jobs}; load average {os.getloadavg()[0]:.1f}", flush=True)
    print("(cores may be shared with other work: figures are noisy)\n", flush=True)
    bases = base_articles()
    rows = []
    stages: dict[int, float] = {}
    merges: dict[int, float] = {}
    raw_by_n: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench_build-") as tmp:
        tmpdir = Path(tmp)
        for n in sizes:
            corpus = tmpdir / f"corpus{n}"
            make_corpus(corpus, n, bases)
            cache = tmpdir / f"cache{n}"
            repeat = args.repeat if n <= REPEAT_UP_TO else 1
            raw, parse_only, raw_cpu, raw_peak, cold, peak, cold_stages, cold_cpu, runs = raw_and_cold(
                corpus, cache, jobs, repeat
            )
            raw_by_n[n] = parse_only
            warm, _, warm_stages, _ = run_build(corpus, cache, jobs)
            edited = corpus / "a00000.md"
            edited.write_text(
                edited.read_text(encoding="utf-8") + "\n\nOfficials said on Monday the review would continue.\n",
                encoding="utf-8",
            )
            one, _, one_stages, _ = run_build(corpus, cache, jobs)
            parts = corpus_stages(corpus, cache)
            stages[n], merges[n] = parts["all"], parts["merge"]
            rows.append((n, raw, cold, warm, peak))
            ratio = raw / cold
            print(
                f"{n:>6} articles: raw nlp.pipe {n / raw:7.1f} docs/s ({n / parse_only:.1f} parsing alone) | "
                f"cold build {n / cold:7.1f} docs/s "
                f"({ratio:.2f}x raw, target >= 0.85: {mark(ratio >= 0.85)}) | warm {warm:6.2f}s "
                f"({cold / warm:5.1f}x faster{', target >= 20: ' + mark(cold / warm >= 20) if n == 1000 else ''}) | "
                f"corpus stages {stages[n]:6.2f}s | peak memory {peak / 2**20:6.0f} MB"
                f"{', target < 1536: ' + mark(peak < 1.5 * 2**30) if n == 5000 else ''} "
                f"(raw nlp.pipe {raw_peak / 2**20:.0f} MB)",
                flush=True,
            )
            print(
                f"        CPU seconds (all processes): raw nlp.pipe {raw_cpu:.1f}s, cold build {cold_cpu:.1f}s "
                f"= {raw_cpu / cold_cpu:.2f}x (the work ratio, steadier than wall time on shared cores)",
                flush=True,
            )
            if len(runs) > 1:
                print(
                    "        each run (raw / cold, wall): "
                    + ", ".join(f"{n / r:.1f} / {n / c:.1f} docs/s = {r / c:.2f}x" for r, c in runs)
                    + "; the fastest of each is quoted above",
                    flush=True,
                )
            print(f"        cold build stages: {cold_stages} (rest: start-up, reading, writing)", flush=True)
            print(f"        warm build stages: {warm_stages}", flush=True)
            print(f"        one document changed: {one:.2f}s, stages: {one_stages}", flush=True)
            print(
                "        corpus stages again, in process: "
                + ", ".join(_figure(k, v) for k, v in parts.items() if k != "all"),
                flush=True,
            )
        print()
        if len(stages) > 1:
            a, b = (1000, 5000) if 1000 in stages and 5000 in stages else (sizes[-2], sizes[-1])
            for what, table in (("merging", merges), ("all corpus stages", stages)):
                r = table[b] / max(table[a], 1e-9)
                verdict = f" (target <= 6x: {mark(r <= 6)})" if (a, b) == (1000, 5000) else ""
                print(f"{what} {a} -> {b} articles: {table[a]:.2f}s -> {table[b]:.2f}s = {r:.1f}x{verdict}")
        if not args.no_jobs_compare:
            from timeline.corpus import read_corpus

            n = 1000 if 1000 in sizes else sizes[-1]
            documents = read_corpus([tmpdir / f"corpus{n}"]).documents
            took = {}
            for j in (1, 2):
                start = time.perf_counter()
                analyse_corpus(documents, jobs=j, use_cache=False, quiet=True)
                took[j] = time.perf_counter() - start
            r = took[1] / took[2]
            print(
                f"per-document half (parse + analysis, no cache), {n} articles: --jobs 1 {took[1]:.1f}s, "
                f"--jobs 2 {took[2]:.1f}s = {r:.2f}x (target >= 1.6x on two cores: {mark(r >= 1.6)}); "
                f"at --jobs 2 {n / took[2]:.1f} docs/s = {raw_by_n[n] / took[2]:.2f}x raw nlp.pipe"
            )

    print(f"\nload average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
