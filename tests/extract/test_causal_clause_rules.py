"""Side rules of issue 14's second causal pass, each on sentences written for these tests: an opening
condition, coordinated "by" agents, result participles, participles read as adjectives, "whose" clauses,
kept cue nouns ("in the absence of"), passive "attributed to", and the uses of "so" that link nothing."""

from __future__ import annotations

import pytest

from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.pipeline import load_pipeline
from tests.extract.causal_helpers import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


def links(nlp, text):
    return [(link.cue.lower(), link.cause, link.effect, link.polarity)
            for link in find_causal_links(nlp(text), use_classifier=False)]


def with_cue(nlp, text, cue):
    found = [link for link in links(nlp, text) if link[0] == cue]
    assert len(found) == 1, links(nlp, text)
    return found[0][1:]


@pytest.mark.parametrize(("text", "cue", "cause", "effect", "polarity"), [
    # an opening condition is the clause up to the comma before the main clause, however the mark is attached
    ("If the loans to build these ports are not repaid, the lender will seize them.", "if",
     "the loans to build these ports are not repaid", "the lender will seize them", 1),
    ("So long as the river stays low, the barges will wait upstream.", "so long as", "the river stays low",
     "the barges will wait upstream", 1),
    # the absence itself is the cause
    ("In the absence of any official statement, rumours spread quickly through the capital.", "in the absence of",
     "absence of any official statement", "rumours spread quickly through the capital", 1),
    ("The old capital gave way under the strain of repeated floods.", "under the strain of",
     "repeated floods", "The old capital gave way", 1),
    # passive "attributed to": the subject is the effect
    ("The fall in exports is attributed to the closure of the northern railway.", "attributed to",
     "the closure of the northern railway", "The fall in exports", 1),
    ("The reforms elicited fierce resistance from the provincial governors.", "elicited", "The reforms",
     "fierce resistance from the provincial governors", 1),
])
def test_connective_and_verb_sides(nlp, text, cue, cause, effect, polarity):
    found = with_cue(nlp, text, cue)
    assert found[2] == polarity
    assert (found[0], found[1]) == (cause, effect)


def test_every_coordinated_agent_is_in_the_cause(nlp):
    cause, effect, _ = with_cue(nlp, "The alliance is driven by trade, but mostly by a shared fear of the north.",
                                "driven")
    assert cause.startswith("trade") and cause.endswith("a shared fear of the north")
    assert effect == "The alliance"


def test_a_result_participle_whose_complement_is_a_cue_still_makes_the_link(nlp):
    # "exposed" is a cue of its own, but it has no object here: "leaving" makes the link
    found = links(nlp, "The navy moved its frigates to the south, leaving the northern coast badly exposed.")
    leaving = [link for link in found if link[0] == "leaving"]
    assert leaving and leaving[0][2] == "the northern coast badly exposed"
    assert "moved its frigates" in leaving[0][1]


def test_a_participle_before_its_noun_is_an_adjective(nlp):
    cause, effect, _ = with_cue(nlp, "Rebuilding the bridges requires sustained foreign investment in steel.",
                                "requires")
    assert (cause, effect) == ("sustained foreign investment in steel", "Rebuilding the bridges")
    assert not [link for link in links(nlp, "Rebuilding the bridges requires sustained foreign investment in steel.")
                if link[0] == "sustained"]


def test_a_noun_object_with_an_adjective_after_it_is_a_complement(nlp):
    found = [link for link in links(nlp, "The rebels are split into rival camps, making any common front hard to "
                                         "build.") if link[0] == "making"]
    assert found and found[0][2] == "any common front hard to build"


def test_whose_reaches_back_to_its_noun(nlp):
    text = "Traders now favour the southern canal, whose importance has grown in light of the drought."
    cause, effect, _ = with_cue(nlp, text, "in light of")
    assert cause == "the drought"
    assert effect.startswith("the southern canal") and effect.endswith("whose importance has grown")


@pytest.mark.parametrize("text", [
    "Nobody asked the ministers to do so, and they went home.",
    "The talks have so far produced little, and the mood is the more so gloomy.",
    "In so doing, the council kept its seat.",
])
def test_so_that_links_nothing_gives_no_link(nlp, text):
    assert not [link for link in links(nlp, text) if link[0] == "so"]


def test_a_condition_that_only_says_it_holds_is_no_cause(nlp):
    assert not [link for link in links(nlp, "If this is the case, the harvest will fail.") if link[0] == "if"]


def test_a_heading_is_not_read_into_the_paragraph_under_it():
    nlp = load_pipeline()
    doc = nlp("Why the Port Matters\n\nTurkey presents itself as a guarantor of trade in the region.")
    sentences = [sentence.text.strip() for sentence in doc.sents]
    assert sentences == ["Why the Port Matters", "Turkey presents itself as a guarantor of trade in the region."]
    wrapped = nlp("The council met on Monday and\nagreed to reopen the port.")
    assert len(list(wrapped.sents)) == 1  # a single line break inside a sentence is no boundary
    # after a closing mark it is: the standfirst under a title that ends in "?" is a sentence of its own
    standfirst = nlp("Can the Port Reopen at All?\nThe council's plan will fail in the winter storms.")
    assert [s.text.strip() for s in standfirst.sents][-1] == "The council's plan will fail in the winter storms."


def test_an_opening_connective_the_parser_took_for_a_verb_still_splits_at_the_comma(nlp):
    cause, effect, polarity = with_cue(nlp, "Absent a settlement between these two rivals, open war will be hard "
                                            "to avoid.", "absent")
    assert (cause, effect, polarity) == ("a settlement between these two rivals", "open war will be hard to avoid",
                                         -1)


def test_this_after_an_opening_adjunct_stands_for_the_sentence_before(nlp):
    text = ("The long drought has ruined the harvest in the eastern provinces. In the same year, this led to a "
            "wave of migration towards the coast.")
    cause, effect, _ = with_cue(nlp, text, "led to")
    assert cause == "The long drought has ruined the harvest in the eastern provinces"
    assert effect == "a wave of migration towards the coast"


def test_phrases_hung_on_lead_to_after_its_object_stay_in_the_effect(nlp):
    cause, effect, _ = with_cue(nlp, "The dam burst during the night, leading to floods mostly in the lower valley.",
                                "leading to")
    assert effect == "floods mostly in the lower valley"
    cause, effect, _ = with_cue(nlp, "The strike led to shortages after the holiday.", "led to")
    assert effect == "shortages"  # a time of its own stays out


def test_a_one_word_comment_gives_way_to_the_clause_it_comments_on(nlp):
    cause, effect, _ = with_cue(nlp, "Trade with the port city is steady this year — unsurprising given the money "
                                     "that the navy spends there.", "given")
    assert (cause, effect) == ("the money that the navy spends there", "Trade with the port city is steady this year")


def test_it_or_they_opening_a_sentence_stands_for_the_subject_before(nlp):
    text = "The new tariff took effect in March. It has hurt the small exporters of the south."
    cause, effect, _ = with_cue(nlp, text, "hurt")
    assert (cause, effect) == ("The new tariff", "the small exporters of the south")
    # a subject of another number is no antecedent: the pronoun names nothing, and no link is made
    assert not [link for link in links(nlp, "The new tariffs took effect in March. It has hurt the small exporters.")
                if link[0] == "hurt"]
