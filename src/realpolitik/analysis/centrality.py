"""The causal map as a graph, and how central each concept is in it."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from realpolitik.model.schema import Model

__all__ = [
    "BETWEENNESS_LIMIT",
    "BETWEENNESS_SAMPLE",
    "EXACT_BETWEENNESS_LIMIT",
    "ConceptCentrality",
    "causal_graph",
    "concept_centrality",
]

#: Up to this many concepts betweenness is exact; up to :data:`BETWEENNESS_LIMIT` it is estimated
#: from :data:`BETWEENNESS_SAMPLE` sampled sources (Brandes and Pich), and beyond it is not computed:
#: the exact value costs concepts x links (hours on a map of 100,000 concepts) and a handful of
#: samples on such a map says little.
EXACT_BETWEENNESS_LIMIT = 1_000
BETWEENNESS_SAMPLE = 64
BETWEENNESS_LIMIT = 10_000


def causal_graph(model: Model) -> nx.DiGraph:
    """The causal map as a directed graph: one node per concept, one edge per causal link.

    Nodes carry ``label``; edges carry ``weight`` (signed), ``confidence`` and ``link`` (the link's id).
    Links that name a concept the model does not list still add that node, labelled by its id, so
    that an unchecked model can be analysed too.

    Examples
    --------
    >>> from realpolitik.model import CausalLink, Concept, Model
    >>> m = Model(title="t", concepts=[Concept(id="a", label="A"), Concept(id="b", label="B")],
    ...           causal_links=[CausalLink(id="l", cause="a", effect="b", weight=-0.5)])
    >>> causal_graph(m).edges["a", "b"]["weight"]
    -0.5
    """
    graph = nx.DiGraph()
    for concept in model.concepts:
        graph.add_node(concept.id, label=concept.label)
    for link in model.causal_links:
        for end in (link.cause, link.effect):
            if end not in graph:
                graph.add_node(end, label=end)
        # A repeated cause -> effect pair keeps the last link, as the simulation's matrix does.
        graph.add_edge(link.cause, link.effect, weight=link.weight, confidence=link.confidence, link=link.id)
    return graph


@dataclass(frozen=True)
class ConceptCentrality:
    """How central one concept is in the causal map.

    ``in_strength`` and ``out_strength`` sum the absolute weights of the links into and out of
    the concept; ``strength`` is their sum.  ``betweenness`` is the share of shortest paths
    between other concepts that pass through this one, with ``1/|weight|`` as the length of a
    link so that strong links make short paths.
    """

    concept: str
    label: str
    in_strength: float
    out_strength: float
    betweenness: float | None

    @property
    def strength(self) -> float:
        """Weighted degree: in-strength plus out-strength."""
        return self.in_strength + self.out_strength


def concept_centrality(model: Model, *, seed: int = 0) -> list[ConceptCentrality]:
    """Weighted degree and betweenness of every concept, most central first.

    On maps larger than :data:`EXACT_BETWEENNESS_LIMIT` concepts betweenness is estimated from
    :data:`BETWEENNESS_SAMPLE` source concepts drawn with ``seed``; above :data:`BETWEENNESS_LIMIT`
    it is ``None``.

    Concepts are ranked by weighted degree (:attr:`ConceptCentrality.strength`), then by
    betweenness, then by id, so that the order is stable.

    Examples
    --------
    A chain ``a -> b -> c``: ``b`` carries the one path between the others.

    >>> from realpolitik.model import CausalLink, Concept, Model
    >>> m = Model(title="t", concepts=[Concept(id=c, label=c.upper()) for c in "abc"],
    ...           causal_links=[CausalLink(id="l1", cause="a", effect="b", weight=0.5),
    ...                         CausalLink(id="l2", cause="b", effect="c", weight=-1.0)])
    >>> top = concept_centrality(m)[0]
    >>> top.concept, top.strength, top.betweenness
    ('b', 1.5, 0.5)
    """
    graph = causal_graph(model)
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1.0 / abs(data["weight"]) if data["weight"] else float("inf")
    sample = BETWEENNESS_SAMPLE if len(graph) > EXACT_BETWEENNESS_LIMIT else None
    if len(graph) > BETWEENNESS_LIMIT:
        betweenness = None
    elif len(graph) > 2:
        betweenness = nx.betweenness_centrality(graph, k=sample, weight="distance", normalized=True, seed=seed)
    else:
        betweenness = {}
    result = [
        ConceptCentrality(
            concept=node,
            label=graph.nodes[node]["label"],
            in_strength=sum(abs(w) for _, _, w in graph.in_edges(node, data="weight")),
            out_strength=sum(abs(w) for _, _, w in graph.out_edges(node, data="weight")),
            betweenness=None if betweenness is None else float(betweenness.get(node, 0.0)),
        )
        for node in graph
    ]
    return sorted(result, key=lambda c: (-round(c.strength, 12), -(c.betweenness or 0.0), c.concept))
