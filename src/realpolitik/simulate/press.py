"""Press perturbation of a model's causal map: loop analysis and Monte Carlo, reported per concept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from realpolitik.errors import Errors, SimulationError, UnknownIdError
from realpolitik.model.schema import Model
from realpolitik.simulate.community import community_matrix, press_response, require_nonsingular, weighted_predictions
from realpolitik.simulate.matrix import CausalMatrix, causal_matrix, concept_index, require_links
from realpolitik.simulate.montecarlo import press_montecarlo

__all__ = ["PressResult", "magnitude_bounds", "press_perturbation"]

WeightScheme = Literal["uniform", "model"]


@dataclass(frozen=True)
class PressResult:
    """Every concept's predicted response to a sustained press.

    Attributes
    ----------
    concepts
        Concept ids in model order.
    press
        Concept id -> direction (+1 or -1) of the press.
    p_positive, p_zero, p_negative
        ``(n,)`` share of the accepted Monte Carlo draws in which the concept rises, stays, falls.
    predicted_sign
        ``(n,)`` sign of ``adj(-A) · press`` for the model's signs alone; 0 where the terms cancel.
    weighted_prediction
        ``(n,)`` net over absolute feedback, in [-1, 1]; near ±1 the structure settles the sign.
    draws, stable, accepted
        Monte Carlo draws made, stable among them, and stable ones consistent with ``observed``.
    acceptance_rate
        ``accepted / draws``.
    """

    concepts: tuple[str, ...]
    press: dict[str, int]
    p_positive: np.ndarray
    p_zero: np.ndarray
    p_negative: np.ndarray
    predicted_sign: np.ndarray
    weighted_prediction: np.ndarray
    draws: int
    stable: int
    accepted: int
    acceptance_rate: float
    weights: str = "uniform"
    seed: int | None = 0
    observed: dict[str, int] = field(default_factory=dict)
    feedback_exact: bool = True
    model_response: np.ndarray | None = None

    @property
    def most_likely_sign(self) -> np.ndarray:
        """``(n,)`` the sign with the largest share of draws per concept (ties go to 0, then +1)."""
        shares = np.stack([self.p_zero, self.p_positive, self.p_negative])
        return np.array([0, 1, -1])[shares.argmax(axis=0)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with one entry per concept."""
        rows = []
        for i, concept in enumerate(self.concepts):
            rows.append({
                "concept": concept,
                "p_positive": float(self.p_positive[i]),
                "p_zero": float(self.p_zero[i]),
                "p_negative": float(self.p_negative[i]),
                "most_likely_sign": int(self.most_likely_sign[i]),
                "predicted_sign": int(self.predicted_sign[i]),
                "weighted_prediction": float(self.weighted_prediction[i]),
                "model_response": None if self.model_response is None else float(self.model_response[i]),
            })
        return {
            "concepts": list(self.concepts),
            "press": dict(self.press),
            "observed": dict(self.observed),
            "weights": self.weights,
            "seed": self.seed,
            "draws": self.draws,
            "stable": self.stable,
            "accepted": self.accepted,
            "acceptance_rate": self.acceptance_rate,
            "feedback_exact": self.feedback_exact,
            "responses": rows,
        }


def magnitude_bounds(matrix: CausalMatrix, scheme: WeightScheme) -> tuple[np.ndarray, np.ndarray]:
    """Bounds (low, high) of the magnitudes drawn for each entry of the community matrix.

    ``uniform``: every link and every self-limitation in U(0, 1), as QPress does.  ``model``: each link
    in U(|w|·c, |w|·(2 − c)) around its weight w, narrower the higher its confidence c (exact at c = 1,
    0 to twice the weight at c = 0); self-limitation, which the model does not state, stays U(0, 1).

    Raises
    ------
    UnknownIdError
        E037 for an unknown scheme.

    Examples
    --------
    >>> cm = CausalMatrix(("a", "b"), np.array([[0.0, 0.5], [0.0, 0.0]]), np.array([[0.0, 0.8], [0.0, 0.0]]))
    >>> low, high = magnitude_bounds(cm, "model")
    >>> float(low[1, 0]), float(high[1, 0]), float(high[0, 0])
    (0.4, 0.6, 1.0)
    """
    n = len(matrix.concepts)
    if scheme == "uniform":
        return np.zeros((n, n)), np.ones((n, n))
    if scheme != "model":
        raise UnknownIdError(Errors.E037.format(kind="weight scheme", value=scheme, known="uniform, model"))
    magnitude = np.abs(matrix.weights.T)
    confidence = matrix.confidence.T
    low, high = magnitude * confidence, magnitude * (2.0 - confidence)
    diagonal = np.eye(n, dtype=bool)
    low[diagonal], high[diagonal] = 0.0, 1.0
    return low, high


def _directions(matrix: CausalMatrix, given: Mapping[str, int] | None, allowed: tuple[int, ...]) -> np.ndarray:
    vector = np.zeros(len(matrix.concepts))
    for concept, value in (given or {}).items():
        (i,) = concept_index(matrix.concepts, [concept])
        if value not in allowed:
            raise SimulationError(Errors.E039.format(concept=concept, value=value,
                                                     allowed=" or ".join(f"{a:+d}" for a in allowed)))
        vector[i] = value
    return vector


def press_perturbation(
    model: Model,
    press: Mapping[str, int],
    *,
    draws: int = 10_000,
    seed: int | None = 0,
    weights: WeightScheme = "uniform",
    observed: Mapping[str, int] | None = None,
) -> PressResult:
    """Predict every concept's response to a sustained press on one or more concepts.

    The community matrix takes the signs of the model's links (self-loops left out) and a self-limitation
    on every concept.
    Loop analysis gives the sign for the structure alone (``predicted_sign``, ``weighted_prediction``);
    Monte Carlo draws link magnitudes, keeps the stable draws and tallies the response signs.

    Parameters
    ----------
    model
        The model whose causal map is pressed.
    press
        Concept id -> +1 (pushed up) or -1 (pushed down).
    draws
        Monte Carlo draws.
    seed
        Seed of the draws.
    weights
        ``uniform`` or ``model`` (see :func:`magnitude_bounds`).
    observed
        Concept id -> observed direction (-1, 0, +1); draws that contradict it are discarded.

    Returns
    -------
    PressResult

    Raises
    ------
    UnknownIdError
        E030 for an unknown concept, E037 for an unknown weight scheme.
    SimulationError
        E031 without causal links, E034 if no draw is stable, E035 for draws < 1, E036 for a structurally
        singular community matrix, E038 if every stable draw contradicts ``observed``, E039 for a direction
        other than ±1 (observations may also be 0), E040 for an empty press.

    Examples
    --------
    >>> m = Model.model_validate({"title": "t",
    ...     "concepts": [{"id": "prey", "label": "Prey"}, {"id": "predator", "label": "Predator"}],
    ...     "causal_links": [{"id": "eat", "cause": "predator", "effect": "prey", "weight": -0.5},
    ...                      {"id": "feed", "cause": "prey", "effect": "predator", "weight": 0.5}]})
    >>> result = press_perturbation(m, {"predator": 1}, draws=200)
    >>> result.predicted_sign.tolist(), result.p_negative.tolist(), result.acceptance_rate
    ([-1, 1], [1.0, 0.0], 1.0)
    """
    matrix = causal_matrix(model)
    require_links(matrix)
    if not press:
        raise SimulationError(Errors.E040.format(option="press", requirement="at least one concept", value="none"))
    if int(draws) != draws or draws < 1:
        raise SimulationError(Errors.E035.format(draws=draws))
    pressed = _directions(matrix, press, (1, -1))
    seen = _directions(matrix, observed, (1, 0, -1))
    low, high = magnitude_bounds(matrix, weights)
    # a self-loop is an FCM device (memory); for loop analysis every concept limits itself instead
    links = matrix.weights * ~np.eye(len(matrix.concepts), dtype=bool)
    signs = np.sign(community_matrix(links)).astype(int)
    require_nonsingular(signs)
    sign, weighted, exact = weighted_predictions(signs, pressed, seed=seed)
    index = dict(zip(matrix.concepts, range(len(matrix.concepts)), strict=True))
    tally = press_montecarlo(signs, pressed, low=low, high=high, draws=draws, seed=seed,
                             observed={index[c]: int(seen[index[c]]) for c in (observed or {})})
    try:
        model_response = press_response(community_matrix(links), pressed)
    except SimulationError:
        model_response = None
    return PressResult(
        concepts=matrix.concepts,
        press={concept: int(value) for concept, value in press.items()},
        p_positive=tally.positive / tally.accepted,
        p_zero=tally.zero / tally.accepted,
        p_negative=tally.negative / tally.accepted,
        predicted_sign=sign,
        weighted_prediction=weighted,
        draws=tally.draws,
        stable=tally.stable,
        accepted=tally.accepted,
        acceptance_rate=tally.accepted / tally.draws,
        weights=weights,
        seed=seed,
        observed=dict(observed or {}),
        feedback_exact=exact,
        model_response=model_response,
    )
