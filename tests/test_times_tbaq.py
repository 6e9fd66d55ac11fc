"""Regression floors on a fixed sample of TempEval-3 training files and on newsgold's dev half (TimeML).

The scoring mirrors ``shared/tools/timex_score.py`` (TempEval-3 task A): gold TIMEX3
spans are matched one-to-one with the system's (exact span first, then most overlap);
strict = same span, relaxed = overlap, value = relaxed and the same TimeML value. The
floors sit a little under what the engine reaches, so a rule change that loses
expressions or values fails here before it shows in the benchmark.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.times import find_times

SUBSET = Path(__file__).parent / "data" / "tbaq_subset"
#: modern news annotated for the project (bench/data/newsgold); its test half is held out of every test
NEWSGOLD_DEV = Path(__file__).parents[1] / "bench" / "data" / "newsgold" / "dev"


@dataclass
class Gold:
    start: int
    end: int
    value: str


def parse_tml(path: Path) -> tuple[str, str, list[Gold]]:
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)", "&amp;", raw)
    root = ET.fromstring(raw.encode("utf-8"))
    parts: list[str] = []
    gold: list[Gold] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            gold.append(Gold(start, sum(map(len, parts)), el.get("value") or ""))

    walk(root.find(".//TEXT"))
    dct_el = root.find(".//DCT/TIMEX3")
    dct = (dct_el.get("value") if dct_el is not None else "")[:10]
    return "".join(parts), dct, gold


def match(gold: list[Gold], system: list[tuple[int, int, str]]) -> list[tuple[Gold, tuple[int, int, str]]]:
    """One-to-one pairs: exact spans first, then the largest overlaps (as the shared scorer)."""
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s[1]) - max(g.start, s[0])
            if overlap > 0:
                cands.append(((g.start, g.end) != s[:2], -overlap, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, gi, si in sorted(cands):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def f1(tp: int, n_sys: int, n_gold: int) -> float:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 200 * p * r / (p + r) if p + r else 0.0


def score_folder(nlp, folder: Path) -> dict[str, float]:
    files = sorted(folder.glob("*.tml"))
    assert len(files) >= 10
    n_gold = n_sys = strict = relaxed = value = 0
    for path in files:
        text, dct, gold = parse_tml(path)
        times = find_times(nlp(text), dt.date.fromisoformat(dct) if dct else None)
        system = [(t.start, t.end, t.value) for t in times]
        pairs = match(gold, system)
        n_gold += len(gold)
        n_sys += len(system)
        relaxed += len(pairs)
        strict += sum((g.start, g.end) == s[:2] for g, s in pairs)
        value += sum(g.value == s[2] for g, s in pairs)
    return {
        "strict": f1(strict, n_sys, n_gold),
        "relaxed": f1(relaxed, n_sys, n_gold),
        "value": f1(value, n_sys, n_gold),
    }


@pytest.fixture(scope="module")
def scores(nlp) -> dict[str, float]:
    return score_folder(nlp, SUBSET)


@pytest.fixture(scope="module")
def news_scores(nlp) -> dict[str, float]:
    return score_folder(nlp, NEWSGOLD_DEV)


@pytest.mark.slow
def test_extent_floor(scores):
    assert scores["strict"] >= 94, scores
    assert scores["relaxed"] >= 96, scores


@pytest.mark.slow
def test_value_floor(scores):
    assert scores["value"] >= 84.5, scores


@pytest.mark.slow
def test_modern_news_floor(news_scores):
    """2011-2015 wire, BBC, CNN, NYT and WSJ copy: datelines, British wording, earnings, live times."""
    assert news_scores["strict"] >= 94, news_scores
    assert news_scores["relaxed"] >= 97, news_scores
    assert news_scores["value"] >= 92.5, news_scores
