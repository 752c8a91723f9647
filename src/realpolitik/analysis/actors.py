"""Who aligns with whom at a date: actor centrality, camps of allies, and structural balance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from realpolitik.analysis.balance import Frustration, Triad, frustration, signed_graph, triads
from realpolitik.analysis.stances import pair_stances
from realpolitik.model.schema import Model

__all__ = ["ActorCentrality", "ActorStructure", "actor_structure"]


@dataclass(frozen=True)
class ActorCentrality:
    """How much of the network's stance an actor holds, and how often it lies between others."""

    actor: str
    name: str
    ties: int
    friendly: int
    hostile: int
    strength: float
    """Sum of the absolute net stances of the actor's ties."""
    betweenness: float
    """Share of shortest paths between other actors (ties of any sign) that pass through it."""


@dataclass(frozen=True)
class ActorStructure:
    """The signed actor network at one date (or over all time when ``at`` is None)."""

    at: str | None
    centrality: tuple[ActorCentrality, ...]
    communities: tuple[tuple[str, ...], ...]
    """Groups of actors tied by friendly stances (Louvain modularity on the positive ties)."""
    triads: tuple[Triad, ...]
    frustration: Frustration

    @property
    def balanced_triads(self) -> tuple[Triad, ...]:
        return tuple(t for t in self.triads if t.balanced)

    @property
    def unbalanced_triads(self) -> tuple[Triad, ...]:
        return tuple(t for t in self.triads if not t.balanced)

    @property
    def triad_balance(self) -> float | None:
        """Share of triads that are balanced; None without triads."""
        return len(self.balanced_triads) / len(self.triads) if self.triads else None

    def triad(self, *actors: str) -> Triad | None:
        """The triad of these three actors, if all three are tied to each other."""
        wanted = set(actors)
        return next((t for t in self.triads if set(t.nodes) == wanted), None)


def actor_structure(model: Model, at: dt.date | str | None = None, *, seed: int = 0) -> ActorStructure:
    """Centrality, friendly camps and balance of the actor network at ``at``.

    People are left out: they act through the state or organisation they belong to, and their
    ties would double-count their side's stance.  Each pair's relations are first collapsed into
    one net stance (see :func:`realpolitik.analysis.pair_stances`).

    Raises
    ------
    InvalidDateError
        If ``at`` is not a valid EDTF expression.

    Examples
    --------
    The enemy of my enemy:

    >>> from realpolitik.model import Actor, Model, Relation
    >>> m = Model(title="t", actors=[Actor(id=i, name=i.upper(), kind="state") for i in "abc"],
    ...           relations=[Relation(id="r1", source="a", target="b", type="partnership", polarity=0.5),
    ...                      Relation(id="r2", source="a", target="c", type="conflict", polarity=-0.8),
    ...                      Relation(id="r3", source="b", target="c", type="conflict", polarity=-0.8)])
    >>> s = actor_structure(m)
    >>> s.triad("a", "b", "c").balanced, s.frustration.index, s.communities
    (True, 0, (('a', 'b'), ('c',)))
    """
    people = {actor.id for actor in model.actors if actor.kind == "person"}
    names = {actor.id: actor.name for actor in model.actors}
    stances = [s for s in pair_stances(model, at).values() if not people & set(s.actors)]
    graph = signed_graph((*s.actors, s.polarity) for s in stances)
    graph.add_nodes_from(actor.id for actor in model.actors if actor.id not in people)
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1.0 / abs(data["weight"])
    betweenness = nx.betweenness_centrality(graph, weight="distance") if len(graph) > 2 else {}
    centrality = [
        ActorCentrality(
            actor=node,
            name=names.get(node, node),
            ties=graph.degree(node),
            friendly=sum(1 for _, _, sign in graph.edges(node, data="sign") if sign > 0),
            hostile=sum(1 for _, _, sign in graph.edges(node, data="sign") if sign < 0),
            strength=round(sum(abs(w) for _, _, w in graph.edges(node, data="weight")), 10),
            betweenness=float(betweenness.get(node, 0.0)),
        )
        for node in graph
    ]
    centrality.sort(key=lambda c: (-c.strength, -c.betweenness, c.actor))
    return ActorStructure(
        at=None if at is None else str(at),
        centrality=tuple(centrality),
        communities=_friendly_camps(graph, seed=seed),
        triads=tuple(triads(graph)),
        frustration=frustration(graph, seed=seed),
    )


def _friendly_camps(graph: nx.Graph, *, seed: int) -> tuple[tuple[str, ...], ...]:
    friends = nx.Graph()
    friends.add_nodes_from(graph)
    friends.add_weighted_edges_from((u, v, w) for u, v, w in graph.edges(data="weight") if w > 0)
    camps = nx.community.louvain_communities(friends, weight="weight", seed=seed) if len(friends) else []
    ordered = (tuple(sorted(camp, key=str)) for camp in camps)
    return tuple(sorted(ordered, key=lambda camp: (-len(camp), camp)))
