"""Changing a model file by hand without losing the curator's comments and layout.

The review actions (accept, reject, edit fields, add drafted items) and the resolution of a forecast, each made
on the file's round-trip tree through :meth:`ModelFile.change <realpolitik.model.file.ModelFile.change>`, so
nothing is written unless the result is a valid model. The CLI and the web app call these; neither edits a
model tree itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from realpolitik.errors import EditRefusedError, Errors, ModelValidationError, UnknownIdError
from realpolitik.model.file import UNCHECKED, Change, ModelFile
from realpolitik.model.references import remove_with_dependents
from realpolitik.model.schema import SECTIONS, Model, Resolution, Scenario

__all__ = [
    "EDITABLE_SECTIONS",
    "REVIEWABLE_SECTIONS",
    "accept_item",
    "add_items",
    "add_scenario",
    "edit_item",
    "reject_item",
    "remove_scenario",
    "resolve_forecast",
]

#: Sections whose items are reviewed against their documents (accepted, edited, rejected).
REVIEWABLE_SECTIONS = ("actors", "relations", "events", "concepts", "causal_links", "forecasts")
#: Sections whose items can be edited field by field.
EDITABLE_SECTIONS = (*REVIEWABLE_SECTIONS, "scenarios")
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


def accept_item(file: ModelFile, section: str, item_id: str, expect: str | None) -> Change:
    """Mark an item ``review: accepted`` (curated items too: the mark records that someone checked it)."""
    def edit(root: Any) -> None:
        _set_before_evidence(_find(root, section, item_id), "review", "accepted")

    _, version = _reviewed(file, edit, expect=expect, action="accept", section=section, item_id=item_id)
    return Change("accept", section, item_id, version)


def reject_item(file: ModelFile, section: str, item_id: str, expect: str | None) -> Change:
    """Remove an item, and what cannot stand without it
    (see :func:`~realpolitik.model.references.remove_with_dependents`).

    Raises
    ------
    EditRefusedError
        E247 for an item of a section that is not reviewed (documents, scenarios).
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
