"""The actor network: who stands how towards whom, at a given time, with people attached to their side."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from realpolitik.model.edtf import DateSpan, InvalidDateError, parse_date
from realpolitik.model.schema import Model, Relation

__all__ = ["actor_network", "actor_strength", "relation_holds_at"]


def _as_span(at: dt.date | str) -> DateSpan:
    if isinstance(at, dt.date):
        return DateSpan(lower=at, upper=at, text=at.isoformat())
    return parse_date(str(at))


def relation_holds_at(relation: Relation, at: dt.date | str) -> bool:
    """Whether a relation may hold at ``at`` (a day, or any EDTF expression).

    A relation holds from the earliest day its ``valid_from`` can mean to the latest day its
    ``valid_to`` can mean; an open end extends for ever.  For a period such as ``"2021"`` the
    relation counts when the two periods overlap at all: an analyst asking about a year wants
    every stance of that year.  An end date that cannot be parsed is treated as open, so that
    a date typo widens the relation rather than silently dropping it.

    Raises
    ------
    InvalidDateError
        If ``at`` is not a valid EDTF expression.

    Examples
    --------
    >>> from realpolitik.model import Relation
    >>> r = Relation(id="r", source="a", target="b", type="rivalry", polarity=-0.5, valid_from="199X",
    ...              valid_to="2014")
    >>> relation_holds_at(r, "1995"), relation_holds_at(r, "2015-06-01")
    (True, False)
    """
    span = _as_span(at)
    start, end = dt.date.min, dt.date.max
    try:
        if relation.valid_from:
            start = parse_date(relation.valid_from).lower
    except InvalidDateError:
        pass
    try:
        if relation.valid_to:
            end = parse_date(relation.valid_to).upper
    except InvalidDateError:
        pass
    return start <= span.upper and end >= span.lower


def actor_network(model: Model, at: dt.date | str | None = None, *, people: bool = True) -> nx.MultiDiGraph:
    """The actors and the relations between them, optionally only those that hold at a date.

    Parameters
    ----------
    model
        The model.
    at
        A day or an EDTF expression; when given, only relations that hold then (see
        :func:`relation_holds_at`) are kept.  All actors stay, so that isolated ones show.
    people
        Also link each person to the actor named by its ``affiliation`` with an edge of
        ``origin="affiliation"``, so that a drawing can place people beside their side.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor ids with ``name``, ``kind``, ``role`` and ``affiliation``.  Relation edges
        are keyed by relation id and carry ``origin="relation"``, ``type``, ``polarity``,
        ``strength`` (``|polarity|``), ``valid_from`` and ``valid_to``.

    Raises
    ------
    InvalidDateError
        If ``at`` is not a valid EDTF expression.

    Examples
    --------
    >>> from realpolitik.model import Actor, Model, Relation
    >>> m = Model(title="t", actors=[Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state"),
    ...           Actor(id="p", name="P", kind="person", role="Minister", affiliation="a")],
    ...           relations=[Relation(id="r", source="a", target="b", type="rivalry", polarity=-0.5,
    ...                               valid_from="2015")])
    >>> g = actor_network(m)
    >>> sorted((u, v, d["origin"]) for u, v, d in g.edges(data=True))
    [('a', 'b', 'relation'), ('p', 'a', 'affiliation')]
    >>> actor_network(m, at="2010", people=False).number_of_edges()
    0
    """
    graph = nx.MultiDiGraph()
    for actor in model.actors:
        graph.add_node(actor.id, name=actor.name, kind=actor.kind, role=actor.role, affiliation=actor.affiliation)
    for relation in model.relations:
        if at is not None and not relation_holds_at(relation, at):
            continue
        for end in (relation.source, relation.target):
            if end not in graph:
                graph.add_node(end, name=end, kind="group", role=None, affiliation=None)
        graph.add_edge(
            relation.source,
            relation.target,
            key=relation.id,
            origin="relation",
            type=relation.type,
            polarity=relation.polarity,
            strength=abs(relation.polarity),
            valid_from=relation.valid_from,
            valid_to=relation.valid_to,
        )
    if people:
        for actor in model.actors:
            if actor.kind == "person" and actor.affiliation and actor.affiliation in graph:
                graph.add_edge(actor.id, actor.affiliation, key=f"affiliation:{actor.id}", origin="affiliation",
                               type="affiliation", polarity=0.0, strength=0.0)
    return graph


def actor_strength(graph: nx.MultiDiGraph) -> list[tuple[str, float]]:
    """Actors by how much of the network's stance they hold: the sum of ``|polarity|`` of their relations.

    Returns (actor id, strength) pairs, strongest first, ties by id.  Affiliation edges carry no
    strength, so a person ranks by their own relations only.

    Examples
    --------
    >>> from realpolitik.model import Actor, Model, Relation
    >>> m = Model(title="t", actors=[Actor(id=i, name=i, kind="state") for i in "abc"],
    ...           relations=[Relation(id="r1", source="a", target="b", type="rivalry", polarity=-0.5),
    ...                      Relation(id="r2", source="c", target="b", type="aid", polarity=0.25)])
    >>> actor_strength(actor_network(m))
    [('b', 0.75), ('a', 0.5), ('c', 0.25)]
    """
    degree = dict(graph.degree(weight="strength"))
    return sorted(((node, float(value)) for node, value in degree.items()), key=lambda pair: (-pair[1], pair[0]))
