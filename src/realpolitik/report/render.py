"""Rendering a report: one self-contained HTML file, or Markdown with its figures beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from matplotlib.figure import Figure

from realpolitik.about import __version__
from realpolitik.errors import Errors, InputFileError, ReportError
from realpolitik.files import write_atomically
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.schema import SECTIONS, Forecast
from realpolitik.model.summary import counts, people, resolve_clamps, timeline
from realpolitik.model.vocabulary import BANDS
from realpolitik.report.data import ReportData
from realpolitik.report.figures_charts import (
    forecasts_figure,
    press_figure,
    scenario_delta_figure,
    timeline_figure,
    trajectories_figure,
)
from realpolitik.report.figures_maps import actor_network_figure, causal_map_figure
from realpolitik.report.summary import (
    agrees,
    describe_date,
    executive_summary,
    headline,
    loop_is_proposed,
    plain_summary,
    proposed_items,
    scenario_headline,
)
from realpolitik.report.svg import FIGURE_FORMATS, figure_svg, save_figure

__all__ = ["REPORT_FORMATS", "FigureSpec", "render_html", "render_markdown", "report_context", "report_figures",
           "write_report"]

#: Formats ``write_report`` produces.
REPORT_FORMATS = ("html", "md")


@dataclass(frozen=True)
class FigureSpec:
    """A figure of the report: a file-safe ``name``, a ``title``, a ``caption`` and how to draw it."""

    name: str
    title: str
    caption: str
    draw: Callable[[], Figure]


def report_figures(data: ReportData) -> list[FigureSpec]:
    """The figures the data supports, in the order the report shows them."""
    model, names = data.model, data.names
    specs = []
    if model.actors:
        specs.append(FigureSpec("actors", "Actor network", "Actors by kind; arrows are relations, green friendly, "
                                "red hostile, wider for stronger polarity, dashed once ended; dotted lines tie people "
                                "to the actor they act for.", lambda: actor_network_figure(model)))
    if model.concepts:
        specs.append(FigureSpec("causal-map", "Causal map", "Concepts sized by weighted degree; blue links increase, "
                                "red decrease, wider for larger |weight|, fainter for lower confidence; the three "
                                "strongest feedback loops are haloed.", lambda: causal_map_figure(model, data.loops)))
    if model.events:
        specs.append(FigureSpec("timeline", "Timeline", "Events in date order; a bar spans every day a vague date "
                                "(a year, a decade such as 199X, an interval) can mean, a dot marks a known day.",
                                lambda: timeline_figure(timeline(model))))
    if data.run is not None and any(o.scenario != data.run.baseline for o in data.run.outcomes):
        specs.append(FigureSpec("scenario-deltas", "Change against the baseline", "Final activation minus the "
                                "baseline's, per concept and scenario; framed cells carry a claim of the source: "
                                "solid green where the simulation agrees, dashed amber where it does not.",
                                lambda: scenario_delta_figure(data.run, names, data.expected)))
    if data.run is not None:
        specs.append(FigureSpec("trajectories", "Trajectories", "Activation of every concept by simulation step; the "
                                "concepts that move most are coloured.", lambda: trajectories_figure(data.run, names)))
    if data.pressed:
        specs.append(FigureSpec("press", "Press perturbation", "For each lever, the share of sampled stable systems in "
                                "which each concept rises (P(+), right) or falls (P(−), left) under a sustained push.",
                                lambda: press_figure([(p.lever, p.result) for p in data.pressed], names)))
    if model.forecasts:
        specs.append(FigureSpec("forecasts", "Forecasts", "Each forecast's probability band with its midpoint, and "
                                "the outcome where it has resolved.", lambda: forecasts_figure(model.forecasts)))
    return specs


def _num(value: Any) -> float:
    return float(np.asarray(value, dtype=float))


def _scenario_rows(data: ReportData) -> tuple[list[dict], list[dict]]:
    run, names, model = data.run, data.names, data.model
    if run is None:
        return [], []
    by_id = {s.id: s for s in model.scenarios}
    scenarios = []
    for outcome in run.outcomes:
        scenario = by_id.get(outcome.scenario)
        is_base = outcome.scenario == run.baseline
        # A scenario lists only what it changes; repeating the baseline's clamps in every row hides that.
        clamps = resolve_clamps(model, scenario.id) if scenario is not None and is_base else (
            dict(scenario.clamps) if scenario is not None else {})
        held = ", ".join(f"{names.get(c, c)} = {v:g}" for c, v in clamps.items()) or "none"
        if scenario is not None and scenario.extends and not is_base:
            held += f" (on top of {by_id[scenario.extends].name if scenario.extends in by_id else scenario.extends})"
        scenarios.append({
            "id": outcome.scenario, "name": outcome.name, "baseline": is_base,
            "description": scenario.description if scenario is not None else None,
            "clamps": held,
            "status": outcome.status.replace("_", " "), "period": outcome.period, "steps": outcome.steps_run,
            "headline": None if is_base else scenario_headline(data, outcome),
        })
    moving = [o for o in run.outcomes if o.scenario != run.baseline]
    baseline = next((o for o in run.outcomes if o.scenario == run.baseline), None)
    rows = []
    for index, concept in enumerate(run.concepts):
        cells = []
        for outcome in moving:
            delta = float(np.asarray(outcome.delta, dtype=float)[index])
            claim = data.expected.get(outcome.scenario, {}).get(concept)
            mark = "" if claim is None else ("✓" if agrees(claim, delta) else "✗") + f" (source: {claim:+d})"
            cells.append({"delta": delta, "mark": mark})
        base = float(np.asarray(baseline.final, dtype=float)[index]) if baseline is not None else None
        rows.append({"concept": names.get(concept, concept), "baseline": base, "cells": cells})
    return scenarios, rows


def _press_tables(data: ReportData) -> list[dict]:
    names, tables = data.names, []
    for press in data.presses:
        rows: list[dict[str, Any]] = []
        table: dict[str, Any] = {"lever": press.lever, "error": press.error, "rows": rows, "info": ""}
        result = press.result
        if result is not None:
            table["info"] = (f"{result.accepted} of {result.draws} sampled systems were stable and kept "
                             f"(acceptance {_num(result.acceptance_rate):.0%}).")
            for i, concept in enumerate(result.concepts):
                rows.append({
                    "concept": names.get(concept, concept),
                    "p_positive": _num(result.p_positive[i]), "p_zero": _num(result.p_zero[i]),
                    "p_negative": _num(result.p_negative[i]),
                    "predicted": {1: "+", -1: "−", 0: "0"}.get(int(_num(result.predicted_sign[i])), "?"),
                    "weighted": _num(result.weighted_prediction[i]),
                })
        tables.append(table)
    return tables


def _probability(forecast: Forecast) -> tuple[float, float]:
    # the schema fills a missing range in from the band, so the fallback only restates that default
    return forecast.probability if forecast.probability is not None else BANDS[forecast.band]


def _item_name(item: Any) -> str:
    for attribute in ("name", "label", "statement", "description"):
        if getattr(item, attribute, None):
            return str(getattr(item, attribute))
    return item.id


#: The longest sentence the evidence appendix quotes; a longer one is cut around the span.
MAX_QUOTE = 420
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s)|\n\s*\n")


def sentence_around(text: str, start: int, end: int, *, limit: int = MAX_QUOTE) -> str:
    """The sentence (or sentences) of ``text`` that hold the span ``start..end``, cut to about ``limit``
    characters around the span with an ellipsis where cut.

    Examples
    --------
    >>> sentence_around("Rain fell. The dam held back the flood. Crops grew.", 15, 18)
    'The dam held back the flood.'
    """
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    following = _SENTENCE_END.search(text, max(end - 1, left))
    right = following.end() if following else len(text)
    quote_start, quote_end = left, right
    if quote_end - quote_start > limit:
        room = max(0, limit - (end - start)) // 2
        quote_start, quote_end = max(left, start - room), min(right, end + room)
    quote = " ".join(text[quote_start:quote_end].split())
    return ("…" if quote_start > left else "") + quote + ("…" if quote_end < right else "")


def _evidence_rows(data: ReportData) -> list[dict]:
    titles = {d.id: d.title for d in data.model.documents}
    rows = []
    for section in SECTIONS:
        for item in getattr(data.model, section):
            for evidence in getattr(item, "evidence", []):
                text = data.texts.get(evidence.document)
                quote = (sentence_around(text, evidence.start, evidence.end)
                         if text is not None and evidence.end <= len(text) else None)
                rows.append({
                    "section": section.replace("_", " "), "id": item.id, "item": _item_name(item),
                    "paraphrase": evidence.paraphrase, "document": titles.get(evidence.document, "unknown document"),
                    "document_id": evidence.document[:12], "start": evidence.start, "end": evidence.end,
                    "proposed": getattr(item, "review", None) == "proposed", "quote": quote,
                })
    return rows


def _bounds(text: str) -> str:
    try:
        span = parse_date(text)
    except InvalidDateError:
        return "not on the calendar"
    return span.lower.isoformat() if not span.is_span else f"{span.lower.isoformat()} – {span.upper.isoformat()}"


def _balance(data: ReportData) -> dict[str, Any] | None:
    structure, names = data.balance, data.names
    if structure is None:
        return None
    return {
        "at": structure.at, "triads": len(structure.triads), "share": structure.triad_balance,
        "frustration": structure.frustration.index, "ties": structure.frustration.ties,
        "exact": structure.frustration.exact,
        "unbalanced": [" – ".join(names.get(a, a) for a in t.nodes) for t in structure.unbalanced_triads],
        "camps": [" – ".join(names.get(a, a) for a in camp) for camp in structure.communities if len(camp) > 1],
    }


def _turns(data: ReportData) -> list[dict[str, str]]:
    """The sign changes of the actor network over time: who turned friendly or hostile, and when."""
    names = data.names
    return [
        {"date": step.date, "pair": " – ".join(names.get(a, a) for a in change.actors), "change": change.kind}
        for step in data.turns
        for change in step.changes
        if change.kind in {"turned hostile", "turned friendly", "became neutral"}
    ]


def report_context(data: ReportData) -> dict[str, Any]:
    """Plain values for the templates: every table's rows, the summary and the header."""

    model, names = data.model, data.names
    proposed = proposed_items(model)
    scenarios, delta_rows = _scenario_rows(data)
    scores = {s.forecast: s for s in data.scores}
    return {
        "title": model.title, "description": model.description, "source": data.source, "version": __version__,
        "documents": [
            {"title": d.title, "author": d.author, "publisher": d.publisher, "url": d.url,
             "published": describe_date(d.published), "edtf": d.published, "id": d.id, "note": d.note}
            for d in model.documents
        ],
        "counts": counts(model), "summary": executive_summary(data), "headline": headline(data),
        "plain": plain_summary(data), "proposed": proposed, "proposed_total": sum(proposed.values()),
        "item_total": sum(len(getattr(model, section)) for section in SECTIONS if section != "documents"),
        "quoted": bool(data.texts),
        "people": [{"name": p.name, "role": p.role, "affiliation": names.get(p.affiliation or "", p.affiliation),
                    "proposed": p.review == "proposed"} for p in people(model)],
        "relations": [{"source": names.get(r.source, r.source), "type": r.type.replace("_", " "),
                       "target": names.get(r.target, r.target), "polarity": r.polarity,
                       "valid_from": r.valid_from, "valid_to": r.valid_to, "proposed": r.review == "proposed"}
                      for r in model.relations],
        "events": [{"date": e.date, "bounds": _bounds(e.date), "description": e.description, "type": e.type,
                    "proposed": e.review == "proposed"} for e in timeline(model)],
        "loops": [{"kind": loop.kind, "strength": loop.strength, "length": loop.length,
                   "path": " → ".join(names.get(c, c) for c in loop.concepts + loop.concepts[:1]),
                   "proposed": loop_is_proposed(data, loop)}
                  for loop in data.loops[:12]],
        "loop_count": len(data.loops),
        "centrality": data.centrality[:10],
        "proposed_concepts": [c.id for c in model.concepts if c.review == "proposed"],
        "scenarios": scenarios, "delta_rows": delta_rows, "run": data.run, "run_error": data.run_error,
        "run_options": getattr(data.run, "options", {}) or {},
        "moving": [s for s in scenarios if not s["baseline"]],
        "levers": data.levers, "presses": _press_tables(data), "press_options": data.press_options,
        "forecasts": [
            {"id": f.id, "statement": f.statement, "term": f.estimative_term, "band": f.band,
             "proposed": f.review == "proposed",
             "low": _probability(f)[0], "high": _probability(f)[1], "horizon": f.horizon,
             "midpoint": scores[f.id].probability if f.id in scores else None,
             "brier": scores[f.id].brier if f.id in scores else None,
             "outcome": None if f.resolution is None else ("happened" if f.resolution.outcome else "did not happen"),
             "resolved": None if f.resolution is None else f.resolution.date,
             "resolution_source": None if f.resolution is None else f.resolution.source}
            for f in model.forecasts
        ],
        "brier": data.brier, "resolved": len(data.scores),
        "balance": _balance(data), "turns": _turns(data),
        "forecast_scores": data.forecast_scores.as_dict() if data.forecast_scores else None,
        "evidence": _evidence_rows(data),
        "changes": data.changes,
    }


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("realpolitik.report", "templates"),
        # Every model string reaches the page escaped; only the SVG we drew ourselves is marked safe.
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    environment.filters["md"] = _markdown_cell
    return environment


def _markdown_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def _step(on_step: Callable[[str], None] | None, what: str) -> None:
    if on_step is not None:
        on_step(what)


def render_html(data: ReportData, *, on_step: Callable[[str], None] | None = None) -> str:
    """The whole report as one HTML page with every figure inline as SVG; it loads nothing from anywhere.

    ``on_step`` is told what is being done before each figure is drawn (for a progress display)."""
    figures = []
    for spec in report_figures(data):
        _step(on_step, f"drawing the {spec.title.lower()}")
        figures.append({"name": spec.name, "title": spec.title, "caption": spec.caption,
                        "svg": Markup(figure_svg(spec.draw(), spec.name))})
    context = report_context(data) | {"figures": {f["name"]: f for f in figures}}
    return _environment().get_template("report.html").render(context)


def render_markdown(data: ReportData, figure_dir: Path, *, figure_format: str = "png",
                    link_prefix: str | None = None,
                    on_step: Callable[[str], None] | None = None) -> tuple[str, list[Path]]:
    """The report as Markdown, writing each figure into ``figure_dir``; returns the text and the figure files.

    ``link_prefix`` is how the Markdown refers to ``figure_dir`` (its name by default, so the
    Markdown file belongs beside the folder).
    """
    if figure_format not in FIGURE_FORMATS:
        raise ReportError(Errors.E051.format(fmt=figure_format, known=", ".join(FIGURE_FORMATS)))
    figure_dir.mkdir(parents=True, exist_ok=True)
    prefix = figure_dir.name if link_prefix is None else link_prefix
    figures, files = {}, []
    for spec in report_figures(data):
        _step(on_step, f"drawing the {spec.title.lower()}")
        path = save_figure(spec.draw(), figure_dir / f"{spec.name}.{figure_format}", fmt=figure_format)
        files.append(path)
        figures[spec.name] = {"title": spec.title, "caption": spec.caption, "link": f"{prefix}/{path.name}"}
    context = report_context(data) | {"figures": figures}
    return _environment().get_template("report.md").render(context), files


def write_report(data: ReportData, path: str | Path, *, fmt: str | None = None,
                 figure_format: str = "png", on_step: Callable[[str], None] | None = None) -> list[Path]:
    """Write the report to ``path``; returns the files written, the report first. ``on_step`` hears of each
    figure before it is drawn.

    ``fmt`` is ``"html"`` or ``"md"``; by default ``md`` for a ``.md`` path, else ``html``.
    HTML is one self-contained file.  Markdown puts its figures in a folder named after the
    file (``report.md`` -> ``report_figures/``) beside it.

    Raises
    ------
    ReportError
        For an unknown format (E050, E051), a directory given as ``path`` (E052) or a file that
        cannot be written (E053).
    """
    path = Path(path)
    if fmt is None:
        fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "html"
    if fmt not in REPORT_FORMATS:
        raise ReportError(Errors.E050.format(fmt=fmt, known=", ".join(REPORT_FORMATS)))
    if path.is_dir():
        raise ReportError(Errors.E052.format(path=path, suffix=fmt))
    try:
        if fmt == "html":
            return [write_atomically(path, render_html(data, on_step=on_step), code="E053")]
        path.parent.mkdir(parents=True, exist_ok=True)
        text, files = render_markdown(data, path.parent / f"{path.stem}_figures", figure_format=figure_format,
                                      on_step=on_step)
        return [write_atomically(path, text, code="E053"), *files]
    except OSError as exc:
        raise ReportError(Errors.E053.format(path=path, reason=exc.strerror or exc)) from exc
    except InputFileError as exc:
        raise ReportError(str(exc), code=exc.code) from exc
