from __future__ import annotations

from realpolitik.analysis import default_baseline, main_levers
from realpolitik.model import Scenario, resolve_clamps


def test_basin_levers_are_the_scenario_clamps_ranked_by_out_strength(basin):
    levers = main_levers(basin)
    # Each is clamped by one scenario; border and mediation both drive 0.6 of weight, hydropower 0.3.
    assert [(lever.concept, lever.direction) for lever in levers] == [
        ("border", 1), ("mediation", 1), ("hydropower", 1)]
    assert levers[0].press == {"border": 1}
    assert all("scenario" in lever.reason for lever in levers)


def test_lever_below_the_baseline_clamp_is_pressed_down(basin):
    calmer = Scenario(id="no-mediation", name="Commission idle", extends="baseline", clamps={"mediation": 0.0})
    model = basin.model_copy(update={"scenarios": [basin.scenarios[0], calmer]})
    (lever,) = main_levers(model)
    assert (lever.concept, lever.direction) == ("mediation", -1)


def test_max_levers_caps_the_list(basin):
    assert [lever.concept for lever in main_levers(basin, max_levers=1)] == ["border"]


def test_without_scenarios_or_drivers_levers_follow_out_strength(basin):
    # Every basin concept is driven by some link, so the fallback ranks all by out-strength.
    levers = main_levers(basin.model_copy(update={"scenarios": []}), max_levers=3)
    assert [lever.concept for lever in levers] == ["tension", "raids", "treaty"]  # 1.3, 1.2, 1.1
    assert all(lever.direction == 1 and "out-strength" in lever.reason for lever in levers)


def test_without_scenarios_an_undriven_concept_is_a_lever(basin):
    links = [link for link in basin.causal_links if link.effect != "mediation"]
    levers = main_levers(basin.model_copy(update={"scenarios": [], "causal_links": links}))
    assert [lever.concept for lever in levers] == ["mediation"]
    assert "exogenous" in levers[0].reason


def test_inherited_clamps_and_baseline(basin):
    crackdown = basin.get("scenarios", "crackdown")
    assert resolve_clamps(basin, crackdown.id) == {"mediation": 0.2, "border": 1.0}
    assert default_baseline(basin) == "baseline"


def test_the_upstream_lever_is_the_driver_that_reaches_most_concepts(basin):
    from realpolitik.analysis import upstream_lever
    from realpolitik.model import CausalLink

    links = [link for link in basin.causal_links if link.effect != "mediation"]
    lever = upstream_lever(basin.model_copy(update={"causal_links": links}))
    assert lever is not None and lever.concept == "mediation" and lever.direction == 1
    # A strong link between two concepts outside the chain does not outrank the chain.
    side = CausalLink(id="side", cause="drought", effect="locusts", weight=1.0)
    lone = basin.model_copy(update={"causal_links": [*links, side]})
    assert upstream_lever(lone).concept == "mediation"
    assert upstream_lever(basin.model_copy(update={"causal_links": []})) is None
