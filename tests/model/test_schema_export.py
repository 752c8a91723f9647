"""The committed JSON Schema is the one the pydantic classes produce, and it accepts the bundled model."""

from __future__ import annotations

import json

import pytest

from realpolitik.data import schema_path
from realpolitik.model import load_model
from realpolitik.model.jsonschema import json_schema, json_schema_text

REGENERATE = {"model": "realpolitik schema -o src/realpolitik/data/schema/model.schema.json",
              "extraction": "realpolitik schema --extraction -o src/realpolitik/data/schema/extraction.schema.json"}


@pytest.mark.parametrize("kind", ["model", "extraction"])
def test_committed_schema_is_current(kind):
    assert schema_path(kind).read_text(encoding="utf-8") == json_schema_text(kind), \
        f"stale schema: run `{REGENERATE[kind]}`"


def test_extraction_schema_declares_every_field_and_refuses_others(cli, tmp_path):
    from realpolitik.record import Extraction

    schema = json_schema("extraction")
    link = schema["$defs"]["ExtractedCausalLink"]
    assert link["additionalProperties"] is False and {"cue", "score", "cause_span"} <= set(link["properties"])
    assert json.loads(cli("schema", "--extraction").stdout) == schema
    with pytest.raises(ValueError, match="typo"):
        Extraction.model_validate({"document": {"id": "d"}, "actors": [], "typo": 1})


def test_schema_describes_every_section():
    schema = json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    for section in ("documents", "actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios"):
        assert schema["properties"][section]["type"] == "array"
    actor = schema["$defs"]["Actor"]
    assert "person" in json.dumps(actor["properties"]["kind"])
    assert actor["properties"]["role"]["description"]


def test_cli_prints_the_same_schema(cli, tmp_path):
    result = cli("schema")
    assert result.code == 0
    assert json.loads(result.stdout) == json_schema()
    target = tmp_path / "s.json"
    assert cli("schema", "-o", target).code == 0
    assert target.read_text(encoding="utf-8") == json_schema_text()


def test_bundled_model_is_valid_json_schema_instance(bundled_path):
    # The JSON form of the bundled model must satisfy the schema's required keys and enumerations.
    data = json.loads(load_model(bundled_path).model_dump_json())
    schema = json_schema()
    for key in schema.get("required", []):
        assert key in data
    kinds = set(schema["$defs"]["Actor"]["properties"]["kind"]["enum"])
    assert {actor["kind"] for actor in data["actors"]} <= kinds
