"""Feedback loops of the causal map: every directed cycle, its sign and its strength."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from realpolitik.analysis.centrality import causal_graph
from realpolitik.model.schema import Model

__all__ = [
    "DEFAULT_MAX_LOOPS",
    "DEFAULT_MAX_LOOP_LENGTH",
    "FeedbackLoop",
    "LoopSearch",
    "feedback_loops",
    "loop_search",
]

#: Longer cycles are rarely argued for in a source, and their number grows fast with length.
DEFAULT_MAX_LOOP_LENGTH = 8
#: :func:`loop_search` stops after this many loops and says so; large dense maps hold billions.
DEFAULT_MAX_LOOPS = 10_000
#: ... or after examining this many links per loop allowed, so that a huge sparse map with few
#: loops also finishes (10,000 loops allow 10 million steps: seconds, not hours).
STEPS_PER_LOOP = 1_000


@dataclass(frozen=True)
class FeedbackLoop:
    """A directed cycle of the causal map.

    ``concepts`` lists the cycle once, starting at the concept that comes first in the model
    (the link from the last back to the first closes it).  ``sign`` is the product of the signs
    of its links: +1 makes the loop reinforcing (a change feeds itself), -1 balancing (a change
    is pushed back).  ``strength`` is the product of the absolute link weights, so a loop is as
    strong as its weakest links allow.
    """

    concepts: tuple[str, ...]
    sign: int
    strength: float

    @property
    def kind(self) -> str:
        """``"reinforcing"`` or ``"balancing"``."""
        return "reinforcing" if self.sign > 0 else "balancing"

    @property
    def length(self) -> int:
        """Number of links in the loop."""
        return len(self.concepts)

    @property
    def links(self) -> list[tuple[str, str]]:
        """The loop's links as (cause, effect) pairs, in order."""
        return list(zip(self.concepts, self.concepts[1:] + self.concepts[:1], strict=True))


def feedback_loops(model: Model, max_length: int = DEFAULT_MAX_LOOP_LENGTH) -> list[FeedbackLoop]:
    """Every feedback loop of at most ``max_length`` links, strongest first.

    Parameters
    ----------
    model
        The model whose causal links are searched.
    max_length
        The longest cycle to enumerate, in links.  The bound keeps enumeration tractable on
        dense maps, where the number of cycles grows exponentially with their length.

    Returns
    -------
    list of FeedbackLoop
        Sorted by strength (descending), then length, then concepts.  Links of weight 0 close no loop.

    Raises
    ------
    ValueError
        If ``max_length`` is less than 1.

    Examples
    --------
    >>> from realpolitik.model import CausalLink, Concept, Model
    >>> m = Model(title="t", concepts=[Concept(id=c, label=c) for c in "ab"],
    ...           causal_links=[CausalLink(id="l1", cause="a", effect="b", weight=0.5),
    ...                         CausalLink(id="l2", cause="b", effect="a", weight=-0.4)])
    >>> loop = feedback_loops(m)[0]
    >>> loop.concepts, loop.kind, round(loop.strength, 2)
    (('a', 'b'), 'balancing', 0.2)
    """
    return list(_ranked(model, max_length, None)[0])


@dataclass(frozen=True)
class LoopSearch:
    """The loops found by a bounded search, and whether the bound on their number cut it short.

    When ``capped`` is true, ``loops`` holds the first ``max_loops`` cycles the search met, ranked;
    stronger loops may exist among those not enumerated.
    """

    loops: tuple[FeedbackLoop, ...]
    max_length: int
    max_loops: int
    capped: bool


def loop_search(
    model: Model, *, max_length: int = DEFAULT_MAX_LOOP_LENGTH, max_loops: int = DEFAULT_MAX_LOOPS
) -> LoopSearch:
    """Feedback loops of at most ``max_length`` links, stopping after ``max_loops`` of them.

    This is the form to use on maps of unknown size: the number of cycles can grow exponentially
    with the map, and the result says whether the enumeration was complete.

    Raises
    ------
    ValueError
        If ``max_length`` or ``max_loops`` is less than 1.

    Examples
    --------
    >>> from realpolitik.model import CausalLink, Concept, Model
    >>> m = Model(title="t", concepts=[Concept(id=c, label=c) for c in "abc"],
    ...           causal_links=[CausalLink(id=f"l{i}", cause=u, effect=v, weight=0.5)
    ...                         for i, (u, v) in enumerate(["ab", "ba", "bc", "cb"])])
    >>> found = loop_search(m, max_loops=1)
    >>> len(found.loops), found.capped
    (1, True)
    """
    if max_loops < 1:
        raise ValueError(f"max_loops must be at least 1, got {max_loops}")
    loops, capped = _ranked(model, max_length, max_loops)
    return LoopSearch(loops=tuple(loops), max_length=max_length, max_loops=max_loops, capped=capped)


def _ranked(model: Model, max_length: int, max_loops: int | None) -> tuple[list[FeedbackLoop], bool]:
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    graph = causal_graph(model)
    graph.remove_edges_from([(u, v) for u, v, w in graph.edges(data="weight") if w == 0])
    order = {node: index for index, node in enumerate(graph)}
    loops: list[FeedbackLoop] = []
    budget = None if max_loops is None else max_loops * STEPS_PER_LOOP
    search = _BoundedCycles(graph, max_length, budget)
    for cycle in search:
        if max_loops is not None and len(loops) >= max_loops:
            search.capped = True
            break
        weights = [graph.edges[u, v]["weight"] for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True)]
        sign = 1 if sum(w < 0 for w in weights) % 2 == 0 else -1
        loops.append(FeedbackLoop(concepts=tuple(cycle), sign=sign, strength=math.prod(abs(w) for w in weights)))
    loops.sort(key=lambda loop: (-loop.strength, loop.length, [order[c] for c in loop.concepts]))
    return loops, search.capped


class _BoundedCycles:
    """Directed cycles of at most ``max_length`` links, each once, starting at its first node in graph order.

    A depth-first search from each start ``s`` walks only through later nodes of the same strongly
    connected component, so every cycle is met once, from its first node.  A breadth-first search
    backwards from ``s`` (half the length deep) prunes the walk: a node that cannot get back to
    ``s`` in the links left is not entered.  ``budget`` bounds the links examined; when it runs
    out the iteration ends and ``capped`` is set, so huge maps finish with a partial answer.
    """

    def __init__(self, graph: nx.DiGraph, max_length: int, budget: int | None) -> None:
        self.graph, self.max_length, self.budget = graph, max_length, budget
        self.capped = False

    def __iter__(self):
        nodes = list(self.graph)
        index = {node: i for i, node in enumerate(nodes)}
        component = {}
        for number, members in enumerate(nx.strongly_connected_components(self.graph)):
            for node in members:
                component[node] = number
        succ = [[index[v] for v in self.graph.successors(u) if component[v] == component[u]] for u in nodes]
        pred = [[index[v] for v in self.graph.predecessors(u) if component[v] == component[u]] for u in nodes]
        self_loops = {index[u] for u, v in nx.selfloop_edges(self.graph)}
        half = self.max_length // 2
        steps = 0
        for start in range(len(nodes)):
            if start in self_loops:
                yield [nodes[start]]
            if not succ[start]:
                continue
            back = _distances_back(pred, start, half)
            path, on_path = [start], {start}
            stack = [iter(succ[start])]
            while stack:
                nxt = next(stack[-1], None)
                if nxt is None:
                    stack.pop()
                    on_path.discard(path.pop())
                    continue
                steps += 1
                if self.budget is not None and steps > self.budget:
                    self.capped = True
                    return
                if nxt == start:
                    if len(path) > 1:
                        yield [nodes[i] for i in path]
                    continue
                left = self.max_length - len(path)  # links still allowed after stepping onto nxt
                if nxt < start or nxt in on_path or left < 1:
                    continue
                distance = back.get(nxt)
                if (distance is None and left <= half) or (distance is not None and distance > left):
                    continue
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(succ[nxt]))


def _distances_back(pred: list[list[int]], start: int, depth: int) -> dict[int, int]:
    """Links from each later node back to ``start``, for nodes at most ``depth`` links away."""
    distance = {start: 0}
    frontier = [start]
    for level in range(1, depth + 1):
        reached = []
        for node in frontier:
            for before in pred[node]:
                if before > start and before not in distance:
                    distance[before] = level
                    reached.append(before)
        frontier = reached
    return distance
