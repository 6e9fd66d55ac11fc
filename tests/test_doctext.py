"""The parse read once into plain tokens answers every question the way spaCy's own objects do."""

from __future__ import annotations

import pytest

from timeline.doctext import ParsedDoc, doc_text, parsed, release
from timeline.events import _CREDIT, _CREDIT_WORDS, _DEBRIS, _DEBRIS_WORDS, _may_hold

TEXTS = [
    "Mayor Anna Berg said on Sunday that the bridge, which opened in 1998, collapsed.\n\nShe left.",
    'The man who the report said the council had warned "repeatedly" resigned, officials told Reuters.',
    "  Two  spaces .\n\nA headline without a verb\nPhoto: Jan Novak / AP Photo\n",
    "Ursula von der Leyen met Jens Stoltenberg in Brussels; the 3G iPhone sold out.",
    "",
]
ATTRIBUTES = ("i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "whitespace_")
FLAGS = ("is_punct", "is_space", "is_alpha", "is_stop", "like_num", "text_with_ws")


@pytest.mark.parametrize("text", TEXTS)
def test_parsed_tokens_answer_as_spacy_tokens(nlp, text):
    doc = nlp(text)
    mine = ParsedDoc(doc)
    assert mine.text == doc.text
    assert len(mine) == len(doc)
    for theirs, ours in zip(doc, mine, strict=True):
        for name in ATTRIBUTES + FLAGS:
            assert getattr(ours, name) == getattr(theirs, name), (name, theirs.text)
        assert ours.head.i == theirs.head.i
        assert [c.i for c in ours.children] == [c.i for c in theirs.children]
        assert [c.i for c in ours.lefts] == [c.i for c in theirs.lefts]
        assert [c.i for c in ours.rights] == [c.i for c in theirs.rights]
        assert [c.i for c in ours.subtree] == [c.i for c in theirs.subtree]
        assert ours.left_edge.i == theirs.left_edge.i
        assert (ours.sent.start, ours.sent.end) == (theirs.sent.start, theirs.sent.end)
    assert [(s.start, s.end) for s in mine.sents] == [(s.start, s.end) for s in doc.sents]
    assert [(e.start, e.end, e.label_, e.text) for e in mine.entities] == [
        (e.start, e.end, e.label_, e.text) for e in doc.ents
    ]


@pytest.mark.parametrize("text", TEXTS[:4])
def test_spans_roots_and_character_spans_as_spacy(nlp, text):
    doc = nlp(text)
    mine = ParsedDoc(doc)
    n = len(doc)
    for start in range(n):
        for end in range(start + 1, min(n, start + 6) + 1):
            theirs, ours = doc[start:end], mine[start:end]
            assert (ours.start_char, ours.end_char, ours.text) == (theirs.start_char, theirs.end_char, theirs.text)
            assert ours.root.i == theirs.root.i
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            theirs = doc.char_span(start, end, alignment_mode="expand")
            ours = mine.char_span(start, end)
            assert _bounds(ours) == _bounds(theirs)
    for cut in (slice(-3, None), slice(None, -2), slice(5, 2), slice(-100, 3), slice(2, 10**6)):
        assert (mine[cut].start, mine[cut].end) == (doc[cut].start, doc[cut].end)


def _bounds(span) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def test_a_document_read_once_and_released(nlp):
    doc = nlp("The council met on Monday.")
    first = parsed(doc)
    assert parsed(doc) is first and parsed(first) is first
    assert doc_text(doc) == doc.text  # the time tagger's copy of the text, from the same tokens
    release(doc)
    assert first.tokens == [] and parsed(doc) is not first


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Jan Novak",
        "PHOTOGRAPH: AP",
        "© 2024 Example News",
        "Share this article",
        "Read MORE",
        "Comments",
        "ſhare this story",  # a long s: a case-blind pattern reads it as "s"
        "Clic\u212a here to subscribe",  # a Kelvin sign for the k
        "Getty \u0130mages",  # a dotted capital I
    ],
)
def test_credit_and_debris_words_are_never_missed(line):
    """The cheap look for the words comes first; wherever the patterns match, it finds them."""
    assert _CREDIT.search(line) or _DEBRIS.search(line)
    if _CREDIT.search(line):
        assert _may_hold(f"Some text.\n{line}\n", _CREDIT_WORDS)
    if _DEBRIS.search(line):
        assert _may_hold(f"Some text.\n{line}\n", _DEBRIS_WORDS)


def test_text_without_the_words_needs_no_pattern():
    assert not _may_hold("The council met on Monday and voted for the plan.", _CREDIT_WORDS)
    assert not _may_hold("The council met on Monday and voted for the plan.", _DEBRIS_WORDS)
