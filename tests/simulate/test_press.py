"""Press perturbation of a model: the result per concept, weight schemes, observations and errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from realpolitik.errors import SimulationError, UnknownIdError
from realpolitik.model import Model
from realpolitik.simulate import causal_matrix, magnitude_bounds, press_perturbation


def test_aid_press_on_the_toy_map(toy: Model) -> None:
    result = press_perturbation(toy, {"aid": 1}, draws=2000, seed=3)
    share = dict(zip(result.concepts, result.p_negative, strict=True))
    # aid only reaches the rest through aid ⊣ crisis, and every path on from crisis is positive
    for concept in ("crisis", "recruitment", "instability", "leverage"):
        assert share[concept] == 1.0
    assert result.p_zero[result.concepts.index("recognition")] == 1.0  # no path from aid to recognition
    np.testing.assert_allclose(result.p_positive + result.p_zero + result.p_negative, 1.0)
    assert result.acceptance_rate == result.accepted / result.draws and result.accepted == result.stable


def test_result_fields_and_json(toy: Model) -> None:
    result = press_perturbation(toy, {"recognition": -1}, draws=500)
    n = len(toy.concepts)
    for name in ("p_positive", "p_zero", "p_negative", "predicted_sign", "weighted_prediction"):
        assert getattr(result, name).shape == (n,)
    assert np.all(np.abs(result.weighted_prediction) <= 1)
    data = json.loads(json.dumps(result.to_dict()))
    assert [row["concept"] for row in data["responses"]] == [c.id for c in toy.concepts]
    assert data["press"] == {"recognition": -1} and data["draws"] == 500


def test_model_weights_narrow_with_confidence(toy: Model) -> None:
    low, high = magnitude_bounds(causal_matrix(toy), "model")
    matrix = causal_matrix(toy)
    i, j = matrix.concepts.index("aid"), matrix.concepts.index("crisis")
    assert (low[j, i], high[j, i]) == pytest.approx((0.7 * 0.8, 0.7 * 1.2))
    result = press_perturbation(toy, {"aid": 1}, draws=500, weights="model")
    assert result.weights == "model" and result.stable > 0


def test_observations_filter(toy: Model) -> None:
    free = press_perturbation(toy, {"aid": 1}, draws=500, seed=1)
    with pytest.raises(SimulationError, match="observed"):
        press_perturbation(toy, {"aid": 1}, draws=500, seed=1, observed={"crisis": 1})
    kept = press_perturbation(toy, {"aid": 1}, draws=500, seed=1, observed={"crisis": -1})
    assert kept.accepted == free.accepted


def test_errors(toy: Model) -> None:
    with pytest.raises(UnknownIdError, match="unknown concept 'opium'"):
        press_perturbation(toy, {"opium": 1})
    with pytest.raises(SimulationError, match="must be \\+1 or -1"):
        press_perturbation(toy, {"aid": 2})
    with pytest.raises(SimulationError, match="positive"):
        press_perturbation(toy, {"aid": 1}, draws=0)
    with pytest.raises(SimulationError, match="no causal links"):
        press_perturbation(toy.model_copy(update={"causal_links": []}), {"aid": 1})
    with pytest.raises(UnknownIdError, match="weight scheme"):
        press_perturbation(toy, {"aid": 1}, weights="gaussian")  # type: ignore[arg-type]
    with pytest.raises(SimulationError, match="at least one"):
        press_perturbation(toy, {})
