"""Actors across a corpus: aliases, surnames, type votes, roles, country variants."""

from __future__ import annotations

import pytest

from timeline.actors import normalise_name, resolve_actors, slug
from timeline.candidates import ActorMention, DocumentAnalysis
from timeline.model import ActorKind


def m(text: str, label: str = "PERSON", start: int = 0, roles: tuple[str, ...] = ()) -> ActorMention:
    return ActorMention(text=text, start=start, end=start + len(text), label=label, roles=roles)


def corpus(*docs: list[ActorMention]) -> list[DocumentAnalysis]:
    out = []
    for i, mentions in enumerate(docs):
        placed = [
            ActorMention(x.text, j * 100, j * 100 + len(x.text), x.label, x.roles) for j, x in enumerate(mentions)
        ]
        out.append(DocumentAnalysis(document=f"d{i}", mentions=tuple(placed)))
    return out


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Trump's", "Trump"),
        ("the U.S.", "United States"),
        ("US", "United States"),
        ("United States", "United States"),
        ("Britain", "United Kingdom"),
        ("the European Union’s", "European Union"),
    ],
)
def test_normalise_name(written, name):
    assert normalise_name(written) == name


def test_full_name_surname_and_titled_forms_are_one_actor():
    res = resolve_actors(
        corpus(
            [m("Donald Trump", roles=("former US President",)), m("Trump"), m("Trump's")],
            [m("Trump"), m("Donald Trump")],
        )
    )
    (actor,) = res.actors
    assert actor.id == "donald-trump" and actor.name == "Donald Trump"
    assert actor.mentions == 5
    assert "Trump" in actor.aliases and "us president" in actor.aliases


def test_surname_in_another_document_attaches_to_the_full_name():
    analyses = corpus([m("Mette Lund")], [m("Lund")])
    res = resolve_actors(analyses)
    assert [a.id for a in res.actors] == ["mette-lund"]
    assert res.actor_for("d1", analyses[1].mentions[0]) == "mette-lund"


def test_ambiguous_surname_does_not_attach():
    res = resolve_actors(corpus([m("Anna Lund"), m("Erik Lund"), m("Lund")]))
    assert {a.id for a in res.actors} == {"anna-lund", "erik-lund", "lund"}


def test_kind_is_voted_so_one_wrong_tag_neither_splits_nor_mislabels():
    res = resolve_actors(corpus([m("Jens Berg"), m("Berg"), m("Berg", "ORG")], [m("Berg"), m("Berg", "ORG")]))
    (actor,) = res.actors
    assert actor.kind == ActorKind.PERSON


def test_unambiguous_role_resolves_to_its_holder():
    res = resolve_actors(
        corpus(
            [m("Jens Berg", roles=("Harbour Authority chief",)), m("Ola Dahl", roles=("Mayor",))], [m("Mayor", "ORG")]
        )
    )
    assert res.actor_for_name("the Harbour Authority chief") == "jens-berg"
    assert res.actor_for_name("Berg") == "jens-berg"


def test_shared_role_stays_unresolved():
    res = resolve_actors(corpus([m("Jens Berg", roles=("minister",)), m("Ola Dahl", roles=("minister",))]))
    assert res.actor_for_name("the minister") is None


def test_country_variants_are_one_actor():
    res = resolve_actors(corpus([m("U.S.", "GPE"), m("the United States", "GPE"), m("US", "GPE")]))
    (actor,) = res.actors
    assert actor.id == "united-states" and actor.kind == ActorKind.COUNTRY and actor.mentions == 3


def test_slug_is_readable():
    assert slug("Wadysaw Kosiniak-Kamysz") == "wadysaw-kosiniak-kamysz"
    assert slug("Françoise Hardy") == "francoise-hardy"


def test_roles_from_the_parse(nlp):
    from timeline.analyse import find_mentions

    doc = nlp("Harbour Authority spokesman Erik Lund said the piers were unsafe.")
    lund = next(x for x in find_mentions(doc) if x.text == "Erik Lund")
    assert lund.roles == ("Harbour Authority spokesman",)


def test_name_cut_at_a_particle_is_joined(nlp):
    from timeline.analyse import find_mentions

    doc = nlp("Commission president Ursula von der Leyen met Trump in 2020.")
    names = [x.text for x in find_mentions(doc) if x.label == "PERSON"]
    assert "Ursula von der Leyen" in names


@pytest.mark.parametrize(
    "written",
    ["the Secretary General of the Harbour Authority", "the Secretary-General", "the head of the Harbour Authority"],
)
def test_title_in_another_word_order_or_without_its_organisation_resolves(written):
    res = resolve_actors(
        corpus(
            [m("Jens Berg", roles=("Harbour Authority Secretary General",)), m("Ola Dahl", roles=("Mayor",))],
            [m("Jens Berg", roles=("Harbour Authority chief",))],
        )
    )
    assert res.actor_for_name(written) == "jens-berg"


def test_title_ending_shared_by_two_holders_stays_unresolved():
    res = resolve_actors(
        corpus([m("Jens Berg", roles=("Harbour Secretary General",)), m("Ola Dahl", roles=("Rail Secretary General",))])
    )
    assert res.actor_for_name("the Secretary-General") is None
    assert res.actor_for_name("the Secretary General of the Rail") == "ola-dahl"


def test_a_model_code_before_or_after_the_product_name_is_one_model():
    r = resolve_actors(corpus([m("Zephyr 5X", "PRODUCT"), m("Zephyr", "ORG")], [m("5X Zephyr", "PRODUCT")]))
    assert r.actor_for_name("5X Zephyr") == r.actor_for_name("Zephyr 5X") != r.actor_for_name("Zephyr")


def test_model_names_from_the_parse(nlp):
    from timeline.analyse import find_mentions

    doc = nlp("Acme said the 5G Zephyr will be faster, and the Zephyr 4G will be discontinued.")
    assert {x.text for x in find_mentions(doc)} >= {"5G Zephyr", "Zephyr 4G"}


def test_a_name_inside_a_longer_name_of_the_same_document_is_the_longer_name(nlp):
    from timeline.analyse import find_mentions

    doc = nlp("Acme unveiled the iPhon mini on Monday. The iPhon Mini costs $300. The iPhon sold well.")
    names = [x.text for x in find_mentions(doc) if "iPhon" in x.text]
    assert "iPhon mini" in names and names.count("iPhon") <= 1


def test_a_bare_first_name_is_the_one_person_of_that_name_in_its_article():
    res = resolve_actors(
        corpus([m("Maria Lopez"), m("Maria")], [m("Maria")], [m("Maria Lopez"), m("Maria Chen"), m("Maria")])
    )
    lopez = res.by_mention[("d0", 0, len("Maria Lopez"))]
    assert res.by_mention[("d0", 100, 100 + len("Maria"))] == lopez  # "Maria" beside "Maria Lopez"
    assert res.by_mention[("d1", 0, len("Maria"))] != lopez  # no full name in that article
    assert res.by_mention[("d2", 200, 200 + len("Maria"))] not in (
        lopez,
        res.by_mention[("d2", 100, 110)],
    )  # two Marias


def test_a_first_name_that_is_also_a_surname_stays_apart():
    res = resolve_actors(corpus([m("James Carter"), m("Carter Ross"), m("Carter")]))
    carter = res.by_mention[("d0", 200, 206)]
    assert carter == res.by_mention[("d0", 0, 12)] != res.by_mention[("d0", 100, 111)]  # the surname reading wins
