"""A built timeline as plain text for a terminal: what ``timeline build`` shows when not told where to save.

One line per document (its publication date, where that came from and, when inferred, the
reasoning), one line per event (date, certainty, title, how many sources in which
documents), then the build's notes. Article text is untrusted: every line goes through
:func:`clean`, so a title cannot move the cursor, recolour the terminal or reorder the line.
"""

from __future__ import annotations

import re

from timeline.corpus import printable
from timeline.model import Timeline

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")  # reorder what follows on the line
TITLE_WIDTH = 70


def clean(text: str) -> str:
    """``text`` safe to print: control characters escaped, bidirectional overrides dropped."""
    return _BIDI.sub("", printable(text))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def summary_lines(timeline: Timeline) -> list[str]:
    """The summary, line by line (no trailing newlines)."""
    docs = timeline.documents
    counts = ", ".join(_count(n, word) for n, word in (
        (len(docs), "document"), (len(timeline.events), "event"), (len(timeline.actors), "actor")
    ))  # fmt: skip
    lines = [counts, "", "documents:"]
    id_width = max((len(clean(d.id)) for d in docs), default=0)
    for d in docs:
        published = clean(d.published or "no date")
        line = f"  {clean(d.id):<{id_width}}  {published:<23}  {d.published_from.value}"
        how = d.published_how.removeprefix(f"{d.published}: ") if d.published else d.published_how
        if how and how != d.published:
            line += f": {clean(how)}"
        lines.append(line)
    lines += ["", "events (date, certainty, title, sources):"]
    short = {d.id: clean(d.id).split("_", 1)[0][:12] for d in docs}
    for e in timeline.events:
        where = sorted({short.get(s.document, clean(s.document)) for s in e.sources})
        cited = _count(len(e.sources), "source") + (f" in {' '.join(where)}" if where else "")
        date = clean(e.date or "undated")
        certainty = e.certainty.value if e.certainty else ""
        lines.append(f"  {date:<23}  {certainty:<8}  {_clip(clean(e.title), TITLE_WIDTH)}  [{cited}]")
    if timeline.notes:
        lines += ["", "notes:"]
        lines += [f"  {clean(n)}" for n in timeline.notes]
    return lines
