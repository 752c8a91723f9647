"""The executive summary and the three-line headline, generated from a report's data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.schema import SECTIONS
from realpolitik.model.summary import counts, resolve_clamps
from realpolitik.report.data import ReportData

if TYPE_CHECKING:
    from realpolitik.simulate import ScenarioOutcome, SimulationRun

__all__ = ["MOVE_THRESHOLD", "agrees", "describe_date", "executive_summary", "headline", "loop_is_proposed",
           "plain_summary", "proposed_items", "scenario_headline"]

#: Changes smaller than this (on a 0..1 activation) are reported as no change.
MOVE_THRESHOLD = 0.005


def agrees(expected: int, delta: float, *, threshold: float = MOVE_THRESHOLD) -> bool:
    """Whether a simulated change ``delta`` goes the way a source's claim ``expected`` (-1, 0, +1) says.

    Examples
    --------
    >>> agrees(1, 0.2), agrees(-1, 0.2), agrees(0, 0.001)
    (True, False, True)
    """
    if expected == 0:
        return abs(delta) < threshold
    return delta * expected >= threshold


def describe_date(text: str | None) -> str | None:
    """An EDTF date for a reader: plain dates as they are, anything vaguer with its calendar bounds.

    Examples
    --------
    >>> describe_date("2022-03")
    '2022-03'
    >>> describe_date("[2021-09..2022-06]")
    'between 2021-09-01 and 2022-06-30'
    """
    if not text:
        return None
    if text.replace("-", "").isdigit():
        return text
    try:
        span = parse_date(text)
    except InvalidDateError:
        return text
    return f"between {span.lower.isoformat()} and {span.upper.isoformat()}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _moves(data: ReportData, run: SimulationRun, outcome: ScenarioOutcome) -> list[tuple[str, float]]:
    """Concepts the scenario moves, largest first, leaving out those it holds fixed (its own clamps or inherited)."""
    scenario = next((s for s in data.model.scenarios if s.id == outcome.scenario), None)
    clamped = set(resolve_clamps(data.model, scenario.id)) if scenario is not None else set()
    concepts = list(run.concepts)
    delta = np.asarray(outcome.delta, dtype=float)
    order = np.argsort(-np.abs(delta), kind="stable")
    return [(concepts[i], float(delta[i])) for i in order
            if concepts[i] not in clamped and abs(delta[i]) >= MOVE_THRESHOLD]


def _biggest_move(data: ReportData) -> tuple[str, str, float] | None:
    """The largest change any scenario makes against the baseline: (scenario name, concept, change)."""
    if data.run is None:
        return None
    best: tuple[str, str, float] | None = None
    for outcome in data.run.outcomes:
        if outcome.scenario == data.run.baseline:
            continue
        for concept, delta in _moves(data, data.run, outcome)[:1]:
            if best is None or abs(delta) > abs(best[2]):
                best = (outcome.name, concept, delta)
    return best


def scenario_headline(data: ReportData, outcome: ScenarioOutcome) -> str:
    """One sentence on what a scenario does against the baseline, and how far it bears out the source."""
    run = data.run
    assert run is not None  # ``outcome`` is one of the outcomes of the report's run
    names = data.names
    scenario = next((s for s in data.model.scenarios if s.id == outcome.scenario), None)
    own = dict(scenario.clamps) if scenario is not None else {}
    moves = _moves(data, run, outcome)
    held = _join([f"{names.get(c, c)} at {v:g}" for c, v in own.items()])
    head = f"{outcome.name}" + (f" (holding {held})" if held else "")
    ups = [f"{names.get(c, c)} ({d:+.2f})" for c, d in moves if d > 0][:2]
    downs = [f"{names.get(c, c)} ({d:+.2f})" for c, d in moves if d < 0][:2]
    parts = ([f"raises {_join(ups)}"] if ups else []) + ([f"lowers {_join(downs)}"] if downs else [])
    sentence = f"{head} {' and '.join(parts)}" if parts else f"{head} barely moves any other concept"
    claims = dict(scenario.expected) if scenario is not None else {}
    if claims:
        index = {c: i for i, c in enumerate(run.concepts)}
        delta = np.asarray(outcome.delta, dtype=float)
        held_out = sum(agrees(e, float(delta[index[c]])) for c, e in claims.items() if c in index)
        sentence += f"; it bears out {held_out} of the source's {len(claims)} claimed directions"
    if outcome.status != "fixed_point":
        sentence += f" (the simulation ended in a {outcome.status.replace('_', ' ')})"
    return sentence + "."


def proposed_items(model: Any) -> dict[str, int]:
    """How many items of each section are still proposed (drafted, not yet reviewed); sections with none left out.

    Examples
    --------
    >>> from realpolitik.model.schema import Concept, Model
    >>> proposed_items(Model(title="t", concepts=[Concept(id="a", label="A", review="proposed")]))
    {'concepts': 1}
    """
    found = {section: sum(getattr(item, "review", None) == "proposed" for item in getattr(model, section))
             for section in SECTIONS}
    return {section: number for section, number in found.items() if number}


def loop_is_proposed(data: ReportData, loop: Any) -> bool:
    """Whether a feedback loop rests on a proposed item: one of its concepts, or a link that closes it."""
    proposed_concepts = {c.id for c in data.model.concepts if c.review == "proposed"}
    if proposed_concepts & set(loop.concepts):
        return True
    steps = set(zip(loop.concepts, loop.concepts[1:] + loop.concepts[:1], strict=True))
    return any(link.review == "proposed" and (link.cause, link.effect) in steps for link in data.model.causal_links)


def _loop_text(data: ReportData, loop: Any) -> str:
    names = data.names
    flag = " — built on proposed items" if loop_is_proposed(data, loop) else ""
    return f"{loop.kind} {' → '.join(names.get(c, c) for c in loop.concepts)} (strength {loop.strength:.2f}{flag})"


def _points(delta: float) -> str:
    """A change of activation (0..1) as points on a 0-100 scale, the unit the plain summary speaks in."""
    return f"{abs(delta) * 100:.0f} point{'s' if round(abs(delta) * 100) != 1 else ''}"


def plain_summary(data: ReportData) -> list[str]:
    """The briefing in plain words, for readers who do not know the methods: what drives what, what the author
    expects, what the biggest scenario changes and by how much (in points of a 0-100 scale), how much is unchecked.
    """
    model, names = data.model, data.names
    points: list[str] = []
    outgoing: dict[str, list[Any]] = {}
    for link in model.causal_links:
        outgoing.setdefault(link.cause, []).append(link)
    drivers = sorted(outgoing, key=lambda c: -sum(abs(link.weight) for link in outgoing[c]))[:3]
    for cause in drivers:
        links = sorted(outgoing[cause], key=lambda link: -abs(link.weight))[:3]
        ups = [names.get(link.effect, link.effect) for link in links if link.weight > 0]
        downs = [names.get(link.effect, link.effect) for link in links if link.weight < 0]
        effects = ([f"pushes up {_join(ups)}"] if ups else []) + ([f"holds down {_join(downs)}"] if downs else [])
        points.append(f"In the author's argument, more {names.get(cause, cause)} {' and '.join(effects)}.")
    if data.loops:
        loop = data.loops[0]
        circle = " → ".join(names.get(c, c) for c in (*loop.concepts, loop.concepts[0]))
        points.append(f"The strongest circle of cause and effect is {circle}: "
                      + ("each step feeds the next, so a change there keeps growing."
                         if loop.kind == "reinforcing" else "it pushes back against change and steadies itself.")
                      + (" It rests on items not yet reviewed." if loop_is_proposed(data, loop) else ""))
    open_forecasts = [f for f in model.forecasts if f.resolution is None]
    if open_forecasts:
        likeliest = max(open_forecasts, key=lambda f: sum(f.probability or (0.0, 0.0)))
        low, high = likeliest.probability or (0.0, 1.0)
        points.append(f"The author expects, among {len(open_forecasts)} open forecast(s), most firmly that "
                      f"{likeliest.statement.rstrip('.')} (“{likeliest.estimative_term}”, a {low:.0%}–{high:.0%} "
                      "chance).")
    best = _biggest_move(data)
    if best is not None:
        points.append(f"Of the what-if scenarios, “{best[0]}” changes most: {names.get(best[1], best[1])} "
                      f"{'rises' if best[2] > 0 else 'falls'} by {_points(best[2])} on a 0–100 scale of how strongly "
                      "it is present, against the baseline scenario.")
    proposed = proposed_items(model)
    if proposed:
        total = sum(proposed.values())
        points.append(f"{total} item(s) were proposed by the extractor and are not yet checked by an analyst; "
                      "they are marked “proposed” throughout.")
    return points


def executive_summary(data: ReportData) -> list[str]:
    """The executive summary as a list of sentences, one point each, in reading order."""
    model, names, n = data.model, data.names, counts(data.model)
    resolved = len(data.scores)
    points = [
        f"The model holds {n['actors']} actors ({n['people']} of them people), {n['relations']} relations, "
        f"{n['events']} dated events, {n['concepts']} concepts joined by {n['causal_links']} causal links, "
        f"{n['forecasts']} forecasts ({resolved} resolved) and {n['scenarios']} scenarios."
    ]
    if data.key_actors:
        top = [names.get(a, a) for a, strength in data.key_actors[:4] if strength > 0]
        if top:
            points.append(f"Key actors, by the weight of their relations: {_join(top)}.")
    if data.centrality:
        top = [f"{c.label} ({c.strength:.1f})" for c in data.centrality[:3]]
        points.append(f"Most central concepts, by weighted degree in the causal map: {_join(top)}.")
    if data.loops:
        kinds = [loop.kind for loop in data.loops]
        points.append(
            f"The causal map has {len(data.loops)} feedback loops ({kinds.count('reinforcing')} reinforcing, "
            f"{kinds.count('balancing')} balancing); the strongest: "
            + "; ".join(_loop_text(data, loop) for loop in data.loops[:3]) + "."
        )
    if data.run is not None:
        points += [scenario_headline(data, o) for o in data.run.outcomes if o.scenario != data.run.baseline]
    elif data.run_error:
        points.append(f"Scenarios were not simulated: {data.run_error}.")
    for press in data.presses:
        result, lever = press.result, press.lever
        if result is None:  # a press that failed has nothing to headline (the report's press section says why)
            continue
        up = np.asarray(result.p_positive, dtype=float)
        down = np.asarray(result.p_negative, dtype=float)
        others = [i for i, c in enumerate(result.concepts) if c != lever.concept]
        if not others:
            continue
        rise = max(others, key=lambda i: up[i])
        fall = max(others, key=lambda i: down[i])
        # Only a response seen in most draws is worth a headline; otherwise say that none is.
        rises = (f"most likely rise {names.get(result.concepts[rise], '?')} (P(+) {up[rise]:.2f})"
                 if up[rise] >= 0.5 else "no concept rises in most draws")
        falls = (f"most likely fall {names.get(result.concepts[fall], '?')} (P(−) {down[fall]:.2f})"
                 if down[fall] >= 0.5 else "no concept falls in most draws")
        points.append(f"Pressing {lever.label} {'up' if lever.direction > 0 else 'down'}: {rises}; {falls}.")
    if data.brier is not None:
        points.append(
            f"{resolved} of {len(model.forecasts)} forecasts have resolved; their Brier score is {data.brier:.3f} "
            "(0 is perfect; always saying 50 % scores 0.25)."
        )
    elif model.forecasts:
        points.append(f"None of the {len(model.forecasts)} forecasts has resolved yet.")
    return points


def headline(data: ReportData) -> list[str]:
    """Three lines for a terminal: what the model holds, its strongest structure, its biggest scenario effect."""
    model, names, n = data.model, data.names, counts(data.model)
    brier = f", Brier {data.brier:.3f}" if data.brier is not None else ""
    lines = [
        f"{model.title}: {n['actors']} actors, {n['causal_links']} causal links, {n['scenarios']} scenarios, "
        f"{n['forecasts']} forecasts ({len(data.scores)} resolved{brier})."
    ]
    structure = []
    if data.loops:
        structure.append(f"strongest loop {_loop_text(data, data.loops[0])}")
    if data.centrality:
        structure.append(f"most central concept {data.centrality[0].label}")
    text = "; ".join(structure) or "no causal structure"
    lines.append(text[0].upper() + text[1:] + ".")
    best = _biggest_move(data)
    if best is not None:
        lines.append(f"Biggest scenario effect: {best[0]} moves {names.get(best[1], best[1])} by {best[2]:+.2f} "
                     "against the baseline.")
    else:
        lines.append(f"No scenario results: {data.run_error or 'no scenario moves any concept'}.")
    return lines
