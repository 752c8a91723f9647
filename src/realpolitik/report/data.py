"""Everything a report shows, computed once: analysis results, simulation runs and press results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.analysis import (
    DEFAULT_MAX_LEVERS,
    ActorStructure,
    ConceptCentrality,
    FeedbackLoop,
    ForecastScore,
    ForecastSummary,
    Lever,
    TimelineStep,
    actor_network,
    actor_strength,
    actor_structure,
    brier_score,
    concept_centrality,
    feedback_loops,
    forecast_summary,
    main_levers,
    score_forecasts,
    stance_timeline,
)
from realpolitik.data import bundled_model_path
from realpolitik.errors import Errors, SimulationError
from realpolitik.model.schema import Model
from realpolitik.model.summary import display_names

if TYPE_CHECKING:  # a type only: the functions below import the simulation stage where they run it
    from realpolitik.simulate import PressResult, SimulationRun
    from realpolitik.simulate.press import WeightScheme

__all__ = [
    "DEFAULT_DRAWS",
    "PRESS_WEIGHTS",
    "PressOutcome",
    "ReportData",
    "add_presses",
    "add_scenarios",
    "report_data_without_runs",
    "build_report_data",
    "quotable_texts",
    "run_presses",
    "run_scenarios",
]

#: Draws per press, as the simulation defaults to: with the model's weights about one in ten is stable and kept,
#: which leaves some 900 per lever, enough for shares to about ±0.03.
DEFAULT_DRAWS = 10_000
#: Sample link strengths around the model's own weights (narrower for confident links), not uniformly:
#: the curated magnitudes are part of the analysis the report presents.
PRESS_WEIGHTS: WeightScheme = "model"


@dataclass(frozen=True)
class PressOutcome:
    """A lever, and the press perturbation's result on it or the reason there is none."""

    lever: Lever
    result: PressResult | None
    error: str | None = None


@dataclass
class ReportData:
    """The inputs of every section of a report.

    ``run`` is a :class:`realpolitik.simulate.SimulationRun` (or ``None`` with ``run_error``
    saying why); ``presses`` holds one :class:`PressOutcome` per main lever.
    """

    model: Model
    source: str | None = None
    #: Texts of the source documents at hand, by id: the evidence appendix quotes the sentence of each span from
    #: them (the user's own documents; the bundled model's report keeps to paraphrases).
    texts: dict[str, str] = field(default_factory=dict)
    loops: list[FeedbackLoop] = field(default_factory=list)
    centrality: list[ConceptCentrality] = field(default_factory=list)
    key_actors: list[tuple[str, float]] = field(default_factory=list)
    run: SimulationRun | None = None
    run_error: str | None = None
    levers: list[Lever] = field(default_factory=list)
    presses: list[PressOutcome] = field(default_factory=list)
    press_options: dict[str, Any] = field(default_factory=dict)
    scores: list[ForecastScore] = field(default_factory=list)
    brier: float | None = None
    balance: ActorStructure | None = None
    turns: list[TimelineStep] = field(default_factory=list)
    forecast_scores: ForecastSummary | None = None
    #: The "what changed since the model" section when the model was updated with later documents (plain values
    #: from :func:`realpolitik.updates.changes_section`); None leaves the section out.
    changes: dict[str, Any] | None = None

    @property
    def names(self) -> dict[str, str]:
        """Display name of every actor and label of every concept, by id."""
        return display_names(self.model)

    @property
    def expected(self) -> dict[str, dict[str, int]]:
        """Per scenario, the directions the source argues for (concept id -> -1, 0 or +1)."""
        return {s.id: dict(s.expected) for s in self.model.scenarios}

    @property
    def pressed(self) -> list[PressOutcome]:
        """The presses that gave a result."""
        return [p for p in self.presses if p.result is not None]


def run_scenarios(model: Model, **options: Any) -> tuple[SimulationRun | None, str | None]:
    """Simulate every scenario of the model; return (run, None), or (None, reason) when it cannot be done."""
    from realpolitik.simulate import simulate_scenarios

    if not model.scenarios:
        return None, "the model defines no scenarios"
    try:
        return simulate_scenarios(model, **options), None
    except SimulationError as exc:
        return None, Errors.E055.format(reason=exc)


def run_presses(model: Model, levers: Sequence[Lever], *, draws: int = DEFAULT_DRAWS, seed: int = 0,
                weights: WeightScheme = PRESS_WEIGHTS,
                on_step: Callable[[str], None] | None = None) -> list[PressOutcome]:
    """One press perturbation per lever; a lever whose press fails keeps the reason (E054) instead.

    See :data:`PRESS_WEIGHTS` for the default weight scheme. ``on_step`` hears of each press before it runs.
    """
    from realpolitik.simulate import press_perturbation

    outcomes = []
    for number, lever in enumerate(levers, start=1):
        if on_step is not None:
            on_step(f"pressing {lever.label} ({number} of {len(levers)})")
        try:
            result = press_perturbation(model, lever.press, draws=draws, seed=seed, weights=weights)
            outcomes.append(PressOutcome(lever, result))
        except SimulationError as exc:
            outcomes.append(PressOutcome(lever, None, Errors.E054.format(concept=lever.concept, reason=exc)))
    return outcomes


def report_data_without_runs(model: Model, *, source: str | Path | None = None, max_loop_length: int = 8,
                  at: str | None = None, texts: dict[str, str] | None = None) -> ReportData:
    """The report's data without simulation: loops, centrality, key actors, balance and forecast scores.

    ``at`` is the date (EDTF) the actors' balance is read at; today when None. ``texts`` are the source documents'
    texts at hand, by id, for the evidence appendix's quotes.
    """
    data = ReportData(model=model, source=str(source) if source is not None else None, texts=dict(texts or {}))
    data.loops = feedback_loops(model, max_length=max_loop_length)
    data.centrality = concept_centrality(model)
    data.key_actors = actor_strength(actor_network(model, people=False))
    data.scores = score_forecasts(model.forecasts)
    data.brier = brier_score(model.forecasts)
    data.balance = actor_structure(model, at or dt.date.today().isoformat())
    data.turns = stance_timeline(model)
    data.forecast_scores = forecast_summary(model)
    return data


def add_scenarios(data: ReportData, run: SimulationRun | None = None, *, simulate: bool = True,
                  max_levers: int = DEFAULT_MAX_LEVERS) -> ReportData:
    """Attach a simulation run (``run``, or a fresh one when ``simulate``) and choose the levers from it."""
    data.run, data.run_error = run, None
    if run is None:
        data.run, data.run_error = run_scenarios(data.model) if simulate else (None, "simulation was not requested")
    data.levers = main_levers(data.model, baseline=getattr(data.run, "baseline", None), max_levers=max_levers)
    return data


def add_presses(data: ReportData, presses: Sequence[PressOutcome] | None = None, *, simulate: bool = True,
                draws: int = DEFAULT_DRAWS, seed: int = 0,
                on_step: Callable[[str], None] | None = None) -> ReportData:
    """Attach press results (``presses``, or one fresh press per lever when ``simulate``)."""
    data.press_options = {"draws": draws, "seed": seed, "weights": PRESS_WEIGHTS}
    if presses is not None:
        data.presses = list(presses)
    elif simulate and data.model.causal_links:
        data.presses = run_presses(data.model, data.levers, draws=draws, seed=seed, on_step=on_step)
    return data


def build_report_data(
    model: Model,
    *,
    source: str | Path | None = None,
    run: SimulationRun | None = None,
    presses: Sequence[PressOutcome] | None = None,
    simulate: bool = True,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    max_levers: int = DEFAULT_MAX_LEVERS,
    max_loop_length: int = 8,
    texts: dict[str, str] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> ReportData:
    """Compute everything a report shows.

    Parameters
    ----------
    model
        The model to report on.
    source
        The model file, named in the report's footer.
    run, presses
        Results computed beforehand; when missing and ``simulate`` is true they are computed here.
    simulate
        Run the scenarios and the presses when they were not given.  With false, a report
        shows the model and its analysis only.
    draws, seed
        Passed to each press perturbation.
    max_levers
        At most this many levers are pressed (see :func:`realpolitik.analysis.main_levers`).
    max_loop_length
        Longest feedback loop enumerated.
    texts
        The source documents' texts at hand, by id: the evidence appendix then shows each span's sentence.
    on_step
        Told what is being done before each step (the analysis, the scenarios, each press), for a progress display.
    """
    def step(what: str) -> None:
        if on_step is not None:
            on_step(what)

    step("analysing loops, centrality and actors")
    data = report_data_without_runs(model, source=source, max_loop_length=max_loop_length, texts=texts)
    step("running the scenarios")
    add_scenarios(data, run, simulate=simulate, max_levers=max_levers)
    return add_presses(data, presses, simulate=simulate, draws=draws, seed=seed, on_step=on_step)


def quotable_texts(model_path: str | Path, texts: Mapping[str, str]) -> dict[str, str]:
    """The source texts a report of the model file at ``model_path`` may quote: ``texts``, or none for the
    bundled model, whose report keeps to its paraphrases (its source is a published article, not the user's).

    Examples
    --------
    >>> quotable_texts(bundled_model_path(), {"d": "text"}), quotable_texts("mine.yaml", {"d": "text"})
    ({}, {'d': 'text'})
    """
    return {} if Path(model_path).resolve() == bundled_model_path().resolve() else dict(texts)
