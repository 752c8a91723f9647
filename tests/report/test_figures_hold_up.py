"""The report's network figures on models other than the curated one: no two labels overprint, every directed
link has an arrowhead, every figure has a legend, loose pieces are packed beside each other, and parallel links
bow apart. Drawn for the bundled model, a 200-concept made-up model and drafts of three dev articles; the PNGs are
kept in the test's folder (and in $REALPOLITIK_SCREENSHOTS when set) for looking at."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import networkx as nx
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import ArrowStyle, FancyArrowPatch

from realpolitik.analysis import actor_network, causal_graph, feedback_loops
from realpolitik.model import load_model
from realpolitik.model.summary import timeline
from realpolitik.report.figures_charts import timeline_figure
from realpolitik.report.figures_maps import actor_network_figure, causal_map_figure
from realpolitik.report.layout import densest_window, edge_bends, graph_layout
from realpolitik.report.svg import save_figure

NAMES = ("bundled", "synthetic-200", "2023-08-02-wagners-next-in-africa", "2024-03-06-war-clouds-over-india",
         "2025-03-29-post-jihadism-dilemmas")


@pytest.fixture(params=NAMES)
def model(request, figure_models):
    if request.param not in figure_models:
        pytest.skip("the analysis-dev articles are not at hand")
    return request.param, load_model(figure_models[request.param])


def _keep(figure, name: str, tmp_path: Path) -> None:
    save_figure(figure, tmp_path / f"{name}.png", dpi=60)
    if os.environ.get("REALPOLITIK_SCREENSHOTS"):
        folder = Path(os.environ["REALPOLITIK_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        save_figure(figure, folder / f"report-{name}.png", dpi=80)


def _label_clashes(figure) -> list[tuple[str, str]]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [(text.get_gid(), text.get_window_extent(renderer).shrunk(0.98, 0.98))
             for text in figure.axes[0].texts if (text.get_gid() or "").startswith("label-")]
    assert boxes, "no labels drawn"
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if box_a.overlaps(box_b)]


def _arrowheads(figure) -> int:
    return sum(1 for patch in figure.axes[0].patches
               if isinstance(patch, FancyArrowPatch) and isinstance(patch.get_arrowstyle(), ArrowStyle.CurveFilledB))


def test_network_labels_do_not_overprint_and_relations_have_heads(model, tmp_path):
    name, loaded = model
    figure = actor_network_figure(loaded)
    _keep(figure, f"{name}-network", tmp_path)
    assert _label_clashes(figure) == []
    relations = [d for _, _, d in actor_network(loaded).edges(data=True) if d["origin"] == "relation"]
    assert _arrowheads(figure) == len(relations)
    assert figure.legends and figure.legends[0].get_texts(), "the network has no legend"


def test_causal_map_labels_do_not_overprint_and_links_have_heads(model, tmp_path):
    name, loaded = model
    figure = causal_map_figure(loaded, feedback_loops(loaded))
    _keep(figure, f"{name}-causal-map", tmp_path)
    assert _label_clashes(figure) == []
    assert _arrowheads(figure) == causal_graph(loaded).number_of_edges()
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert "increases (weight > 0)" in legend and "decreases (weight < 0)" in legend


def test_timeline_draws_open_ends_and_a_close_up_of_a_crowded_month(figure_models, tmp_path):
    model = load_model(figure_models["synthetic-200"])
    figure = timeline_figure(timeline(model))
    _keep(figure, "synthetic-200-timeline", tmp_path)
    main, close_up = figure.axes
    assert "2024-05-01 to 2024-05-30" in close_up.get_title(loc="left")
    # every label is whole: no description is cut short
    labels = " ".join(label.get_text().replace("\n", " ") for label in main.get_yticklabels())
    assert all(event.description in labels for event in model.events)
    # the open-ended "2019/.." and "../2002" reach the axis' edges, marked with arrowheads
    assert {line.get_marker() for line in main.lines} >= {">", "<", "o"}


def test_pieces_are_packed_side_by_side_not_in_one_row():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "a")])
    graph.add_edges_from((f"x{i}", f"y{i}") for i in range(12))
    layout = graph_layout(graph)
    rows = {round(layout.positions[f"x{i}"][1], 3) for i in range(12)}
    assert len(rows) > 1, "twelve pairs in one row"
    assert layout.width < 3 * layout.height, "the frame is a strip, not about 4:3"
    boxes = [layout.box(node) for node in layout.positions]
    for (l1, b1, r1, t1), (l2, b2, r2, t2) in itertools.combinations(boxes, 2):
        assert r1 <= l2 + 1e-6 or r2 <= l1 + 1e-6 or t1 <= b2 + 1e-6 or t2 <= b1 + 1e-6


def test_the_layout_is_the_same_every_time(figure_models):
    graph = nx.Graph(causal_graph(load_model(figure_models["synthetic-200"])).to_undirected())
    assert graph_layout(graph) == graph_layout(graph)


def test_parallel_links_bow_to_different_sides():
    bends = edge_bends([("a", "b"), ("b", "a"), ("a", "b"), ("c", "d")])
    assert bends[3] == 0.0
    # the side a link bows to is its bend, flipped when it runs against the pair's sorted direction
    sides = [bends[0], -bends[1], bends[2]]
    assert len(set(sides)) == 3


def test_no_close_up_when_the_dates_are_spread():
    from datetime import date

    assert densest_window([date(year, 1, 1) for year in range(2000, 2024, 3)]) is None
