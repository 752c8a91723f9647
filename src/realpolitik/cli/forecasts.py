"""``realpolitik forecasts``: list a model's forecasts with band and status, score them, record resolutions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from pydantic import ValidationError

from realpolitik.analysis import forecast_midpoint, forecast_summary
from realpolitik.analysis.overview import ForecastSummary
from realpolitik.cli.common import EXIT_USAGE, console, fail, print_json, table
from realpolitik.cli.options import JsonOption, ModelArgument, model_path_or_bundled
from realpolitik.errors import Errors
from realpolitik.model import Model, Resolution, load_model
from realpolitik.model.edit import resolve_forecast
from realpolitik.model.edtf import InvalidDateError, parse_date

__all__ = ["register"]


class Outcome(StrEnum):
    true = "true"
    false = "false"


def _status(forecast) -> str:
    if forecast.resolution is None:
        return "open" + (f" (judge by {forecast.horizon})" if forecast.horizon else "")
    verdict = "came true" if forecast.resolution.outcome else "did not happen"
    return f"{verdict} ({forecast.resolution.date})"


def _as_json(model: Model, summary: ForecastSummary) -> dict[str, Any]:
    return {
        "forecasts": [
            {"id": f.id, "statement": f.statement, "estimative_term": f.estimative_term, "band": f.band,
             "probability": forecast_midpoint(f), "horizon": f.horizon,
             "resolution": None if f.resolution is None else f.resolution.model_dump(mode="json", exclude_none=True)}
            for f in model.forecasts
        ],
        "scores": summary.as_dict(),
    }


def _print(model: Model, summary: ForecastSummary) -> None:
    grid = table("Forecasts", "id", "statement", "term", "band", "p", "status")
    for f in model.forecasts:
        grid.add_row(f.id, f.statement, f.estimative_term, f.band, f"{forecast_midpoint(f):.2f}", _status(f))
    console.print(grid)
    if summary.brier is None:
        console.print("No forecast has resolved yet: nothing to score.")
        return
    console.print(f"{summary.resolved} of {summary.total} resolved, {summary.happened} came true: "
                  f"Brier {summary.brier:.3f}, log score {summary.log:.3f} (answering 50 % every time: 0.250, 0.693)")
    grid = table("Calibration by band", "band", "range", "resolved", "came true", "observed", "within band", "open")
    for row in summary.calibration:
        observed = "—" if row.observed is None else f"{row.observed:.0%}"
        within = "—" if row.within_band is None else ("yes" if row.within_band else "no")
        grid.add_row(row.band, f"{row.low:.0%}–{row.high:.0%}", str(row.resolved), str(row.happened), observed,
                     within, str(row.open))
    console.print(grid)
    for title, rows in (("By source document", summary.by_document), ("By author", summary.by_author)):
        grid = table(title, "source", "forecasts", "resolved", "Brier", "log")
        for score in rows:
            grid.add_row(score.key, str(score.forecasts), str(score.resolved),
                         "—" if score.brier is None else f"{score.brier:.3f}",
                         "—" if score.log is None else f"{score.log:.3f}")
        console.print(grid)


def forecasts_command(
    model: ModelArgument = None,
    resolve: Annotated[Optional[str], typer.Option(help="Record the outcome of the forecast with this id.")] = None,  # noqa: UP045
    outcome: Annotated[Optional[Outcome], typer.Option(help="Whether it happened.")] = None,  # noqa: UP045
    date: Annotated[Optional[str], typer.Option(help="When it was settled (EDTF).")] = None,  # noqa: UP045
    source: Annotated[Optional[str], typer.Option(help="Where the outcome is documented.")] = None,  # noqa: UP045
    note: Annotated[Optional[str], typer.Option(help="How the outcome was judged.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
) -> None:
    """List forecasts with band and status, score the resolved ones, or record a resolution in the file."""
    path: Path = model_path_or_bundled(model)
    if resolve is None:
        if outcome is not None or date is not None or source is not None or note is not None:
            fail(Errors.E062, EXIT_USAGE)
        loaded = load_model(path)
    else:
        if model is None:
            fail("name the model file to record a resolution in; the bundled model is read-only", EXIT_USAGE)
        if outcome is None:
            fail(Errors.E061.format(forecast=resolve), EXIT_USAGE)
        try:
            parse_date(date or "")
        except InvalidDateError as exc:
            fail("--date: " + Errors.E060.format(reason=exc), EXIT_USAGE)
        try:
            resolution = Resolution(outcome=outcome is Outcome.true, date=date or "", source=source or "", note=note)
        except ValidationError as exc:
            problems = "; ".join(f"--{'-'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            fail(problems, EXIT_USAGE)
        loaded = resolve_forecast(path, resolve, resolution)
        if not as_json:
            console.print(f"[green]recorded[/] {resolve}: {outcome.value} on {resolution.date} in {path}")
    summary = forecast_summary(loaded)
    if as_json:
        print_json(_as_json(loaded, summary))
    else:
        _print(loaded, summary)


def register(app: typer.Typer) -> None:
    app.command("forecasts")(forecasts_command)
