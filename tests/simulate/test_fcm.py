"""The FCM engine: hand-computed steps, convergence classes, options, and properties of the batch."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from realpolitik.errors import SimulationError, UnknownIdError
from realpolitik.simulate import RULES, TRANSFERS, run_fcm, source_concepts, transfer_range, use_sparse


def _sigmoid(x: float, steepness: float = 1.0) -> float:
    return 1.0 / (1.0 + math.exp(-steepness * x))


CHAIN = np.array([[0.0, 0.5, 0.0], [0.0, 0.0, -1.0], [0.3, 0.0, 0.0]])


@pytest.mark.parametrize("rule", RULES)
def test_first_step_by_hand(rule: str) -> None:
    start = [0.2, 0.6, 0.9]
    a, b, c = start
    # input to each concept: its links' sources times the weights, plus the concept itself for the
    # modified rule, and everything shifted to 2A - 1 for the rescaled one
    if rule == "kosko":
        expected = [_sigmoid(0.3 * c), _sigmoid(0.5 * a), _sigmoid(-1.0 * b)]
    elif rule == "modified_kosko":
        expected = [_sigmoid(a + 0.3 * c), _sigmoid(b + 0.5 * a), _sigmoid(c - 1.0 * b)]
    else:
        ra, rb, rc = (2 * a - 1, 2 * b - 1, 2 * c - 1)
        expected = [_sigmoid(ra + 0.3 * rc), _sigmoid(rb + 0.5 * ra), _sigmoid(rc - 1.0 * rb)]
    batch = run_fcm(CHAIN, start, rule=rule, steps=1, tolerance=-1.0)
    np.testing.assert_allclose(batch.run(0)[1], expected, rtol=0, atol=1e-12)


def test_steepness_scales_the_input() -> None:
    batch = run_fcm(CHAIN, [0.2, 0.6, 0.9], rule="kosko", steepness=3.0, steps=1, tolerance=-1.0)
    assert batch.run(0)[1, 1] == pytest.approx(_sigmoid(0.1, 3.0), abs=1e-12)


def test_fixed_point_reached_and_cut_at_its_step() -> None:
    batch = run_fcm(CHAIN, [0.5, 0.5, 0.5], steps=200, tolerance=1e-8)
    trajectory = batch.run(0)
    assert batch.status == ("fixed_point",) and batch.period.tolist() == [1]
    assert trajectory.shape == (batch.steps_run[0] + 1, 3)
    assert np.abs(trajectory[-1] - trajectory[-2]).max() <= 1e-8
    assert np.abs(trajectory[-2] - trajectory[-3]).max() > 1e-8  # the first step that settles, not a later one


def test_step_cap_leaves_run_not_converged() -> None:
    batch = run_fcm(CHAIN, [0.5, 0.5, 0.5], steps=3, tolerance=1e-12)
    assert batch.status == ("not_converged",) and batch.steps_run.tolist() == [3] and batch.period.tolist() == [0]


def test_negative_loop_under_trivalent_is_a_cycle_of_four() -> None:
    # a → b (+1), b → a (−1): (1, 0) → (0, 1) → (−1, 0) → (0, −1) → (1, 0)
    loop = np.array([[0.0, 1.0], [-1.0, 0.0]])
    batch = run_fcm(loop, [1.0, 0.0], rule="kosko", transfer="trivalent", steps=40)
    assert batch.status == ("limit_cycle",) and batch.period.tolist() == [4]
    np.testing.assert_array_equal(batch.run(0)[1:5], [[0, 1], [-1, 0], [0, -1], [1, 0]])


def test_sources_held_or_free() -> None:
    weights = np.array([[0.0, 0.9], [0.0, 0.0]])
    held = run_fcm(weights, [0.8, 0.5], rule="kosko", steps=5, tolerance=-1.0, hold_sources=True)
    free = run_fcm(weights, [0.8, 0.5], rule="kosko", steps=5, tolerance=-1.0, hold_sources=False)
    assert np.all(held.run(0)[:, 0] == 0.8)
    assert free.run(0)[1, 0] == pytest.approx(0.5)  # kosko: no input, so sigmoid(0)
    assert held.run(0)[1, 1] == pytest.approx(_sigmoid(0.72))


def test_clamps_hold_per_row() -> None:
    start = np.full((2, 3), 0.5)
    mask = np.array([[True, False, False], [False, True, False]])
    values = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    batch = run_fcm(CHAIN, start, clamp_mask=mask, clamp_values=values, steps=30)
    assert np.all(batch.run(0)[:, 0] == 1.0) and np.all(batch.run(1)[:, 1] == 0.0)


def test_clamp_outside_range_is_refused() -> None:
    with pytest.raises(SimulationError, match="outside the range of the 'sigmoid'"):
        run_fcm(CHAIN, [0.5] * 3, clamp_mask=[True, False, False], clamp_values=[-1.0, 0, 0])


@pytest.mark.parametrize(("option", "value"), [("rule", "fuzzy"), ("transfer", "relu")])
def test_unknown_names_are_refused(option: str, value: str) -> None:
    with pytest.raises(UnknownIdError, match=value):
        run_fcm(CHAIN, [0.5] * 3, **{option: value})


@pytest.mark.parametrize(("weights", "initial"), [(np.ones((2, 3)), [0.5, 0.5]), (CHAIN, [0.5, 0.5])])
def test_bad_shapes_are_refused(weights: np.ndarray, initial: list[float]) -> None:
    with pytest.raises(SimulationError):
        run_fcm(weights, initial)


def test_negative_steps_are_refused() -> None:
    with pytest.raises(SimulationError, match="steps"):
        run_fcm(CHAIN, [0.5] * 3, steps=-1)


def test_source_concepts_dense_and_sparse_agree() -> None:
    assert source_concepts(CHAIN).tolist() == [False, False, False]
    weights = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    assert source_concepts(weights).tolist() == source_concepts(sp.csr_array(weights)).tolist() == [True, False, True]


def test_dense_or_sparse_chosen_by_size_and_density() -> None:
    assert not use_sparse(50, 10) and use_sparse(1000, 5000) and not use_sparse(1000, 500_000)


square_maps = st.integers(2, 8).flatmap(
    lambda n: arrays(float, (n, n), elements=st.floats(-1, 1, allow_nan=False)).map(lambda w: w * (np.abs(w) > 0.3))
)


@settings(max_examples=60, deadline=None)
@given(weights=square_maps, rule=st.sampled_from(RULES), transfer=st.sampled_from(sorted(TRANSFERS)),
       steepness=st.floats(0.2, 5.0), seed=st.integers(0, 2**32 - 1))
def test_states_stay_in_the_transfer_range(weights: np.ndarray, rule: str, transfer: str, steepness: float,
                                           seed: int) -> None:
    low, high = transfer_range(transfer)
    start = np.random.default_rng(seed).uniform(low, high, size=(3, weights.shape[0]))
    batch = run_fcm(weights, start, rule=rule, transfer=transfer, steepness=steepness, steps=25, tolerance=-1.0)
    assert np.all(batch.trajectory >= low) and np.all(batch.trajectory <= high)


@settings(max_examples=40, deadline=None)
@given(weights=square_maps, rule=st.sampled_from(RULES), transfer=st.sampled_from(["sigmoid", "tanh"]),
       seed=st.integers(0, 2**32 - 1))
def test_a_batch_equals_the_loop_of_singles(weights: np.ndarray, rule: str, transfer: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    low, high = transfer_range(transfer)
    n = weights.shape[0]
    start = rng.uniform(low, high, size=(4, n))
    mask = rng.random((4, n)) < 0.3
    values = rng.uniform(low, high, size=(4, n))
    batch = run_fcm(weights, start, clamp_mask=mask, clamp_values=values, rule=rule, transfer=transfer, steps=60)
    for row in range(4):
        single = run_fcm(weights, start[row], clamp_mask=mask[row], clamp_values=values[row], rule=rule,
                         transfer=transfer, steps=60)
        assert single.status[0] == batch.status[row] and single.steps_run[0] == batch.steps_run[row]
        np.testing.assert_allclose(single.run(0), batch.run(row), rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(weights=square_maps, rule=st.sampled_from(RULES), seed=st.integers(0, 2**32 - 1))
def test_sparse_path_equals_dense_path(weights: np.ndarray, rule: str, seed: int) -> None:
    start = np.random.default_rng(seed).uniform(0, 1, size=(2, weights.shape[0]))
    dense = run_fcm(weights, start, rule=rule, steps=30, tolerance=-1.0, sparse=False)
    sparse = run_fcm(sp.csr_array(weights), start, rule=rule, steps=30, tolerance=-1.0, sparse=True)
    np.testing.assert_allclose(dense.trajectory, sparse.trajectory, rtol=0, atol=1e-12)
