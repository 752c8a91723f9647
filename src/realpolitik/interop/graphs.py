"""The actor network and the causal map as one networkx graph, written and read as GraphML and GEXF 1.3.

Actors and concepts are nodes (``actor:<id>``, ``concept:<id>``, a ``section`` attribute tells them apart);
relations and causal links are edges keyed by their ids.  Scalar fields travel as attributes, list fields
(evidence, aliases, terms) as JSON text, and the sections a graph has no place for (documents, events,
forecasts, scenarios) as JSON in one graph attribute, so a realpolitik graph file reads back to the same model.
In GEXF a dated relation's time scope is also a spell, with its polarity as a dynamic attribute
(``polarity_over_time``) over that spell.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel

from realpolitik.errors import Errors, InputFileError
from realpolitik.files import write_atomically
from realpolitik.interop.build import Source, build_model, slug
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.schema import Actor, CausalLink, Concept, Model, Relation

__all__ = ["GRAPH_SECTIONS", "graph_to_model", "model_to_graph", "read_graph", "write_gexf", "write_graphml"]

#: The sections a graph file carries as nodes and edges.
GRAPH_SECTIONS = ("actors", "relations", "concepts", "causal_links")
#: Graph attribute holding the other sections as JSON.
_REST = "realpolitik_sections"
#: Fields whose values are lists, written as JSON text since GraphML attributes are scalars.
_JSON_FIELDS = {"evidence", "aliases", "terms", "contradicts"}
#: Node-id prefixes by node section.
_PREFIX = {"actor": "actor:", "concept": "concept:"}


def _attributes(item: Any, skip: set[str]) -> dict[str, Any]:
    data = item.model_dump(mode="json", exclude_none=True)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in skip:
            continue
        out[key] = json.dumps(value, ensure_ascii=False) if key in _JSON_FIELDS else value
    return out


def model_to_graph(model: Model, *, dynamic: bool = False) -> nx.MultiDiGraph:
    """The model's actors, relations, concepts and causal links as one directed multigraph.

    Parameters
    ----------
    model
        The model.
    dynamic
        Add GEXF spells and a dynamic polarity to relations with a time scope.

    Examples
    --------
    >>> from realpolitik.model import load_model
    >>> from realpolitik.data import bundled_model_path
    >>> g = model_to_graph(load_model(bundled_model_path()))
    >>> g.nodes["concept:aid_and_assets"]["section"], g.number_of_edges() > 40
    ('concept', True)
    """
    graph = nx.MultiDiGraph(title=model.title)
    if model.description:
        graph.graph["description"] = model.description
    rest = model.model_dump(mode="json", include={"documents", "events", "forecasts", "scenarios"})
    graph.graph[_REST] = json.dumps(rest, ensure_ascii=False)
    for actor in model.actors:
        graph.add_node("actor:" + actor.id, section="actor", label=actor.name, **_attributes(actor, {"id", "name"}))
    for concept in model.concepts:
        graph.add_node("concept:" + concept.id, section="concept", **_attributes(concept, {"id"}))
    for index, relation in enumerate(model.relations):
        data = _attributes(relation, {"source", "target"})
        # GEXF keeps `type` for an edge's direction, so the relation's type travels as relation_type
        data["relation_type"] = data.pop("type")
        data.update(section="relation", weight=relation.polarity, sign=_sign(relation.polarity), item_id=relation.id,
                    position=index)
        if dynamic:
            _add_spell(data, relation)
        graph.add_edge("actor:" + relation.source, "actor:" + relation.target, key=relation.id, **data)
    for index, link in enumerate(model.causal_links):
        data = _attributes(link, {"cause", "effect"})
        data.update(section="causal_link", sign=_sign(link.weight), item_id=link.id, position=index)
        graph.add_edge("concept:" + link.cause, "concept:" + link.effect, key=link.id, **data)
    return graph


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _add_spell(data: dict[str, Any], relation: Relation) -> None:
    # the static `polarity` stays on every relation; the dynamic copy has its own title, since networkx declares
    # a value list without dates as static and two attributes with one title would confuse Gephi's columns
    try:
        start = parse_date(relation.valid_from).lower.isoformat() if relation.valid_from else None
        end = parse_date(relation.valid_to).upper.isoformat() if relation.valid_to else None
    except InvalidDateError:
        return  # an unplaceable date stays in valid_from/valid_to; Gephi just sees no spell
    if start is None and end is None:
        return
    data["spells"] = [(start, end)]
    data["polarity_over_time"] = [(relation.polarity, start, end)]


def write_graphml(model: Model, path: str | Path) -> None:
    """Write the model's graph as GraphML (see :func:`model_to_graph`)."""
    nx.write_graphml(model_to_graph(model), str(path), encoding="utf-8", named_key_ids=True)


def write_gexf(model: Model, path: str | Path) -> None:
    """Write the model's graph as GEXF 1.3 with spells and dynamic polarity for dated relations."""
    graph = model_to_graph(model, dynamic=True)
    graph.graph.pop(_REST)  # networkx writes no graph attributes to GEXF; the sections go in a comment-free meta
    graph.graph["mode"] = "dynamic"
    _write_gexf_with_meta(graph, path, model)


def _write_gexf_with_meta(graph: nx.MultiDiGraph, path: str | Path, model: Model) -> None:
    from xml.etree.ElementTree import Element, SubElement, tostring

    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    if meta is None:
        meta = Element("meta")
        writer.xml.insert(0, meta)
    SubElement(meta, "creator").text = "realpolitik"
    # GEXF has no graph attributes; the description element carries the sections a graph cannot hold
    rest = model.model_dump(mode="json", include={"title", "description", "documents", "events", "forecasts",
                                                  "scenarios"})
    SubElement(meta, "description").text = json.dumps(rest, ensure_ascii=False)
    write_atomically(path, b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(writer.xml, encoding="utf-8"),
                     code="E210")


def _load(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _static(value: Any) -> Any:
    # networkx reads a dynamic GEXF attribute as [(value, start, end), ...]; the model keeps the first value
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return value[0][0]
    return value


def _fields(data: dict[str, Any], cls: type[BaseModel]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if key in cls.model_fields:
            out[key] = _load(value) if key in _JSON_FIELDS else _static(value)
    return out


def graph_to_model(graph: nx.Graph, rest: dict[str, Any] | None = None) -> Model:
    """A model from a graph made by :func:`model_to_graph` (and read back from a file).

    Raises
    ------
    InputFileError
        E200 if the graph has no edges, E201 if an item does not fit the model format.
    """
    if graph.number_of_edges() == 0:
        raise InputFileError(Errors.E200.format(what="graph"))
    data: dict[str, Any] = {"title": graph.graph.get("title") or "Imported graph", **(rest or {})}
    if graph.graph.get("description"):
        data["description"] = graph.graph["description"]
    if _REST in graph.graph:
        data.update(json.loads(graph.graph[_REST]))
    nodes: dict[str, list[dict[str, Any]]] = {"actor": [], "concept": []}
    for node, attrs in graph.nodes(data=True):
        section = attrs.get("section")
        item = _fields(attrs, Actor if section == "actor" else Concept)
        item.setdefault("id", str(node).removeprefix(_PREFIX.get(section, "")))
        if section == "actor":
            item["name"] = attrs.get("label", item["id"])
        nodes["actor" if section == "actor" else "concept"].append(item)
    edges: dict[str, list[tuple[Any, dict[str, Any]]]] = {"relation": [], "causal_link": []}
    multi = graph.is_multigraph()
    for source, target, *rest_, attrs in (graph.edges(keys=True, data=True) if multi else graph.edges(data=True)):
        section = "relation" if attrs.get("section") == "relation" else "causal_link"
        item = _fields(attrs, Relation if section == "relation" else CausalLink)
        if section == "relation" and "relation_type" in attrs:
            item["type"] = attrs["relation_type"]
        item["id"] = attrs.get("item_id") or str(rest_[0] if rest_ else f"{source}-{target}")
        ends = ("source", "target") if section == "relation" else ("cause", "effect")
        for end, node in zip(ends, (source, target), strict=True):
            item[end] = str(node).split(":", 1)[-1]
        edges[section].append((attrs.get("position", len(edges[section])), item))
    data.update(actors=nodes["actor"], concepts=nodes["concept"], relations=_in_order(edges["relation"]),
                causal_links=_in_order(edges["causal_link"]))
    return build_model(data)


def _in_order(pairs: list[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    # graph readers return edges grouped by node; `position` restores the model's order
    return [item for _, item in sorted(pairs, key=lambda pair: int(pair[0]))]


def read_graph(path: str | Path, fmt: str) -> Model:
    """Read a GraphML or GEXF file into a model.

    A file realpolitik wrote reads back to the model it came from.  Any other GraphML is read as a causal
    map: nodes are concepts (named by their ``label`` or ``name`` attribute, else their id), edges are
    links weighted by their ``weight`` attribute (1 when absent), and each item's evidence points at its
    element in the file.

    Raises
    ------
    InputFileError
        E002 for an empty file, E200 for a graph without edges, E201 for items the model format refuses,
        E202 for a file that is not the XML expected, E209 for a weight outside -1..1.
    """
    from xml.etree.ElementTree import ParseError

    source = Source.open(path, fmt)
    try:
        if fmt == "graphml":
            graph = nx.read_graphml(str(path), force_multigraph=True)
        else:
            graph = nx.read_gexf(str(path), version="1.3")
    except (ParseError, nx.NetworkXError, KeyError, ValueError, TypeError) as exc:
        raise InputFileError(Errors.E202.format(fmt=fmt, path=path, reason=exc)) from exc
    if fmt == "gexf":
        meta = _gexf_meta(path)
        if meta:
            return graph_to_model(graph, meta)
    elif _REST in graph.graph:
        return graph_to_model(graph)
    return _foreign(graph, source)


def _element_spans(text: str, tag: str) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for match in re.finditer(rf"<{tag}\b[^>]*>", text):
        found = re.search(r'\bid\s*=\s*"([^"]*)"', match.group(0))
        if found:
            spans.setdefault(found.group(1), (match.start(), match.end()))
    return spans


def _edge_spans(text: str) -> dict[tuple[str, str], list[tuple[int, int]]]:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for match in re.finditer(r"<edge\b[^>]*>", text):
        source, target = (re.search(rf'\b{name}\s*=\s*"([^"]*)"', match.group(0)) for name in ("source", "target"))
        if source and target:
            spans.setdefault((source.group(1), target.group(1)), []).append((match.start(), match.end()))
    return spans


def _foreign(graph: nx.Graph, source: Source) -> Model:
    if graph.number_of_edges() == 0:
        raise InputFileError(Errors.E200.format(what=f"graph in {source.path}"))
    text = source.text or ""
    node_spans, edge_spans = _element_spans(text, "node"), _edge_spans(text)
    ids: dict[Any, str] = {}
    concepts = []
    for node, attrs in graph.nodes(data=True):
        label = str(attrs.get("label") or attrs.get("name") or node)
        concept_id = base = slug(label)
        n = 1
        while concept_id in ids.values():
            n += 1
            concept_id = f"{base}_{n}"
        ids[node] = concept_id
        start, end = node_spans.get(str(node), (0, 1))
        concepts.append({"id": concept_id, "label": label,
                         "evidence": source.evidence(start, end, f"Node '{label}' of {source.path.name}.")})
    links = []
    seen: dict[tuple[str, str], int] = {}
    for cause, effect, attrs in graph.edges(data=True):
        weight = attrs.get("weight", 1.0)
        if not isinstance(weight, (int, float)) or not -1.0 <= weight <= 1.0:
            raise InputFileError(Errors.E209.format(path=source.path, where=f"edge {cause} -> {effect}",
                                                    reason=f"weight must be a number from -1 to 1, got {weight!r}"))
        pair = (str(cause), str(effect))
        nth = seen[pair] = seen.get(pair, -1) + 1
        start, end = (edge_spans.get(pair) or [(0, 1)])[min(nth, len(edge_spans.get(pair) or [0]) - 1)]
        link_id = f"{ids[cause]}__{ids[effect]}" + (f"_{nth + 1}" if nth else "")
        links.append({"id": link_id, "cause": ids[cause], "effect": ids[effect], "weight": float(weight),
                      "evidence": source.evidence(start, end, f"Edge {cause} -> {effect} of {source.path.name}.")})
    title = graph.graph.get("title") or graph.graph.get("name") or f"Causal map imported from {source.path.name}"
    return build_model({"title": str(title), "documents": [source.document], "concepts": concepts,
                        "causal_links": links})


def _gexf_meta(path: str | Path) -> dict[str, Any]:
    from xml.etree.ElementTree import parse

    root = parse(str(path)).getroot()
    for element in root.iter():
        if element.tag.endswith("description") and element.text and element.text.lstrip().startswith("{"):
            try:
                return json.loads(element.text)
            except json.JSONDecodeError:
                return {}
    return {}
