"""Benchmark the time-expression engine on the TempEval-3 training corpora (TimeBank, AQUAINT).

Runs the shared scorer (``shared/tools/timex_score.py``, TempEval-3 task A) once per corpus on
``timeline times`` and prints strict / relaxed / value / type F1 beside reference figures
measured with the same scorer on the same files, then the speed of tagging: expressions per
second of ``find_times`` alone, and its share of the work against the spaCy parse of the
same documents (``nlp.pipe``).

Run:  .venv/bin/python bench/bench_times.py [--shared ../shared] [--cmd .venv/bin/timeline]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Reference figures on these training files (both corpora together), same scorer.
REFERENCE = [
    ("HeidelTime (training)", "84.1", "92.1", "77.4"),
    ("spaCy ents + dateparser", "", "", "31.8"),
    ("Recognizers-Text", "", "", "53.2"),
]
TARGET = ("target (TempEval-3 test)", "85", "92", "85")


def score(shared: Path, corpus: str, cmd: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        subprocess.run(
            [
                sys.executable,
                str(shared / "tools" / "timex_score.py"),
                str(shared / "data" / "tbaq" / corpus),
                "--cmd",
                cmd,
                "--json",
                str(out),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.read_text())


def speed(shared: Path) -> tuple[int, int, float, float]:
    """(documents, expressions, seconds in nlp.pipe, seconds in find_times) over both corpora."""
    sys.path.insert(0, str(shared / "tools"))
    from timex_score import parse_tml  # type: ignore[import-not-found]

    from timeline.nlp import load_model
    from timeline.times import find_times

    docs = [parse_tml(p) for c in ("TimeBank", "AQUAINT") for p in sorted((shared / "data" / "tbaq" / c).glob("*.tml"))]
    nlp = load_model()
    list(nlp.pipe(d.text for d in docs[:5]))  # warm up
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(d.text for d in docs))
    t_parse = time.perf_counter() - t0
    n = 0
    t_tag = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(
            len(find_times(p, dt.date.fromisoformat(d.dct) if d.dct else None))
            for p, d in zip(parsed, docs, strict=True)
        )
        t_tag = min(t_tag, time.perf_counter() - t0)
    return len(docs), n, t_parse, t_tag


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cmd", default=str(ROOT / ".venv" / "bin" / "timeline"))
    a = ap.parse_args()
    if not (a.shared / "tools" / "timex_score.py").is_file():
        sys.exit(f"no scorer under {a.shared}; pass --shared")

    rows = []
    metrics = ("strict", "relaxed", "value", "type")
    tp = dict.fromkeys(metrics, 0.0)
    n_gold = n_sys = 0
    for corpus in ("TimeBank", "AQUAINT"):
        r = score(a.shared, corpus, a.cmd)
        rows.append((f"timeline: {corpus}", *(f"{r[k]['F1']:.1f}" for k in metrics)))
        for k in metrics:  # true positives back from recall, to micro-average the two corpora
            tp[k] += r[k]["R"] * r["gold"] / 100
        n_gold += r["gold"]
        n_sys += r["system"]
    both = []
    for k in metrics:
        p, rec = tp[k] / n_sys, tp[k] / n_gold
        both.append(f"{200 * p * rec / (p + rec):.1f}" if p + rec else "0.0")
    rows.append(("timeline: both (training)", *both))
    print(f"{'system':28} {'strict':>7} {'relaxed':>8} {'value':>6} {'type':>6}")
    for name, *figs in rows:
        print(f"{name:28} " + " ".join(f"{f:>{w}}" for f, w in zip(figs, (7, 8, 6, 6), strict=True)))
    for name, s, r, v in [*REFERENCE, TARGET]:
        print(f"{name:28} {s:>7} {r:>8} {v:>6} {'':>6}")

    n_docs, n_expr, t_parse, t_tag = speed(a.shared)
    print()
    print(f"speed over {n_docs} documents, {n_expr} expressions:")
    print(f"  spaCy parse (nlp.pipe)   {t_parse:7.2f} s")
    print(f"  find_times               {t_tag:7.3f} s   {n_expr / t_tag:,.0f} expressions/s")
    print(
        f"  tagging share of parse+tag: {100 * t_tag / (t_parse + t_tag):.1f}%"
        f"  ({100 * t_tag / t_parse:.1f}% on top of the parse)"
    )


if __name__ == "__main__":
    main()
