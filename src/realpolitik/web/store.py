"""The model file behind the web app: versions, review actions (accept, edit, reject) and undo.

Every change is made on the file's round-trip YAML tree, so the curator's comments and layout
survive; the new text is checked as a whole model before it replaces the file (temporary file,
then rename).  The file's version is a hash of its bytes, so a change made by another tab, or by
an editor outside the app, is noticed the same way.  Each change first copies the file as it was
into a history folder beside it; undo puts the newest copy back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from realpolitik.corpus.text import read_bytes_checked
from realpolitik.errors import Errors, InputFileError, ModelValidationError, RealpolitikError, UnknownIdError
from realpolitik.model import SECTIONS, Model, check_model, parse_model
from realpolitik.model.io import model_size_limit

__all__ = [
    "EDITABLE_SECTIONS",
    "REVIEWABLE_SECTIONS",
    "Change",
    "EditRefusedError",
    "ModelStore",
    "VersionConflictError",
    "file_version",
    "reject_references",
]

#: Sections whose items the document view lists for review.
REVIEWABLE_SECTIONS = ("actors", "relations", "events", "concepts", "causal_links", "forecasts")
#: Sections whose items can be edited field by field (scenarios too: the scenario page does not edit them yet).
EDITABLE_SECTIONS = (*REVIEWABLE_SECTIONS, "scenarios")
#: Fields an edit may not touch: the id (other items point to it), the evidence (spans are made by the
#: extractor or by hand in the file) and the review state (accept and reject set it).
_FIXED_FIELDS = ("id", "evidence", "review")


class VersionConflictError(RealpolitikError):
    """The file changed since the client read it (HTTP 409), or the client sent no version (HTTP 428)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class EditRefusedError(RealpolitikError):
    """A change would leave the model invalid, or touches what cannot be changed; nothing is written."""


def file_version(data: bytes) -> str:
    """The version of a model file: the first 16 hex digits of the sha256 of its bytes.

    Examples
    --------
    >>> file_version(b"title: t\\n")
    'f81b9dc885f47a0f'
    >>> file_version(b"title: t\\n") == hashlib.sha256(b"title: t\\n").hexdigest()[:16]
    True
    """
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class Change:
    """What one action did: the new version, and the items it removed or updated besides its own."""

    action: str
    section: str | None
    item_id: str | None
    version: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _plain(node: Any) -> Any:
    """Round-trip containers to plain dicts and lists (JSON does the conversion, and drops ruamel's types)."""
    return json.loads(json.dumps(node, default=str))


def reject_references(root: dict, section: str, item_id: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Remove ``item_id`` from ``section`` of a model tree, with what cannot stand without it.

    An actor takes its relations with it, and leaves the events, forecasts and people that name it;
    a concept takes its causal links with it, and leaves the forecasts and scenarios that name it; a
    causal link leaves the ``contradicts`` lists of the others.  Relations, events and forecasts are
    named by nothing, so they go alone.

    Returns
    -------
    (removed, updated)
        ``(section, id)`` of the other items removed and of those changed.

    Examples
    --------
    >>> tree = {"actors": [{"id": "a"}, {"id": "b"}],
    ...         "relations": [{"id": "r", "source": "a", "target": "b"}],
    ...         "events": [{"id": "e", "participants": ["a", "b"]}]}
    >>> reject_references(tree, "actors", "a")
    ([('relations', 'r')], [('events', 'e')])
    >>> tree["actors"], tree["events"][0]["participants"]
    ([{'id': 'b'}], ['b'])
    """
    items = root.get(section) or []
    index = next((i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == item_id), None)
    if index is None:
        raise UnknownIdError(Errors.E242.format(kind=section.rstrip("s").replace("_", " "), id=item_id))
    del items[index]
    removed: list[tuple[str, str]] = []
    updated: list[tuple[str, str]] = []

    def drop_items(other: str, keys: tuple[str, ...]) -> None:
        entries = root.get(other) or []
        for i in range(len(entries) - 1, -1, -1):
            if isinstance(entries[i], dict) and any(entries[i].get(key) == item_id for key in keys):
                removed.append((other, str(entries[i].get("id"))))
                del entries[i]

    def drop_from_lists(other: str, key: str) -> None:
        for entry in root.get(other) or []:
            values = entry.get(key) if isinstance(entry, dict) else None
            if isinstance(values, list) and item_id in values:
                while item_id in values:
                    values.remove(item_id)
                updated.append((other, str(entry.get("id"))))

    def drop_keys(other: str, key: str) -> None:
        for entry in root.get(other) or []:
            mapping = entry.get(key) if isinstance(entry, dict) else None
            if isinstance(mapping, dict) and item_id in mapping:
                del mapping[item_id]
                if (other, str(entry.get("id"))) not in updated:
                    updated.append((other, str(entry.get("id"))))

    if section == "actors":
        drop_items("relations", ("source", "target"))
        drop_from_lists("events", "participants")
        drop_from_lists("forecasts", "subjects")
        for entry in root.get("actors") or []:
            if isinstance(entry, dict) and entry.get("affiliation") == item_id:
                del entry["affiliation"]
                updated.append(("actors", str(entry.get("id"))))
    elif section == "concepts":
        drop_items("causal_links", ("cause", "effect"))
        drop_from_lists("forecasts", "concepts")
        drop_keys("scenarios", "clamps")
        drop_keys("scenarios", "expected")
    if section in ("concepts", "causal_links"):
        gone = {item_id} | {other_id for other, other_id in removed if other == "causal_links"}
        for entry in root.get("causal_links") or []:
            values = entry.get("contradicts") if isinstance(entry, dict) else None
            if isinstance(values, list) and gone & set(values):
                for value in gone & set(values):
                    values.remove(value)
                updated.append(("causal_links", str(entry.get("id"))))
    return removed, updated


class ModelStore:
    """One model file, read and changed by the web app.

    Parameters
    ----------
    path
        The model file (YAML or JSON); it is rewritten by every change.
    history
        Folder for the copies undo restores; by default ``.<file name>.history`` beside the file.
    """

    def __init__(self, path: str | Path, *, history: str | Path | None = None) -> None:
        self.path = Path(path)
        self.history = Path(history) if history is not None else self.path.with_name(f".{self.path.name}.history")
        self._lock = threading.RLock()
        self._cache: tuple[str, Model] | None = None

    # reading -----------------------------------------------------------------------------------------------
    def _read_bytes(self) -> bytes:
        return read_bytes_checked(self.path, limit=model_size_limit(self.path))

    def version(self) -> str:
        """The version of the file as it is now."""
        return file_version(self._read_bytes())

    def load(self) -> tuple[Model, str]:
        """The model and its version; the model is parsed again only when the file changed.

        Raises
        ------
        ModelValidationError
            If the file (perhaps changed outside the app) is not a valid model.
        """
        with self._lock:
            data = self._read_bytes()
            version = file_version(data)
            if self._cache is not None and self._cache[0] == version:
                return self._cache[1], version
            model = self._parse(data.decode("utf-8-sig"))
            self._cache = (version, model)
            return model, version

    def _parse(self, text: str) -> Model:
        model, problems, lines = parse_model(text, file=str(self.path))
        if model is not None and not problems:
            problems = [p for p in check_model(model, file=str(self.path), lines=lines) if p.severity == "error"]
        if model is None or problems:
            raise ModelValidationError(problems)
        return model

    # versions ----------------------------------------------------------------------------------------------
    def check_version(self, given: str | None) -> str:
        """Raise unless ``given`` is the file's current version; return it.

        Raises
        ------
        VersionConflictError
            E244 when no version was given, E243 when it is not the current one.
        """
        current = self.version()
        if not given:
            raise VersionConflictError(Errors.E244, missing=True)
        if given != current:
            raise VersionConflictError(Errors.E243.format(given=given, current=current))
        return current

    # history -----------------------------------------------------------------------------------------------
    def _log_path(self) -> Path:
        return self.history / "log.json"

    def history_entries(self) -> list[dict[str, Any]]:
        """The changes undo can take back, oldest first: ``action``, ``section``, ``id``, ``at``, ``file``."""
        try:
            entries = json.loads(self._log_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [entry for entry in entries
                if isinstance(entry, dict) and (self.history / str(entry.get("file"))).is_file()]

    def _record(self, before: bytes, action: str, section: str | None, item_id: str | None) -> None:
        self.history.mkdir(parents=True, exist_ok=True)
        entries = self.history_entries()
        number = max((int(str(e["file"]).split(".")[0]) for e in entries), default=0) + 1
        name = f"{number:06d}{self.path.suffix or '.yaml'}"
        (self.history / name).write_bytes(before)
        entries.append({"file": name, "action": action, "section": section, "id": item_id,
                        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                        "version_before": file_version(before)})
        _atomic_write(self._log_path(), json.dumps(entries, indent=1).encode("utf-8"))

    # changing ----------------------------------------------------------------------------------------------
    def _tree(self, data: bytes) -> Any:
        text = data.decode("utf-8-sig")
        if self.path.suffix.lower() == ".json":
            return json.loads(text)
        return _yaml().load(text)

    def _dump(self, root: Any) -> str:
        if self.path.suffix.lower() == ".json":
            return json.dumps(root, indent=2, ensure_ascii=False) + "\n"
        buffer = io.StringIO()
        _yaml().dump(root, buffer)
        return buffer.getvalue()

    def _commit(self, before: bytes, root: Any, action: str, section: str | None, item_id: str | None) -> str:
        text = self._dump(root)
        try:
            model = self._parse(text)
        except ModelValidationError as exc:
            reasons = "; ".join(str(problem) for problem in exc.problems[:3]) or "unreadable"
            raise EditRefusedError(Errors.E245.format(reason=reasons)) from exc
        data = text.encode("utf-8")
        self._record(before, action, section, item_id)
        _atomic_write(self.path, data)
        version = file_version(data)
        self._cache = (version, model)
        return version

    def _find(self, root: Any, section: str, item_id: str) -> dict:
        if section not in SECTIONS or section == "documents":
            known = ", ".join(EDITABLE_SECTIONS)
            raise UnknownIdError(Errors.E241.format(section=section, known=known))
        for item in (root.get(section) if isinstance(root, dict) else None) or []:
            if isinstance(item, dict) and item.get("id") == item_id:
                return item
        raise UnknownIdError(Errors.E242.format(kind=section.rstrip("s").replace("_", " "), id=item_id))

    def accept(self, section: str, item_id: str, version: str | None) -> Change:
        """Mark an item ``review: accepted`` (curated items too: the mark records that someone checked it)."""
        with self._lock:
            self.check_version(version)
            before = self._read_bytes()
            root = self._tree(before)
            item = self._find(root, section, item_id)
            _set_before_evidence(item, "review", "accepted")
            return Change("accept", section, item_id, self._commit(before, root, "accept", section, item_id))

    def reject(self, section: str, item_id: str, version: str | None) -> Change:
        """Remove an item, and what cannot stand without it (see :func:`reject_references`)."""
        with self._lock:
            self.check_version(version)
            before = self._read_bytes()
            root = self._tree(before)
            self._find(root, section, item_id)
            if section not in REVIEWABLE_SECTIONS:
                raise EditRefusedError(Errors.E247.format(field=section, why="only extracted items are rejected"))
            removed, updated = reject_references(root, section, item_id)
            version = self._commit(before, root, "reject", section, item_id)
            return Change("reject", section, item_id, version, removed, updated)

    def edit(self, section: str, item_id: str, fields: dict[str, Any], version: str | None) -> Change:
        """Change fields of an item; ``None`` removes an optional field.

        Raises
        ------
        EditRefusedError
            E247 for a field that cannot be edited, E245 when the result is not a valid item or model.
        """
        with self._lock:
            self.check_version(version)
            before = self._read_bytes()
            root = self._tree(before)
            item = self._find(root, section, item_id)
            if section not in EDITABLE_SECTIONS:
                raise EditRefusedError(Errors.E247.format(field=section, why="documents are not edited here"))
            item_class = SECTIONS[section]
            for name in fields:
                if name in _FIXED_FIELDS:
                    raise EditRefusedError(Errors.E247.format(field=name, why=_WHY_FIXED[name]))
                if name not in item_class.model_fields:
                    raise EditRefusedError(Errors.E247.format(field=name, why=f"a {section} item has no such field"))
            if not fields:
                raise EditRefusedError(Errors.E247.format(field="(none)", why="the edit names no field"))
            wanted = {**_plain(item), **fields}
            wanted = {key: value for key, value in wanted.items() if value is not None}
            try:
                valid = item_class.model_validate(wanted).model_dump(mode="json")
            except ValidationError as exc:
                reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
                raise EditRefusedError(Errors.E245.format(reason=reasons)) from exc
            for name, value in fields.items():
                if value is None:
                    item.pop(name, None)
                else:
                    _set_before_evidence(item, name, valid[name])
            return Change("edit", section, item_id, self._commit(before, root, "edit", section, item_id))

    def add_items(self, items: dict[str, list[dict[str, Any]]], version: str | None, *, action: str = "draft",
                  about: str | None = None) -> Change:
        """Append new items (plain dicts in the model format) to their sections, as one change undo takes back.

        ``items`` may hold ``documents`` too (a document added from the corpus, with the items drafted from it).

        Raises
        ------
        EditRefusedError
            E245 when an id is taken or the model with the new items is not valid (nothing is written).
        """
        with self._lock:
            self.check_version(version)
            before = self._read_bytes()
            root = self._tree(before)
            added: list[tuple[str, str]] = []
            for section, entries in items.items():
                if section not in (*REVIEWABLE_SECTIONS, "documents"):
                    raise EditRefusedError(Errors.E247.format(field=section, why="drafting adds reviewable items"))
                if entries and root.get(section) is None:
                    root[section] = []
                for entry in entries:
                    root[section].append(entry)
                    added.append((section, str(entry.get("id"))))
            version = self._commit(before, root, action, "documents", about)
            return Change(action, "documents", about, version, updated=added)

    def undo(self, version: str | None) -> Change:
        """Put back the file as it was before the newest change.

        Raises
        ------
        EditRefusedError
            E246 when there is nothing to undo.
        """
        with self._lock:
            self.check_version(version)
            entries = self.history_entries()
            if not entries:
                raise EditRefusedError(Errors.E246)
            last = entries.pop()
            copy = self.history / str(last["file"])
            data = copy.read_bytes()
            _atomic_write(self.path, data)
            copy.unlink()
            _atomic_write(self._log_path(), json.dumps(entries, indent=1).encode("utf-8"))
            self._cache = None
            return Change(f"undo {last['action']}", last.get("section"), last.get("id"), file_version(data))


_WHY_FIXED = {
    "id": "other items point to it; reject the item and draft it again to rename it",
    "evidence": "spans are set by the extractor or in the model file",
    "review": "use accept or reject",
}


def _set_before_evidence(item: Any, key: str, value: Any) -> None:
    """Set ``key`` on a mapping, keeping ``evidence`` last where the format puts it."""
    if key in item or "evidence" not in item or not isinstance(item, CommentedMap):
        item[key] = value
    else:
        item.insert(list(item.keys()).index("evidence"), key, value)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InputFileError(Errors.E251.format(path=path, reason=exc.strerror or exc)) from exc
