"""Chart figures: the timeline, scenario results, press perturbation and forecasts.

The simulation results are read through the attributes of the contract of
:mod:`realpolitik.simulate` (``SimulationRun``, ``ScenarioOutcome``, ``PressResult``), so
that any object with those attributes draws.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import matplotlib.dates as mdates
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from realpolitik.analysis import forecast_midpoint
from realpolitik.model.edtf import DateSpan, InvalidDateError, parse_date
from realpolitik.model.schema import Event, Forecast
from realpolitik.report.layout import densest_window, label_lines, text_width
from realpolitik.report.palette import EVENT_COLOURS
from realpolitik.report.summary import agrees
from realpolitik.simulate.scenarios import most_moved

__all__ = ["event_tone", "forecasts_figure", "press_figure", "scenario_delta_figure", "timeline_figure",
           "trajectories_figure"]

_COOPERATIVE = {"agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request"}
_CONFLICTUAL = {"accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault"}
_UP, _DOWN = "#2166ac", "#b2182b"


def event_tone(event: Event) -> str:
    """``cooperative``, ``conflictual`` or ``other``, from the event's CAMEO-style type."""
    return "cooperative" if event.type in _COOPERATIVE else "conflictual" if event.type in _CONFLICTUAL else "other"


def _event_rows(events: Sequence[Event]) -> tuple[list[list[str]], list[float]]:
    """Each event's label lines and the height of its row (one unit per line, never cut to one line)."""
    labels = [label_lines(f"{event.date}  {event.description}", 64, most=3) for event in events]
    return labels, [max(1.0, 0.8 * len(lines) + 0.25) for lines in labels]


def timeline_figure(events: Sequence[Event]) -> Figure:
    """One row per event, in the given order: a point for a day, a bar for anything longer.

    An EDTF date that covers more than a day ("199X", "2014", "2018/2021") is drawn from its earliest to its
    latest possible day, so that vague dates look vague; an open end ("2017/..") runs to the axis' edge with an
    arrowhead. When many events crowd into a short stretch of a long timeline
    (:func:`~realpolitik.report.layout.densest_window`), a second panel shows that stretch up close.
    """
    labels, heights = _event_rows(events)
    rows = list(np.cumsum([0.0, *heights[:-1]]) + np.array(heights) / 2) if events else []
    spans: list[DateSpan | None] = []
    for event in events:
        try:
            spans.append(parse_date(event.date))
        except InvalidDateError:
            spans.append(None)  # the label still lists it; there is just no place on the axis
    open_start = [span is not None and span.lower == date.min for span in spans]
    open_end = [span is not None and span.upper.year == date.max.year for span in spans]
    known = [d for span, lo, hi in zip(spans, open_start, open_end, strict=True) if span is not None
             for d in ((span.upper,) if lo else (span.lower,) if hi else (span.lower, span.upper))]
    window = densest_window([span.lower if not lo else span.upper for span, lo in zip(spans, open_start, strict=True)
                             if span is not None])
    total = float(sum(heights)) or 1.0
    figure = Figure(figsize=(10 if window is None else 12, 1.3 + 0.2 * total), layout="constrained")
    grid = figure.add_gridspec(1, 1 if window is None else 2, width_ratios=None if window is None else (3, 2))
    axes = [figure.add_subplot(grid[0, 0])]
    if window is not None:
        axes.append(figure.add_subplot(grid[0, 1], sharey=axes[0]))
    limits = [(min(known, default=date(2000, 1, 1)), max(known, default=date(2000, 12, 31)))]
    if window is not None:
        limits.append(window)
    for panel, (ax, (first, last)) in enumerate(zip(axes, limits, strict=True)):
        pad = timedelta(days=max(2, round((last - first).days * 0.04)))
        left, right = mdates.date2num(first - pad), mdates.date2num(last + pad)
        for row, span, event, lo, hi in zip(rows, spans, events, open_start, open_end, strict=True):
            if span is None:
                continue
            colour = EVENT_COLOURS[event_tone(event)]
            start = left if lo else mdates.date2num(span.lower)
            stop = right if hi else mdates.date2num(span.upper + timedelta(days=1))
            if span.is_span:
                ax.barh(row, stop - start, left=start, height=0.55, color=colour, alpha=0.55, edgecolor=colour)
                for is_open, where, mark in ((lo, left, "<"), (hi, right, ">")):
                    if is_open and stop > start:  # a bar that ends before this panel begins has no end here
                        ax.plot(where, row, marker=mark, color=colour, markersize=7, clip_on=False)
            else:
                ax.plot(mdates.date2num(span.lower), row, marker="o", color=colour, markersize=6)
        ax.set_xlim(left, right)
        ax.xaxis_date()
        # a close up of a few weeks needs fewer ticks than the locator's default minimum can give it
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8) if panel == 0
                                   else mdates.AutoDateLocator(minticks=3))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    if window is not None:
        axes[0].axvspan(mdates.date2num(window[0]), mdates.date2num(window[1] + timedelta(days=1)),
                        color="#f6c700", alpha=0.25, linewidth=0)
        axes[1].set_title(f"close up: {window[0].isoformat()} to {window[1].isoformat()}", fontsize=8, loc="left")
        axes[1].tick_params(axis="y", left=False, labelleft=False)
        axes[1].set_facecolor("#fffbea")
    axes[0].set_yticks(rows, ["\n".join(lines) for lines in labels], fontsize=7.5)
    axes[0].set_ylim(total, 0)
    axes[0].legend(handles=[Patch(color=c, label=k) for k, c in EVENT_COLOURS.items()], loc="lower left",
                   bbox_to_anchor=(0, 1.0), ncols=3, fontsize=8, frameon=False)
    return figure


def _expected_mark(ax, row: int, column: int, expected: int, delta: float) -> None:
    ok = agrees(expected, delta)
    ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, linewidth=2,
                           edgecolor="#1a7f37" if ok else "#e08e0b", linestyle="-" if ok else "--"))


def scenario_delta_figure(run: Any, labels: Mapping[str, str], expected: Mapping[str, Mapping[str, int]]) -> Figure:
    """Heat map of each concept's change against the baseline (rows) in each scenario (columns).

    Cells the source made a claim about are framed: solid green where the simulation moves the
    concept the way the source argues, dashed amber where it does not.
    """
    outcomes = [o for o in run.outcomes if o.scenario != run.baseline]
    concepts = list(run.concepts)
    deltas = np.array([np.asarray(o.delta, dtype=float) for o in outcomes]).T.reshape(len(concepts), len(outcomes))
    limit = float(np.abs(deltas).max()) if deltas.size else 0.0
    limit = limit if limit > 1e-9 else 1.0
    names = [textwrap.shorten(labels.get(c, c), 48, placeholder="…") for c in concepts]
    # room for the longest concept name (8-point text), or constrained layout squeezes the cells to nothing
    label_inches = max((text_width(name) for name in names), default=0.0) * 8 / 72
    figure = Figure(figsize=(1.9 + label_inches + 1.15 * max(len(outcomes), 1), 1.6 + 0.3 * len(concepts)),
                    layout="constrained")
    ax = figure.add_subplot()
    image = ax.imshow(deltas, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    for (row, column), value in np.ndenumerate(deltas):
        ax.text(column, row, f"{value:+.2f}", ha="center", va="center", fontsize=7,
                color="white" if abs(value) > 0.6 * limit else "black")
        claim = expected.get(outcomes[column].scenario, {}).get(concepts[row])
        if claim is not None:
            _expected_mark(ax, row, column, claim, value)
    ax.set_xticks(range(len(outcomes)), [textwrap.fill(o.name, 14) for o in outcomes], fontsize=8)
    ax.set_yticks(range(len(concepts)), names, fontsize=8)
    ax.xaxis.tick_top()
    figure.colorbar(image, ax=ax, shrink=0.5, label="change against the baseline")
    return figure


def trajectories_figure(run: Any, labels: Mapping[str, str], *, highlight: int = 4) -> Figure:
    """Small multiples, one per scenario: every concept's activation by step.

    The ``highlight`` concepts that move most against the baseline (or, for the baseline, end
    highest) are coloured and named; the rest are thin grey lines for context.
    """
    outcomes = list(run.outcomes)
    columns = min(3, max(len(outcomes), 1))
    rows = max(math.ceil(len(outcomes) / columns), 1)
    figure = Figure(figsize=(3.4 * columns, 2.6 * rows + 0.3), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False, sharey=True)
    colours = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2"]
    for ax, outcome in zip(axes.flat, outcomes, strict=False):  # a full last row of the grid has spare panels
        trajectory = np.asarray(outcome.trajectory, dtype=float)
        top = most_moved(outcome, run.baseline, highlight)
        for index in range(trajectory.shape[1]):
            if index not in top:
                ax.plot(trajectory[:, index], color="#c8c8c8", linewidth=0.7)
        for colour, index in zip(colours, top, strict=False):  # at most one colour each for the most moved
            name = textwrap.shorten(labels.get(run.concepts[index], run.concepts[index]), 28, placeholder="…")
            ax.plot(trajectory[:, index], color=colour, linewidth=1.6, label=name)
        status = outcome.status.replace("_", " ") + (f", period {outcome.period}" if outcome.period else "")
        ax.set_title(f"{textwrap.shorten(outcome.name, 34, placeholder='…')}\n({status})", fontsize=8.5)
        ax.legend(fontsize=6.5, loc="best", frameon=False)
        ax.set_xlabel("step", fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    axes[0][0].set_ylabel("activation", fontsize=8)
    return figure


def press_figure(presses: Sequence[tuple[Any, Any]], labels: Mapping[str, str]) -> Figure:
    """For each lever, P(+) to the right and P(−) to the left for every concept, on one shared axis.

    ``presses`` pairs a lever (with ``label`` and ``direction``) with its press result.
    """
    # Three panels a row keep labels legible on a page; every panel in a row shares the concept axis.
    columns = min(3, max(len(presses), 1))
    grid_rows = max(math.ceil(len(presses) / columns), 1)
    concepts = list(presses[0][1].concepts) if presses else []
    figure = Figure(figsize=(2.6 + 2.4 * columns, (0.9 + 0.24 * len(concepts)) * grid_rows), layout="constrained")
    grid = figure.subplots(grid_rows, columns, squeeze=False, sharey=True)
    rows = np.arange(len(concepts))
    for ax, (lever, result) in zip(grid.flat, presses, strict=False):  # the grid may have spare panels
        positive = np.asarray(result.p_positive, dtype=float)
        negative = np.asarray(result.p_negative, dtype=float)
        ax.barh(rows, positive, color=_UP, height=0.7, label="P(+)")
        ax.barh(rows, -negative, color=_DOWN, height=0.7, label="P(−)")
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.set_xlim(-1, 1)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1], ["1", ".5", "0", ".5", "1"], fontsize=7)
        arrow = "↑" if lever.direction > 0 else "↓"
        ax.set_title(textwrap.fill(f"press {arrow} {lever.label}", 22), fontsize=8.5)
        ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        ax.set_axisbelow(True)
    for ax in list(grid.flat)[len(presses):]:
        ax.set_visible(False)
    for first in grid[:, 0]:
        first.set_yticks(rows, [textwrap.shorten(labels.get(c, c), 34, placeholder="…") for c in concepts], fontsize=8)
        first.set_ylim(len(concepts) - 0.5, -0.5)
    grid[0, 0].legend(loc="lower left", bbox_to_anchor=(0, 1.06), fontsize=7, frameon=False, ncols=2)
    return figure


def forecasts_figure(forecasts: Sequence[Forecast]) -> Figure:
    """Each forecast's probability range as a bar, its midpoint as a tick, and the outcome where resolved."""
    figure = Figure(figsize=(10, 1.2 + 0.32 * max(len(forecasts), 1)), layout="constrained")
    ax = figure.add_subplot()
    for row, forecast in enumerate(forecasts):
        low, high = forecast.probability or (0.0, 1.0)
        ax.barh(row, high - low, left=low, height=0.55, color="#9ecae1", edgecolor="#3182bd")
        ax.plot([forecast_midpoint(forecast)] * 2, [row - 0.3, row + 0.3], color="#08519c", linewidth=1.5)
        if forecast.resolution is not None:
            happened = forecast.resolution.outcome
            ax.plot(1.0 if happened else 0.0, row, marker="o" if happened else "X", markersize=8,
                    color="#1a7f37" if happened else "#c0392b")
    ax.set_yticks(range(len(forecasts)), [textwrap.shorten(f.statement, 70, placeholder="…") for f in forecasts],
                  fontsize=8)
    ax.set_ylim(len(forecasts) - 0.5, -0.5)
    ax.set_xlim(-0.04, 1.04)
    ax.set_xlabel("probability (bar: the band's range; tick: its midpoint; ● happened, ✕ did not)", fontsize=8)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    return figure
