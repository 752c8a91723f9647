"""The model format as text (YAML, or JSON which is YAML too): parsing with file lines, checking, dumping.

Each item is validated on its own, so one broken actor does not hide the problems of the rest of the file:
:func:`parse_model` returns every structural problem at once, each with its line, and a model of the items that
were valid. Files on disk are :mod:`realpolitik.model.file`'s business.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from realpolitik.errors import Errors, ModelValidationError
from realpolitik.files import StructureLimitError, load_json, strict_yaml
from realpolitik.model.checks import check_model
from realpolitik.model.problems import LineMap, Location, Problem
from realpolitik.model.schema import SECTIONS, Model

__all__ = ["check_text", "dump_model", "dump_tree", "parse_model", "parse_tree", "round_trip_yaml"]


def _plain(node: Any) -> Any:
    """Turn ruamel's commented containers and scalar subclasses into plain Python values."""
    if isinstance(node, dict):
        return {key if isinstance(key, int | float | bool) else str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node


def _pydantic_problems(exc: ValidationError, prefix: Location, file: str | None, lines: LineMap) -> list[Problem]:
    problems = []
    for error in exc.errors():
        path = prefix + tuple(error["loc"])
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown field (not part of the model format)"
        problems.append(Problem("E010", message, path=path, file=file, line=lines.line_of(path)))
    return problems


def parse_model(text: str, *, file: str | None = None) -> tuple[Model | None, list[Problem], LineMap | None]:
    """Parse model text and validate its structure item by item.

    Returns
    -------
    (model, problems, lines)
        ``model`` holds every valid item (``None`` if the file could not be parsed
        at all); ``problems`` lists every structural problem with its line;
        ``lines`` finds the line of any field path for later checks.
    """
    if text.lstrip().startswith("{"):
        try:
            return _validate_items(load_json(text), file, LineMap(text=text))
        except json.JSONDecodeError:
            pass  # not strict JSON; the YAML parser below reports where it breaks, or reads it
        except StructureLimitError as exc:
            return None, [Problem(exc.code or "E271", str(exc), file=file, line=exc.line)], None
    try:
        root = strict_yaml("rt").load(text)
    except StructureLimitError as exc:
        return None, [Problem(exc.code or "E270", str(exc), file=file, line=exc.line)], None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = (exc.problem or exc.context or "unreadable").strip()
        return None, [Problem("E006", Errors.E006.format(reason=reason), file=file, line=line)], None
    except YAMLError as exc:
        return None, [Problem("E006", Errors.E006.format(reason=str(exc).splitlines()[0]), file=file)], None
    except (TypeError, ValueError) as exc:  # ruamel's constructor on a list or mapping as a key ("? [a]: b")
        reason = f"a value the YAML reader cannot build ({type(exc).__name__}: {exc})"
        return None, [Problem("E006", Errors.E006.format(reason=reason), file=file)], None
    if root is None:
        empty = Problem("E002", "the file holds no model (it is empty or only comments)", file=file, line=1)
        return None, [empty], None
    if not isinstance(root, dict):
        found = type(root).__name__.replace("Commented", "").lower()
        return None, [Problem("E007", Errors.E007.format(found=found), file=file, line=1)], None

    return _validate_items(_plain(root), file, LineMap(root))


def _validate_items(data: Any, file: str | None, lines: LineMap) -> tuple[Model | None, list[Problem], LineMap]:
    if not isinstance(data, dict):
        found = "list" if isinstance(data, list) else type(data).__name__
        return None, [Problem("E007", Errors.E007.format(found=found), file=file, line=1)], lines
    problems: list[Problem] = []
    sections: dict[str, list] = {}
    for name, item_class in SECTIONS.items():
        raw_items = data.pop(name, None) or []
        if not isinstance(raw_items, list):
            problems.append(Problem("E010", "must be a list", path=(name,), file=file, line=lines.line_of((name,))))
            continue
        valid = []
        for index, raw in enumerate(raw_items):
            try:
                valid.append(item_class.model_validate(raw))
            except ValidationError as exc:
                problems.extend(_pydantic_problems(exc, (name, index), file, lines))
        sections[name] = valid
    try:
        header = Model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, (), file, lines))
        header = Model.model_construct(title=str(data.get("title") or "(untitled)"))
    return header.model_copy(update=sections), problems, lines


def _clean(value: Any) -> Any:
    """Drop ``None`` and empty containers so that saved files stay short."""
    if isinstance(value, dict):
        cleaned = {key: _clean(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item is not None and item != [] and item != {}}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


#: Strings safe to write unquoted inside a one-line ``[a, b]`` list; anything else makes the list block style.
_FLOW_SAFE = re.compile(r"^[^\W_][^\[\]{},#&*!|>\"%@`?:\n]*$")


def _is_scalar(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_FLOW_SAFE.match(value)) and value == value.strip()
    return isinstance(value, (int, float, bool))


def _compact(value: Any) -> Any:
    """Mark short scalar lists (aliases, ids) and numeric maps (clamps) for one-line flow style.

    Block style for everything makes a curated model several times longer and
    harder to scan; one-line lists are what analysts write by hand.
    """
    if isinstance(value, dict):
        # Evidence goes last so that each item reads as "what it is", then "where it is said".
        keys = sorted(value, key=lambda key: key == "evidence")
        mapping = CommentedMap((key, _compact(value[key])) for key in keys)
        if value and all(isinstance(item, (int, float)) and not isinstance(item, bool) for item in value.values()):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_compact(item) for item in value)
        if value and all(_is_scalar(item) for item in value):
            sequence.fa.set_flow_style()
        return sequence
    return value


def round_trip_yaml(*, preserve_quotes: bool = True) -> YAML:
    """The YAML reader and writer of model files: round-trip (comments and key order kept), the house layout."""
    yaml = strict_yaml("rt")
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = preserve_quotes
    return yaml


def parse_tree(text: str, *, fmt: str = "yaml") -> Any:
    """A model file's text as the tree a hand edit changes: ruamel's round-trip mappings, or JSON's dicts."""
    return load_json(text) if fmt == "json" else round_trip_yaml().load(text)


def dump_tree(root: Any, *, fmt: str = "yaml") -> str:
    """The text of a tree from :func:`parse_tree`, with its comments and layout."""
    if fmt == "json":
        return json.dumps(root, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    round_trip_yaml().dump(root, buffer)
    return buffer.getvalue()


def dump_model(model: Model, *, fmt: str = "yaml") -> str:
    """Serialise a model as YAML (default) or JSON text that :func:`parse_model` reads back unchanged."""
    data = _clean(model.model_dump(mode="json"))
    data["format"] = model.format
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    round_trip_yaml(preserve_quotes=False).dump(_compact(data), buffer)
    return buffer.getvalue()


def check_text(text: str, *, file: str | None = None) -> tuple[Model, LineMap | None]:
    """Parse model text and run every check; the one place that turns problems into an exception.

    Returns
    -------
    (Model, LineMap)
        The model and the line map of its text.

    Raises
    ------
    ModelValidationError
        Listing every structural problem, or, when the structure is sound, every error of
        :func:`~realpolitik.model.check_model` (warnings do not stop a model).
    """
    model, problems, lines = parse_model(text, file=file)
    if model is not None and not problems:
        problems = [p for p in check_model(model, file=file, lines=lines) if p.severity == "error"]
    if model is None or problems:
        raise ModelValidationError(problems)
    return model, lines
