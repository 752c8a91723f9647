"""Roles and affiliations of people read from appositions, titles with a portfolio, descriptive nouns and
"and other ..." phrases, on invented sentences (the people are made up)."""

from __future__ import annotations

from realpolitik.extract import extract_text


def _people(nlp, text):
    return {a.id: a for a in extract_text(text, nlp=nlp).actors if a.kind == "person"}


def test_a_title_with_a_portfolio_keeps_the_portfolio(nlp):
    found = _people(nlp, "According to officials, Chilean Minister of Defence Tomas Reikovan warned the press "
                         "before the vote.")
    assert (found["tomas_reikovan"].role, found["tomas_reikovan"].affiliation) == ("minister of defence", "chile")


def test_a_title_of_a_state_is_no_portfolio(nlp):
    found = _people(nlp, "The talks were opened by the President of Chile, Maria Lopez, in March.")
    assert (found["maria_lopez"].role, found["maria_lopez"].affiliation) == ("president", "chile")


def test_the_affiliation_is_the_titles_own_not_an_earlier_conjunct(nlp):
    found = _people(nlp, "Among the wounded were senior Hamas commanders and the Qatari Ambassador to Egypt, "
                         "Karim Vessalo.")
    assert (found["karim_vessalo"].role, found["karim_vessalo"].affiliation) == ("ambassador", "qatar")


def test_an_apposition_with_a_possessor_gives_the_noun_it_qualifies(nlp):
    found = _people(nlp, "In 2001 the police arrested Dana Orlovic, Hamas's chief negotiator, at the border.")
    assert (found["dana_orlovic"].role, found["dana_orlovic"].affiliation) == ("chief negotiator", "hamas")


def test_an_apposition_may_start_with_an_adjective(nlp):
    found = _people(nlp, "The talks followed the visit of Amos Keller, senior envoy of the Biden administration, "
                         "to the region.")
    assert (found["amos_keller"].role, found["amos_keller"].affiliation) == ("envoy", "united_states")


def test_a_common_noun_between_article_and_name_is_the_role(nlp):
    found = _people(nlp, "In 2009 the agency killed the terrorist Omar Vessak in a car bomb. The journalist "
                         "Lena Marovic wrote about it.")
    assert found["omar_vessak"].role == "terrorist"
    assert found["lena_marovic"].role == "journalist"


def test_one_of_other_dignitaries_of_a_body(nlp):
    found = _people(nlp, "The deal asked Chile to return Ramon Estavillo and other dignitaries of the Chilean "
                         "government.")
    person = found["ramon_estavillo"]
    assert person.role == "dignitaries of the chilean government"
    assert person.affiliation is not None and "chile" in person.affiliation


def test_a_leaders_regime_is_the_states_government(nlp):
    actors = {a.id: a for a in extract_text("Few observers expect sanctions to topple the Putin regime soon; "
                                            "Russia still sells its oil.", nlp=nlp).actors}
    assert "Putin regime" in actors["russia"].aliases
    assert actors["vladimir_putin"].kind == "person"
