"""The bounded loop search against a brute-force enumeration, and its caps."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.analysis import feedback_loops, loop_search
from realpolitik.model import CausalLink, Concept, Model


@st.composite
def signed_maps(draw, max_concepts=6):
    n = draw(st.integers(1, max_concepts))
    links = []
    for cause, effect in itertools.permutations(range(n), 2):
        weight = draw(st.sampled_from([0.0, 0.0, 0.5, -0.5, 0.25]))
        if weight:
            links.append((cause, effect, weight))
    return Model(
        title="random",
        concepts=[Concept(id=f"c{i}", label=f"C{i}") for i in range(n)],
        causal_links=[CausalLink(id=f"l{k}", cause=f"c{u}", effect=f"c{v}", weight=w)
                      for k, (u, v, w) in enumerate(links)],
    )


def _brute_force_loops(model: Model, max_length: int) -> dict[tuple[str, ...], int]:
    """Every ordered subset of concepts that closes into a cycle, rotated to start at its first concept."""
    weight = {(link.cause, link.effect): link.weight for link in model.causal_links}
    order = [c.id for c in model.concepts]
    found = {}
    for size in range(2, max_length + 1):
        for chosen in itertools.permutations(order, size):
            if chosen[0] != min(chosen, key=order.index):
                continue
            pairs = list(zip(chosen, chosen[1:] + chosen[:1], strict=True))
            if all(pair in weight for pair in pairs):
                negatives = sum(weight[pair] < 0 for pair in pairs)
                found[chosen] = 1 if negatives % 2 == 0 else -1
    return found


@settings(max_examples=200, deadline=None)
@given(signed_maps(), st.integers(1, 6))
def test_every_loop_and_its_sign_match_brute_force(model, max_length):
    expected = _brute_force_loops(model, max_length)
    found = loop_search(model, max_length=max_length)
    assert not found.capped
    assert {loop.concepts: loop.sign for loop in found.loops} == expected
    assert len(found.loops) == len(expected)  # each loop once


@settings(max_examples=50, deadline=None)
@given(signed_maps())
def test_loops_are_ranked_strongest_first_and_agree_with_feedback_loops(model):
    found = loop_search(model, max_length=6)
    strengths = [loop.strength for loop in found.loops]
    assert strengths == sorted(strengths, reverse=True)
    assert [loop.concepts for loop in feedback_loops(model, 6)] == [loop.concepts for loop in found.loops]


def _complete_map(n: int) -> Model:
    return Model(
        title="complete",
        concepts=[Concept(id=f"c{i}", label=f"C{i}") for i in range(n)],
        causal_links=[CausalLink(id=f"l{u}_{v}", cause=f"c{u}", effect=f"c{v}", weight=0.5)
                      for u, v in itertools.permutations(range(n), 2)],
    )


def test_cap_on_the_number_of_loops_is_reported():
    # A complete map of 9 concepts has over 100,000 cycles of up to 8 links.
    found = loop_search(_complete_map(9), max_length=8, max_loops=500)
    assert found.capped and len(found.loops) == 500


def test_uncapped_search_says_so():
    found = loop_search(_complete_map(4), max_length=4)
    # 4 choose 2 two-cycles, 8 three-cycles, 6 four-cycles.
    assert not found.capped and len(found.loops) == 6 + 8 + 6


def test_bad_bounds_are_refused():
    with pytest.raises(ValueError, match="max_loops"):
        loop_search(_complete_map(3), max_loops=0)
    with pytest.raises(ValueError, match="max_length"):
        loop_search(_complete_map(3), max_length=0)
