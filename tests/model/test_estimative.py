"""Estimative terms map onto ICD 203 bands as the table in lang/en/estimative.yaml says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realpolitik.model import Forecast, Model, band_for_term, check_model, estimative_terms, load_model


@pytest.mark.parametrize(
    ("phrase", "band"),
    [
        ("will", "very likely"),
        ("will not", "very likely"),
        ("cannot afford", "very likely"),
        ("will eventually have no choice", "very likely"),
        ("is likely to", "likely"),
        ("are also likely to", "likely"),
        ("is expected to", "likely"),
        ("are anticipated to", "likely"),
        ("may", "roughly even chance"),
        ("might", "roughly even chance"),
        ("could still", "roughly even chance"),
        ("is not expected to", "unlikely"),
        ("very unlikely", "very unlikely"),
        ("almost certainly not", "almost no chance"),
    ],
)
def test_op_ed_hedges(phrase, band):
    assert band_for_term(phrase) == band


def test_whole_words_only():
    assert band_for_term("willingly") is None
    assert band_for_term("mayor") is None


@given(st.sampled_from(sorted(estimative_terms())), st.text(alphabet="abcdefghij ", max_size=15))
def test_a_listed_term_is_found_inside_any_phrase(term, padding):
    found = band_for_term(f"{padding} {term.upper()} {padding}")
    assert found is not None


def test_bundled_forecasts_use_the_table(bundled_path):
    model = load_model(bundled_path)
    assert all(band_for_term(f.estimative_term) == f.band for f in model.forecasts)
    assert not [p for p in check_model(model) if p.code == "E023"]


def test_override_is_a_warning_not_an_error():
    forecast = Forecast(id="f", statement="s", estimative_term="may", band="very likely")
    problems = check_model(Model(title="t", forecasts=[forecast]))
    assert [(p.code, p.severity) for p in problems] == [("E023", "warning")]

