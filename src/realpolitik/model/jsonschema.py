"""The model format's JSON Schema, generated from the pydantic classes."""

from __future__ import annotations

import json
from typing import Any

from realpolitik.model.schema import Model

__all__ = ["SCHEMA_ID", "json_schema", "json_schema_text"]

SCHEMA_ID = "https://realpolitik.invalid/schema/model-1.json"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a model file."""
    schema = Model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def json_schema_text() -> str:
    """The schema as the stable, indented text committed in ``realpolitik/data/schema``."""
    return json.dumps(json_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
