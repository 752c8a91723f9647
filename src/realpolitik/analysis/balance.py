"""Structural balance of signed networks (Heider; Cartwright and Harary).

A signed network is balanced when its actors split into (at most) two camps with friendly ties
inside each camp and hostile ties between them; every cycle then has a positive sign product.
The functions here take an undirected ``networkx.Graph`` whose edges carry ``sign`` (+1 or -1)
and return plain data.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

__all__ = [
    "EXACT_FRUSTRATION_LIMIT",
    "Frustration",
    "Triad",
    "frustration",
    "signed_graph",
    "triad_balance",
    "triads",
]

#: Up to this many actors the frustration index is exact (2**(n-1) camp splits, vectorised).
EXACT_FRUSTRATION_LIMIT = 20


def signed_graph(edges: Iterable[tuple[str, str, float]]) -> nx.Graph:
    """Collapse directed, possibly repeated stances into one undirected signed tie per pair.

    Each pair's polarities are summed (a +0.5 partnership and a -0.7 concern net to -0.2); the
    tie's ``sign`` is the sign of the sum, and pairs that net to zero get no tie.

    Examples
    --------
    >>> g = signed_graph([("a", "b", 0.5), ("b", "a", -0.7), ("b", "c", 0.4)])
    >>> sorted((u, v, d["sign"]) for u, v, d in g.edges(data=True))
    [('a', 'b', -1), ('b', 'c', 1)]
    """
    totals: dict[frozenset[str], float] = {}
    nodes: list[str] = []
    for source, target, polarity in edges:
        nodes.extend((source, target))
        if source != target:
            pair = frozenset((source, target))
            totals[pair] = totals.get(pair, 0.0) + polarity
    graph = nx.Graph()
    graph.add_nodes_from(dict.fromkeys(nodes))
    for pair, total in totals.items():
        if abs(total) > 1e-12:
            u, v = sorted(pair)
            graph.add_edge(u, v, sign=1 if total > 0 else -1, weight=total)
    return graph


@dataclass(frozen=True)
class Triad:
    """Three mutually tied actors and whether their ties are balanced (positive sign product)."""

    nodes: tuple[str, str, str]
    signs: tuple[int, int, int]

    @property
    def balanced(self) -> bool:
        return int(np.prod(self.signs)) > 0


def triads(graph: nx.Graph) -> list[Triad]:
    """Every closed triad (triangle) of a signed graph, with its three signs (ab, ac, bc).

    Examples
    --------
    >>> g = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": -1})])
    >>> [(t.nodes, t.balanced) for t in triads(g)]
    [(('a', 'b', 'c'), True)]
    """
    found = []
    order = {node: i for i, node in enumerate(sorted(graph.nodes, key=str))}
    for u in sorted(graph.nodes, key=str):
        later = [v for v in graph[u] if order[v] > order[u]]
        for v, w in itertools.combinations(sorted(later, key=str), 2):
            if graph.has_edge(v, w):
                signs = (graph[u][v]["sign"], graph[u][w]["sign"], graph[v][w]["sign"])
                found.append(Triad((u, v, w), signs))
    return found


def triad_balance(graph: nx.Graph) -> float | None:
    """Share of triads that are balanced (Cartwright and Harary's triangle index); None without triads."""
    closed = triads(graph)
    return sum(t.balanced for t in closed) / len(closed) if closed else None


@dataclass(frozen=True)
class Frustration:
    """The fewest ties that contradict any two-camp split, and the split that achieves it."""

    index: int
    ties: int
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    exact: bool

    @property
    def normalised(self) -> float:
        """Frustration as a share of ties (0 = balanced); 0 for a graph without ties."""
        return self.index / self.ties if self.ties else 0.0


def _edge_arrays(graph: nx.Graph, nodes: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = {node: i for i, node in enumerate(nodes)}
    rows = [(index[u], index[v], d["sign"]) for u, v, d in graph.edges(data=True)]
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    u, v, s = (np.asarray(column, dtype=np.int64) for column in zip(*rows, strict=True))
    return u, v, s


def _violations(sides: np.ndarray, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Per split (rows of ``sides``, 0/1 per node): friendly ties across camps plus hostile ties within."""
    same = sides[:, u] == sides[:, v]
    return np.where(s > 0, ~same, same).sum(axis=1)


def frustration(graph: nx.Graph, *, seed: int | None = 0, restarts: int = 50) -> Frustration:
    """The frustration index: the fewest ties whose sign contradicts the best two-camp split.

    Exact (every split, vectorised) up to :data:`EXACT_FRUSTRATION_LIMIT` actors; beyond that a
    local search from ``restarts`` random splits, which gives an upper bound (``exact=False``).

    Examples
    --------
    >>> g = nx.Graph([("a", "b", {"sign": -1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": -1})])
    >>> f = frustration(g)
    >>> f.index, f.exact
    (1, True)
    """
    nodes = sorted(graph.nodes, key=str)
    u, v, s = _edge_arrays(graph, nodes)
    n = len(nodes)
    if n <= 1 or len(s) == 0:
        return Frustration(0, len(s), (tuple(nodes), ()), True)
    if n <= EXACT_FRUSTRATION_LIMIT:
        best_sides, best = _exact_split(n, u, v, s)
        exact = True
    else:
        best_sides, best = _local_search(n, u, v, s, seed=seed, restarts=restarts)
        exact = False
    camps = (
        tuple(node for node, side in zip(nodes, best_sides, strict=True) if side == 0),
        tuple(node for node, side in zip(nodes, best_sides, strict=True) if side == 1),
    )
    return Frustration(int(best), len(s), camps, exact)


def _exact_split(n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, int]:
    # The first node stays in camp 0: a split and its mirror image are the same split.
    best_sides, best = np.zeros(n, dtype=np.int8), np.iinfo(np.int64).max
    chunk = 1 << 14
    for start in range(0, 1 << (n - 1), chunk):
        codes = np.arange(start, min(start + chunk, 1 << (n - 1)), dtype=np.int64)
        sides = np.zeros((len(codes), n), dtype=np.int8)
        sides[:, 1:] = (codes[:, None] >> np.arange(n - 1)) & 1
        counts = _violations(sides, u, v, s)
        i = int(np.argmin(counts))
        if counts[i] < best:
            best, best_sides = int(counts[i]), sides[i].copy()
    return best_sides, best


def _local_search(
    n: int, u: np.ndarray, v: np.ndarray, s: np.ndarray, *, seed: int | None, restarts: int
) -> tuple[np.ndarray, int]:
    rng = np.random.default_rng(seed)
    best_sides, best = np.zeros(n, dtype=np.int8), np.iinfo(np.int64).max
    for _ in range(restarts):
        sides = rng.integers(0, 2, n).astype(np.int8)
        current = int(_violations(sides[None, :], u, v, s)[0])
        improved = True
        while improved:
            improved = False
            for node in rng.permutation(n):
                sides[node] ^= 1
                flipped = int(_violations(sides[None, :], u, v, s)[0])
                if flipped < current:
                    current, improved = flipped, True
                else:
                    sides[node] ^= 1
        if current < best:
            best, best_sides = current, sides.copy()
    return best_sides, best
