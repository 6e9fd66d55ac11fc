"""What the grammar's handlers may ask about the text around a match.

Built once per document from its parse read into plain values (:class:`timeline.doctext.ParsedDoc`):
token start offsets for a bisect lookup, so that a handler can ask for a token's tag or entity
type without any re-parse, and without spaCy building a ``Token`` for each question.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from timeline.doctext import doc_text

if TYPE_CHECKING:
    from timeline.doctext import ParsedDoc, ParsedToken

_WORD_BEFORE = re.compile(r"([\w']+)\W*$")
_WORD_AFTER = re.compile(r"^[\s\-\"'“”‘’]*([\w']+)")  # the next word of the same phrase: never past , . ; :
# plural nouns a year classifies rather than counts
_YEAR_NOUNS = frozenset(
    {"data", "figures", "statistics", "numbers", "results", "estimates", "earnings", "accounts"}
    | {"elections", "olympics", "games", "midterms", "polls", "primaries", "caucuses", "championships"}
)
_YEAR_PREPS = frozenset(
    {
        "in",
        "since",
        "by",
        "of",
        "until",
        "till",
        "from",
        "to",
        "through",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid",
        "around",
        "and",
        "or",
        "between",
        "circa",
        "for",
        "summer",
        "spring",
        "winter",
        "autumn",
        "fall",
        "as",
        "on",
        "the",
        "than",
        "throughout",
        "year",
        "season",
        "election",
        "end",
        "beginning",
        "start",
    }
)
#: "since" just before an expression ("since the March 3 shooting", "since shortly after the Oct. 23 slaying")
SINCE = re.compile(
    r"\bsince\s+(?:(?:shortly|just|soon|right|immediately)\s+(?:after|before)\s+)?(?:the\s+|(?:early|late|mid)[\s-]+)?$"
)
AS_OF = re.compile(r"\bas\s+of\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?$")
_CREDIT = re.compile(
    r"(?:copyright|©|\(c\)|all rights reserved|photo|getty|reuters|ap photo)\W*(?:\w+\W+){0,3}$", re.IGNORECASE
)


# words a time expression writes in lower case: capitalised inside a sentence, they name something
_COMMON_TIME_WORDS = frozenset(
    {"this", "next", "last", "week", "weekend", "minutes", "minute", "hours", "hour", "noon", "midnight", "tonight"}
    | {"now", "morning", "evening", "afternoon", "night", "nights", "today", "tomorrow", "years", "months", "weeks"}
)
_WORD = re.compile(r"[A-Za-z][\w'’]*")
_OPENING = frozenset(".!?:;\n\"'`“‘(—-")


class Context:
    """Lookups on one parsed document for the grammar's handlers."""

    __slots__ = ("_starts", "_tokens", "cut", "cut_end", "doc", "quarterly", "text")

    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self._starts = doc.starts
        self._tokens = doc.tokens
        #: set by a handler to start the extent later than its match (words TimeML leaves out)
        self.cut: int | None = None
        self.cut_end: int | None = None
        #: a report on a quarter's results: "a year ago" there means that quarter a year before
        low = self.text.lower()
        quarters = low.count("quarter")
        # a quarter named twice, or once beside a per-share figure: an earnings report ("third-quarter net ...
        # 22 cents a share, down from 86 cents a share a year ago")
        self.quarterly = quarters >= 2 or (quarters == 1 and " a share" in low)

    def token_at(self, char: int) -> ParsedToken | None:
        """The token starting at or last before ``char`` (the first one before any)."""
        if not self._starts:
            return None
        i = bisect_right(self._starts, char) - 1
        return self._tokens[max(i, 0)]

    def word_before(self, char: int) -> str:
        m = _WORD_BEFORE.search(self.text, max(0, char - 40), char)
        return m.group(1).lower() if m else ""

    def word_after(self, char: int) -> str:
        m = _WORD_AFTER.match(self.text[char : char + 40])
        return m.group(1).lower() if m else ""

    def is_adjective(self, char: int) -> bool:
        tok = self.token_at(char)
        return tok is not None and tok.pos_ in ("ADJ",) and tok.dep_ in ("amod", "compound", "nmod", "acomp")

    def is_noun(self, char: int) -> bool:
        tok = self.token_at(char)
        return tok is not None and tok.pos_ in ("NOUN", "PROPN")

    def sentence_mentions(self, char: int, words: tuple[str, ...]) -> bool:
        """Does the sentence around ``char`` use one of ``words``? (A text window: no sentence iteration.)"""
        text = self.text
        lo = max(text.rfind(". ", max(0, char - 400), char), text.rfind("\n", max(0, char - 400), char), char - 400, 0)
        ends = [k for k in (text.find(". ", char, char + 400), text.find("\n", char, char + 400)) if k >= 0]
        hi = min(ends, default=min(char + 400, len(text)))
        window = text[lo:hi].lower()
        return any(w in window for w in words)

    def after_since(self, char: int) -> bool:
        """Does "since" lead to ``char``? What a span runs from is behind publication, however near."""
        return bool(SINCE.search(self.text[max(0, char - 40) : char].lower()))

    def after_as_of(self, char: int) -> bool:
        """Does "as of" lead to ``char``? The date from which a state holds: behind publication unless
        the clause is in the future tense ("as of February, the store accounts for 70%")."""
        return bool(AS_OF.search(self.text[max(0, char - 20) : char].lower()))

    def is_credit(self, char: int) -> bool:
        """Inside a copyright or photo credit line ("Copyright 2024 The AP")."""
        return bool(_CREDIT.search(self.text, max(0, char - 60), char))

    def after_quantity(self, char: int) -> bool:
        """Does a quantity end right before ``char`` ("$2 million", "seven flights", "24 hours")?"""
        tok = self.token_at(char)
        if tok is None or tok.i == 0 or tok.idx != char:
            return False
        prev = self._tokens[tok.i - 1]
        if prev.like_num or prev.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or prev.text in ("%", "$"):
            return True
        if prev.tag_ == "NNS":
            return any(t.like_num for t in self._tokens[max(0, prev.i - 3) : prev.i])
        return False

    def in_title(self, start: int, end: int) -> bool:
        """Is ``start:end`` part of a title or name ("ABC's 'This Week'", "'60 Minutes'", "High Noon")?

        A word a time expression writes in lower case, capitalised where no sentence starts,
        names a programme or a film; a headline (a line of capitalised words) is not a name.
        """
        text = self.text
        span = text[start:end]
        if span == span.lower():
            return False  # no capital letter ("three days", "2024"): the usual case, seen at once
        words = list(_WORD.finditer(text, start, end))
        caps = [w for w in words if w.group().lower() in _COMMON_TIME_WORDS and w.group()[0].isupper()]
        if not caps:
            return False
        i = start - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        opens = i < 0 or text[i] in _OPENING
        if all(w.start() == start for w in caps) and opens:
            return False  # "Now, he says ...", "This week ..." opening a sentence
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        line = _WORD.findall(text, lo, hi if hi >= 0 else len(text))
        return sum(w[0].isupper() for w in line) * 2 < len(line)  # not a headline

    def plausible_year(self, start: int, end: int, year: int) -> bool:
        """Is a bare four-digit number a year here, not a count or an amount?

        A number before a plural noun counts things ("2000 troops") unless the noun is
        one a year classifies ("2023 data", "the 2000 elections"); a year-like number
        between a determiner or possessive and its noun modifies it ("Russia's 2022
        invasion", "its 2024 budget").
        """
        tok = self.token_at(start)
        if tok is None:
            return False
        if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            return False
        nxt = tok.nbor(1) if tok.i + 1 < len(self._tokens) else None
        if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in _YEAR_NOUNS:
            prev = tok.nbor(-1) if tok.i > 0 else None
            # "the 1992 protests", "Russia's 2022 strikes": between a determiner and its noun, a year (news writes
            # a count of thousands with a comma, "the 2,000 troops"; a round hundred is still read as a count)
            if not (prev is not None and prev.tag_ in ("DT", "PRP$", "POS") and 1900 < year < 2100 and year % 100):
                return False
        if tok.ent_type_ in ("DATE", "TIME", "EVENT"):
            return year >= 1000
        before = self.word_before(start)
        if before in _YEAR_PREPS:
            return year >= 1000
        if year < 1900 or year > 2100:
            return False
        if tok.ent_type_ == "CARDINAL":
            if nxt is None:
                return False
            if nxt.is_punct:
                return nxt.text in (",", ".", ";", ")")
            prev = tok.nbor(-1) if tok.i > 0 else None
            return prev is not None and prev.tag_ in ("POS", "PRP$", "DT") and nxt.tag_ in ("JJ", "NN", "NNP", "NNS")
        return True
