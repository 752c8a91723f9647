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
