"""Short readable event titles from the parse: "Finland joins NATO", "Stoltenberg: any attack…".

A title is the clause's subject, its verb in the present tense and the object or
complement, trimmed; a statement is "Speaker: gist". Titles are built from the
tokens of the sentence itself, never rewritten freely, so a reader recognises them.
"""

from __future__ import annotations

import bisect
import operator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.doctext import ParsedSpan, ParsedToken

MAX_TITLE = 80
_IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}
_OBJECT_DEPS = {"dobj", "attr", "oprd", "acomp", "xcomp", "dative"}
_DROP_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"}


def present(lemma: str, plural: bool = False) -> str:
    """The verb in the present tense, third person ("join" → "joins")."""
    lemma = lemma.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][plural]
    if plural:
        return lemma
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def phrase(token: ParsedToken, limit: int = 6) -> str:
    """A compact noun phrase for ``token``: its modifiers without relative clauses or lists."""
    keep = [token]

    def wanted(c: ParsedToken) -> bool:
        return c.dep_ not in _DROP_DEPS or (c.text == "-" and c.whitespace_ == "")  # "Pre-orders"

    stack = [c for c in token.children if wanted(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if wanted(c))
    lo_char, hi_char = _line(token)
    keep = [t for t in keep if lo_char <= t.idx < hi_char]  # never reach into a neighbouring line
    keep.sort(key=_POSITION)
    # keep a contiguous run around the head so the phrase reads as written
    idx = [t.i for t in keep]
    lo, hi = min(idx), max(idx)
    kept = set(idx)
    run = token.doc.tokens[lo : hi + 1]
    words = run if len(kept) == len(run) else [t for t in run if t.i in kept]
    # too long: leave out the head's trailing prepositional phrases whole before cutting words
    # ("a data centre in North Carolina"); "of" and "than" phrases complete the head and stay
    for extra in sorted(
        (c for c in token.rights if c.dep_ == "prep" and c.lower_ not in ("of", "than")), key=lambda c: -c.i
    ):
        if len(words) <= limit:
            break
        drop = {t.i for t in extra.subtree}
        words = [t for t in words if t.i not in drop]
    if len(words) > limit:
        start = max(0, words.index(token) - (limit - 2))
        words = words[start : start + limit]
    while len(words) > 1 and words[-1].pos_ in _DANGLING:  # "a series of" → "a series"
        words = words[:-1]
    while len(words) > 1 and words[0].dep_ == "case":  # never open on a stranded "'s"
        words = words[1:]
    text = " ".join(t.text for t in words)
    return _tidy(text)


_DANGLING = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT"})
_POSITION = operator.attrgetter("i")


def _line(token: ParsedToken) -> tuple[int, int]:
    text = token.doc.text
    lo = text.rfind("\n", 0, token.idx) + 1
    hi = text.find("\n", token.idx)
    return lo, len(text) if hi < 0 else hi


def _tidy(text: str) -> str:
    text = (
        text.replace(" - ", "-")
        .replace(" -", "-")
        .replace("- ", "-")
        .replace(" %", "%")
        .replace("$ ", "$")
        .replace("€ ", "€")
        .replace("£ ", "£")
        .replace(" ’s", "’s")
        .replace(" n't", "n't")
    )
    text = text.replace(" 's", "'s").replace(" ’s", "’s").replace(" ,", ",").replace(" .", "")
    text = text.replace("“", "").replace("”", "").replace('"', "").strip(" ,;:-")
    return text


def clip(text: str, limit: int = MAX_TITLE) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def capitalise(text: str) -> str:
    """First letter up, unless the first word is written in camel case ("iPhone", "eBay")."""
    if not text:
        return text
    first = text.split()[0]
    if any(c.isupper() for c in first[1:]):
        return text
    return text[:1].upper() + text[1:]


def clause_title(verb: ParsedToken, subject: str | None = None) -> str:
    """Subject + verb (present tense) + object or complement, trimmed."""
    lo, hi = _line(verb)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") and lo <= c.idx < hi]
    before = [c for c in subjects if c.i < verb.i]
    # of two subjects the parser gives one verb (a verb left out between them), the one next to it
    subj = (before[-1] if before else subjects[0]) if subjects else None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if subj is not None and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        subj = verb.head  # "Trump, who is running …" → Trump
    if subj is None and verb.dep_ in ("advcl", "acl", "ccomp") and verb.tag_ in ("VBN", "VBD"):
        # "First agreed in 2006, the target …": the participle describes the main subject
        main = verb.head if verb.dep_ != "acl" else None
        subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None) if main else verb.head
        passive = True
    if subj is None and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None and verb.dep_ == "xcomp" and verb.tag_ == "VB":
        # "prompted the board to file suit": the object acts, not the subject
        subj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and lo <= c.idx), None)
    if subj is None and verb.dep_ in ("conj", "xcomp"):
        subj = _shared_subject(verb, lo, hi)  # "NATO countries agreed to end cuts and devote 2%…"
    if subj is None and verb.pos_ != "NOUN":
        subj = controller(verb)  # "prompting Apple Corps to file suit": Apple Corps files
        if subject is None and subj is not None and subj.lower_ in _SUBJECT_FORM:
            subject = _SUBJECT_FORM[subj.lower_]  # "barred him from working": he works
    if subject is None:
        subject = phrase(subj, 9) if subj is not None else ""
        same = [c for c in verb.children if subj is not None and c.dep_ == subj.dep_]
        if len(same) > 1 and same[-1].i - same[0].i == len(same) - 1:  # "Pre - orders" parsed as three subjects
            subj = same[-1]
            subject = _tidy(" ".join(t.text for t in same))
    named = subj is not None and any(c.dep_ == "compound" for c in subj.children)  # "iOS 4"
    plural = (
        subj is not None
        and subject.lower() not in ("he", "she", "it")
        and (
            subj.tag_ in ("NNS", "NNPS")
            or subject.lower() in ("we", "they", "you", "i")
            # a number counts things; a year ("2007 was the year…") is one time
            or (subj.like_num and subj.lower_ not in ("one", "1") and not named and subj.ent_type_ != "DATE")
        )
    )
    negated = any(c.dep_ == "neg" for c in verb.children)
    if verb.pos_ == "NOUN":
        return noun_title(verb)
    if passive:
        vp = ("are " if plural else "is ") + ("not " if negated else "") + verb.text
    else:
        vp = ("do not " if plural else "does not ") + verb.lemma_ if negated else present(verb.lemma_, plural)
    parts = [subject, vp]
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            parts.append(phrase(child, 8))
            extra = next((c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp") and c.i > child.i), None)
            if extra is None and child.dep_ == "dobj":
                # "characterized them as appalling", "described the plan as reckless": what the object is called
                extra = next(
                    (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > child.i), None
                )
                if extra is not None:
                    parts.append("as " + " ".join(phrase(c, 3) for c in extra.children if c.dep_ != "punct"))
                    break
            if extra is not None and child.dep_ == "dobj":
                parts.append(phrase(extra, 3))
            break
    else:
        # "took a step closer to passing the bill", "moved further from a deal": an adverb with its own
        # complement says what the verb did
        adv = next(
            (
                c
                for c in verb.children
                if c.dep_ == "advmod" and c.i > verb.i and any(g.dep_ == "prep" for g in c.children)
            ),
            None,
        )
        # a prepositional phrase fronted before the subject sets the scene ("In London, X wrote…"): not the object
        prep = (
            None
            if adv is not None
            else next(
                (c for c in verb.children if c.dep_ in ("prep", "agent") and not _is_time(c) and c.i > verb.i), None
            )
        )
        if adv is not None:
            parts.append(_adverb_phrase(adv))
        if prep is not None:
            pobjs = [c for c in prep.children if c.dep_ == "pobj"]
            if len(pobjs) > 1 and pobjs[-1].i - pobjs[0].i == len(pobjs) - 1:  # "re - election" split up
                parts.append(prep.text + " " + " ".join(t.text for t in pobjs))
            elif pobjs:
                parts.append(prep.text + " " + phrase(pobjs[0], 5))
    prt = next((c for c in verb.children if c.dep_ == "prt"), None)
    if prt is not None:
        parts.insert(2, prt.text)
    return clip(capitalise(_tidy(" ".join(p for p in parts if p))))


def _adverb_phrase(adv: ParsedToken) -> str:
    """ "a step closer to passing a $95 billion aid bill": the adverb with what stands before it, its
    preposition and that preposition's object (a verb's own object after it), each kept short."""
    left = " ".join(t.text for t in adv.doc[adv.left_edge.i : adv.i + 1])
    prep = next((g for g in adv.children if g.dep_ == "prep"), None)
    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if prep is None or obj is None:
        return left
    if obj.pos_ == "VERB":
        dobj = next((g for g in obj.children if g.dep_ == "dobj"), None)
        tail = obj.text + (" " + phrase(dobj, 8) if dobj is not None else "")
    else:
        tail = phrase(obj, 6)
    return f"{left} {prep.text} {tail}"


_NOUN_ARGUMENT_PREPS = frozenset({"of", "against", "between", "with", "on", "by", "to", "into", "over"})
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _is_time_word(token: ParsedToken) -> bool:
    return (
        token.ent_type_ in ("DATE", "TIME")
        or token.lower_ in _MONTHS
        or (token.like_num and len(token.text) == 4 and token.text.isdigit())
    )


def noun_title(noun: ParsedToken) -> str:
    """A nominal event as a headline names it: its possessor, its descriptive modifiers and
    its object, without the date (shown beside the title): "Russia's February 2022 invasion
    of Ukraine" → "Russia's invasion of Ukraine", "the 2022 full-scale invasion" →
    "The full-scale invasion"."""
    lo, hi = _line(noun)
    prep = next(
        (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_ARGUMENT_PREPS and not _is_time(c)), None
    )
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is not None and not (lo <= obj.idx < hi):
        obj = None
    owner = next((c for c in noun.children if c.dep_ == "poss" and not any(_is_time_word(t) for t in c.subtree)), None)
    # the date goes only when a participant is left to say whose event it is ("Russia's invasion")
    drop_time = owner is not None or obj is not None
    keep: set[int] = {noun.i}
    for child in noun.children:
        if child.i > noun.i or not (lo <= child.idx < hi):
            continue
        if child.dep_ == "det" and owner is None:
            keep.add(child.i)
        elif child.dep_ in ("poss", "amod", "compound", "nmod", "nummod") and not (
            drop_time and any(_is_time_word(t) for t in child.subtree)
        ):
            keep.update(t.i for t in child.subtree)
    words = [t for t in noun.doc[min(keep) : noun.i + 1] if t.i in keep]
    text = _tidy(" ".join(t.text for t in words))
    if obj is not None:
        text += f" {prep.text} {phrase(obj, 6)}"
    return clip(capitalise(_tidy(text)))


_CONTROL_STEPS = 4
_SUBJECT_FORM = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "I"}


def controller(verb: ParsedToken) -> ParsedToken | None:
    """Who does what a subjectless infinitive or gerund says: the object of a verb that makes
    someone do it ("prompting Apple Corps to file suit", "barred him from working"), else the
    subject of the clause it hangs from ("NATO is involved in supporting…", "Tim will do a
    job executing the plans")."""
    lo, hi = _line(verb)
    cur, path = verb, []
    for _ in range(_CONTROL_STEPS):
        if cur.head.i == cur.i or not (lo <= cur.head.idx < hi):
            return None
        path.append(cur)
        cur = cur.head
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        came = path[-1]
        if came.dep_ in ("xcomp", "prep") and verb.tag_ in ("VB", "VBG") and verb.dep_ in ("xcomp", "pcomp"):
            obj = next((c for c in cur.children if c.dep_ == "dobj" and c.i < came.i), None)
            if obj is not None:
                return obj
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and lo <= c.idx < hi), None)
        if subj is not None:
            return subj
        if cur.dep_ not in ("xcomp", "advcl", "conj", "acl", "pcomp", "prep", "dobj", "pobj"):
            return None
    return None


def _shared_subject(verb: ParsedToken, lo: int, hi: int) -> ParsedToken | None:
    """The subject a coordinated or controlled verb shares with the verb it hangs from."""
    cur = verb
    while cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i and lo <= cur.head.idx < hi:
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and lo <= c.idx < hi), None)
        if subj is not None:
            return subj
    return None


def _is_time(token: ParsedToken) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)


def statement_title(speaker: str, gist: str) -> str:
    """ "Speaker: gist of what was said" under :data:`MAX_TITLE` characters."""
    gist = _tidy(gist)
    return clip(f"{capitalise(speaker)}: {gist}" if speaker else capitalise(gist))


def gist(span: ParsedSpan | None, fallback: str = "", verb: ParsedToken | None = None) -> str:
    """The complement of a reporting verb, without leading "that", on the verb's own line."""
    if span is None or not len(span):
        return fallback
    lo, hi = _line(verb if verb is not None else span.root)
    doc = span.doc
    # the span's words on that line: a run of tokens, as tokens are written in order
    first = max(span.start, bisect.bisect_left(doc.starts, lo))
    end = min(span.end, bisect.bisect_left(doc.starts, hi))
    if first == span.start and first < end and doc.tokens[first].dep_ == "mark":
        first += 1
    return _tidy(" ".join(doc.words[first:end]))
