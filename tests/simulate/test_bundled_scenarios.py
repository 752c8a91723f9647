"""The seed's scenarios, argued: the directions the seed's argument implies, checked against both engines.

Every bundled scenario carries ``expected: {concept: direction}``.  For the FCM, the sign of the scenario's
final state minus the baseline's (changes within a dead-band count as 0); for press perturbation, the
scenario's clamps pressed in their direction relative to the baseline, and the most likely sign over the
stable draws.  Where an engine disagrees with the argument, the disagreement is listed below with its reason
and explained in docs/simulation.md; the test then checks that it still disagrees, so that a changed model
sends the reader back to the docs.
"""

from __future__ import annotations

import numpy as np
import pytest

from realpolitik import bundled_model_path, load_model
from realpolitik.model import Model, resolve_clamps
from realpolitik.simulate import PressResult, SimulationRun, press_perturbation, simulate_scenarios

#: FCM changes smaller than this are read as no change: well above the fixed point's residual (tolerance
#: 1e-5) and below the smallest change the seed's argument predicts in the bundled model (about 1e-3).
DEAD_BAND = 1e-4
DRAWS = 10_000

#: (scenario, concept, engine) -> why the engine's sign differs from the seed's argument (docs/simulation.md).
KNOWN_DISAGREEMENTS = {
    ("taliban_reject_moscow", "russia_taliban_ties", "press"): (
        "ties rise in the stable draws where ISKP's own growth loops, held in check only through the ties "
        "loop, outweigh their self-limitation; see docs/simulation.md"
    ),
}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(bundled_model_path())


@pytest.fixture(scope="module")
def run(model: Model) -> SimulationRun:
    return simulate_scenarios(model)


def _argued(model: Model) -> list[str]:
    return [scenario.id for scenario in model.scenarios if scenario.expected]


def _press_of(model: Model, scenario: str) -> dict[str, int]:
    # a clamp is a press in the direction it moves the concept from where the baseline holds it
    baseline = resolve_clamps(model, "baseline")
    press = {}
    for concept, value in resolve_clamps(model, scenario).items():
        direction = int(np.sign(value - baseline.get(concept, 0.5)))
        if direction:
            press[concept] = direction
    return press


_press_cache: dict[str, PressResult] = {}


def _pressed(model: Model, scenario: str) -> PressResult:
    if scenario not in _press_cache:
        _press_cache[scenario] = press_perturbation(model, _press_of(model, scenario), draws=DRAWS, seed=0)
    return _press_cache[scenario]


def test_every_scenario_but_the_baseline_is_argued(model: Model) -> None:
    assert set(_argued(model)) == {s.id for s in model.scenarios} - {"baseline"}
    for scenario in _argued(model):
        assert _press_of(model, scenario), f"{scenario} clamps nothing away from the baseline"


def _check(engine: str, scenario: str, concept: str, expected: int, got: int, detail: str) -> None:
    known = (scenario, concept, engine) in KNOWN_DISAGREEMENTS
    if known:
        assert got != expected, f"{scenario}/{concept}: {engine} now agrees ({detail}); update docs/simulation.md"
    else:
        assert got == expected, f"{scenario}/{concept}: argued {expected:+d}, {engine} gives {got:+d} ({detail})"


@pytest.mark.parametrize("scenario", _argued(load_model(bundled_model_path())))
def test_fcm_moves_as_argued(model: Model, run: SimulationRun, scenario: str) -> None:
    outcome = run.outcome(scenario)
    assert outcome.status == "fixed_point"
    for concept, expected in model.get("scenarios", scenario).expected.items():
        delta = float(outcome.delta[run.concepts.index(concept)])
        got = 0 if abs(delta) < DEAD_BAND else int(np.sign(delta))
        _check("fcm", scenario, concept, expected, got, f"delta {delta:+.5f}")


@pytest.mark.parametrize("scenario", _argued(load_model(bundled_model_path())))
def test_press_moves_as_argued(model: Model, scenario: str) -> None:
    result = _pressed(model, scenario)
    assert result.stable > 0
    for concept, expected in model.get("scenarios", scenario).expected.items():
        i = result.concepts.index(concept)
        detail = (f"P(+) {result.p_positive[i]:.3f}, P(0) {result.p_zero[i]:.3f}, P(-) {result.p_negative[i]:.3f} "
                  f"over {result.accepted} stable draws")
        _check("press", scenario, concept, expected, int(result.most_likely_sign[i]), detail)
