"""The analysis stage: plain functions over a model's causal map, actor network and forecasts.

Each function takes a :class:`~realpolitik.model.Model` (or its items) and returns plain
results with no hidden state.  This package imports only :mod:`realpolitik.model`, so
that the simulation and report stages can build on it without cycles.
"""

from realpolitik.analysis.actors import ActorCentrality, ActorStructure, actor_structure
from realpolitik.analysis.balance import Frustration, Triad, frustration, signed_graph, triad_balance, triads
from realpolitik.analysis.calibration import (
    BandCalibration,
    SourceScore,
    calibration_table,
    log_score,
    scores_by_source,
)
from realpolitik.analysis.centrality import ConceptCentrality, causal_graph, concept_centrality
from realpolitik.analysis.forecasts import ForecastScore, brier_score, forecast_midpoint, score_forecasts
from realpolitik.analysis.levers import (
    DEFAULT_MAX_LEVERS,
    Lever,
    default_baseline,
    main_levers,
    ranked_levers,
    upstream_lever,
)
from realpolitik.analysis.loops import FeedbackLoop, LoopSearch, feedback_loops, loop_search
from realpolitik.analysis.network import actor_network, actor_strength, relation_holds_at
from realpolitik.analysis.overview import (
    DEFAULT_TRACED_LEVERS,
    ForecastSummary,
    ModelAnalysis,
    analyse_model,
    forecast_summary,
)
from realpolitik.analysis.stances import (
    PairStance,
    StanceChange,
    TimelineStep,
    pair_stances,
    stance_changes,
    stance_timeline,
)
from realpolitik.analysis.structure import CausalStructure, LeverEffect, LeverPath, causal_structure, lever_effects

__all__ = [
    "DEFAULT_MAX_LEVERS",
    "DEFAULT_TRACED_LEVERS",
    "ActorCentrality",
    "ActorStructure",
    "BandCalibration",
    "CausalStructure",
    "ConceptCentrality",
    "FeedbackLoop",
    "ForecastScore",
    "ForecastSummary",
    "Frustration",
    "Lever",
    "LeverEffect",
    "LeverPath",
    "LoopSearch",
    "ModelAnalysis",
    "PairStance",
    "SourceScore",
    "StanceChange",
    "TimelineStep",
    "Triad",
    "actor_network",
    "actor_strength",
    "actor_structure",
    "analyse_model",
    "brier_score",
    "calibration_table",
    "causal_graph",
    "causal_structure",
    "concept_centrality",
    "default_baseline",
    "feedback_loops",
    "forecast_midpoint",
    "forecast_summary",
    "frustration",
    "lever_effects",
    "log_score",
    "loop_search",
    "main_levers",
    "pair_stances",
    "ranked_levers",
    "relation_holds_at",
    "score_forecasts",
    "scores_by_source",
    "signed_graph",
    "stance_changes",
    "stance_timeline",
    "triad_balance",
    "triads",
    "upstream_lever",
]
