"""The per-document stage: a parsed document in, a picklable :class:`DocumentAnalysis` out.

Pure in (document, doc): time expressions, sentences, actor mentions with the roles
written beside them, and event candidates. Nothing spaCy leaves this module.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from timeline.candidates import ActorMention, DocumentAnalysis, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from timeline.model import Document, TimeExpression

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "PRODUCT")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def publication_anchor(document: Document) -> dt.date | None:
    """The publication date to resolve relative dates against, when known to the day."""
    if document.published and _FULL_DATE.match(document.published):
        return dt.date.fromisoformat(document.published)
    return None


def analyse_document(document: Document, doc: Doc) -> DocumentAnalysis:
    """Time expressions, sentences, actor mentions and event candidates of one document."""
    from timeline.events import extract_candidates, furniture_lines
    from timeline.times import find_times

    times = find_times(doc, publication_anchor(document))
    sentences = tuple(_sentences(doc, times))
    furniture = furniture_lines(document.text, document.title)
    mentions = tuple(m for m in find_mentions(doc) if not any(s <= m.start and m.end <= e for s, e in furniture))
    candidates = extract_candidates(document, doc, times, sentences, mentions)
    return DocumentAnalysis(
        document=document.id, times=times, sentences=sentences, candidates=candidates, mentions=mentions
    )


def _sentences(doc: Doc, times: tuple[TimeExpression, ...]):
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        inside = tuple(i for i, t in enumerate(times) if s <= t.start < e)
        yield Sentence(start=s, end=e, times=inside)


# --- actor mentions -------------------------------------------------------------------

_ROLE_DEPS = ("compound", "amod", "nmod", "poss")


def find_mentions(doc: Doc) -> list[ActorMention]:
    """Every PERSON/ORG/GPE/NORP entity with the titles written beside it.

    A role is the title words before a name ("NATO Secretary General Jens
    Stoltenberg", "White House spokesman Andrew Bates") or an apposition after it
    ("Jan Lipavsky, Czech Foreign Minister,").
    """
    out = []
    role_tokens: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            role_tokens.update(_title_tokens(ent))
    for ent in _joined_names(doc):
        if ent.label_ not in ACTOR_LABELS:
            continue
        text = ent.text.strip()
        if not text or not any(ch.isalpha() for ch in text) or "\n" in text:
            continue
        roles = tuple(r for r in (_title_before(ent), _apposition(ent)) if r)
        in_role = all(t.i in role_tokens for t in ent)
        out.append(
            ActorMention(
                text=text, start=ent.start_char, end=ent.end_char, label=ent.label_, roles=roles, in_role=in_role
            )
        )
    return out


_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "la", "le", "bin", "ibn", "al"})


def _joined_names(doc: Doc) -> list[Span]:
    """Entities, with a person's name the tagger cut at a particle joined again ("Ursula von der" + "Leyen")."""
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "PERSON"
            and prev.end == ent.start
            and doc[prev.end - 1].lower_ in _PARTICLES
            and ent.label_ in ("PERSON", "ORG", "GPE")
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _title_before(ent: Span) -> str:
    """Title words before a person's name inside the same noun phrase."""
    if ent.label_ != "PERSON":
        return ""
    words = [ent.doc[i] for i in _title_tokens(ent)]
    while words and words[0].pos_ == "ADJ" and words[0].lower_ in ("former", "late", "then", "current", "new"):
        words = words[1:]
    if not words:
        return ""
    text = " ".join(w.text for w in words)
    return text if 1 < len(text) <= 60 and any(c.isalpha() for c in text) else ""


def _title_tokens(ent: Span) -> list[int]:
    doc = ent.doc
    i = ent.start - 1
    words = []
    while i >= 0:
        t = doc[i]
        if t.dep_ in _ROLE_DEPS and i < t.head.i < ent.end and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            words.append(t)
            i -= 1
            continue
        break
    return [w.i for w in reversed(words)]


def _apposition(ent: Span) -> str:
    for child in ent.root.children:
        if child.dep_ == "appos" and child.ent_type_ == "":
            words = [t for t in child.subtree if t.dep_ not in ("punct", "relcl") and not t.is_punct]
            if 0 < len(words) <= 6 and not any(t.pos_ == "VERB" for t in words):
                return " ".join(t.text for t in words)
    return ""
