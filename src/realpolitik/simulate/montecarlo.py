"""Monte Carlo press perturbation in the manner of QPress (Melbourne-Thomas et al. 2012).

Link magnitudes are drawn at random for a signed community matrix, unstable draws are discarded, and the
sign of every concept's response to a sustained press is tallied over the rest.  Draws are processed as
stacks of matrices, so numpy's batched LAPACK calls do the work, not a Python loop per draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from realpolitik.errors import Errors, SimulationError

__all__ = ["MonteCarloTally", "is_stable", "press_montecarlo", "sample_communities"]

#: Draws processed together: large enough for batched LAPACK to pay off, small enough to keep memory modest.
_CHUNK = 2048
#: A response smaller than this share of the draw's largest response counts as no response.
_ZERO = 1e-9


@dataclass(frozen=True)
class MonteCarloTally:
    """Counts of response signs over the accepted draws.

    Attributes
    ----------
    positive, zero, negative
        ``(n,)`` how many accepted draws moved each concept up, not at all, down.
    draws, stable, accepted
        Draws made; draws whose every eigenvalue has a negative real part; stable draws that agree with
        the observed outcomes (all stable draws when there are none).
    """

    positive: np.ndarray
    zero: np.ndarray
    negative: np.ndarray
    draws: int
    stable: int
    accepted: int


def _generator(seed: int | np.random.Generator | None) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def sample_communities(
    signs: np.ndarray, low: np.ndarray, high: np.ndarray, size: int, rng: np.random.Generator
) -> np.ndarray:
    """Draw ``size`` community matrices with the sign pattern ``signs`` and magnitudes ~ U(low, high).

    Examples
    --------
    >>> signs = np.array([[-1, -1], [1, -1]])
    >>> stack = sample_communities(signs, np.zeros((2, 2)), np.ones((2, 2)), 3, np.random.default_rng(0))
    >>> stack.shape, bool((np.sign(stack) == signs).all())
    ((3, 2, 2), True)
    """
    rows, cols = np.nonzero(signs)
    magnitudes = rng.uniform(low[rows, cols], high[rows, cols], size=(size, rows.size))
    stack = np.zeros((size, *signs.shape))
    stack[:, rows, cols] = magnitudes * signs[rows, cols]
    return stack


def is_stable(stack: np.ndarray) -> np.ndarray:
    """Which matrices of a ``(d, n, n)`` stack have every eigenvalue's real part below zero.

    A stable matrix has ``det(-A) > 0`` (its eigenvalues' product, with ``-A``'s all in the right half
    plane), a cheap LU test that screens out most unstable draws before the eigenvalues are computed.

    Examples
    --------
    >>> is_stable(np.array([[[-1.0, 0.0], [0.0, -2.0]], [[1.0, 0.0], [0.0, -1.0]]])).tolist()
    [True, False]
    """
    sign, _ = np.linalg.slogdet(-stack)
    result = sign > 0
    if result.any():
        result[result] = np.linalg.eigvals(stack[result]).real.max(axis=1) < 0
    return result


def press_montecarlo(
    signs: np.ndarray,
    press: np.ndarray,
    *,
    low: np.ndarray | None = None,
    high: np.ndarray | None = None,
    draws: int = 10_000,
    seed: int | np.random.Generator | None = 0,
    observed: dict[int, int] | None = None,
) -> MonteCarloTally:
    """Tally the signs of the response to a sustained press over random stable community matrices.

    Parameters
    ----------
    signs
        ``(n, n)`` signed community matrix (-1, 0, +1), ``signs[i, j]`` the effect of j on i, self-limitation
        on the diagonal.
    press
        ``(n,)`` direction of the press on each concept (0 for none).
    low, high
        ``(n, n)`` bounds of the magnitudes drawn for each link; 0 and 1 by default (QPress).
    draws
        Community matrices to draw.
    seed
        Seed or generator; the same seed gives the same tally.
    observed
        Concept index -> observed response sign; stable draws that predict another sign are discarded.

    Returns
    -------
    MonteCarloTally

    Raises
    ------
    SimulationError
        E035 for ``draws`` < 1, E034 if no draw is stable, E038 if no stable draw agrees with ``observed``.

    Examples
    --------
    >>> tally = press_montecarlo(np.array([[-1, -1], [1, -1]]), np.array([0, 1]), draws=500)
    >>> tally.stable, tally.negative.tolist(), tally.positive.tolist()
    (500, [500, 0], [0, 500])
    """
    if int(draws) != draws or draws < 1:
        raise SimulationError(Errors.E035.format(draws=draws))
    signs = np.sign(np.asarray(signs)).astype(float)
    n = signs.shape[0]
    low = np.zeros((n, n)) if low is None else np.asarray(low, dtype=float)
    high = np.ones((n, n)) if high is None else np.asarray(high, dtype=float)
    rng = _generator(seed)
    watched = np.array(sorted(observed or {}), dtype=int)
    wanted = np.array([np.sign((observed or {})[i]) for i in watched], dtype=float)
    counts = np.zeros((3, n), dtype=np.int64)
    stable_total = accepted_total = 0
    for start in range(0, int(draws), _CHUNK):
        stack = sample_communities(signs, low, high, min(_CHUNK, int(draws) - start), rng)
        stable = stack[is_stable(stack)]
        stable_total += stable.shape[0]
        if stable.shape[0] == 0:
            continue
        response = np.linalg.solve(-stable, np.broadcast_to(press.astype(float)[:, None], (stable.shape[0], n, 1)))
        response = response[:, :, 0]
        scale = np.abs(response).max(axis=1, keepdims=True)
        direction = np.where(np.abs(response) <= _ZERO * scale, 0.0, np.sign(response))
        if watched.size:
            direction = direction[(direction[:, watched] == wanted).all(axis=1)]
        accepted_total += direction.shape[0]
        counts += np.stack([(direction > 0).sum(axis=0), (direction == 0).sum(axis=0), (direction < 0).sum(axis=0)])
    if stable_total == 0:
        raise SimulationError(Errors.E034.format(draws=draws))
    if accepted_total == 0:
        described = ", ".join(f"#{i}={int(s):+d}" for i, s in zip(watched, wanted, strict=True))
        raise SimulationError(Errors.E038.format(stable=stable_total, draws=draws, observed=described))
    return MonteCarloTally(positive=counts[0], zero=counts[1], negative=counts[2], draws=int(draws),
                           stable=stable_total, accepted=accepted_total)
