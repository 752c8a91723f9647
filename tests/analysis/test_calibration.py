"""Log score, calibration by band, and scores per source document and author."""

from __future__ import annotations

import math

import pytest

from realpolitik.analysis import calibration_table, forecast_summary, log_score, scores_by_source
from realpolitik.model import Document, Evidence, Forecast, Model, Resolution

DOC_A, DOC_B = "a" * 64, "b" * 64


def _forecast(fid: str, band: str, outcome: bool | None, document: str) -> Forecast:
    resolution = None if outcome is None else Resolution(outcome=outcome, date="2024", source="note")
    return Forecast(id=fid, statement="s", estimative_term=band, band=band, resolution=resolution,
                    evidence=[Evidence(document=document, start=0, end=5, paraphrase="p")])


@pytest.fixture
def two_sources() -> Model:
    return Model(
        title="t",
        documents=[Document(id=DOC_A, title="First", author="Ana"), Document(id=DOC_B, title="Second", author="Ana")],
        forecasts=[_forecast("f1", "likely", True, DOC_A), _forecast("f2", "likely", False, DOC_A),
                   _forecast("f3", "very unlikely", False, DOC_B), _forecast("f4", "likely", None, DOC_B)],
    )


def test_log_score_by_hand(two_sources):
    expected = -(math.log(0.675) + math.log(0.325) + math.log(1 - 0.125)) / 3
    assert log_score(two_sources.forecasts) == pytest.approx(expected)
    assert log_score([]) is None


def test_a_certain_miss_costs_a_bounded_amount():
    forecast = _forecast("f", "almost certain", False, DOC_A)
    assert log_score([forecast]) == pytest.approx(-math.log(0.03))


def test_calibration_rows_by_band(two_sources):
    rows = {row.band: row for row in calibration_table(two_sources.forecasts)}
    assert (rows["likely"].resolved, rows["likely"].happened, rows["likely"].open) == (2, 1, 1)
    assert rows["likely"].observed == 0.5 and rows["likely"].within_band is False
    assert rows["very unlikely"].observed == 0.0 and rows["very unlikely"].within_band is False  # 0 % < 5 %


def test_scores_per_document_and_per_author(two_sources):
    by_document = {s.key: s for s in scores_by_source(two_sources, by="document")}
    assert by_document["First"].brier == pytest.approx((0.325**2 + 0.675**2) / 2)
    assert by_document["Second"].resolved == 1
    (author,) = scores_by_source(two_sources, by="author")
    assert author.key == "Ana" and author.forecasts == 4 and author.resolved == 3
    with pytest.raises(ValueError):
        scores_by_source(two_sources, by="publisher")


def test_seed_forecasts_are_scored_against_their_resolutions(bundled):
    summary = forecast_summary(bundled)
    assert summary.total == len(bundled.forecasts) and summary.resolved >= 10
    assert summary.brier is not None and summary.brier < 0.25  # better than always answering 50 %
    assert sum(row.resolved for row in summary.calibration) == summary.resolved
    assert [s.key for s in summary.by_author] == ["Asma Hussain"]
