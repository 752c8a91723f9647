"""Scenarios of a model: extends, baseline, deltas, options and errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from realpolitik.errors import SimulationError, UnknownIdError
from realpolitik.model import Model, resolve_clamps
from realpolitik.simulate import causal_matrix, run_fcm, simulate_scenarios


def test_extends_chain_is_resolved_nearest_wins(toy: Model) -> None:
    assert resolve_clamps(toy, "aid-recognition") == {"aid": 1.0, "recognition": 1.0}
    assert resolve_clamps(toy, "baseline") == {"aid": 0.0, "recognition": 0.0}


def test_extends_cycle_is_refused() -> None:
    model = Model.model_validate({"title": "t", "scenarios": [
        {"id": "a", "name": "A", "extends": "b"}, {"id": "b", "name": "B", "extends": "a"}]})
    with pytest.raises(SimulationError, match="cycle"):
        resolve_clamps(model, "a")


def test_all_scenarios_against_the_baseline(toy: Model) -> None:
    run = simulate_scenarios(toy)
    assert run.baseline == "baseline"
    assert [o.scenario for o in run.outcomes] == ["baseline", "aid", "aid-recognition"]
    base = run.outcome("baseline")
    assert np.all(base.delta == 0)
    for outcome in run.outcomes:
        np.testing.assert_array_equal(outcome.delta, outcome.final - base.final)
        assert outcome.trajectory.shape == (outcome.steps_run + 1, len(run.concepts))
        for concept, value in outcome.clamps.items():
            assert np.all(outcome.trajectory[:, run.concepts.index(concept)] == value)


def test_outcomes_equal_a_direct_engine_run(toy: Model) -> None:
    run = simulate_scenarios(toy, ["aid"], rule="rescaled", transfer="tanh", steps=50)
    matrix = causal_matrix(toy)
    mask = np.isin(matrix.concepts, ["aid", "recognition"])
    values = np.where(np.array(matrix.concepts) == "aid", 1.0, 0.0)
    direct = run_fcm(matrix.weights, np.where(mask, values, 0.0), clamp_mask=mask, clamp_values=values,
                     rule="rescaled", transfer="tanh", steps=50)
    np.testing.assert_allclose(run.outcome("aid").trajectory, direct.run(0), atol=1e-12)


def test_aid_lowers_crisis_recruitment_and_instability(toy: Model) -> None:
    # the toy map's only route from aid is aid ⊣ crisis → recruitment → instability, so all three fall
    run = simulate_scenarios(toy, ["aid"])
    delta = dict(zip(run.concepts, run.outcome("aid").delta, strict=True))
    assert delta["crisis"] < 0 and delta["recruitment"] < 0 and delta["instability"] < 0


def test_without_baseline_scenario_an_unclamped_run_is_the_reference(toy: Model) -> None:
    model = toy.model_copy(update={"scenarios": [s for s in toy.scenarios if s.id != "baseline"]})
    model.scenarios[0] = model.scenarios[0].model_copy(update={"extends": None})
    run = simulate_scenarios(model, ["aid"])
    assert run.baseline is None
    # unclamped, aid starts at the neutral 0.5 and is held there as a source; clamped at 1 it sits higher
    assert run.outcome("aid").delta[run.concepts.index("aid")] == pytest.approx(0.5)


def test_to_dict_is_json_ready(toy: Model) -> None:
    data = json.loads(json.dumps(simulate_scenarios(toy).to_dict()))
    assert data["baseline"] == "baseline" and data["options"]["rule"] == "modified_kosko"
    assert set(data["outcomes"][1]["final"]) == {c.id for c in toy.concepts}
    assert data["outcomes"][0]["status"] in {"fixed_point", "limit_cycle", "not_converged"}


def test_errors(toy: Model) -> None:
    with pytest.raises(UnknownIdError, match="unknown scenario 'war'"):
        simulate_scenarios(toy, ["war"])
    with pytest.raises(UnknownIdError, match="update rule"):
        simulate_scenarios(toy, rule="hebbian")
    with pytest.raises(SimulationError, match="no causal links"):
        simulate_scenarios(toy.model_copy(update={"causal_links": []}))
    bad = toy.model_copy(update={"scenarios": [toy.scenarios[0].model_copy(update={"clamps": {"aid": -0.5}})]})
    with pytest.raises(SimulationError, match="'aid' lies outside the range of the 'sigmoid'"):
        simulate_scenarios(bad)
    simulate_scenarios(bad, transfer="tanh")  # -0.5 is a fine tanh activation
    with pytest.raises(SimulationError, match="no scenario"):
        simulate_scenarios(toy.model_copy(update={"scenarios": []}))
