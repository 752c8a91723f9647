"""The JSON Schemas of the project's file formats, generated from their pydantic classes.

Two formats: the model file (:class:`realpolitik.model.schema.Model`) and the extraction record that
``realpolitik extract --format json`` writes (:class:`realpolitik.record.Extraction`). Both are committed
under ``realpolitik/data/schema`` and a test keeps them current.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from realpolitik.model.schema import Model
from realpolitik.record import Extraction

__all__ = ["EXTRACTION_SCHEMA_ID", "SCHEMA_ID", "json_schema", "json_schema_text"]

SCHEMA_ID = "https://realpolitik.invalid/schema/model-1.json"
EXTRACTION_SCHEMA_ID = "https://realpolitik.invalid/schema/extraction-1.json"

_FORMATS: dict[str, tuple[type[BaseModel], str]] = {
    "model": (Model, SCHEMA_ID),
    "extraction": (Extraction, EXTRACTION_SCHEMA_ID),
}


def json_schema(kind: str = "model") -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a model file, or of an extraction record (``kind="extraction"``).

    Examples
    --------
    >>> sorted(json_schema("extraction")["required"])
    ['document']
    """
    cls, schema_id = _FORMATS[kind]
    schema = cls.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema}


def json_schema_text(kind: str = "model") -> str:
    """The schema as the stable, indented text committed in ``realpolitik/data/schema``."""
    return json.dumps(json_schema(kind), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
