"""Loop analysis: published sign predictions, the adjugate, and the counting of feedback terms."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from realpolitik.errors import SimulationError
from realpolitik.simulate import (
    absolute_feedback,
    adjugate,
    community,
    community_matrix,
    press_response,
    weighted_predictions,
)
from realpolitik.simulate.community import require_nonsingular
from realpolitik.simulate.permanent import minor_permanents

# Predator–prey pair, both self-limited, the first example of loop analysis (Levins; Puccia & Levins 1985):
# A[i, j] is the effect of j on i.
PREY, PREDATOR = 0, 1
PAIR = np.array([[-1, -1], [1, -1]])
# Three-level chain plant → herbivore → carnivore, only the plant self-limited: the classic table of
# predictions of the loop-analysis literature (Levins; Puccia & Levins 1985; the adjoint-matrix
# examples of Dambacher et al. 2002), rows the concept, columns the pressed level.
CHAIN = np.array([[-1, -1, 0], [1, 0, -1], [0, 1, 0]])
CHAIN_TABLE = np.array([
    [1, 0, 1],    # plant: up when plants or carnivores are pressed, unchanged when herbivores are
    [0, 0, -1],   # herbivore: only a press on carnivores moves it (down)
    [1, 1, 1],    # carnivore: every input up the chain ends with more carnivores
])


def test_predator_prey_predictions() -> None:
    sign, _, _ = weighted_predictions(PAIR, np.array([1, 0]))
    assert sign.tolist() == [1, 1]  # more prey input: both rise
    sign, _, _ = weighted_predictions(PAIR, np.array([0, 1]))
    assert sign.tolist() == [-1, 1]  # more predator input: prey falls, predator rises


@pytest.mark.parametrize("pressed", range(3))
def test_three_level_chain_predictions(pressed: int) -> None:
    press = np.zeros(3, dtype=int)
    press[pressed] = 1
    sign, weighted, exact = weighted_predictions(CHAIN, press)
    assert exact
    assert sign.tolist() == CHAIN_TABLE[:, pressed].tolist()
    # each element of this chain's adjugate has at most one term, so every prediction is determined
    assert np.all(np.abs(weighted) == np.abs(CHAIN_TABLE[:, pressed]))


def test_press_down_flips_every_sign() -> None:
    up, _, _ = weighted_predictions(CHAIN, np.array([0, 0, 1]))
    down, _, _ = weighted_predictions(CHAIN, np.array([0, 0, -1]))
    assert down.tolist() == (-up).tolist()


def test_ambiguous_prediction_is_weighted_below_one() -> None:
    # c is raised directly (+) and lowered through b (+ then −): two terms of opposite sign plus self-limitation
    signs = np.array([[-1, 0, 0], [1, -1, 0], [1, -1, -1]])
    sign, weighted, _ = weighted_predictions(signs, np.array([1, 0, 0]))
    assert sign[2] == 0 and weighted[2] == 0.0
    assert absolute_feedback(signs)[0][2, 0] == 2


def test_community_matrix_orientation() -> None:
    weights = np.array([[0.0, 0.4], [0.0, 0.0]])  # concept 0 drives concept 1
    a = community_matrix(weights, self_limitation=[0.5, 2.0])
    assert a[1, 0] == 0.4 and a[0, 1] == 0.0 and a.diagonal().tolist() == [-0.5, -2.0]


small_integer = st.integers(1, 6).flatmap(lambda n: arrays(np.int64, (n, n), elements=st.integers(-3, 3)))


@settings(max_examples=60, deadline=None)
@given(matrix=small_integer)
def test_adjugate_times_matrix_is_determinant(matrix: np.ndarray) -> None:
    adj = adjugate(matrix).astype(float)
    det = np.linalg.det(matrix.astype(float))
    np.testing.assert_allclose(adj @ matrix, det * np.eye(matrix.shape[0]), atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(matrix=arrays(float, (4, 4), elements=st.floats(-2, 2, allow_nan=False)).filter(
    lambda m: not np.allclose(m, np.round(m))))
def test_float_adjugate_agrees_with_cofactors(matrix: np.ndarray) -> None:
    with np.errstate(divide="ignore", invalid="ignore"):  # LAPACK's det warns on exactly singular minors
        cofactors = np.array([[(-1) ** (i + j) * np.linalg.det(np.delete(np.delete(matrix, i, 0), j, 1))
                               for j in range(4)] for i in range(4)])
    np.testing.assert_allclose(adjugate(matrix), cofactors.T, atol=1e-8)


def _permanent(matrix: np.ndarray) -> int:
    n = matrix.shape[0]
    return sum(int(np.prod([matrix[i, p[i]] for i in range(n)])) for p in itertools.permutations(range(n)))


@settings(max_examples=40, deadline=None)
@given(signs=st.integers(1, 6).flatmap(lambda n: arrays(np.int64, (n, n), elements=st.integers(-1, 1))))
def test_absolute_feedback_counts_permanents_of_minors(signs: np.ndarray) -> None:
    counts, exact = absolute_feedback(signs)
    absolute = np.abs(signs)
    n = signs.shape[0]
    assert exact
    for i, k in itertools.product(range(n), repeat=2):
        minor = np.delete(np.delete(absolute, k, 0), i, 1)
        assert counts[i, k] == (_permanent(minor) if n > 1 else 1)


def test_monte_carlo_feedback_estimate_is_close_to_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    signs = np.sign(rng.uniform(-1, 1, (7, 7)) * (rng.random((7, 7)) < 0.4)).astype(int)
    np.fill_diagonal(signs, -1)
    exact, was_exact = absolute_feedback(signs)
    monkeypatch.setattr(community, "EXACT_PERMANENT_MAX", 0)
    monkeypatch.setattr(community, "EXACT_CORE_MAX", 0)
    estimate, estimated_exactly = absolute_feedback(signs, draws=40_000, seed=1)
    assert was_exact and not estimated_exactly
    assert np.abs(estimate - exact).max() <= 0.1 * exact.max() + 0.5


def test_structurally_singular_matrix_is_refused() -> None:
    with pytest.raises(SimulationError, match="singular"):
        require_nonsingular(np.array([[0, 1, 0], [0, -1, 0], [1, 0, 0]]))
    require_nonsingular(CHAIN)  # the chain's determinant has a term, so it passes


def test_numeric_press_response() -> None:
    a = np.array([[-1.0, -0.5], [0.5, -1.0]])
    response = press_response(a, np.array([0.0, 1.0]))
    np.testing.assert_allclose(-a @ response, [0.0, 1.0])
    with pytest.raises(SimulationError, match="singular"):
        press_response(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([1.0, 0.0]))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 9), density=st.floats(0.05, 0.6))
def test_peeled_minors_equal_dense_minors(seed: int, n: int, density: float) -> None:
    rng = np.random.default_rng(seed)
    absolute = (rng.random((n, n)) < density).astype(np.int64)
    np.fill_diagonal(absolute, 1)
    dense = minor_permanents(absolute)
    peeled = minor_permanents(absolute, dense_max=0)
    assert peeled is not None and np.array_equal(dense, peeled.astype(np.int64))


def test_large_sparse_map_is_counted_exactly() -> None:
    # a 30-concept chain with one short loop: far beyond 2ⁿ, but every minor peels to a tiny core
    signs = -np.eye(30, dtype=int)
    signs[np.arange(1, 30), np.arange(29)] = 1
    signs[0, 2] = -1
    counts, exact = absolute_feedback(signs)
    assert exact and counts[29, 0] == 1 and counts[0, 0] == 1
