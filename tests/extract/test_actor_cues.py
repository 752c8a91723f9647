"""Actors read from cues beyond a name's entity label, on invented sentences: a state's leadership, air
defences and intelligence as its bodies, a place the text keeps naming as a region, an example of groups as a
group, and a name before a place noun as a place."""

from __future__ import annotations

from realpolitik.extract import extract_text


def _actors(nlp, text):
    return {a.id: a for a in extract_text(text, nlp=nlp).actors}


def _named(found, name):
    return next(a for a in found.values() if a.name == name or name in a.aliases)


def test_leadership_air_defences_and_intelligence_are_bodies_of_a_state(nlp):
    found = _actors(nlp, "Chile's military leadership doubts the plan. The strikes avoided Peruvian air defences. "
                         "Argentina's intelligence warned of the attack.")
    leadership = _named(found, "Chile's military leadership")
    assert leadership.kind == "group"
    assert _named(found, "Peruvian air defences").kind == "organisation"
    assert _named(found, "Argentina's intelligence").kind == "organisation"


def test_a_place_named_again_and_again_is_a_region(nlp):
    found = _actors(nlp, "Fighting resumed in Tarvenna in May. Refugees fled from Tarvenna to the coast. Once "
                         "peace returns to Tarvenna, trade will follow.")
    assert _named(found, "Tarvenna").kind == "region"


def test_a_place_named_once_is_no_actor(nlp):
    found = _actors(nlp, "The envoy met the minister in Tarvenna in May.")
    assert not any(a.name == "Tarvenna" for a in found.values())


def test_an_example_of_groups_is_a_group_not_a_person(nlp):
    found = _actors(nlp, "Several militant groups, such as Katibat Omar Vessal, renewed their pledge in 2019.")
    group = next(a for a in found.values() if "Vessal" in a.name)
    assert group.kind in ("organisation", "armed_group")


def test_a_name_before_a_place_noun_is_a_place(nlp):
    found = _actors(nlp, "India lost the Omar Vessal area to China in 1962 and never recovered Omar Vessal.")
    place = next(a for a in found.values() if "Vessal" in a.name)
    assert place.kind == "region"


def test_a_named_region_before_a_region_noun(nlp):
    found = _actors(nlp, "NATO is preparing for a war in the Baltic region next year.")
    assert _named(found, "Baltic region").kind == "region"


def test_an_office_is_no_organisation(nlp):
    found = _actors(nlp, "The National Security Advisor (NSA) spoke to the Director General of Lorn Operations "
                         "(DGLO) on Monday. Both said the drones had been UAVs.")
    names = {a.name for a in found.values() if a.kind != "person"}
    assert not names & {"National Security Advisor", "Director General of Lorn Operations", "UAVs"}
    assert not any(a.name == "Lorn Operations" for a in found.values())


def test_an_actor_and_its_allies(nlp):
    found = _actors(nlp, "The next move is up to Hezbollah's and its regional allies' leaders. Hamas and its "
                         "allies rejected the offer.")
    hezbollah = next(a for a in found.values() if a.id.startswith("hezbollah_") and a.kind == "group")
    assert any("regional allies" in alias for alias in hezbollah.aliases)
    hamas = next(a for a in found.values() if a.id.startswith("hamas_") and a.kind == "group")
    assert "Hamas and its allies" in hamas.aliases
    assert {"hezbollah", "hamas"} <= set(found)  # the actors themselves keep their mentions


def test_community_adjectives_and_qualifiers_before_the_head(nlp):
    found = _actors(nlp, "Most Sunni Arab armed groups in the north have pledged support to the council.")
    assert any(a.name == "Sunni Arab armed groups" for a in found.values())


def test_a_proper_name_is_no_community_phrase(nlp):
    found = _actors(nlp, "The company supported the rebel Libyan Arab Armed Forces in 2019.")
    assert not any(a.name == "Arab Armed Forces" for a in found.values())


def test_a_named_pass_spacy_left_untagged_is_a_region(nlp):
    with nlp.select_pipes(disable=["ner"]):  # no entities at all, as where spaCy misses a name
        doc = nlp("The road runs from the port to the Khardan Pass, the sole crossing into China.")
    assert doc._.rp_actors["khardan_pass"].kind == "region"


def test_a_named_pass_tagged_a_person_is_a_region(nlp):
    found = _actors(nlp, "The convoy reached Kovrak Pass before the snow.")
    assert _named(found, "Kovrak Pass").kind == "region"


def test_a_word_of_a_regions_name_is_no_actor(nlp):
    found = _actors(nlp, "Russia split the Western Military District into two commands in 2024.")
    assert _named(found, "Western Military District").kind == "region"
    assert "west" not in found


def test_two_names_sharing_a_plural_head(nlp):
    found = _actors(nlp, "For a century the Russian and British Empires vied for the steppe. "
                         "The army split its command into the Tarvo and Velsk military districts.")
    assert _named(found, "Russian Empire").kind == "state"
    assert _named(found, "British Empire").kind == "state"
    assert {"Tarvo military district", "Velsk military district"} <= {a.name for a in found.values()}
    assert "tarvo" not in found and "velsk" not in found


def test_a_shared_common_head_stays_with_the_states(nlp):
    found = _actors(nlp, "The Russian and British governments signed the treaty in 1907.")
    assert {"russia", "united_kingdom"} <= set(found)


def test_a_states_population_media_and_arms_makers(nlp):
    found = _actors(nlp, "The strikes terrified the Chilean population. Some Peruvian media praised them, and "
                         "Brazilian arms manufacturers gained orders. International media were sceptical.")
    assert _named(found, "Chilean population").kind == "group"
    assert _named(found, "Peruvian media").kind == "organisation"
    assert _named(found, "Brazilian arms manufacturers").kind == "organisation"
    assert any(a.name == "international media" for a in found.values())
