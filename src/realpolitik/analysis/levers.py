"""The model's main levers: the concepts a press perturbation pushes on, and in which direction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from realpolitik.model import resolve_clamps
from realpolitik.model.schema import Model

__all__ = ["DEFAULT_MAX_LEVERS", "Lever", "default_baseline", "main_levers", "ranked_levers", "upstream_lever"]

#: Levers a report presses: enough to cover those a source argues about; each costs one press perturbation.
DEFAULT_MAX_LEVERS = 6

#: What a clamp is compared with when the baseline leaves the concept free: the middle of the sigmoid's range.
_FREE_REFERENCE = 0.5


@dataclass(frozen=True)
class Lever:
    """A concept to press on: ``direction`` is +1 (push up) or -1 (push down); ``reason`` says why it was chosen."""

    concept: str
    label: str
    direction: int
    reason: str

    @property
    def press(self) -> dict[str, int]:
        """The press as :func:`realpolitik.simulate.press_perturbation` takes it."""
        return {self.concept: self.direction}


def _out_strength(model: Model) -> dict[str, float]:
    strength: dict[str, float] = {}
    for link in model.causal_links:
        strength[link.cause] = strength.get(link.cause, 0.0) + abs(link.weight)
    return strength


def main_levers(model: Model, *, baseline: str | None = None, max_levers: int = DEFAULT_MAX_LEVERS) -> list[Lever]:
    """The first ``max_levers`` of :func:`ranked_levers`: the concepts to press on, or to trace."""
    return ranked_levers(model, baseline=baseline)[:max_levers]


def ranked_levers(model: Model, *, baseline: str | None = None) -> list[Lever]:
    """Every candidate lever of the model, best first: the one rule the report and the analysis choose by.

    The levers are the concepts that the model's own scenarios move: those a non-baseline
    scenario clamps itself (not through ``extends``), ranked by how many scenarios clamp them,
    then by out-strength (sum of ``|weight|`` of their outgoing links).  The direction is the
    way the scenario moves the concept from the baseline's clamp (or from 0.5 when the
    baseline leaves it free).  A model without such scenarios falls back to the concepts no
    link drives (the map's exogenous drivers), then to any concept, by out-strength, each
    pushed up.

    Parameters
    ----------
    model
        The model.
    baseline
        Id of the baseline scenario; by default the scenario others extend most, else one named
        ``baseline``.

    Examples
    --------
    >>> from realpolitik.model import CausalLink, Concept, Model, Scenario
    >>> m = Model(title="t", concepts=[Concept(id=c, label=c.upper()) for c in "abc"],
    ...           causal_links=[CausalLink(id="l", cause="a", effect="b", weight=0.5)],
    ...           scenarios=[Scenario(id="base", name="B", clamps={"c": 1.0}),
    ...                      Scenario(id="s", name="S", extends="base", clamps={"c": 0.0})])
    >>> [(lever.concept, lever.direction) for lever in ranked_levers(m)]
    [('c', -1)]
    >>> [(lever.concept, lever.direction) for lever in ranked_levers(m.model_copy(update={"scenarios": []}))]
    [('a', 1)]
    """
    labels = {concept.id: concept.label for concept in model.concepts}
    strength = _out_strength(model)
    base_id = baseline if baseline is not None else default_baseline(model)
    base = next((s for s in model.scenarios if s.id == base_id), None)
    base_clamps = resolve_clamps(model, base.id) if base is not None else {}
    counted: Counter[str] = Counter()
    direction: dict[str, int] = {}
    for scenario in model.scenarios:
        if scenario.id == base_id:
            continue
        for concept, value in scenario.clamps.items():
            counted[concept] += 1
            direction.setdefault(concept, 1 if value >= base_clamps.get(concept, _FREE_REFERENCE) else -1)
    if counted:
        ranked = sorted(counted, key=lambda c: (-counted[c], -strength.get(c, 0.0), c))
        return [
            Lever(c, labels.get(c, c), direction[c], f"clamped by {counted[c]} scenario(s) other than the baseline")
            for c in ranked
        ]
    driven = {link.effect for link in model.causal_links}
    drivers = [c for c in labels if c not in driven and strength.get(c, 0.0) > 0]
    reason = "no link drives it: an exogenous driver of the map"
    if not drivers:
        drivers, reason = list(labels), "highest out-strength in the causal map"
    ranked = sorted(drivers, key=lambda c: (-strength.get(c, 0.0), c))
    return [Lever(c, labels[c], 1, reason) for c in ranked]


def upstream_lever(model: Model) -> Lever | None:
    """The concept that sets most of the causal map in motion: the driver whose pushes reach the most concepts.

    Only concepts that no link drives are candidates (pushing a concept the map itself moves says little about
    the source's argument). They are ranked by how many concepts lie downstream of them along the links, then by
    out-strength, then by id, so a draft's scattered pairs do not outrank the chain its author argues. None for a
    map without links.

    Examples
    --------
    >>> from realpolitik.model import CausalLink, Concept, Model
    >>> m = Model(title="t", concepts=[Concept(id=c, label=c.upper()) for c in "abcxy"],
    ...           causal_links=[CausalLink(id="l1", cause="a", effect="b", weight=0.3),
    ...                         CausalLink(id="l2", cause="b", effect="c", weight=0.3),
    ...                         CausalLink(id="l3", cause="x", effect="y", weight=0.9)])
    >>> lever = upstream_lever(m)
    >>> lever.concept, lever.direction, lever.reason
    ('a', 1, 'no link drives it, and pushing it reaches 2 concepts')
    """
    import networkx as nx

    graph = nx.DiGraph((link.cause, link.effect) for link in model.causal_links)
    if graph.number_of_nodes() == 0:
        return None
    strength = _out_strength(model)
    labels = {concept.id: concept.label for concept in model.concepts}
    candidates = [node for node in graph if graph.in_degree(node) == 0] or list(graph)
    reach = {node: len(nx.descendants(graph, node)) for node in candidates}
    best = min(candidates, key=lambda c: (-reach[c], -strength.get(c, 0.0), c))
    driven = graph.in_degree(best) > 0
    cause = "a link drives it too" if driven else "no link drives it"
    return Lever(best, labels.get(best, best), 1, f"{cause}, and pushing it reaches {reach[best]} concepts")


def default_baseline(model: Model) -> str | None:
    """The baseline scenario's id: the one most scenarios extend, else one with id ``baseline``, else None."""
    extended = Counter(s.extends for s in model.scenarios if s.extends)
    if extended:
        return sorted(extended, key=lambda s: (-extended[s], s))[0]
    return "baseline" if any(s.id == "baseline" for s in model.scenarios) else None
