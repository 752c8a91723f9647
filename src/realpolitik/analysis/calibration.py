"""How good the forecasts were: log score, calibration by band, and scores per source and author."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from realpolitik.analysis.forecasts import brier_score, forecast_midpoint
from realpolitik.model.schema import Forecast, Model
from realpolitik.model.vocabulary import BANDS

__all__ = ["BandCalibration", "SourceScore", "calibration_table", "log_score", "scores_by_source"]

#: Probabilities are clipped to this distance from 0 and 1 so that one confident miss is costly, not infinite.
LOG_CLIP = 0.01


def log_score(forecasts: Iterable[Forecast]) -> float | None:
    """Mean negative log likelihood of the outcomes (lower is better; 50 % every time scores ln 2 ≈ 0.693).

    Examples
    --------
    >>> from realpolitik.model import Forecast, Resolution
    >>> held = Resolution(outcome=True, date="2022", source="s")
    >>> f = Forecast(id="f", statement="s", estimative_term="likely", band="likely", resolution=held)
    >>> round(log_score([f]), 4)  # -ln(0.675)
    0.393
    """
    losses = []
    for forecast in forecasts:
        if forecast.resolution is None:
            continue
        p = min(max(forecast_midpoint(forecast), LOG_CLIP), 1 - LOG_CLIP)
        losses.append(-math.log(p if forecast.resolution.outcome else 1 - p))
    return sum(losses) / len(losses) if losses else None


@dataclass(frozen=True)
class BandCalibration:
    """For one ICD 203 band: how many forecasts resolved, and how often they came true."""

    band: str
    low: float
    high: float
    resolved: int
    happened: int
    open: int

    @property
    def observed(self) -> float | None:
        return self.happened / self.resolved if self.resolved else None

    @property
    def within_band(self) -> bool | None:
        """Whether the observed frequency falls inside the band (None with nothing resolved)."""
        observed = self.observed
        return None if observed is None else self.low <= observed <= self.high


def calibration_table(forecasts: Iterable[Forecast]) -> list[BandCalibration]:
    """One row per band that holds forecasts, from 'almost no chance' to 'almost certain'."""
    rows: dict[str, list[int]] = {}
    for forecast in forecasts:
        counts = rows.setdefault(forecast.band, [0, 0, 0])
        if forecast.resolution is None:
            counts[2] += 1
        else:
            counts[0] += 1
            counts[1] += int(forecast.resolution.outcome)
    table = []
    for band, (low, high) in BANDS.items():
        if band in rows:
            resolved, happened, pending = rows[band]
            table.append(BandCalibration(band, low, high, resolved, happened, pending))
    return table


@dataclass(frozen=True)
class SourceScore:
    """Scores of the forecasts drawn from one document, or written by one author."""

    key: str
    forecasts: int
    resolved: int
    brier: float | None
    log: float | None


def scores_by_source(model: Model, *, by: str = "document") -> list[SourceScore]:
    """Brier and log scores per source document (``by="document"``) or per author (``by="author"``).

    A forecast belongs to the documents its evidence points to.
    """
    if by not in {"document", "author"}:
        raise ValueError(f"by must be 'document' or 'author', got {by!r}")
    documents = {document.id: document for document in model.documents}
    groups: dict[str, list[Forecast]] = {}
    for forecast in model.forecasts:
        for document_id in dict.fromkeys(e.document for e in forecast.evidence):
            document = documents.get(document_id)
            if by == "document":
                key = document.title if document else document_id
            else:
                key = (document.author if document else None) or "(unknown author)"
            groups.setdefault(key, []).append(forecast)
    return [
        SourceScore(
            key=key,
            forecasts=len(items),
            resolved=sum(f.resolution is not None for f in items),
            brier=brier_score(items),
            log=log_score(items),
        )
        for key, items in sorted(groups.items())
    ]
