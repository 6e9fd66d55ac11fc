"""The tense of the clause an expression sits in, read from the dependency parse.

It decides which way a relative expression points: "said on Wednesday" (past) is the
last Wednesday, "will meet on Wednesday" (future) the next one. The parse is read from
:class:`timeline.doctext.ParsedDoc` (a token's head and children are attribute lookups there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.doctext import doc_text
from timeline.timex.context import SINCE

if TYPE_CHECKING:
    from timeline.doctext import ParsedDoc, ParsedToken

PAST, FUTURE, PRESENT, NONE = "past", "future", "present", ""
#: not a tense: the day a plan called off was for, which may be just behind or just ahead (resolved to the nearest)
NEAR = "near"

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_MODAL_FUTURE = frozenset({"could", "may", "might", "should", "must"})  # "would": future-in-the-past, no
_FUTURE_HEADS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "set",
        "due",
        "go",
        "intend",
        "aim",
        "hope",
        "want",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "agree",
        "decide",
        "seek",
        "bail",  # "was bailed to appear before magistrates on Tuesday"
        "summon",
    }
)


#: participles of what is foreseen: a bare one qualifying a noun names a time ahead
_FORESEEING = frozenset({"expect", "forecast", "predict", "project", "anticipate", "tip"})
_SCHEDULING = frozenset(
    {"schedule", "reschedule", "plan", "slate", "postpone", "delay", "adjourn", "defer", "invite", "summon"}
)
#: what befalls a plan that does not go ahead ("A march planned for Saturday was called off")
_CALLED_OFF = frozenset(
    {"cancel", "postpone", "delay", "scrap", "call", "suspend", "reschedule", "push", "put", "drop", "abandon"}
    | {"halt", "ban", "block", "shelve", "defer", "axe", "adjourn", "move", "stop", "prevent", "pull"}
)
#: verbs that grant or stretch a term: the day it runs "until" is ahead of the granting
_GRANTING = frozenset({"extend", "give", "grant", "allow", "prolong", "renew", "remand", "bail"})
#: verbs whose past tense is their bare form ("the storm hit Tuesday", "the firm cut jobs"): a bare form with a singular
#: subject is their past; any other verb's bare form there is a plural's present ("Liverpool face Madrid on Saturday")
_SAME_FORM_PAST = frozenset(
    {"hit", "cut", "set", "put", "let", "shut", "hurt", "cost", "quit", "spread", "split", "burst", "cast", "bet"}
    | {"bid", "broadcast", "forecast", "upset", "shed", "thrust", "rid", "beat", "read", "fit", "wed", "offset"}
    | {"reset", "outbid", "undercut", "recast", "slit", "spit", "sweat", "knit", "telecast", "overcast", "input"}
)
#: verbs that tell someone to do something by a term ("warned residents to leave by Thursday")
_BIDDING = frozenset({"warn", "urge", "tell", "ask", "order", "instruct", "direct", "advise", "call", "give"})
_UNTIL = ("until ", "through ", "till ", "until the ", "through the ")
_REPORTING = frozenset(
    {
        "say",
        "tell",
        "announce",
        "report",
        "add",
        "claim",
        "note",
        "warn",
        "insist",
        "confirm",
        "deny",
        "state",
        "write",
        "explain",
        "argue",
        "acknowledge",
        "reveal",
        "disclose",
    }
)


#: nouns of what no one schedules (violence, accidents, deaths): a date naming one ("the October slaying",
#: "the March 3 bombing") is behind publication whatever the clause's tense ("will testify about the May 4 attack")
_SUDDEN_EVENTS = frozenset(
    {"attack", "bombing", "shooting", "killing", "slaying", "murder", "assassination", "massacre", "ambush"}
    | {"crash", "explosion", "blast", "earthquake", "quake", "collapse", "derailment", "accident", "disaster"}
    | {"coup", "raid", "kidnapping", "abduction", "hijacking", "death", "stabbing", "shootout", "uprising"}
)


#: verbs of news schedules and headlines that have a noun's form too, which the tagger takes for nouns when they follow
#: their subject bare ("The Senate votes Tuesday", "United travel to Madrid on Wednesday", "Apple reports Thursday")
_NOUN_FORM_VERBS = frozenset(
    {"vote", "report", "travel", "return", "meet", "face", "play", "host", "visit", "open", "close", "start", "end"}
    | {"release", "launch", "hold", "head", "rule", "strike", "march", "rally", "resume", "leave", "fly", "debate"}
    | {"hear", "sign", "race", "test", "address", "land", "file", "list", "publish", "issue", "tour", "walk", "sail"}
    | {"campaign", "protest", "mark", "air", "broadcast", "premiere", "debut", "kick", "reopen", "restart", "count"}
    | {"hike", "cut", "raise", "auction", "price", "bid", "appeal", "move", "plan", "aim", "bow", "exit", "stage"}
)
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "parataxis"})


def _noun_form_verb(t: ParsedToken) -> bool:
    """Is ``t``, tagged a noun, the verb of its clause in the present tense, right after its subject ("The Senate
    votes Tuesday": "votes" after "Senate"; "United travel ... on Wednesday")? An -s form agrees with a singular
    subject, a bare form with a plural one or a name (British usage: "United travel")."""
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _CLAUSE_DEPS or t.i == 0:
        return False
    if t.lemma_.lower() not in _NOUN_FORM_VERBS and t.lower_[:-1] not in _NOUN_FORM_VERBS:
        return False  # "leaves" has "leaf" for a noun's lemma
    subject = t.nbor(-1)
    if subject.head is not t or subject.dep_ not in ("compound", "nsubj", "nmod"):
        return False
    if subject.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("det", "poss", "amod", "nummod") and c.i > subject.i for c in t.children):
        return False
    if t.tag_ in ("NNS", "NNPS"):
        return subject.tag_ in ("NN", "NNP") and t.lower_.endswith("s")
    return subject.tag_ in ("NNS", "NNPS", "NNP")


def _verb_in_compound(t: ParsedToken) -> bool:
    """Is ``t`` a name heading its clause with a schedule verb taken for its modifier, after the verb's own subject
    ("Chelsea host Arsenal on Sunday": "host" read as a noun before "Arsenal")?"""
    if t.dep_ != "ROOT" or t.pos_ != "PROPN" or t.i < 2:
        return False
    verb, subject = t.nbor(-1), t.nbor(-2)
    return (
        verb.head is t
        and verb.dep_ == "compound"
        and verb.tag_ == "NN"
        and verb.lower_ in _NOUN_FORM_VERBS
        and subject.pos_ == "PROPN"
        and subject.head is verb
    )


def _verb_as_modifier(t: ParsedToken) -> bool:
    """Is ``t`` a schedule verb tagged as the modifier of the plural subject before it ("Nominations close on
    Friday": "close" read as an adverb of "Nominations")?"""
    if t.pos_ not in ("ADV", "ADJ") or t.dep_ not in ("amod", "advmod") or t.i == 0:
        return False
    subject = t.nbor(-1)
    return (
        t.head is subject
        and subject.dep_ == "ROOT"
        and subject.tag_ in ("NNS", "NNPS")
        and t.lower_ in _NOUN_FORM_VERBS
    )


def verb_tense(v: ParsedToken, depth: int = 0) -> str:
    """past / future / present / "" for one verb and its auxiliaries."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if depth and "had" in words and v.tag_ == "VBN" and v.lemma_ in _SCHEDULING | {"set", "due"} and "been" in words:
        return NEAR  # "policy makers had been scheduled to meet on Tuesday": a plan since changed, either side
    if "had" in words or (v.dep_ == "acomp" and any(c.lower_ == "had" and c.dep_ == "aux" for c in v.head.children)):
        return PAST  # past perfect: "had been scheduled to expire Friday", "had been due Tuesday": a plan now past
    if "have" in words and words & (_MODAL_FUTURE | {"would"}) and (v.tag_ == "VBN" or "been" in words):
        return PAST  # "may have been responsible ... on Wednesday", "could have stopped it Friday": a modal's perfect
    if v.lemma_ in _SCHEDULING:
        return FUTURE  # "has scheduled a news conference Thursday": the day is ahead
    if v.tag_ == "VBN" and v.lemma_ == "expect" and words & {"was", "were"} and not words & {"had", "have", "has"}:
        return NEAR  # "a vote was expected Thursday": as the story was written, ahead or just past
    if "would" in words and (v.tag_ in ("VBG", "VB") or "be" in words):
        return FUTURE  # "would be traveling Thursday"
    if "could" in words and _negated(v):
        return PAST  # "could not be reached Wednesday", "neither ... could be located": the past of "can"
    if any(a.tag_ == "MD" for a in auxes) and words & _MODAL_FUTURE:
        return FUTURE
    if (
        "to" in words
        and v.tag_ == "VB"
        and depth < 3
        and (v.dep_ in ("acl", "relcl") or (v.dep_ == "advcl" and v.head.pos_ in ("NOUN", "PROPN")))
    ):
        # ... and a purpose the parser hung on the object ("rewrote the log to show checks at 11pm")
        # "the first countries to join on Friday were ...": an infinitive qualifying a noun takes the clause's tense
        gov = v.head
        while gov.pos_ not in ("VERB", "AUX") and gov.head is not gov:
            gov = gov.head
        return verb_tense(gov, depth + 1) if gov.pos_ in ("VERB", "AUX") else NONE
    if "to" in words and v.tag_ == "VB":
        head = v.head
        if head is not v and head.pos_ in ("VERB", "AUX", "ADJ") and depth < 3:
            if head.lemma_ == "be" and v.dep_ != "csubj":
                return FUTURE  # "is to resume trading Tuesday" (not "the first to join on Friday were ...")
            if head.lemma_ in _FUTURE_HEADS:
                t = verb_tense(head, depth + 1)
                if t == NEAR or (t == PAST and _pluperfect(head)):
                    return t
                return PAST if t == PAST and head.lemma_ in ("agree", "decide") else FUTURE
            return verb_tense(head, depth + 1)
        return FUTURE
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if v.tag_ == "VBN" and words <= {"get", "getting", "being"} and words and v.dep_ == "xcomp" and depth < 3:
        return verb_tense(v.head, depth + 1)  # "is going to start getting beat up in the spring": its governor's
    if v.tag_ == "VBN" and not auxes and v.lemma_ in _FORESEEING and v.dep_ in ("acl", "advcl"):
        return FUTURE  # "a procedural vote expected Wednesday", "results expected early Monday": what is foreseen
    if v.tag_ == "VBN":
        if words & {"has", "have", "'ve", "'s"}:
            return PAST
        if words & {"is", "are", "am", "be", "'re"}:
            return PRESENT
        return PAST
    if v.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return FUTURE  # "is meeting on Wednesday": news' present progressive is arrangement
    if v.tag_ == "VBG" and depth < 3 and v.head is not v and v.dep_ in ("advcl", "xcomp", "conj", "acl", "prep"):
        return verb_tense(v.head, depth + 1)
    if v.tag_ in ("VBP", "VB") and not auxes and v.text.lower() == v.lemma_ and _singular_subject(v):
        if v.lemma_ in _SAME_FORM_PAST:
            return PAST  # "the storm hit Tuesday", "weakness hurt stocks": a bare form with "it" as subject is a past
        if v.dep_ in _CLAUSE_DEPS:
            return PRESENT  # "Liverpool face Real Madrid on Saturday", "England play Wales": a team's plural
    if v.tag_ in ("VBZ", "VBP"):
        if v.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in ("due", "set", "slated") for c in v.children):
            return PRESENT  # "the verdict is due on Friday": a schedule
        if v.lemma_ in _REPORTING and _reports_a_thing(v):
            return PRESENT  # "the company reports earnings on Thursday": a schedule, not a report's present
        return PRESENT if v.lemma_ != "be" and v.lemma_ not in _REPORTING else NONE
    if v.tag_ == "VB" and not auxes and v.dep_ == "ROOT" and not any(c.dep_.startswith("nsubj") for c in v.children):
        return FUTURE  # an imperative ("Expect highs near 60 on Thursday", "Vote early on Tuesday"): what is to do
    if v.tag_ == "VB" and any(a.lower_ in ("do", "does") for a in auxes):
        return NONE
    if v.tag_ == "VB" and not auxes and any(c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") for c in v.children):
        return PRESENT  # "... and tickets go on sale on Monday": a plural's present the tagger took for a bare verb
    if v.tag_ == "VB" and any(a.lower_ == "did" for a in auxes):
        return PAST
    return NONE


def _reports_a_thing(v: ParsedToken) -> bool:
    """Does the reporting verb ``v`` take a noun as its object and no reported clause ("reports earnings",
    "announces its results"), as a plan does, unlike "says on Sunday that ..."?"""
    kids = list(v.children)
    if any(c.dep_ in ("ccomp", "parataxis") for c in kids) or v.dep_ in ("parataxis", "ccomp"):
        return False
    # "reports earnings on Thursday"; or no report at all, only its day ("Apple reports Thursday")
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in kids) or not any(
        c.dep_ in ("dobj", "xcomp", "advcl") or c.lower_ in ('"', "“", "”") for c in kids
    )


def _singular_subject(v: ParsedToken) -> bool:
    """Is the subject of ``v`` a third person singular ("the bank", "he"), which a present verb would agree with?"""
    for c in v.children:
        if c.dep_ == "nsubj":
            if any(t.dep_ == "conj" for t in c.children):
                return False  # "Britain and France cut ..."
            return c.tag_ in ("NN", "NNP") or c.lower_ in ("he", "she", "it")
    return False


_NEGATORS = frozenset({"neither", "nor", "nobody", "none", "no"})


def _negated(v: ParsedToken) -> bool:
    """A "not" on the verb, or a subject such as "neither he nor ..." or "no one"."""
    for c in v.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and any(t.lower_ in _NEGATORS for t in c.subtree):
            return True
    return False


def _pluperfect(v: ParsedToken) -> bool:
    auxes = list(v.children) + (list(v.head.children) if v.dep_ == "acomp" else [])
    return any(c.lower_ == "had" and c.dep_ == "aux" for c in auxes)


def _reporting_verb(v: ParsedToken, end: int) -> ParsedToken | None:
    """The reporting verb an expression sits right after, when the parser hung it on the reported clause.

    "The company said on Friday it would cut jobs": "on Friday" stands between "said" and the
    reported clause's subject, so it dates the saying, whatever verb the parser attached it to.
    """
    head = v.head
    if v.dep_ != "ccomp" or head.i >= v.i or head.lemma_ not in _REPORTING:
        return None
    subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if (
        subject is None
        or subject.i < end
        or any(c.lower_ == "that" and c.dep_ == "mark" and c.i < end for c in v.children)
    ):
        return None
    return head


def clause_tense(doc: ParsedDoc, start: int, end: int) -> str:
    """Tense of the verb governing the characters ``start:end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NONE
    before = doc_text(doc)[max(0, start - 40) : start].lower()
    if _called_off_plan(span.root):
        return NEAR
    if before.endswith(("as soon as ", "as early as ", "as late as ", "effective ", " set for ")):
        return FUTURE  # "effective Feb. 1": a change announced takes effect ahead; "a hearing set for Monday"
    if SINCE.search(before):
        return PAST  # "since the Oct. 23 shooting", "since Monday": what a span starts from is behind us
    tok = span.root
    if tok.dep_ in ("poss", "compound", "nmod") and tok.head.lemma_.lower() in _SUDDEN_EVENTS:
        return PAST  # "the October slaying", "since the May 4 attack", "will testify about Friday's crash": it happened
    if tok.dep_ in ("poss", "compound") or (tok.dep_ == "case" and tok.head.dep_ == "poss"):
        if _awaited(tok.head if tok.dep_ != "case" else tok.head.head):
            # "arrive early for Saturday's match", "ahead of Sunday's vote": what a present or future awaits
            return FUTURE
        return NONE  # "Wednesday's ruling": a noun's modifier, not tied to the clause's tense
    for _ in range(8):
        if tok.i != span.root.i and (_noun_form_verb(tok) or _verb_in_compound(tok) or _verb_as_modifier(tok)):
            return PRESENT  # "The Senate votes Tuesday", the verb tagged a noun: a schedule's present
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD":
            if tok.lemma_ in _GRANTING and before.endswith(_UNTIL) and not _pluperfect(tok):
                return FUTURE  # "extended its offer until Friday", "has given them until 9 a.m. Tuesday": a term ahead
            if before.endswith(_UNTIL) and _bare_participle(tok):
                # "with tornado watches posted until 6 a.m. Thursday": a state that lasts, as long as its clause says
                gov = _governing_verb(tok)
                if gov is not None:
                    return _until_ahead(verb_tense(gov), before)
            if before.endswith("by ") and (
                tok.lemma_ in _PROMISING
                or (tok.dep_ == "xcomp" and tok.head.lemma_ in _BIDDING | _PROMISING and not _pluperfect(tok.head))
            ):
                return FUTURE  # "promised a decision by Friday", "warned residents to leave by Thursday": a term ahead
            if tok.lemma_ == "set" and before.endswith("for ") and not _pluperfect(tok):
                return FUTURE  # "Judge Smith set sentencing for Monday": a date set is ahead
            return _until_ahead(verb_tense(_reporting_verb(tok, span.end) or tok), before)
        if tok.head is tok:
            break
        tok = tok.head
    root = tok.sent.root
    return _until_ahead(verb_tense(root) if root.pos_ in ("VERB", "AUX") else NONE, before)


def _called_off_plan(tok: ParsedToken) -> bool:
    """Is ``tok`` the day of a plan the clause calls off ("A march planned for Saturday was cancelled", "the vote,
    set for Tuesday, has been postponed")? The plan was made before its day, but whether the day is behind or
    ahead, the calling off does not say: a paper reports it on the days around it."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "for":
        return False
    plan = prep.head
    for _ in range(2):  # "planned at the university for Saturday"
        if plan.dep_ == "pobj" and plan.head.dep_ == "prep":
            plan = plan.head.head
    if plan.tag_ != "VBN" or plan.dep_ != "acl" or plan.lemma_ not in _SCHEDULING | {"set", "book", "due"}:
        return False
    gov = plan.head.head
    if plan.head.dep_ not in ("nsubjpass", "nsubj", "dobj") or gov.lemma_ not in _CALLED_OFF:
        return False
    # called off already: a past or a perfect, not "will be postponed"
    return gov.tag_ in ("VBD", "VBN") and not any(c.lower_ in _FUTURE_AUX or c.tag_ == "MD" for c in gov.children)


def in_noun_clause(doc: ParsedDoc, start: int, end: int) -> bool:
    """Is the expression at ``start:end`` in a clause that qualifies a noun ("recordings of calls he made in 2016",
    "a law passed in 2010")? Such a date is background: the story does not move to it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok.dep_ in ("relcl", "acl")
        if tok.head is tok:
            return False
        tok = tok.head
    return False


#: verbs whose object is wanted by a term ("promised a decision by Friday", "demanded an answer by Monday")
_PROMISING = frozenset({"promise", "pledge", "vow", "demand", "want", "seek", "expect", "request", "order"})


#: events a calendar schedules: named by their day in a clause that looks ahead, they are ahead ("would attend Friday's
#: summit"), unlike an outcome ("will appeal Monday's verdict")
_SCHEDULED_EVENTS = frozenset(
    {"summit", "meeting", "vote", "match", "game", "election", "hearing", "talks", "debate", "race", "final", "rally"}
    | {"conference", "ceremony", "launch", "session", "deadline", "parade", "march", "concert", "festival", "opening"}
    | {"runoff", "referendum", "primary", "poll", "fixture", "trial", "inauguration", "funeral", "meet", "showdown"}
)


#: verbs whose object is awaited ("investors await Friday's payrolls report")
_AWAITING = frozenset({"await", "anticipate", "eye", "brace", "prepare", "expect"})


def _awaited(noun: ParsedToken) -> bool:
    """Is ``noun`` (named by its day: "Saturday's match") the object of "for", "ahead of", "before" in a clause that
    is not in the past, or a scheduled event such a clause names ("would attend Friday's summit")?"""
    if noun.lemma_.lower() in _SCHEDULED_EVENTS and noun.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        gov = noun.head
        for _ in range(4):
            if gov.pos_ in ("VERB", "AUX"):
                if verb_tense(gov) in (FUTURE, PRESENT):
                    return True
                break
            if gov.head is gov:
                break
            gov = gov.head
    if noun.dep_ == "dobj" and noun.head.lemma_ in _AWAITING and noun.head.pos_ == "VERB":
        # "investors await Friday's jobs report", "traders eye next week's Fed meeting": what is awaited is ahead
        return verb_tense(noun.head) in (FUTURE, PRESENT)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "of", "before", "until", "till"):
        return False
    if prep.lower_ == "of" and prep.head.lower_ != "ahead":
        return False
    gov = prep.head
    for _ in range(4):
        if gov.pos_ in ("VERB", "AUX"):
            return verb_tense(gov) in (FUTURE, PRESENT)
        if gov.head is gov:
            return False
        gov = gov.head
    return False


def _bare_participle(v: ParsedToken) -> bool:
    """A past participle with no auxiliary qualifying a noun or in an absolute phrase ("roads closed until Friday",
    "with watches posted until 6 a.m.")."""
    return (
        v.tag_ == "VBN"
        and v.dep_ in ("acl", "pcomp", "advcl")
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    )


def _governing_verb(v: ParsedToken) -> ParsedToken | None:
    tok = v.head
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") and tok is not v:
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def saying_day(doc: ParsedDoc, start: int, end: int) -> tuple[int, int] | None:
    """Where the day is that the reporting verb governing the expression's clause names ("He said on Monday that
    talks would resume on Tuesday": "Monday"), as character offsets, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(10):
        if tok.dep_ == "ccomp" and tok.head.lemma_ in _REPORTING and tok.head.i < tok.i:
            break
        if tok.head is tok:
            return None
        tok = tok.head
    else:
        return None
    reporter = tok.head
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    # the reporting verb's own day, or one the parser hung on the reported clause before its subject ("said on
    # Tuesday it would ...")
    early = [c for c in tok.children if subject is not None and reporter.i < c.i < subject.i]
    for c in [*reporter.children, *early]:
        if c.i > tok.i and c not in early:
            continue
        day = c
        if c.dep_ == "prep" and c.lower_ == "on":
            day = next((g for g in c.children if g.dep_ == "pobj"), c)
        if day.ent_type_ == "DATE" and day.dep_ in ("npadvmod", "pobj"):
            return day.idx, day.idx + len(day.text)
    return None


def _until_ahead(tense: str, before: str) -> str:
    """What a span lasts "until" in a clause of no tense ("ballots can arrive until Friday") is ahead: a state
    that still holds ends after publication (a past one says so: "stayed shut until Friday")."""
    return FUTURE if tense == NONE and before.endswith(("until ", "till ", "until the ")) else tense


def on_present_be(doc: ParsedDoc, start: int, end: int) -> bool:
    """Is the expression at ``start:end`` the object of an "on" that completes a present-tense "be" ("the vote is on
    Sunday", "the final is on Wednesday afternoon"), or that "be"'s complement ("the deadline is Friday")? Said of a
    day, that is a schedule: the day is ahead, or today."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    while tok.dep_ == "conj" and tok.head.ent_type_ in ("DATE", "TIME") and tok.head.i < tok.i:
        tok = tok.head  # "storms are possible Monday and Tuesday": the second day as the first
    if tok.dep_ in ("attr", "npadvmod") and tok.head.lemma_ == "be":  # "the deadline is Friday"
        gov = tok.head
    elif (
        tok.dep_ == "nsubj"
        and tok.head.lemma_ == "be"
        and any(c.dep_ in ("attr", "npadvmod") and c.ent_type_ == "DATE" for c in tok.head.children)
    ):
        gov = tok.head  # "Election Day is Nov. 8": a day named by its date
    elif tok.dep_ == "prep" and tok.lower_ in ("on", "at") and any(c.dep_ == "pobj" for c in tok.children):
        gov = tok.head  # "kick-off is at 3pm on Saturday": the expression's root is its preposition
    elif tok.dep_ != "pobj" or tok.head.lower_ not in ("on", "at") or tok.head.dep_ != "prep":
        return False
    else:
        gov = tok.head.head
    return gov.lemma_ == "be" and gov.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in gov.children)


#: verbs that set, plan or await a day rather than happen on it ("was set to expire Nov. 6", "declared a dividend
#: payable Dec. 1"): a past one may name a day ahead
_LOOKING_AHEAD = _FUTURE_HEADS | _SCHEDULING | _FORESEEING | _REPORTING | _GRANTING | _PROMISING | _CALLED_OFF
_LOOKING_AHEAD_ALSO = frozenset({"declare", "approve", "announce", "authorize", "name", "fix", "move", "close", "end"})


def happened_on(doc: ParsedDoc, start: int, end: int) -> bool:
    """Does the expression at ``start:end`` say when a past event took place: the time of a simple past verb ("Revellers
    packed the square on New Year's Eve") or of its subject ("The July 4 parade drew crowds")? Such a day is not after
    publication, unlike a day a past verb sets or awaits ("was set for Dec. 1", "a dividend payable Dec. 1")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    if tok.dep_ in ("compound", "nmod", "poss") and tok.head.dep_ in ("nsubj", "nsubjpass"):
        verb = tok.head.head  # "The July 4 parade drew crowds"
    elif tok.dep_ in ("nsubj", "nsubjpass"):
        verb = tok.head  # "The 4th of July parade drew crowds", parsed with "4th" as the subject
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("on", "in", "at", "during") and tok.head.dep_ == "prep":
        verb = tok.head.head  # "packed the square on New Year's Eve"
    elif tok.dep_ == "npadvmod":
        verb = tok.head
    else:
        return False
    if verb.tag_ != "VBD" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in _LOOKING_AHEAD | _LOOKING_AHEAD_ALSO:
        return False
    return not any(c.dep_ in ("xcomp", "ccomp") or c.tag_ == "MD" for c in verb.children)


def said_on(doc: ParsedDoc, start: int, end: int) -> bool:
    """Is the expression at ``start:end`` the day of a reporting verb ("AAA said Monday", "told reporters on
    Friday")? That is when the story was told, not a day of the events it tells."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head
    return tok.dep_ in ("prep", "npadvmod") and tok.head.lemma_ in _REPORTING


#: words of a weather forecast's verbless entries ("Tuesday: sunny, high 68.", "Wednesday, showers likely.")
_WEATHER = frozenset(
    {"sunny", "cloudy", "showers", "shower", "rain", "snow", "clearing", "windy", "storms", "thunderstorms", "fog"}
    | {"drizzle", "overcast", "breezy", "humid", "highs", "lows", "high", "low", "frost", "sleet", "fair", "clear"}
    | {"showery", "dry", "mild", "warm", "cool", "cold", "hot", "partly", "mostly", "chance"}
)


def forecast_entry(doc: ParsedDoc, start: int, end: int) -> bool:
    """Is the expression at ``start:end`` the head of a verbless weather entry ("Tuesday: sunny, high 68.") or
    fixture ("Saturday, 3pm: Arsenal v Chelsea")? The weather in the past and results are told in the past tense;
    an entry with no verb is a forecast or a fixture, ahead."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    toks = []  # what follows, to the end of the entry (the parser may end a sentence at its colon)
    for t in doc[span.end : span.end + 8]:
        if t.text in (".", "\n") or "\n" in t.text:
            break
        toks.append(t)
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in [*span.root.sent, *toks]):
        return False
    lead = [t for t in span.root.sent if t.i < span.start]  # nothing before it, or a heading: "Forecast: Tuesday"
    heading = not lead or (len(lead) <= 3 and lead[-1].text == ":")
    # ... or a fixture ("Saturday, 3pm: Arsenal v Chelsea")
    return heading and any(t.lower_ in _WEATHER or t.lower_ in ("v", "v.", "vs", "vs.") for t in toks[:8])


def scheduled_subject(doc: ParsedDoc, start: int, end: int) -> bool:
    """Is the expression at ``start:end`` the date of a scheduled event that is the subject of a present "be" ("The
    Nov. 3 election is the most important in decades")? An event a calendar fixes, spoken of in the present, is to
    come (one over is spoken of in the past)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    noun = tok.head
    if tok.dep_ not in ("compound", "nmod") or noun.lemma_.lower() not in _SCHEDULED_EVENTS:
        return False
    gov = noun.head
    return (
        noun.dep_ in ("nsubj", "nsubjpass")
        and gov.lemma_ == "be"
        and gov.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in gov.children)
    )
