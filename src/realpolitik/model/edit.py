"""Editing a model file in place without losing the curator's comments and layout."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from realpolitik.corpus.text import read_bytes_checked
from realpolitik.errors import Errors, ModelValidationError, UnknownIdError
from realpolitik.model.checks import check_model
from realpolitik.model.io import model_size_limit, parse_model
from realpolitik.model.schema import Model, Resolution

__all__ = ["resolve_forecast"]


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


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
    path = Path(path)
    text = read_bytes_checked(path, limit=model_size_limit(path)).decode("utf-8-sig")
    yaml = _round_trip_yaml()
    root = yaml.load(text)
    forecasts = root.get("forecasts") if isinstance(root, dict) else None
    items = [item for item in forecasts or [] if isinstance(item, dict)]
    matches = [item for item in items if item.get("id") == forecast_id]
    if not matches:
        known = ", ".join(str(item.get("id")) for item in items) or "(none)"
        raise UnknownIdError(Errors.E024.format(kind="forecast", id=forecast_id, known=known))
    entry = CommentedMap(
        (key, value) for key, value in resolution.model_dump(mode="json").items() if value is not None
    )
    target = matches[0]
    if "evidence" in target:
        # Keep evidence last, where the format puts it.
        target.insert(list(target.keys()).index("evidence"), "resolution", entry)
    else:
        target["resolution"] = entry
    if path.suffix.lower() == ".json":
        new_text = json.dumps(root, indent=2, ensure_ascii=False) + "\n"
    else:
        buffer = io.StringIO()
        yaml.dump(root, buffer)
        new_text = buffer.getvalue()
    model, problems, lines = parse_model(new_text, file=str(path))
    if model is not None and not problems:
        problems = [p for p in check_model(model, file=str(path), lines=lines) if p.severity == "error"]
    if model is None or problems:
        raise ModelValidationError(problems)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(new_text, encoding="utf-8")
    temporary.replace(path)
    return model
