"""Scenarios of a model run as one FCM batch, each compared with the baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from realpolitik.errors import Errors, SimulationError, UnknownIdError
from realpolitik.model import resolve_clamps
from realpolitik.model.schema import Model, Scenario
from realpolitik.simulate.fcm import run_fcm
from realpolitik.simulate.matrix import causal_matrix, concept_index, require_links
from realpolitik.simulate.transfer import check_rule, check_transfer, neutral_value, transfer_range

__all__ = [
    "AD_HOC",
    "BASELINE",
    "HOLD_SOURCES",
    "ScenarioOutcome",
    "SimulationRun",
    "simulate_clamps",
    "simulate_scenarios",
]

#: Id of the scenario every other one is compared with, when the model has it.
BASELINE = "baseline"
#: Default for concepts without incoming links: held at their initial value (see docs/decisions/simulate.md).
HOLD_SOURCES = True


def most_moved(outcome: Any, baseline: str | None, count: int = 4) -> list[int]:
    """The indices of the ``count`` concepts an outcome (anything with ``scenario``, ``delta`` and ``final``) moves
    most against the baseline; for the baseline itself, or an outcome that moves nothing, those that end highest.
    They are the ones a trajectories chart colours and names, in the report and on the web page alike."""
    score = np.abs(np.asarray(outcome.delta, dtype=float))
    if outcome.scenario == baseline or not score.any():
        score = np.asarray(outcome.final, dtype=float)
    return [int(i) for i in np.argsort(-score, kind="stable")[:count]]


@dataclass(frozen=True)
class ScenarioOutcome:
    """One scenario's run: its trajectory, where it ended, and how that differs from the baseline."""

    scenario: str
    name: str
    trajectory: np.ndarray
    final: np.ndarray
    delta: np.ndarray
    status: Literal["fixed_point", "limit_cycle", "not_converged"]
    period: int | None
    steps_run: int
    clamps: dict[str, float] = field(default_factory=dict)

    def most_moved(self, baseline: str | None, count: int = 4) -> list[int]:
        """The indices of the ``count`` concepts this run moves most (see :func:`most_moved`)."""
        return most_moved(self, baseline, count)

    def to_dict(self, concepts: tuple[str, ...]) -> dict[str, Any]:
        """JSON-ready data; ``final`` and ``delta`` keyed by concept id."""
        return {
            "scenario": self.scenario,
            "name": self.name,
            "status": self.status,
            "period": self.period,
            "steps_run": self.steps_run,
            "clamps": dict(self.clamps),
            "final": dict(zip(concepts, self.final.tolist(), strict=True)),
            "delta": dict(zip(concepts, self.delta.tolist(), strict=True)),
            "trajectory": self.trajectory.tolist(),
        }


@dataclass(frozen=True)
class SimulationRun:
    """The outcomes of a set of scenarios run together, with the options used."""

    concepts: tuple[str, ...]
    baseline: str | None
    outcomes: list[ScenarioOutcome]
    options: dict[str, Any]

    def outcome(self, scenario: str) -> ScenarioOutcome:
        """The outcome of ``scenario``.

        Raises
        ------
        UnknownIdError
            E033 if the run holds no such scenario.
        """
        for outcome in self.outcomes:
            if outcome.scenario == scenario:
                return outcome
        known = ", ".join(o.scenario for o in self.outcomes)
        raise UnknownIdError(Errors.E033.format(scenario=scenario, known=known))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: concepts, baseline, options and every outcome."""
        return {
            "concepts": list(self.concepts),
            "baseline": self.baseline,
            "options": dict(self.options),
            "outcomes": [outcome.to_dict(self.concepts) for outcome in self.outcomes],
        }


def _check_clamps(clamps: dict[str, float], transfer: str) -> None:
    low, high = transfer_range(transfer)
    for concept, value in clamps.items():
        if not low <= value <= high:
            message = Errors.E032.format(value=value, concept=concept, transfer=transfer, low=low, high=high)
            raise SimulationError(message)


def simulate_scenarios(
    model: Model,
    scenarios: list[str] | None = None,
    *,
    rule: str = "modified_kosko",
    transfer: str = "sigmoid",
    steepness: float = 1.0,
    steps: int = 100,
    tolerance: float = 1e-5,
    hold_sources: bool = HOLD_SOURCES,
    initial: float | None = None,
) -> SimulationRun:
    """Run a model's scenarios (all of them by default) as one batch and compare each with the baseline.

    Every concept starts at ``initial`` (the transfer function's neutral value by default: 0.5 for sigmoid,
    0 otherwise); a scenario's clamps, its ``extends`` chain resolved, hold concepts at their values at
    every step.  The baseline is the scenario with id ``baseline`` when the model has one, else a run with
    no clamps; every outcome's ``delta`` is its final state minus the baseline's.

    Parameters
    ----------
    model
        The model whose causal map is run.
    scenarios
        Ids of the scenarios to run; ``None`` runs all of the model's.
    rule, transfer, steepness, steps, tolerance, hold_sources
        As for :func:`realpolitik.simulate.fcm.run_fcm`.
    initial
        Starting activation of every unclamped concept.

    Returns
    -------
    SimulationRun

    Raises
    ------
    SimulationError
        E031 if the model has no causal links, E032 for a clamp outside the transfer's range, E041 if
        there is nothing to run, E040 for a malformed option.
    UnknownIdError
        E033 for an unknown scenario, E030 for a clamp on an unknown concept, E037 for an unknown rule
        or transfer.

    Examples
    --------
    >>> m = Model.model_validate({"title": "t",
    ...     "concepts": [{"id": "aid", "label": "Aid"}, {"id": "crisis", "label": "Crisis"}],
    ...     "causal_links": [{"id": "l", "cause": "aid", "effect": "crisis", "weight": -0.8}],
    ...     "scenarios": [{"id": "aid-on", "name": "Aid resumed", "clamps": {"aid": 1.0}}]})
    >>> run = simulate_scenarios(m)
    >>> run.baseline is None, [o.scenario for o in run.outcomes]
    (True, ['aid-on'])
    >>> bool(run.outcome("aid-on").delta[1] < 0)
    True
    """
    check_rule(rule)
    check_transfer(transfer)
    matrix = causal_matrix(model)
    require_links(matrix)
    known = [scenario.id for scenario in model.scenarios]
    wanted = known if scenarios is None else list(scenarios)
    if not wanted:
        raise SimulationError(Errors.E041)
    for asked in wanted:
        if asked not in known:
            raise UnknownIdError(Errors.E033.format(scenario=asked, known=", ".join(known) or "none"))
    baseline = BASELINE if BASELINE in known else None
    # the baseline always runs, first row of the batch, even when not asked for
    rows: list[str | None] = [baseline] + [s for s in wanted if s != baseline]
    n = len(matrix.concepts)
    start = np.full((len(rows), n), neutral_value(transfer) if initial is None else float(initial))
    mask = np.zeros((len(rows), n), dtype=bool)
    row_clamps: list[dict[str, float]] = []
    for r, scenario_id in enumerate(rows):
        clamps = {} if scenario_id is None else resolve_clamps(model, scenario_id)
        _check_clamps(clamps, transfer)
        columns = concept_index(matrix.concepts, list(clamps))
        mask[r, columns] = True
        start[r, columns] = list(clamps.values())
        row_clamps.append(clamps)
    batch = run_fcm(matrix.weights, start, clamp_mask=mask, clamp_values=start, rule=rule, transfer=transfer,
                    steepness=steepness, steps=steps, tolerance=tolerance, hold_sources=hold_sources)
    base_final = batch.run(0)[-1]
    names = {scenario.id: scenario.name for scenario in model.scenarios}
    outcomes = []
    for r, scenario_id in enumerate(rows):
        if scenario_id is None or scenario_id not in wanted:
            continue
        trajectory = batch.run(r).copy()
        outcomes.append(ScenarioOutcome(
            scenario=scenario_id, name=names[scenario_id], trajectory=trajectory, final=trajectory[-1],
            delta=trajectory[-1] - base_final, status=batch.status[r],
            period=int(batch.period[r]) if batch.status[r] == "limit_cycle" else None,
            steps_run=int(batch.steps_run[r]), clamps=row_clamps[r],
        ))
    order = {scenario_id: i for i, scenario_id in enumerate(wanted)}
    outcomes.sort(key=lambda outcome: order[outcome.scenario])
    options = {"rule": rule, "transfer": transfer, "steepness": steepness, "steps": steps, "tolerance": tolerance,
               "hold_sources": hold_sources, "initial": neutral_value(transfer) if initial is None else float(initial)}
    return SimulationRun(concepts=matrix.concepts, baseline=baseline, outcomes=outcomes, options=options)


#: Id under which :func:`simulate_clamps` runs clamps that no scenario of the model holds.
AD_HOC = "ad-hoc"


def simulate_clamps(model: Model, clamps: dict[str, float], *, name: str = "Ad hoc", extends: str | None = None,
                    **options: Any) -> SimulationRun:
    """Run clamps that are no scenario of the model (``simulate --clamp``, the web page's controls) against the
    baseline, as a scenario of their own named ``name`` under the id :data:`AD_HOC` (made unique if taken).

    ``extends`` names a scenario whose clamps these start from (the baseline, for "this, all else as in the
    baseline"); ``options`` are those of :func:`simulate_scenarios`.

    Raises
    ------
    As :func:`simulate_scenarios`: E030 for a clamp on an unknown concept, E032 for a value outside the
    transfer's range, E031 for a model without links.

    Examples
    --------
    >>> m = Model.model_validate({"title": "t",
    ...     "concepts": [{"id": "aid", "label": "Aid"}, {"id": "crisis", "label": "Crisis"}],
    ...     "causal_links": [{"id": "l", "cause": "aid", "effect": "crisis", "weight": -0.8}]})
    >>> run = simulate_clamps(m, {"aid": 1.0})
    >>> run.outcomes[0].scenario, bool(run.outcomes[0].delta[1] < 0)
    ('ad-hoc', True)
    """
    taken = {scenario.id for scenario in model.scenarios}
    ident, n = AD_HOC, 2
    while ident in taken:
        ident, n = f"{AD_HOC}-{n}", n + 1
    ad_hoc = Scenario(id=ident, name=name, clamps=dict(clamps), extends=extends)
    return simulate_scenarios(model.model_copy(update={"scenarios": [*model.scenarios, ad_hoc]}), [ident],
                              **options)
