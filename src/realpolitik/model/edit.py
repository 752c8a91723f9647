"""Changing a model file by hand without losing the curator's comments and layout.

The review actions (accept, reject, edit fields, add drafted items) and the resolution of a forecast, each made
on the file's round-trip tree through :meth:`ModelFile.change <realpolitik.model.file.ModelFile.change>`, so
nothing is written unless the result is a valid model. The CLI and the web app call these; neither edits a
model tree itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from realpolitik.errors import EditRefusedError, Errors, ModelValidationError, UnknownIdError
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.file import UNCHECKED, Change, ModelFile
from realpolitik.model.references import REFERENCES, remove_with_dependents
from realpolitik.model.schema import SECTIONS, Evidence, Model, Resolution, Scenario

__all__ = [
    "BULK_ACTIONS",
    "EDITABLE_SECTIONS",
    "MERGEABLE_SECTIONS",
    "REVIEWABLE_SECTIONS",
    "accept_item",
    "add_from_selection",
    "add_items",
    "add_scenario",
    "bulk_review",
    "edit_item",
    "merge_items",
    "new_item_id",
    "reject_item",
    "remove_scenario",
    "resolve_forecast",
    "save_scenario",
    "select_items",
]

#: Sections whose items are reviewed against their documents (accepted, edited, rejected).
REVIEWABLE_SECTIONS = ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios")
#: Sections whose items can be edited field by field.
EDITABLE_SECTIONS = REVIEWABLE_SECTIONS
#: Sections whose items can be merged: two entries that name one actor, or one concept.
MERGEABLE_SECTIONS = ("actors", "concepts")
#: What a bulk review does to each selected item.
BULK_ACTIONS = ("accept", "reject")
#: Fields an edit may not touch, and why: the id (other items point to it), the evidence (spans are made by the
#: extractor or by hand in the file) and the review state (accept and reject set it).
_FIXED_FIELDS = {
    "id": "other items point to it; reject the item and draft it again to rename it",
    "evidence": "spans are set by the extractor or in the model file",
    "review": "use accept or reject",
}


def _plain(node: Any) -> Any:
    """Round-trip containers as plain dicts and lists (JSON converts them, and ruamel's scalar types)."""
    return json.loads(json.dumps(node, default=str))


def _set_before_evidence(item: Any, key: str, value: Any) -> None:
    """Set ``key`` on a mapping, keeping ``evidence`` last where the format puts it."""
    if key in item or "evidence" not in item:
        item[key] = value
    elif isinstance(item, CommentedMap):
        item.insert(list(item.keys()).index("evidence"), key, value)
    else:  # a JSON file's plain dict: rebuild it in order
        entries = list(item.items())
        item.clear()
        for name, old in entries:
            if name == "evidence":
                item[key] = value
            item[name] = old


def _find(root: Any, section: str, item_id: str) -> dict:
    if section not in SECTIONS or section == "documents":
        raise UnknownIdError(Errors.E241.format(section=section, known=", ".join(EDITABLE_SECTIONS)))
    for item in (root.get(section) if isinstance(root, dict) else None) or []:
        if isinstance(item, dict) and item.get("id") == item_id:
            return item
    raise UnknownIdError(Errors.E242.format(kind=section.rstrip("s").replace("_", " "), id=item_id))


def _reviewed(file: ModelFile, edit, *, expect: str | None, action: str, section: str | None,
              item_id: str | None) -> tuple[Any, str]:
    """A review action: recorded for undo, refused with E245 (nothing written) when the result is not valid."""
    try:
        result, _model, version = file.change(edit, expect=expect, record=action, section=section, item_id=item_id)
    except ModelValidationError as exc:
        reasons = "; ".join(str(problem) for problem in exc.problems[:3]) or "unreadable"
        raise EditRefusedError.coded("E245", reason=reasons) from exc
    return result, version


def _check_first(file: ModelFile, expect: str | None) -> None:
    """Refuse a stale or missing version before anything else is checked: a client that read an old file must
    reload (409) before the rest of its request means anything."""
    if expect is not UNCHECKED:
        file.check_version(expect)


def _accept(root: Any, section: str, item_id: str) -> list[tuple[str, str]]:
    """Mark an item accepted and apply what it proposes on other items: a relation that ``supersedes`` another
    ends that one at its own ``valid_from`` (unless it ends by then already). Returns the other items changed.

    A proposal never writes on an item it does not own until it is accepted, so rejecting it leaves the file
    as it was (see docs/update.md).
    """
    item = _find(root, section, item_id)
    _set_before_evidence(item, "review", "accepted")
    if section != "relations" or not item.get("supersedes") or not item.get("valid_from"):
        return []
    old = _find(root, "relations", str(item["supersedes"]))
    start = str(item["valid_from"])
    try:
        ends_by_then = old.get("valid_to") is not None and (
            parse_date(str(old["valid_to"])).upper <= parse_date(start).upper)
    except InvalidDateError:  # the checks report the date; accepting leaves it to the analyst
        return []
    if ends_by_then:
        return []
    _set_before_evidence(old, "valid_to", start)
    return [("relations", str(old.get("id")))]


def accept_item(file: ModelFile, section: str, item_id: str, expect: str | None) -> Change:
    """Mark an item ``review: accepted`` (curated items too: the mark records that someone checked it), and apply
    what it proposes on other items (:func:`_accept`: a successor relation ends the one it supersedes)."""
    def edit(root: Any) -> list[tuple[str, str]]:
        return _accept(root, section, item_id)

    changed, version = _reviewed(file, edit, expect=expect, action="accept", section=section, item_id=item_id)
    return Change("accept", section, item_id, version, updated=changed)


def reject_item(file: ModelFile, section: str, item_id: str, expect: str | None) -> Change:
    """Remove an item, and what cannot stand without it
    (see :func:`~realpolitik.model.references.remove_with_dependents`).

    Raises
    ------
    EditRefusedError
        E247 for an item of a section that is not reviewed (documents).
    """
    def edit(root: Any) -> tuple[list, list]:
        _find(root, section, item_id)
        if section not in REVIEWABLE_SECTIONS:
            raise EditRefusedError.coded("E247", field=section, why="only extracted items are rejected")
        return remove_with_dependents(root, section, item_id)

    (removed, updated), version = _reviewed(file, edit, expect=expect, action="reject", section=section,
                                            item_id=item_id)
    return Change("reject", section, item_id, version, removed, updated)


def edit_item(file: ModelFile, section: str, item_id: str, fields: dict[str, Any], expect: str | None) -> Change:
    """Change fields of an item; ``None`` removes an optional field.

    Raises
    ------
    EditRefusedError
        E247 for a field that cannot be edited, E245 when the result is not a valid item or model.
    """
    def edit(root: Any) -> None:
        item = _find(root, section, item_id)
        if section not in EDITABLE_SECTIONS:
            raise EditRefusedError.coded("E247", field=section, why="documents are not edited here")
        item_class = SECTIONS[section]
        for name in fields:
            if name in _FIXED_FIELDS:
                raise EditRefusedError.coded("E247", field=name, why=_FIXED_FIELDS[name])
            if name not in item_class.model_fields:
                raise EditRefusedError.coded("E247", field=name, why=f"a {section} item has no such field")
        if not fields:
            raise EditRefusedError.coded("E247", field="(none)", why="the edit names no field")
        wanted = {key: value for key, value in {**_plain(item), **fields}.items() if value is not None}
        try:
            valid = item_class.model_validate(wanted).model_dump(mode="json")
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
            raise EditRefusedError.coded("E245", reason=reasons) from exc
        for name, value in fields.items():
            if value is None:
                item.pop(name, None)
            else:
                _set_before_evidence(item, name, valid[name])

    _, version = _reviewed(file, edit, expect=expect, action="edit", section=section, item_id=item_id)
    return Change("edit", section, item_id, version)


def add_items(file: ModelFile, items: dict[str, list[dict[str, Any]]], expect: str | None, *,
              action: str = "draft", about: str | None = None) -> Change:
    """Append new items (plain dicts in the model format) to their sections, as one change undo takes back.

    ``items`` may hold ``documents`` too (a document added from the corpus, with the items drafted from it).

    Raises
    ------
    EditRefusedError
        E247 for a section that is not reviewed, E245 when an id is taken or the result is not a valid model.
    """
    def edit(root: Any) -> list[tuple[str, str]]:
        added: list[tuple[str, str]] = []
        for section, entries in items.items():
            if section not in (*REVIEWABLE_SECTIONS, "documents"):
                raise EditRefusedError.coded("E247", field=section, why="drafting adds reviewable items")
            if entries and root.get(section) is None:
                root[section] = []
            for entry in entries:
                root[section].append(entry)
                added.append((section, str(entry.get("id"))))
        return added

    added, version = _reviewed(file, edit, expect=expect, action=action, section="documents", item_id=about)
    return Change(action, "documents", about, version, updated=added)


def resolve_forecast(path: str | Path, forecast_id: str, resolution: Resolution) -> Model:
    """Record ``resolution`` on forecast ``forecast_id`` in the model file at ``path``.

    The file is rewritten only if the result is a valid model; comments, key order and
    quoting elsewhere in a YAML file are kept. Returns the updated model.

    Raises
    ------
    UnknownIdError
        If the model has no forecast with that id.
    ModelValidationError
        If the file, or the file with the resolution, has errors (nothing is written then).
    """
    def edit(root: Any) -> None:
        forecasts = root.get("forecasts") if isinstance(root, dict) else None
        entries = [item for item in forecasts or [] if isinstance(item, dict)]
        matches = [item for item in entries if item.get("id") == forecast_id]
        if not matches:
            known = ", ".join(str(item.get("id")) for item in entries) or "(none)"
            raise UnknownIdError(Errors.E024.format(kind="forecast", id=forecast_id, known=known))
        entry = CommentedMap(
            (key, value) for key, value in resolution.model_dump(mode="json").items() if value is not None)
        _set_before_evidence(matches[0], "resolution", entry)

    _, model, _version = ModelFile(path).change(edit)
    return model


def add_scenario(file: ModelFile, scenario: Scenario, *, expect: str | None = UNCHECKED,
                 record: str | None = None) -> Model:
    """Keep ``scenario`` in the model file (after the others), refused if its id is taken or it names an unknown
    concept or scenario (nothing is written then).

    Raises
    ------
    EditRefusedError
        E245 with the reason (a taken id is E011, an unknown concept E012).
    """
    def edit(root: Any) -> None:
        if root.get("scenarios") is None:
            root["scenarios"] = []
        root["scenarios"].append(CommentedMap(scenario.model_dump(mode="json", exclude_none=True,
                                                                  exclude_defaults=True) | {"id": scenario.id}))

    try:
        _, model, _version = file.change(edit, expect=expect, record=record, section="scenarios",
                                         item_id=scenario.id)
    except ModelValidationError as exc:
        reasons = "; ".join(str(problem) for problem in exc.problems[:3]) or "unreadable"
        raise EditRefusedError.coded("E245", reason=reasons) from exc
    return model


def save_scenario(file: ModelFile, name: str, clamps: dict[str, float], expect: str | None, *,
                  scenario_id: str | None = None, description: str | None = None) -> Change:
    """Keep ``clamps`` (concept id -> value held) as a new scenario called ``name``, as one change undo takes
    back: the web scenario page's "save". Its id is ``scenario_id``, else one made from ``name`` that the model
    does not use yet (:func:`new_item_id`).

    Raises
    ------
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version, checked before anything else.
    EditRefusedError
        E245 when the scenario is not valid, its id is taken or it clamps a concept the model lacks (nothing is
        written then).
    """
    _check_first(file, expect)
    model, _version = file.load_versioned()
    scenario_id = scenario_id or new_item_id(model, "scenarios", name)
    try:
        scenario = Scenario(id=scenario_id, name=name, description=description, clamps=clamps)
    except ValueError as exc:
        raise EditRefusedError.coded("E245", reason=str(exc).splitlines()[0]) from exc
    add_scenario(file, scenario, expect=expect, record="save scenario")
    return Change("save scenario", "scenarios", scenario.id, file.version())


def remove_scenario(file: ModelFile, scenario_id: str, *, expect: str | None = UNCHECKED,
                    record: str | None = None) -> Model:
    """Remove a scenario from the model file; a scenario that extends it forgets the base (its own clamps stay).

    Raises
    ------
    UnknownIdError
        E242 when the model has no such scenario.
    """
    _, model, _version = file.change(lambda root: remove_with_dependents(root, "scenarios", scenario_id),
                                     expect=expect, record=record, section="scenarios", item_id=scenario_id)
    return model


# --- merging two items into one -------------------------------------------------------------------------------
#: Free-text fields a merged item's copy fills when the kept item lacks them.
_FILLED_FIELDS = {"actors": ("role", "affiliation", "description"), "concepts": ("description", "activation")}
#: Where a merge can make an item point from the kept item to itself: section -> the two fields.
_ENDS = {"actors": ("relations", "source", "target"), "concepts": ("causal_links", "cause", "effect")}


def _kind(section: str) -> str:
    return section.rstrip("s").replace("_", " ")


def _append_new(target: Any, values: Iterable[Any], *, unlike: Iterable[str] = ()) -> None:
    """Append to a list the values it lacks (text compared case-blind, and never one of ``unlike``)."""
    seen = {str(value).casefold() for value in (*target, *unlike)}
    for value in values:
        if str(value).casefold() not in seen:
            target.append(value)
            seen.add(str(value).casefold())


def _rename_references(root: Any, section: str, kept: str, merged: str) -> list[tuple[str, str]]:
    """Point every reference to ``merged`` at ``kept`` instead (the rows of the reference table); return the
    items changed. A list that named both keeps one; a mapping keyed by both keeps one value (E260 if they
    differ)."""
    changed: list[tuple[str, str]] = []
    for ref in REFERENCES:
        if ref.target != section:
            continue
        for item in root.get(ref.section) or []:
            value = item.get(ref.field) if isinstance(item, dict) else None
            touched = False
            if ref.shape == "one" and value == merged:
                item[ref.field] = kept
                touched = True
            elif ref.shape == "many" and isinstance(value, list) and merged in value:
                for i in range(len(value) - 1, -1, -1):
                    if value[i] == merged:
                        if kept in value:
                            del value[i]
                        else:
                            value[i] = kept
                touched = True
            elif ref.shape == "keys" and isinstance(value, dict) and merged in value:
                moved = value[merged]
                if kept in value:
                    if value[kept] != moved:
                        raise EditRefusedError.coded("E260", scenario=item.get("id"), kept=kept, merged=merged,
                                                     first=value[kept], second=moved)
                    del value[merged]
                elif isinstance(value, CommentedMap):
                    position = list(value.keys()).index(merged)
                    del value[merged]
                    value.insert(position, kept, moved)
                else:
                    value[kept] = value.pop(merged)
                touched = True
            key = (ref.section, str(item.get("id")))
            if touched and key not in changed:
                changed.append(key)
    return changed


def _refuse_loops_and_twins(root: Any, section: str, kept: str, merged: str, changed: list[tuple[str, str]]) -> None:
    """E258 when a changed relation or link now runs from the kept item to itself, E259 when it now duplicates
    another (same ends, and for relations the same type and period; links that record each other in
    ``contradicts`` are a disagreement the model keeps, not a duplicate)."""
    where, start, end = _ENDS[section]
    entries = [item for item in root.get(where) or [] if isinstance(item, dict)]
    touched = {item_id for s, item_id in changed if s == where}
    for item in entries:
        if item.get("id") in touched and item.get(start) == item.get(end) == kept:
            raise EditRefusedError.coded("E258", merged=merged, kept=kept, kind=_kind(where), item=item.get("id"))

    def ends(item: dict) -> tuple:
        base = (item.get(start), item.get(end))
        return base + ((item.get("type"), str(item.get("valid_from")), str(item.get("valid_to")))
                       if where == "relations" else ())

    first_of: dict[tuple, dict] = {}
    for item in entries:
        key = ends(item)
        other = first_of.setdefault(key, item)
        if other is item or not {item.get("id"), other.get("id")} & touched:
            continue
        disputed = other.get("id") in (item.get("contradicts") or []) or item.get("id") in (
            other.get("contradicts") or [])
        if not disputed:
            names = _root_names(root)
            link = f"{names.get(key[0], key[0])} → {names.get(key[1], key[1])}"
            raise EditRefusedError.coded("E259", merged=merged, kept=kept, kind=_kind(where), first=other.get("id"),
                                         second=item.get("id"), link=link)


def _root_names(root: Any) -> dict[str, str]:
    """Display names of the actors and concepts of a model tree, by id."""
    names = {str(a.get("id")): str(a.get("name")) for a in root.get("actors") or [] if isinstance(a, dict)}
    names.update({str(c.get("id")): str(c.get("label")) for c in root.get("concepts") or [] if isinstance(c, dict)})
    return names


def merge_items(file: ModelFile, section: str, kept_id: str, merged_id: str, expect: str | None) -> Change:
    """Merge item ``merged_id`` into ``kept_id`` (two actors, or two concepts, that are one): every reference to
    the merged item moves to the kept one (relations, links, participants, subjects, scenarios …, as the table of
    :mod:`realpolitik.model.references` says), its evidence, names (as aliases or terms) and the free-text fields
    the kept item lacks move too, and the merged item goes. One change, undone as a whole.

    Raises
    ------
    EditRefusedError
        E256 for a section other than actors and concepts, E257 for an item merged with itself, E258 when a
        relation or link would run from the kept item to itself, E259 when two would become the same link, E260
        when a scenario holds both at different values, E245 when the result is not a valid model.
    UnknownIdError
        E242 when either item is not in the model.
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version, checked before anything else.
    """
    _check_first(file, expect)
    if section not in MERGEABLE_SECTIONS:
        raise EditRefusedError.coded("E256", section=section)

    def edit(root: Any) -> list[tuple[str, str]]:
        kept, merged = _find(root, section, kept_id), _find(root, section, merged_id)
        if kept_id == merged_id:
            raise EditRefusedError.coded("E257", id=kept_id, kind=_kind(section))
        if merged.get("evidence"):
            if kept.get("evidence") is None:
                _set_before_evidence(kept, "evidence", [])
            spans = {(e.get("document"), e.get("start"), e.get("end")) for e in kept["evidence"]}
            for evidence in merged["evidence"]:
                if (evidence.get("document"), evidence.get("start"), evidence.get("end")) not in spans:
                    kept["evidence"].append(evidence)
        names_field, own_name = ("aliases", "name") if section == "actors" else ("terms", "label")
        new_names = [merged.get(own_name), *(merged.get(names_field) or [])]
        new_names = [name for name in new_names if name]
        if new_names:
            if kept.get(names_field) is None:
                _set_before_evidence(kept, names_field, [])
            _append_new(kept[names_field], new_names, unlike=[str(kept.get(own_name) or "")])
        for name in _FILLED_FIELDS[section]:
            person_only = name in ("role", "affiliation") and kept.get("kind") != "person"
            if merged.get(name) is not None and kept.get(name) is None and not person_only:
                _set_before_evidence(kept, name, merged[name])
        entries = root[section]
        del entries[next(i for i, item in enumerate(entries) if item is merged)]
        changed = _rename_references(root, section, kept_id, merged_id)
        if section == "actors" and kept.get("affiliation") == kept_id:  # a person merged into the actor it served
            del kept["affiliation"]
        _refuse_loops_and_twins(root, section, kept_id, merged_id, changed)
        return [key for key in changed if key != (section, kept_id)]

    changed, version = _reviewed(file, edit, expect=expect, action="merge", section=section, item_id=kept_id)
    return Change("merge", section, kept_id, version, removed=[(section, merged_id)], updated=changed)


# --- reviewing many items at once -----------------------------------------------------------------------------
def _matching(tree: Any, *, sections: Iterable[str] | None, ids: Iterable[tuple[str, str]] | None,
              confidence_below: float | None, confidence_at_least: float | None,
              include_curated: bool) -> list[tuple[str, str]]:
    for value in (confidence_below, confidence_at_least):
        if value is not None and not 0.0 <= value <= 1.0:
            raise EditRefusedError.coded("E263", value=value)
    chosen_sections = list(REVIEWABLE_SECTIONS if sections is None else sections)
    for section in chosen_sections:
        if section not in REVIEWABLE_SECTIONS:
            raise UnknownIdError(Errors.E241.format(section=section, known=", ".join(REVIEWABLE_SECTIONS)))
    wanted = None if ids is None else [(str(s), str(i)) for s, i in ids]
    present = {(section, str(item.get("id"))) for section in REVIEWABLE_SECTIONS
               for item in tree.get(section) or [] if isinstance(item, dict)}
    for section, item_id in wanted or []:
        if section not in REVIEWABLE_SECTIONS:
            raise UnknownIdError(Errors.E241.format(section=section, known=", ".join(REVIEWABLE_SECTIONS)))
        if (section, item_id) not in present:
            raise UnknownIdError(Errors.E242.format(kind=_kind(section), id=item_id))
    chosen: list[tuple[str, str]] = []
    for section in chosen_sections:
        confidence_field = SECTIONS[section].model_fields.get("confidence")
        for item in tree.get(section) or []:
            if not isinstance(item, dict):
                continue
            key = (section, str(item.get("id")))
            if wanted is not None and key not in wanted:
                continue
            if item.get("review") != "proposed" and not include_curated:
                continue
            if confidence_below is not None or confidence_at_least is not None:
                if confidence_field is None:
                    continue
                confidence = item.get("confidence", confidence_field.default)
                if confidence_below is not None and not confidence < confidence_below:
                    continue
                if confidence_at_least is not None and not confidence >= confidence_at_least:
                    continue
            chosen.append(key)
    return chosen


def select_items(model: Model, *, sections: Iterable[str] | None = None, ids: Iterable[tuple[str, str]] | None = None,
                 confidence_below: float | None = None, confidence_at_least: float | None = None,
                 include_curated: bool = False) -> list[tuple[str, str]]:
    """The ``(section, id)`` of the items a bulk review would act on, in file order: proposed items (curated and
    accepted ones too with ``include_curated``) of ``sections`` (every reviewed section by default), among
    ``ids`` when given, and with a confidence below or at least a threshold when one is given (then only items
    that have a confidence, the causal links, are chosen).

    Raises
    ------
    UnknownIdError
        E241 for a section that is not reviewed, E242 for an id the model lacks.
    EditRefusedError
        E263 for a threshold outside 0..1.

    Examples
    --------
    >>> from realpolitik.model.schema import CausalLink, Concept
    >>> m = Model(title="t", concepts=[Concept(id="a", label="A"), Concept(id="b", label="B")],
    ...           causal_links=[CausalLink(id="weak", cause="a", effect="b", weight=0.2, confidence=0.3,
    ...                                    review="proposed"),
    ...                         CausalLink(id="firm", cause="b", effect="a", weight=0.6, confidence=0.9,
    ...                                    review="proposed")])
    >>> select_items(m, confidence_below=0.5)
    [('causal_links', 'weak')]
    """
    return _matching(model.model_dump(mode="json"), sections=sections, ids=ids, confidence_below=confidence_below,
                     confidence_at_least=confidence_at_least, include_curated=include_curated)


def bulk_review(file: ModelFile, action: str, expect: str | None, *, sections: Iterable[str] | None = None,
                ids: Iterable[tuple[str, str]] | None = None, confidence_below: float | None = None,
                confidence_at_least: float | None = None, include_curated: bool = False) -> Change:
    """Accept or reject at once every item :func:`select_items` chooses, as one change undo takes back whole.

    A rejection removes what cannot stand without the rejected items too, as :func:`reject_item` does; the
    answer's ``removed`` lists every item that went, ``updated`` those accepted or left naming fewer items.

    Raises
    ------
    EditRefusedError
        E262 for an action other than accept and reject, E261 when the selection is empty, E263 for a threshold
        outside 0..1, E245 when the result is not a valid model.
    UnknownIdError
        E241 or E242 for a section or an id the model lacks.
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version, checked before anything else.
    """
    _check_first(file, expect)
    if action not in BULK_ACTIONS:
        raise EditRefusedError.coded("E262", action=action)
    ids = None if ids is None else list(ids)
    sections = None if sections is None else list(sections)

    def edit(root: Any) -> tuple[list, list]:
        chosen = _matching(root, sections=sections, ids=ids, confidence_below=confidence_below,
                           confidence_at_least=confidence_at_least, include_curated=include_curated)
        if not chosen:
            raise EditRefusedError.coded("E261", action=action, why="no item matches the selection"
                                         + ("" if include_curated else " among the proposed items"))
        if action == "accept":
            accepted = list(chosen)
            for section, item_id in chosen:
                accepted += [key for key in _accept(root, section, item_id) if key not in accepted]
            return [], accepted
        removed: list[tuple[str, str]] = []
        updated: list[tuple[str, str]] = []
        for key in chosen:
            if key in removed:  # gone already with an item it depended on
                continue
            gone, changed = remove_with_dependents(root, *key)
            removed += [key, *gone]
            updated += [entry for entry in changed if entry not in updated]
        return removed, [entry for entry in updated if entry not in removed]

    (removed, updated), version = _reviewed(file, edit, expect=expect, action=f"bulk {action}", section=None,
                                            item_id=None)
    return Change(f"bulk {action}", None, None, version, removed, updated)


# --- adding an item from a text selection ---------------------------------------------------------------------
#: The field each section's new item is named by, from which its id is made.
_NAMING_FIELD = {"actors": "name", "concepts": "label", "events": "description", "forecasts": "statement",
                 "relations": None, "causal_links": None}


def new_item_id(model: Model | Any, section: str, base: str) -> str:
    """An id for a new item of ``section`` made from ``base`` (its name or label), free in ``model`` (a
    :class:`Model` or a model tree): lower-case words joined by ``_``, with ``_2``, ``_3`` … when taken.

    Examples
    --------
    >>> new_item_id(Model(title="t", scenarios=[Scenario(id="aid_cut", name="Aid cut")]), "scenarios", "Aid cut!")
    'aid_cut_2'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", base.casefold()).strip("_")[:60].strip("_") or _kind(section).replace(" ", "_")
    items = model.get(section) if isinstance(model, dict) else getattr(model, section)
    taken = {str(item.get("id") if isinstance(item, dict) else item.id) for item in items or []}
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}_{number}", number + 1
    return candidate


def _item_base(section: str, fields: dict[str, Any]) -> str:
    naming = _NAMING_FIELD.get(section)
    if naming:
        return " ".join(str(fields.get(naming) or "").split()[:6])
    if section == "relations":
        return f"{fields.get('source')}_{fields.get('type')}_{fields.get('target')}"
    return f"{fields.get('cause')}_to_{fields.get('effect')}"


def add_from_selection(file: ModelFile, section: str, fields: dict[str, Any], evidence: Evidence, text: str | None,
                       expect: str | None, *, new_concepts: dict[str, dict[str, Any]] | None = None) -> Change:
    """Add one item an analyst marked in a document: ``fields`` in the model format (no id: one is made from its
    name), with ``evidence`` (the selected span of ``text``, the document's normalised text, and the analyst's
    paraphrase) as its evidence. A causal link may create its cause or effect: ``new_concepts`` maps the field
    (``"cause"``, ``"effect"``) to the new concept's fields (a ``label`` at least); the concept gets an id made
    from its label and the same evidence. One change, undone as a whole; the new items carry no review mark, as
    items curated by hand do. ``text`` is None when the document's text is not at hand: nothing can be marked then.

    Raises
    ------
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version, checked before anything else.
    EditRefusedError
        E250 when the text is not at hand, E264 when the span lies outside the text, E265 for an empty selection
        or a new concept without a label, E247 for a section that is not reviewed or a field that is set here,
        E245 when the item or the model is not valid.
    """
    _check_first(file, expect)
    if text is None:
        raise EditRefusedError.coded("E250", id=evidence.document[:12] + "…")
    if section not in REVIEWABLE_SECTIONS:
        raise EditRefusedError.coded("E247", field=section, why="only reviewable items are added from a text")
    if not 0 <= evidence.start < evidence.end <= len(text):
        raise EditRefusedError.coded("E264", start=evidence.start, end=evidence.end,
                                     document=evidence.document[:12] + "…", length=len(text))
    if not text[evidence.start:evidence.end].strip():
        raise EditRefusedError.coded("E265", what="selection", need="some text, not only spaces")
    for name in ("id", "evidence", "review"):
        if name in fields:
            raise EditRefusedError.coded("E247", field=name, why=_FIXED_FIELDS[name])
    new_concepts = dict(new_concepts or {})
    for name, concept in new_concepts.items():
        if section != "causal_links" or name not in ("cause", "effect"):
            raise EditRefusedError.coded("E247", field=name, why="only a causal link's cause or effect is created")
        if not str(concept.get("label") or "").strip():
            raise EditRefusedError.coded("E265", what=f"new {name} concept", need="a label")
    span = evidence.model_dump(mode="json")

    def validated(item_section: str, item: dict[str, Any]) -> dict[str, Any]:
        try:
            SECTIONS[item_section].model_validate(item)
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
            raise EditRefusedError.coded("E245", reason=reasons) from exc
        return item

    def append(root: Any, item_section: str, base: str, values: dict[str, Any]) -> str:
        entry = {"id": new_item_id(root, item_section, base),
                 **{k: v for k, v in values.items() if v not in (None, "", [])}, "evidence": [dict(span)]}
        if root.get(item_section) is None:
            root[item_section] = []
        root[item_section].append(validated(item_section, entry))
        return entry["id"]

    def edit(root: Any) -> list[tuple[str, str]]:
        values = dict(fields)
        created: list[tuple[str, str]] = []
        for name, concept in new_concepts.items():
            values[name] = append(root, "concepts", str(concept["label"]), concept)
            created.append(("concepts", values[name]))
        return [(section, append(root, section, _item_base(section, values), values)), *created]

    added, version = _reviewed(file, edit, expect=expect, action="add", section=section, item_id=None)
    return Change("add", section, added[0][1], version, updated=added[1:])
