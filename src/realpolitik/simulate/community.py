"""Qualitative loop analysis of a signed community matrix (Levins; Dambacher et al. 2002).

The community matrix ``A`` holds ``A[i, j]`` = the effect of concept ``j`` on concept ``i``, with every
concept limiting itself (``A[i, i] < 0``).  A sustained press on concept ``k`` moves the equilibrium by
``-A⁻¹ e_k``, whose signs are those of column ``k`` of ``adj(-A)`` when the system is stable
(``det(-A) > 0``).  Each adjugate element is a sum of feedback terms; the absolute feedback counts them
(a permanent), and their ratio, the weighted prediction, says how far the prediction is settled by the
structure alone.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import structural_rank

from realpolitik.errors import Errors, SimulationError
from realpolitik.simulate.permanent import minor_permanents

__all__ = [
    "EXACT_CORE_MAX",
    "EXACT_PERMANENT_MAX",
    "absolute_feedback",
    "adjugate",
    "community_matrix",
    "press_response",
    "require_nonsingular",
    "weighted_predictions",
]

#: Largest map whose absolute feedback is counted exactly (Ryser's formula, 2ⁿ subsets); larger maps are
#: estimated by Monte Carlo.  At 18 concepts the exact count takes about half a second on one core.
EXACT_PERMANENT_MAX = 18
#: Largest core (what is left of a minor once single-entry rows and columns are peeled off) counted exactly.
EXACT_CORE_MAX = 16
#: Above this size the adjugate is computed in floating point instead of exact integers.
_EXACT_ADJUGATE_MAX = 40


def community_matrix(weights: np.ndarray, self_limitation: float | np.ndarray = 1.0) -> np.ndarray:
    """The community matrix of an FCM weight matrix: ``A = weightsᵀ - diag(self_limitation)``.

    ``weights[i, j]`` (i → j) becomes ``A[j, i]`` (the effect of i on j); a self-loop in the weights adds
    to the self-limitation.

    Examples
    --------
    >>> community_matrix(np.array([[0.0, 0.5], [-0.3, 0.0]])).tolist()
    [[-1.0, -0.3], [0.5, -1.0]]
    """
    weights = np.asarray(weights, dtype=float)
    return weights.T - np.diag(np.broadcast_to(self_limitation, weights.shape[0]).astype(float))


def adjugate(matrix: np.ndarray) -> np.ndarray:
    """The adjugate (transposed cofactor matrix) of a square matrix, singular or not.

    Integer matrices up to 40 × 40 are done exactly (Faddeev–LeVerrier over Python integers, every division
    exact) and returned as an ``object`` array of ints; others in floating point through the SVD, which,
    unlike ``det · inverse``, stays defined when the matrix is singular.

    Examples
    --------
    >>> adjugate(np.array([[1, 2], [3, 4]])).tolist()
    [[4, -2], [-3, 1]]
    >>> adjugate(np.array([[1, 1], [1, 1]])).tolist()
    [[1, -1], [-1, 1]]
    """
    matrix = np.asarray(matrix)
    n = matrix.shape[0]
    if n == 0:
        return np.zeros((0, 0))
    integral = np.issubdtype(matrix.dtype, np.integer) or bool(np.all(matrix == np.round(matrix)))
    if integral and n <= _EXACT_ADJUGATE_MAX:
        return _adjugate_exact(np.round(matrix).astype(np.int64).astype(object))
    u, sigma, vt = np.linalg.svd(matrix.astype(float))
    # adj(A) = det(U)·det(V)·V·diag(∏_{j≠i} σ_j)·Uᵀ, for U Σ Vᵀ = A
    products = np.array([np.prod(np.delete(sigma, i)) for i in range(n)])
    return np.linalg.det(u) * np.linalg.det(vt) * (vt.T * products) @ u.T


def _adjugate_exact(matrix: np.ndarray) -> np.ndarray:
    n = matrix.shape[0]
    identity = np.eye(n, dtype=np.int64).astype(object)
    m = np.zeros((n, n), dtype=np.int64).astype(object)
    coefficient = 1
    for k in range(1, n + 1):
        m = matrix.dot(m) + coefficient * identity
        coefficient = -int(np.trace(matrix.dot(m))) // k
    return (-1) ** (n + 1) * m


def absolute_feedback(
    signs: np.ndarray, *, draws: int = 4000, seed: int | np.random.Generator | None = 0
) -> tuple[np.ndarray, bool]:
    """The number of feedback terms in every element of ``adj(-A)``: the permanents of the minors of ``|A|``.

    Exact (Ryser) up to :data:`EXACT_PERMANENT_MAX` concepts while the counts fit in 64 bits, and for
    larger sparse maps whose minors peel down to cores of at most :data:`EXACT_CORE_MAX` concepts (see
    :mod:`realpolitik.simulate.permanent`); otherwise the Godsil–Gutman estimator: for random ±1 signs R,
    E[adj(|A|∘R)²] equals the permanents elementwise.

    Returns
    -------
    counts
        ``(n, n)``, ``counts[i, k]`` the number of terms of ``adj(-A)[i, k]``.
    exact
        Whether the counts are exact.

    Examples
    --------
    A predator–prey pair, each self-limited: adj(-A)[0, 0] has one term (the predator's self-limitation).

    >>> counts, exact = absolute_feedback(np.array([[-1, -1], [1, -1]]))
    >>> counts.tolist(), exact
    ([[1.0, 1.0], [1.0, 1.0]], True)
    """
    absolute = (np.asarray(signs) != 0).astype(np.int64)
    n = absolute.shape[0]
    # the counts depend on the zero pattern alone (an estimate on the seed too): a web page or a demo that presses
    # one map again and again counts them once
    exact_counts = _exact_counts(absolute.tobytes(), n, EXACT_PERMANENT_MAX, EXACT_CORE_MAX)
    if exact_counts is not None:
        return exact_counts.copy(), True
    if seed is not None and not isinstance(seed, np.random.Generator):
        return _estimated_counts(absolute.tobytes(), n, draws, int(seed)).copy(), False
    return _estimate(absolute, draws, seed), False


@lru_cache(maxsize=32)
def _exact_counts(pattern: bytes, n: int, dense_max: int, core_max: int) -> np.ndarray | None:
    absolute = np.frombuffer(pattern, dtype=np.int64).reshape(n, n)
    counts = minor_permanents(absolute, dense_max=dense_max, core_max=core_max)
    if counts is None:
        return None
    counts = counts.T.astype(float)
    counts.flags.writeable = False
    return counts


def _pressed_counts(signs: np.ndarray, pressed: np.ndarray, *, draws: int,
                    seed: int | np.random.Generator | None) -> tuple[np.ndarray, bool]:
    """:func:`absolute_feedback`'s counts in the columns of the ``pressed`` concepts (the others 0, or all of
    them when estimated): a press's terms need no other column, and on a large sparse map the exact count of
    one column is n minors where all of them are n²."""
    absolute = (np.asarray(signs) != 0).astype(np.int64)
    n = absolute.shape[0]
    if n <= EXACT_PERMANENT_MAX:
        return absolute_feedback(signs, draws=draws, seed=seed)
    counts = np.zeros((n, n))
    pattern = absolute.tobytes()
    for column in pressed.tolist():
        row = _exact_minor_row(pattern, n, int(column), EXACT_PERMANENT_MAX, EXACT_CORE_MAX)
        if row is None:  # a core too large to count: every column is estimated, as absolute_feedback does
            return absolute_feedback(signs, draws=draws, seed=seed)
        counts[:, column] = row
    return counts, True


@lru_cache(maxsize=1024)
def _exact_minor_row(pattern: bytes, n: int, row: int, dense_max: int, core_max: int) -> np.ndarray | None:
    """Row ``row`` of the minors' permanents (column ``row`` of the counts), cached per zero pattern."""
    absolute = np.frombuffer(pattern, dtype=np.int64).reshape(n, n)
    minors = minor_permanents(absolute, dense_max=dense_max, core_max=core_max, rows=[row])
    if minors is None:
        return None
    values = minors[row].astype(float)
    values.flags.writeable = False
    return values


@lru_cache(maxsize=32)
def _estimated_counts(pattern: bytes, n: int, draws: int, seed: int) -> np.ndarray:
    counts = _estimate(np.frombuffer(pattern, dtype=np.int64).reshape(n, n), draws, seed)
    counts.flags.writeable = False
    return counts


def _estimate(absolute: np.ndarray, draws: int, seed: int | np.random.Generator | None) -> np.ndarray:
    """The Godsil–Gutman estimate of the minors' permanents of a 0/1 matrix."""
    n = absolute.shape[0]
    rng = np.random.default_rng(seed)
    total = np.zeros((n, n))
    for start in range(0, draws, 500):
        size = min(500, draws - start)
        signed = absolute[None, :, :] * rng.choice([-1.0, 1.0], size=(size, n, n))
        u, sigma, vt = np.linalg.svd(signed)
        products = np.stack([np.prod(np.delete(sigma, i, axis=1), axis=1) for i in range(n)], axis=1)
        cofactors = np.einsum("dji,dj,dkj->dik", vt, products, u)  # adj up to a sign, which squaring drops
        total += (cofactors**2).sum(axis=0)
    return total / draws


def weighted_predictions(
    signs: np.ndarray, press: np.ndarray, *, draws: int = 4000, seed: int | np.random.Generator | None = 0
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Predicted sign and weighted prediction of every concept's response to a press.

    Parameters
    ----------
    signs
        ``(n, n)`` signed community matrix (-1, 0, +1), self-limitation on the diagonal.
    press
        ``(n,)`` direction of the sustained press on each concept (0 for none).
    draws, seed
        How :func:`absolute_feedback` samples the term counts of a large matrix.

    Returns
    -------
    sign
        ``(n,)`` sign of ``adj(-A) @ press``: the response when every term counts alike; 0 where they cancel.
    weighted
        ``(n,)`` the net sum of terms over their number, in [-1, 1]; ±1 means every term agrees.
    exact
        Whether the term counts are exact.

    Raises
    ------
    SimulationError
        E040 if ``signs`` is not square or ``press`` does not match it.

    Examples
    --------
    A prey (0) and its predator (1), both self-limited: pressing the prey up raises both.


    >>> sign, weighted, exact = weighted_predictions(np.array([[-1, -1], [1, -1]]), np.array([1, 0]))
    >>> sign.tolist(), weighted.tolist()
    ([1, 1], [1.0, 1.0])
    """
    signs = np.sign(np.asarray(signs)).astype(np.int64)
    press = np.asarray(press)
    n = signs.shape[0]
    if signs.shape != (n, n) or press.shape != (n,):
        raise SimulationError(Errors.E040.format(option="signs and press", requirement="(n, n) and (n,)",
                                                 value=f"{signs.shape} and {press.shape}"))
    net = adjugate(-signs)
    response = net.dot(press.astype(np.int64).astype(object)) if net.dtype == object else net @ press
    counts, exact = _pressed_counts(signs, np.flatnonzero(press), draws=draws, seed=seed)
    terms = np.abs(counts) @ np.abs(press)
    sign = np.sign(np.array([float(x) for x in response])).astype(int)
    values = np.array([float(x) for x in response])
    weighted = np.divide(values, terms, out=np.zeros(n), where=terms > 0)
    return sign, np.clip(weighted, -1.0, 1.0), exact


def require_nonsingular(signs: np.ndarray) -> None:
    """Raise E036 if no choice of magnitudes can make the signed matrix invertible.

    That is the case when ``det`` has no term at all (structural rank below n), e.g. a concept that
    neither limits itself nor takes part in any loop.

    Raises
    ------
    SimulationError
        E036.

    Examples
    --------
    >>> require_nonsingular(np.array([[0, 1], [0, -1]]))
    Traceback (most recent call last):
    ...
    realpolitik.errors.SimulationError: the community matrix is singular, so the response to a press is undefined
    """
    signs = np.asarray(signs)
    if signs.shape[0] and structural_rank(sp.csr_array((signs != 0).astype(np.int8))) < signs.shape[0]:
        raise SimulationError(Errors.E036)


def press_response(community: np.ndarray, press: np.ndarray) -> np.ndarray:
    """The shift of the equilibrium under a sustained press: ``-A⁻¹ · press``.

    Raises
    ------
    SimulationError
        E036 if ``A`` is singular (to working precision).

    Examples
    --------
    >>> press_response(np.array([[-1.0, -0.5], [0.5, -1.0]]), np.array([1.0, 0.0])).round(3).tolist()
    [0.8, 0.4]
    """
    community = np.asarray(community, dtype=float)
    if np.linalg.cond(community) > 1e12:
        raise SimulationError(Errors.E036)
    return np.linalg.solve(-community, np.asarray(press, dtype=float))
