"""The analysis stage: plain functions over a model's causal map, actor network and forecasts.

Each function takes a :class:`~realpolitik.model.Model` (or its items) and returns plain
results with no hidden state.  This package imports only :mod:`realpolitik.model`, so
that the simulation and report stages can build on it without cycles.
"""

from realpolitik.analysis.balance import Frustration, Triad, frustration, signed_graph, triad_balance, triads
from realpolitik.analysis.centrality import ConceptCentrality, causal_graph, concept_centrality
from realpolitik.analysis.forecasts import ForecastScore, brier_score, forecast_midpoint, score_forecasts
from realpolitik.analysis.loops import FeedbackLoop, feedback_loops
from realpolitik.analysis.network import actor_network, actor_strength, relation_holds_at
from realpolitik.analysis.structure import CausalStructure, LeverEffect, LeverPath, causal_structure, lever_effects

__all__ = [
    "CausalStructure",
    "ConceptCentrality",
    "FeedbackLoop",
    "ForecastScore",
    "Frustration",
    "LeverEffect",
    "LeverPath",
    "Triad",
    "actor_network",
    "actor_strength",
    "brier_score",
    "causal_graph",
    "causal_structure",
    "concept_centrality",
    "feedback_loops",
    "forecast_midpoint",
    "frustration",
    "lever_effects",
    "relation_holds_at",
    "score_forecasts",
    "signed_graph",
    "triad_balance",
    "triads",
]
