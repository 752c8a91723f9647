"""Cues found by reading articles outside the dev set (people, kinds of places), each on invented text: the
author named in the lede, one-word "people" the tagger invents, title words tagged as organisations, and
provinces typed as states."""

from __future__ import annotations

from realpolitik.extract import extract_text


def _actors(nlp, text, **options):
    return {a.name: a for a in extract_text(text, nlp=nlp, **options).actors}


def test_the_author_named_in_the_note_is_nobody_the_analysis_is_about(nlp):
    text = ("As Mara Velkosz explains, the river pact between Morvia and Lornia is fraying.\n\n"
            "Both capitals blame each other for the drought.\n\n"
            "Mara Velkosz is a Senior Fellow at the Lorn Institute.\n")
    extraction = extract_text(text, nlp=nlp)
    assert "Mara Velkosz" not in {a.name for a in extraction.actors}
    assert extraction.document.author == "Mara Velkosz"
    # a document that names its author keeps that name
    assert extract_text(text, nlp=nlp, author="R. Tamsin").document.author == "R. Tamsin"


def test_a_one_word_person_with_no_role_is_dropped(nlp):
    found = _actors(nlp, "The Hanafi madrasas of the valley teach the young. Kessavic, the governor of Morvia, "
                         "closed three of them in May. Later Kessavic reopened one.")
    assert "Hanafi" not in found
    kessavic = [a for a in found.values() if a.kind == "person"]
    assert [a.name for a in kessavic] == ["Kessavic"] and kessavic[0].role == "governor"


def test_words_of_a_title_tagged_as_an_organisation_are_part_of_the_office(nlp):
    found = _actors(nlp, "The movement is run from the south by the Supreme Leader Mullah Arsalan Vedkhor. "
                         "Interior Minister Tamir Oskanov met envoys from Qatar.")
    assert "Supreme" not in found and "Interior" not in found
    leader = next(a for name, a in found.items() if name.startswith("Mullah Arsalan"))  # the tagger may cut the name
    assert (leader.role, leader.affiliation) == ("supreme leader", None)
    assert (found["Tamir Oskanov"].role, found["Tamir Oskanov"].affiliation) == ("interior minister", None)


def test_a_province_is_a_region_not_a_state(nlp):
    text = ("Fighting spread to Nangarhar in March. Nangarhar has since closed its border crossings, and "
            "the Khorasan province rebels answered with raids.")
    found = _actors(nlp, text)
    assert found["Nangarhar"].kind == "region"


def test_an_unknown_place_that_acts_is_a_region_unless_its_name_says_polity(nlp):
    found = _actors(nlp, "The road from Kargil runs north. Kargil has since become a garrison town.")
    assert found["Kargil"].kind == "region"  # every country is in the gazetteer: an unknown place is no state
    found = _actors(nlp, "The Lornian Republic has closed its border. The Lornian Republic blames Morvia.")
    assert found["Lornian Republic"].kind == "state"
    found = _actors(nlp, "Valdria has closed the border. Valdria's minister of water blamed the drought.")
    assert found["Valdria"].kind == "state"  # the text gives it a state's office
