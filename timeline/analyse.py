"""The per-document stage: a parsed document in, a picklable :class:`DocumentAnalysis` out.

Pure in (document, doc): time expressions, sentences, actor mentions with the roles
written beside them, and event candidates. Nothing spaCy leaves this module.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from timeline.candidates import ActorMention, DocumentAnalysis, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from timeline.doctext import ParsedDoc, ParsedSpan
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
    from timeline.doctext import parsed, release
    from timeline.events import extract_candidates, furniture_lines
    from timeline.times import find_times

    tokens = parsed(doc)  # read once for the stages below (and Doc.text for the time tagger)
    try:
        times = find_times(doc, publication_anchor(document))
        sentences = tuple(_sentences(tokens, times))
        furniture = furniture_lines(document.text, document.title)
        mentions = tuple(m for m in find_mentions(tokens) if not any(s <= m.start and m.end <= e for s, e in furniture))
        candidates = extract_candidates(document, tokens, times, sentences, mentions, furniture)
    finally:
        release(doc)
    return DocumentAnalysis(
        document=document.id, times=times, sentences=sentences, candidates=candidates, mentions=mentions
    )


def _sentences(doc: ParsedDoc, times: tuple[TimeExpression, ...]):
    starts = [t.start for t in times]
    ordered = starts == sorted(starts)
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        if ordered:  # (the tagger lists them in reading order): the run of them inside the sentence
            inside = tuple(range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)))
        else:
            inside = tuple(i for i, t in enumerate(times) if s <= t.start < e)
        yield Sentence(start=s, end=e, times=inside)


# --- actor mentions -------------------------------------------------------------------

_ROLE_DEPS = ("compound", "amod", "nmod", "poss")


def find_mentions(doc: Doc | ParsedDoc) -> list[ActorMention]:
    """Every PERSON/ORG/GPE/NORP entity with the titles written beside it.

    A role is the title words before a name ("NATO Secretary General Jens
    Stoltenberg", "White House spokesman Andrew Bates") or an apposition after it
    ("Jan Lipavsky, Czech Foreign Minister,").
    """
    from timeline.doctext import parsed
    from timeline.events import MENTION_TOKENS_KEY

    doc = parsed(doc)
    out = []
    role_tokens: set[int] = set()
    table = _token_table(doc)
    for ent in table.entities:
        if ent.label_ == "PERSON":
            role_tokens.update(_title_tokens(ent))
    models = _model_names(doc, table) + _longer_names(doc, table)
    for m in models:
        out.append(ActorMention(text=m.text, start=m.start_char, end=m.end_char, label=m.label_ or "PRODUCT"))
    for span, name in _versions_of(doc, table):
        if not (models and any(m.start_char <= span.start_char < m.end_char for m in models)):
            models.append(span)
            out.append(ActorMention(text=name, start=span.start_char, end=span.end_char, label="PRODUCT"))
    joined = _joined_names(doc, table.entities)
    for ent in joined:
        if ent.label_ not in ACTOR_LABELS:
            continue
        if models and any(m.start_char <= ent.start_char and ent.end_char <= m.end_char for m in models):
            continue  # "iPhone" inside "the iPhone 3G": the model is the actor
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
    placed = doc.cache.setdefault(MENTION_TOKENS_KEY, {})
    for span in (*models, *table.entities, *joined):
        placed[span.start_char, span.end_char] = (span.start, span.end)
    return sorted(out, key=lambda m: m.start)


def _longer_names(doc: ParsedDoc, table: _TokenTable) -> list[ParsedSpan]:
    """A name inside a longer name the document writes elsewhere: with "the Zephyr Mini" tagged
    somewhere, "the Zephyr mini" is that model too, not the Zephyr."""
    from timeline.doctext import ParsedSpan

    longer = {e.text.lower() for e in table.entities if e.label_ in ACTOR_LABELS and len(e) > 1}
    words, pos, ents = table.words, table.pos, table.ents
    last = len(words) - 1
    longer |= {
        f"{words[i]} {words[i + 1]}".lower()
        for i in _proper_nouns(doc)
        if i < last and pos[i + 1] == "PROPN" and words[i + 1][:1].isupper() and ents[i]
    }
    out = []
    for ent in table.entities:
        if ent.label_ not in ACTOR_LABELS or ent.end >= len(doc):
            continue
        nxt = doc[ent.end]
        if nxt.is_alpha and f"{ent.text} {nxt.text}".lower() in longer and nxt.text[:1].islower():
            out.append(ParsedSpan(doc, ent.start, ent.end + 1, label=ent.label_))
    return out


class _TokenTable(NamedTuple):
    """Each token's text, part of speech, entity type and whether a space follows it, and
    the entities, read once: indexing a ``Doc`` builds a ``Token`` each time, which the scans
    below would do thousands of times, and ``Doc.ents`` builds every entity's span again."""

    words: list[str]
    pos: list[str]
    ents: list[str]
    spaced: list[bool]
    entities: list[ParsedSpan]


def _token_table(doc: ParsedDoc) -> _TokenTable:
    return _TokenTable(doc.words, doc.pos, doc.ents, doc.spaced, doc.entities)


def _code_at(words: list[str], spaced: list[bool], i: int, forward: bool = True) -> tuple[int, int] | None:
    """Token range [lo, hi) of a model code written as one word from token ``i`` on (or back):
    letters and digits run together ("3G", "3GS", "X100"), with at least one of each."""
    n = len(words)
    lo = hi = i
    if forward:
        while hi < n and (hi == i or not spaced[hi - 1]) and words[hi].isalnum():
            hi += 1
    else:
        hi = i + 1
        while lo > 0 and not spaced[lo - 1] and words[lo - 1].isalnum():
            lo -= 1
    if hi <= lo:
        return None
    if hi - lo == 1:
        word = words[lo]
        if word.isalpha():
            return None  # one word of letters only: no code
    else:
        word = "".join(words[lo:hi])
    if len(word) > 8 or not _has_digit(word) or not _has_letter(word):
        return None
    if hi < n and not spaced[hi - 1] and words[hi].isalnum():
        return None
    return lo, hi


def _proper_nouns(doc: ParsedDoc) -> list[int]:
    """The indexes of the proper nouns (the names' words), listed once per document."""
    from timeline.doctext import indexes

    found = doc.cache.get("timeline.proper_nouns")
    if found is None:
        found = doc.cache["timeline.proper_nouns"] = indexes(doc.pos, _PROPN)
    return found


_PROPN = frozenset({"PROPN"})


def _has_digit(word: str) -> bool:
    return not word.isalpha() and any(c.isdigit() for c in word)  # (no letter is a digit)


def _has_letter(word: str) -> bool:
    return not word.isdigit() and any(c.isalpha() for c in word)


def _has_capital(word: str) -> bool:
    return not word.islower() and any(c.isupper() for c in word)


def _model_names(doc: ParsedDoc, table: _TokenTable) -> list[ParsedSpan]:
    """A product name with a model code, in either order: "the iPhone 3G", "the 3G iPhone".

    The name is a proper noun written with an inner capital or tagged as a name; the code
    is one written word mixing digits and letters (the tokenizer may cut it: "3" + "G").
    """
    words, ents, spaced = table.words, table.ents, table.spaced
    out: list[ParsedSpan] = []
    end = 0  # where the last name found ends
    for i in _proper_nouns(doc):
        text = words[i]
        if i < end:
            continue
        if not (ents[i] in ACTOR_LABELS or _has_capital(text[1:])):
            continue
        after = _code_at(words, spaced, i + 1) if i + 1 < len(words) and spaced[i] else None
        if after is not None:
            out.append(doc[i : after[1]])
            end = after[1]
            continue
        before = _code_at(words, spaced, i - 1, forward=False) if i > 0 and spaced[i - 1] else None
        if before is not None and before[0] >= end:
            out.append(doc[before[0] : i + 1])
            end = i + 1
    return out


def _versions_of(doc: ParsedDoc, table: _TokenTable) -> list[tuple[ParsedSpan, str]]:
    """ "a 3G version of its iPhone" names the model "iPhone 3G": a model code before "version
    of" (or "model of", "edition of") and a product name after it, written the usual way round."""
    from timeline.doctext import indexes
    from timeline.events import VERSION_NOUNS

    out: list[tuple[ParsedSpan, str]] = []
    words = table.words
    for i in indexes(doc.lowers, VERSION_NOUNS):
        if words[i].lower() not in VERSION_NOUNS:
            continue
        tok = doc[i]
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
            continue
        code = _code_at(table.words, table.spaced, tok.i - 1, forward=False) if tok.i > 0 else None
        j = tok.i + 2
        if j < len(doc) and (doc[j].pos_ in ("DET", "PRON") or doc[j].tag_ == "PRP$"):
            j += 1
        if code is None or j >= len(doc):
            continue
        name = doc[j]
        if name.pos_ == "PROPN" and (any(c.isupper() for c in name.text[1:]) or name.ent_type_ in ACTOR_LABELS):
            code_text = "".join(t.text for t in doc[code[0] : code[1]])
            out.append((doc[code[0] : name.i + 1], f"{name.text} {code_text}"))
    return out


_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "la", "le", "bin", "ibn", "al"})


def _joined_names(doc: ParsedDoc, entities: list[ParsedSpan]) -> list[ParsedSpan]:
    """Entities, with a person's name the tagger cut at a particle joined again ("Ursula von der" + "Leyen")."""
    from timeline.doctext import ParsedSpan

    out: list[ParsedSpan] = []
    for ent in entities:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "PERSON"
            and prev.end == ent.start
            and doc[prev.end - 1].lower_ in _PARTICLES
            and ent.label_ in ("PERSON", "ORG", "GPE")
        ):
            out[-1] = ParsedSpan(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _title_before(ent: ParsedSpan) -> str:
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


def _title_tokens(ent: ParsedSpan) -> list[int]:
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


def _apposition(ent: ParsedSpan) -> str:
    for child in ent.root.children:
        if child.dep_ == "appos" and child.ent_type_ == "":
            words = [t for t in child.subtree if t.dep_ not in ("punct", "relcl") and not t.is_punct]
            if 0 < len(words) <= 6 and not any(t.pos_ == "VERB" for t in words):
                return " ".join(t.text for t in words)
    return ""
