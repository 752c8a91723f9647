"""Hand-made results shaped like realpolitik.simulate's SimulationRun and PressResult.

Rendering is tested on numbers chosen here, so that a test can say which concept a
headline must name; end-to-end tests run the real simulation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from realpolitik.model import Model


@dataclass
class Outcome:
    scenario: str
    name: str
    trajectory: np.ndarray
    final: np.ndarray
    delta: np.ndarray
    status: str = "fixed_point"
    period: int | None = None
    steps_run: int = 10


@dataclass
class Run:
    concepts: tuple[str, ...]
    baseline: str | None
    outcomes: list[Outcome]
    options: dict = field(default_factory=lambda: {"rule": "modified_kosko", "transfer": "sigmoid"})


@dataclass
class Press:
    concepts: tuple[str, ...]
    press: dict
    p_positive: np.ndarray
    p_zero: np.ndarray
    p_negative: np.ndarray
    predicted_sign: np.ndarray
    weighted_prediction: np.ndarray
    draws: int = 1000
    stable: int = 800
    accepted: int = 800
    acceptance_rate: float = 0.8


def run_for(model: Model, finals: dict[str, dict[str, float]], *, status: dict[str, str] | None = None) -> Run:
    """A run whose scenario ``s`` ends at ``finals[s]`` (0.5 for concepts not named), rising linearly from 0.5."""
    concepts = tuple(c.id for c in model.concepts)
    ends = {s: np.array([finals[s].get(c, 0.5) for c in concepts]) for s in finals}
    base = ends["baseline"]
    outcomes = []
    for scenario in model.scenarios:
        end = ends[scenario.id]
        trajectory = np.linspace(np.full(len(concepts), 0.5), end, 11)
        outcomes.append(Outcome(scenario.id, scenario.name, trajectory, end, end - base,
                                status=(status or {}).get(scenario.id, "fixed_point")))
    return Run(concepts, "baseline", outcomes)


def press_for(model: Model, press: dict, p_positive: dict[str, float], p_negative: dict[str, float]) -> Press:
    concepts = tuple(c.id for c in model.concepts)
    up = np.array([p_positive.get(c, 0.0) for c in concepts])
    down = np.array([p_negative.get(c, 0.0) for c in concepts])
    sign = np.where(up > down, 1, np.where(down > up, -1, 0))
    return Press(concepts, press, up, 1 - up - down, down, sign, up - down)
