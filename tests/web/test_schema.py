"""Schemathesis against /openapi.json: every operation, on a temporary copy of the bundled model.

Each operation gets a few generated requests; none may crash the server (5xx) or answer outside its schema.
The copy is made when the module is collected (schemathesis needs the schema then) and removed after it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from realpolitik.data import bundled_model_path
from realpolitik.model import load_model
from realpolitik.web import WebSettings, create_app

_FOLDER = Path(tempfile.mkdtemp(prefix="realpolitik-schema-"))
_MODEL = _FOLDER / "model.yaml"
shutil.copyfile(bundled_model_path(), _MODEL)
# A change sent without If-Match gets 428 Precondition Required (RFC 6585), the status made for it.
_CONFIG = schemathesis.Config.from_dict({"checks": {"missing_required_header": {"expected-statuses": [428]}}})
# schemathesis's ASGI client sends "Host: testserver"; the app otherwise takes loopback names only.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(WebSettings(model=_MODEL,
                                                                                extra_hosts=["testserver"])),
                                        config=_CONFIG)


@pytest.fixture(scope="module", autouse=True)
def _remove_the_copy():
    yield
    shutil.rmtree(_FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(timeout=180)  # the first report is made while the request waits
    _CALLS.append(case.method)


_CALLS: list[str] = []


def test_whatever_was_sent_the_file_is_still_a_valid_model():
    assert len(_CALLS) > 50  # the generated requests above ran first, in this process
    load_model(_MODEL)


def test_the_schema_documents_every_api_route():
    assert set(schema.raw_schema["paths"]) == {
        "/api/model", "/api/items", "/api/items/{section}/{item_id}", "/api/items/{section}/{item_id}/accept",
        "/api/documents/{document_id}", "/api/documents/{document_id}/draft", "/api/corpus",
        "/api/corpus/{document_id}/add", "/api/history", "/api/undo", "/api/network", "/api/causal-map",
        "/api/timeline", "/api/forecasts", "/api/scenarios", "/api/simulate", "/api/press", "/api/report",
        # review over the whole model: merges, bulk review, items marked in the text, the forms' field list
        "/api/merge", "/api/bulk", "/api/documents/{document_id}/items", "/api/fields/{section}",
        "/api/changes",
    }
