"""Event candidates: one per dated clause, plus every statement, with actors and quotes.

Each time expression is anchored to the clause it modifies by walking its head chain
in the dependency parse up to the governing verb (or to an event noun it modifies
directly: "Russia's 2022 invasion"). A reporting verb ("said", "told", "wrote") makes a
statement event dated by its own time expression; a clause it reports that carries its
own date is a second event, linked back with ``reports``. Statements are kept even when
undated. News-page furniture (credits, bylines, share buttons, related-article links,
datelines, repeated lead sentences) never yields an event.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.candidates import ActorMention, EventCandidate, EventKind
from timeline.doctext import ParsedSpan, indexes, parsed
from timeline.model import PRECISION_RANK, Certainty, Precision, Quote, TimexType
from timeline.quotes import find_quotes
from timeline.titles import clause_title, gist, phrase, present, statement_title

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from timeline.candidates import Sentence
    from timeline.doctext import ParsedDoc, ParsedToken
    from timeline.model import Document, TimeExpression

#: Verbs that report speech or writing: their subject is a speaker, their complement what was said.
REPORTING = frozenset(
    [
        "say",
        "tell",
        "write",
        "warn",
        "claim",
        "add",
        "announce",
        "accuse",
        "state",
        "declare",
        "insist",
        "argue",
        "note",
        "explain",
        "suggest",
        "reveal",
        "confirm",
        "deny",
        "respond",
        "reply",
        "stress",
        "tweet",
        "post",
        "vow",
        "promise",
        "pledge",
        "admit",
        "urge",
        "threaten",
        "assert",
        "predict",
        "acknowledge",
        "remark",
        "comment",
        "report",
        "speak",  # "X spoke of 'reckless statements'"
    ]
)
#: Verbs of public reaction that are statements without a reported clause ("X slammed the remarks").
REACTION = frozenset(
    [
        "slam",
        "blast",
        "condemn",
        "criticize",
        "criticise",
        "reject",
        "dismiss",
        "rebuke",
        "praise",
        "denounce",
        "call",
        "characterize",
        "characterise",
        "describe",
        "welcome",
        "decry",
        "lambast",
        "hit",
        "question",
    ]
)
_SAYING = REPORTING | REACTION
#: Prepositions that make a dated noun a time frame for the clause rather than an event of its own.
_FRAME_PREPS = frozenset({"during", "in", "at", "throughout", "over", "within", "by", "until", "till", "as"})
_EVENT_NOUN = re.compile(
    r"(tion|sion|ment|ance|ence|ure|al|ing|ade|ion)$|^(rally|summit|vote|war|attack|election|campaign|visit|"
    r"talks|deal|crisis|strike|coup|invasion|meeting|speech|conference|ceremony|trial|ruling|verdict|"
    r"announcement|launch|protest|riot|bombing|shooting|crash|storm|fire|flood|earthquake|debate|merger)$"
)
_MOD_DEPS = frozenset({"compound", "nmod", "amod", "poss", "npadvmod", "nummod"})

# --- news-page furniture ----------------------------------------------------------------

_CREDIT = re.compile(
    r"\b(copyright|all rights reserved|getty images|photograph:|photo:|image:|credit:|ap photo|reuters/|afp/)|©",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*(by|written by|reporting by|edited by|additional reporting|updated|published)\b", re.I)
_DEBRIS = re.compile(
    r"\b(share this|share on|read more|read next|copy to clipboard|copy link|click here|sign up|subscribe|"
    r"newsletter|advertisement|follow us|related articles?|you might also like|most read|embed link|"
    r"comments?$|close button)\b",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"\A\s*---\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_TERMINAL = re.compile(r"[.!?\"”’:)]\s*$")
_WS = re.compile(r"\s+")


#: The words :data:`_CREDIT` and :data:`_DEBRIS` look for, lowercased: a text holding none of them
#: (in any case) has no credit or debris in any of its lines or sentences.
_CREDIT_WORDS = (
    "copyright",
    "all rights reserved",
    "getty images",
    "photograph:",
    "photo:",
    "image:",
    "credit:",
    "ap photo",
    "reuters/",
    "afp/",
    "©",
)
_DEBRIS_WORDS = (
    "share this",
    "share on",
    "read more",
    "read next",
    "copy to clipboard",
    "copy link",
    "click here",
    "sign up",
    "subscribe",
    "newsletter",
    "advertisement",
    "follow us",
    "related article",
    "you might also like",
    "most read",
    "embed link",
    "comment",
    "close button",
)
#: Letters that a case-blind pattern takes for ASCII ones but ``str.lower`` does not turn into them.
_CASE_ODDITIES = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Could a case-blind search for ``words`` find one in ``text`` (or in any part of it)?"""
    if any(ch in text for ch in _CASE_ODDITIES):
        return True
    low = text.lower()
    return any(w in low for w in words)


def furniture_lines(text: str, title: str = "") -> list[tuple[int, int]]:
    """Character ranges of lines that are page furniture rather than article prose.

    Photo captions carrying a credit, bylines, share/navigation debris, and short lines
    without closing punctuation (headlines of related articles, menu items).
    """
    out = []
    credit = _CREDIT.search if _may_hold(text, _CREDIT_WORDS) else _never
    debris = _DEBRIS.search if _may_hold(text, _DEBRIS_WORDS) else _never
    front = _FRONT_MATTER.match(text)
    if front:
        out.append((0, front.end()))
    pos = 0
    first = True
    headline = title.rstrip("…. ").strip()
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        body = line.strip()
        if not body or (front and end <= front.end()):
            continue
        words = body.split()
        # a first line that reads as a full sentence is the lead, even when the title was taken from it
        is_headline = first and len(headline) > 10 and body.startswith(headline) and not _reads_as_lead(body)
        first = False
        if (
            is_headline  # the headline restates the lead; the body is the evidence
            or credit(body)
            or (len(words) <= 12 and _BYLINE.match(body))
            or (len(words) <= 15 and debris(body))
            or (len(words) <= 25 and not _TERMINAL.search(body))
        ):
            out.append((start, end))
    # a photo caption is often repeated with its credit on the next line: the bare copy is a caption too
    credited = [text[s:e] for s, e in out if credit(text[s:e])]
    if not credited:
        return sorted(out)
    pos = 0
    for line in text.splitlines(keepends=True):
        start, body = pos, line.strip()
        pos += len(line)
        if len(body) > 20 and any(body in c and body != c.strip() for c in credited):
            lead = start + line.index(body)
            out.append((lead, lead + len(body)))
    return sorted(out)


def _never(_text: str) -> None:
    return None


LEAD_WORDS = 8


def _reads_as_lead(line: str) -> bool:
    """A long line closed by a full stop is prose: headlines are short and carry no final period."""
    return line.rstrip().endswith(".") and not line.rstrip().endswith("..") and len(line.split()) > LEAD_WORDS


def line_of(text: str, pos: int) -> tuple[int, int]:
    """The line holding ``pos``: a sentence never spans two paragraphs of a news page."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e + 1 for s, e in ranges)


def _all_furniture(text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Every line the passage touches is furniture (a parser may run a credit into the next line)."""
    pos = start
    while pos < end:
        hi = text.find("\n", pos, end)
        hi = end if hi < 0 else hi
        lo = pos
        while lo < hi and text[lo].isspace():
            lo += 1
        stop = hi
        while stop > lo and text[stop - 1].isspace():
            stop -= 1
        if stop > lo and not _in_ranges(lo, stop, ranges):
            return False
        pos = hi + 1
    return True


def is_non_event_sentence(sent: ParsedSpan) -> bool:
    """A sentence with no verb (datelines, captions, lists) or credit/debris text."""
    doc = sent.doc
    tags = doc.pos[sent.start : sent.end]
    if "VERB" not in tags and "AUX" not in tags:
        return True
    text = sent.text.strip()
    if "\n" in text:  # run together with a neighbouring line: the line rules decide
        return False
    anywhere = doc.cache.get(_ANYWHERE_KEY)
    if anywhere is None:
        anywhere = doc.cache[_ANYWHERE_KEY] = (
            _may_hold(doc.text, _CREDIT_WORDS),
            _may_hold(doc.text, _DEBRIS_WORDS),
        )
    return (anywhere[0] and bool(_CREDIT.search(text))) or (
        anywhere[1] and len(sent) <= 15 and bool(_DEBRIS.search(text))
    )


_ANYWHERE_KEY = "timeline.credit_or_debris"


# --- anchoring -------------------------------------------------------------------------


def governor(doc: ParsedDoc, expr: TimeExpression) -> ParsedToken | None:
    """The verb (or event noun) whose clause a time expression dates."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cur = span.root
    direct = True  # still inside the noun phrase the time expression modifies
    while cur.head.i != cur.i:
        dep, head = cur.dep_, cur.head
        if _baseline(cur):
            return None  # "up from three in 2014", "than in 2019": the date of a figure compared with
        if head.pos_ == "VERB" and head.dep_ == "prep":
            # "According to 2023 data, …", "following the 2022 invasion": a participle used as
            # a preposition frames the clause it hangs from; it is no event of its own
            cur = head
            continue
        if head.pos_ in ("VERB",) or (head.pos_ == "AUX" and head.dep_ in ("ROOT", "conj", "ccomp", "advcl", "relcl")):
            return head
        if head.pos_ == "NOUN" and direct and dep in _MOD_DEPS and _EVENT_NOUN.search(head.lemma_.lower()):
            prep = head.head if head.dep_ == "pobj" else None
            if prep is None or prep.lower_ not in _FRAME_PREPS:
                return head
        if dep not in _MOD_DEPS and dep not in ("pobj", "prep", "npadvmod"):
            direct = False
        cur = head
    return cur if cur.pos_ in ("VERB", "AUX") else None


def _baseline(tok: ParsedToken) -> bool:
    """A preposition introducing the baseline of a comparison: "up/down from …", "than …",
    "compared with/to …". A date inside it dates the figure compared with, not the clause."""
    if tok.dep_ != "prep":
        return False
    if tok.lower_ == "from" and tok.head.lower_ in ("up", "down"):
        return True
    return tok.lower_ == "than" or tok.lemma_.lower() == "compare" or tok.head.lemma_.lower() == "compare"


def reporting_head(verb: ParsedToken) -> ParsedToken | None:
    """The reporting verb whose complement contains ``verb``, if any."""
    cur = verb
    while cur.head.i != cur.i:
        dep, head = cur.dep_, cur.head
        if dep in ("ccomp", "xcomp", "parataxis", "dobj") and head.lemma_.lower() in REPORTING:
            return head
        if dep in ("advcl", "relcl", "acl") or head.pos_ == "NOUN":
            return None
        cur = head
    return None


def complement(verb: ParsedToken) -> ParsedToken | None:
    return next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None) or next(
        (c for c in verb.children if c.dep_ == "xcomp"), None
    )


def is_main_clause(verb: ParsedToken) -> bool:
    lo, hi = line_of(verb.doc.text, verb.idx)
    cur = verb
    while cur.dep_ == "conj" and lo <= cur.head.idx < hi:
        cur = cur.head
    # the root of its own line counts: the parser sometimes runs two lines into one sentence
    return cur.dep_ == "ROOT" or not (lo <= cur.head.idx < hi)


def tense(verb: ParsedToken, expr: TimeExpression | None = None) -> str:
    if any(c.lower_ in ("will", "'ll", "shall") for c in verb.children) or (expr and expr.direction == "future"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return "past"
    return "present"


# --- candidates ------------------------------------------------------------------------


def extract_candidates(
    document: Document,
    doc: Doc | ParsedDoc,
    times: tuple[TimeExpression, ...],
    sentences: tuple[Sentence, ...],
    mentions: tuple[ActorMention, ...],
    furniture: list[tuple[int, int]] | None = None,
) -> tuple[EventCandidate, ...]:
    """``furniture``: :func:`furniture_lines` of the document, when already found."""
    doc = parsed(doc)
    if furniture is None:
        furniture = furniture_lines(document.text, document.title)
    seen: set[str] = set()
    out: list[EventCandidate] = []
    statements_by_sentence: dict[int, list[int]] = {}
    heads: list[int] = []  # character offset of each candidate's head word
    sents = doc.sents
    lead = True  # the first sentence of prose is the report's lead
    for si, sent in enumerate(sents):
        if _all_furniture(document.text, sent.start_char, sent.end_char, furniture) or is_non_event_sentence(sent):
            continue
        key = " ".join(sent.text.lower().split())  # (str.split's whitespace is the pattern's \s)
        if key in seen:
            continue
        seen.add(key)
        info = sentences[si] if si < len(sentences) else None
        made = _sentence_candidates(
            document, doc, sent, si, times, info.times if info else (), mentions, len(out), furniture, lead, heads
        )
        if lead and _is_headline(document, sent):
            made = [replace(c, headline=True) for c in made]
        lead = False
        for c in made:
            if c.kind == EventKind.STATEMENT:
                statements_by_sentence.setdefault(si, []).append(len(out))
            out.append(c)
    _attach_quotes(document.text, sents, out, statements_by_sentence, mentions, heads)
    return tuple(_link_continuations(out))


def _is_headline(document: Document, sent: ParsedSpan) -> bool:
    """The sentence is the document's title line (the title is that line, whole or shortened)."""
    title = _WS.sub(" ", document.title).rstrip("…. ").strip().lower()
    lo, hi = line_of(document.text, sent.start_char)
    line = _WS.sub(" ", document.text[lo:hi]).strip().lower()
    end = sent.start_char + len(sent.text.rstrip())
    return len(title) > 10 and (line.startswith(title) or title.startswith(line.rstrip("."))) and end <= hi


CONTINUATION_SENTENCES = 4


def _speaker_key(candidate: EventCandidate) -> str:
    return candidate.actors[0].text.split()[-1].lower() if candidate.actors else ""


def _link_continuations(out: list[EventCandidate]) -> list[EventCandidate]:
    """Mark undated statements that carry on the same speaker's statement a few sentences before."""

    last: dict[str, int] = {}
    for i, c in enumerate(out):
        if c.kind != EventKind.STATEMENT:
            continue
        key = _speaker_key(c)
        if not key:
            continue
        j = last.get(key)
        if j is not None and c.date is None and c.sentence - out[j].sentence <= CONTINUATION_SENTENCES:
            head = out[j].continues if out[j].continues is not None else j
            out[i] = replace(c, continues=head)
        last[key] = i
    return out


def _best_time(indexes: list[int], times: tuple[TimeExpression, ...]) -> int:
    def rank(i: int) -> tuple[int, int]:
        t = times[i]
        return (1 if t.date else 0, PRECISION_RANK.get(t.precision, -1) if t.precision else -1)

    return max(indexes, key=lambda i: (rank(i), -i))


def _usable(expr: TimeExpression) -> bool:
    if expr.type in (TimexType.DURATION, TimexType.SET):
        return False
    return bool(expr.date) or (not expr.resolved and bool(expr.rule))


def _sentence_candidates(
    document: Document,
    doc: ParsedDoc,
    sent: ParsedSpan,
    si: int,
    times: tuple[TimeExpression, ...],
    time_ids: tuple[int, ...],
    mentions: tuple[ActorMention, ...],
    offset: int,
    furniture: list[tuple[int, int]] = (),
    lead: bool = False,
    heads: list[int] | None = None,
) -> list[EventCandidate]:
    groups: dict[int, list[int]] = {}
    for ti in time_ids:
        expr = times[ti]
        if not _usable(expr):
            continue
        gov = governor(doc, expr)
        if gov is None or not (sent.start <= gov.i < sent.end):
            continue
        lo, hi = line_of(document.text, gov.idx)
        if not (lo <= expr.start < hi) or _in_ranges(gov.idx, gov.idx + 1, furniture):
            continue  # a dateline or caption run into the sentence by the parser
        groups.setdefault(gov.i, []).append(ti)
    # every reporting/reaction verb in a main clause with a named or pronoun subject is a statement
    statements: dict[int, ParsedToken] = {}
    reporting, noun_verbs = _verbs_to_check(doc)
    lo_i, hi_i = bisect.bisect_left(reporting, sent.start), bisect.bisect_left(reporting, sent.end)
    for i in reporting[lo_i:hi_i]:
        lemma = doc.lemmas[i]
        tok = doc[i]
        if lemma == "speak" and not _speaks_of(tok):
            continue  # "speaking for X" represents X; "spoke at the fair" tells no words
        if lemma in REACTION and tok.i not in groups and not is_main_clause(tok):
            continue
        if (reporting_head(tok) is not None and not _own_report(tok)) or _hypothetical(tok):
            continue
        if _subject_token(tok) is None or _in_ranges(tok.idx, tok.idx + 1, furniture):
            continue
        main = (
            tok.i in groups
            or is_main_clause(tok)
            or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
            or (tok.dep_ == "parataxis" and lemma in REPORTING)  # 'X said, “…”' with the quote parsed as root
            or _temporal_clause(tok)
            or _own_report(tok)
            or _hung_on_a_quote(tok, sent)
        )
        if main and _speaker(tok, mentions, document.text) is not None:
            statements[tok.i] = tok
    # one statement per speaker per sentence ("X said: … I said: …" is one statement)
    by_speaker: dict[str, int] = {}
    for i in sorted(statements, key=lambda i: (i not in groups, i)):
        who = _speaker(statements[i], mentions, document.text)
        key = who.text.lower() if who else str(i)
        if key in by_speaker:
            del statements[i]
        else:
            by_speaker[key] = i
    # clauses reported by a statement, dated on their own
    for gi in list(groups):
        rep = reporting_head(doc[gi])
        if rep is not None and rep.i not in statements and _subject_token(rep) is not None:
            statements[rep.i] = rep
    # "Trump's statements, made during a campaign event, …": a statement told as a noun with its occasion
    said_on: dict[int, ActorMention] = {}
    lo_i, hi_i = bisect.bisect_left(noun_verbs, sent.start), bisect.bisect_left(noun_verbs, sent.end)
    for i in noun_verbs[lo_i:hi_i]:
        if i in statements:
            continue
        tok = doc[i]
        who = _statement_noun_speaker(tok, mentions)
        if who is not None:
            statements[tok.i] = tok
            said_on[tok.i] = who
    if lead:
        verb = lead_verb(sent)
        if (
            verb is not None
            and verb.i not in statements
            and verb.i not in groups
            and not _in_ranges(verb.idx, verb.idx + 1, furniture)
        ):
            groups[verb.i] = []  # the news the report opens with, undated here: dated by publication later
    made: list[EventCandidate] = []
    index_of: dict[int, int] = {}
    order = sorted(set(statements) | set(groups))
    # statements first so that reported events can point back at them
    for i in sorted(order, key=lambda i: (i not in statements, i)):
        tok = doc[i]
        ti = _best_time(groups[i], times) if groups.get(i) else None
        expr = times[ti] if ti is not None else None
        if i in statements:
            speaker = said_on.get(i) or _speaker(tok, mentions, document.text)
            cand = _candidate(document, doc, sent, si, tok, EventKind.STATEMENT, ti, expr, mentions, speaker)
            if i in said_on:
                cand = replace(cand, title=statement_noun_title(tok, speaker.text))
        else:
            rep = reporting_head(tok)
            kind = EventKind.OCCURRENCE
            t = tense(tok, expr)
            if t == "future":
                kind = EventKind.SCHEDULED
            elif tok.lemma_ == "be" or (tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.dep_ != "ROOT"):
                kind = EventKind.STATE if tok.lemma_ == "be" else kind
            cand = _candidate(document, doc, sent, si, tok, kind, ti, expr, mentions, None)
            if rep is not None and rep.i in index_of:
                cand = replace(cand, reports=offset + index_of[rep.i])
        index_of[i] = len(made)
        made.append(cand)
        if heads is not None:
            heads.append(tok.idx)
    return made


def _verbs_to_check(doc: ParsedDoc) -> tuple[list[int], list[int]]:
    """Where the document's reporting and reaction verbs are, and the verbs that may tell a
    statement noun's occasion ("remarks made at…"): the tokens each sentence's scans look at."""
    found = doc.cache.get(_VERBS_KEY)
    if found is None:
        pos, lemmas = doc.pos, doc.lemmas
        found = doc.cache[_VERBS_KEY] = (
            [i for i in indexes(lemmas, _SAYING) if pos[i] == "VERB"],
            indexes(lemmas, _STATEMENT_NOUN_VERBS),
        )
    return found


_VERBS_KEY = "timeline.verbs_to_check"


#: Nouns naming something said: "his remarks, made at a rally" is a statement with its occasion.
STATEMENT_NOUNS = frozenset(
    {"statement", "remark", "comment", "speech", "claim", "announcement", "warning", "pledge", "promise", "address"}
)
_OCCASION_PREPS = frozenset({"during", "at", "in", "on"})
_STATEMENT_NOUN_VERBS = frozenset({"make", "deliver", "give", "issue"})


def _statement_noun_speaker(verb: ParsedToken, mentions: tuple[ActorMention, ...]) -> ActorMention | None:
    """The speaker of "X's remarks, made during/at an occasion": a participle on a statement noun
    whose possessor is named and which says where or when they were made."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.lemma_.lower() not in _STATEMENT_NOUN_VERBS:
        return None
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in STATEMENT_NOUNS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ in _OCCASION_PREPS for c in verb.children):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    return next((m for m in mentions if m.start <= owner.idx < m.end), None)


def statement_noun_title(verb: ParsedToken, speaker: str) -> str:
    """ "Trump makes statements during a recent campaign event"."""
    prep = next(c for c in verb.children if c.dep_ == "prep" and c.lower_ in _OCCASION_PREPS)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    where = f" {prep.text} {phrase(obj, 5)}" if obj is not None else ""
    speaker = re.sub(r"(?:'s|’s|'|’)$", "", speaker.strip())
    return statement_title("", f"{speaker} {present(verb.lemma_)} {verb.head.text}{where}")


def _speaks_of(verb: ParsedToken) -> bool:
    """ "spoke of 'reckless statements'", "spoke about…", "spoke out against…": speaking that reports words."""
    return any(
        (c.dep_ == "prep" and c.lower_ in ("of", "about"))
        or (c.dep_ == "prt" and c.lower_ == "out")
        or c.dep_ == "ccomp"
        for c in verb.children
    )


def _own_report(verb: ParsedToken) -> bool:
    """ "Scholz said X, while Michel spoke of Y" / "…, and Michel said Y": a reporting verb
    coordinated with (or contrasted to) another clause and with a subject of its own is a
    second statement, not part of what the first speaker said."""
    if verb.lemma_.lower() not in REPORTING or verb.dep_ not in ("conj", "advcl"):
        return False
    if verb.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ in ("PROPN", "NOUN")


_TEMPORAL_MARKS = frozenset({"after", "before", "when", "since", "once", "as", "until", "while"})


def _temporal_clause(verb: ParsedToken) -> bool:
    """'…days after Trump suggested at a rally…': a statement told as the time of another clause."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in verb.children)


_QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''"})


def _hung_on_a_quote(verb: ParsedToken, sent: ParsedSpan) -> bool:
    """ "X announced …, saying: “we're launching …”": the parser sometimes makes the narration a
    complement of a verb inside the quotation that follows it; words outside quotation marks are
    never what the quotation's speaker says, so the narrating verb is the sentence's main clause."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i <= verb.i or not (sent.start <= head.i < sent.end):
        return False
    before = sum(1 for t in verb.doc[sent.start : verb.i] if t.text in _QUOTE_TOKENS)
    return before % 2 == 0 and any(t.text in _QUOTE_TOKENS for t in verb.doc[verb.i + 1 : head.i])


def lead_verb(sent: ParsedSpan) -> ParsedToken | None:
    """The main verb of a report's lead when it tells a completed event ("Apple has released…").

    The lead of a news report carries its news even without a time expression: a past or
    present-perfect main clause with a subject. Plans, states and generic present tense
    ("users are buzzing") are not the news event.
    """
    verb = sent.root
    if verb.pos_ != "VERB" or _hypothetical(verb) or _subject_token(verb) is None:
        return None
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if verb.tag_ != "VBD" and not perfect:
        return None
    return verb


def _hypothetical(verb: ParsedToken) -> bool:
    """Generic or hypothetical speech: "would say", "could claim", "if asked, they say"."""
    return any(
        c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "should", "can") for c in verb.children
    )


_CLOSING_QUOTES = frozenset({'"', "”", "''", "’"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _speaker_after_quote(verb: ParsedToken, subj: ParsedToken) -> ParsedToken | None:
    """'"…our commitment," the minister said': the speaker stands between the closing quote and the verb.

    The parser often takes a noun inside the quotation for the subject; the noun phrase
    after the closing mark is the one that says.
    """
    if verb.lemma_.lower() not in REPORTING or subj.i > verb.i:
        return None
    close = max((t.i for t in verb.doc[subj.i + 1 : verb.i] if t.text in _CLOSING_QUOTES), default=None)
    if close is None:
        return None
    between = [t for t in verb.doc[close + 1 : verb.i] if not t.is_space and not t.is_punct]
    heads = [t for t in between if not (close < t.head.i < verb.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[-1] if heads and len(between) <= 8 else None


def _fronted_subject(verb: ParsedToken) -> ParsedToken | None:
    """'Speaking in Ohio Smith told…': a name run into a fronted phrase, just before a verb left without subject."""
    if verb.tag_ not in _FINITE or verb.i == 0 or verb.dep_ not in ("ROOT", "conj", "ccomp", "advcl"):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.dep_ in ("nsubj", "nsubjpass") or before.head.i == verb.i:
        return None
    return before


def nearest_subject(verb: ParsedToken, lo: int = 0, hi: int | None = None) -> ParsedToken | None:
    """The verb's subject; of two the parser gives it ("in 2001 the X and the following year the Y
    was released": a verb left out between them), the one next to it."""
    hi = len(verb.doc.text) if hi is None else hi
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and lo <= c.idx < hi]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    return subjects[0] if subjects else None


def _subject_token(verb: ParsedToken) -> ParsedToken | None:
    """The subject of ``verb``'s clause (worked out once per verb: it is asked for again and again)."""
    known = verb.doc.cache.setdefault(_SUBJECT_KEY, {})
    if verb.i not in known:
        known[verb.i] = _find_subject_token(verb)
    return known[verb.i]


_SUBJECT_KEY = "timeline.subject"


def _find_subject_token(verb: ParsedToken) -> ParsedToken | None:
    lo, hi = line_of(verb.doc.text, verb.idx)
    cur = verb
    while lo <= cur.idx < hi:
        subj = nearest_subject(cur, lo, hi)
        if subj is not None:
            return _speaker_after_quote(cur, subj) or subj
        if cur is verb and (fronted := _fronted_subject(verb)) is not None:
            return fronted
        participle = cur.dep_ == "ccomp" and cur.tag_ in ("VBN", "VBD") and cur.head.lemma_ not in REPORTING
        if cur.dep_ == "xcomp" and cur.tag_ == "VB":
            # "prompting Apple Corps to file suit": the object of the verb that makes it happen acts
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i and lo <= c.idx), None)
            if obj is not None:
                return obj
        if (cur.dep_ in ("conj", "xcomp", "advcl") or participle) and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


_PRONOUNS = {"he": "PERSON", "she": "PERSON"}


def _mentions_in(mentions: tuple[ActorMention, ...], start: int, end: int) -> list[ActorMention]:
    """The mentions written inside [start, end), in the list's order."""
    starts = _mention_starts(mentions)
    if starts is None:  # not listed in reading order: every one looked at
        return [m for m in mentions if start <= m.start and m.end <= end]
    # in reading order: only those starting in the range can end in it
    inside = mentions[bisect.bisect_left(starts, start) : bisect.bisect_right(starts, end)]
    return [m for m in inside if m.end <= end]


def _mention_starts(mentions: tuple[ActorMention, ...]) -> list[int] | None:
    """Where the mentions start, when they are listed in reading order (as :func:`find_mentions`
    lists them), else None; worked out once per document's mention list."""
    global _starts_cache
    if _starts_cache is None or _starts_cache[0] is not mentions:
        starts = [m.start for m in mentions]
        _starts_cache = (mentions, starts if starts == sorted(starts) else None)
    return _starts_cache[1]


_starts_cache: tuple[tuple[ActorMention, ...], list[int] | None] | None = None


def _person_like(m: ActorMention, mentions: tuple[ActorMention, ...]) -> bool:
    """PERSON, or a word that is the surname of a person named in the document (mis-tagged)."""
    if m.label == "PERSON":
        return True
    return m.text.split()[-1] in _person_surnames(mentions)


def _person_surnames(mentions: tuple[ActorMention, ...]) -> frozenset[str]:
    """The last words of the PERSON mentions (worked out once per document's mention list)."""
    global _surnames_cache
    if _surnames_cache is None or _surnames_cache[0] is not mentions:
        words = frozenset(p.text.split()[-1] for p in mentions if p.label == "PERSON" and p.text.split())
        _surnames_cache = (mentions, words)
    return _surnames_cache[1]


_surnames_cache: tuple[tuple[ActorMention, ...], frozenset[str]] | None = None


def _last_person(mentions: tuple[ActorMention, ...], before: int, doc: ParsedDoc | None = None) -> ActorMention | None:
    """The person "he"/"she" most likely means: the last person who was a subject, else the last named."""
    people = [m for m in mentions if m.end <= before and not m.in_role and _person_like(m, mentions)]
    if not people:
        return None
    if doc is not None:
        window = before - 600
        for m in reversed(people):
            if m.start < window:
                break
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return m
    return people[-1]


SPEAKER_SENTENCES = 2  # how far back "he said" looks for the speaker of the statement it carries on


def _recent_speaker(
    verb: ParsedToken, mentions: tuple[ActorMention, ...], text: str, depth: int
) -> ActorMention | None:
    """The speaker of a statement in the sentence or two before: "X said… He added…" goes on with X."""
    doc, start = verb.doc, verb.sent.start
    for _ in range(SPEAKER_SENTENCES):
        if start == 0:
            return None
        sent = doc[start - 1].sent
        start = sent.start
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING or _hypothetical(tok):
                continue
            if not is_main_clause(tok) or reporting_head(tok) is not None:
                continue
            who = _speaker(tok, mentions, text, depth - 1) if depth > 0 else None
            if who is not None and (who.label == "ROLE" or _person_like(who, mentions)):
                return who
    return None


def _expletive(verb: ParsedToken) -> bool:
    """ "It was announced that…", "it is likely to…": "it" holds the place of a clause, not a thing."""
    return any(c.dep_ in ("ccomp", "csubj", "csubjpass") for c in verb.children) or (
        verb.lemma_ == "be" and any(c.dep_ in ("acomp", "xcomp") for c in verb.children)
    )


def _previous_subject(verb: ParsedToken, mentions: tuple[ActorMention, ...], it: ParsedToken) -> ActorMention | None:
    """ "It" opening a sentence goes on with the named thing the sentence before was about (its subject).

    Only a thing, not a person, and only when the sentence before is on the preceding line
    or the same one: the centre of attention carries over from one sentence to the next.
    """
    sent = verb.sent
    if sent.start == 0 or it.i - sent.start > 3:
        return None
    prev = verb.doc[sent.start - 1].sent
    if prev.root.pos_ not in ("VERB", "AUX"):
        return None
    m = _speaker(prev.root, mentions, verb.doc.text, depth=0)
    if (
        m is None
        or m.label in ("ROLE", "NORP")
        or any(p.label == "PERSON" and p.start <= m.start < p.end for p in mentions)
    ):
        return None  # a person is "he" or "she"; a role or a people is not "it"
    label = m.label if m.label != "PERSON" else "ORG"
    return ActorMention(m.text, it.idx, it.idx + len(it), label, m.roles)


def _speaker(verb: ParsedToken, mentions: tuple[ActorMention, ...], text: str, depth: int = 3) -> ActorMention | None:
    """Who performs ``verb``: a named subject; "he"/"she" is the speaker of a statement just before,
    else the last person named before it.

    A proper-noun subject the entity tagger missed is still a speaker; a singular role
    noun ("the head of NATO") is kept as a ROLE mention for the resolver to map. Worked
    out once per verb, document mentions and depth: the stage asks several times.
    """
    cache = verb.doc.cache
    memo = cache.get(_SPEAKER_KEY)
    if memo is None or memo[0] is not mentions or memo[1] != text:
        memo = cache[_SPEAKER_KEY] = (mentions, text, {})
    known = memo[2]
    key = (verb.i, depth)
    if key not in known:
        known[key] = _find_speaker(verb, mentions, text, depth)
    return known[key]


_SPEAKER_KEY = "timeline.speaker"


def _find_speaker(verb: ParsedToken, mentions: tuple[ActorMention, ...], text: str, depth: int) -> ActorMention | None:
    subj = _subject_token(verb)
    if subj is None:
        return None
    if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        subj = verb.head  # "Trump, who is running …": the noun the clause describes
    if subj.lower_ == "it" and subj.dep_ in ("nsubj", "nsubjpass") and depth > 0 and not _expletive(verb):
        return _previous_subject(verb, mentions, subj)
    if subj.lower_ in _PRONOUNS:
        recent = _recent_speaker(verb, mentions, text, depth) if verb.lemma_.lower() in REPORTING else None
        if recent is not None:
            return ActorMention(recent.text, subj.idx, subj.idx + len(subj), recent.label, recent.roles)
        person = _last_person(mentions, subj.idx, verb.doc)
        if person is None:
            return None
        return ActorMention(person.text, subj.idx, subj.idx + len(subj), "PERSON", person.roles)
    lo, hi = subtree_chars(subj)
    inside = [m for m in _mentions_in(mentions, lo, hi)]
    holding = [m for m in inside if m.start <= subj.idx < m.end]
    if holding:
        return holding[0]
    # "the US President Joe Biden", "the newest phone, Zephyr 4": the name in apposition is the actor
    titled = subj.pos_ == "NOUN" or any(c.dep_ == "det" for c in subj.children)
    named = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None) if titled else None
    if named is not None:
        held = [m for m in inside if m.start <= named.idx < m.end]
        return held[0] if held else _proper_noun_mention(named, text, "PERSON")
    if subj.pos_ == "PROPN":
        if any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):  # "the former US President"
            lo = min(t.idx for t in subj.subtree if t.i <= subj.i)
            hi = _title_end(subj)
            return ActorMention(text[lo:hi], lo, hi, "ROLE")
        return _proper_noun_mention(subj, text, "PERSON")
    people = [m for m in inside if m.label == "PERSON"]
    if people:
        return people[0]
    determined = any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children) or bool(inside)
    if subj.pos_ == "NOUN" and subj.tag_ == "NN" and determined and verb.lemma_.lower() in REPORTING | REACTION:
        role = phrase(subj, 5)
        start = subtree_chars(subj)[0]
        return ActorMention(role, start, start + len(role), "ROLE")
    return inside[0] if inside else None


def _title_end(tok: ParsedToken) -> int:
    """Where a title ends: "the Secretary General of NATO" keeps its organisation ("of" + a name)."""
    end = tok.idx + len(tok)
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ == "PROPN" and len(obj.subtree) <= 4:
        end = subtree_chars(obj)[1]
    return end


def _proper_noun_mention(tok: ParsedToken, text: str, multi_word_label: str = "ORG") -> ActorMention:
    """A name the entity tagger missed: the proper noun with its compounds ("iPhone 4", "Jan Lipavsk")."""
    lefts = [
        t
        for t in tok.lefts
        # not "Ohio" in "Ohio Smith": a word of another name
        if t.dep_ == "compound" and t.pos_ == "PROPN" and t.ent_type_ in ("", tok.ent_type_)
    ]
    rights = [t for t in tok.rights if t.dep_ in ("nummod", "compound") and t.i == tok.i + 1]
    words = [*lefts, tok, *rights]
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return ActorMention(text[start:end], start, end, multi_word_label if len(words) > 1 else "ORG")


MAX_ARGUMENT_HOPS = 2


#: Nouns for a set of things sharing a name: "the Zephyr range" is the set, not the Zephyr.
VERSION_NOUNS = frozenset({"version", "model", "edition", "variant"})  # "a 3G version of its phone"
COLLECTIVE_HEADS = frozenset({"line", "range", "family", "series", "lineup", "portfolio", "brand"})


def names_itself(span: ParsedSpan) -> bool:
    """Does a name stand for its bearer here? Not after an indefinite article ("an Acme phone",
    "a Zephyr capable of…": one instance of a kind) nor as the modifier of a collective noun
    ("the Zephyr line")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    root = span.root
    if before is not None and before.lower_ in ("a", "an") and before.head.i >= span.start:
        return root.lower_ in VERSION_NOUNS  # "a 3G version of its phone" is the model, not one phone
    return not (root.dep_ == "compound" and root.head.lemma_.lower() in COLLECTIVE_HEADS)


#: ``ParsedDoc.cache`` key: the tokens [start, end) of the mentions found, by their character offsets
MENTION_TOKENS_KEY = "timeline.mention_tokens"
_Placed = tuple[ActorMention, ParsedSpan, int]  # a mention, its token span and the span's root


def _mention_spans(doc: ParsedDoc, mentions: tuple[ActorMention, ...]) -> list[list[_Placed]]:
    """(mention, its token span, the span's root) for each mention the tokens can hold, listed by
    the sentence of its root; worked out once per document and mention list."""
    cached = doc.cache.get(_MENTION_SPANS_KEY)
    if cached is not None and cached[0] is mentions:
        return cached[1]
    by_sentence: list[list[_Placed]] = [[] for _ in doc.sents]
    sent_of = doc.sent_of
    placed = doc.cache.get(MENTION_TOKENS_KEY, {})  # the tokens find_mentions found them on
    for m in mentions:
        found = placed.get((m.start, m.end))
        span = ParsedSpan(doc, *found) if found else doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            root = span.root.i
            by_sentence[sent_of[root]].append((m, span, root))
    doc.cache[_MENTION_SPANS_KEY] = (mentions, by_sentence)
    return by_sentence


_MENTION_SPANS_KEY = "timeline.mention_spans"


def _clause_mentions(
    verb: ParsedToken, mentions: tuple[ActorMention, ...], skip: ParsedToken | None = None
) -> list[ActorMention]:
    """Mentions that are arguments of ``verb`` (their nearest governing verb is ``verb``)."""
    out = []
    doc = verb.doc
    subject = nearest_subject(verb)
    gapped = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and subject is not None and c != subject}
    for m, span, root_i in _mention_spans(doc, mentions)[doc.sent_of[verb.i]]:
        cur = doc[root_i]
        step = None  # the verb's child the name hangs from
        hops = 0  # noun-phrase steps between the name and the verb, compounds and appositions free
        while cur.head.i != cur.i and cur.pos_ != "VERB" and cur.i != verb.i:
            step = cur.i
            # a comparative is part of the verb's measure: "spend less than the X budget" is two steps
            if cur.dep_ not in ("compound", "appos", "conj", "cc", "poss") and cur.tag_ not in ("JJR", "RBR"):
                hops += 1
            cur = cur.head
        if hops > MAX_ARGUMENT_HOPS:
            continue  # buried in a noun phrase ("an addition to the X line"): not a participant
        if not names_itself(span):
            continue
        # what a speaker talks about is not part of the saying: only a reporting verb's own arguments
        comp_deps = ("xcomp",) if verb.lemma_.lower() in REPORTING else ("xcomp", "ccomp")
        if cur.i == verb.i and gapped and step is not None and step in gapped:
            continue  # the subject of a verb left out ("in 2001 the X [was released]"), not of this one
        if cur.i == verb.i or (cur.pos_ == "VERB" and cur.head.i == verb.i and cur.dep_ in comp_deps):
            out.append(m)
    return out


def _passive_agent(verb: ParsedToken, actors: list[ActorMention]) -> ActorMention | None:
    """The actor named in a passive verb's "by" phrase: the one who does what the verb tells."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if obj is None:
        return None
    lo, hi = subtree_chars(obj)
    return next((a for a in actors if lo <= a.start and a.end <= hi), None)


def _candidate(
    document: Document,
    doc: ParsedDoc,
    sent: ParsedSpan,
    si: int,
    verb: ParsedToken,
    kind: EventKind,
    ti: int | None,
    expr: TimeExpression | None,
    mentions: tuple[ActorMention, ...],
    speaker: ActorMention | None,
) -> EventCandidate:
    subj_tok = _subject_token(verb) if verb.pos_ != "NOUN" else None
    subject: ActorMention | None = speaker
    if subject is None and subj_tok is not None:
        subject = _speaker(verb, mentions, document.text)
    actors = [subject] if subject else []
    for m in _clause_mentions(verb, mentions):
        if m.in_role or m.label == "NORP" or any(a.start == m.start for a in actors):
            continue
        actors.append(m)
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "PROPN"):
        if not any(a.start <= obj.idx < a.end for a in mentions) and not any(
            a.start <= obj.idx < a.end for a in actors
        ):
            actors.append(_proper_noun_mention(obj, document.text))
    if verb.pos_ == "NOUN":
        lo, hi = subtree_chars(verb)
        actors.extend(m for m in _mentions_in(mentions, lo, hi) if m not in actors and not m.in_role)
    agent = _passive_agent(verb, actors)
    if agent is not None and kind != EventKind.STATEMENT:
        actors.remove(agent)
        actors.insert(0, agent)  # "X was introduced by Jobs": Jobs acts, as in "Jobs introduced X"
    if kind == EventKind.STATEMENT:
        comp = complement(verb)
        said = gist(_said_span(comp), verb=verb) if comp is not None else ""
        if not said:
            said = _quoted_after(verb, sent)
        if not said:
            after = sent.text.split(":", 1)
            said = after[1].strip() if len(after) == 2 else ""
        if not said:
            named = subject is not None and (subj_tok is None or subject.start <= subj_tok.idx < subject.end)
            # "European governments announced…": the adjective's people is not the subject as written
            title = clause_title(verb, subject.text if named else None)
        else:
            who = subject.text if subject else (phrase(subj_tok, 4) if subj_tok is not None else "")
            title = statement_title(_short_name(who), said)
    else:
        title = clause_title(
            verb,
            # a person by name ("he" → "Jens Stoltenberg"); anything else as written ("The iPhone 4")
            subject.text
            if subject
            and subj_tok is not None
            and subject.start <= subj_tok.idx < subject.end
            and (subject.label == "PERSON" or subj_tok.pos_ == "PRON")  # "it" → "Zephyr 4"
            else None,
        )
    lo, hi = line_of(document.text, verb.idx)
    lo, hi = max(lo, sent.start_char), min(hi, sent.end_char)
    while hi > lo and document.text[hi - 1].isspace():
        hi -= 1
    while lo < hi and document.text[lo].isspace():
        lo += 1
    certainty = None
    if expr is not None and expr.date:
        certainty = Certainty.RESOLVED if expr.relative else Certainty.STATED
    lowered, lexemes = doc.lemmas, doc.lexemes  # (is_alpha, is_stop at 4 and 5)
    lemmas = {lowered[t.i] for t in verb.subtree if t.pos_ in _CONTENT_POS and not lexemes[t.i][5] and lexemes[t.i][4]}
    numbers = sentence_numbers(sent)
    return EventCandidate(
        document=document.id,
        sentence=si,
        start=lo,
        end=hi,
        text=document.text[lo:hi],
        title=title,
        kind=kind,
        predicate=verb.lemma_.lower(),
        time=ti,
        date=expr.date if expr else None,
        precision=expr.precision if expr and expr.date else None,
        certainty=certainty,
        how=expr.how if expr else "",
        tense=tense(verb, expr) if verb.pos_ != "NOUN" else "past",
        actors=tuple(actors),
        lemmas=frozenset(lemmas),
        numbers=numbers,
    )


_CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ"})  # the words a candidate's lemmas are taken from
_FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
_ENTS_KEY = "timeline.ents"


def sentence_numbers(sent: ParsedSpan) -> frozenset[str]:
    """The figures a sentence writes in digits (amounts, percentages, counts, quantities).

    What ``sent.ents`` gives, read from the document's entities listed once per ``Doc``:
    ``Doc.ents`` builds a new span for every entity on each access.
    """
    doc = sent.doc
    known = doc.cache.setdefault(_NUMBERS_KEY, {})
    key = (sent.start, sent.end)
    if key not in known:
        known[key] = _sentence_numbers(sent)
    return known[key]


_NUMBERS_KEY = "timeline.numbers"


def _sentence_numbers(sent: ParsedSpan) -> frozenset[str]:
    doc = sent.doc
    ents = doc.cache.get(_ENTS_KEY)
    if ents is None:
        ents = doc.cache[_ENTS_KEY] = [(e.start, e.end, e.label_, e.text) for e in doc.entities]
    found = []
    start, end = sent.start, sent.end
    # the entities from the first starting in the sentence on (they are listed in reading order)
    for _start, hi, label, text in ents[bisect.bisect_left(ents, (start,)) :]:
        if hi > end:
            break  # as spaCy's Span.ents: the scan stops at the first entity running past the sentence
        if label in _FIGURE_LABELS and any(c.isdigit() for c in text):
            found.append(text)
    return frozenset(found)


_OPENING_QUOTES = frozenset({'"', "“", "``"})


def _quoted_after(verb: ParsedToken, sent: ParsedSpan) -> str:
    """'X said in a statement, “Any attack…”': the quotation that follows the verb is what was said."""
    opening = next((t for t in sent if t.i > verb.i and t.text in _OPENING_QUOTES), None)
    if opening is None or opening.i == sent.start or opening.nbor(-1).text not in (",", ":"):
        return ""
    between = verb.doc[verb.i + 1 : opening.i]
    if any(t.dep_ in ("nsubj", "nsubjpass") or (t.pos_ == "VERB" and t.dep_ != "prep") for t in between):
        return ""  # a new clause starts before the quotation: it is not what the verb reports
    lo, hi = line_of(verb.doc.text, verb.idx)
    words = [t.text_with_ws for t in sent if t.i > opening.i and lo <= t.idx < hi]
    return "".join(words).strip().strip('”"').strip()


def _said_span(comp: ParsedToken) -> ParsedSpan:
    """What a reporting verb's complement says, up to another speaker's clause inside it
    ("… dangerous, while Michel spoke of …" ends before "while")."""
    span = _subtree_span(comp)
    doc = span.doc
    reporting = _reporting_words(doc)
    inside = reporting[bisect.bisect_left(reporting, span.start) : bisect.bisect_left(reporting, span.end)]
    other = next((doc.tokens[i] for i in inside if i != comp.i and _own_report(doc.tokens[i])), None)
    if other is None:
        return span
    end = other.doc.subtree_bounds(other.i)[0]
    while end > span.start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start : end]


def _reporting_words(doc: ParsedDoc) -> list[int]:
    """The tokens whose lemma is a reporting verb's (any part of speech), listed once per document:
    the only ones :func:`_own_report` can take for a second speaker's clause."""
    found = doc.cache.get(_REPORTING_KEY)
    if found is None:
        found = doc.cache[_REPORTING_KEY] = indexes(doc.lemmas, REPORTING)
    return found


_REPORTING_KEY = "timeline.reporting_words"


def _subtree_span(tok: ParsedToken) -> ParsedSpan:
    lo, hi = tok.doc.subtree_bounds(tok.i)
    return tok.doc[lo : hi + 1]


def subtree_chars(tok: ParsedToken) -> tuple[int, int]:
    """The characters from the first to the last word of a token's subtree (tokens are written
    in order and never overlap: the first token starts first, the last one ends last)."""
    doc = tok.doc
    lo, hi = doc.subtree_bounds(tok.i)
    last = doc.tokens[hi]
    return doc.tokens[lo].idx, last.idx + len(last.text)


def _short_name(name: str) -> str:
    """The speaker as a headline writes it: a person's surname, an organisation whole."""
    return name


def _attach_quotes(
    text: str,
    sents: list[ParsedSpan],
    out: list[EventCandidate],
    statements_by_sentence: dict[int, list[int]],
    mentions: tuple[ActorMention, ...],
    heads: list[int] | None = None,
) -> None:
    """Put each direct quotation on the statement that introduces it (same or adjacent sentence).

    In a sentence with two speakers ("X called it 'a', while Y spoke of 'b'") a quotation
    belongs to the statement whose verb comes last before it (the first one if none does).
    """

    starts = [sent.start_char for sent in sents]
    by_sentence: dict[int, list] = {}
    for q in find_quotes(text):  # over the whole text: the parser may split a quote's closing mark off
        by_sentence.setdefault(bisect.bisect_right(starts, q.start) - 1, []).append(q)
    for si, found_all in sorted(by_sentence.items()):
        sent = sents[si]
        opening = [q for q in found_all if _opens_sentence(text, sent.start_char, q.start)]
        own = statements_by_sentence.get(si, [])
        if len(own) > 1 and heads is not None and found_all:
            for q in found_all:
                before = [j for j in own if heads[j] < q.start]
                target = max(before, key=lambda j: heads[j]) if before else own[0]
                _add_quotes(out, target, [q], sent, mentions)
            continue
        for found, neighbours in ((found_all, (si,)), (opening, (si - 1, si - 2, si + 1))):
            target = next((statements_by_sentence[sj][0] for sj in neighbours if statements_by_sentence.get(sj)), None)
            if target is None or not found:
                continue
            _add_quotes(out, target, found, sent, mentions)
            break


def _opens_sentence(text: str, sentence_start: int, quote_start: int) -> bool:
    """A quotation that is its own sentence or paragraph carries on a neighbouring statement;
    one quoted inside narration belongs only to a speaker in its own sentence."""
    return not text[sentence_start:quote_start].strip(" \t\r\n\"“‘'")


def _add_quotes(
    out: list[EventCandidate], target: int, found: list, sent: ParsedSpan, mentions: tuple[ActorMention, ...]
) -> None:
    cand = out[target]
    speaker = cand.actors[0].text if cand.actors else None
    if speaker is None:
        person = _last_person(mentions, sent.start_char, sent.doc)
        speaker = person.text if person else None
    quotes = cand.quotes + tuple(Quote(q.text, speaker) for q in found if all(q.text != x.text for x in cand.quotes))
    out[target] = replace(cand, quotes=quotes)


__all__ = ["REPORTING", "Precision", "extract_candidates", "furniture_lines", "governor"]
