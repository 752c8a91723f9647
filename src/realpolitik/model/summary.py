"""Plain read-outs of a model: counts, the timeline in date order, people with their roles, a scenario's clamps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from realpolitik.errors import Errors, SimulationError, UnknownIdError
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.schema import SECTIONS, Actor, Document, Event, Model, Scenario

__all__ = ["counts", "display_names", "document_of", "item_label", "people", "proposed_count", "resolve_clamps",
           "reviewed_only", "timeline"]


def counts(model: Model) -> dict[str, int]:
    """Number of items per section, with people counted apart from other actors.

    Examples
    --------
    >>> from realpolitik.model.schema import Model
    >>> counts(Model(title="empty"))["actors"]
    0
    """
    result = {section: len(getattr(model, section)) for section in SECTIONS}
    result["people"] = len(people(model))
    return result


def document_of(model: Model, document_id: str) -> Document:
    """The model's document ``document_id``.

    Raises
    ------
    UnknownIdError
        E240 when the model has no such document (the known ids are listed, shortened).

    Examples
    --------
    >>> document_of(Model(title="t", documents=[Document(id="a" * 64, title="Cable")]), "a" * 64).title
    'Cable'
    """
    found = next((d for d in model.documents if d.id == document_id), None)
    if found is None:
        known = ", ".join(d.id[:12] + "…" for d in model.documents) or "none"
        raise UnknownIdError.coded("E240", id=document_id, known=known)
    return found


def people(model: Model) -> list[Actor]:
    """The actors of kind ``person``, in file order."""
    return [actor for actor in model.actors if actor.kind == "person"]


def timeline(model: Model) -> list[Event]:
    """Events in date order (by earliest possible day, then latest); undatable ones last."""

    def key(event: Event) -> tuple:
        try:
            span = parse_date(event.date)
        except InvalidDateError:
            return (1, event.date, event.date)
        return (0, span.lower.isoformat(), span.upper.isoformat())

    return sorted(model.events, key=key)


def resolve_clamps(model: Model, scenario_id: str) -> dict[str, float]:
    """A scenario's clamps with those of the scenarios it extends, the nearer one winning.

    Raises
    ------
    UnknownIdError
        E033 if ``scenario_id`` (or a scenario it extends) is not in the model.
    SimulationError
        E022 if ``extends`` runs in a cycle.

    Examples
    --------
    >>> m = Model.model_validate({"title": "t", "scenarios": [
    ...     {"id": "a", "name": "A", "clamps": {"x": 1.0, "y": 0.0}},
    ...     {"id": "b", "name": "B", "extends": "a", "clamps": {"y": 1.0}}]})
    >>> resolve_clamps(m, "b")
    {'x': 1.0, 'y': 1.0}
    """
    by_id = {scenario.id: scenario for scenario in model.scenarios}
    chain: list[Scenario] = []
    current: str | None = scenario_id
    while current is not None:
        if current not in by_id:
            raise UnknownIdError(Errors.E033.format(scenario=current, known=", ".join(by_id) or "none"))
        if any(s.id == current for s in chain):
            raise SimulationError(Errors.E022.format(scenario=scenario_id))
        chain.append(by_id[current])
        current = by_id[current].extends
    clamps: dict[str, float] = {}
    for scenario in reversed(chain):
        clamps.update(scenario.clamps)
    return clamps


def item_label(section: str, item: Any, names: Mapping[str, str] | None = None) -> str:
    """A short human label for an item of any section.

    Examples
    --------
    >>> from realpolitik.model.schema import Relation
    >>> item_label("relations", Relation(id="r", source="a", target="b", type="rivalry", polarity=-1),
    ...            {"a": "Alpha", "b": "Beta"})
    'Alpha → Beta (rivalry)'
    """
    names = names or {}
    if section == "relations":
        return f"{names.get(item.source, item.source)} → {names.get(item.target, item.target)} ({item.type})"
    if section == "causal_links":
        sign = "+" if item.weight >= 0 else "−"
        return f"{names.get(item.cause, item.cause)} {sign}→ {names.get(item.effect, item.effect)}"
    for attribute in ("name", "label", "statement", "description", "title"):
        value = getattr(item, attribute, None)
        if value:
            return str(value)
    return str(item.id)


def display_names(model: Model) -> dict[str, str]:
    """Display names of the model's actors and concepts, by id."""
    names = {actor.id: actor.name for actor in model.actors}
    names.update({concept.id: concept.label for concept in model.concepts})
    return names


def proposed_count(model: Model) -> int:
    """How many items still await review (``review: proposed``).

    Examples
    --------
    >>> from realpolitik.model.schema import Concept
    >>> proposed_count(Model(title="t", concepts=[Concept(id="a", label="A", review="proposed"),
    ...                                           Concept(id="b", label="B")]))
    1
    """
    return sum(getattr(item, "review", None) == "proposed" for section in SECTIONS for item in getattr(model, section))


def reviewed_only(model: Model) -> Model:
    """The model without its proposed items, and without what cannot stand without them (a link whose cause is
    only proposed, a relation to a proposed actor); curated and accepted items stay.

    Examples
    --------
    >>> from realpolitik.model.schema import CausalLink, Concept
    >>> m = Model(title="t", concepts=[Concept(id="a", label="A"), Concept(id="b", label="B", review="proposed")],
    ...           causal_links=[CausalLink(id="l", cause="a", effect="b", weight=0.5)])
    >>> kept = reviewed_only(m)
    >>> [c.id for c in kept.concepts], kept.causal_links
    (['a'], [])
    """
    from realpolitik.model.references import remove_with_dependents

    tree = model.model_dump(mode="json", exclude_none=True)
    for section in SECTIONS:
        for item in list(tree.get(section) or []):
            if item.get("review") == "proposed" and any(i.get("id") == item["id"] for i in tree.get(section) or []):
                remove_with_dependents(tree, section, item["id"])
    return Model.model_validate(tree)
