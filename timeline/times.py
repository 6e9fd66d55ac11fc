"""Time expressions in a parsed document: find them, normalise them to TimeML, anchor them.

``find_times(doc, anchor)`` runs the rules of :mod:`timeline.timex.grammar` over the
document text (patterns compiled once, at import), keeps the longest non-overlapping
matches, reads the tense of each relative expression's clause from the parse, and
resolves it against the publication date. The parse is read through
:func:`timeline.doctext.parsed` (the per-document stage has built it already; a document
tagged alone is read there). ``reanchor`` resolves a relative expression
again against another date, without the parse: the rule and the tense are stored on
the expression.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from re import _constants as _C  # type: ignore[attr-defined]
from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
from typing import TYPE_CHECKING

from timeline.doctext import ParsedDoc, parsed
from timeline.model import TimeExpression, TimexType
from timeline.timex.context import Context
from timeline.timex.grammar import RULES, Rule, factored, gate
from timeline.timex.resolve import Parsed, parse_rule, resolve, value_date
from timeline.timex.tense import (
    NEAR,
    clause_tense,
    forecast_entry,
    happened_on,
    in_noun_clause,
    on_present_be,
    said_on,
    saying_day,
    scheduled_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_spans", "find_times", "reanchor"]

_TRIM = " \t\r\n,;:!?\"'()[]"
_APPROX_BEFORE = re.compile(r"(?<![\w-])(?:around|approximately|circa)\s+$", re.IGNORECASE)
_POINTS = (TimexType.DATE, TimexType.TIME)
_SENTENCE_END = re.compile(r"\s*(?:\n|$)|\s+[A-Z\"“]")


# --- pre-filter: a rule runs only over a text holding a word its every match must contain ---------


def _required(seq: list) -> frozenset[str] | None:
    """Strings of which every match of the parsed pattern ``seq`` contains one (lower case), or None.

    Read from the pattern's parse tree: a run of literal letters is required (a few spellings of a
    part of it multiply it: ``(?-i:H)[12]`` requires "h1" or "h2"); an alternation
    requires one of its branches' requirements; a group or a repeat taken at least once, its
    content's. Of several requirements of a sequence, the one with the longest strings is kept.
    """
    return _required_where(seq)[0]


#: how far into a match the element holding its required word can start: a constant, plus (class ->
#: times) the longest run in the text of each class's characters (one per unbounded repeat); None
#: when the pattern holds something :func:`_reach` cannot measure
_Lead = tuple[int, dict[str, int]] | None


def _required_where(seq: list, outer: bool = True) -> tuple[frozenset[str] | None, _Lead, bool]:
    """:func:`_required`'s strings; at most how many characters a match consumes before the element
    holding one of them: what the elements before it can read (a bound of what they consume; in a
    group, plus the lead within it; of an alternation, the longest of its branches'); and whether
    that element always follows a character no word is made of, or starts the match (``outer``:
    whether ``seq`` does)."""
    seq = getattr(seq, "data", seq)  # a parsed pattern's items, as a list (faster to walk)
    best: frozenset[str] | None = None
    best_lead: _Lead = None
    best_bounded = False

    def keep(cand: frozenset[str] | None, lead: _Lead, bounded: bool) -> None:
        nonlocal best, best_lead, best_bounded
        if (
            cand
            and "" not in cand
            and (best is None or (min(map(len, cand)), -len(cand)) > (min(map(len, best)), -len(best)))
        ):
            best, best_lead, best_bounded = cand, lead, bounded

    # what the elements before each one read, and how they end (measured once, element by element)
    reads: list[_Lead] = [(0, {})]
    ends = [(True, True)]
    for op, av in seq:
        last = reads[-1]
        if last is not None:
            try:
                const, runs = _reach([(op, av)])
                merged = dict(last[1])
                for cls, n in runs.items():
                    merged[cls] = merged.get(cls, 0) + n
                last = (last[0] + const, merged)
            except _Unsupported:
                last = None
        reads.append(last)
        nonword, empty = _ends(op, av)
        ends.append((nonword and (ends[-1][0] or not empty), empty and ends[-1][1]))

    def before(k: int, inner: _Lead = (0, {})) -> _Lead:
        prefix = reads[k]
        if inner is None or prefix is None:
            return None
        merged = dict(prefix[1])
        for cls, n in inner[1].items():
            merged[cls] = merged.get(cls, 0) + n
        return prefix[0] + inner[0], merged

    def after_nonword(k: int) -> bool:
        nonword, empty = ends[k]
        return nonword and (outer or not empty)

    run: set[str] = set()
    start = 0  # where the run of literals starts
    for k, (op, av) in enumerate(seq):
        spelt = _spellings([(op, av)])
        if spelt is not None and max(len(run), 1) * len(spelt) <= _MAX_SPELLINGS:
            if not run:
                start = k
            run = {r + c for r in run or ("",) for c in spelt}
            continue
        keep(frozenset(run), before(start), after_nonword(start))
        run = set()
        inside = after_nonword(k)
        if op is _C.SUBPATTERN:
            sub, lead, bounded = _required_where(av[3], inside)
            keep(sub, before(k, lead), bounded)
        elif op is _C.ATOMIC_GROUP:
            sub, lead, bounded = _required_where(av, inside)
            keep(sub, before(k, lead), bounded)
        elif op is _C.BRANCH:
            parts = [_required_where(b, inside) for b in av[1]]
            if any(w is None for w, _, _ in parts):
                continue
            leads = [lead for _, lead, _ in parts]
            widest: _Lead = None
            if all(lead is not None for lead in leads):
                classes: dict[str, int] = {}
                for _, r in leads:  # type: ignore[misc]
                    for cls, n in r.items():
                        classes[cls] = max(classes.get(cls, 0), n)
                widest = (max(c for c, _ in leads), classes)  # type: ignore[misc]
            keep(frozenset().union(*(w for w, _, _ in parts)), before(k, widest), all(b for _, _, b in parts))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub, lead, bounded = _required_where(av[2], inside)  # the first time round holds one
            keep(sub, before(k, lead), bounded)
    keep(frozenset(run), before(start), after_nonword(start))
    return best, best_lead, best_bounded


_WORD_CHAR = re.compile(r"\w")


def _seq_ends(seq: list) -> tuple[bool, bool]:
    """(Is the last character ``seq`` consumes never a word character, can it consume nothing)."""
    seq = getattr(seq, "data", seq)  # a parsed pattern's items, as a list (faster to walk)
    for op, av in reversed(seq):
        nonword, empty = _ends(op, av)
        if not nonword:
            return False, False
        if not empty:
            return True, False
    return True, True


def _ends(op: object, av: object) -> tuple[bool, bool]:
    """:func:`_seq_ends` of one element of a pattern."""
    if op is _C.LITERAL:
        return not _WORD_CHAR.match(chr(av)), False  # type: ignore[arg-type]
    if op is _C.IN:
        return _nonword_class(av), False  # type: ignore[arg-type]
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return True, True
    if op is _C.SUBPATTERN:
        return _seq_ends(list(av[3]))  # type: ignore[index]
    if op is _C.ATOMIC_GROUP:
        return _seq_ends(list(av))  # type: ignore[arg-type]
    if op is _C.BRANCH:
        parts = [_seq_ends(list(b)) for b in av[1]]  # type: ignore[index]
        return all(n for n, _ in parts), any(e for _, e in parts)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        nonword, empty = _seq_ends(list(av[2]))  # type: ignore[index]
        return nonword, empty or av[0] == 0  # type: ignore[index]
    return False, False


def _nonword_class(items: list) -> bool:
    for op, av in items:
        if op is _C.LITERAL:
            if _WORD_CHAR.match(chr(av)):
                return False
        elif op is _C.RANGE:
            if av[1] - av[0] > 256 or any(_WORD_CHAR.match(chr(c)) for c in range(av[0], av[1] + 1)):
                return False
        elif op is _C.CATEGORY:
            if av not in (_C.CATEGORY_SPACE, _C.CATEGORY_NOT_WORD):
                return False
        else:
            return False  # a negated class, ...
    return True


#: how many spellings a required string may multiply into
_MAX_SPELLINGS = 16


def _spellings(seq: list) -> set[str] | None:
    """Every string (lower case) ``seq`` can match, when it is a few literal spellings, else None."""
    seq = getattr(seq, "data", seq)  # a parsed pattern's items, as a list (faster to walk)
    out = {""}
    for op, av in seq:
        if op is _C.LITERAL:
            part = {chr(av).lower()} if av < 128 and chr(av).isprintable() else None
        elif op is _C.IN:
            part = _literal_class(av)
        elif op is _C.SUBPATTERN:
            part = _spellings(av[3])
        elif op is _C.BRANCH:
            parts = [_spellings(b) for b in av[1]]
            part = None if any(p is None for p in parts) else set().union(*parts)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[1] <= 4:
            times = [_spellings(list(av[2]) * k) for k in range(av[0], av[1] + 1)]  # "'?": "" or "'"
            part = None if any(t is None for t in times) else set().union(*times)
        else:
            part = None
        if part is None or len(out) * len(part) > _MAX_SPELLINGS:
            return None
        out = {a + b for a in out for b in part}
    return out


def _literal_class(items: list) -> set[str] | None:
    """The characters (lower case) of a class made only of printable ASCII characters and ranges."""
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            codes = [av]
        elif op is _C.RANGE and av[1] - av[0] < _MAX_SPELLINGS:
            codes = list(range(av[0], av[1] + 1))
        else:
            return None
        for c in codes:
            if not (c < 128 and chr(c).isprintable()):
                return None
            out.add(chr(c).lower())
    return out


def _analyse(rule: Rule) -> tuple[frozenset[str] | None, _Window | None]:
    """A rule's required strings and how to window it, from one parse of its pattern."""
    try:
        tree = _sre_parse(rule.pattern.pattern, rule.pattern.flags)
        found = _required_where(list(tree))
    except Exception:  # an unreadable pattern simply always runs
        return None, None
    return found[0], _plan(rule, tree, found)


#: characters that match an ASCII letter under IGNORECASE without lower-casing to it (ı İ ſ K):
#: a text holding one runs every rule
_ODD_FOLDS = ("\u0131", "\u0130", "\u017f", "\u212a")


def _runnable(text: str) -> list:
    """The rules that can match somewhere in ``text``."""
    if any(c in text for c in _ODD_FOLDS):
        return list(RULES)
    low = text.lower()
    seen: dict[str, bool] = {}
    out = []
    for r, req in zip(RULES, _REQUIRED, strict=True):
        if req is not None:
            ok = False
            for k in req:
                hit = seen.get(k)
                if hit is None:
                    hit = seen[k] = k in low
                if hit:
                    ok = True
                    break
            if not ok:
                continue
        out.append(r)
    return out


# --- windows: a rule is tried only just before the places its required words occur --------------
#
# Every match of a rule holds one of its required words, in a known element of its pattern, and
# the elements before that one consume at most ``lead`` characters (what they can read, a bound of
# what they consume). So a match holding the word at ``p`` starts in ``[p - lead, p]``: trying each
# place of those stretches in text order (once, the next from the end of a match taken, as
# ``finditer`` takes leftmost non-overlapping matches) finds exactly what a scan of the whole text
# finds. The stretch past ``p`` is never tried, and a match reads the whole text. A repeat
# without an upper bound (``\s+``) reads a run of the characters it can match: its lead is the
# longest such run in the text, then the longest in the stretch that gives (all a match consumes
# before the word is in it). A word that always follows a break (``\s+day``) is looked for only
# after one: "day" in "today" starts no stretch.


class _Unsupported(Exception):
    pass


_CATEGORIES = {
    _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_NOT_SPACE: r"\S",
    _C.CATEGORY_DIGIT: r"\d",
    _C.CATEGORY_NOT_DIGIT: r"\D",
    _C.CATEGORY_WORD: r"\w",
    _C.CATEGORY_NOT_WORD: r"\W",
}


#: the classes whose runs are measured (``\s`` and ``[\s-]`` by the runs of ``[\s-]``)
_WIDER = ({re.escape("-"), r"\s"}, {",", r"\d"})


def _charset(seq: list, out: set[str]) -> None:
    """Add to ``out`` the character-class items of every character ``seq`` can consume."""
    seq = getattr(seq, "data", seq)  # a parsed pattern's items, as a list (faster to walk)
    for op, av in seq:
        if op is _C.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is _C.IN:
            for iop, iav in av:
                if iop is _C.LITERAL:
                    out.add(re.escape(chr(iav)))
                elif iop is _C.RANGE:
                    out.add(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                elif iop is _C.CATEGORY and iav in _CATEGORIES:
                    out.add(_CATEGORIES[iav])
                else:
                    raise _Unsupported(iop)
        elif op is _C.SUBPATTERN:
            _charset(av[3], out)
        elif op is _C.BRANCH:
            for b in av[1]:
                _charset(b, out)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            _charset(av[2], out)
        else:
            raise _Unsupported(op)


def _reach(seq: list) -> tuple[int, dict[str, int]]:
    """How far a match of ``seq`` can read past its start: a constant, plus (class -> times) the
    longest run in the text of the characters of each class (one per unbounded repeat)."""
    seq = getattr(seq, "data", seq)  # a parsed pattern's items, as a list (faster to walk)
    const = 0
    runs: dict[str, int] = {}

    def add(c: int, r: dict[str, int], times: int = 1) -> None:
        nonlocal const
        const += c * times
        for k, v in r.items():
            runs[k] = runs.get(k, 0) + v * times

    for op, av in seq:
        if op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY):
            const += 1
        elif op is _C.AT:
            const += 1  # a word boundary looks at the next character
        elif op is _C.SUBPATTERN:
            add(*_reach(av[3]))
        elif op is _C.ATOMIC_GROUP:
            add(*_reach(av))
        elif op is _C.BRANCH:
            parts = [_reach(b) for b in av[1]]
            merged: dict[str, int] = {}
            for _, r in parts:
                for k, v in r.items():
                    merged[k] = max(merged.get(k, 0), v)
            add(max(c for c, _ in parts), merged)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            _, hi, item = av
            if hi == _C.MAXREPEAT:
                cls: set[str] = set()
                _charset(item, cls)
                # one wider class for several: a run of it is as long as theirs or longer, and one scan finds it
                wider = next((w for w in _WIDER if cls <= w), cls)
                add(0, {"".join(sorted(wider)): 1})
            else:
                add(*_reach(item), times=hi)
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if av[0] >= 0:  # a look-ahead reads on; a look-behind reads what is behind
                add(*_reach(av[1]))
        else:
            raise _Unsupported(op)
    return const, runs


@dataclasses.dataclass(frozen=True, slots=True)
class _Window:
    """How to window one rule (None: always scan the whole text): its required words, how far into a
    match the element holding one can start (``lead``, plus the longest run in the text of each of
    ``runs``' classes, times its count), and ``gate``: the rule's pattern as a look-ahead after up to
    :data:`_GATE` characters, to find the first place in a stretch where a match starts."""

    words: tuple[str, ...]
    lead: int
    runs: tuple[tuple[re.Pattern[str], int], ...]
    gate: re.Pattern[str]
    places: int  # how many places past the first a call of the gate tries
    #: the word always starts after a character no word is made of (or starts the text): a word
    #: found inside another ("day" in "today") starts no match
    bounded: bool


_RUN_PATTERNS: dict[str, re.Pattern[str]] = {}
#: how many places past the first one call of a gate tries, at most (more: fewer calls, more places
#: tried past the last one needed); a rule whose stretches are shorter tries as many as they usually are
_GATE = 32


def _plan(rule: Rule, tree: object, found: tuple[frozenset[str] | None, _Lead, bool]) -> _Window | None:
    req, lead, bounded = found
    if req is None or any(len(w) < _MIN_WORD and w.isalnum() for w in req):
        return None  # a word too common to narrow the scan down ("a", "1")
    if rule.pattern.flags & re.ASCII or not rule.pattern.pattern.startswith(_WORD_START) or lead is None:
        return None
    pats = tuple(
        # "[c][c]+", not "[c]{2,}": a pattern opening with a class lets the engine skip to its characters
        (_RUN_PATTERNS.setdefault(cls, re.compile(f"[{cls}][{cls}]+", re.IGNORECASE)), n)
        for cls, n in sorted(lead[1].items())
    )
    places = max(1, min(_GATE, lead[0] + sum(lead[1].values())))  # a stretch's usual length, at most
    tried = gate(rule.pattern, tree, places)
    if tried is None:
        return None
    return _Window(tuple(sorted(req)), lead[0], pats, tried, places, bounded)


#: how every rule's pattern starts (see :func:`timeline.timex.grammar.rule`)
_WORD_START = r"(?<!\w)(?=[\w'])"
#: required words shorter than this leave a rule to a scan of the whole text, but for a mark
#: ("-" in "2024-03-01", "/" in "3/1/2024": a few a story)
_MIN_WORD = 2
_ANALYSES = [_analyse(r) for r in RULES]
_REQUIRED = [req for req, _ in _ANALYSES]
_WINDOWS = {r.name: plan for r, (_, plan) in zip(RULES, _ANALYSES, strict=True)}
_PLANS = [(r, req, _WINDOWS[r.name]) for r, req in zip(RULES, _REQUIRED, strict=True)]


def _runs(pat: re.Pattern[str], text: str, cache: dict) -> tuple[list[int], list[int], int]:
    """Where the runs of two or more of a class's characters start and end in ``text``, and the
    longest one's length (one when there is none)."""
    found = cache.get(pat)
    if found is None:
        spans = [m.span() for m in pat.finditer(text)]
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        found = cache[pat] = (starts, ends, max((b - a for a, b in spans), default=1))
    return found


#: every required word, longest first: at each place, the longest one that starts there
_WORDS = sorted({w for plan in _WINDOWS.values() if plan for w in plan.words}, key=lambda w: (-len(w), w))
_FIND_WORDS = factored(re.compile("(?=(" + "|".join(map(re.escape, _WORDS)) + "))"))
#: the required words that start where a longer one does (its prefixes)
_PREFIXES = {w: tuple(k for k in _WORDS if w.startswith(k)) for w in _WORDS}


def _rules_needing(bounded: bool) -> dict[str, tuple[int, ...]]:
    """For the longest required word found at a place, the windowed rules (by index) whose words
    start there, of those whose word always follows a break (``bounded``) or the others."""
    out = {}
    for w, prefixes in _PREFIXES.items():
        out[w] = tuple(
            i
            for i, (_, _, plan) in enumerate(_PLANS)
            if plan is not None and plan.bounded == bounded and any(k in plan.words for k in prefixes)
        )
    return out


_ANYWHERE = _rules_needing(False)
_AFTER_BREAK = _rules_needing(True)


def _occurrences(low: str) -> dict[int, list[int]]:
    """For each windowed rule (by index), where in ``low`` one of its required words starts, in
    order (overlaps included; for a rule whose word always follows a break, only after one)."""
    hits: dict[int, list[int]] = {}
    is_word = _WORD_CHAR.match
    for m in _FIND_WORDS.finditer(low):
        p = m.start()
        w = m.group(1)
        rules = _AFTER_BREAK[w] if p == 0 or not is_word(low, p - 1) else ()
        for group in (_ANYWHERE[w], rules):
            for i in group:
                found = hits.get(i)
                if found is None:
                    hits[i] = [p]
                else:
                    found.append(p)
    return hits


def _matches(rule: Rule, plan: _Window, text: str, runs: dict, spans: list[int]) -> Iterator[re.Match[str]]:
    """The matches of ``rule`` in ``text``, its required words starting at ``spans`` (in order):
    exactly those of ``rule.pattern.finditer(text)``.

    A match holding the required word at ``p`` starts in ``[p - lead, p]``: those stretches are
    tried, in text order, each place once (the gate tries ``places + 1`` a call), and a
    match found is taken whole, the next tried from its end, as ``finditer`` does.
    """
    # the lead with the longest run in the text of each class; then, at each place, with the
    # longest run just before it, in the stretch the first lead gives: a long one elsewhere (a
    # "---" line between blank ones) lengthens no stretch
    lead = base = plan.lead
    classes = []
    for pat, times in plan.runs:
        starts, ends, longest = _runs(pat, text, runs)
        lead += longest * times
        base += times
        if longest > 1:
            classes.append((starts, ends, times))
    gate = plan.gate.match
    places = plan.places
    match = rule.scan.match
    pos = 0  # no match starts before: every place before was tried, or is inside a match taken
    for p in spans:
        if pos > p:
            continue
        near = base
        if classes:
            lo = p - lead
            for starts, ends, times in classes:
                longest = 1
                j = bisect_right(ends, lo)
                while j < len(starts) and starts[j] < p:
                    longest = max(longest, min(ends[j], p) - max(starts[j], lo))
                    j += 1
                near += (longest - 1) * times
        if pos < p - near:
            pos = p - near
        while pos <= p:
            g = gate(text, pos)
            if g is None:
                pos += places + 1
                continue
            s = g.end()
            if s > p:
                pos = s  # a match starts there: the next stretch that reaches it takes it
                break
            m = match(text, s)
            if m is None:  # pragma: no cover - the same pattern at the same place
                pos = s + 1
                continue
            yield m
            pos = m.end() if m.end() > s else s + 1


def _rule_matches(text: str, windowed: bool = True) -> Iterator[tuple[Rule, re.Match[str]]]:
    """Every rule's matches in ``text``, rule by rule: those of ``rule.pattern.finditer(text)``,
    found by scanning the windows around its required words (the whole text when not ``windowed``)."""
    if not windowed or any(c in text for c in _ODD_FOLDS):
        for r in _runnable(text):
            for m in (r.scan if windowed else r.pattern).finditer(text):
                yield r, m
        return
    low = text.lower()
    runs: dict[re.Pattern[str], int] = {}
    hits = _occurrences(low)
    for i, (r, req, plan) in enumerate(_PLANS):
        if plan is not None:
            spans = hits.get(i)
            if spans:
                for m in _matches(r, plan, text, runs, spans):
                    yield r, m
        elif req is None or any(k in low for k in req):
            for m in r.scan.finditer(text):
                yield r, m


def find_spans(doc: Doc | ParsedDoc) -> list[tuple[int, int, Parsed]]:
    """Longest non-overlapping rule matches, in text order."""
    doc = parsed(doc)
    ctx = Context(doc)
    text = doc.text
    found: list[tuple[int, int, int, Parsed]] = []
    for r, m in _rule_matches(text):
        try:
            s, e = m.span("x") if "x" in r.pattern.groupindex else m.span()
        except IndexError:
            s, e = m.span()
        ctx.cut = ctx.cut_end = None
        reading = r.handler(m, ctx)
        if reading is None:
            continue
        if ctx.cut is not None:
            s = max(s, ctx.cut)
        if ctx.cut_end is not None:
            e = min(e, ctx.cut_end)
        if text.endswith("m.", s, e) and _SENTENCE_END.match(text, e):
            e -= 1  # "10 p.m." closing a sentence: the period is the sentence's
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        approx = _APPROX_BEFORE.search(text, max(0, s - 16), s) if reading.type in _POINTS else None
        if approx and not reading.mod and not text.startswith(("'s", "’s"), e):  # not "get around Monday's vote"
            s = approx.start()  # "around 7:15 p.m.": TimeML keeps the word, as mod APPROX
            reading = dataclasses.replace(reading, mod="APPROX")
        if e > s and not ctx.in_title(s, e):
            found.append((s, e, r.priority, reading))
    found.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    starts: list[int] = []
    chosen: list[tuple[int, int, Parsed]] = []
    for s, e, _, p in found:
        i = bisect_left(starts, s)
        if i > 0 and chosen[i - 1][1] > s:
            continue
        if i < len(chosen) and chosen[i][0] < e:
            clock = _clock_before(text, s, chosen[i][0], p)
            if clock is None:
                continue
            e, p = clock  # "14:05 GMT, Thursday, 21 March 2013": the clock time, before the longer date
        starts.insert(i, s)
        chosen.insert(i, (s, e, p))
    return chosen


_CLOCK_PART = re.compile(r"\d{1,2}[:.]?\d\d\b.*?|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?.*?", re.IGNORECASE)


def _clock_before(text: str, s: int, other: int, p: Parsed) -> tuple[int, Parsed] | None:
    """A clock time read with the day after it ("14:05 GMT, Thursday"), when that day opens a longer date taken
    already ("Thursday, 21 March 2013"): the clock time alone, on the day of the date after it."""
    if p.kind != "wd" or p.tod[:1] != "T" or not p.tod[1:2].isdigit() or other <= s:
        return None
    part = text[s:other].rstrip(" ,")
    if not _CLOCK_PART.fullmatch(part):
        return None
    return s + len(part), Parsed(p.type, "day", ("0",), tod=p.tod, mod=p.mod, desc=part, ref="past")


def find_times(doc: Doc | ParsedDoc, anchor: dt.date | None) -> tuple[TimeExpression, ...]:
    """Every time expression of ``doc``, resolved against ``anchor`` (the publication date)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    out: list[TimeExpression] = []
    doc = parsed(doc)
    text = doc.text
    ref: tuple[dt.date, str, str] | None = None  # the story's time: the last calendar date the text gave
    reported: tuple[int, int, str] | None = None  # the last quarter the story named (year, number, text)
    # the last day the text gave, while only dates in passing (in clauses qualifying a noun) came after it
    day_ref: tuple[dt.date, str, str] | None = None
    ref_end = 0  # where the expression that gave the story's time ends
    past_day: tuple[dt.date, str, str] | None = None  # the last day the text gave up to publication
    for s, e, p in find_spans(doc):
        t = None
        unit = _rule_unit(p) if p.ref else ""
        at = ref
        if at is not None and at[1] not in _REF_NEEDS.get(unit, ()) and unit in ("D", "W"):
            # "The next day, ... calls he made in 2016. That night, ...": a year or month named in passing (in a
            # clause qualifying a noun) leaves the story on the day it was at, for what counts days from it
            at = day_ref
        if not p.ref and p.kind == "unit" and p.args == ("Q", "-1") and _PREVIOUS.match(text, s):
            # "the previous quarter" after "the third quarter of 2013": the one before that quarter
            p, unit = dataclasses.replace(p, ref="past"), "Q"
            at = ref
        if p.ref == "past" and at is not None and at[1] in _REF_NEEDS.get(unit, ()):
            at = _clock_day(clause_tense(doc, s, e), at, past_day, anchor, "\n" in text[ref_end:s])
        if p.ref and at is not None and at[1] in _REF_NEEDS.get(unit, ()):
            t = _from_reference(doc, text, s, e, p, at)
        if t is None and p.ref == "only":
            continue
        if t is None and p.kind == "ago" and p.args[:1] == ("Y",) and ref is not None and ref[1] == "week":
            t = _week_a_year_before(text, s, e, p, ref, ref_end)
        if t is None and p.kind == "ago" and p.args[:1] == ("YM",):
            p = dataclasses.replace(p, args=("Y", *p.args[1:]), ref="")  # no month named as the story's time
        if t is None and reported is not None:
            t = _from_reported_quarter(text, s, e, p, reported)
        if t is None and p.kind == "wd" and len(p.args) == 1 and ref is not None and ref[1] == "week":
            t = _day_of_named_week(doc, text, s, e, p, ref, ref_end, anchor)
        if t is None:
            t = _expression(doc, text, s, e, p, anchor)
            if t.direction == "future" and p.kind == "wd" and len(p.args) == 1 and anchor is not None:
                t = _from_saying_day(doc, text, s, e, p, t, out, anchor)
        out.append(t)
        if t.type in (TimexType.DATE, TimexType.TIME) and p.kind != "ago":  # "up from $3 a year ago": a comparison
            new_ref = _reference(t)
            # "following Tuesday's 3-0 defeat": a day naming an event in passing; the story stays on its day
            passing = ref is not None and ref[1] == "day" and text.startswith(("'s ", "’s "), e)
            # "the deadliest since Sept. 11, 2001", "rose 0.4% in February from January": a point of comparison
            same_sentence = ref is not None and not _SENTENCE_BREAK.search(text, ref_end, s)
            passing = passing or _compared_point(text, s, e, same_sentence)
            if new_ref is not None and not passing:
                ref, ref_end = new_ref, e
            if ref is not None and ref[1] == "day":
                day_ref = ref
                if anchor is None or ref[0] <= anchor:
                    past_day = ref
            elif day_ref is not None and not in_noun_clause(doc, s, e):
                day_ref = None  # "most recently last October when ...": the story moved to that month
            q = _QUARTER_VALUE.fullmatch(t.value) if p.kind in ("qtr", "abs") and t.direction != "future" else None
            if q:
                fiscal = (p.kind == "qtr" and p.args[2:] == ("fiscal",)) or (p.kind == "abs" and p.args == ("fiscal",))
                reported = _reported_quarter(reported, int(q.group(1)), int(q.group(2)), t.text, anchor, fiscal)
    _same_named_days(out)
    _span_in_order(text, out)
    _clock_before_date(text, out)
    _clock_after_day(text, out)
    if anchor is not None:
        _headline_days(text, out, anchor)
    return tuple(out)


_PREVIOUS = re.compile(r"(?:the\s+)?(?:previous|prior|preceding)\s", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
#: "from January", "than in 2019", "from 3.7% in August": the point a figure is compared with
_FROM_BEFORE = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:[$€£]?[\d.,]+\s*(?:%|percent|per\s+cent)?\s+)?"
    r"(?:in\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"\s*(?:to|through|till|until|[-–—])\s", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _compared_point(text: str, s: int, e: int, same_sentence: bool) -> bool:
    """An expression that only marks a point compared with, not where the story is: "the deadliest since Sept.
    11, 2001" (the story stays on its day), or "rose 0.4% in February from January", after the sentence named its
    own time. Not the start of a span ("since 2001" is one in "since 2001, prices have doubled"; "from January to
    March")."""
    before = text[max(0, s - 30) : s]
    if _SINCE_BEFORE.search(before):  # a span from then up to now: the story is not at its start
        return True
    return same_sentence and bool(_FROM_BEFORE.search(before)) and not _RANGE_AFTER.match(text, e)


#: a comparison's word a few words before the expression ("down from $3.27 a year earlier")
_COMPARED = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:[^\s,;]+\s+){0,3}$", re.IGNORECASE)


def _week_a_year_before(
    text: str, s: int, e: int, p: Parsed, ref: tuple[dt.date, str, str], ref_end: int
) -> TimeExpression | None:
    """ "fell to $2.61 this week, down from $3.27 a year earlier": weekly figures compared with the same week a year
    before, when the sentence named the week (TimeML values the comparison at the unit compared)."""
    between = text[ref_end:s]
    if ". " in between or "\n" in between or len(between) > 200 or not _COMPARED.search(between):
        return None
    n = int(p.args[1])
    y, w, _ = ref[0].isocalendar()
    if not 1 <= y - n <= 9999:
        return None
    value = f"{y - n:04d}-W{min(w, dt.date(y - n, 12, 28).isocalendar()[1]):02d}"
    date, precision = value_date(value)
    how = f"{p.desc}, beside a week's figures ({ref[2]!r}): that week {n} year(s) before → {value}"
    return _made(text, s, e, p, value=value, date=date, precision=precision, how=how)


def _from_saying_day(
    doc: ParsedDoc, text: str, s: int, e: int, p: Parsed, t: TimeExpression, out: list, anchor: dt.date
) -> TimeExpression:
    """A day ahead in reported speech, counted from the day the words were said when that is before publication
    ("He said on Monday that talks would resume on Tuesday", in Friday's paper: the Tuesday after that Monday)."""
    where = saying_day(doc, s, e)
    if where is None:
        return t
    said = next((u for u in reversed(out) if u.start <= where[0] < u.end), None)
    if said is None or not _DAY_VALUE.fullmatch(said.value[:10]) or said.direction != "past":
        return t
    day = dt.date.fromisoformat(said.value[:10])
    if day >= anchor:
        return t
    r = resolve(p, day, "future")
    how = r.how.replace(f"publication {day.isoformat()}", f"the day it was said {day.isoformat()} ({said.text!r})")
    return _made(
        text,
        s,
        e,
        p,
        value=r.value,
        date=r.date,
        precision=r.precision,
        anchor=day.isoformat(),
        how=how,
        direction="future",
    )


def _clock_day(
    tense: str,
    at: tuple[dt.date, str, str],
    past_day: tuple[dt.date, str, str] | None,
    anchor: dt.date | None,
    new_paragraph: bool,
) -> tuple[dt.date, str, str] | None:
    """The day a bare clock time is on, told by its clause's tense: in the past, the day the story is at ("was shot
    at 10 p.m."), the last one up to publication when the story last looked ahead ("results are expected early
    Monday. Turnout stood at 37 percent by 3 p.m."); in the future, a day ahead the paragraph just named ("The
    funeral will be held Saturday. Visitation will begin at 9 a.m."), or in the week ahead; else none (publication's:
    "polls close at 8 p.m.")."""
    if tense == "past":
        if anchor is not None and at[0] > anchor:
            # a new paragraph after the story looked ahead is back on the news of the day ("... had been
            # scheduled to meet on Wednesday.\n\nThe yield fell 22 basis points as of 4:02 p.m.")
            return None if new_paragraph else past_day
        return at
    if tense == "future" and at[1] == "day" and anchor is not None and at[0] > anchor:
        if new_paragraph and (at[0] - anchor).days > 7:
            return None  # "... meets on Dec. 14.\n\nThe candidate will speak at 1 a.m.": a day far off, named before
        return at
    return None


_BARE_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?|\d{1,2}:\d\d", re.IGNORECASE)
_SPAN_BETWEEN = re.compile(r"\s*(?:to|through|thru|till|until|[-–—])\s*|\s+and\s+")
_SPAN_OPENING = re.compile(r"\b(?:from|between)\s+(?:early\s+|late\s+|mid-?\s*)?$", re.IGNORECASE)
_MONTH_OR_DAY = re.compile(r"(\d{4})(-\d\d(?:-\d\d)?)")


def _revalued(t: TimeExpression, value: str, how: str, mod: str | None = None, **fields: object) -> TimeExpression:
    """``t`` with a new ``value``, read again into its date and precision (by ``mod``, ``t``'s own by default), a new
    account of how it was reached, and ``fields``."""
    date, precision = value_date(value, t.mod if mod is None else mod)
    return dataclasses.replace(t, value=value, date=date, precision=precision, how=how, **fields)


def _is_span(text: str, a: TimeExpression, b: TimeExpression) -> bool:
    """Are ``a`` and ``b`` the ends of one span: "from a to b", "from a-b", "between a and b"?"""
    opening = _SPAN_OPENING.search(text[max(0, a.start - 20) : a.start])
    between = text[a.end : b.start]
    return bool(opening and _SPAN_BETWEEN.fullmatch(between)) and (
        (" and" in between) == opening.group(0).lower().startswith("between")
    )


def _day_of_named_week(
    doc: ParsedDoc,
    text: str,
    s: int,
    e: int,
    p: Parsed,
    ref: tuple[dt.date, str, str],
    ref_end: int,
    anchor: dt.date | None,
) -> TimeExpression | None:
    """ "Last week, temperatures hit 85 on Monday", "Next week the council votes on Tuesday": a weekday in the
    sentence that named another week than publication's is that week's day."""
    monday = ref[0]
    if anchor is not None and monday == anchor - dt.timedelta(days=anchor.weekday()):
        return None  # "this week": the weekday's tense tells which
    if _SENTENCE_BREAK.search(text, ref_end, s) or s - ref_end > 160 or said_on(doc, s, e):
        return None
    if _FROM_BEFORE.search(text[max(0, ref_end - len(ref[2]) - 30) : ref_end - len(ref[2])]):
        return None  # "prices fell from last week, AAA said on Monday": a week compared with
    day = monday + dt.timedelta(days=int(p.args[0]) - 1)
    value = day.isoformat()
    date, precision = value_date(value)
    how = f"{p.desc}, in the week the sentence names ({ref[2]!r}, {monday.isoformat()}) → {value}"
    return _made(text, s, e, p, value=value, date=date, precision=precision, anchor=monday.isoformat(), how=how)


def _span_in_order(text: str, out: list[TimeExpression]) -> None:
    """ "from September to November", "between Dec. 20 and Jan. 5": a span's start is not after its end. When the
    two were given no year and their tenses put the start after the end ("The figures cover the period from
    September to November", in December: not next September), the start is the one of the year before."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if _CLOCK_RULE.match(a.rule) and (_CLOCK_RULE.match(b.rule) or _BARE_CLOCK.fullmatch(b.text)):
            _overnight(text, out, i)
            continue
        if not (a.relative and b.relative and a.type is b.type is TimexType.DATE):
            continue
        ma, mb = _MONTH_OR_DAY.fullmatch(a.value), _MONTH_OR_DAY.fullmatch(b.value)
        if ma is None or mb is None or len(ma.group(2)) != len(mb.group(2)) or a.value <= b.value:
            continue
        if not _is_span(text, a, b):
            continue
        year = int(ma.group(1)) - 1
        if year < 1 or f"{year:04d}{ma.group(2)}" > b.value or int(mb.group(1)) - year > 1:
            continue
        value = f"{year:04d}{ma.group(2)}"
        how = f"{a.how.rsplit(' → ', 1)[0]}; the start of a span to {b.text!r} ({b.value}) → {value}"
        moved = _revalued(a, value, how, mod="")
        if moved.date is not None:
            out[i] = moved


def _overnight(text: str, out: list[TimeExpression], i: int) -> None:
    """ "from 11pm to 5am", on one day by their tenses: the night between two days. Ahead ("the curfew will run
    from 11pm to 5am") it ends the next morning; else it began the night before."""
    a, b = out[i], out[i + 1]
    if a.date is None or b.date is None or a.value[:10] != b.value[:10] or a.value <= b.value:
        return
    if not _is_span(text, a, b):
        return
    k, n = (i + 1, 1) if a.direction == "future" else (i, -1)
    t = out[k]
    day = dt.date.fromisoformat(t.value[:10]) + dt.timedelta(days=n)
    value = day.isoformat() + t.value[10:]
    how = f"{t.how.rsplit(' → ', 1)[0]}; a span over the night → {value}"
    moved = _revalued(t, value, how, mod="")
    if moved.date is not None:
        out[k] = moved


_WEEKDAY_RULE = re.compile(r"wd:[1-7](?:@.*)?")


def _same_named_days(out: list[TimeExpression]) -> None:
    """A day named with no tense to tell which ("Sunday's game", "Wednesday's ruling") is the one the story names
    by the same name with a tense, before it or else after it (a story calls one day by one name)."""
    told = [t for t in out if t.rule and _WEEKDAY_RULE.fullmatch(t.rule) and t.direction and t.resolved]
    if not told:
        return
    for i, t in enumerate(out):
        if t.direction or not t.resolved or not (t.rule and _WEEKDAY_RULE.fullmatch(t.rule)):
            continue
        day = t.rule.partition("@")[0]
        same = [u for u in told if u.rule.partition("@")[0] == day]
        before = [u for u in same if u.start < t.start]
        u = before[-1] if before else (same[0] if same else None)
        if u is None or u.value[:10] == t.value[:10]:
            continue
        value = u.value[:10] + t.value[10:]
        how = f"{t.text}, no tense: the day the story names {u.text!r} ({u.direction} tense) → {value}"
        out[i] = _revalued(t, value, how, direction=u.direction)


_CLOCK_RULE = re.compile(r"day:0@T\d")  # a bare clock time ("7am"), not "tonight"
_ON_BETWEEN = re.compile(r"\s+on\s+|,\s+")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _clock_before_date(text: str, out: list[TimeExpression]) -> None:
    """A clock time just before the date it is on ("at about 7am on 15 June 2012") is on that date."""
    for i in range(len(out) - 1):
        t, u = out[i], out[i + 1]
        if not _CLOCK_RULE.match(t.rule) or not _DAY_VALUE.fullmatch(u.value[:10]):
            continue
        if not _ON_BETWEEN.fullmatch(text, t.end, u.start) or u.value[:10] == t.value[:10]:
            continue
        value = u.value[:10] + t.value[10:]
        how = f"{t.text}, on the date after it ({u.text!r}) → {value}"
        # counted from that date, not from publication: reanchoring leaves it (as the story's time's expressions)
        out[i] = _revalued(t, value, how, anchor=u.value[:10], relative=False, rule="")


def _clock_after_day(text: str, out: list[TimeExpression]) -> None:
    """A bare clock time just after a weekday and a comma ("Saturday, 3pm: Arsenal v Chelsea", a fixture list) is on
    that day."""
    for i in range(len(out) - 1):
        t, u = out[i], out[i + 1]
        if not _CLOCK_RULE.match(u.rule) or not _WEEKDAY_RULE.fullmatch(t.rule) or not _DAY_VALUE.fullmatch(t.value):
            continue
        if text[t.end : u.start] != ", " or u.value[:10] == t.value:
            continue
        value = t.value + u.value[10:]
        how = f"{u.text}, on the day before it ({t.text!r}) → {value}"
        out[i + 1] = _revalued(u, value, how, anchor=t.value)


_FRONT_MATTER = re.compile(r"(---|\+\+\+)[ \t]*\n(?:.*\n)*?\1[ \t]*\n")  # YAML or TOML, as the corpus reads them
_HEADLINE = re.compile(r"\s*([^\n]{8,160}?)[ \t]*\n")
_DATELINE = re.compile(r"\([A-Z][\w.]*\)\s*[-—–_]|\s[-—–]\s*$")


def _headline(text: str) -> tuple[int, int] | None:
    """Where the headline is: the article's first line (after any front matter), when it reads as one (no full stop
    or colon at its end, not a dateline), and a line break follows it."""
    m = _FRONT_MATTER.match(text)
    h = _HEADLINE.match(text, m.end() if m else 0)
    if h is None:
        return None
    line = h.group(1)
    if line.rstrip()[-1:] in ".:;,?!\"”'’" or _DATELINE.search(line) or line.lstrip().startswith(("---", "#")):
        return None
    return h.start(1), h.end(1)


def _headline_days(text: str, out: list[TimeExpression], anchor: dt.date) -> None:
    """A day a headline names: the one the story names by the same name with a tense ("Obama signs budget bill
    Friday" over "signed the bill on Friday" is that Friday); otherwise the nearest such day, behind or ahead (a
    headline's present tells of what happened as of what is to come: "Senate votes Tuesday on stopgap bill")."""
    where = _headline(text)
    if where is None:
        return
    lo, hi = where
    body = {}
    for t in out:
        if t.start >= hi and t.rule not in body and t.direction in ("past", "future", "present"):
            body[t.rule] = t
    for i, t in enumerate(out):
        if not (lo <= t.start and t.end <= hi and t.rule and t.rule.startswith("wd:")):
            continue
        kind, args, tod = parse_rule(t.rule)
        if len(args) != 1:
            continue  # "next Friday", "a week on Tuesday": said as in the story
        same = body.get(f"wd:{args[0]}") or body.get(t.rule)
        if same is not None and same.value[:10] != t.value[:10]:
            value = same.value[:10] + t.value[10:]
            how = f"{t.text}, in the headline: the day the story names ({same.text!r}) → {value}"
            out[i] = _revalued(t, value, how, direction=same.direction)
        elif same is None and t.direction in ("present", ""):  # "to vote Thursday" stays ahead
            rule = f"wd:{args[0]}:near" + (f"@{tod}" if tod else "")
            r = resolve((kind, (args[0], "near"), tod), anchor, "", t.mod, f"{t.text}, in the headline")
            out[i] = dataclasses.replace(
                t, value=r.value, date=r.date, precision=r.precision, how=r.how, rule=rule, direction=""
            )


_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")


def _reported_quarter(
    reported: tuple[int, int, str] | None, year: int, q: int, text: str, anchor: dt.date | None, fiscal: bool = False
) -> tuple[int, int, str] | None:
    """The quarter an earnings story reports, after it names ``year``-Q``q``: the first one it names that has
    begun by publication, within the year before it (not "the third quarter of 1984"); later, a later quarter
    already over ("Delta's fiscal first quarter ... America West's third quarter"), not one looked back on ("after a
    flat second quarter") nor the one running ("no estimate of the impact on fourth-quarter results")."""
    if anchor is None:
        return reported or (year, q, text)
    start = dt.date(year, 3 * q - 2, 1)
    fiscal = fiscal and start > anchor  # a fiscal quarter over, numbered ahead of the calendar's ("third" in March)
    if not (fiscal or anchor - dt.timedelta(days=456) <= start <= anchor):
        return reported
    if reported is None:
        return year, q, text
    ended = fiscal or dt.date(*((year + 1, 1) if q == 4 else (year, 3 * q + 1)), 1) <= anchor
    return (year, q, text) if ended and (year, q) > reported[:2] else reported


def _from_reported_quarter(
    text: str, s: int, e: int, p: Parsed, reported: tuple[int, int, str]
) -> TimeExpression | None:
    """An earnings report's comparison counted from the quarter it named ("fourth-quarter net fell ... from $84.9
    million a year earlier": the fourth quarter a year before, whatever the calendar quarter of publication:
    companies number the quarters of their fiscal years). None for any other expression."""
    year, q, named = reported
    if p.kind == "ago" and p.args[:1] == ("YQ",):
        n = int(p.args[1])
        value, what = f"{year - n:04d}-Q{q}", f"{n} year(s) before"
    elif p.kind == "qof":  # "the 1988 period"
        value, what = f"{p.args[0]}-Q{q}", f"in {p.args[0]},"
    elif p.kind == "unit" and p.args in (("QC", "-1"), ("Q", "0")):  # "the latest period", "the quarter"
        value, what = f"{year:04d}-Q{q}", "itself,"
    elif p.kind == "unit" and p.args == ("Q", "-1") and p.ref == "past":  # "the previous quarter"
        y, m = (year - 1, 4) if q == 1 else (year, q - 1)
        value, what = f"{y:04d}-Q{m}", "the one before"
    else:
        return None
    if not 1 <= int(value[:4]) <= 9999:
        return None
    date, precision = value_date(value)
    how = f"{p.desc}, the quarter the story reports ({named!r}) {what} → {value}"
    return _made(text, s, e, p, value=value, date=date, precision=precision, how=how)


#: which granularities of the reference time a narrative unit can count from
_REF_NEEDS = {
    "D": ("day",),
    "W": ("day", "week"),
    "WE": ("day", "week"),  # "that weekend": the one of the week the story is at
    "M": ("day", "week", "month"),
    "Q": ("quarter",),  # "the quarter" is the last quarter named, not the one a date falls in
    "Y": ("day", "week", "month", "quarter", "year"),
    "YM": ("month",),
    "S": ("day", "week", "month", "year"),  # "that summer", "the following spring"
    "DE": ("day", "week", "month", "quarter", "year"),
    "DM": ("day",),  # "on the 5th": the month of the day the story is at
}
_REF_VALUE = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])))?(?=$|T|-(?:SP|SU|FA|WI)$|-H[12]$)")


def _rule_unit(p: Parsed) -> str:
    if p.kind == "season":
        return "S"
    if p.kind == "dom":
        return "DM"
    return "D" if p.kind in ("day", "wd") else (p.args[0] if p.kind in ("unit", "ago") and p.args else "")


def _reference(t: TimeExpression) -> tuple[dt.date, str, str] | None:
    """(first day, granularity, text) of a calendar value that can serve as the story's time."""
    m = _REF_VALUE.match(t.value)
    if m is None:
        return None
    y, mo, d, w, q = m.groups()
    try:
        if d:
            return dt.date(int(y), int(mo), int(d)), "day", t.text
        if mo:
            return dt.date(int(y), int(mo), 1), "month", t.text
        if w:
            return dt.date.fromisocalendar(int(y), int(w), 1), "week", t.text
        if q:
            return dt.date(int(y), 3 * int(q) - 2, 1), "quarter", t.text
        return dt.date(int(y), 1, 1), "year", t.text
    except ValueError:
        return None


def _from_reference(
    doc: ParsedDoc, text: str, s: int, e: int, p: Parsed, ref: tuple[dt.date, str, str]
) -> TimeExpression | None:
    """A narrative expression ("the following year", "that day") counted from the story's time."""
    day, grain, ref_text = ref
    if p.kind == "season" and grain == "year" and int(p.args[1]) > 0:
        day = day.replace(month=12, day=31)  # "in 2010 ... the following spring": after that year, 2011's
    r = resolve(p, day, "present")  # the unit the story is in: "the quarter" is the one named, not the one before
    if not re.match(r"\d\d", r.value):  # a decade ("200") or century ("20") is resolved too; "XXXX" is not
        return None
    how = r.how.replace(f"publication {day.isoformat()}", f"the story's time {day.isoformat()} ({ref_text!r})")
    return _made(text, s, e, p, value=r.value, date=r.date, precision=r.precision, anchor=day.isoformat(), how=how)


#: how far ahead a holiday is awaited: a past clause about it ("Black Friday orders were up") may be about the next
_HOLIDAY_LEAD = 61


def _made(text: str, s: int, e: int, p: Parsed, **fields: object) -> TimeExpression:
    """The expression at ``text[s:e]`` with its parse's type and modifier, and ``fields``."""
    return TimeExpression(start=s, end=e, text=text[s:e], type=p.type, mod=p.mod, **fields)


def _expression(doc: ParsedDoc, text: str, s: int, e: int, p: Parsed, anchor: dt.date | None) -> TimeExpression:
    if p.kind == "abs":
        date, precision = value_date(p.value, p.mod) if p.type in (TimexType.DATE, TimexType.TIME) else (None, None)
        return _made(text, s, e, p, value=p.value, date=date, precision=precision, how=f"{p.desc} → {p.value}")
    direction = clause_tense(doc, s, e)
    if direction == NEAR:  # the day of a plan called off: the nearest such day
        if p.kind == "wd" and len(p.args) == 1:
            p = dataclasses.replace(p, args=(p.args[0], "near"))
        direction = ""
    bare_date = (p.kind == "md" and len(p.args) == 2) or (p.kind == "mon" and p.args[1:] in ((), ("",)))
    if not direction and bare_date and scheduled_subject(doc, s, e):
        direction = "present"  # "The Nov. 3 election is the most important in decades": to come
    if not direction and p.kind == "wd" and forecast_entry(doc, s, e):
        direction = "present"  # "Forecast: Tuesday, sunny, high 68.": a verbless weather entry, today or ahead
    if not direction and p.kind in ("wd", "md", "feast", "thx") and on_present_be(doc, s, e):
        # "the vote is on Sunday", "Election Day is Nov. 8": a day a schedule names, ahead or today
        direction = "present"
    if direction in ("past", "") and p.kind in ("md", "feast") and anchor is not None and happened_on(doc, s, e):
        # "The July 4 parade drew crowds", in June: last year's (a past verb may set a day ahead, not live it);
        # "Memorial Day sales were strong": the clause's past, though the day only qualifies its subject, unless
        # the next one is near ("Black Friday orders were ahead of last year's", in October: made for it)
        ahead = resolve(p, anchor, "future").date if p.kind == "feast" and not direction else None
        if ahead is None or dt.date.fromisoformat(ahead[:10]) > anchor + dt.timedelta(days=_HOLIDAY_LEAD):
            direction = "past"
        if p.kind == "md" and len(p.args) == 2 and (int(p.args[0]), int(p.args[1])) > (anchor.month, anchor.day):
            p = dataclasses.replace(p, args=(*p.args, "done"), desc=f"{p.desc}, a past event")
    r = resolve(p, anchor, direction)
    return _made(
        text,
        s,
        e,
        p,
        value=r.value,
        date=r.date,
        precision=r.precision,
        anchor=anchor.isoformat() if anchor else None,
        relative=True,
        resolved=anchor is not None,
        how=r.how,
        rule=p.rule,
        direction=direction,
    )


def reanchor(expr: TimeExpression, anchor: dt.date) -> TimeExpression:
    """The same relative expression resolved against ``anchor``; others come back unchanged."""
    if not expr.relative or not expr.rule:
        return expr
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    kind, args, tod = parse_rule(expr.rule)
    r = resolve((kind, args, tod), anchor, expr.direction, expr.mod, expr.text)
    return dataclasses.replace(
        expr, value=r.value, date=r.date, precision=r.precision, anchor=anchor.isoformat(), resolved=True, how=r.how
    )
