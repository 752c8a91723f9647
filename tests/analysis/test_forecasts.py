from __future__ import annotations

import pytest

from realpolitik.analysis import brier_score, forecast_midpoint, score_forecasts
from realpolitik.model import Forecast


def test_basin_brier_score_by_hand(basin):
    # likely -> 0.675 (failed), almost certain -> 0.97 (held), unlikely -> 0.325 (failed); one open.
    expected = (0.675**2 + 0.03**2 + 0.325**2) / 3
    assert brier_score(basin.forecasts) == pytest.approx(expected)
    assert [s.forecast for s in score_forecasts(basin.forecasts)] == ["f-treaty", "f-raids", "f-court"]


def test_explicit_probability_range_overrides_band():
    forecast = Forecast(id="f", statement="s", estimative_term="likely", band="likely", probability=(0.6, 0.7))
    assert forecast_midpoint(forecast) == pytest.approx(0.65)


def test_no_resolved_forecast_gives_no_score(basin):
    assert brier_score([f for f in basin.forecasts if f.resolution is None]) is None
    assert brier_score([]) is None
