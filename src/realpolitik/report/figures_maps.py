"""Network figures: the actor network and the causal map with its feedback loops.

Both are drawn from :func:`realpolitik.report.layout.graph_layout`, at :data:`~realpolitik.report.layout.LABEL_POINTS`
points per em of the layout, so the figure grows with the model and no two labels overprint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from realpolitik.analysis import FeedbackLoop, actor_network, causal_graph, concept_centrality
from realpolitik.model.schema import Model
from realpolitik.report.layout import LABEL_POINTS, LINE_EM, NODE_EM, GraphLayout, edge_bends, graph_layout, label_lines
from realpolitik.report.palette import (
    AFFILIATION_COLOUR,
    CAUSAL_COLOURS,
    CONCEPT_COLOUR,
    CONCEPT_EDGE,
    LOOP_COLOURS,
    causal_legend,
    kind_colour,
    network_legend,
    relation_colour,
)

__all__ = ["actor_labels", "actor_network_figure", "causal_map_figure", "concept_labels"]

_LEGEND_INCHES = 3.0
_MIN_INCHES = (6.5, 4.0)
_MAX_INCHES = 40.0  # past this a figure is split by nobody and printed by nobody: labels may then crowd
_MARKER_POINTS = NODE_EM * LABEL_POINTS * 0.85
#: The palette's dash names (shared with the app, which passes them to Plotly) as matplotlib line styles.
_LINESTYLES: dict[str, Literal["-", "--", ":"]] = {"solid": "-", "dash": "--", "dot": ":"}


def actor_labels(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Label lines of each actor: the name, and a person's role under it."""
    labels = {}
    for node, data in graph.nodes(data=True):
        lines = label_lines(data.get("name") or node)
        if data.get("kind") == "person" and data.get("role"):
            lines += label_lines(data["role"], most=2)
        labels[node] = lines
    return labels


def concept_labels(graph: nx.DiGraph) -> dict[str, list[str]]:
    return {node: label_lines(data.get("label") or node) for node, data in graph.nodes(data=True)}


def _canvas(layout: GraphLayout, legend: Sequence[dict[str, str]]) -> tuple[Figure, Axes]:
    """A figure whose map axes draw one em of the layout at LABEL_POINTS, with the legend in a column beside."""
    per_inch = LABEL_POINTS / 72
    margin = 2.0  # em round the drawing, for arrows bowing out of the frame
    want_w, want_h = (layout.width + 2 * margin) * per_inch, (layout.height + 2 * margin) * per_inch
    scale = min(1.0, _MAX_INCHES / max(want_w, want_h))
    map_w, map_h = max(want_w * scale, _MIN_INCHES[0]), max(want_h * scale, _MIN_INCHES[1])
    legend_h = 0.22 * len(legend) + 0.4
    height = max(map_h, legend_h)
    figure = Figure(figsize=(map_w + _LEGEND_INCHES, height))
    ax = figure.add_axes((0.0, (height - map_h) / height, map_w / (map_w + _LEGEND_INCHES), map_h / height))
    ems_w, ems_h = map_w / per_inch / scale, map_h / per_inch / scale
    ax.set_xlim(layout.width / 2 - ems_w / 2, layout.width / 2 + ems_w / 2)
    ax.set_ylim(layout.height / 2 - ems_h / 2, layout.height / 2 + ems_h / 2)
    ax.set_axis_off()
    handles = []
    for row in legend:
        if row["mark"] == "node":
            ring = row.get("symbol") == "ring"
            handles.append(Line2D([], [], marker="s" if row["symbol"] == "square" else "o", linestyle="",
                                  markerfacecolor="white" if ring else row["colour"],
                                  markeredgecolor="#222222" if ring else "white", markeredgewidth=2 if ring else 1,
                                  markersize=8, label=row["label"]))
        else:
            handles.append(Line2D([], [], color=row["colour"], linewidth=2, label=row["label"],
                                  linestyle=_LINESTYLES[row["dash"]]))
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(map_w / (map_w + _LEGEND_INCHES), 1.0),
                  fontsize=8, frameon=False)
    return figure, ax


def _arrow(ax, start, end, *, colour, width, rad, head=True, dash="solid", alpha=1.0, z=1) -> None:
    shrink = _MARKER_POINTS / 2 + 1
    ax.add_patch(FancyArrowPatch(
        start, end, arrowstyle="-|>" if head else "-", mutation_scale=9, color=colour, linewidth=width, alpha=alpha,
        connectionstyle=f"arc3,rad={rad}", linestyle=_LINESTYLES[dash], shrinkA=shrink, shrinkB=shrink,
        zorder=z,
    ))


def _labels(ax, layout: GraphLayout, scale: float) -> None:
    for node, (x, y) in layout.positions.items():
        ax.annotate("\n".join(layout.labels[node]), (x, y), xytext=(0, -NODE_EM / 2 * LABEL_POINTS * scale),
                    textcoords="offset points", ha="center", va="top", fontsize=LABEL_POINTS * scale,
                    linespacing=LINE_EM / 1.17, zorder=4, gid=f"label-{node}",
                    bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.7})


def _scale(ax, layout: GraphLayout) -> float:
    # points per em actually drawn (below 1 only past the largest figure size)
    width_points = ax.get_position().width * ax.figure.get_size_inches()[0] * 72
    span = ax.get_xlim()[1] - ax.get_xlim()[0]
    return width_points / span / LABEL_POINTS


def actor_network_figure(model: Model) -> Figure:
    """Actors as nodes coloured by kind; relations as arrows coloured by sign, dashed once ended.

    People hang on the actor they act for by a dotted line; the layout pulls them close to it. A proposed actor
    has a dark ring; relations between one pair bow apart.
    """
    graph = actor_network(model)
    labels = actor_labels(graph)
    layout = graph_layout(nx.Graph(graph.to_undirected()), labels)
    review = {actor.id: actor.review for actor in model.actors}
    figure, ax = _canvas(layout, network_legend(d.get("kind") for _, d in graph.nodes(data=True)))
    scale = _scale(ax, layout)
    at = layout.positions
    edges = list(graph.edges(data=True))
    for (u, v, data), rad in zip(edges, edge_bends((u, v) for u, v, _ in edges), strict=True):
        if data["origin"] == "affiliation":
            _arrow(ax, at[u], at[v], colour=AFFILIATION_COLOUR, width=1.2, rad=rad, head=False, dash="dot")
            continue
        _arrow(ax, at[u], at[v], colour=relation_colour(data["polarity"]), width=0.8 + 2.2 * data["strength"],
               rad=rad, dash="dash" if data["valid_to"] else "solid", alpha=0.85)
    for node, data in graph.nodes(data=True):
        proposed = review.get(node) == "proposed"
        ax.scatter(*at[node], s=(_MARKER_POINTS * scale) ** 2, color=kind_colour(data.get("kind")),
                   marker="s" if data.get("kind") == "state" else "o", zorder=3,
                   edgecolors="#222222" if proposed else "white", linewidths=2.0 if proposed else 1.2)
    _labels(ax, layout, scale)
    return figure


def causal_map_figure(model: Model, loops: list[FeedbackLoop], *, highlight: int = 3) -> Figure:
    """Concepts sized by weighted degree, links coloured by sign and as wide as their weight, dashed while proposed.

    The ``highlight`` strongest feedback loops are drawn under a coloured halo and named in the legend.
    """
    graph = causal_graph(model)
    strength = {c.concept: c.strength for c in concept_centrality(model)}
    layout = graph_layout(nx.Graph(graph.to_undirected()), concept_labels(graph))
    proposed = {link.id for link in model.causal_links if link.review == "proposed"}
    legend: list[dict[str, str]] = []
    for number, loop in enumerate(loops[:highlight], start=1):
        names = " → ".join(graph.nodes[c]["label"] for c in loop.concepts)
        legend.append({"label": "\n".join(label_lines(f"L{number} {loop.kind} ({loop.strength:.2f}): {names}", 38,
                                                      most=4)),
                       "colour": LOOP_COLOURS[(number - 1) % len(LOOP_COLOURS)], "mark": "line", "dash": "solid"})
    figure, ax = _canvas(layout, legend + causal_legend())
    scale = _scale(ax, layout)
    at = layout.positions
    edges = list(graph.edges(data=True))
    bends = dict(zip([(u, v) for u, v, _ in edges], edge_bends((u, v) for u, v, _ in edges), strict=True))
    for number, loop in enumerate(loops[:highlight], start=1):
        for u, v in loop.links:
            _arrow(ax, at[u], at[v], colour=LOOP_COLOURS[(number - 1) % len(LOOP_COLOURS)], width=9 - 2 * number,
                   rad=bends.get((u, v), 0.0), head=False, alpha=0.75, z=0)
    for u, v, data in edges:
        _arrow(ax, at[u], at[v], colour=CAUSAL_COLOURS[1 if data["weight"] >= 0 else -1],
               width=0.5 + 3 * abs(data["weight"]), rad=bends[u, v],
               dash="dash" if data["link"] in proposed else "solid", alpha=0.4 + 0.6 * data["confidence"], z=1)
    top = max(strength.values(), default=1.0) or 1.0
    for node in graph.nodes:
        size = _MARKER_POINTS * scale * (0.55 + 0.45 * strength.get(node, 0.0) / top)
        ax.scatter(*at[node], s=size**2, color=CONCEPT_COLOUR, edgecolors=CONCEPT_EDGE, linewidths=1.0, zorder=3)
    _labels(ax, layout, scale)
    return figure
