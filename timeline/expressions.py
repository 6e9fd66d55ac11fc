"""Time expressions: what the builder finds in a document's text, normalised to TimeML (TIMEX3).

They are the builder's own annotations (:mod:`timeline.times` finds them), not part of a
:class:`timeline.model.Timeline`: kept apart, so that opening a saved timeline does not
define them. :mod:`timeline.model` still gives them by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from timeline.model import Precision, _compared_by_fields


class TimexType(StrEnum):
    """TimeML TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@_compared_by_fields
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TimeExpression:
    """One temporal expression found in a document, normalised to TimeML.

    ``value`` is the TIMEX3 value (``2024-02-10``, ``2024-W07``, ``P3D``,
    ``XXXX-WXX-6`` when relative with no anchor, ``PAST_REF``...). ``date`` is what
    the builder uses: the ISO date at its precision or an ``A/B`` interval this
    expression denotes on the calendar, or None (durations, sets, unresolved).
    """

    start: int  # character offsets into the document text
    end: int
    text: str
    type: TimexType
    value: str
    date: str | None = None
    precision: Precision | None = None
    anchor: str | None = None  # ISO date the value was resolved against, if relative
    relative: bool = False  # depends on an anchor (weekday, "yesterday", "last year")
    resolved: bool = True  # False when relative and no anchor was available
    mod: str = ""  # TimeML mod: START, MID, END, APPROX, BEFORE, AFTER...
    how: str = ""  # one line: how the value was reached
    rule: str = ""  # relative rule ("wd:6", "unit:Y:-1"...) for timeline.times.reanchor
    direction: str = ""  # tense of the clause: past, future, present or ""
