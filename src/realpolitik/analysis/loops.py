"""Feedback loops of the causal map: every directed cycle, its sign and its strength."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from realpolitik.analysis.centrality import causal_graph
from realpolitik.model.schema import Model

__all__ = ["DEFAULT_MAX_LOOP_LENGTH", "FeedbackLoop", "feedback_loops"]

#: Longer cycles are rarely argued for in a source, and their number grows fast with length.
DEFAULT_MAX_LOOP_LENGTH = 8


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
        return list(zip(self.concepts, self.concepts[1:] + self.concepts[:1]))


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
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    graph = causal_graph(model)
    graph.remove_edges_from([(u, v) for u, v, w in graph.edges(data="weight") if w == 0])
    order = {node: index for index, node in enumerate(graph)}
    loops = []
    for cycle in nx.simple_cycles(graph, length_bound=max_length):
        start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        concepts = tuple(cycle[start:] + cycle[:start])
        weights = [graph.edges[u, v]["weight"] for u, v in zip(concepts, concepts[1:] + concepts[:1])]
        sign = 1 if sum(w < 0 for w in weights) % 2 == 0 else -1
        loops.append(FeedbackLoop(concepts=concepts, sign=sign, strength=math.prod(abs(w) for w in weights)))
    return sorted(loops, key=lambda loop: (-loop.strength, loop.length, [order[c] for c in loop.concepts]))
