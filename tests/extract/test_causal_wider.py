"""The wider causal lexicon and the side rules, on sentences written for these tests."""

from __future__ import annotations

import pytest

from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.cues import cue_lexicon, find_cues
from tests.extract.causal_helpers import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


def links(nlp, text):
    return find_causal_links(nlp(text), use_classifier=False)


def by_cue(nlp, text, cue):
    found = [link for link in links(nlp, text) if link.cue.lower() == cue]
    assert len(found) == 1, [(link.cue, link.cause, link.effect) for link in links(nlp, text)]
    return found[0]


@pytest.mark.parametrize(("text", "cue", "cause", "effect", "polarity"), [
    ("Falling grain prices spurred a wave of rural protests.", "spurred", "Falling grain prices",
     "a wave of rural protests", 1),
    ("The flood crippled the port's cargo traffic.", "crippled", "The flood", "the port's cargo traffic", -1),
    ("The embargo has dampened investor confidence.", "dampened", "The embargo", "investor confidence", -1),
    ("Years of drought culminated in a regional famine.", "culminated in", "Years of drought", "a regional famine", 1),
    ("The ceasefire put a halt to the shelling of the valley.", "put a halt to", "The ceasefire",
     "the shelling of the valley", -1),
])
def test_new_verbs_carry_their_sign(nlp, text, cue, cause, effect, polarity):
    link = by_cue(nlp, text, cue)
    assert (link.cause, link.effect, link.polarity) == (cause, effect, polarity)


@pytest.mark.parametrize(("text", "cue", "cause", "effect", "polarity"), [
    ("Chronic corruption is a major driver of rural unrest.", "driver of", "Chronic corruption", "rural unrest", 1),
    ("Cheap credit proved key to the rapid recovery of the industry.", "key to", "Cheap credit",
     "the rapid recovery of the industry", 1),
    ("The drought served as a catalyst for mass migration.", "catalyst for", "The drought", "mass migration", 1),
    ("The new tariffs are a serious obstacle to regional trade.", "obstacle to", "The new tariffs",
     "regional trade", -1),
    ("The main reason for the delay was a shortage of engineers.", "reason for", "a shortage of engineers",
     "the delay", 1),
])
def test_predicate_nouns_and_adjectives(nlp, text, cue, cause, effect, polarity):
    link = by_cue(nlp, text, cue)
    assert link.cue_kind == "predicate"
    assert (link.cause, link.effect, link.polarity) == (cause, effect, polarity)


def test_connectives_match_their_form_not_only_their_lemma(nlp):
    doc = nlp("Following the floods, the council closed the bridge. Given the risks, it kept it shut.")
    assert {match.cue.cue for match in find_cues(doc)} >= {"following", "given"}


def test_a_light_verb_states_no_claim(nlp):
    assert not [link for link in links(nlp, "In May the council made the decision to close the mine.")
                if link.cue.lower() == "made"]
    link = by_cue(nlp, "The long drought made the farmers poorer.", "made")
    assert link.cause == "The long drought" and "poorer" in link.effect


def test_an_intention_noun_takes_its_infinitive_as_content(nlp):
    found = links(nlp, "The ministry announced a plan to build a second reservoir.")
    assert not [link for link in found if link.cue == "to"]


def test_a_time_is_not_a_cause(nlp):
    found = links(nlp, "Over the summer of 2019 the garrison grew, and after a while the town recovered.")
    assert not [link for link in found if link.cue.lower() in ("over", "after")]
    link = by_cue(nlp, "The miners went on strike over unpaid wages.", "over")
    assert link.cause == "unpaid wages"


def test_the_object_keeps_its_complement(nlp):
    link = by_cue(nlp, "The new licences have allowed small traders to export directly.", "allowed")
    assert link.effect.startswith("small traders") and "export" in link.effect
    link = by_cue(nlp, "The storms deterred the fishermen from sailing.", "deterred")
    assert "sailing" in link.effect


def test_a_gerund_after_an_adjective_takes_the_clause_subject(nlp):
    link = by_cue(nlp, "The militia has been effective in quelling the revolt.", "quelling")
    assert (link.cause, link.effect) == ("The militia", "the revolt")


def test_a_lone_demonstrative_subject_stands_for_the_sentence_before(nlp):
    text = "The harvest failed for a third year. This has led to a steep rise in bread prices."
    link = by_cue(nlp, text, "led to")
    assert link.cause == "The harvest failed for a third year"
    assert link.effect == "a steep rise in bread prices"


def test_a_verbless_hence_takes_its_clause_as_cause(nlp):
    link = by_cue(nlp, "The region has long been neglected, hence the anger of its voters.", "hence")
    assert "neglected" in link.cause and "anger" in link.effect


def test_sides_are_phrases_of_at_most_thirty_words(nlp):
    text = ("The decision of the regional council, which had been debated for many months by farmers, traders, "
            "engineers, lawyers and the representatives of several villages along the river in long meetings, "
            "led to a new canal.")
    link = by_cue(nlp, text, "led to")
    assert len(link.cause.split()) <= 30 and link.cause.startswith("The decision of the regional council")
    for found in links(nlp, text):
        assert found.cause.lower() not in found.effect.lower() and found.effect.lower() not in found.cause.lower()


def test_every_predicate_cue_names_a_noun_or_adjective_and_a_preposition():
    for cue in cue_lexicon().cues:
        if cue.kind == "predicate":
            assert len(cue.words) >= 2, cue
