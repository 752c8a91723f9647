"""The shape of a causal map: size, density, drivers and receivers, and what each lever reaches.

The indices follow the fuzzy-cognitive-map literature used by Mental Modeler (Özesmi and Özesmi
2004): *drivers* (transmitters) only cause, *receivers* only are caused, *ordinary* concepts do
both; *complexity* is receivers per driver; a concept's *centrality* is the sum of the absolute
weights of its links in and out. Functions take a ``networkx.DiGraph`` whose edges carry a
signed ``weight`` (as built by :func:`realpolitik.analysis.causal_graph`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

__all__ = [
    "DEFAULT_MAX_PATHS",
    "CausalStructure",
    "LeverEffect",
    "LeverPath",
    "causal_structure",
    "lever_effects",
]

#: Path enumeration stops after this many paths per lever, and says so.
DEFAULT_MAX_PATHS = 10_000
#: A concept's role from (has causes, has effects), self-loops aside.
_ROLES = {(False, False): "isolated", (False, True): "drivers", (True, False): "receivers", (True, True): "ordinary"}


@dataclass(frozen=True)
class CausalStructure:
    """Whole-map indices of a causal map."""

    concepts: int
    connections: int
    density: float
    """Connections over the N(N-1) possible links without self-links (networkx's definition)."""
    density_n2: float
    """Connections over N², as Özesmi and Özesmi and Mental Modeler report it."""
    drivers: tuple[str, ...]
    receivers: tuple[str, ...]
    ordinary: tuple[str, ...]
    isolated: tuple[str, ...]
    components: tuple[tuple[str, ...], ...]
    centrality: dict[str, float] = field(repr=False)

    @property
    def complexity(self) -> float | None:
        """Receivers per driver; None when the map has no driver."""
        return len(self.receivers) / len(self.drivers) if self.drivers else None


def causal_structure(graph: nx.DiGraph) -> CausalStructure:
    """Size, density, concept roles, components and centrality of a causal map.

    Examples
    --------
    >>> g = nx.DiGraph([("aid", "crisis", {"weight": -0.8}), ("crisis", "unrest", {"weight": 0.6})])
    >>> g.add_node("alone")
    >>> s = causal_structure(g)
    >>> s.drivers, s.receivers, s.ordinary, s.isolated
    (('aid',), ('unrest',), ('crisis',), ('alone',))
    >>> round(s.density, 4), s.complexity, s.centrality["crisis"]
    (0.1667, 1.0, 1.4)
    """
    nodes = sorted(graph.nodes, key=str)
    n = len(nodes)
    links = [(u, v) for u, v in graph.edges if u != v]
    roles: dict[str, list[str]] = {"drivers": [], "receivers": [], "ordinary": [], "isolated": []}
    centrality = {}
    for node in nodes:
        inward = sum(1 for u in graph.predecessors(node) if u != node)
        outward = sum(1 for v in graph.successors(node) if v != node)
        roles[_ROLES[inward > 0, outward > 0]].append(node)
        centrality[node] = round(
            sum(abs(d.get("weight", 0.0)) for _, _, d in graph.in_edges(node, data=True))
            + sum(abs(d.get("weight", 0.0)) for _, _, d in graph.out_edges(node, data=True)),
            12,
        )
    components = sorted(
        (tuple(sorted(component, key=str)) for component in nx.weakly_connected_components(graph)),
        key=lambda c: (-len(c), c),
    )
    return CausalStructure(
        concepts=n,
        connections=len(links),
        density=len(links) / (n * (n - 1)) if n > 1 else 0.0,
        density_n2=len(links) / (n * n) if n else 0.0,
        drivers=tuple(roles["drivers"]),
        receivers=tuple(roles["receivers"]),
        ordinary=tuple(roles["ordinary"]),
        isolated=tuple(roles["isolated"]),
        components=tuple(components),
        centrality=centrality,
    )


@dataclass(frozen=True)
class LeverPath:
    """One causal chain from a lever to an outcome: its sign and strength (product of |weights|)."""

    concepts: tuple[str, ...]
    sign: int
    strength: float


@dataclass(frozen=True)
class LeverEffect:
    """Everything one lever does to one outcome along simple paths of bounded length.

    ``net`` sums the signed strengths of all paths: positive means pushing the lever up pushes the
    outcome up on balance. ``capped`` is true when enumeration stopped at the path limit, so the
    list (and ``net``) may be incomplete.
    """

    lever: str
    outcome: str
    paths: tuple[LeverPath, ...]
    capped: bool

    @property
    def net(self) -> float:
        return math.fsum(path.sign * path.strength for path in self.paths)

    @property
    def sign(self) -> int:
        net = self.net
        return 0 if abs(net) < 1e-12 else (1 if net > 0 else -1)

    @property
    def strongest(self) -> LeverPath | None:
        return max(self.paths, key=lambda p: (p.strength, -len(p.concepts))) if self.paths else None

    @property
    def mixed(self) -> bool:
        """True when some paths raise the outcome and others lower it."""
        return len({path.sign for path in self.paths}) > 1


def _path(graph: nx.DiGraph, concepts: list[str]) -> LeverPath:
    weights = [graph.edges[u, v].get("weight", 0.0) for u, v in itertools.pairwise(concepts)]
    sign = 1 if sum(w < 0 for w in weights) % 2 == 0 else -1
    return LeverPath(tuple(concepts), sign, math.prod(abs(w) for w in weights))


def lever_effects(
    graph: nx.DiGraph,
    levers: Iterable[str] | None = None,
    outcomes: Iterable[str] | None = None,
    *,
    max_length: int = 6,
    max_paths: int = DEFAULT_MAX_PATHS,
) -> list[LeverEffect]:
    """Every lever -> outcome effect along simple paths of at most ``max_length`` links.

    Levers default to the map's drivers, outcomes to every other concept. Pairs with no path are
    left out; concepts a lever cannot reach are the ones missing from its results. The walk from a
    lever stops after ``max_paths`` paths (to any concept), and its effects are then marked ``capped``.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b", {"weight": 0.5}), ("b", "c", {"weight": -0.5}), ("a", "c", {"weight": 0.1})])
    >>> effect = next(e for e in lever_effects(g, ["a"]) if e.outcome == "c")
    >>> len(effect.paths), effect.sign, effect.strongest.concepts
    (2, -1, ('a', 'b', 'c'))
    """
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    if levers is None:
        levers = causal_structure(graph).drivers
    wanted = set(outcomes) if outcomes is not None else None
    effects = []
    for lever in levers:
        found, capped = _paths_from(graph, lever, wanted, max_length, max_paths)
        for target in sorted(found, key=str):
            paths = sorted(found[target], key=lambda p: (-p.strength, p.concepts))
            effects.append(LeverEffect(lever, target, tuple(paths), capped))
    return effects


def _paths_from(
    graph: nx.DiGraph, lever: str, wanted: set[str] | None, max_length: int, max_paths: int
) -> tuple[dict[str, list[LeverPath]], bool]:
    """Every simple path from ``lever`` of at most ``max_length`` links, grouped by where it ends.

    One depth-first walk meets each simple path once, as the walk's current stack, so the cost is
    the number of paths rather than targets x paths.  The walk stops after ``max_paths`` paths.
    """
    found: dict[str, list[LeverPath]] = {}
    path, on_path = [lever], {lever}
    stack = [iter(graph.successors(lever))]
    walked = 0
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        if step in on_path:
            continue
        path.append(step)
        if wanted is None or step in wanted:
            found.setdefault(step, []).append(_path(graph, path))
        walked += 1
        if walked >= max_paths:
            return found, True
        if len(path) <= max_length:
            on_path.add(step)
            stack.append(iter(graph.successors(step)))
        else:
            path.pop()
    return found, False
