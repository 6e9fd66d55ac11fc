"""The pure rules behind the event list: labels, order, headings, filters, jumps, histogram."""

from __future__ import annotations

import datetime as dt

import pytest
from tui_sample import small_timeline

from timeline.model import Certainty, Event, Precision, is_valid_date
from tui.view import (
    Match,
    RowKind,
    _date_facts,
    build_rows,
    date_label,
    filtered_timeline,
    heading_of,
    histogram,
    index_events,
    jump_position,
    matching,
    midpoint,
    parse_date_query,
    resolve_actor,
    sort_key,
    sparkline,
)


@pytest.mark.parametrize(
    ("date", "certainty", "label"),
    [
        ("2006", Certainty.STATED, "2006"),
        ("2023-04", Certainty.STATED, "Apr 2023"),
        ("2024-02-10", Certainty.RESOLVED, "Sat 10 Feb 2024"),
        ("2024-02-10/2024-02-12", Certainty.BOUNDED, "≈ 10–12 Feb 2024"),
        ("2024-02-28/2024-03-02", Certainty.BOUNDED, "≈ 28 Feb–2 Mar 2024"),
        ("2023-11/2024-01", Certainty.BOUNDED, "≈ Nov 2023–Jan 2024"),
        ("2014/2016", None, "≈ 2014–2016"),
        ("2022-02/2024-02-12", Certainty.BOUNDED, "≈ Feb 2022–12 Feb 2024"),
        ("2024-02-14", Certainty.INFERRED, "~ Wed 14 Feb 2024"),
        (None, None, "undated"),
        ("2024-02-30", None, "2024-02-30"),  # not a day: shown as written
        ("2024-W05-1", None, "2024-W05-1"),
    ],
)
def test_date_label_shows_true_precision(date, certainty, label):
    assert date_label(Event("x", "t", date=date, certainty=certainty)) == label


def _order(tl):
    return sorted(range(len(tl.events)), key=lambda i: sort_key(tl.events[i]))


def test_rows_group_under_year_and_month_with_undated_last():
    tl = small_timeline()
    rows = build_rows([heading_of(e) for e in tl.events], _order(tl))
    shown = [(r.kind, r.text or tl.events[r.event].id) for r in rows]
    assert shown[:4] == [
        (RowKind.YEAR, "2006"),
        (RowKind.EVENT, "e1"),
        (RowKind.YEAR, "2023"),
        (RowKind.MONTH, "April 2023"),
    ]
    assert shown[-2:] == [(RowKind.UNDATED, "Undated"), (RowKind.EVENT, "e7")]
    events = [x for k, x in shown if k is RowKind.EVENT]
    assert events == ["e1", "e2", "e3", "e5", "e4", "e6", "e7"]  # a day interval among the days, by its start


def test_year_event_sits_under_year_heading_not_january():
    e = Event("x", "t", date="2024", precision=Precision.YEAR)
    assert heading_of(e) == (2024, None, None)
    assert heading_of(Event("y", "t", date="2024-02-10/2024-03-01")) == (2024, 2, 10)  # a day interval: its start
    assert heading_of(Event("z", "t", date="2024-02/2024-04")) == (2024, None, None)  # a stretch of months: the year
    assert heading_of(Event("d", "t", date="2024-02-10")) == (2024, 2, 10)


def test_actor_filter_any_and_all():
    tl = small_timeline()
    order = _order(tl)
    ids = lambda idx: [tl.events[i].id for i in idx]  # noqa: E731
    assert ids(matching(tl.events, order, {"trump", "stoltenberg"}, Match.ANY)) == ["e3", "e4", "e6"]
    assert ids(matching(tl.events, order, {"stoltenberg", "nato"}, Match.ALL)) == ["e4"]
    assert ids(matching(tl.events, order, set(), Match.ALL)) == ids(order)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Stoltenberg", ["stoltenberg"]), ("jens", ["stoltenberg"]), ("TRUMP", ["trump"]), ("the alliance", ["nato"]),
     ("nobody", [])],
)  # fmt: skip
def test_resolve_actor_by_name_alias_or_surname(query, expected):
    assert resolve_actor(small_timeline(), query) == expected


@pytest.mark.parametrize(
    ("query", "day", "precision"),
    [("2024-02-11", dt.date(2024, 2, 11), Precision.DAY), ("2023-04", dt.date(2023, 4, 1), Precision.MONTH),
     ("2006", dt.date(2006, 1, 1), Precision.YEAR), ("feb 2024", dt.date(2024, 2, 1), Precision.MONTH),
     ("april 2023", dt.date(2023, 4, 1), Precision.MONTH), ("11 February 2024", dt.date(2024, 2, 11), Precision.DAY)],
)  # fmt: skip
def test_parse_date_query(query, day, precision):
    assert parse_date_query(query) == (day, precision)


def test_parse_date_query_refuses_nonsense():
    assert parse_date_query("2024-13-45") is None
    assert parse_date_query("purple elephants") is None


def test_jump_lands_on_first_event_at_or_after_in_list_order():
    tl = small_timeline()
    index = index_events(tl.events)
    order, keys = index.order, index.keys

    def jump(day, precision=Precision.DAY):
        return tl.events[order[jump_position(keys, order, day, precision)]].id

    assert jump(dt.date(2024, 2, 11)) == "e4"
    assert jump(dt.date(2023, 1, 1)) == "e2"
    assert jump(dt.date(2006, 1, 1), Precision.YEAR) == "e1"
    assert jump(dt.date(2030, 1, 1)) == "e6"  # past the end: the last dated event


def test_year_events_come_before_the_years_months():
    events = [
        Event("m", "month", "2000-01"),
        Event("y", "year", "2000"),
        Event("d", "day", "2000-01-01"),
        Event("span", "spring", "2000-03/2000-05"),
        Event("x", "across a month end", "2000-02-28/2000-03-02"),
    ]
    index = index_events(events)
    rows = build_rows(index.headings, index.order)
    shown = [r.text or events[r.event].id for r in rows]
    assert shown == ["2000", "y", "span", "January 2000", "m", "d", "February 2000", "x"]
    assert jump_position(index.keys, index.order, dt.date(2000, 1, 1), Precision.MONTH) == 2  # "m", not "y"
    assert jump_position(index.keys, index.order, dt.date(2000, 1, 1), Precision.DAY) == 3  # "d"


def test_histogram_counts_every_dated_event_once():
    tl = small_timeline()
    mids = [midpoint(e) for e in tl.events]
    bins, first, last = histogram(mids, range(len(tl.events)), 30)
    assert sum(bins) == 6 and first.year == 2006 and last == dt.date(2024, 2, 14)
    assert len(sparkline(bins)) == 30


def test_filtered_timeline_keeps_only_what_its_events_use():
    tl = small_timeline()
    sub = filtered_timeline(tl, [2])  # e3
    assert [e.id for e in sub.events] == ["e3"]
    assert {a.id for a in sub.actors} == {"trump", "nato"}
    assert [d.id for d in sub.documents] == ["a"]


_ODD_DATES = [
    None,
    "",
    "2024",
    "2024-02",
    "2024-02-10",
    "2024-02-30",
    "2024-13-01",
    "2024-W05-1",
    "2024-02-10/2024-02-12",
    "2023-12-30/2024-01-02",
    "2024-02-12/2024-02-10",
    "2024-02-10/2024-02-31",
    "2023-11/2024-01",
    "2014/2016",
    "2022-02/2024-02-12",
    "2024-02-10/2024-02-10",
    "yesterday",
    "2024-02-1x",
    "2024-02/2024-02",
]


@pytest.mark.parametrize("seed", range(5))
def test_index_events_agrees_with_the_rules_event_by_event(seed):
    """The batch index (days and day intervals parsed together) orders, files and places every event as
    :func:`sort_key`, :func:`heading_of` and :func:`midpoint` do one at a time, odd dates included."""
    import random

    rng = random.Random(seed)
    pool = _ODD_DATES + [f"{rng.randrange(1990, 2030)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                         for _ in range(40)]  # fmt: skip
    pool += [f"{d}/{d[:8]}{rng.randrange(1, 29):02d}" for d in pool[-40:-20]]
    if seed % 2:  # only well-formed days and intervals: the batch path alone
        pool = [d for d in pool if d and len(d) in (10, 21) and "W" not in d and is_valid_date(d)]
    events = [Event(f"e{rng.randrange(60)}-{i}", "t", rng.choice(pool)) for i in range(300)]
    index = index_events(events)
    assert index.order == sorted(range(len(events)), key=lambda i: sort_key(events[i]))
    assert index.headings == [heading_of(e) for e in events]
    assert [(*k, e.id) for k, e in zip(index.keys, events, strict=True)] == [sort_key(e) for e in events]
    assert index.mids == [_date_facts(e.date)[2] for e in events]  # the middle day, as the histogram counts it
    assert all(m == midpoint(e) for m, e in zip(index.mids, events, strict=True) if e.date and "W" not in e.date)
    rows = build_rows(index.headings, index.order)
    assert [r.event for r in rows if r.kind is RowKind.EVENT] == index.order
    assert all(type(r) is type(rows[0]) for r in rows)
