"""Structural balance against brute-force references on random signed graphs."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.analysis.balance import frustration, signed_graph, triad_balance, triads


@st.composite
def signed_graphs(draw, max_nodes=8):
    n = draw(st.integers(2, max_nodes))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for u, v in itertools.combinations(range(n), 2):
        sign = draw(st.sampled_from([0, 0, 1, -1]))
        if sign:
            graph.add_edge(u, v, sign=sign)
    return graph


def _brute_frustration(graph: nx.Graph) -> int:
    nodes = list(graph.nodes)
    best = graph.number_of_edges()
    for sides in itertools.product([0, 1], repeat=len(nodes)):
        side = dict(zip(nodes, sides, strict=True))
        bad = sum((side[u] == side[v]) != (d["sign"] > 0) for u, v, d in graph.edges(data=True))
        best = min(best, bad)
    return best


def _every_cycle_positive(graph: nx.Graph) -> bool:
    # Balanced iff every cycle of a cycle basis has a positive sign product (Harary).
    for cycle in nx.cycle_basis(graph):
        product = 1
        for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            product *= graph[u][v]["sign"]
        if product < 0:
            return False
    return True


@settings(max_examples=150, deadline=None)
@given(signed_graphs())
def test_frustration_matches_brute_force(graph):
    result = frustration(graph)
    assert result.exact
    assert result.index == _brute_frustration(graph)
    camp = {node: 0 for node in result.camps[0]} | {node: 1 for node in result.camps[1]}
    bad = sum((camp[u] == camp[v]) != (d["sign"] > 0) for u, v, d in graph.edges(data=True))
    assert bad == result.index


@settings(max_examples=150, deadline=None)
@given(signed_graphs())
def test_balanced_iff_every_cycle_is_positive(graph):
    assert (frustration(graph).index == 0) == _every_cycle_positive(graph)


@settings(max_examples=100, deadline=None)
@given(signed_graphs())
def test_triads_are_the_triangles(graph):
    found = triads(graph)
    assert len(found) == sum(nx.triangles(graph).values()) // 3
    for triad in found:
        a, b, c = triad.nodes
        assert triad.balanced == (graph[a][b]["sign"] * graph[a][c]["sign"] * graph[b][c]["sign"] > 0)


def test_local_search_on_a_large_balanced_graph_finds_zero():
    camps = [f"a{i}" for i in range(15)], [f"b{i}" for i in range(15)]
    graph = nx.Graph()
    for group in camps:
        graph.add_edges_from(itertools.combinations(group, 2), sign=1)
    graph.add_edges_from(itertools.product(*camps), sign=-1)
    result = frustration(graph)
    assert not result.exact
    assert result.index == 0
    assert {frozenset(result.camps[0]), frozenset(result.camps[1])} == {frozenset(c) for c in camps}


def test_enemy_of_my_enemy():
    graph = signed_graph([("russia", "iskp", -0.8), ("taliban", "iskp", -0.9), ("russia", "taliban", 0.6)])
    assert triad_balance(graph) == 1.0
    graph = signed_graph([("russia", "iskp", -0.8), ("taliban", "iskp", -0.9), ("russia", "taliban", -0.6)])
    assert triad_balance(graph) == 0.0
    assert frustration(graph).index == 1


def test_stances_net_out_per_pair():
    graph = signed_graph([("a", "b", 0.5), ("b", "a", -0.5), ("a", "c", 0.2)])
    assert not graph.has_edge("a", "b")
    assert graph["a"]["c"]["sign"] == 1
    assert triad_balance(graph) is None
