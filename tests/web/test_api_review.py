"""The review routes over the whole model: merge, bulk review, items marked in the text, scenarios from controls.

On a copy of the bundled model with the seed beside it; each route calls :mod:`realpolitik.model.edit`, whose own
behaviour is tested in tests/model/test_review_operations.py. Here: the HTTP shape, versions, statuses, undo.
"""

from __future__ import annotations

from realpolitik.corpus import read_source_text
from realpolitik.model import load_model


def _version(client) -> str:
    return client.get("/api/model").json()["version"]


def _write(client, method: str, url: str, body: dict | None = None, version: str | None = None):
    headers = {"If-Match": f'"{version or _version(client)}"'}
    return client.request(method, url, json=body, headers=headers)


def test_merge_two_concepts_then_undo(client, model_copy):
    before = model_copy.read_bytes()
    response = _write(client, "POST", "/api/merge",
                      {"section": "concepts", "kept": "instability", "merged": "violence_casualties"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["action"] == "merge" and body["removed"] == [{"section": "concepts", "id": "violence_casualties"}]
    assert response.headers["etag"] == f'"{body["version"]}"'
    assert load_model(model_copy).get("causal_links", "arms_raise_violence").effect == "instability"
    assert _write(client, "POST", "/api/undo", version=body["version"]).status_code == 200
    assert model_copy.read_bytes() == before


def test_a_merge_that_loops_is_refused_with_its_reason(client, model_copy):
    before = model_copy.read_bytes()
    response = _write(client, "POST", "/api/merge",
                      {"section": "concepts", "kept": "iskp_strength", "merged": "iskp_recruitment"})
    assert response.status_code == 422 and "to itself" in response.json()["detail"]
    assert "recruitment_builds_iskp" in response.json()["detail"]
    assert model_copy.read_bytes() == before
    wrong = _write(client, "POST", "/api/merge", {"section": "events", "kept": "a", "merged": "b"})
    assert wrong.status_code == 422


def test_a_stale_version_refuses_a_merge(client, model_copy):
    before = model_copy.read_bytes()
    response = _write(client, "POST", "/api/merge", {"section": "actors", "kept": "afghanistan",
                                                     "merged": "afghan_republic"}, version="0" * 16)
    assert response.status_code == 409 and model_copy.read_bytes() == before


def test_bulk_accept_of_a_list_and_an_empty_selection(client, model_copy):
    ids = [{"section": "actors", "id": "russia"}, {"section": "concepts", "id": "instability"}]
    empty = _write(client, "POST", "/api/bulk", {"action": "reject", "sections": ["causal_links"]})
    assert empty.status_code == 409 and "nothing to reject" in empty.json()["detail"]
    response = _write(client, "POST", "/api/bulk", {"action": "accept", "ids": ids, "include_curated": True})
    assert response.status_code == 200, response.text
    model = load_model(model_copy)
    assert model.get("actors", "russia").review == model.get("concepts", "instability").review == "accepted"
    assert model.get("actors", "china").review is None
    assert len(response.json()["updated"]) == 2


def test_a_link_marked_in_the_text_with_a_new_cause(client, model_copy, seed_path):
    text = read_source_text(seed_path).text
    document = load_model(model_copy).documents[0].id
    start = text.index("opium")
    body = {"section": "causal_links", "fields": {"effect": "instability", "weight": 0.3, "confidence": 0.4},
            "start": start, "end": start + 5, "paraphrase": "Drug money is named as a source of disorder.",
            "new_concepts": {"cause": {"label": "Drug money"}}}
    response = _write(client, "POST", f"/api/documents/{document}/items", body)
    assert response.status_code == 200, response.text
    link_id = response.json()["id"]
    model = load_model(model_copy)
    link = model.get("causal_links", link_id)
    assert (link.cause, link.effect, link.weight) == ("drug_money", "instability", 0.3)
    assert model.get("concepts", "drug_money").evidence[0].start == start
    spans = client.get(f"/api/documents/{document}").json()["spans"]
    assert any(s["id"] == link_id and s["numbers"] == {"weight": 0.3, "confidence": 0.4} for s in spans)


def test_a_selection_outside_the_text_is_refused(client, model_copy):
    document = load_model(model_copy).documents[0].id
    before = model_copy.read_bytes()
    body = {"section": "actors", "fields": {"name": "Nobody", "kind": "person"}, "start": 10,
            "end": 10**7, "paraphrase": "Outside."}
    response = _write(client, "POST", f"/api/documents/{document}/items", body)
    assert response.status_code == 422 and "outside document" in response.json()["detail"]
    assert model_copy.read_bytes() == before


def test_save_controls_as_a_scenario_then_undo(client, model_copy):
    body = {"name": "Aid and recognition", "clamps": {"aid_and_assets": 1.0, "taliban_recognition": 0.8}}
    response = _write(client, "POST", "/api/scenarios", body)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == "aid_and_recognition"
    saved = load_model(model_copy).get("scenarios", "aid_and_recognition")
    assert saved.clamps == {"aid_and_assets": 1.0, "taliban_recognition": 0.8}
    unknown = _write(client, "POST", "/api/scenarios", {"name": "Nowhere", "clamps": {"no_such": 1.0}})
    assert unknown.status_code == 422 and "no_such" in unknown.json()["detail"]
    assert _write(client, "POST", "/api/undo").status_code == 200
    assert "aid_and_recognition" not in {s.id for s in load_model(model_copy).scenarios}


def test_every_field_is_described_for_the_edit_form(client):
    fields = {f["name"]: f for f in client.get("/api/items/relations/russia_us_rivalry").json()["fields"]}
    assert fields["valid_to"]["kind"] == "text" and not fields["valid_to"]["required"]
    assert fields["source"] == {**fields["source"], "kind": "ref", "target": "actors"}
    assert fields["polarity"]["min"] == -1.0 and fields["polarity"]["max"] == 1.0
    links = {f["name"]: f for f in client.get("/api/fields/causal_links").json()}
    assert links["confidence"]["default"] == 0.5
    assert client.get("/api/fields/nowhere").status_code == 404
