"""find_forecasts on sentences written for these tests, and its recall (with the right band) on the seed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.corpus import read_source_text
from realpolitik.data import bundled_model_path
from realpolitik.errors import InputFileError, RealpolitikError
from realpolitik.extract.forecasts import find_forecasts
from realpolitik.lang import ICD203_BANDS
from realpolitik.model import load_model
from tests.extract.causal_helpers import overlaps, pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


def forecasts(nlp, text, **options):
    return find_forecasts(nlp(text), **options)


@pytest.mark.parametrize("text, term, band", [
    ("The central bank is expected to raise rates in March.", "is expected to", "likely"),
    ("Both parties are likely to lose seats.", "are likely to", "likely"),
    ("The coalition may collapse before the budget vote.", "may", "roughly even chance"),
    ("The talks could still fail.", "could still", "roughly even chance"),
    ("The port will reopen next week.", "will", "very likely"),
    ("The strike is set to spread to the northern mines.", "is set to", "very likely"),
    ("The junta cannot afford a long war.", "cannot afford", "very likely"),
    ("The court is unlikely to rule before June.", "is unlikely to", "unlikely"),
])
def test_terms_and_bands(nlp, text, term, band):
    (forecast,) = forecasts(nlp, text)
    assert forecast.estimative_term == term
    assert forecast.band == band and forecast.probability == ICD203_BANDS[band]
    assert forecast.actors == []
    assert text[forecast.evidence.start:forecast.evidence.end] == forecast.evidence.text


def test_negation_keeps_the_authors_polarity(nlp):
    (forecast,) = forecasts(nlp, "The navy will not intervene in the dispute.")
    assert forecast.band == "very likely" and forecast.negated is True
    assert forecast.statement == "The navy will not intervene in the dispute"


def test_conditional_keeps_its_condition(nlp):
    (forecast,) = forecasts(nlp, "If the ceasefire holds, the refugees will return home.")
    assert forecast.band == "very likely"
    assert forecast.condition == "If the ceasefire holds"


@pytest.mark.parametrize("text", [
    "The ministers believed that the truce would hold.",
    "Officials said the bridge will be repaired.",
    "The army could have avoided the ambush.",
    "Will the talks resume in May?",
    "The delegation arrived on Tuesday and met the governor.",
])
def test_past_reported_or_no_estimate_is_not_a_forecast(nlp, text):
    assert forecasts(nlp, text) == []


@pytest.mark.parametrize("text, term, band, statement", [
    # "would" (the conditional) and "can" (what is open) are estimative terms
    ("A ceasefire would leave the rebels without a supply line.", "would", "likely",
     "A ceasefire would leave the rebels without a supply line"),
    ("Valdoria can still win the runoff.", "can still", "roughly even chance", "Valdoria can still win the runoff"),
    # an actor's present plan
    ("Borovia aims to become a transit hub for the region.", "aims to", "likely",
     "Borovia aims to become a transit hub for the region"),
    # predicate adjectives: estimative terms with their degree word, and adjectives of the future
    ("A collapse of the coalition is very unlikely.", "is very unlikely", "very unlikely",
     "A collapse of the coalition is very unlikely"),
    ("The lull in the fighting is only temporary.", "is only temporary", "very likely",
     "The lull in the fighting is only temporary"),
    # a term governing a that-clause: the clause is the statement
    ("It is likely that the governor resigns in the spring.", "is likely", "likely",
     "the governor resigns in the spring"),
    ("It is conceivable that the rebels might split into factions.", "is conceivable", "roughly even chance",
     "the rebels might split into factions"),
    # nouns of chance with what may happen
    ("The merchants face the risk of a second blockade.", "risk", "roughly even chance",
     "The merchants face the risk of a second blockade"),
    ("The talks offer the potential for a lasting truce.", "potential", "roughly even chance",
     "The talks offer the potential for a lasting truce"),
    ("One scenario is that the militia is disbanded.", "scenario", "roughly even chance", "the militia is disbanded"),
    ("The risk is that the dam fails in the spring.", "risk", "roughly even chance", "the dam fails in the spring"),
    # an adjective of chance on a happening
    ("The ministry is preparing for a potential strike in the mines.", "potential", "roughly even chance",
     "The ministry is preparing for a potential strike in the mines"),
    # a time ahead in a present-tense clause
    ("The cabinet has hard choices to make over the coming months.", "coming months", "very likely",
     "The cabinet has hard choices to make over the coming months"),
    # "should" where nobody is advised: an expletive subject, a copula under a thing
    ("It should be harder for the smugglers to cross the river.", "should", "likely",
     "It should be harder for the smugglers to cross the river"),
    ("The northern road should be open again by the spring.", "should", "likely",
     "The northern road should be open again by the spring"),
    # a word on a noun of chance sets its band
    ("There is little danger of the truce collapsing.", "little danger", "unlikely",
     "There is little danger of the truce collapsing"),
    # the term is the verb group, not the words before it
    ("However, the guild is expected to reject the offer.", "is expected to", "likely",
     "However, the guild is expected to reject the offer"),
])
def test_forecasts_beyond_will_and_may(nlp, text, term, band, statement):
    (forecast,) = forecasts(nlp, text)
    assert (forecast.estimative_term, forecast.band, forecast.statement) == (term, band, statement)
    assert text[forecast.evidence.start:forecast.evidence.end] == forecast.evidence.text


def test_the_condition_is_not_a_forecast_of_its_own(nlp):
    found = forecasts(nlp, "If the garrison cannot hold the pass, the valley will fall.")
    assert [(f.estimative_term, f.condition) for f in found] == [("will", "If the garrison cannot hold the pass")]


def test_a_noun_of_chance_inside_a_modal_clause_is_that_forecast(nlp):
    found = forecasts(nlp, "The rebels can win enough seats to be worth the risk of a boycott.")
    assert [f.estimative_term for f in found] == ["can"]


def test_an_idiom_of_the_future_keeps_its_negation(nlp):
    (forecast,) = forecasts(nlp, "Mass arrests are not on the cards for now.")
    assert (forecast.estimative_term, forecast.band, forecast.negated) == ("on the cards", "very likely", True)


@pytest.mark.parametrize("text", [
    # advice, not expectation: an agent told what to do, or a passive order
    "The envoy should resign at once.",
    "The allies should be told to leave the harbour.",
    # "would" of a wish or of the writer's opinion
    "The port authority would rather sell the cranes.",
    "We would argue that the treaty failed.",
    # "can" of a general truth, of the writer's reading, of a capacity described
    "Tanks can be held in reserve for a counterattack.",
    "One can see the strain in the northern provinces.",
    "The drones it can field are few.",
    "The plan could be seen as a retreat.",
    # the past: a past hedge, an estimate of what happened, a past expectation, a speculation about the past
    "Borovia aimed to become a transit hub for the region.",
    "It was very likely that the envoys met in secret.",
    "The offer was made in the expectation that it would be refused.",
    "The garrison might have decided to leave the fort.",
    # "would" in a judgement with "it", and "would" of a past narrative (what used to happen)
    "Still, it would be an error to treat the council as neutral.",
    "The cell recruited students in 2019. A team would then contact the best of them. Another would train them.",
    # a fact shown, not a forecast; a question inside a longer sentence
    "The mere fact that the guards could open the gate shows their reach.",
    "Where will the next crisis come from? Nobody in the capital knows.",
    # no chance or happening: "impossible to predict" is no estimate, "a potential partner" no event
    "Analysts say the outcome is impossible to predict.",
    "Here, the island emerges as a potential partner for the league.",
])
def test_advice_wishes_readings_and_the_past_are_not_forecasts(nlp, text):
    assert forecasts(nlp, text) == []


@pytest.mark.parametrize("text, statement", [
    # a relative clause takes the noun it hangs on as subject, through a participle ("tied to")
    ("The planners hope the canal, which would bypass the old port, opens soon.",
     "the canal would bypass the old port"),
    ("There are a dozen firms tied to the palace that could supply the fuel.",
     "a dozen firms tied to the palace could supply the fuel"),
    # a heading the parser ran into the sentence is cut off
    ("Future Scenarios\n\nThe regent will abdicate before the winter.", "The regent will abdicate before the winter"),
    # a participle after "with NP" is untensed: no past report, and the noun phrase is its subject
    ("Summits have been organised by Arvena and Tolm, with Brevia also expected to host one.",
     "Brevia also expected to host one"),
])
def test_statements_are_clauses_with_their_subject(nlp, text, statement):
    found = [f for f in forecasts(nlp, text) if f.estimative_term in ("would", "could", "will", "also expected to")]
    assert [f.statement for f in found] == [statement]


def test_coordinated_forecasts_are_separate(nlp):
    found = forecasts(nlp, "The envoy is expected to stay, and may even extend his mission.")
    assert [(f.estimative_term, f.band) for f in found] == [("is expected to", "likely"),
                                                            ("may even", "roughly even chance")]
    assert found[1].statement.startswith("The envoy")


def test_user_terms_override_the_table(nlp, tmp_path):
    text = "The mill may close in the spring."
    assert forecasts(nlp, text, terms={"may": "unlikely"})[0].band == "unlikely"
    path = tmp_path / "terms.yaml"
    path.write_text("almost certain:\n  - is poised to\n", encoding="utf-8")
    (forecast,) = forecasts(nlp, "The party is poised to win the runoff.", terms=path)
    assert (forecast.estimative_term, forecast.band) == ("is poised to", "almost certain")
    assert forecasts(nlp, text, terms={"may": None}) == []


@pytest.mark.parametrize("content", ["likelyish:\n  - may\n", "- may\n", "may: sure\n"])
def test_bad_term_table_is_one_clear_error(nlp, tmp_path, content):
    path = tmp_path / "terms.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match="estimative-term table"):
        forecasts(nlp, "The mill may close.", terms=path)


def test_doc_without_parse_is_refused(nlp):
    with pytest.raises(RealpolitikError, match="dependency parse"):
        find_forecasts(nlp.make_doc("The mill may close."))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["The union", "The new cabinet", "Local traders"]),
       st.sampled_from([("will", "very likely"), ("might", "roughly even chance"), ("is likely to", "likely"),
                        ("is expected to", "likely")]),
       st.sampled_from(["resist the plan", "raise prices", "leave the coalition"]))
def test_generated_forecasts(nlp, subject, term_band, predicate):
    term, band = term_band
    text = f"{subject} {term} {predicate}."
    (forecast,) = forecasts(nlp, text)
    assert (forecast.estimative_term, forecast.band) == (term, band)
    assert forecast.statement == f"{subject} {term} {predicate}"


def test_seed_recall_with_the_right_band(nlp, seed_path):
    doc = nlp(read_source_text(seed_path).text)
    found = find_forecasts(doc)
    gold = load_model(bundled_model_path()).forecasts
    assert len(gold) == 15
    hits = sum(any(f.band == g.band and overlaps(f.evidence.start, f.evidence.end, g.evidence[0].start,
                                                   g.evidence[0].end) for f in found) for g in gold)
    # measured: 14 of 15 (0.93); the miss is a forecast whose hedge stands in the next sentence
    assert hits / len(gold) >= 0.93, hits


def test_a_forecast_inside_another_of_the_same_band_is_said_once(nlp):
    text = "It would be a disaster from which the harbour towns would never recover."
    found = find_forecasts(nlp(text))
    assert [f.statement for f in found] == ["It would be a disaster from which the harbour towns would never recover"]
    # one of another band inside says something of its own and stays
    both = find_forecasts(nlp("The ministry might argue that the new dam will flood three valleys."))
    assert [(f.statement, f.band) for f in both] == [
        ("The ministry might argue that the new dam will flood three valleys", "roughly even chance"),
        ("the new dam will flood three valleys", "very likely")]
