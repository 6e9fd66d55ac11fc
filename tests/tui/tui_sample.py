"""A small fixed timeline built from model objects (no builder, no spaCy) for the app's tests."""

from __future__ import annotations

from timeline.model import (
    Actor,
    ActorKind,
    Certainty,
    DateSource,
    Document,
    Event,
    Precision,
    Quote,
    Source,
    Timeline,
)

A_TEXT = (
    "Allies agree a spending pledge\n"
    "Published: 12 Feb 2024\n\n"
    "NATO allies first agreed the pledge in 2006, officials said.\n"
    "On Saturday, Donald Trump told a rally he would not defend allies that did not pay. "
    "Jens Stoltenberg said on Sunday that any suggestion allies will not defend each other undermines security.\n"
    "In April 2023 Finland joined the alliance.\n"
)
B_TEXT = (
    "Leaders react\n\n"
    "Jens Stoltenberg spoke to reporters on Wednesday.\n"
    "Between 10 and 12 February the remarks drew criticism across Europe.\n"
    "Olaf Scholz called the remarks irresponsible.\n"
)


def _source(doc_id: str, text: str, sentence: str, time_text: str = "", how: str = "") -> Source:
    start = text.index(sentence)
    ts = text.index(time_text, start) if time_text else None
    return Source(
        document=doc_id,
        start=start,
        end=start + len(sentence),
        text=sentence,
        time_text=time_text,
        time_start=ts,
        time_end=ts + len(time_text) if ts is not None else None,
        how=how,
    )


def small_timeline() -> Timeline:
    docs = (
        Document(id="a", path="a.txt", text=A_TEXT, title="Allies agree a spending pledge", published="2024-02-12",
                 published_from=DateSource.HEADER),
        Document(id="b", path="b.txt", text=B_TEXT, title="Leaders react", published="2024-02-14",
                 published_from=DateSource.INFERRED, published_how="linked to the rally in a"),
    )  # fmt: skip
    actors = (
        Actor("nato", "NATO", ActorKind.ORGANISATION, ("the alliance",), 3),
        Actor("trump", "Donald Trump", ActorKind.PERSON, ("Trump",), 2),
        Actor("stoltenberg", "Jens Stoltenberg", ActorKind.PERSON, ("Stoltenberg",), 2),
        Actor("finland", "Finland", ActorKind.COUNTRY, (), 1),
        Actor("scholz", "Olaf Scholz", ActorKind.PERSON, ("Scholz",), 1),
    )
    s_pledge = "NATO allies first agreed the pledge in 2006, officials said."
    s_rally = "On Saturday, Donald Trump told a rally he would not defend allies that did not pay."
    s_reply = (
        "Jens Stoltenberg said on Sunday that any suggestion allies will not defend each other undermines security."
    )
    s_finland = "In April 2023 Finland joined the alliance."
    s_wed = "Jens Stoltenberg spoke to reporters on Wednesday."
    s_crit = "Between 10 and 12 February the remarks drew criticism across Europe."
    s_scholz = "Olaf Scholz called the remarks irresponsible."
    events = (
        Event("e1", "NATO allies agree the 2% pledge", "2006", Precision.YEAR, Certainty.STATED, ("nato",),
              sources=(_source("a", A_TEXT, s_pledge, "2006", "stated year"),), how="“in 2006”, stated"),
        Event("e2", "Finland joins NATO", "2023-04", Precision.MONTH, Certainty.STATED, ("finland", "nato"),
              sources=(_source("a", A_TEXT, s_finland, "April 2023", "stated month"),)),
        Event("e3", "Trump says he would not defend allies that do not pay", "2024-02-10", Precision.DAY,
              Certainty.RESOLVED, ("trump", "nato"),
              quotes=(Quote("would not defend allies that did not pay", "trump"),),
              sources=(_source("a", A_TEXT, s_rally, "Saturday", "“Saturday” before 2024-02-12 (published)"),),
              how="“On Saturday” resolved against the publication date 2024-02-12"),
        Event("e4", "Stoltenberg says the suggestion undermines security", "2024-02-11", Precision.DAY,
              Certainty.RESOLVED, ("stoltenberg", "nato"),
              sources=(_source("a", A_TEXT, s_reply, "on Sunday", "“Sunday” before 2024-02-12"),
                       _source("b", B_TEXT, s_wed, "on Wednesday", "“Wednesday”, anchor inferred")),
              how="“on Sunday” resolved against 2024-02-12"),
        Event("e5", "European leaders criticise the remarks", "2024-02-10/2024-02-12", Precision.INTERVAL,
              Certainty.BOUNDED, (), sources=(_source("b", B_TEXT, s_crit, "Between 10 and 12 February"),)),
        Event("e6", "Stoltenberg speaks to reporters", "2024-02-14", Precision.DAY, Certainty.INFERRED,
              ("stoltenberg",), sources=(_source("b", B_TEXT, s_wed, "on Wednesday", "anchor inferred"),)),
        Event("e7", "Scholz calls the remarks irresponsible", None, None, None, ("scholz",),
              sources=(_source("b", B_TEXT, s_scholz),)),
    )  # fmt: skip
    return Timeline(documents=docs, actors=actors, events=events, generator="test")
