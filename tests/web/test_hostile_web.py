"""The web app under hostile and clumsy requests: size limits, numbers that are not numbers, deep JSON, redirects,
weak tokens, oversized edits and file modes. None of them may answer 500 or leave the model unreadable."""

from __future__ import annotations

import json
import os
import stat

import pytest
from fastapi.testclient import TestClient

import realpolitik.model.file as model_file
from realpolitik.errors import EditRefusedError
from realpolitik.model import load_model
from realpolitik.web import WebSettings, create_app

TOKEN = "a-long-enough-token-for-tests-42"


def _version(client: TestClient) -> str:
    return client.get("/api/model").json()["version"]


def test_a_body_above_the_limit_is_413_and_changes_nothing(model_copy):
    before = model_copy.read_bytes()
    app = create_app(WebSettings(model=model_copy, max_body_bytes=4096))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        version = _version(client)
        body = json.dumps({"fields": {"description": "x" * 10_000}})
        response = client.patch("/api/items/actors/russia", content=body,
                                headers={"If-Match": version, "Content-Type": "application/json"})
        assert response.status_code == 413 and "above the limit of 4096 bytes" in response.json()["detail"]
        small = client.patch("/api/items/actors/russia", json={"fields": {"description": "Short words."}},
                             headers={"If-Match": version})
        assert small.status_code == 200, small.text
    assert model_copy.read_bytes() != before and load_model(model_copy).get("actors", "russia").description


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("route", ["simulate", "press", "patch"])
def test_nan_and_infinity_in_a_body_are_422_not_500(client, route, constant):
    version = _version(client)
    if route == "simulate":
        concept = client.get("/api/scenarios").json()["concepts"][0]["id"]
        content = f'{{"clamps": {{"{concept}": {constant}}}}}'
        response = client.post("/api/simulate", content=content, headers={"Content-Type": "application/json"})
    elif route == "press":
        response = client.post("/api/press", content=f'{{"concept": "x", "draws": {constant}}}',
                               headers={"Content-Type": "application/json"})
    else:
        response = client.patch("/api/items/causal_links/" + client.get("/api/items").json()["sections"]
                                ["causal_links"][0]["id"], content=f'{{"fields": {{"weight": {constant}}}}}',
                                headers={"Content-Type": "application/json", "If-Match": version})
    assert response.status_code == 422, response.text
    assert "finite" in response.json()["detail"]


def test_a_validation_error_about_a_non_finite_number_still_serialises(client):
    # 1e999 is read as infinity by Python's parser without any NaN token in the text
    concept = client.get("/api/scenarios").json()["concepts"][0]["id"]
    response = client.post("/api/simulate", content=f'{{"clamps": {{"{concept}": 1e999}}}}',
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text


def test_deeply_nested_json_is_422(client):
    response = client.post("/api/simulate", content='{"clamps": ' + "[" * 5000 + "]" * 5000 + "}",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "deeper than" in response.json()["detail"]


@pytest.mark.parametrize("route", ["scenarios", "patch"])
def test_a_lone_surrogate_in_a_body_is_422_and_changes_nothing(client, model_copy, route):
    # found by benchmarks/fuzz.py: "\ud800" parses to a str that no UTF-8 writer takes (the 422's echo of the
    # input, the model file), which answered 500
    before = model_copy.read_bytes()
    version = _version(client)
    if route == "scenarios":
        response = client.post("/api/scenarios", content=b'"\\ud800"',
                               headers={"Content-Type": "application/json", "If-Match": version})
    else:
        link = client.get("/api/items").json()["sections"]["actors"][0]["id"]
        response = client.patch(f"/api/items/actors/{link}", content=b'{"fields": {"description": "a\\udc00b"}}',
                                headers={"Content-Type": "application/json", "If-Match": version})
    assert response.status_code == 422, response.text
    assert "surrogate" in response.json()["detail"]
    assert model_copy.read_bytes() == before


@pytest.mark.parametrize("kind", ["", "application/json", "text/plain"])
def test_a_body_that_is_not_utf8_is_422(client, kind):
    # found by benchmarks/fuzz.py: FastAPI reads a body without a content type as JSON, and a byte that is no
    # UTF-8 escaped it as UnicodeDecodeError (500)
    document = client.get("/api/model").json()["documents"][0]["id"]
    response = client.post(f"/api/documents/{document}/items", content=b"\xc7&H\xa8",
                           headers={"Content-Type": kind, "If-Match": _version(client)})
    assert response.status_code == 422, response.text
    assert "not UTF-8" in response.json()["detail"]


def test_the_token_redirect_never_leaves_the_site(model_copy):
    app = create_app(WebSettings(model=model_copy, token=TOKEN, host="0.0.0.0"))
    with TestClient(app, base_url="http://testserver") as client:
        for path in ("//evil.example/x", "/\\evil.example/x", "///evil.example"):
            response = client.get(f"http://testserver{path}?token={TOKEN}", follow_redirects=False)
            assert response.status_code == 303
            location = response.headers["location"]
            assert location.startswith("/") and not location.startswith(("//", "/\\")), location


@pytest.mark.parametrize("token", ["x", "short-token", "a token with spaces in it", "tab\tinside-a-long-token"])
def test_weak_tokens_are_refused_at_start(model_copy, token):
    with pytest.raises(EditRefusedError) as caught:
        create_app(WebSettings(model=model_copy, token=token, host="0.0.0.0"))
    assert caught.value.code == "E274"


def test_serve_refuses_a_short_token_as_a_usage_error(cli, model_copy):
    result = cli("serve", model_copy, "--token", "abc", "--port", "1")
    assert result.code == 2 and "at least 16 characters" in result.stderr and "Traceback" not in result.output


def test_a_document_read_as_an_item_answers(client):
    document = client.get("/api/model").json()["documents"][0]["id"]
    response = client.get(f"/api/items/documents/{document}")
    assert response.status_code == 200 and response.json()["evidence"] == []


def test_an_edit_that_would_outgrow_the_reading_limit_is_refused_before_writing(client, model_copy, monkeypatch):
    before = model_copy.read_bytes()
    monkeypatch.setattr(model_file, "MAX_MODEL_BYTES", len(before) + 2000)
    response = client.patch("/api/items/actors/russia", json={"fields": {"description": "word " * 1000}},
                            headers={"If-Match": _version(client)})
    assert response.status_code == 422 and "nothing was saved" in response.json()["detail"], response.text
    assert model_copy.read_bytes() == before
    assert client.get("/api/model").status_code == 200  # still readable, so undo and every later request work


@pytest.mark.parametrize("mode", [0o644, 0o640])
def test_web_edits_keep_the_file_mode(client, model_copy, mode):
    os.chmod(model_copy, mode)
    response = client.post("/api/items/actors/russia/accept", headers={"If-Match": _version(client)})
    assert response.status_code == 200
    assert stat.S_IMODE(model_copy.stat().st_mode) == mode
    undone = client.post("/api/undo", headers={"If-Match": response.json()["version"]})
    assert undone.status_code == 200 and stat.S_IMODE(model_copy.stat().st_mode) == mode


def test_chart_labels_are_escaped_for_plotly():
    from importlib import resources

    charts = (resources.files("realpolitik") / "web" / "static" / "js" / "charts.js").read_text(encoding="utf-8")
    common = (resources.files("realpolitik") / "web" / "static" / "js" / "common.js").read_text(encoding="utf-8")
    assert "export function plotText" in common and '"&lt;"' in common
    # every label drawn from the model's words goes through plotText
    import re

    drawn = [line for line in charts.splitlines() if re.search(r"\b(text|hovertext|ticktext): (?![\[\"])", line)]
    assert len(drawn) >= 4 and "text.push(plotText(" in charts  # the links' dots are filled one by one
    assert all("plotText" in line for line in drawn), [line for line in drawn if "plotText" not in line]


@pytest.mark.parametrize("etag", ['"', '""', "W/", "W/\"\""])
def test_an_if_match_that_names_no_version_is_a_conflict_and_changes_nothing(model_copy, etag):
    before = model_copy.read_bytes()
    with TestClient(create_app(WebSettings(model=model_copy)), base_url="http://127.0.0.1") as client:
        response = client.delete("/api/items/actors/russia", headers={"If-Match": etag})
    assert response.status_code == 409
    assert "changed since this page read it" in response.json()["detail"]
    assert model_copy.read_bytes() == before
