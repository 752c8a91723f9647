"""Monte Carlo press perturbation: stability filter, tallies, validation, seeds, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import SimulationError
from realpolitik.simulate import is_stable, press_montecarlo, sample_communities, weighted_predictions

PAIR = np.array([[-1, -1], [1, -1]])
CHAIN = np.array([[-1, -1, 0], [1, 0, -1], [0, 1, 0]])


def _random_signs(seed: int, n: int, density: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    signs = np.sign(rng.uniform(-1, 1, (n, n)) * (rng.random((n, n)) < density)).astype(int)
    np.fill_diagonal(signs, -1)
    return signs


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 7))
def test_stability_agrees_with_eigenvalues(seed: int, n: int) -> None:
    stack = np.random.default_rng(seed).normal(size=(50, n, n)) - 1.2 * np.eye(n)
    expected = np.array([np.linalg.eigvals(m).real.max() < 0 for m in stack])
    assert is_stable(stack).tolist() == expected.tolist()


def test_samples_keep_signs_and_bounds() -> None:
    signs = _random_signs(3, 6, 0.4)
    low, high = np.full((6, 6), 0.2), np.full((6, 6), 0.5)
    stack = sample_communities(signs, low, high, 400, np.random.default_rng(0))
    nonzero = signs != 0
    assert np.all(np.sign(stack) == signs)
    assert np.all(np.abs(stack)[:, nonzero] >= 0.2) and np.all(np.abs(stack)[:, nonzero] <= 0.5)


def test_determinate_predictions_hold_in_every_draw() -> None:
    # every adjugate element of the chain has one term, so no magnitude can change a sign
    for pressed in range(3):
        press = np.eye(3, dtype=int)[pressed]
        sign, _, _ = weighted_predictions(CHAIN, press)
        tally = press_montecarlo(CHAIN, press, draws=300, seed=pressed)
        assert tally.accepted == tally.stable > 0
        assert tally.positive.tolist() == [tally.accepted if s > 0 else 0 for s in sign]
        assert tally.negative.tolist() == [tally.accepted if s < 0 else 0 for s in sign]
        assert tally.zero.tolist() == [tally.accepted if s == 0 else 0 for s in sign]


def test_tallies_add_up_and_seed_reproduces() -> None:
    signs = _random_signs(11, 8, 0.25)
    press = np.eye(8, dtype=int)[0]
    first = press_montecarlo(signs, press, draws=3000, seed=5)
    again = press_montecarlo(signs, press, draws=3000, seed=5)
    other = press_montecarlo(signs, press, draws=3000, seed=6)
    assert np.all(first.positive + first.zero + first.negative == first.accepted)
    assert first.draws == 3000 and 0 < first.stable <= 3000
    assert (first.positive.tolist(), first.stable) == (again.positive.tolist(), again.stable)
    assert first.stable != other.stable or first.positive.tolist() != other.positive.tolist()


def test_chunks_do_not_change_the_tally() -> None:
    # the draws run in chunks; a run longer than a chunk must equal counting the chunks' draws one by one
    signs = _random_signs(2, 5, 0.3)
    press = np.eye(5, dtype=int)[1]
    tally = press_montecarlo(signs, press, draws=2500, seed=9)
    rng = np.random.default_rng(9)
    stack = np.concatenate([sample_communities(signs, np.zeros((5, 5)), np.ones((5, 5)), size, rng)
                            for size in (2048, 452)])
    positives = np.zeros(5, dtype=int)
    stable = 0
    for matrix in stack:
        if np.linalg.eigvals(matrix).real.max() < 0:
            stable += 1
            response = np.linalg.solve(-matrix, press.astype(float))
            positives += response > 1e-9 * np.abs(response).max()
    assert (tally.stable, tally.positive.tolist()) == (stable, positives.tolist())


def test_observations_discard_contradicting_draws() -> None:
    signs = np.array([[-1, 0, 0], [1, -1, 0], [1, -1, -1]])  # c's response to a press on a is ambiguous
    press = np.array([1, 0, 0])
    free = press_montecarlo(signs, press, draws=2000, seed=1)
    assert free.positive[2] > 0 and free.negative[2] > 0
    rising = press_montecarlo(signs, press, draws=2000, seed=1, observed={2: 1})
    assert rising.stable == free.stable and rising.accepted == free.positive[2]
    assert rising.negative[2] == 0 and rising.positive[2] == rising.accepted


def test_errors() -> None:
    with pytest.raises(SimulationError, match="positive"):
        press_montecarlo(PAIR, np.array([1, 0]), draws=0)
    unstable = np.array([[1, 0], [0, 1]])  # every concept feeds itself
    with pytest.raises(SimulationError, match="no stable draw"):
        press_montecarlo(unstable, np.array([1, 0]), draws=50)
    with pytest.raises(SimulationError, match="observed"):
        press_montecarlo(PAIR, np.array([0, 1]), draws=50, observed={0: 1})  # the prey always falls
