"""``timeline times``: print every time expression of every document (table or JSON lines)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from timeline.model import Document, TimeExpression


def _anchor(doc: Document) -> dt.date | None:
    if not doc.published or "/" in doc.published:
        return None
    try:
        return dt.date.fromisoformat(doc.published[:10])
    except ValueError:
        return None


def iter_times(docs: list[Document], nlp) -> Iterator[tuple[Document, tuple[TimeExpression, ...]]]:
    """Each document with its expressions; the texts are parsed in one batch stream, each parse
    read once into plain values (as the per-document stage of a build reads it) and let go after."""
    from timeline.doctext import parsed, release
    from timeline.times import find_times

    for doc, spacy_doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        try:
            times = find_times(parsed(spacy_doc), _anchor(doc))
        finally:
            release(spacy_doc)
        yield doc, times


def row(doc: Document, t: TimeExpression) -> dict[str, object]:
    return {
        "doc": doc.id,
        "path": doc.path,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": str(t.type),
        "value": t.value,
        "date": t.date,
        "precision": str(t.precision) if t.precision else None,
        "anchor": t.anchor,
        "resolved": t.resolved,
        "relative": t.relative,
        "mod": t.mod,
        "direction": t.direction,
        "how": t.how,
    }


def _clean(text: str) -> str:
    """One line of plain text: no control characters from the article reach the terminal."""
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))


def write_jsonl(items: Iterable[tuple[Document, tuple[TimeExpression, ...]]], out: TextIO) -> int:
    n = 0
    for doc, times in items:
        for t in times:
            out.write(json.dumps(row(doc, t), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_table(items: Iterable[tuple[Document, tuple[TimeExpression, ...]]], out: TextIO) -> int:
    n = 0
    for doc, times in items:
        pub = doc.published or "unknown"
        out.write(f"{_clean(doc.id)}  (published {pub}; {len(times)} expression{'s' if len(times) != 1 else ''})\n")
        if not times:
            out.write("  (none)\n\n")
            continue
        w_span = max(len(f"{t.start}-{t.end}") for t in times)
        w_text = min(30, max(len(_clean(t.text)) for t in times))
        w_val = max(len(t.value) for t in times)
        for t in times:
            text = _clean(t.text)
            if len(text) > w_text:
                text = text[: w_text - 1] + "…"
            out.write(
                f"  {f'{t.start}-{t.end}':>{w_span}}  {text:<{w_text}}  {t.type!s:<8}  "
                f"{t.value:<{w_val}}  {_clean(t.how)}\n"
            )
            n += 1
        out.write("\n")
    return n


def print_times(args: argparse.Namespace) -> int:
    from timeline.commands.common import load_corpus, skipped_exit_code
    from timeline.nlp import load_model

    corpus = load_corpus(args)
    nlp = load_model(args.model)
    items = iter_times(corpus.documents, nlp)
    try:
        if args.format == "jsonl":
            write_jsonl(items, sys.stdout)
        else:
            write_table(items, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return skipped_exit_code(corpus, args)
