"""The simulation stage: FCM inference over scenarios and qualitative press perturbation.

Model-level functions (:func:`simulate_scenarios`, :func:`press_perturbation`) sit on engines that work on
plain numpy arrays and need no model (:func:`run_fcm`, :func:`weighted_predictions`,
:func:`press_montecarlo`, :func:`is_stable`).
"""

from realpolitik.simulate.community import (
    EXACT_PERMANENT_MAX,
    absolute_feedback,
    adjugate,
    community_matrix,
    press_response,
    weighted_predictions,
)
from realpolitik.simulate.fcm import FcmBatch, run_fcm, source_concepts, use_sparse
from realpolitik.simulate.matrix import CausalMatrix, causal_matrix
from realpolitik.simulate.montecarlo import MonteCarloTally, is_stable, press_montecarlo, sample_communities
from realpolitik.simulate.press import PressResult, magnitude_bounds, press_perturbation
from realpolitik.simulate.scenarios import (
    AD_HOC,
    BASELINE,
    HOLD_SOURCES,
    ScenarioOutcome,
    SimulationRun,
    simulate_clamps,
    simulate_scenarios,
)
from realpolitik.simulate.transfer import RULES, TRANSFERS, transfer_range

__all__ = [
    "AD_HOC",
    "BASELINE",
    "EXACT_PERMANENT_MAX",
    "HOLD_SOURCES",
    "RULES",
    "TRANSFERS",
    "CausalMatrix",
    "FcmBatch",
    "MonteCarloTally",
    "PressResult",
    "ScenarioOutcome",
    "SimulationRun",
    "absolute_feedback",
    "adjugate",
    "causal_matrix",
    "community_matrix",
    "is_stable",
    "magnitude_bounds",
    "press_montecarlo",
    "press_perturbation",
    "press_response",
    "run_fcm",
    "sample_communities",
    "simulate_clamps",
    "simulate_scenarios",
    "source_concepts",
    "transfer_range",
    "use_sparse",
    "weighted_predictions",
]
