"""The public surface of realpolitik.simulate is what the report and the CLI were promised."""

from __future__ import annotations

import dataclasses
import inspect

from realpolitik import simulate

CONTRACT = {
    "CausalMatrix", "causal_matrix", "simulate_scenarios", "SimulationRun", "ScenarioOutcome",
    "press_perturbation", "PressResult", "run_fcm", "weighted_predictions", "press_montecarlo", "is_stable",
}


def test_all_is_sorted_and_holds_the_contract() -> None:
    assert simulate.__all__ == sorted(simulate.__all__, key=lambda name: (not name.isupper(), name))
    assert set(simulate.__all__) >= CONTRACT
    assert all(hasattr(simulate, name) for name in simulate.__all__)


def test_promised_fields() -> None:
    fields = {cls: {f.name for f in dataclasses.fields(cls)} for cls in
              (simulate.CausalMatrix, simulate.SimulationRun, simulate.ScenarioOutcome, simulate.PressResult)}
    assert {"concepts", "weights", "confidence"} <= fields[simulate.CausalMatrix]
    assert {"concepts", "baseline", "outcomes", "options"} <= fields[simulate.SimulationRun]
    assert {"scenario", "name", "trajectory", "final", "delta", "status", "period",
            "steps_run"} <= fields[simulate.ScenarioOutcome]
    assert {"concepts", "press", "p_positive", "p_zero", "p_negative", "predicted_sign", "weighted_prediction",
            "draws", "stable", "accepted", "acceptance_rate"} <= fields[simulate.PressResult]
    assert dataclasses.is_dataclass(simulate.CausalMatrix) and simulate.CausalMatrix.__dataclass_params__.frozen


def test_promised_signatures() -> None:
    params = inspect.signature(simulate.simulate_scenarios).parameters
    assert list(params)[:2] == ["model", "scenarios"] and params["scenarios"].default is None
    assert {name: params[name].default for name in ("rule", "transfer", "steepness", "steps", "tolerance")} == {
        "rule": "modified_kosko", "transfer": "sigmoid", "steepness": 1.0, "steps": 100, "tolerance": 1e-5}
    assert "hold_sources" in params
    params = inspect.signature(simulate.press_perturbation).parameters
    assert list(params)[:2] == ["model", "press"]
    assert {name: params[name].default for name in ("draws", "seed", "weights", "observed")} == {
        "draws": 10_000, "seed": 0, "weights": "uniform", "observed": None}
