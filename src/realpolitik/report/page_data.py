"""What the pages show, as plain JSON-ready data computed from a model by the library's own functions.

Nothing here renders HTML: the pages' scripts draw these dicts (with Plotly, from its Python package)
and put every piece of text into the page as text, never as markup.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any

import networkx as nx

from realpolitik.analysis import actor_network, brier_score, causal_graph, forecast_midpoint, score_forecasts
from realpolitik.errors import Errors, UnknownIdError
from realpolitik.model import (
    REFERENCES,
    REVIEWABLE_SECTIONS,
    SECTIONS,
    Document,
    InvalidDateError,
    Model,
    counts,
    display_names,
    item_label,
    parse_date,
    resolve_clamps,
    timeline,
)
from realpolitik.report.figures_charts import event_tone, forecasts_figure
from realpolitik.report.figures_maps import actor_labels, concept_labels
from realpolitik.report.layout import (
    LINE_EM,
    NODE_EM,
    GraphLayout,
    densest_window,
    edge_bends,
    graph_layout,
    label_lines,
)
from realpolitik.report.palette import (
    AFFILIATION_COLOUR,
    CAUSAL_COLOURS,
    CONCEPT_COLOUR,
    CONCEPT_EDGE,
    EVENT_COLOURS,
    causal_legend,
    kind_colour,
    network_legend,
    relation_colour,
)
from realpolitik.report.svg import figure_svg
from realpolitik.simulate import BASELINE, press_perturbation, simulate_clamps, simulate_scenarios, transfer_range

__all__ = [
    "EXCERPT_CONTEXT",
    "causal_map_view",
    "changes_view",
    "document_card",
    "document_spans",
    "document_view",
    "evidence_view",
    "field_specs",
    "item_view",
    "forecast_board",
    "forecast_evidence_view",
    "forecasts_view",
    "model_overview",
    "network_view",
    "press_view",
    "scenarios_view",
    "sections_of",
    "simulate_view",
    "timeline_view",
]

#: The numbers a review card shows when an item has them: a link's weight and confidence, a relation's polarity,
#: a forecast's probability range.
_CARD_NUMBERS = ("weight", "confidence", "polarity", "probability")
#: Characters of text shown either side of an evidence span in an excerpt.
EXCERPT_CONTEXT = 220


def document_spans(model: Model, document_id: str, sections: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every evidence span into one document from items of ``sections``, in text order.

    Examples
    --------
    >>> from realpolitik.model import Actor, Evidence
    >>> m = Model(title="t", actors=[Actor(id="a", name="A", kind="state",
    ...           evidence=[Evidence(document="d", start=3, end=9, paraphrase="p")])])
    >>> [(s["section"], s["id"], s["start"], s["end"]) for s in document_spans(m, "d", ("actors",))]
    [('actors', 'a', 3, 9)]
    """
    names = display_names(model)
    spans = []
    for section in sections:
        for item in getattr(model, section):
            numbers = {name: getattr(item, name) for name in _CARD_NUMBERS if getattr(item, name, None) is not None}
            for index, evidence in enumerate(item.evidence):
                if evidence.document == document_id:
                    spans.append({"section": section, "id": item.id, "evidence": index, "start": evidence.start,
                                  "end": evidence.end, "paraphrase": evidence.paraphrase,
                                  "label": item_label(section, item, names), "review": item.review,
                                  "numbers": numbers})
    spans.sort(key=lambda span: (span["start"], span["end"], span["section"], span["id"]))
    return spans


def document_card(model: Model, document: Document, texts: Mapping[str, str],
                  spans: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A document's card: its metadata, whether its text is at hand, and how many items (proposed ones) cite it.

    ``spans`` are the document's :func:`document_spans` over the reviewed sections, when the caller has them.

    Examples
    --------
    >>> from realpolitik.model import Actor, Evidence
    >>> d = Document(id="d" * 64, title="Cable")
    >>> m = Model(title="t", documents=[d], actors=[Actor(id="a", name="A", kind="state", review="proposed",
    ...           evidence=[Evidence(document=d.id, start=3, end=9, paraphrase="p")])])
    >>> card = document_card(m, d, {})
    >>> card["has_text"], card["items"], card["proposed"]
    (False, 1, 1)
    """
    spans = document_spans(model, document.id, REVIEWABLE_SECTIONS) if spans is None else spans
    return {"id": document.id, "title": document.title, "author": document.author, "publisher": document.publisher,
            "published": document.published, "has_text": document.id in texts,
            "items": len({(s["section"], s["id"]) for s in spans}),
            "proposed": len({(s["section"], s["id"]) for s in spans if s["review"] == "proposed"})}


def model_overview(model: Model, texts: Mapping[str, str]) -> dict[str, Any]:
    """What the corpus page heads with: the model's title, description and counts, and every document's card
    (:func:`document_card`)."""
    return {"title": model.title, "description": model.description, "counts": counts(model),
            "documents": [document_card(model, document, texts) for document in model.documents]}


def document_view(model: Model, document: Document, texts: Mapping[str, str]) -> dict[str, Any]:
    """What a document's page shows: its card (:func:`document_card`), its text (None when not at hand) and its
    length, and every evidence span into it from the reviewed sections, in text order."""
    text = texts.get(document.id)
    spans = document_spans(model, document.id, REVIEWABLE_SECTIONS)
    return {**document_card(model, document, texts, spans), "text": text, "spans": spans,
            "length": None if text is None else len(text)}


def item_view(model: Model, section: str, item_id: str, texts: Mapping[str, str]) -> dict[str, Any]:
    """What an item's review card shows: the item, its label, its evidence (:func:`evidence_view`) and the form's
    fields (:func:`field_specs`; none for a document).

    Raises
    ------
    UnknownIdError
        E241 or E242 for a section or an item the model lacks.
    """
    item = model.get(section, item_id)
    return {"section": section, "id": item_id, "item": item.model_dump(mode="json"),
            "label": item_label(section, item, display_names(model)),
            "evidence": evidence_view(model, section, item, texts),
            "fields": field_specs(section) if section != "documents" else []}


def evidence_view(model: Model, section: str, item: Any, texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """An item's evidence, each with the span's text and some text either side when the document is at hand."""
    titles = {document.id: document.title for document in model.documents}
    shown = []
    for index, evidence in enumerate(getattr(item, "evidence", None) or []):  # a document has no evidence
        text = texts.get(evidence.document)
        entry = {"index": index, "document": evidence.document, "title": titles.get(evidence.document),
                 "start": evidence.start, "end": evidence.end, "paraphrase": evidence.paraphrase,
                 "before": None, "span": None, "after": None}
        if text is not None and evidence.end <= len(text):
            entry["before"] = text[max(0, evidence.start - EXCERPT_CONTEXT):evidence.start]
            entry["span"] = text[evidence.start:evidence.end]
            entry["after"] = text[evidence.end:evidence.end + EXCERPT_CONTEXT]
        shown.append(entry)
    return shown


#: Characters of a later document's passage shown on the forecasts board.
PASSAGE_SHOWN = 300


def _update_documents(model: Model, record: Mapping[str, Any] | None) -> list[str]:
    """The ids of the documents an update added that the model still holds."""
    held = {document.id for document in model.documents}
    return [d for d in (record or {}).get("added", {}).get("documents", []) if d in held]


def changes_view(model: Model, record: Mapping[str, Any] | None, texts: Mapping[str, str]) -> dict[str, Any]:
    """What an update proposed (``record``: :func:`realpolitik.updates.read_record`) that still awaits review.

    A proposal of the update is an item ``review: proposed`` with evidence in a document the update added; it
    leaves the list once accepted or rejected. Each proposal lists its evidence spans (to open in the document);
    a relation the update turned or contradicted carries that change.
    """
    added = _update_documents(model, record)
    if record is None:
        return {"record": False, "documents": [], "kinds": [], "changes": [], "warnings": [], "proposed": 0}
    names = display_names(model)
    titles = {document.id: document for document in model.documents}
    marks: dict[tuple[str, str], list[dict[str, Any]]] = {}
    changes = []
    for change in record.get("changes", []):
        entry = {key: change.get(key) for key in ("kind", "section", "old", "new", "date")}
        for end in ("old", "new"):
            try:
                item = model.get(entry["section"], entry[end])
            except UnknownIdError:
                entry[f"{end}_label"] = None  # rejected since, or never in this model
            else:
                entry[f"{end}_label"] = item_label(entry["section"], item, names)
        marks.setdefault((entry["section"], entry["new"]), []).append(entry)
        changes.append(entry)
    wanted = set(added)
    kinds = []
    for section in REVIEWABLE_SECTIONS:
        items = []
        for item in getattr(model, section):
            spans = [(index, e) for index, e in enumerate(item.evidence) if e.document in wanted]
            if item.review != "proposed" or not spans:
                continue
            items.append({"id": item.id, "label": item_label(section, item, names), "review": item.review,
                          "changes": marks.get((section, item.id), []),
                          "evidence": [{"index": index, "document": e.document, "start": e.start, "end": e.end,
                                        "title": titles[e.document].title if e.document in titles else None,
                                        "paraphrase": e.paraphrase, "has_text": e.document in texts}
                                       for index, e in spans]})
        if items:
            kinds.append({"section": section, "items": items})
    return {"record": True, "changes": changes, "kinds": kinds, "warnings": list(record.get("warnings", [])),
            "proposed": sum(len(kind["items"]) for kind in kinds),
            "documents": [{"id": d, "title": titles[d].title, "published": titles[d].published,
                           "has_text": d in texts} for d in added]}


def forecast_board(board: Mapping[str, Any], trails: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The forecasts board (:func:`forecasts_view`) with each forecast's ``trail`` from
    :func:`forecast_evidence_view` (None where it has none) and ``updated``, whether any forecast has one."""
    return {**board, "updated": bool(trails),
            "forecasts": [{**row, "trail": trails.get(row["id"])} for row in board["forecasts"]]}


def forecast_evidence_view(model: Model, record: Mapping[str, Any] | None,
                           texts: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """Each forecast's evidence trail from an update record: the later passages bearing on it (stance, score,
    the passage's words when its document is at hand) and the resolution proposed, by forecast id."""
    if record is None:
        return {}
    titles = {document.id: document.title for document in model.documents}
    trails = {}
    for entry in record.get("forecasts", []):
        passages = []
        for passage in entry.get("evidence", []):
            text = texts.get(passage["document"])
            start, end = passage["start"], passage["end"]
            passages.append({**passage, "title": titles.get(passage["document"]),
                             "text": text[start:end][:PASSAGE_SHOWN] if text is not None and end <= len(text)
                             else None})
        trails[entry["forecast"]] = {"evidence": passages, "proposed_resolution": entry.get("proposed_resolution")}
    return trails


def _drawing(graph: nx.Graph, labels: Mapping[str, list[str]]) -> tuple[GraphLayout, dict[str, Any]]:
    """The report's layout (:func:`realpolitik.report.layout.graph_layout`) and the frame it fills, in em."""
    layout = graph_layout(graph, labels)
    return layout, {"width": layout.width, "height": layout.height, "line_em": LINE_EM, "node_em": NODE_EM}


def network_view(model: Model) -> dict[str, Any]:
    """Actors placed for drawing (in em of the label font), with their relations and people's affiliations as
    edges, the colours and bends to draw them with, and the legend."""
    graph = actor_network(model)
    layout, frame = _drawing(nx.Graph(graph.to_undirected()), actor_labels(graph))
    kinds = {actor.id: actor for actor in model.actors}
    nodes = [{"id": node, "label": data.get("name") or node, "lines": layout.labels[node], "kind": data.get("kind"),
              "colour": kind_colour(data.get("kind")), "x": layout.positions[node][0],
              "y": layout.positions[node][1], "review": kinds[node].review if node in kinds else None,
              "section": "actors"} for node, data in graph.nodes(data=True)]
    edges = []
    listed = list(graph.edges(keys=True, data=True))
    for (source, target, key, data), bend in zip(listed, edge_bends((u, v) for u, v, _, _ in listed), strict=True):
        affiliation = data["origin"] == "affiliation"
        edges.append({"id": key, "source": source, "target": target, "origin": data["origin"], "type": data["type"],
                      "polarity": data["polarity"], "valid_from": data.get("valid_from"),
                      "valid_to": data.get("valid_to"), "bend": bend, "directed": not affiliation,
                      "colour": AFFILIATION_COLOUR if affiliation else relation_colour(data["polarity"]),
                      "dash": "dot" if affiliation else "dash" if data.get("valid_to") else "solid",
                      "section": "actors" if affiliation else "relations", "item": source if affiliation else key})
    return {"nodes": nodes, "edges": edges, "frame": frame,
            "legend": network_legend(data.get("kind") for _, data in graph.nodes(data=True))}


def causal_map_view(model: Model) -> dict[str, Any]:
    """Concepts placed for drawing (in em of the label font), with the causal links as signed edges, the colours
    and bends to draw them with, and the legend."""
    graph = causal_graph(model)
    layout, frame = _drawing(nx.Graph(graph.to_undirected()), concept_labels(graph))
    degree = {node: sum(abs(d["weight"]) for _, _, d in graph.in_edges(node, data=True))
              + sum(abs(d["weight"]) for _, _, d in graph.out_edges(node, data=True)) for node in graph}
    nodes = [{"id": node, "label": data.get("label") or node, "lines": layout.labels[node],
              "colour": CONCEPT_COLOUR, "rim": CONCEPT_EDGE, "x": layout.positions[node][0],
              "y": layout.positions[node][1], "strength": round(degree[node], 4),
              "section": "concepts"} for node, data in graph.nodes(data=True)]
    bends = edge_bends((link.cause, link.effect) for link in model.causal_links)
    edges = [{"id": link.id, "source": link.cause, "target": link.effect, "weight": link.weight,
              "confidence": link.confidence, "review": link.review, "bend": bend, "directed": True,
              "colour": CAUSAL_COLOURS[1 if link.weight >= 0 else -1],
              "dash": "dash" if link.review == "proposed" else "solid", "section": "causal_links", "item": link.id}
             for link, bend in zip(model.causal_links, bends, strict=True)]
    return {"nodes": nodes, "edges": edges, "frame": frame, "legend": causal_legend()}


def timeline_view(model: Model) -> dict[str, Any]:
    """Events in date order, each with the first and last day its date can mean (``null`` for an open end),
    its label lines and colour; the whole span of known days and the crowded stretch worth a close up."""
    names = display_names(model)
    events: list[dict[str, Any]] = []
    for event in timeline(model):
        lower: str | None
        upper: str | None
        try:
            span = parse_date(event.date)
            lower = None if span.lower == date.min else span.lower.isoformat()
            upper = None if span.upper.year == date.max.year else span.upper.isoformat()
            if lower is None and upper is None:
                raise InvalidDateError(event.date)
        except InvalidDateError:
            lower = upper = None
        events.append({"id": event.id, "date": event.date, "date_text": event.date_text, "lower": lower,
                       "upper": upper, "description": event.description, "type": event.type,
                       "lines": label_lines(f"{event.date}  {event.description}", 64, most=3),
                       "colour": EVENT_COLOURS[event_tone(event)],
                       "participants": [names.get(p, p) for p in event.participants], "review": event.review,
                       "section": "events"})
    days = [date.fromisoformat(d) for e in events for d in (e["lower"], e["upper"]) if d]
    window = densest_window([date.fromisoformat(e["lower"] or e["upper"]) for e in events if e["lower"] or e["upper"]])
    return {"events": events, "span": [min(days).isoformat(), max(days).isoformat()] if days else None,
            "window": [window[0].isoformat(), window[1].isoformat()] if window else None,
            "legend": [{"label": tone, "colour": colour, "mark": "node", "symbol": "circle"}
                       for tone, colour in EVENT_COLOURS.items()]}


def forecasts_view(model: Model) -> dict[str, Any]:
    """Every forecast with its probability, resolution and Brier score, the mean score, and the report's
    forecasts figure as SVG (``figure``; None for a model without forecasts)."""
    names = display_names(model)
    scores = {score.forecast: score.brier for score in score_forecasts(model.forecasts)}
    rows = []
    for forecast in model.forecasts:
        resolution = forecast.resolution.model_dump(mode="json") if forecast.resolution is not None else None
        rows.append({"id": forecast.id, "statement": forecast.statement, "estimative_term": forecast.estimative_term,
                     "band": forecast.band, "probability": list(forecast.probability or ()),
                     "midpoint": forecast_midpoint(forecast), "horizon": forecast.horizon,
                     "subjects": [names.get(s, s) for s in forecast.subjects], "resolution": resolution,
                     "brier": scores.get(forecast.id), "review": forecast.review})
    resolved = len(scores)
    figure = figure_svg(forecasts_figure(model.forecasts), "web") if model.forecasts else None
    return {"forecasts": rows, "resolved": resolved, "open": len(rows) - resolved,
            "brier": brier_score(model.forecasts), "figure": figure}


def scenarios_view(model: Model) -> dict[str, Any]:
    """The concepts a control can clamp, and each scenario with every clamp it holds (inherited ones too)."""
    low, high = transfer_range("sigmoid")
    concepts = [{"id": c.id, "label": c.label, "description": c.description} for c in model.concepts]
    scenarios = [{"id": s.id, "name": s.name, "description": s.description, "extends": s.extends,
                  "clamps": resolve_clamps(model, s.id), "expected": dict(s.expected), "baseline": s.id == BASELINE}
                 for s in model.scenarios]
    return {"concepts": concepts, "scenarios": scenarios, "low": low, "high": high,
            "baseline": BASELINE if any(s.id == BASELINE for s in model.scenarios) else None}


def simulate_view(model: Model, *, scenario: str | None, clamps: Mapping[str, float] | None) -> tuple[dict, Any]:
    """Run one scenario of the model, or the controls' clamps as a scenario of their own, against the baseline.

    Returns
    -------
    (view, run)
        The JSON-ready result and the :class:`~realpolitik.simulate.SimulationRun` behind it.

    Raises
    ------
    UnknownIdError
        E252 for an unknown scenario, E030 for a clamp on an unknown concept.
    SimulationError
        E032 for a clamp outside 0..1, E031 for a model without links.
    """
    if scenario is not None:
        known = [s.id for s in model.scenarios]
        if scenario not in known:
            raise UnknownIdError(Errors.E252.format(id=scenario, known=", ".join(known) or "none"))
        run = simulate_scenarios(model, [scenario])
        expected = next(s.expected for s in model.scenarios if s.id == scenario)
    else:
        run = simulate_clamps(model, dict(clamps or {}), name="Controls")
        expected = {}
    outcome = run.outcomes[0]
    names = display_names(model)
    baseline = run.outcome(BASELINE) if BASELINE in [o.scenario for o in run.outcomes] else None
    view = {"scenario": outcome.scenario, "name": outcome.name, "status": outcome.status,
            "steps_run": outcome.steps_run, "period": outcome.period, "clamps": dict(outcome.clamps),
            "baseline": run.baseline, "concepts": [{"id": c, "label": names.get(c, c)} for c in run.concepts],
            "final": [round(float(v), 6) for v in outcome.final],
            "delta": [round(float(v), 6) for v in outcome.delta],
            "baseline_final": None if baseline is None else [round(float(v), 6) for v in baseline.final],
            "expected": dict(expected),
            # what the page draws itself: every concept's activation by step, and the ones to colour and name
            "trajectory": [[round(float(v), 6) for v in step] for step in outcome.trajectory],
            "highlight": [run.concepts[i] for i in outcome.most_moved(run.baseline)]}
    return view, run


def press_view(model: Model, concept: str, direction: int, *, draws: int, seed: int) -> tuple[dict, Any]:
    """A press perturbation on one concept, as JSON-ready data and the :class:`PressResult` behind it.

    Raises
    ------
    UnknownIdError
        E030 for a concept the model lacks (listing every concept it has).
    """
    if concept not in {c.id for c in model.concepts}:
        raise UnknownIdError(Errors.E030.format(concept=concept, known=", ".join(c.id for c in model.concepts)))
    result = press_perturbation(model, {concept: direction}, draws=draws, seed=seed)
    names = display_names(model)
    data = result.to_dict()
    for row in data["responses"]:
        row["label"] = names.get(row["concept"], row["concept"])
    return data, result


def sections_of(model: Model) -> dict[str, list[dict[str, Any]]]:
    """Every item of every section as JSON-ready dicts, with a display label."""
    names = display_names(model)
    out = {}
    for section in SECTIONS:
        rows = []
        for item in getattr(model, section):
            row = item.model_dump(mode="json", exclude_none=True)
            if section != "documents":
                row["label"] = item_label(section, item, names)
            rows.append(row)
        out[section] = rows
    return out


#: Fields no edit form shows: the id (other items point to it), the evidence and the review state.
_NOT_EDITED = ("id", "evidence", "review")


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else annotation
    return annotation


def field_specs(section: str) -> list[dict[str, Any]]:
    """What an edit or add form shows for each field of a section's items, read from the format itself: its kind
    (``text``, ``number`` with its bounds, ``choice`` with the allowed values, ``list`` of words, ``ref`` or
    ``refs`` to items of another section, ``json`` for the rest), whether it is required, and its description.

    Examples
    --------
    >>> [(f["name"], f["kind"], f.get("target")) for f in field_specs("causal_links")][:3]
    [('cause', 'ref', 'concepts'), ('effect', 'ref', 'concepts'), ('weight', 'number', None)]
    """
    if section not in SECTIONS or section == "documents":
        raise UnknownIdError(Errors.E241.format(section=section, known=", ".join(s for s in SECTIONS
                                                                                  if s != "documents")))
    references = {ref.field: ref for ref in REFERENCES if ref.section == section}
    specs = []
    for name, info in SECTIONS[section].model_fields.items():
        if name in _NOT_EDITED:
            continue
        spec: dict[str, Any] = {"name": name, "required": info.is_required(), "description": info.description}
        annotation = _unwrap_optional(info.annotation)
        reference = references.get(name)
        if reference is not None and reference.shape != "keys":
            spec.update(kind="ref" if reference.shape == "one" else "refs", target=reference.target)
        elif typing.get_origin(annotation) is typing.Literal:
            spec.update(kind="choice", choices=list(typing.get_args(annotation)))
        elif annotation is float or annotation is int:
            bounds = {key: getattr(meta, key) for meta in info.metadata for key in ("ge", "le", "gt")
                      if getattr(meta, key, None) is not None}
            spec.update(kind="number", min=bounds.get("ge", bounds.get("gt")), max=bounds.get("le"))
            if info.default is not None and not info.is_required():
                spec["default"] = info.default
        elif typing.get_origin(annotation) is list and typing.get_args(annotation) == (str,):
            spec.update(kind="list")
        elif annotation is str or typing.get_origin(annotation) is typing.Annotated:
            spec.update(kind="text")
        else:
            spec.update(kind="json")
        specs.append(spec)
    return specs
