"""Scoring forecasts that have resolved: the probability each stood for, and the Brier score."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from realpolitik.model.schema import Forecast
from realpolitik.model.vocabulary import BANDS

__all__ = ["ForecastScore", "brier_score", "forecast_midpoint", "score_forecasts"]


def forecast_midpoint(forecast: Forecast) -> float:
    """The single probability a forecast is scored at: the midpoint of its probability range.

    A source commits to a band ("likely": 55-80 %), not to a number; the midpoint is the
    number that is wrong by the least in the worst case over the band, and it needs no
    assumption about where within the band the author meant.

    Examples
    --------
    >>> from realpolitik.model import Forecast
    >>> forecast_midpoint(Forecast(id="f", statement="s", estimative_term="likely", band="likely"))
    0.675
    """
    low, high = forecast.probability if forecast.probability is not None else BANDS[forecast.band]
    return round((low + high) / 2, 10)


@dataclass(frozen=True)
class ForecastScore:
    """One resolved forecast, the probability it is scored at, and its squared error."""

    forecast: str
    probability: float
    outcome: bool

    @property
    def brier(self) -> float:
        """``(probability - outcome) ** 2``: 0 is a perfect call, 1 the worst possible."""
        return (self.probability - float(self.outcome)) ** 2


def score_forecasts(forecasts: Iterable[Forecast]) -> list[ForecastScore]:
    """A :class:`ForecastScore` for each resolved forecast, in the order given; open ones are left out."""
    return [
        ForecastScore(forecast=f.id, probability=forecast_midpoint(f), outcome=f.resolution.outcome)
        for f in forecasts
        if f.resolution is not None
    ]


def brier_score(forecasts: Iterable[Forecast]) -> float | None:
    """Mean Brier score over the resolved forecasts, each scored at the midpoint of its band.

    Returns ``None`` when none has resolved, since a score over nothing would read as perfect.
    For reference, always answering 50 % scores 0.25.

    Examples
    --------
    A "likely" forecast (midpoint 0.675) that failed and an "almost certain" one (0.97) that held:

    >>> from realpolitik.model import Forecast, Resolution
    >>> r = lambda ok: Resolution(outcome=ok, date="2024", source="note")
    >>> fs = [Forecast(id="a", statement="s", estimative_term="likely", band="likely", resolution=r(False)),
    ...       Forecast(id="b", statement="s", estimative_term="almost certainly", band="almost certain",
    ...                resolution=r(True)),
    ...       Forecast(id="c", statement="s", estimative_term="may", band="unlikely")]
    >>> round(brier_score(fs), 6)  # (0.675**2 + 0.03**2) / 2
    0.228263
    >>> brier_score(fs[2:]) is None
    True
    """
    scores = score_forecasts(forecasts)
    if not scores:
        return None
    return sum(score.brier for score in scores) / len(scores)
