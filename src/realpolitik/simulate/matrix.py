"""The model's causal map as matrices: the bridge from a :class:`~realpolitik.model.Model` to the engines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from realpolitik.errors import Errors, SimulationError, UnknownIdError
from realpolitik.model.schema import Model

__all__ = ["CausalMatrix", "causal_matrix", "concept_index", "require_links"]


@dataclass(frozen=True)
class CausalMatrix:
    """The causal links of a model as dense matrices over its concepts.

    Attributes
    ----------
    concepts
        Concept ids in model order; row and column ``i`` stand for ``concepts[i]``.
    weights
        ``(n, n)``: ``weights[i, j]`` is the weight of the link concept i → concept j, 0 where there is none.
    confidence
        ``(n, n)``: the confidence of each link, 0 where there is none.
    """

    concepts: tuple[str, ...]
    weights: np.ndarray
    confidence: np.ndarray

    def index(self, concept: str) -> int:
        """Row of ``concept``.

        Raises
        ------
        UnknownIdError
            E030 if the map has no such concept.
        """
        return concept_index(self.concepts, [concept])[0]


def concept_index(concepts: tuple[str, ...], names: list[str] | Mapping[str, object]) -> list[int]:
    """Positions of ``names`` among ``concepts``.

    Raises
    ------
    UnknownIdError
        E030 naming the first unknown concept and listing the known ones.

    Examples
    --------
    >>> concept_index(("a", "b", "c"), ["c", "a"])
    [2, 0]
    """
    position = {concept: i for i, concept in enumerate(concepts)}
    out = []
    for name in names:
        if name not in position:
            raise UnknownIdError(Errors.E030.format(concept=name, known=", ".join(concepts) or "none"))
        out.append(position[name])
    return out


def causal_matrix(model: Model) -> CausalMatrix:
    """The weight and confidence matrices of a model's causal links.

    A link named twice keeps its last weight, as a later line of a file overrides an earlier one.

    Raises
    ------
    UnknownIdError
        E030 if a link names a concept the model does not list.

    Examples
    --------
    >>> from realpolitik.model import Model
    >>> m = Model.model_validate({"title": "t", "concepts": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
    ...     "causal_links": [{"id": "l", "cause": "a", "effect": "b", "weight": -0.5, "confidence": 0.8}]})
    >>> cm = causal_matrix(m)
    >>> cm.concepts, cm.weights.tolist(), float(cm.confidence[0, 1])
    (('a', 'b'), [[0.0, -0.5], [0.0, 0.0]], 0.8)
    """
    concepts = tuple(concept.id for concept in model.concepts)
    n = len(concepts)
    weights = np.zeros((n, n))
    confidence = np.zeros((n, n))
    for link in model.causal_links:
        i, j = concept_index(concepts, [link.cause, link.effect])
        weights[i, j] = link.weight
        confidence[i, j] = link.confidence
    return CausalMatrix(concepts=concepts, weights=weights, confidence=confidence)


def require_links(matrix: CausalMatrix) -> None:
    """Raise E031 if the map has no non-zero link, for engines that have nothing to propagate then.

    Raises
    ------
    SimulationError
        E031.
    """
    if not np.any(matrix.weights):
        raise SimulationError(Errors.E031)
