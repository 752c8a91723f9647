"""Exact permanents of 0/1 matrices and of all their minors, for counting feedback terms.

Two exact routes: Ryser's formula differentiated, which yields every minor of a dense matrix in one pass
over the 2ⁿ column subsets, and, for large sparse maps, peeling each minor down to its core (a row or
column with a single entry fixes that entry's factor) before Ryser runs on the core alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["fits_int64", "minor_permanents", "permanent", "permanent_minors_dense"]


def fits_int64(absolute: np.ndarray) -> bool:
    """Whether Ryser's sums over ``absolute`` (0/1) stay within 64-bit integers.

    Every partial product is at most the product of the full row sums, and 2ⁿ of them are added up.

    Examples
    --------
    >>> fits_int64(np.ones((5, 5), dtype=int)), fits_int64(np.ones((30, 30), dtype=int))
    (True, False)
    """
    bound = 1 << absolute.shape[0]
    for row_sum in absolute.sum(axis=1).tolist():
        bound *= max(int(row_sum), 1)
    return bound < 1 << 62


def _subset_members(first: int, size: int, n: int) -> np.ndarray:
    subsets = np.arange(first, first + size, dtype=np.int64)
    return ((subsets[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.int64)


def permanent_minors_dense(absolute: np.ndarray) -> np.ndarray:
    """``D[k, i]`` = permanent of ``absolute`` without row k and column i, for every k and i.

    perm(B) = (-1)ⁿ Σ_S (-1)^|S| ∏_r Σ_{c∈S} B[r, c]; differentiating by B[k, i] drops row k's factor and
    keeps the subsets holding i, so one pass over the 2ⁿ subsets yields all n² minors.  The caller checks
    :func:`fits_int64` first.

    Examples
    --------
    >>> permanent_minors_dense(np.ones((3, 3), dtype=np.int64)).tolist()
    [[2, 2, 2], [2, 2, 2], [2, 2, 2]]
    """
    n = absolute.shape[0]
    total = np.zeros((n, n), dtype=np.int64)
    chunk = 1 << min(n, 15)
    for first in range(0, 1 << n, chunk):
        member = _subset_members(first, chunk, n)
        sums = member @ absolute.T  # (c, n): row sums over the subset's columns
        ones = np.ones((chunk, 1), np.int64)
        left = np.cumprod(np.hstack([ones, sums[:, :-1]]), axis=1)
        right = np.cumprod(np.hstack([ones, sums[:, :0:-1]]), axis=1)[:, ::-1]
        sign = np.where(member.sum(axis=1) % 2 == 0, 1, -1) * (-1) ** n
        weighted = left * right * sign[:, None]  # product over every row but one, signed
        for i in range(n):
            total[:, i] += weighted[member[:, i] == 1].sum(axis=0)
    return total


def _ryser(core: np.ndarray) -> int:
    n = core.shape[0]
    total = 0
    chunk = 1 << min(n, 15)
    for first in range(0, 1 << n, chunk):
        member = _subset_members(first, chunk, n)
        products = np.prod(member @ core.T, axis=1)
        sign = np.where(member.sum(axis=1) % 2 == 0, 1, -1)
        total += int((products * sign).sum())
    return (-1) ** n * total


def permanent(absolute: np.ndarray, *, core_max: int = 20) -> int | None:
    """Permanent of a 0/1 matrix, or ``None`` when its core is too large to count exactly.

    Rows and columns with a single entry are peeled off first (their entry is the only choice), so a
    sparse matrix costs 2^core, not 2ⁿ.

    Examples
    --------
    >>> permanent(np.eye(40, dtype=int)), permanent(np.ones((4, 4), dtype=int)), permanent(np.zeros((2, 2), int))
    (1, 24, 0)
    """
    matrix = (np.asarray(absolute) != 0).astype(np.int64)
    while matrix.shape[0]:
        rows, cols = matrix.sum(axis=1), matrix.sum(axis=0)
        if rows.min() == 0 or cols.min() == 0:
            return 0
        single_rows = np.flatnonzero(rows == 1)
        if single_rows.size:
            r = single_rows[0]
            c = int(np.flatnonzero(matrix[r])[0])
        else:
            single_cols = np.flatnonzero(cols == 1)
            if not single_cols.size:
                break
            c = single_cols[0]
            r = int(np.flatnonzero(matrix[:, c])[0])
        matrix = np.delete(np.delete(matrix, r, axis=0), c, axis=1)
    if matrix.shape[0] == 0:
        return 1
    if matrix.shape[0] > core_max or not fits_int64(matrix):
        return None
    return _ryser(matrix)


def minor_permanents(absolute: np.ndarray, *, dense_max: int = 18, core_max: int = 20,
                     rows: Sequence[int] | None = None) -> np.ndarray | None:
    """``D[k, i]`` = permanent of ``absolute`` without row k and column i, or ``None`` if not countable exactly.

    Up to ``dense_max`` rows the differentiated Ryser formula counts them all at once; beyond, each minor
    is peeled to its core, and the count is given up when a core exceeds ``core_max``. ``rows`` limits the
    peeled count to those ``k`` (the other rows of the result are 0): a press on one concept needs one row of
    minors, not all n² of them.

    Examples
    --------
    >>> minor_permanents(np.array([[1, 1], [0, 1]])).tolist()
    [[1, 0], [1, 1]]
    >>> minor_permanents(np.array([[1, 1], [0, 1]]), dense_max=0, rows=[1]).tolist()
    [[0, 0], [1, 1]]
    """
    absolute = (np.asarray(absolute) != 0).astype(np.int64)
    n = absolute.shape[0]
    if n <= dense_max and fits_int64(absolute):
        return permanent_minors_dense(absolute)
    out = np.zeros((n, n), dtype=object)
    for k in range(n) if rows is None else rows:
        without_row = np.delete(absolute, k, axis=0)
        for i in range(n):
            count = permanent(np.delete(without_row, i, axis=1), core_max=core_max)
            if count is None:
                return None
            out[k, i] = count
    return out
