"""The text of a spaCy ``Doc``, kept once per ``Doc``.

``Doc.text`` rebuilds the string from every token on each access, so per-token lookups
of it (the line a verb is on, the words before a clause) were quadratic in the length
of the document and cost more than the parse itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "timeline.text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
