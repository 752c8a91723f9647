from __future__ import annotations

import pytest

from realpolitik.analysis import feedback_loops
from realpolitik.model import CausalLink, Concept, Model


def _model(*links: tuple[str, str, float]) -> Model:
    names = sorted({c for cause, effect, _ in links for c in (cause, effect)})
    return Model(
        title="t",
        concepts=[Concept(id=n, label=n.upper()) for n in names],
        causal_links=[CausalLink(id=f"l{i}", cause=c, effect=e, weight=w) for i, (c, e, w) in enumerate(links)],
    )


def test_three_link_cycle_sign_and_strength_by_hand():
    # Two negative links make the loop reinforcing; strength is 0.5 * 0.8 * 0.5.
    loops = feedback_loops(_model(("a", "b", -0.5), ("b", "c", 0.8), ("c", "a", -0.5), ("c", "d", 1.0)))
    assert len(loops) == 1
    assert loops[0].concepts == ("a", "b", "c")
    assert loops[0].kind == "reinforcing"
    assert loops[0].strength == pytest.approx(0.2)
    assert loops[0].links == [("a", "b"), ("b", "c"), ("c", "a")]


def test_odd_number_of_negative_links_is_balancing():
    (loop,) = feedback_loops(_model(("a", "b", 0.9), ("b", "a", -0.2)))
    assert loop.sign == -1 and loop.kind == "balancing"


def test_zero_weight_link_closes_no_loop():
    assert feedback_loops(_model(("a", "b", 0.9), ("b", "a", 0.0))) == []


def test_acyclic_map_has_no_loops():
    assert feedback_loops(_model(("a", "b", 0.9), ("b", "c", 0.9), ("a", "c", -0.3))) == []


def test_max_length_must_be_positive():
    with pytest.raises(ValueError, match="max_length"):
        feedback_loops(_model(("a", "b", 0.9)), max_length=0)


def test_basin_loops_strongest_first(basin):
    loops = feedback_loops(basin)
    summary = [(loop.concepts[:2], loop.kind, round(loop.strength, 6)) for loop in loops]
    assert summary == [
        (("tension", "treaty"), "reinforcing", 0.2),
        (("mediation", "tension"), "balancing", 0.18),
        (("scarcity", "unrest"), "reinforcing", 0.0588),  # ... raids -> tension -> treaty -> scarcity
        (("scarcity", "unrest"), "reinforcing", 0.056448),  # ... raids -> border -> trade -> scarcity
        (("scarcity", "unrest"), "reinforcing", 0.0252),  # ... investment -> hydropower -> releases
        (("scarcity", "unrest"), "reinforcing", 0.00756),  # the eight-link loop through tension and investment
    ]
    # Every loop starts at the concept the model lists first, so one cycle has one spelling.
    assert all(loop.concepts[0] == "scarcity" for loop in loops[2:])


def test_basin_length_bound_drops_long_loops(basin):
    lengths = sorted(loop.length for loop in feedback_loops(basin, max_length=5))
    assert lengths == [2, 2, 5]
