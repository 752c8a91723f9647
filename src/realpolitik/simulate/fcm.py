"""Fuzzy cognitive map inference over a batch of states, dense or sparse.

The engine iterates a state matrix (one row per scenario) so that many
scenarios cost one matrix product per step, not one Python loop each.  Weights
follow the model's orientation: ``weights[i, j]`` is the link from concept ``i``
to concept ``j``, so the input to every concept is ``state @ weights``.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp

from realpolitik.errors import Errors, SimulationError
from realpolitik.simulate.transfer import check_rule, kernel, transfer_range

__all__ = ["MAX_SIMULATION_BYTES", "SIMULATION_MEMORY_ENV", "SPARSE_DENSITY", "SPARSE_MIN_CONCEPTS", "FcmBatch",
           "check_run_size", "run_fcm", "source_concepts", "use_sparse"]

Status = Literal["fixed_point", "limit_cycle", "not_converged"]

#: Maps with at least this many concepts and at most this share of non-zero weights run on scipy.sparse;
#: below it a dense product is faster (see docs/decisions/simulate.md for the measurements).
SPARSE_MIN_CONCEPTS = 200
SPARSE_DENSITY = 0.05
#: Dense single runs of at least this many concepts hold BLAS to one thread: a matrix-vector product is bound by
#: memory, and a second BLAS thread competing for a busy core made a 1,000-concept dense run 6x slower (see
#: docs/decisions.md, "BLAS threads").  Smaller products never start BLAS threads.
BLAS_ONE_THREAD_MIN = 256
#: Steps between convergence checks: checking after every step costs more than the few extra steps it saves.
_CHECK_EVERY = 8


@dataclass(frozen=True)
class FcmBatch:
    """The runs of one batch of initial states.

    Attributes
    ----------
    trajectory
        ``(T + 1, k, n)``: the states of every run at every step, ``T`` the steps the batch ran.
        A run that settled earlier keeps iterating in the batch; :meth:`run` cuts it at its own end.
    steps_run
        ``(k,)``: steps each run took until it settled (its fixed point), else the step cap.
    status
        Per run: ``fixed_point``, ``limit_cycle`` or ``not_converged``.
    period
        ``(k,)``: the limit cycle's period, 1 for a fixed point, 0 when not converged.
    """

    trajectory: np.ndarray
    steps_run: np.ndarray
    status: tuple[Status, ...]
    period: np.ndarray

    def run(self, index: int) -> np.ndarray:
        """The trajectory of run ``index``, ``(steps_run + 1, n)``, a view of the batch."""
        return self.trajectory[: self.steps_run[index] + 1, index, :]


def source_concepts(weights: Any) -> np.ndarray:
    """Boolean mask of concepts with no incoming link (an all-zero column).

    Examples
    --------
    >>> source_concepts(np.array([[0.0, 0.5], [0.0, 0.0]])).tolist()
    [True, False]
    """
    if sp.issparse(weights):
        counts = np.asarray((sp.csc_array(weights) != 0).sum(axis=0)).ravel()
        return counts == 0
    return ~np.any(np.asarray(weights) != 0, axis=0)


def use_sparse(n: int, nonzero: int) -> bool:
    """Whether a map of ``n`` concepts and ``nonzero`` links runs faster on scipy.sparse.

    Examples
    --------
    >>> use_sparse(20, 100), use_sparse(5000, 25000)
    (False, True)
    """
    return n >= SPARSE_MIN_CONCEPTS and nonzero <= SPARSE_DENSITY * n * n


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """threadpoolctl's view of the BLAS libraries loaded (found once: looking costs ~10 ms), or None without it."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _blas_threads(is_sparse: bool, k: int, n: int) -> contextlib.AbstractContextManager[Any]:
    """One BLAS thread for a dense single run of a large map (see :data:`BLAS_ONE_THREAD_MIN`), else no change."""
    controller = _blas_controller() if not is_sparse and k == 1 and n >= BLAS_ONE_THREAD_MIN else None
    return contextlib.nullcontext() if controller is None else controller.limit(limits=1, user_api="blas")


def _prepare_weights(weights: Any, sparse: bool | Literal["auto"]) -> tuple[Any, int, bool]:
    if sp.issparse(weights):
        n, m = weights.shape
        nonzero = int(weights.count_nonzero())
    else:
        weights = np.asarray(weights, dtype=float)
        if weights.ndim != 2:
            raise SimulationError(Errors.E040.format(option="weights", requirement="a square matrix",
                                                     value=f"shape {weights.shape}"))
        n, m = weights.shape
        nonzero = int(np.count_nonzero(weights))
    if n != m:
        raise SimulationError(Errors.E040.format(option="weights", requirement="a square matrix",
                                                 value=f"shape {(n, m)}"))
    go_sparse = use_sparse(n, nonzero) if sparse == "auto" else bool(sparse)
    if go_sparse:
        # the product is taken as weightsᵀ @ stateᵀ, for which CSR rows are the concepts' inputs; the CSC
        # form of the weights is exactly the CSR form of their transpose
        transposed = sp.csc_array(weights)
        transposed.eliminate_zeros()
        return sp.csr_array((transposed.data, transposed.indices, transposed.indptr), shape=(n, n)), n, True
    dense = weights.toarray() if sp.issparse(weights) else weights
    return np.ascontiguousarray(dense, dtype=float), n, False


def _fold(matrix: Any, rule: str, steepness: float, is_sparse: bool) -> tuple[Any, np.ndarray | None]:
    """The matrix M and offset c with λ·input = state @ M − c for the rule.

    Modified Kosko adds the state itself: A + A·W = A·(W + I).  Rescaled uses 2A − 1 in both terms:
    (2A − 1)(W + I) = A·2(W + I) − 1·(W + I).  λ scales the whole input, so it scales M and c.
    """
    if rule == "kosko":
        folded = matrix
    else:
        identity = sp.identity(matrix.shape[0], format="csr") if is_sparse else np.eye(matrix.shape[0])
        folded = matrix + identity
    offset = None
    if rule == "rescaled":
        # product is stored transposed for sparse maps, so its row sums are the dense map's column sums
        offset = steepness * np.asarray(folded.sum(axis=1 if is_sparse else 0)).ravel()
        folded = folded * 2.0
    if steepness != 1.0:
        folded = folded * steepness
    return (sp.csr_array(folded) if is_sparse else np.ascontiguousarray(folded)), offset


#: The most memory one batch of runs may take for its trajectories (8 bytes a value), unless
#: ``$REALPOLITIK_MAX_SIMULATION_MB`` says otherwise: far above any model an analyst draws, far below what would
#: exhaust a laptop.
MAX_SIMULATION_BYTES = 2 * 1024**3
#: Environment variable that raises (or lowers) :data:`MAX_SIMULATION_BYTES`, in MB.
SIMULATION_MEMORY_ENV = "REALPOLITIK_MAX_SIMULATION_MB"


def check_run_size(steps: int, runs: int, concepts: int) -> None:
    """Refuse, before allocating, a batch whose trajectories would not fit in the memory limit.

    Raises
    ------
    SimulationError
        E277 with the sizes and how to raise the limit.

    Examples
    --------
    >>> check_run_size(100, 7, 23)
    >>> check_run_size(100_000_000, 7, 23)
    Traceback (most recent call last):
    ...
    realpolitik.errors.SimulationError: 100000000 steps x 7 run(s) x 23 concepts would take 120.0 GB ...
    """
    try:
        limit = int(float(os.environ[SIMULATION_MEMORY_ENV]) * 1024**2)
    except (KeyError, ValueError):
        limit = MAX_SIMULATION_BYTES
    needed = (int(steps) + 1) * int(runs) * int(concepts) * 8
    if needed > limit:
        raise SimulationError.coded("E277", steps=steps, runs=runs, concepts=concepts, gb=needed / 1024**3,
                                    limit_gb=limit / 1024**3, env=SIMULATION_MEMORY_ENV)


def _check_options(steps: int, tolerance: float, steepness: float) -> None:
    if int(steps) != steps or steps < 0:
        raise SimulationError(Errors.E040.format(option="steps", requirement="a whole number >= 0", value=steps))
    if np.isnan(tolerance):
        raise SimulationError(Errors.E040.format(option="tolerance", requirement="a number", value=tolerance))
    if not steepness > 0:
        raise SimulationError(Errors.E040.format(option="steepness", requirement="> 0", value=steepness))


def _as_batch(values: Any, k: int | None, n: int, name: str, dtype: Any = float) -> np.ndarray:
    array = np.asarray(values, dtype=dtype)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[1] != n or (k is not None and array.shape[0] != k):
        want = f"({n},) or ({k or 'k'}, {n})"
        raise SimulationError(Errors.E040.format(option=name, requirement=f"of shape {want}", value=array.shape))
    return array


def _classify(
    trajectory: np.ndarray, settled: np.ndarray, tolerance: float, max_period: int
) -> tuple[tuple, np.ndarray]:
    last = trajectory.shape[0] - 1
    status: list[Status] = ["fixed_point" if s >= 0 else "not_converged" for s in settled]
    period = np.where(settled >= 0, 1, 0)
    open_rows = np.flatnonzero(settled < 0)
    longest = min(max_period, (last + 1) // 2)
    if open_rows.size == 0 or longest < 2:
        return tuple(status), period
    # a cycle of period p returns to the last state p steps earlier: that cheap test, done for many p at
    # once (in slices that bound the memory), picks the candidates; only those are checked over a period
    n = trajectory.shape[2]
    periods = np.arange(2, longest + 1)
    per_slice = max(1, (1 << 20) // (open_rows.size * n))
    returned = np.concatenate([
        np.abs(trajectory[last - periods[i : i + per_slice]][:, open_rows, :] - trajectory[last, open_rows, :])
        .max(axis=2) <= tolerance
        for i in range(0, periods.size, per_slice)
    ])  # (periods, rows)
    for column, row in enumerate(open_rows):
        for p in periods[returned[:, column]]:
            recent = trajectory[last - p + 1 :, row, :]
            before = trajectory[last - 2 * p + 1 : last - p + 1, row, :]
            if np.abs(recent - before).max() <= tolerance:
                status[row], period[row] = "limit_cycle", int(p)
                break
    return tuple(status), period


def run_fcm(
    weights: Any,
    initial: Any,
    *,
    clamp_mask: Any = None,
    clamp_values: Any = None,
    rule: str = "modified_kosko",
    transfer: str = "sigmoid",
    steepness: float = 1.0,
    steps: int = 100,
    tolerance: float = 1e-5,
    hold_sources: bool = True,
    sparse: bool | Literal["auto"] = "auto",
    max_period: int = 64,
) -> FcmBatch:
    """Iterate a fuzzy cognitive map from one or many initial states at once.

    Parameters
    ----------
    weights
        ``(n, n)`` numpy array or scipy.sparse matrix; ``weights[i, j]`` is the link i → j.
    initial
        ``(n,)`` or ``(k, n)`` initial states, one row per run.
    clamp_mask, clamp_values
        ``(k, n)`` (or ``(n,)`` for all runs): concepts held at a value at every step, and the values.
    rule
        ``kosko``, ``modified_kosko`` or ``rescaled`` (see :data:`~realpolitik.simulate.transfer.RULES`).
    transfer
        ``sigmoid``, ``tanh``, ``bivalent`` or ``trivalent``.
    steepness
        λ of the sigmoid and tanh, ignored by the threshold functions.
    steps
        Step cap.
    tolerance
        A run has reached a fixed point at the first step that moves no concept by more than this; a limit
        cycle when its last states repeat within it.  A negative tolerance runs every step (benchmarks).
    hold_sources
        Hold concepts without incoming links at their initial value instead of updating them.
    sparse
        Use scipy.sparse (True), dense numpy (False), or choose by size and density (``"auto"``).
    max_period
        Longest limit cycle looked for.

    Returns
    -------
    FcmBatch

    Raises
    ------
    SimulationError
        E032 for a clamp outside the transfer function's range, E040 for malformed options or shapes.
    UnknownIdError
        E037 for an unknown rule or transfer function.

    Examples
    --------
    A driver held at 1 pushes its effect up and, through a negative link, a third concept down:

    >>> w = np.array([[0.0, 0.8, 0.0], [0.0, 0.0, -0.9], [0.0, 0.0, 0.0]])
    >>> batch = run_fcm(w, [1.0, 0.0, 0.0], rule="kosko", transfer="tanh")
    >>> batch.status, batch.steps_run.tolist()
    (('fixed_point',), [3])
    >>> batch.run(0)[-1].round(3).tolist()
    [1.0, 0.664, -0.535]
    """
    check_rule(rule)
    squash = kernel(transfer)
    _check_options(steps, tolerance, steepness)
    matrix, n, is_sparse = _prepare_weights(weights, sparse)
    start = _as_batch(initial, None, n, "initial")
    k = start.shape[0]
    mask = np.zeros((k, n), dtype=bool) if clamp_mask is None else np.broadcast_to(
        _as_batch(clamp_mask, None, n, "clamp_mask", dtype=bool), (k, n))
    if clamp_values is None:
        values = start
    else:
        values = np.broadcast_to(_as_batch(clamp_values, None, n, "clamp_values"), (k, n))
    low, high = transfer_range(transfer)
    outside = mask & ((values < low) | (values > high))
    if outside.any():
        row, col = np.argwhere(outside)[0]
        raise SimulationError(Errors.E032.format(value=values[row, col], concept=f"#{col}", transfer=transfer,
                                                 low=low, high=high))
    if hold_sources:
        sources = np.diff(matrix.indptr) == 0 if is_sparse else ~np.any(matrix != 0, axis=0)
        fixed = mask | sources[None, :]
    else:
        fixed = mask
    any_fixed = bool(fixed.any())
    check_run_size(steps, k, n)
    trajectory = np.empty((steps + 1, k, n))
    trajectory[0] = np.where(mask, values, start)
    fixed_values = trajectory[0].copy()
    product, offset = _fold(matrix, rule, steepness, is_sparse)
    settled = np.full(k, -1)
    done = 0
    # a single run steps through 1-d views, where numpy's per-call overhead is about half that of 2-d
    states = trajectory[:, 0, :] if k == 1 else trajectory
    held = (np.flatnonzero(fixed[0]), fixed_values[0, fixed[0]]) if k == 1 else None
    with _blas_threads(is_sparse, k, n):
        while done < steps:
            end = min(done + _CHECK_EVERY, steps)
            for t in range(done, end):
                out = states[t + 1]
                # one product per step: the rule's own term and λ are folded into the matrix (see _fold)
                if is_sparse:
                    out[...] = product @ states[t] if k == 1 else (product @ states[t].T).T
                else:
                    np.dot(states[t], product, out=out)
                if offset is not None:
                    out -= offset
                squash(out, out=out)
                if not any_fixed:
                    continue
                if held is not None:
                    out[held[0]] = held[1]
                else:
                    np.copyto(out, fixed_values, where=fixed)
            if tolerance >= 0:  # a negative tolerance lets no run settle, so the check is skipped
                moved = np.abs(trajectory[done + 1 : end + 1] - trajectory[done:end]).max(axis=2)
                still = moved <= tolerance
                newly = (settled < 0) & still.any(axis=0)
                settled[newly] = done + 1 + still[:, newly].argmax(axis=0)
            done = end
            if (settled >= 0).all():
                break
    trajectory = trajectory[: done + 1]
    status, period = _classify(trajectory, settled, tolerance, max_period)
    steps_run = np.where(settled >= 0, settled, done)
    return FcmBatch(trajectory=trajectory, steps_run=steps_run, status=status, period=period)
