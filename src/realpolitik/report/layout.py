"""Where to draw each node of a graph: the one layout of the report's figures and the web app's maps."""

from __future__ import annotations

import networkx as nx
import numpy as np

__all__ = ["graph_layout"]


def _declutter(positions: dict, *, min_distance: float, rounds: int = 200) -> dict:
    """Push apart nodes closer than ``min_distance`` (in layout units), keeping the layout's shape.

    Kamada-Kawai keeps graph distances but lets a hub's neighbours pile up on it, and their
    labels overprint; moving only the pairs that are too close un-crowds them without
    redrawing the rest.
    """
    nodes = list(positions)
    if len(nodes) < 2:
        return positions
    xy = np.array([positions[node] for node in nodes], dtype=float)
    for _ in range(rounds):
        gap = xy[:, None, :] - xy[None, :, :]
        distance = np.hypot(gap[..., 0], gap[..., 1])
        np.fill_diagonal(distance, np.inf)
        overlap = np.clip(min_distance - distance, 0.0, None)
        if not overlap.any():
            break
        with np.errstate(invalid="ignore", divide="ignore"):
            push = np.nan_to_num(gap / distance[..., None]) * overlap[..., None] * 0.5
        xy += push.sum(axis=1)
    return {node: (float(point[0]), float(point[1])) for node, point in zip(nodes, xy, strict=True)}


def graph_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for drawing a graph: Kamada-Kawai for the biggest connected piece, decluttered; the other
    pieces in a row beneath. Deterministic: the same graph always gets the same picture.

    Spring layouts alone push separate pieces to the edges and crush the main piece into a
    blob; so the biggest piece fills the frame and the small ones line up beneath it.

    Examples
    --------
    >>> positions = graph_layout(nx.Graph([("a", "b"), ("b", "c"), ("x", "y")]))
    >>> sorted(positions), positions["x"][1] < min(positions[n][1] for n in "abc")
    (['a', 'b', 'c', 'x', 'y'], True)
    """
    if not len(graph):
        return {}
    pieces = sorted(nx.connected_components(graph), key=lambda nodes: (-len(nodes), sorted(nodes)))
    main = graph.subgraph(pieces[0])
    positions = nx.kamada_kawai_layout(main, weight=None) if len(main) > 1 else {next(iter(main)): (0.0, 0.0)}
    positions = _declutter(positions, min_distance=2.4 / max(len(main), 1) ** 0.5)
    rest = [node for piece in pieces[1:] for node in sorted(piece)]
    for index, node in enumerate(rest):
        positions[node] = (-1.0 + 2.0 * (index + 0.5) / len(rest), -1.35)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}
