"""Benchmark the corpus reader: documents per second and memory on a huge file.

Generates, in a temporary folder, N small text articles with header dates and a JSON-lines
file of N records, reads them with ``read_corpus`` and prints documents per second beside
a baseline measured in the same run (reading the same bytes with ``Path.read_text``, the
least any reader must do). Then writes one 50 MB article and prints the peak memory of
reading it (it is truncated at ``--max-chars``; the reader should not hold the file).

Run:  .venv/bin/python bench/bench_corpus.py [-n 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.corpus import DEFAULT_MAX_CHARS, read_corpus  # noqa: E402

BODY = "The council approved the budget on Tuesday after a long debate in the chamber. " * 40


def make_corpus(folder: Path, n: int) -> None:
    for i in range(n):
        (folder / f"a{i:06d}.txt").write_text(f" date 2024-02-{i % 28 + 1:02d} \n\nHeadline {i}\n\n{BODY}")
    with (folder / "feed.jsonl").open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"j{i}", "title": f"Record {i}", "date": "2024-03-01", "text": BODY}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="articles of each kind (default: %(default)s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_corpus(folder, args.n)
        start = time.perf_counter()
        for f in sorted(folder.iterdir()):
            f.read_text(encoding="utf-8")
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        corpus = read_corpus([folder])
        elapsed = time.perf_counter() - start
        docs = len(corpus.documents)
        print(f"read_corpus: {docs:,} documents in {elapsed:.2f} s = {docs / elapsed:,.0f} documents/s")
        print(f"baseline (read_text of the same files): {baseline:.2f} s; reader overhead x{elapsed / baseline:.1f}")

        huge = folder / "huge.txt"
        with huge.open("w") as fh:
            for _ in range(50 * 2**20 // len(BODY)):
                fh.write(BODY)
        tracemalloc.start()
        start = time.perf_counter()
        corpus = read_corpus([huge])
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = huge.stat().st_size / 2**20
        print(
            f"{size:.0f} MB article: {elapsed:.2f} s, peak Python memory {peak / 2**20:.1f} MiB "
            f"(--max-chars {DEFAULT_MAX_CHARS:,}; warning: {corpus.warnings[0].reason})"
        )


if __name__ == "__main__":
    main()
