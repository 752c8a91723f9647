"""Relations read from invented sentences: signs, directions and pairs the text states, and none it does not."""

from __future__ import annotations

import pytest

from realpolitik.extract import extract_text


def relations(nlp, text):
    return {(r.source, r.type, r.target): r.polarity for r in extract_text(text, nlp=nlp).relations}


@pytest.mark.parametrize("text, triple", [
    # a "not" on the cue's governor denies it, up to the clause's verb
    ("Serbia was not interested in starting a war with Kosovo.", ("serbia", "conflict", "kosovo")),
    # a positive verb of help hangs on a clause: the actors in it are not helped ("helped to stoke protests")
    ("Mali helped to stoke anti-French protests in the capital.", ("mali", "aid", "france")),
    # a governing verb or noun says the relation has ended
    ("Kenya lost the support of Uganda after the vote.", ("uganda", "support", "kenya")),
    ("The expiry of UN sanctions on Belarus went unnoticed.", ("un", "sanction", "belarus")),
    # a place is where the subject is, not who acts
    ("Tensions in Sudan could discourage donors from funding Chad.", ("sudan", "aid", "chad")),
    # a likeness is no party
    ("Turkey's influence in the region, like Iran, keeps growing.", ("turkey", "influence", "iran")),
    # co-doers are not each other's targets
    ("Russia relies on supplies from Iran and North Korea.", ("iran", "aid", "north_korea")),
    # "meet" of a need is no meeting
    ("Niger meets a fifth of France's uranium needs.", ("niger", "consult", "france")),
    # "respective" pairs the sides by position, which is not read
    ("Egypt backs Chad and Niger in their respective conflicts with Libya and Mali.", ("niger", "conflict", "libya")),
    # who reports a clause is not its doer
    ("The cabinet will open talks with Russia, an Egyptian official says.", ("egypt", "consult", "russia")),
    # the object of "prompted ... to" acts, even when it names no actor ("donors in Qatar" are not Qatar)
    ("The army's harsh response prompted private donors in Qatar to fund Hamas.", ("qatar", "aid", "hamas")),
    # in a subject, whom a noun is aimed at is no doer ("sanctions against X would help")
    ("Arrests and sanctions against Hezbollah members would help in weakening Iran's networks.",
     ("hezbollah", "aid", "iranian_militants")),
    # a participle before a noun names its own doer; the subject of the clause is not it
    ("Hamas jailed dozens of French-trained police officers.", ("hamas", "aid", "france")),
    # a "from" on the verb names the giver, never the one the cue goes to
    ("ISKP used a charity to collect funds from donors in Qatar.", ("iskp", "aid", "qatar")),
    # a question states no relation
    ("Why should Canada engage with Cuba?", ("canada", "consult", "cuba")),
    # a deep relative clause is not the cue's phrase
    ("Kenya needs supply from NATO members, whose backing matters as the US election nears.",
     ("nato", "aid", "united_states")),
])
def test_what_the_text_does_not_state_is_no_relation(nlp, text, triple):
    found = relations(nlp, text)
    assert triple not in found, found


def test_its_of_a_subject_naming_no_actor_is_not_the_last_actor_named(nlp):
    found = relations(nlp, "While Europe debates its past, another power is extending its influence over Mali.")
    assert not [t for t in found if t[1] == "influence"], found


@pytest.mark.parametrize("text, triple", [
    # "not with X but with Y": the agreement is with Y
    ("Chad has signed agreements not with Libya but with Egypt.", ("chad", "negotiate", "egypt")),
    # the doer of an invasion is its demonym or possessor, the invaded its "of"
    ("The Russian invasion of Ukraine shocked Europe.", ("russia", "conflict", "ukraine")),
    # a passive: the agent acts on the subject
    ("Hamas is backed by Iran as part of a network across the Middle East.", ("iran", "support", "hamas")),
    # two names before the cue noun are its two sides
    ("Oman is watching the Armenia–Azerbaijan talks closely.", ("armenia", "consult", "azerbaijan")),
    # "meet" of people is a meeting with whom they act for
    ("Niger's president met French officials in June.", ("niger", "consult", "france")),
    # "X's and its allies": the allies are X's, even after a preposition of place
    ("Egypt pushed the decision into Hamas’s and its foreign allies’ – chiefly Qatar’s – hands.",
     ("hamas", "partnership", "qatar")),
    # "X received support from Y" is Y's support
    ("Kenya received financial support from Ethiopia last year.", ("ethiopia", "support", "kenya")),
    ("ISKP collected funds from Qatar.", ("qatar", "aid", "iskp")),
    # a participle's own modifier is its doer
    ("The US-backed government of Afghanistan collapsed.", ("united_states", "support", "afghanistan")),
    # "supply from X" to the subject who needs it
    ("Kenya needs supply from NATO members, whose backing matters as the US election nears.",
     ("nato", "aid", "kenya")),
    # "from X and Y": both supply the subject
    ("Russia relies on supplies from Iran and North Korea.", ("iran", "aid", "russia")),
])
def test_pairs_and_directions(nlp, text, triple):
    found = relations(nlp, text)
    assert triple in found, found


def test_a_partnership_not_expected_to_grow_is_still_a_partnership(nlp):
    found = relations(nlp, "The partnership between Chile and Peru is not expected to turn into an alliance.")
    assert found[("chile", "partnership", "peru")] > 0


def test_relations_that_worsen_are_negative(nlp):
    found = relations(nlp, "Egypt's relations with Qatar worsened quickly.")
    assert found[("egypt", "partnership", "qatar")] < 0


def test_according_to_is_no_accord(nlp):
    found = extract_text("According to Kenya, Uganda sent troops.", nlp=nlp).relations
    assert not [r for r in found if r.cue == "accord"]
