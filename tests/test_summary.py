"""What ``timeline build`` prints when told no output file: a summary a reader can check."""

from __future__ import annotations

from timeline.model import Certainty, DateSource, Document, Event, Precision, Source, Timeline
from timeline.summary import summary_lines


def _timeline(title: str) -> Timeline:
    docs = (
        Document("000_a", "a.txt", "x" * 50, "A", published="2024-02-12", published_from=DateSource.HEADER),
        Document("001_b", "b.txt", "y" * 50, "B", published="2024-02-11", published_from=DateSource.INFERRED,
                 published_how="2024-02-11: 'Saturday': the rally is 2024-02-10 in 000_a"),
    )  # fmt: skip
    rally = Event("ev-1", title, "2024-02-10", Precision.DAY, Certainty.RESOLVED,
                  sources=(Source("000_a", 0, 10, "x" * 10), Source("001_b", 0, 10, "y" * 10)))  # fmt: skip
    undated = Event("ev-2", "Allies meet", sources=(Source("001_b", 20, 30, "y" * 10),))
    return Timeline(documents=docs, events=(rally, undated), notes=("001_b: publication date inferred as 2024-02-11",))


def test_the_summary_shows_dates_their_reasoning_and_where_each_event_is_reported() -> None:
    text = "\n".join(summary_lines(_timeline("Trump tells a rally")))
    assert "2 documents, 2 events" in text
    assert "001_b  2024-02-11" in text and "inferred: 'Saturday': the rally is 2024-02-10" in text
    assert "2024-02-10" in text and "resolved" in text and "[2 sources in 000 001]" in text
    assert "undated" in text and "Allies meet" in text
    assert "publication date inferred as 2024-02-11" in text


def test_article_text_cannot_drive_the_terminal() -> None:
    text = "\n".join(summary_lines(_timeline("Rally\x1b[2J\x1b]0;pwned\x07 \u202eevil\r")))
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text  # shown, escaped, not obeyed
