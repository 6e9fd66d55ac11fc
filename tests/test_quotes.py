"""Direct quotations and their speakers."""

from __future__ import annotations

import pytest

from timeline.analyse import analyse_document
from timeline.candidates import EventKind
from timeline.model import Document
from timeline.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "We will rebuild the bridge."', ["We will rebuild the bridge."]),
        ("“We will not give up,” she said.", ["We will not give up,"]),
        ("a so-called “national service” plan", []),  # scare quotes are not speech
        ("‘This is a sad day for the town,’ he said.", ["This is a sad day for the town,"]),
    ],
)
def test_find_quotes(text, expected):
    assert [q.text for q in find_quotes(text)] == [e.strip(" ,") for e in expected]


def test_quote_offsets_point_into_the_text():
    text = 'x "one two three" y'
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "one two three"


def analyse(nlp, text):
    return analyse_document(Document(id="d", path="d.txt", text=text, title=""), nlp(text))


def test_quote_is_attributed_to_the_subject_of_the_reporting_verb(nlp):
    text = '"The bridge will be rebuilt by summer," Mayor Anna Berg said.\n'
    a = analyse(nlp, text)
    (statement,) = [c for c in a.candidates if c.kind == EventKind.STATEMENT]
    (quote,) = statement.quotes
    assert quote.text.startswith("The bridge will be rebuilt")
    assert quote.speaker == "Anna Berg"


def test_he_in_the_next_sentence_is_the_last_named_person(nlp):
    text = 'Anna Berg visited the site.\n"We are not going to wait any longer," she said.\n'
    a = analyse(nlp, text)
    statement = next(c for c in a.candidates if c.kind == EventKind.STATEMENT)
    assert statement.quotes[0].speaker == "Anna Berg"


def test_quote_in_the_sentence_after_the_statement_goes_with_it(nlp):
    text = 'Karl Olsen told reporters that the plan was dead.\n"Nobody wants it any more."\n'
    a = analyse(nlp, text)
    statement = next(c for c in a.candidates if c.kind == EventKind.STATEMENT)
    assert [q.text for q in statement.quotes] == ["Nobody wants it any more."]
    assert statement.quotes[0].speaker == "Karl Olsen"
