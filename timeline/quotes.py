"""Direct quotations and who said them.

A quotation is text between straight or curly double quotes (or curly single quotes),
at least three words long so scare quotes ("national service") are not taken for
speech. Its speaker is the subject of a reporting verb in the same sentence or the
next/previous one; "he"/"she" is the last person named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r'"([^"\n]{3,}?)"|“([^”\n]{3,}?)”|‘([^’\n]{12,}?)’(?!\w)')
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offsets of the quoted words, quotes excluded
    end: int
    text: str


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Quoted passages of ``text[start:end]`` long enough to be speech."""
    end = len(text) if end is None else end
    out = []
    for m in _QUOTE.finditer(text, start, end):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        words = m.group(group).strip()
        if len(words.split()) < MIN_WORDS:
            continue
        out.append(QuoteSpan(m.start(group), m.end(group), words.strip(" ,")))
    return out
