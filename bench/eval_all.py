"""Build the seeds and the SemEval-2015 trial articles and print both evaluation tables.

Run: .venv/bin/python bench/eval_all.py [-v]   (../shared beside the checkout, else the copy in tests/data/shared)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from timeline.build import build_timeline
from timeline.corpus import read_corpus
from timeline.evaluate import document_texts, evaluate, format_table, load_gold

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if not (SHARED / "gold" / "seeds.toml").is_file():
    SHARED = ROOT / "tests" / "data" / "shared"
CORPORA = (
    ("seeds", ROOT / "seeds", SHARED / "gold" / "seeds.toml"),
    ("SemEval-2015 trial", SHARED / "data" / "semeval2015-trial" / "articles", SHARED / "data" / "semeval2015-trial"),
)


def main() -> int:
    verbose = "-v" in sys.argv
    with tempfile.TemporaryDirectory() as cache:
        for name, articles, gold in CORPORA:
            started = time.perf_counter()
            documents = read_corpus([articles]).documents
            timeline = build_timeline(documents, quiet=True, cache_dir=Path(cache))
            seconds = time.perf_counter() - started
            texts, _ = document_texts(timeline, ROOT)
            print(f"== {name}: {len(documents)} documents, {len(timeline.events)} events, built in {seconds:.1f} s")
            for note in timeline.notes:
                print(f"   note: {note}")
            print(format_table(evaluate(timeline, load_gold(gold, texts)), verbose))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
