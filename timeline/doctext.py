"""A spaCy ``Doc`` read once into plain Python values, and its text kept once per ``Doc``.

``Doc.text`` rebuilds the string from every token on each access, so per-token lookups
of it (the line a verb is on, the words before a clause) were quadratic in the length
of the document and cost more than the parse itself.

Indexing a ``Doc`` (``doc[i]``, ``token.head``, ``token.children``) builds a new ``Token``
each time, and the event and actor stages walk the parse tens of thousands of times per
document. :func:`parsed` reads every token's attributes once, with ``Doc.to_array``, into
:class:`ParsedToken` objects that answer the same questions the same way (``head``,
``children``, ``subtree``, ``sent``, ``Span.root``, ``Doc.char_span`` work as spaCy's do) at
the cost of an attribute lookup. Nothing but the per-document stage holds one, and
:meth:`ParsedDoc.close` breaks its reference cycles when the stage is done.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Container, Iterator
from itertools import accumulate, compress, count
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_KEY = "timeline.text"


def doc_text(doc: Doc | ParsedDoc) -> str:
    if isinstance(doc, ParsedDoc):
        return doc.text
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


class ParsedToken:
    """One token's attributes as spaCy's ``Token`` names them, read once."""

    __slots__ = (
        "dep_",
        "doc",
        "ent_type_",
        "head_i",
        "i",
        "idx",
        "kids",
        "lemma_",
        "lower_",
        "pos_",
        "tag_",
        "text",
    )

    doc: ParsedDoc
    i: int
    idx: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str
    head_i: int
    kids: list[ParsedToken] | tuple[()]  # the children, in document order (a leaf shares one empty tuple)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def head(self) -> ParsedToken:
        return self.doc.tokens[self.head_i]

    @property
    def children(self) -> list[ParsedToken] | tuple[()]:
        # as spaCy's: the left children then the right ones, each in document order
        return self.kids

    @property
    def lefts(self) -> list[ParsedToken]:
        return [c for c in self.kids if c.i < self.i]

    @property
    def rights(self) -> list[ParsedToken]:
        return [c for c in self.kids if c.i > self.i]

    @property
    def subtree(self) -> list[ParsedToken]:
        """As spaCy walks it: each left child's subtree, the token, each right child's subtree.
        Not to be changed."""
        return self.doc.subtree(self.i)

    # flags asked for now and then: read from the document's columns rather than kept on every token
    @property
    def is_punct(self) -> bool:
        return self.doc.lexemes[self.i][2]

    @property
    def is_space(self) -> bool:
        return self.doc.lexemes[self.i][3]

    @property
    def is_alpha(self) -> bool:
        return self.doc.lexemes[self.i][4]

    @property
    def is_stop(self) -> bool:
        return self.doc.lexemes[self.i][5]

    @property
    def like_num(self) -> bool:
        return self.doc.lexemes[self.i][6]

    @property
    def whitespace_(self) -> str:
        return " " if self.doc.spaced[self.i] else ""

    @property
    def left_edge(self) -> ParsedToken:
        # the parser's own left edge (asked for rarely; not always the subtree's first token)
        return self.doc.tokens[self.doc.spacy_doc[self.i].left_edge.i]

    @property
    def sent(self) -> ParsedSpan:
        return self.doc.sents[self.doc.sent_of[self.i]]

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    def nbor(self, i: int = 1) -> ParsedToken:
        j = self.i + i
        if j < 0 or j >= len(self.doc.tokens):
            raise IndexError(f"token {self.i} has no neighbour at {i}")
        return self.doc.tokens[j]


class ParsedSpan:
    """A slice of a :class:`ParsedDoc`, as spaCy's ``Span``."""

    __slots__ = ("doc", "end", "end_char", "label_", "start", "start_char")

    def __init__(self, doc: ParsedDoc, start: int, end: int, label: str = "") -> None:
        tokens = doc.tokens
        if not (0 <= start <= end <= len(tokens)):
            raise IndexError(f"span [{start}:{end}] out of bounds of a document of {len(tokens)} tokens")
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label
        self.start_char = tokens[start].idx if start < len(tokens) else len(doc.text)
        if start == end:
            self.end_char = self.start_char
        else:
            last = tokens[end - 1]
            self.end_char = last.idx + len(last.text)

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.doc.tokens[self.start : self.end])

    def __getitem__(self, i: int) -> ParsedToken:
        n = self.end - self.start
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self.doc.tokens[self.start + i]

    def __repr__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    @property
    def root(self) -> ParsedToken:
        """spaCy's choice: a sentence root inside the span, else the token with the fewest steps
        to the root among those whose head is outside (a childless space or punctuation mark
        last), the first on a tie."""
        doc, start, end = self.doc, self.start, self.end
        known = doc.roots
        found = known.get((start, end))
        if found is None:
            found = known[start, end] = doc.tokens[_root_of(doc, start, end)]
        return found


def _root_of(doc: ParsedDoc, start: int, end: int) -> int:
    heads = doc.heads
    if end - start == 1:
        return start  # a one-word span is its own root
    for i in range(start, end):
        if heads[i] == i:
            return i
    outside = [i for i in range(start, end) if not start <= heads[i] < end]
    if len(outside) == 1:
        return outside[0]  # the one token whose head is outside: no steps to count
    best, root = len(heads), -1
    for i in outside:
        steps = doc.steps_to_root(i)
        if steps < best:
            best, root = steps, i
    return start if root == -1 else root


class ParsedDoc:
    """A parsed document's tokens, sentences and entities as plain values (see the module docstring).

    ``pos``, ``lemmas`` (lowercased), ``words``, ``ents`` (entity type per token), ``spaced``
    and ``heads`` are per-token columns for scans that need no token object.
    """

    __slots__ = (
        "bounds",
        "cache",
        "entities",
        "ents",
        "heads",
        "lemmas",
        "lexemes",
        "lowers",
        "pos",
        "roots",
        "sent_of",
        "sents",
        "spaced",
        "spacy_doc",
        "starts",
        "subtrees",
        "text",
        "tokens",
        "words",
    )

    def __init__(self, doc: Doc) -> None:
        from spacy import attrs

        n = len(doc)
        array = doc.to_array([getattr(attrs, name) for name in _HASHED + _NUMERIC])
        hashed = array[:, : len(_HASHED)].T.tolist() if n else [[] for _ in _HASHED]
        numeric = array[:, len(_HASHED) :].astype("int64") if n else None
        _STRINGS.store = doc.vocab.strings
        lookup = _STRINGS.__getitem__
        lemmas, pos, tags, deps, ents = (list(map(lookup, ids)) for ids in hashed[1:])
        lexemes = _lexemes(doc.vocab, hashed[0])
        words = list(map(_TEXT, lexemes))
        lowers = list(map(_LOWER, lexemes))
        if numeric is not None:
            import numpy

            heads = (numeric[:, 0] + numpy.arange(n)).tolist()
            sent_starts = (numeric[:, 1] == 1).tolist()
            spaces = (numeric[:, 2] != 0).tolist()
            iob = numeric[:, 3].tolist()
        else:
            heads, sent_starts, spaces, iob = [], [], [], []
        self.spacy_doc = doc
        self.text = "".join(map(operator.add, words, map(_SPACE.__getitem__, spaces)))
        self.heads = heads
        self.pos = pos
        self.lemmas = list(map(_LOWERED.__getitem__, lemmas))
        self.words = words
        self.lowers = lowers
        self.ents = ents
        self.spaced = spaces
        self.lexemes = lexemes
        self.cache: dict = {}
        self.roots: dict[tuple[int, int], ParsedToken] = {}  # Span.root of each span asked about
        self.subtrees: dict[int, list[ParsedToken]] = {}  # each token's subtree asked about
        self.bounds: dict[int, tuple[int, int]] = {}  # and its first and last token
        # each token's first character: the lengths of the tokens before it and their spaces
        self.starts = starts = list(accumulate(map(operator.add, map(len, words), spaces), initial=0))[:n]
        tokens: list[ParsedToken] = []
        append = tokens.append
        new = ParsedToken.__new__
        for i, idx, w, low, lemma, p, tag, dep, ent, head in zip(
            range(n), starts, words, lowers, lemmas, pos, tags, deps, ents, heads, strict=True
        ):
            t = new(ParsedToken)
            t.doc = self
            t.i = i
            t.idx = idx
            t.text = w
            t.lower_ = low
            t.lemma_ = lemma
            t.pos_ = p
            t.tag_ = tag
            t.dep_ = dep
            t.ent_type_ = ent
            t.head_i = head
            t.kids = ()
            append(t)
        for t, head in zip(tokens, heads, strict=True):
            if head != t.i:
                above = tokens[head]
                if above.kids:
                    above.kids.append(t)
                else:
                    above.kids = [t]
        self.tokens = tokens
        # Doc.sents: a sentence starts at every token after the first marked as starting one
        bounds = [0, *compress(range(1, n), sent_starts[1:])]
        if n and not doc.has_annotation("SENT_START"):
            list(doc.sents)  # spaCy's own error: sentences unknown
        self.sents = [ParsedSpan(self, lo, hi) for lo, hi in zip(bounds, [*bounds[1:], n], strict=True) if lo < n]
        sent_of: list[int] = []
        for si, s in enumerate(self.sents):
            sent_of += [si] * (s.end - s.start)
        self.sent_of = sent_of
        self.entities = self._entities(doc, iob, ents)

    def _entities(self, doc: Doc, iob: list[int], types: list[str]) -> list[ParsedSpan]:
        """``Doc.ents`` read from the tokens' entity tags: an entity opens at a "B" token with a
        type and runs over the "I" tokens after it (spaCy's own reading when a tag is out of place)."""
        n = len(iob)
        out = []
        inside = 0
        for i in indexes(iob, _B):
            if not types[i]:
                continue
            end = i + 1
            while end < n and iob[end] == 1:  # I
                end += 1
            inside += end - i - 1
            out.append(ParsedSpan(self, i, end, types[i]))
        if inside != iob.count(1):  # an "I" no entity opened: spaCy raises
            return [ParsedSpan(self, e.start, e.end, e.label_) for e in doc.ents]
        return out

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.tokens)

    def __getitem__(self, i):  # int -> ParsedToken, slice -> ParsedSpan (as Doc.__getitem__)
        if isinstance(i, slice):
            n = len(self.tokens)
            if i.step not in (None, 1):
                raise ValueError("slices of a document take no step")
            start = 0 if i.start is None else i.start + n if i.start < 0 else i.start
            start = min(n, max(0, start))
            stop = n if i.stop is None else i.stop + n if i.stop < 0 else i.stop
            stop = min(n, max(start, stop))
            return ParsedSpan(self, start, stop)
        return self.tokens[i]

    def subtree(self, i: int) -> list[ParsedToken]:
        """Token ``i``'s subtree in spaCy's order: each left child's subtree, the token, each
        right child's subtree. Walked once per token (the stages ask for the same verbs' and
        subjects' subtrees again and again); the list is shared, so never changed by a caller."""
        found = self.subtrees.get(i)
        if found is not None:
            return found
        tok = self.tokens[i]
        if not tok.kids:
            found = [tok]
        else:
            try:
                found = _subtree(tok)
            except RecursionError:  # a parse deeper than the interpreter's stack: walked without recursing
                found = _subtree_walked(tok)
        self.subtrees[i] = found
        return found

    def subtree_bounds(self, i: int) -> tuple[int, int]:
        """The first and last token of token ``i``'s subtree (a parse need not be projective:
        the subtree may skip tokens between them)."""
        found = self.bounds.get(i)
        if found is None:
            at = [t.i for t in self.subtree(i)]
            found = self.bounds[i] = (min(at), max(at))
        return found

    def steps_to_root(self, i: int) -> int:
        """spaCy's count of heads between a token and its sentence root (a childless space or
        punctuation mark counts as far away as the document is long, less one)."""
        tok = self.tokens[i]
        n = len(self.tokens)
        if (tok.is_space or tok.is_punct) and not tok.kids:
            return n - 1
        heads = self.heads
        steps = 0
        while heads[i] != i:
            i = heads[i]
            steps += 1
            if steps >= n:
                raise RuntimeError("the parse has a cycle")
        return steps

    def token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char`` (-1 if none)."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return -1
        t = self.tokens[i]
        return i if char < t.idx + len(t.text) + self.spaced[i] else -1

    def char_span(self, start_idx: int, end_idx: int, alignment_mode: str = "expand") -> ParsedSpan | None:
        """``Doc.char_span`` in its "expand" mode: every token the characters touch."""
        if alignment_mode != "expand":
            raise ValueError("only the 'expand' alignment is read from a parsed document")
        start = self.token_at(start_idx)
        if start < 0:
            return None
        end = self.token_at(end_idx - 1)
        if end < 0:
            return None
        first = self.tokens[start]
        if start_idx == first.idx + len(first.text):
            start += 1  # its trailing space is not part of the token before
        return ParsedSpan(self, start, end + 1)

    def close(self) -> None:
        """Break the tokens' references to the document, so reference counting frees them."""
        self.tokens = []
        self.sents = []
        self.entities = []
        self.cache = {}
        self.roots = {}
        self.subtrees = {}
        self.bounds = {}
        self.spacy_doc = None


#: The token attributes read: strings (as hashes), then numbers and flags.
_HASHED = ("ORTH", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
_NUMERIC = ("HEAD", "SENT_START", "SPACY", "ENT_IOB")


def _lexemes(vocab: Vocab, orths: list[int]) -> list[tuple[str, str, bool, bool, bool, bool, bool]]:
    """Each token's word as the vocabulary knows it (what a ``Token`` reads from its lexeme):
    text, lowercase form, and whether it is punctuation, space, alphabetic, a stop word, like a
    number; read once per word for the process (the lexemes of one vocabulary)."""
    global _lexeme_rows
    if _lexeme_rows[0] is not vocab:
        _lexeme_rows = (vocab, {})
    rows = _lexeme_rows[1]
    try:
        return list(map(rows.__getitem__, orths))
    except KeyError:
        for orth in set(orths) - rows.keys():
            lex = vocab[orth]
            rows[orth] = (lex.orth_, lex.lower_, lex.is_punct, lex.is_space, lex.is_alpha, lex.is_stop, lex.like_num)
        return list(map(rows.__getitem__, orths))


_SPACE = ("", " ")  # the space after a token, by whether it has one
_B = frozenset({3})  # the entity tag opening an entity


def indexes(column: list, wanted: Container) -> list[int]:
    """The positions in a per-token column (``ParsedDoc.pos``, ``lemmas``...) of the values in
    ``wanted``, in order. The scan runs in C (``compress`` over ``map``), not one Python step
    per token: the stages look for their few words this way in every document."""
    return list(compress(count(), map(wanted.__contains__, column)))


_lexeme_rows: tuple[Vocab | None, dict[int, tuple[str, str, bool, bool, bool, bool, bool]]] = (None, {})
_TEXT = operator.itemgetter(0)
_LOWER = operator.itemgetter(1)


def _subtree(tok: ParsedToken) -> list[ParsedToken]:
    out: list[ParsedToken] = []
    i = tok.i
    done = False
    for c in tok.kids:
        if not done and c.i > i:
            out.append(tok)
            done = True
        if c.kids:
            out += _subtree(c)
        else:
            out.append(c)
    if not done:
        out.append(tok)
    return out


def _subtree_walked(tok: ParsedToken) -> list[ParsedToken]:
    out: list[ParsedToken] = []
    stack: list[tuple[ParsedToken, bool]] = [(tok, True)]
    while stack:
        t, expand = stack.pop()
        if not expand or not t.kids:
            out.append(t)
            continue
        j = t.i
        stack.extend((c, True) for c in reversed(t.kids) if c.i > j)
        stack.append((t, False))
        stack.extend((c, True) for c in reversed(t.kids) if c.i < j)
    return out


class _Strings(dict):
    """Strings by their hash, read from ``store`` (the vocabulary's) once each: a hash names one string."""

    store: StringStore | None = None

    def __missing__(self, key: int) -> str:
        value = self[key] = self.store[key]
        return value


class _Lowered(dict):
    def __missing__(self, key: str) -> str:
        value = self[key] = key.lower()
        return value


_STRINGS = _Strings()
_LOWERED = _Lowered()  # lemmas lowercased

_last: tuple[Doc, ParsedDoc] | None = None


def parsed(doc: Doc | ParsedDoc) -> ParsedDoc:
    """``doc`` read once (the last document asked for is kept; a new one closes it)."""
    global _last
    if isinstance(doc, ParsedDoc):
        return doc
    if _last is not None and _last[0] is doc:
        return _last[1]
    if _last is not None:
        _last[1].close()
    found = ParsedDoc(doc)
    doc.user_data.setdefault(_KEY, found.text)  # Doc.text, read from the same tokens
    _last = (doc, found)
    return found


def release(doc: Doc) -> None:
    """Done with ``doc``: close what :func:`parsed` kept of it."""
    global _last
    if _last is not None and _last[0] is doc:
        _last[1].close()
        _last = None
