"""Causal-map structure and lever effects on hand-checked maps and random ones."""

from __future__ import annotations

import itertools
import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.analysis.structure import causal_structure, lever_effects


def _chain() -> nx.DiGraph:
    # aid -| crisis -> recruits -> unrest, plus a direct aid -| unrest shortcut.
    return nx.DiGraph(
        [
            ("aid", "crisis", {"weight": -0.8}),
            ("crisis", "recruits", {"weight": 0.5}),
            ("recruits", "unrest", {"weight": 0.5}),
            ("aid", "unrest", {"weight": -0.1}),
        ]
    )


def test_roles_density_and_centrality():
    structure = causal_structure(_chain())
    assert structure.concepts == 4 and structure.connections == 4
    assert structure.drivers == ("aid",) and structure.receivers == ("unrest",)
    assert structure.ordinary == ("crisis", "recruits")
    assert math.isclose(structure.density, 4 / 12) and math.isclose(structure.density_n2, 4 / 16)
    assert structure.complexity == 1.0
    assert math.isclose(structure.centrality["aid"], 0.9)


def test_lever_effect_sums_paths():
    effect = next(e for e in lever_effects(_chain()) if e.outcome == "unrest")
    assert [p.concepts for p in effect.paths] == [("aid", "crisis", "recruits", "unrest"), ("aid", "unrest")]
    assert math.isclose(effect.net, -0.8 * 0.5 * 0.5 - 0.1)
    assert effect.sign == -1 and not effect.mixed and not effect.capped


def test_path_cap_is_reported():
    graph = nx.complete_graph(7, create_using=nx.DiGraph)
    nx.set_edge_attributes(graph, 0.5, "weight")
    effects = lever_effects(graph, [0], max_paths=50)
    assert all(e.capped for e in effects)
    assert sum(len(e.paths) for e in effects) == 50


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 6), st.lists(st.sampled_from([-1.0, -0.5, 0.0, 0.5, 1.0]), min_size=36, max_size=36))
def test_path_signs_match_the_product_of_weights(n, weights):
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for (u, v), w in zip(itertools.permutations(range(n), 2), weights, strict=False):
        if w:
            graph.add_edge(u, v, weight=w)
    for effect in lever_effects(graph, list(range(n))):
        for path in effect.paths:
            product = math.prod(graph.edges[a, b]["weight"] for a, b in itertools.pairwise(path.concepts))
            assert path.sign == (1 if product > 0 else -1)
            assert math.isclose(path.strength, abs(product))
            assert len(set(path.concepts)) == len(path.concepts)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 7), st.integers(1, 6), st.randoms(use_true_random=False))
def test_lever_paths_are_every_simple_path(n, max_length, rnd):
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((u, v, rnd.choice([-0.5, 0.4])) for u in range(n) for v in range(n)
                                  if u != v and rnd.random() < 0.4)
    for lever in range(n):
        effects = lever_effects(graph, [lever], max_length=max_length)
        found = {e.outcome: sorted(p.concepts for p in e.paths) for e in effects}
        expected = {}
        for target in range(n):
            if target == lever:
                continue
            paths = sorted(tuple(p) for p in nx.all_simple_paths(graph, lever, target, cutoff=max_length))
            if paths:
                expected[target] = paths
        assert found == expected
