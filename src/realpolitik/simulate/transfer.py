"""FCM transfer functions and update rules, as plain functions over numpy arrays.

A transfer function squashes a concept's summed input into its activation range;
an update rule says what that input is.  Both are looked up by name so that the
CLI, the library and the benchmarks agree on one vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.special import expit

from realpolitik.errors import Errors, UnknownIdError

__all__ = [
    "RULES",
    "TRANSFERS",
    "bivalent",
    "check_rule",
    "check_transfer",
    "kernel",
    "neutral_value",
    "sigmoid",
    "tanh",
    "transfer_range",
    "trivalent",
]

#: The update rules, by name.  ``kosko``: A(t+1) = f(A(t)·W);
#: ``modified_kosko``: A(t+1) = f(A(t) + A(t)·W);
#: ``rescaled``: A(t+1) = f((2A(t) − 1) + (2A(t) − 1)·W).
RULES: tuple[str, ...] = ("kosko", "modified_kosko", "rescaled")


def sigmoid(x: np.ndarray, steepness: float = 1.0, out: np.ndarray | None = None) -> np.ndarray:
    """Logistic function ``1 / (1 + exp(-steepness * x))``, range (0, 1).

    Examples
    --------
    >>> sigmoid(np.array([0.0, 100.0])).round(6).tolist()
    [0.5, 1.0]
    """
    if steepness != 1.0:
        x = np.multiply(x, steepness, out=out)
    return expit(x, out=out)


def tanh(x: np.ndarray, steepness: float = 1.0, out: np.ndarray | None = None) -> np.ndarray:
    """Hyperbolic tangent of ``steepness * x``, range (-1, 1).

    Examples
    --------
    >>> tanh(np.array([0.0, -100.0])).tolist()
    [0.0, -1.0]
    """
    if steepness != 1.0:
        x = np.multiply(x, steepness, out=out)
    return np.tanh(x, out=out)


def bivalent(x: np.ndarray, steepness: float = 1.0, out: np.ndarray | None = None) -> np.ndarray:
    """1 where the input is positive, else 0 (``steepness`` is ignored).

    Examples
    --------
    >>> bivalent(np.array([-0.2, 0.0, 0.3])).tolist()
    [0.0, 0.0, 1.0]
    """
    if out is None:
        return np.greater(x, 0.0).astype(float)
    return np.greater(x, 0.0, out=out)


def trivalent(x: np.ndarray, steepness: float = 1.0, out: np.ndarray | None = None) -> np.ndarray:
    """The sign of the input: -1, 0 or +1 (``steepness`` is ignored).

    Examples
    --------
    >>> trivalent(np.array([-0.2, 0.0, 0.3])).tolist()
    [-1.0, 0.0, 1.0]
    """
    return np.sign(x, out=out)


#: Transfer functions by name, each with its closed range (low, high) and its neutral value, the state a
#: concept starts from when nothing says otherwise.
TRANSFERS: dict[str, tuple[Callable[..., np.ndarray], float, float, float]] = {
    "sigmoid": (sigmoid, 0.0, 1.0, 0.5),
    "tanh": (tanh, -1.0, 1.0, 0.0),
    "bivalent": (bivalent, 0.0, 1.0, 0.0),
    "trivalent": (trivalent, -1.0, 1.0, 0.0),
}


def check_transfer(name: Any) -> Callable[..., np.ndarray]:
    """The transfer function called ``name``.

    Raises
    ------
    UnknownIdError
        E037 if there is no such transfer function.

    Examples
    --------
    >>> check_transfer("tanh") is tanh
    True
    """
    if name not in TRANSFERS:
        raise UnknownIdError(Errors.E037.format(kind="transfer function", value=name, known=", ".join(TRANSFERS)))
    return TRANSFERS[name][0]


def check_rule(name: Any) -> str:
    """``name`` if it is an update rule.

    Raises
    ------
    UnknownIdError
        E037 if there is no such rule.

    Examples
    --------
    >>> check_rule("kosko")
    'kosko'
    """
    if name not in RULES:
        raise UnknownIdError(Errors.E037.format(kind="update rule", value=name, known=", ".join(RULES)))
    return str(name)


def transfer_range(name: str) -> tuple[float, float]:
    """The closed range (low, high) of a transfer function's values.

    Examples
    --------
    >>> transfer_range("tanh")
    (-1.0, 1.0)
    """
    check_transfer(name)
    return TRANSFERS[name][1], TRANSFERS[name][2]


def neutral_value(name: str) -> float:
    """The activation that stands for 'no information': 0.5 for sigmoid, 0 for the others.

    Examples
    --------
    >>> neutral_value("sigmoid"), neutral_value("tanh")
    (0.5, 0.0)
    """
    check_transfer(name)
    return TRANSFERS[name][3]


def _step(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    return np.greater(x, 0.0, out=out)


#: The bare elementwise functions, steepness left out, for the engine's inner loop (λ is folded into the weights).
_KERNELS: dict[str, Callable[..., np.ndarray]] = {"sigmoid": expit, "tanh": np.tanh, "bivalent": _step,
                                                  "trivalent": np.sign}


def kernel(name: str) -> Callable[..., np.ndarray]:
    """The transfer function ``name`` at steepness 1 as ``f(x, out=...)``, with no per-call checks.

    Examples
    --------
    >>> out = np.empty(2)
    >>> kernel("bivalent")(np.array([-1.0, 2.0]), out=out).tolist()
    [0.0, 1.0]
    """
    check_transfer(name)
    return _KERNELS[name]
