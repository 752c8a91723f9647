"""Where to draw each node of a graph and how to bend each link: the one layout of the report's figures and the
web app's maps.

Positions are in *em* of the label font (1.0 = the font's size), so a figure that draws labels at that size can
promise that no two labels overprint: the report draws at :data:`LABEL_POINTS` points per em, the app at its own
pixel size per em. Each label sits under its node.
"""

from __future__ import annotations

import textwrap
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import networkx as nx
import numpy as np

__all__ = ["LABEL_POINTS", "LINE_EM", "NODE_EM", "GraphLayout", "densest_window", "edge_bends", "graph_layout",
           "label_lines", "text_width"]

#: Size of label text in the report's network figures, in points (the em of the layout).
LABEL_POINTS = 7.5
#: Height of one line of label text, in em.
LINE_EM = 1.25
#: Room a node's marker takes above its label, in em.
NODE_EM = 1.6
#: Free space kept between two label boxes, in em.
_GAP_EM = 0.5
#: Target length of a link, in em: room for two labels side by side.
_LINK_EM = 11.0
#: Space between two connected pieces of a graph, in em.
_PIECE_GAP_EM = 3.0


@lru_cache(maxsize=8192)
def text_width(text: str) -> float:
    """Width of ``text`` in em of DejaVu Sans (matplotlib's font, and the first the web app asks for).

    Examples
    --------
    >>> text_width("iii") < text_width("WWW")
    True
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    width, _, _ = TextToPath().get_text_width_height_descent(text, FontProperties(family="DejaVu Sans", size=100),
                                                             ismath=False)
    return width / 100.0


def label_lines(text: str, width: int = 18, *, most: int = 3) -> list[str]:
    """``text`` wrapped to lines of about ``width`` characters, at most ``most`` lines (the last one shortened).

    Examples
    --------
    >>> label_lines("Russian engagement with the Taliban government", 18)
    ['Russian engagement', 'with the Taliban', 'government']
    >>> label_lines("a b c d e f g h", 3, most=2)
    ['a b', 'c…']
    """
    lines = textwrap.wrap(text, width, break_long_words=True) or [text]
    if len(lines) > most:
        rest = " ".join(lines[most - 1:])
        lines = [*lines[:most - 1], textwrap.shorten(rest, width, placeholder="…") if len(rest) > width else rest]
        if not lines[-1].endswith("…"):
            lines[-1] = lines[-1][: max(width - 1, 1)] + "…"
    return lines


@dataclass(frozen=True)
class GraphLayout:
    """Node positions in em (y grows upwards), the size of the whole drawing, and each label's lines."""

    positions: dict[str, tuple[float, float]]
    width: float
    height: float
    labels: dict[str, list[str]]

    def box(self, node: str) -> tuple[float, float, float, float]:
        """The room ``node`` and its label take: (left, bottom, right, top) in em."""
        return _box(self.positions[node], self.labels[node])


def _half_width(lines: Sequence[str]) -> float:
    return max(max((text_width(line) for line in lines), default=0.0), NODE_EM) / 2 + _GAP_EM / 2


def _box(point: tuple[float, float], lines: Sequence[str]) -> tuple[float, float, float, float]:
    x, y = point
    half = _half_width(lines)
    return x - half, y - NODE_EM / 2 - LINE_EM * len(lines) - _GAP_EM / 2, x + half, y + NODE_EM / 2 + _GAP_EM / 2


def _separate(xy: np.ndarray, half_w: np.ndarray, below: np.ndarray, *, rounds: int = 400) -> np.ndarray:
    """Move nodes until no two label boxes overlap, each pair along the axis where it overlaps less.

    A box spans ``half_w`` either side of its node and from ``below`` under it to :data:`NODE_EM` / 2 above.
    Pushing along the shorter overlap is the smallest move that parts a pair, so the layout keeps its shape.
    """
    n = len(xy)
    if n < 2:
        return xy
    above = np.full(n, NODE_EM / 2 + _GAP_EM / 2)
    order = np.arange(n)
    tie = np.sign(order[:, None] - order[None, :]).astype(float)  # who goes which way when two nodes coincide
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        centre = xy[:, 1] + (above - below) / 2
        dy = centre[:, None] - centre[None, :]
        over_x = half_w[:, None] + half_w[None, :] - np.abs(dx)
        half_h = (above + below) / 2
        over_y = half_h[:, None] + half_h[None, :] - np.abs(dy)
        np.fill_diagonal(over_x, -1.0)
        clash = (over_x > 1e-6) & (over_y > 1e-6)
        if not clash.any():
            break
        along_x = clash & (over_x <= over_y)
        along_y = clash & ~along_x
        sign_x = np.where(dx != 0, np.sign(dx), tie)
        sign_y = np.where(dy != 0, np.sign(dy), tie)
        # each side of a pair moves half the overlap (a little more, so that the pair is parted for good)
        push_x = (np.where(along_x, over_x, 0.0) * sign_x).sum(axis=1) * 0.52
        push_y = (np.where(along_y, over_y, 0.0) * sign_y).sum(axis=1) * 0.52
        xy = xy + np.stack([push_x, push_y], axis=1) / np.maximum(clash.sum(axis=1), 1)[:, None] ** 0.5
    return xy


def _piece_layout(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    piece = graph.subgraph(nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-_LINK_EM / 2, 0.0), nodes[1]: (_LINK_EM / 2, 0.0)}
    raw = nx.kamada_kawai_layout(piece, weight=None)
    lengths = [float(np.hypot(*(np.subtract(raw[u], raw[v])))) for u, v in piece.edges() if u != v]
    scale = _LINK_EM / (float(np.median(lengths)) if lengths and np.median(lengths) > 0 else 1.0)
    return {node: (float(raw[node][0]) * scale, float(raw[node][1]) * scale) for node in nodes}


def graph_layout(graph: nx.Graph, labels: Mapping[str, str | Sequence[str]] | None = None, *,
                 wrap: int = 18) -> GraphLayout:
    """Lay out ``graph`` for drawing with ``labels``: node → text (wrapped here) or its lines; the node's name
    when missing.

    Each connected piece is placed by Kamada-Kawai (which keeps graph distances), scaled so that a link is
    about two labels long, and loosened until no two labels overprint; the pieces are then packed in rows,
    the biggest first, into a frame about 4:3. Deterministic: the same graph always gets the same picture.

    Spring layouts alone push separate pieces to the edges and crush the main piece into a blob, and a row
    of leftovers under the main piece runs their labels together; packing keeps every piece whole.

    Examples
    --------
    >>> layout = graph_layout(nx.Graph([("a", "b"), ("b", "c"), ("x", "y")]))
    >>> sorted(layout.positions), layout.width > 0, layout.height > 0
    (['a', 'b', 'c', 'x', 'y'], True, True)
    """
    given = labels or {}
    texts = {str(node): list(given[node]) if isinstance(given.get(node), list | tuple) and given[node]
             else label_lines(str(given.get(node) or node), wrap) for node in graph}
    if not len(graph):
        return GraphLayout({}, 0.0, 0.0, {})
    pieces = sorted((sorted(map(str, piece)) for piece in nx.connected_components(graph)),
                    key=lambda nodes: (-len(nodes), nodes))
    placed: list[tuple[dict[str, tuple[float, float]], tuple[float, float, float, float]]] = []
    for nodes in pieces:
        positions = _piece_layout(graph, nodes)
        xy = np.array([positions[node] for node in nodes], dtype=float)
        half_w = np.array([_half_width(texts[node]) for node in nodes])
        below = np.array([NODE_EM / 2 + LINE_EM * len(texts[node]) + _GAP_EM / 2 for node in nodes])
        xy = _separate(xy, half_w, below)
        positions = {node: (float(x), float(y)) for node, (x, y) in zip(nodes, xy, strict=True)}
        boxes = [_box(positions[node], texts[node]) for node in nodes]
        placed.append((positions, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                   max(b[2] for b in boxes), max(b[3] for b in boxes))))
    sizes = [(right - left, top - bottom) for _, (left, bottom, right, top) in placed]
    row_width = max(max(w for w, _ in sizes), (sum(w * h for w, h in sizes) * 4 / 3) ** 0.5 * 1.15)
    final: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for (positions, (left, _, _, top)), (w, h) in zip(placed, sizes, strict=True):
        if x > 0 and x + w > row_width:
            y -= row_height + _PIECE_GAP_EM
            x = row_height = 0.0
        for node, (px, py) in positions.items():
            final[node] = (round(px - left + x, 4), round(py - top + y, 4))
        x += w + _PIECE_GAP_EM
        width = max(width, x - _PIECE_GAP_EM)
        row_height = max(row_height, h)
    height = -y + row_height
    # y runs from -height (bottom) to 0 (top): shift so the frame is (0, 0)–(width, height)
    final = {node: (px, round(py + height, 4)) for node, (px, py) in final.items()}
    return GraphLayout(final, round(width, 4), round(height, 4), texts)


def edge_bends(pairs: Iterable[tuple[Hashable, Hashable]], *, spread: float = 0.28) -> list[float]:
    """How far each link bows from the straight line, as matplotlib's ``arc3`` ``rad``: the control point of the
    curve lies ``rad`` × the link's length off its middle, to the right of the direction of travel.

    A lone link is straight; links between one pair of nodes, in either direction, fan out to both sides so
    that none is drawn over another.

    Examples
    --------
    >>> edge_bends([("a", "b"), ("b", "c")])
    [0.0, 0.0]
    >>> edge_bends([("a", "b"), ("b", "a")])  # opposite ways, so the same rad puts them on opposite sides
    [-0.14, -0.14]
    >>> edge_bends([("a", "b"), ("a", "b"), ("a", "b")])
    [-0.28, 0.0, 0.28]
    """
    pairs = list(pairs)
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (u, v) in enumerate(pairs):
        groups.setdefault(tuple(sorted((str(u), str(v)))), []).append(index)  # type: ignore[arg-type]
    bends = [0.0] * len(pairs)
    for (first, _), members in groups.items():
        for rank, index in enumerate(members):
            offset = (rank - (len(members) - 1) / 2) * spread
            # the offset is taken in the pair's sorted direction; a link the other way flips to keep its side
            bends[index] = round(offset if str(pairs[index][0]) == first else -offset, 4)
    return bends


def densest_window(days: Sequence[date], *, share: float = 1 / 3, narrow: float = 0.08) -> tuple[date, date] | None:
    """The shortest stretch of time holding at least ``share`` of ``days``, when it is under ``narrow`` of the
    whole span; ``None`` when the dates are spread well enough to read on one axis.

    A timeline from 1979 to 2021 with ten events in August 2021 draws those ten on one pixel; a second panel
    zoomed on this window keeps them apart.

    Examples
    --------
    >>> days = [date(1979, 12, 1), date(2001, 10, 7)] + [date(2021, 8, d) for d in range(10, 31, 2)]
    >>> densest_window(days)
    (datetime.date(2021, 8, 10), datetime.date(2021, 8, 30))
    >>> densest_window([date(2000, 1, 1), date(2010, 1, 1), date(2020, 1, 1)]) is None
    True
    """
    ordered = sorted(days)
    if len(ordered) < 4:
        return None
    span = (ordered[-1] - ordered[0]).days
    count = max(int(np.ceil(share * len(ordered))), 3)
    best = min(range(len(ordered) - count + 1), key=lambda i: ((ordered[i + count - 1] - ordered[i]).days, i))
    low, high = ordered[best], ordered[best + count - 1]
    limit = narrow * span
    if span == 0 or (high - low).days > limit:
        return None
    # take in the dates just outside the core too, while the window stays narrow
    while True:
        near = [day for day in ordered if -limit / 20 <= (day - low).days and (day - high).days <= limit / 20]
        grown = (near[0], near[-1])
        if grown == (low, high) or (grown[1] - grown[0]).days > limit:
            return low, high
        low, high = grown
