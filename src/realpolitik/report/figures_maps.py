"""Network figures: the actor network and the causal map with its feedback loops."""

from __future__ import annotations

import textwrap

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from realpolitik.analysis import FeedbackLoop, actor_network, causal_graph, concept_centrality
from realpolitik.model.schema import Model
from realpolitik.report.layout import graph_layout

__all__ = ["KIND_COLOURS", "SIGN_COLOURS", "actor_network_figure", "causal_map_figure"]

#: Colour per actor kind (colour-blind safe Tableau 10).
KIND_COLOURS = {
    "state": "#4e79a7",
    "armed_group": "#e15759",
    "organisation": "#59a14f",
    "alliance": "#76b7b2",
    "region": "#edc948",
    "group": "#b07aa1",
    "person": "#f28e2b",
}
#: Edge colours by sign: friendly/increasing, hostile/decreasing, neutral.
SIGN_COLOURS = {1: "#1a7f37", -1: "#c0392b", 0: "#8c8c8c"}
_CAUSAL_COLOURS = {1: "#2166ac", -1: "#b2182b"}
_LOOP_COLOURS = ("#f6c700", "#9edae5", "#c5b0d5")
_SEED = 7  # a fixed layout seed, so the same model draws the same picture


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _wrap(text: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _arrow(ax, start, end, *, colour, width, rad, style="-|>", dashed=False, alpha=1.0, shrink=14, z=1):
    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle=style, mutation_scale=9, color=colour, linewidth=width, alpha=alpha,
            connectionstyle=f"arc3,rad={rad}", linestyle="--" if dashed else "-", shrinkA=shrink, shrinkB=shrink,
            zorder=z,
        )
    )


def _frame(ax, positions) -> None:
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    pad_x, pad_y = 0.18 * (max(xs) - min(xs) or 1), 0.12 * (max(ys) - min(ys) or 1)
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    ax.set_axis_off()


def actor_network_figure(model: Model) -> Figure:
    """Actors as nodes coloured by kind; relations as arrows coloured by sign, dashed once ended.

    People hang on the actor they act for by a dotted line; the layout pulls them close to it.
    """
    graph = actor_network(model)
    # An affiliation edge is one hop like any relation, so a person lands beside their side.
    positions = graph_layout(nx.Graph(graph.to_undirected()))
    figure = Figure(figsize=(10, 7.5), layout="constrained")
    ax = figure.add_subplot()
    seen: dict[tuple[str, str], int] = {}
    for u, v, data in graph.edges(data=True):
        if data["origin"] == "affiliation":
            ax.plot(*zip(positions[u], positions[v], strict=True), linestyle=":", color="#555555", linewidth=1.2,
                    zorder=1)
            continue
        pair = tuple(sorted((u, v)))
        index = seen[pair] = seen.get(pair, -1) + 1
        # Parallel relations between one pair bend apart instead of drawing over each other.
        rad = 0.12 + 0.14 * index
        _arrow(ax, positions[u], positions[v], colour=SIGN_COLOURS[_sign(data["polarity"])],
               width=0.8 + 2.2 * data["strength"], rad=rad, dashed=bool(data["valid_to"]), alpha=0.85)
    for node, data in graph.nodes(data=True):
        person = data["kind"] == "person"
        marker = "s" if not person and data["kind"] == "state" else "o"
        ax.scatter(*positions[node], s=120 if person else 420, color=KIND_COLOURS.get(data["kind"], "#999999"),
                   edgecolors="white", linewidths=1.5, zorder=3, marker=marker)
        role = textwrap.shorten(data.get("role") or "", 34, placeholder="…")
        label = f"{data['name']}\n{role}" if person and role else data["name"]
        ax.annotate(_wrap(label, 22), positions[node], xytext=(0, -13 if person else -17), textcoords="offset points",
                    ha="center", va="top", fontsize=7.5 if person else 8.5, zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    _frame(ax, positions)
    kinds = [k for k in KIND_COLOURS if any(d["kind"] == k for _, d in graph.nodes(data=True))]
    handles = [Line2D([], [], marker="s" if k == "state" else "o", linestyle="", color=KIND_COLOURS[k],
                      markersize=8, label=k.replace("_", " ")) for k in kinds]
    handles += [
        Line2D([], [], color=SIGN_COLOURS[1], linewidth=2, label="friendly (polarity > 0)"),
        Line2D([], [], color=SIGN_COLOURS[-1], linewidth=2, label="hostile (polarity < 0)"),
        Line2D([], [], color=SIGN_COLOURS[0], linewidth=2, label="neutral"),
        Line2D([], [], color="#555555", linestyle="--", label="ended (valid_to set)"),
        Line2D([], [], color="#555555", linestyle=":", label="person's affiliation"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return figure


def causal_map_figure(model: Model, loops: list[FeedbackLoop], *, highlight: int = 3) -> Figure:
    """Concepts sized by weighted degree, links coloured by sign and as wide as their weight.

    The ``highlight`` strongest feedback loops are drawn under a coloured halo and named in the legend.
    """
    graph = causal_graph(model)
    strength = {c.concept: c.strength for c in concept_centrality(model)}
    positions = graph_layout(nx.Graph(graph.to_undirected()))
    figure = Figure(figsize=(10, 8), layout="constrained")
    ax = figure.add_subplot()
    handles = []
    for number, loop in enumerate(loops[:highlight], start=1):
        colour = _LOOP_COLOURS[(number - 1) % len(_LOOP_COLOURS)]
        for u, v in loop.links:
            _arrow(ax, positions[u], positions[v], colour=colour, width=9 - 2 * number, rad=0.1, style="-",
                   alpha=0.75, z=0)
        names = " → ".join(graph.nodes[c]["label"] for c in loop.concepts)
        handles.append(Line2D([], [], color=colour, linewidth=6,
                              label=_wrap(f"L{number} {loop.kind} ({loop.strength:.2f}): {names}", 48)))
    for u, v, data in graph.edges(data=True):
        sign = 1 if data["weight"] >= 0 else -1
        _arrow(ax, positions[u], positions[v], colour=_CAUSAL_COLOURS[sign], width=0.5 + 3 * abs(data["weight"]),
               rad=0.1, alpha=0.4 + 0.6 * data["confidence"], z=1)
    top = max(strength.values(), default=1.0) or 1.0
    for node, data in graph.nodes(data=True):
        ax.scatter(*positions[node], s=120 + 600 * strength.get(node, 0.0) / top, color="#f0f0f0",
                   edgecolors="#333333", linewidths=1.0, zorder=3)
        ax.annotate(_wrap(data["label"]), positions[node], ha="center", va="center", fontsize=7.5, zorder=4,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6})
    _frame(ax, positions)
    handles += [
        Line2D([], [], color=_CAUSAL_COLOURS[1], linewidth=2.5, label="increases (weight > 0)"),
        Line2D([], [], color=_CAUSAL_COLOURS[-1], linewidth=2.5, label="decreases (weight < 0)"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return figure
