from __future__ import annotations

from realpolitik.report import build_report_data, executive_summary, headline, scenario_headline
from tests.report.contract import run_for


def _outcome(run, scenario):
    return next(o for o in run.outcomes if o.scenario == scenario)


def test_headline_names_the_biggest_move_outside_the_clamps(basin_data):
    lines = headline(basin_data)
    assert len(lines) == 3
    assert lines[0].startswith("Water and security in the (fictional) Upper Lorn Basin: 9 actors, 17 causal links")
    assert "Brier 0.187" in lines[0]
    assert lines[1] == ("Strongest loop reinforcing Interstate tension → Water-sharing treaty (strength 0.20); "
                        "most central concept Interstate tension.")
    # The clamped mediation moves +0.80 but is held, not moved; tension's -0.30 is the biggest effect.
    assert lines[2] == "Biggest scenario effect: Mediation push moves Interstate tension by -0.30 against the baseline."


def test_scenario_headline_counts_claims_borne_out(basin_data, basin_run):
    sentence = scenario_headline(basin_data, _outcome(basin_run, "crackdown"))
    # Scarcity +0.07 and unrest +0.08 as the brief argues; trade does not fall.
    assert sentence == ("Border crackdown (holding Border closure at 1) raises Farmer unrest (+0.08) and "
                        "Water scarcity (+0.07); it bears out 2 of the source's 3 claimed directions.")


def test_scenario_headline_flags_a_run_that_did_not_settle(basin, basin_path):
    run = run_for(basin, {s.id: {} for s in basin.scenarios}, status={"hydro-boom": "not_converged"})
    data = build_report_data(basin, source=basin_path.name, run=run, presses=[])
    sentence = scenario_headline(data, _outcome(run, "hydro-boom"))
    assert "barely moves any other concept" in sentence
    assert sentence.endswith("(the simulation ended in a not converged).")


def test_executive_summary_covers_every_part(basin_data):
    text = "\n".join(executive_summary(basin_data))
    assert "9 actors (2 of them people), 10 relations, 6 dated events, 12 concepts joined by 17 causal links" in text
    assert "Key actors, by the weight of their relations: Valdria, Free Lorn Front, Morvia and" in text
    assert "Most central concepts, by weighted degree in the causal map: Interstate tension (2.8)" in text
    assert "6 feedback loops (5 reinforcing, 1 balancing)" in text
    assert "Mediation push (holding Commission mediation at 1)" in text
    assert ("Pressing Commission mediation up: most likely rise Water-sharing treaty (P(+) 0.91); "
            "most likely fall Interstate tension (P(−) 0.87).") in text
    assert "3 of 4 forecasts have resolved; their Brier score is 0.187" in text


def test_summary_without_simulation_says_why(basin):
    data = build_report_data(basin, simulate=False)
    points = executive_summary(data)
    assert "Scenarios were not simulated: simulation was not requested." in points
    assert not any(point.startswith("Pressing") for point in points)
    assert headline(data)[2] == "No scenario results: simulation was not requested."
