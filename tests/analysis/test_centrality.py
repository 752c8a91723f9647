from __future__ import annotations

import pytest

from realpolitik.analysis import causal_graph, concept_centrality
from realpolitik.model import CausalLink, Concept, Model


def test_star_centre_has_all_strength_and_no_betweenness_without_paths_through_it():
    model = Model(
        title="t",
        concepts=[Concept(id=c, label=c) for c in "hxyz"],
        causal_links=[CausalLink(id=f"l{c}", cause="h", effect=c, weight=-0.5) for c in "xyz"],
    )
    ranking = concept_centrality(model)
    assert ranking[0].concept == "h"
    assert ranking[0].out_strength == pytest.approx(1.5) and ranking[0].in_strength == 0
    assert ranking[0].betweenness == 0  # nothing flows *through* a pure source
    # Ties between the leaves are broken by id, so the order is stable.
    assert [c.concept for c in ranking[1:]] == ["x", "y", "z"]


def test_betweenness_prefers_strong_links():
    # a reaches c either through b (strong links, short) or through d (weak links, long).
    model = Model(
        title="t",
        concepts=[Concept(id=c, label=c) for c in "abcd"],
        causal_links=[
            CausalLink(id="ab", cause="a", effect="b", weight=1.0),
            CausalLink(id="bc", cause="b", effect="c", weight=1.0),
            CausalLink(id="ad", cause="a", effect="d", weight=0.1),
            CausalLink(id="dc", cause="d", effect="c", weight=0.1),
        ],
    )
    by_id = {c.concept: c for c in concept_centrality(model)}
    assert by_id["b"].betweenness > 0
    assert by_id["d"].betweenness == 0


def test_basin_most_central_concept_by_hand(basin):
    top = concept_centrality(basin)[0]
    # tension: in 0.6 + 0.5 + 0.4, out 0.5 + 0.5 + 0.3
    assert (top.concept, top.label) == ("tension", "Interstate tension")
    assert top.in_strength == pytest.approx(1.5) and top.out_strength == pytest.approx(1.3)


def test_causal_graph_adds_concepts_a_link_names_but_the_model_lacks():
    model = Model(title="t", causal_links=[CausalLink(id="l", cause="a", effect="b", weight=0.3)])
    graph = causal_graph(model)
    assert graph.nodes["a"]["label"] == "a" and graph.edges["a", "b"]["link"] == "l"
