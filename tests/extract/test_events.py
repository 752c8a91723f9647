"""Dated events on invented sentences: which happening a date dates, its description, its evidence."""

from __future__ import annotations

import pytest

from realpolitik.extract import extract_text


def _events(nlp, text, published="2031-08-20"):
    return extract_text(text, nlp=nlp, published=published).events


def test_the_description_says_who_did_what_in_our_words(nlp):
    text = "In 2027 the new government of Norway signed a long contract with the Brenner Group."
    (event,) = _events(nlp, text)
    assert event.date == "2027" and event.type == "agree"
    assert event.description == "new government of Norway signed long contract with Brenner Group"
    assert event.evidence.text != event.description  # the source's words stay in the evidence


def test_each_bracketed_date_of_a_list_is_an_event_of_its_item(nlp):
    text = "Trade fairs have already been hosted by Norway (May 2029) and Chile (June 2030)."
    events = _events(nlp, text)
    by_date = {e.date: e for e in events}
    assert set(by_date) == {"2029-05", "2030-06"}
    assert by_date["2029-05"].actors == ["norway"] and by_date["2030-06"].actors == ["chile"]
    assert by_date["2030-06"].description.startswith("Chile:")


def test_a_heading_joined_to_the_next_line_is_not_the_event(nlp):
    text = "Chile in Focus\n\nLast week a Norwegian report criticised the government of Chile."
    (event,) = _events(nlp, text)
    assert event.date == "2031-08-11/2031-08-17"
    assert event.trigger == "criticise" and event.type == "accuse"


def test_a_date_naming_no_happening_dates_its_clause_to_the_month(nlp):
    text = "Chile quickly denied any role in the events of 4 May."
    (event,) = _events(nlp, text)
    assert (event.date, event.type) == ("2031-05", "reject")


def test_a_pronouns_antecedent_joins_the_evidence(nlp):
    text = "The valley was part of Norway until it joined Sweden in March 1905."
    (event,) = _events(nlp, text)
    assert event.date == "1905-03"
    assert event.evidence.text.startswith("The valley was part of Norway")
    assert event.description.startswith("valley joined Sweden")


@pytest.mark.parametrize(("text", "date"), [
    ("The recent coup in Chile alarmed Norway.", "2031-08~"),
    ("Chile hosted Norway for talks on 2 March.", "2031-03-02"),
    ("Norway will host Chile for talks in November.", "2031-11"),
    ("Norway hosted Chile for talks in November.", "2030-11"),
    ("Chile shelled Norway during the afternoon of 4 May.", "2031-05-04"),  # a time noun keeps the day
])
def test_dates_without_a_year_date_events(nlp, text, date):
    assert date in [e.date for e in _events(nlp, text)]


def test_a_dated_happening_needs_no_actor(nlp):
    (event,) = _events(nlp, "Rumours of a mutiny had been circulating since February.")
    assert event.date == "2031-02/.." and event.actors == []


def test_narrative_time_reads_each_coordinated_clause(nlp):
    text = ("Sweden quickly denied any role, and Chile has since declared that it saw no sign of Swedish involvement "
            "in the events of 4 May.")
    events = _events(nlp, text)
    denial = next(e for e in events if e.trigger == "deny")
    assert (denial.date, denial.type, denial.date_inferred) == ("2031-05", "reject", True)
    assert "sweden" in denial.actors and "chile" not in denial.actors


def test_a_possessive_pronoun_reads_as_the_clauses_subject(nlp):
    events = _events(nlp, "Since its independence in 1905, Norway has kept a navy.")
    assert any(e.description == "Norway’s independence" for e in events)


@pytest.mark.parametrize(("text", "trigger", "kind"), [
    ("Chile renewed its pledge to Norway back in 2029.", "renew", "agree"),  # "back" is no predicate here
    ("Norway praised the deal struck with Chile in 2029.", "strike", "agree"),  # a deal struck is no attack
])
def test_the_predicate_and_its_type(nlp, text, trigger, kind):
    event = next(e for e in _events(nlp, text) if e.date == "2029")
    assert (event.trigger, event.type) == (trigger, kind)


def test_a_copula_keeps_the_days_date(nlp):
    text = "Chile shelled the port on 3 May. By the following morning, 11 people in Norway were dead."
    assert "2031-05-04" in [e.date for e in _events(nlp, text)]


def test_a_hard_wrapped_line_is_no_break_but_a_title_line_is(nlp):
    wrapped = "In 2029 the government of Chile signed a long treaty of\nfriendship with Norway in the capital."
    (event,) = _events(nlp, wrapped)
    assert event.trigger == "sign" and "friendship" in event.evidence.text
    titled = "Chile and Norway at Sea\nLast week the navy of Chile attacked a Norwegian ship."
    event = next(e for e in _events(nlp, titled) if e.date == "2031-08-11/2031-08-17")
    assert not event.description.startswith("Chile and Norway")


@pytest.mark.parametrize(("text", "kept"), [
    ("Chile will most likely attack Norway between 2033 and 2035.", False),  # a forecast's horizon
    ("Chile can defeat Norway by 2034.", False),
    ("Support will be vital as the vote in Chile looms in November.", True),  # scheduled, no modal of its own
    ("Chile attacked Norway in 2029.", True),
])
def test_a_date_after_publication_under_a_modal_is_no_event(nlp, text, kept):
    assert bool(_events(nlp, text)) == kept
