"""Actors made consistent across the corpus.

Every mention is normalised (possessive and leading article dropped, common country
variants unified), then grouped: a full name is one actor whatever titles surround
it; a single word that is the last word of exactly one multi-word person name
attaches to that person ("Stoltenberg" → "Jens Stoltenberg"), and a bare first name to the
one person of that first name its article names in full ("Steve" → "Steve Jobs"); a product's model code
written before its name is the same model as the name with the code after it ("the 3G
Zephyr", "the Zephyr 3G"); titles written beside a
name become aliases, and resolve on their own when only one actor carries them. The
kind is a vote over all mentions, so one mis-tagged mention neither splits nor
mislabels an actor.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.candidates import ActorMention, DocumentAnalysis
from timeline.model import Actor, ActorKind

_KIND = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANISATION,
    "GPE": ActorKind.COUNTRY,
    "NORP": ActorKind.GROUP,
    "PRODUCT": ActorKind.OTHER,
}

#: Common written variants of country names (general, not story-specific).
COUNTRY_VARIANTS = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "russian federation": "Russia",
    "prc": "China",
    "people's republic of china": "China",
    "dprk": "North Korea",
    "south korea": "South Korea",
    "the netherlands": "Netherlands",
    "holland": "Netherlands",
    "eu": "European Union",
    "e.u.": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ROLE_LEADING = re.compile(r"^(?:the|a|an|former|then|current|new|late)\s+", re.IGNORECASE)


def normalise_name(text: str) -> str:
    """The name without possessive, leading article or stray punctuation; country variants unified."""
    name = " ".join(text.split()).strip(" \"'“”‘’,.;:()[]")
    name = _POSSESSIVE.sub("", name).strip()
    name = _LEADING.sub("", name).strip()
    if name.lower() in COUNTRY_VARIANTS:
        return COUNTRY_VARIANTS[name.lower()]
    if re.fullmatch(r"(?:[A-Z]\.){2,}", name):  # U.S. style initialisms
        compact = name.replace(".", "").lower()
        return COUNTRY_VARIANTS.get(compact, name)
    return name


def normalise_role(text: str) -> str:
    role = " ".join(text.split()).strip(" ,.;:")
    while True:
        stripped = _ROLE_LEADING.sub("", role)
        if stripped == role:
            return role.lower()
        role = stripped


#: Title nouns news writes for one another: "the head of NATO" is "the NATO chief".
_TITLE_SYNONYMS = {"head": "chief"}
MIN_TITLE_WORDS = 2  # "the secretary general" resolves; a bare "the general" or "the president" does not


def role_key(text: str) -> str:
    """A title in one canonical word order: "the Secretary General of NATO", "NATO Secretary-General"
    and "the NATO secretary general" all read "nato secretary general"; "head of X" is "X chief"."""
    role = normalise_role(text).replace("-", " ").replace("’", "'")
    words = role.split()
    if "of" in words and words.count("of") == 1 and 0 < words.index("of") < len(words) - 1:
        i = words.index("of")
        owner = [w for w in words[i + 1 :] if w not in ("the", "a", "an")]
        words = [*owner, *words[:i]]
    return " ".join(_TITLE_SYNONYMS.get(w, w) for w in words)


def role_keys(text: str) -> list[str]:
    """The title's canonical key and its shorter endings of at least :data:`MIN_TITLE_WORDS` words
    ("nato secretary general" → "secretary general"): a title is often written without its organisation."""
    words = role_key(text).split()
    return [" ".join(words[i:]) for i in range(len(words)) if len(words) - i >= MIN_TITLE_WORDS] or (
        [" ".join(words)] if words else []
    )


def _is_code(word: str) -> bool:
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _name_first(key: str) -> str | None:
    """ "3g zephyr" → "zephyr 3g": a name written after its model code, in the usual order."""
    words = key.split()
    if len(words) >= 2 and _is_code(words[0]) and not any(_is_code(w) or w.isdigit() for w in words[1:]):
        return " ".join([*words[1:], words[0]])
    return None


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "actor"


@dataclass(frozen=True, slots=True)
class ActorResolution:
    """The corpus's actors and how each mention (or bare name) maps to one of them."""

    actors: tuple[Actor, ...] = ()
    by_mention: dict[tuple[str, int, int], str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # lower-cased name, alias or role → actor id

    def actor_for(self, document_id: str, mention: ActorMention) -> str | None:
        """The actor a mention refers to; falls back to its name when not seen at that place."""
        hit = self.by_mention.get((document_id, mention.start, mention.end))
        return hit if hit is not None else self.actor_for_name(mention.text)

    def actor_for_name(self, name: str) -> str | None:
        """The actor a bare name, alias or unambiguous role ("the NATO chief") refers to."""
        if not name:
            return None
        key = normalise_name(name).lower()
        if key in self.by_name:
            return self.by_name[key]
        role = normalise_role(name)
        if role in self.by_name:
            return self.by_name[role]
        key = role_key(name)
        if key in self.by_name and len(key.split()) >= MIN_TITLE_WORDS:
            return self.by_name[key]
        last = key.split()[-1] if key.split() else ""
        return self.by_name.get(last)

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def resolve_actors(analyses: Sequence[DocumentAnalysis]) -> ActorResolution:
    """Group every mention of the corpus into actors (see the module docstring)."""
    mentions: list[tuple[str, ActorMention, str]] = []
    for analysis in analyses:
        seen = {(m.start, m.end) for m in analysis.mentions}
        extra = [m for c in analysis.candidates for m in c.actors if (m.start, m.end) not in seen]
        for m in (*analysis.mentions, *extra):
            if m.label == "ROLE":  # resolved by role alias, never an actor of its own
                continue
            name = normalise_name(m.text)
            if name and any(ch.isalpha() for ch in name):
                mentions.append((analysis.document, m, name))

    # canonical groups keyed by lower-cased normalised name
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for _, m, name in mentions:
        forms[name.lower()][name] += 1
        labels[name.lower()][m.label] += 1

    # single words attach to the unique multi-word person name ending in them
    people_by_last: dict[str, set[str]] = defaultdict(set)
    for key, votes in labels.items():
        words = key.split()
        if len(words) > 1 and votes.most_common(1)[0][0] == "PERSON":
            people_by_last[words[-1]].add(key)
    # a longer name containing a known person's name is that person ("Donald Trump Jr" aside)
    parent: dict[str, str] = {}
    for key in labels:
        words = key.split()
        if len(words) == 1 and len(people_by_last.get(key, ())) == 1:
            parent[key] = next(iter(people_by_last[key]))
        elif len(words) > 2:
            for n in range(2, len(words)):
                tail = " ".join(words[-n:])
                if tail in labels and labels[tail].most_common(1)[0][0] == "PERSON" and tail != key:
                    parent[key] = tail
                    break

    # a model code before or after its product name is one model ("the 3G Zephyr" = "the Zephyr 3G")
    for key in labels:
        reordered = _name_first(key)
        if reordered is not None and reordered in labels and key not in parent:
            parent[key] = reordered

    def root(key: str) -> str:
        seen = set()
        while key in parent and key not in seen:
            seen.add(key)
            key = parent[key]
        return key

    # a bare first name is the one person of that first name the same article names in full
    # ("Steve Jobs … Steve called it"), unless it is also somebody's surname
    first_names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, _, name in mentions:
        words = name.lower().split()
        if len(words) > 1 and labels[name.lower()].most_common(1)[0][0] == "PERSON":
            first_names[(doc_id, words[0])].add(name.lower())

    def root_in(doc_id: str, key: str) -> str:
        if " " not in key and key not in parent and key not in people_by_last:
            full = first_names.get((doc_id, key), ())
            if len(full) == 1 and labels[key].most_common(1)[0][0] == "PERSON":
                return root(next(iter(full)))
        return root(key)

    members: dict[str, list[tuple[str, ActorMention, str]]] = defaultdict(list)
    for item in mentions:
        members[root_in(item[0], item[2].lower())].append(item)

    actors: list[Actor] = []
    by_mention: dict[tuple[str, int, int], str] = {}
    by_name: dict[str, str] = {}
    role_owners: dict[str, set[str]] = defaultdict(set)
    used: set[str] = set()
    for key in sorted(members, key=lambda k: (-len(members[k]), k)):
        items = members[key]
        names = Counter(name for _, _, name in items)
        canonical = max(forms[key], key=lambda f: (forms[key][f], f)) if key in forms else names.most_common(1)[0][0]
        # a full name outweighs a bare word: taggers mislabel surnames far more often
        votes: Counter[str] = Counter()
        for _, m, name in items:
            votes[m.label] += 3 if len(name.split()) > 1 else 1
        kind = _KIND.get(votes.most_common(1)[0][0], ActorKind.OTHER)
        actor_id = slug(canonical)
        if actor_id in used:
            actor_id = f"{actor_id}-{kind.value}"
        used.add(actor_id)
        roles = Counter(normalise_role(r) for _, m, _ in items for r in m.roles if r)
        aliases = sorted({n for n in names if n != canonical} | {r for r in roles if r})
        actors.append(Actor(id=actor_id, name=canonical, kind=kind, aliases=tuple(aliases), mentions=len(items)))
        for doc_id, m, name in items:
            by_mention[(doc_id, m.start, m.end)] = actor_id
            by_name.setdefault(name.lower(), actor_id)
            by_name.setdefault(m.text.lower(), actor_id)
        for r in roles:
            role_owners[r].add(actor_id)
    title_owners: dict[str, set[str]] = defaultdict(set)
    for role, owners in role_owners.items():
        if len(owners) == 1 and role not in by_name:
            by_name[role] = next(iter(owners))
        for key in role_keys(role):
            title_owners[key] |= owners
    # a title in another word order or without its organisation, when only one actor holds it
    for key, owners in title_owners.items():
        if len(owners) == 1 and key not in by_name:
            by_name[key] = next(iter(owners))
    for last, keys in people_by_last.items():
        if len(keys) == 1 and last not in by_name:
            by_name[last] = by_name.get(next(iter(keys)), slug(next(iter(keys))))
    actors.sort(key=lambda a: (-a.mentions, a.id))
    return ActorResolution(actors=tuple(actors), by_mention=by_mention, by_name=by_name)
