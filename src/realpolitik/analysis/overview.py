"""One call for the whole structural analysis of a model, with a plain-data form for JSON and the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from realpolitik.analysis.actors import ActorStructure, actor_structure
from realpolitik.analysis.balance import Triad
from realpolitik.analysis.calibration import (
    BandCalibration,
    SourceScore,
    calibration_table,
    log_score,
    scores_by_source,
)
from realpolitik.analysis.centrality import BETWEENNESS_LIMIT, ConceptCentrality, causal_graph, concept_centrality
from realpolitik.analysis.forecasts import brier_score
from realpolitik.analysis.levers import ranked_levers
from realpolitik.analysis.loops import (
    DEFAULT_MAX_LOOP_LENGTH,
    DEFAULT_MAX_LOOPS,
    STEPS_PER_LOOP,
    LoopSearch,
    loop_search,
)
from realpolitik.analysis.stances import PairStance, StanceChange, TimelineStep, stance_changes, stance_timeline
from realpolitik.analysis.structure import (
    DEFAULT_MAX_PATHS,
    CausalStructure,
    LeverEffect,
    causal_structure,
    lever_effects,
)
from realpolitik.model.schema import Model

__all__ = ["DEFAULT_TRACED_LEVERS", "ForecastSummary", "ModelAnalysis", "analyse_model", "forecast_summary"]

#: Levers traced to the outcomes they reach (tracing is cheap; a report presses fewer); the others are counted.
DEFAULT_TRACED_LEVERS = 12


@dataclass(frozen=True)
class ForecastSummary:
    """How the model's forecasts fared: counts, Brier and log scores, calibration, per source."""

    total: int
    resolved: int
    happened: int
    brier: float | None
    log: float | None
    calibration: tuple[BandCalibration, ...]
    by_document: tuple[SourceScore, ...]
    by_author: tuple[SourceScore, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain dicts and lists only, as ``analyse --json`` and ``forecasts --json`` print them."""
        return {
            "total": self.total,
            "resolved": self.resolved,
            "happened": self.happened,
            "brier": self.brier,
            "log": self.log,
            "calibration": [
                {"band": row.band, "low": row.low, "high": row.high, "resolved": row.resolved,
                 "happened": row.happened, "open": row.open, "observed": row.observed,
                 "within_band": row.within_band}
                for row in self.calibration
            ],
            "by_document": [_source_dict(s) for s in self.by_document],
            "by_author": [_source_dict(s) for s in self.by_author],
        }


def forecast_summary(model: Model) -> ForecastSummary:
    """Score every resolved forecast of ``model``, overall, by band, by source document and by author."""
    resolved = [f for f in model.forecasts if f.resolution is not None]
    return ForecastSummary(
        total=len(model.forecasts),
        resolved=len(resolved),
        happened=sum(f.resolution.outcome for f in resolved),  # type: ignore[union-attr]
        brier=brier_score(model.forecasts),
        log=log_score(model.forecasts),
        calibration=tuple(calibration_table(model.forecasts)),
        by_document=tuple(scores_by_source(model, by="document")),
        by_author=tuple(scores_by_source(model, by="author")),
    )


@dataclass(frozen=True)
class ModelAnalysis:
    """The results of :func:`analyse_model`; :meth:`as_dict` gives them as JSON-ready data."""

    at: str
    actors: ActorStructure
    timeline: tuple[TimelineStep, ...]
    comparison: tuple[str, str, tuple[StanceChange, ...]] | None
    structure: CausalStructure
    centrality: tuple[ConceptCentrality, ...]
    loops: LoopSearch
    levers: tuple[str, ...]
    levers_left_out: int
    effects: tuple[LeverEffect, ...]
    forecasts: ForecastSummary
    notes: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """Plain dicts and lists only, in the order a reader takes them in."""
        return {
            "at": self.at,
            "notes": list(self.notes),
            "actor_network": _actors_dict(self.actors),
            "timeline": [
                {"date": step.date, "read_at": step.day.isoformat(), "changes": [_change_dict(c) for c in step.changes]}
                for step in self.timeline
            ],
            "comparison": None if self.comparison is None else {
                "before": self.comparison[0],
                "after": self.comparison[1],
                "changes": [_change_dict(c) for c in self.comparison[2]],
            },
            "causal_structure": _structure_dict(self.structure),
            "concept_centrality": [
                {"concept": c.concept, "label": c.label, "in": c.in_strength, "out": c.out_strength,
                 "strength": c.strength, "betweenness": c.betweenness}
                for c in self.centrality
            ],
            "feedback_loops": {
                "max_length": self.loops.max_length,
                "max_loops": self.loops.max_loops,
                "capped": self.loops.capped,
                "reinforcing": sum(loop.sign > 0 for loop in self.loops.loops),
                "balancing": sum(loop.sign < 0 for loop in self.loops.loops),
                "loops": [
                    {"concepts": list(loop.concepts), "kind": loop.kind, "length": loop.length,
                     "strength": loop.strength}
                    for loop in self.loops.loops
                ],
            },
            "levers": {
                "traced": list(self.levers),
                "left_out": self.levers_left_out,
                "effects": [_effect_dict(e) for e in self.effects],
            },
            "forecasts": self.forecasts.as_dict(),
        }


def analyse_model(
    model: Model,
    *,
    at: dt.date | str | None = None,
    compare: tuple[dt.date | str, dt.date | str] | None = None,
    max_loop_length: int = DEFAULT_MAX_LOOP_LENGTH,
    max_loops: int = DEFAULT_MAX_LOOPS,
    max_levers: int = DEFAULT_TRACED_LEVERS,
    max_path_length: int = 6,
    max_paths: int = DEFAULT_MAX_PATHS,
) -> ModelAnalysis:
    """The actor network (at ``at``, over time, and between the two dates of ``compare``), the causal
    map's structure, its feedback loops, what each lever reaches, and the forecasts' scores.

    Parameters
    ----------
    at
        The date the actor network is read at; today when None.
    compare
        Two dates whose networks are compared pair by pair (e.g. ``("2010", "2015")``).
    max_loop_length, max_loops
        Bounds of the loop search (see :func:`realpolitik.analysis.loop_search`).
    max_levers
        The levers traced, in the order of :func:`realpolitik.analysis.ranked_levers` (the model's scenario
        clamps first, then the map's exogenous drivers); the others are counted, not traced.
    max_path_length, max_paths
        Bounds of the lever -> outcome path search (see :func:`realpolitik.analysis.lever_effects`).

    Raises
    ------
    InvalidDateError
        If ``at`` or a date of ``compare`` is not a valid EDTF expression.

    Examples
    --------
    >>> from realpolitik.model import CausalLink, Concept, Model
    >>> m = Model(title="t", concepts=[Concept(id=c, label=c) for c in "abc"],
    ...           causal_links=[CausalLink(id="l1", cause="a", effect="b", weight=0.5),
    ...                         CausalLink(id="l2", cause="b", effect="c", weight=0.5),
    ...                         CausalLink(id="l3", cause="c", effect="b", weight=-0.5)])
    >>> result = analyse_model(m, at="2020")
    >>> result.levers, [loop.kind for loop in result.loops.loops]
    (('a',), ['balancing'])
    """
    when = dt.date.today() if at is None else at
    at_text = when.isoformat() if isinstance(when, dt.date) else str(when)
    graph = causal_graph(model)
    structure = causal_structure(graph)
    ranked = [lever.concept for lever in ranked_levers(model)]
    levers = tuple(ranked[:max_levers])
    loops = loop_search(model, max_length=max_loop_length, max_loops=max_loops)
    effects = lever_effects(graph, levers, max_length=max_path_length, max_paths=max_paths)
    comparison = None
    if compare is not None:
        before, after = compare
        comparison = (str(before), str(after), tuple(stance_changes(model, before, after)))
    notes = []
    if loops.capped:
        notes.append(
            f"the loop search stopped early (at most {loops.max_loops:,} loops of up to {loops.max_length} links, "
            f"or {loops.max_loops * STEPS_PER_LOOP:,} search steps): the loops listed are a sample, not all of them"
        )
    if len(ranked) > len(levers):
        notes.append(f"{len(ranked) - len(levers):,} of {len(ranked):,} candidate levers were not traced "
                     f"(only the first {len(levers)} are)")
    if structure.concepts > BETWEENNESS_LIMIT:
        notes.append(f"betweenness is not computed on maps of more than {BETWEENNESS_LIMIT:,} concepts")
    if any(effect.capped for effect in effects):
        notes.append(
            f"path enumeration stopped at {max_paths:,} paths for some levers: their effects may be incomplete"
        )
    return ModelAnalysis(
        at=at_text,
        actors=actor_structure(model, at_text),
        timeline=tuple(stance_timeline(model)),
        comparison=comparison,
        structure=structure,
        centrality=tuple(concept_centrality(model)),
        loops=loops,
        levers=levers,
        levers_left_out=len(ranked) - len(levers),
        effects=tuple(effects),
        forecasts=forecast_summary(model),
        notes=tuple(notes),
    )


def _stance_dict(stance: PairStance | None) -> dict[str, Any] | None:
    if stance is None:
        return None
    return {"polarity": stance.polarity, "sign": stance.sign, "relations": list(stance.relations),
            "types": list(stance.types)}


def _change_dict(change: StanceChange) -> dict[str, Any]:
    return {"actors": list(change.actors), "kind": change.kind, "before": _stance_dict(change.before),
            "after": _stance_dict(change.after)}


def _triad_dict(triad: Triad) -> dict[str, Any]:
    return {"actors": list(triad.nodes), "signs": list(triad.signs), "balanced": triad.balanced}


def _actors_dict(actors: ActorStructure) -> dict[str, Any]:
    return {
        "at": actors.at,
        "centrality": [
            {"actor": c.actor, "name": c.name, "ties": c.ties, "friendly": c.friendly, "hostile": c.hostile,
             "strength": c.strength, "betweenness": c.betweenness}
            for c in actors.centrality
        ],
        "communities": [list(camp) for camp in actors.communities],
        "triads": [_triad_dict(t) for t in actors.triads],
        "triad_balance": actors.triad_balance,
        "frustration": {
            "index": actors.frustration.index,
            "ties": actors.frustration.ties,
            "normalised": actors.frustration.normalised,
            "exact": actors.frustration.exact,
            "camps": [list(camp) for camp in actors.frustration.camps],
        },
    }


def _structure_dict(structure: CausalStructure) -> dict[str, Any]:
    return {
        "concepts": structure.concepts,
        "connections": structure.connections,
        "density": structure.density,
        "density_n2": structure.density_n2,
        "complexity": structure.complexity,
        "drivers": list(structure.drivers),
        "receivers": list(structure.receivers),
        "ordinary": list(structure.ordinary),
        "isolated": list(structure.isolated),
        "components": len(structure.components),
        "largest_component": len(structure.components[0]) if structure.components else 0,
    }


def _effect_dict(effect: LeverEffect) -> dict[str, Any]:
    strongest = effect.strongest
    return {
        "lever": effect.lever,
        "outcome": effect.outcome,
        "net": effect.net,
        "sign": effect.sign,
        "mixed": effect.mixed,
        "capped": effect.capped,
        "strongest": None if strongest is None else {"concepts": list(strongest.concepts), "sign": strongest.sign,
                                                      "strength": strongest.strength},
        "paths": [{"concepts": list(p.concepts), "sign": p.sign, "strength": p.strength} for p in effect.paths],
    }


def _source_dict(score: SourceScore) -> dict[str, Any]:
    return {"source": score.key, "forecasts": score.forecasts, "resolved": score.resolved, "brier": score.brier,
            "log": score.log}
