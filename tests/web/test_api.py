"""The JSON API on a copy of the bundled model: reading, reviewing with versions, undo, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.corpus import read_source_text
from realpolitik.data import bundled_model_path
from realpolitik.model import REVIEWABLE_SECTIONS, SECTIONS, check_model, load_model
from realpolitik.web import WebSettings, create_app


def _version(client) -> str:
    return client.get("/api/model").json()["version"]


def test_model_summary_matches_the_file(client, model_copy):
    response = client.get("/api/model")
    assert response.status_code == 200
    body = response.json()
    model = load_model(model_copy)
    assert body["title"] == model.title
    assert body["counts"]["actors"] == len(model.actors) and body["counts"]["causal_links"] == len(model.causal_links)
    assert response.headers["etag"] == f'"{body["version"]}"'
    [document] = body["documents"]
    assert document["has_text"] is True
    assert document["items"] == len({(s, i.id) for s in REVIEWABLE_SECTIONS for i in getattr(model, s) if i.evidence})


def test_document_text_and_spans_index_the_seed(client, seed_path):
    model = load_model(bundled_model_path())
    body = client.get(f"/api/documents/{model.documents[0].id}").json()
    text = read_source_text(seed_path).text
    assert body["text"] == text and body["length"] == len(text)
    assert len(body["spans"]) == sum(len(i.evidence) for s in REVIEWABLE_SECTIONS for i in getattr(model, s))
    assert [s["start"] for s in body["spans"]] == sorted(s["start"] for s in body["spans"])
    assert all(0 <= s["start"] < s["end"] <= len(text) for s in body["spans"])


def test_document_without_its_text_says_so(tmp_path):
    from fastapi.testclient import TestClient

    lone = tmp_path / "model.yaml"
    lone.write_bytes(bundled_model_path().read_bytes())
    with TestClient(create_app(WebSettings(model=lone)), base_url="http://127.0.0.1") as client:
        document = client.get("/api/model").json()["documents"][0]
        assert document["has_text"] is False
        body = client.get(f"/api/documents/{document['id']}").json()
        assert body["text"] is None and body["spans"]


def test_item_evidence_comes_with_its_text(client, seed_path):
    body = client.get("/api/items/actors/russia").json()
    text = read_source_text(seed_path).text
    first = body["evidence"][0]
    assert first["span"] == text[first["start"]:first["end"]]
    assert text[:first["start"]].endswith(first["before"]) and text[first["end"]:].startswith(first["after"])


def test_accept_marks_the_item_in_the_file_and_keeps_the_comments(client, model_copy):
    before = model_copy.read_text(encoding="utf-8")
    version = _version(client)
    response = client.post("/api/items/actors/russia/accept", headers={"If-Match": f'"{version}"'})
    assert response.status_code == 200, response.text
    after = model_copy.read_text(encoding="utf-8")
    assert response.json()["version"] != version and response.headers["etag"] == f'"{response.json()["version"]}"'
    assert load_model(model_copy).get("actors", "russia").review == "accepted"
    # Only the one line is added: comments, order and quoting elsewhere survive.
    assert before.splitlines()[:2] == after.splitlines()[:2]
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert not list(model_copy.parent.glob(".*.tmp"))  # the temporary file was renamed over the model


def test_a_stale_second_tab_gets_409_and_nothing_is_lost(client, model_copy):
    version = _version(client)  # both tabs read this version
    first = client.post("/api/items/actors/russia/accept", headers={"If-Match": version})
    assert first.status_code == 200
    saved = model_copy.read_bytes()
    second = client.patch("/api/items/actors/russia", json={"fields": {"description": "Tab two's words."}},
                          headers={"If-Match": version})
    assert second.status_code == 409
    assert "changed since this page read it" in second.json()["detail"] and "reload" in second.json()["detail"]
    assert second.headers["etag"] == f'"{first.json()["version"]}"'
    assert model_copy.read_bytes() == saved


def test_a_change_outside_the_app_also_makes_a_version_stale(client, model_copy):
    version = _version(client)
    model_copy.write_text(model_copy.read_text(encoding="utf-8") + "\n# edited by hand\n", encoding="utf-8")
    response = client.delete("/api/items/events/fall_of_kabul", headers={"If-Match": version})
    assert response.status_code == 409
    assert "fall_of_kabul" in {e.id for e in load_model(model_copy).events}


def test_a_change_without_a_version_is_refused(client, model_copy):
    saved = model_copy.read_bytes()
    response = client.post("/api/items/actors/russia/accept")
    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    assert model_copy.read_bytes() == saved


def test_reject_removes_what_cannot_stand_without_the_item_and_undo_puts_it_back(client, model_copy):
    original = model_copy.read_bytes()
    version = _version(client)
    response = client.delete("/api/items/concepts/aid_and_assets", headers={"If-Match": version})
    assert response.status_code == 200, response.text
    body = response.json()
    model = load_model(model_copy)  # loads and passes check_model
    assert "aid_and_assets" not in {c.id for c in model.concepts}
    removed = {(r["section"], r["id"]) for r in body["removed"]}
    assert removed and all(section == "causal_links" for section, _ in removed)
    assert not any("aid_and_assets" in (link.cause, link.effect) for link in model.causal_links)
    assert not any("aid_and_assets" in s.clamps for s in model.scenarios)
    assert {u["section"] for u in body["updated"]} >= {"scenarios"}
    assert [e["action"] for e in client.get("/api/history").json()["entries"]] == ["reject"]

    undone = client.post("/api/undo", headers={"If-Match": body["version"]})
    assert undone.status_code == 200 and undone.json()["action"] == "undo reject"
    assert model_copy.read_bytes() == original
    assert undone.json()["version"] == version
    nothing = client.post("/api/undo", headers={"If-Match": version})
    assert nothing.status_code == 409 and "nothing to undo" in nothing.json()["detail"]


def test_edit_changes_fields_and_refuses_what_would_break_the_model(client, model_copy):
    version = _version(client)
    ok = client.patch("/api/items/relations/russia_backs_us_campaign", json={"fields": {"polarity": 0.25}},
                      headers={"If-Match": version})
    assert ok.status_code == 200, ok.text
    assert load_model(model_copy).get("relations", "russia_backs_us_campaign").polarity == 0.25
    version = ok.json()["version"]
    saved = model_copy.read_bytes()
    for fields, words in [({"polarity": 5}, "less than or equal to 1"), ({"id": "renamed"}, "other items point"),
                          ({"evidence": []}, "spans"), ({"source": "atlantis"}, "unknown actor 'atlantis'"),
                          ({"colour": "red"}, "no such field"), ({}, "at least 1 item")]:
        refused = client.patch("/api/items/relations/russia_backs_us_campaign", json={"fields": fields},
                               headers={"If-Match": version})
        assert refused.status_code == 422, (fields, refused.text)
        assert words in str(refused.json()["detail"]), (fields, refused.json())
        assert model_copy.read_bytes() == saved


def test_a_forecast_is_resolved_by_an_edit(client, model_copy):
    model = load_model(model_copy)
    open_one = next(f for f in model.forecasts if f.resolution is None)
    resolution = {"outcome": True, "date": "2026-11", "source": "our own test"}
    response = client.patch(f"/api/items/forecasts/{open_one.id}", json={"fields": {"resolution": resolution}},
                            headers={"If-Match": _version(client)})
    assert response.status_code == 200, response.text
    board = client.get("/api/forecasts").json()
    row = next(f for f in board["forecasts"] if f["id"] == open_one.id)
    assert row["resolution"]["source"] == "our own test"
    assert row["brier"] == pytest.approx((row["midpoint"] - 1) ** 2)
    assert board["resolved"] == sum(1 for f in model.forecasts if f.resolution is not None) + 1


@pytest.mark.parametrize("url", ["/api/items/actors/atlantis", "/api/items/nonsense/russia",
                                 "/api/documents/0123", "/documents/0123"])
def test_unknown_ids_are_404_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert ("no " in response.text or "unknown" in response.text) and len(response.text) < 20000


def test_unknown_ids_in_changes_are_404_and_write_nothing(client, model_copy):
    saved, version = model_copy.read_bytes(), _version(client)
    for method, url in [("POST", "/api/items/actors/atlantis/accept"), ("DELETE", "/api/items/events/atlantis"),
                        ("PATCH", "/api/items/documents/x")]:
        response = client.request(method, url, headers={"If-Match": version}, json={"fields": {"name": "x"}})
        assert response.status_code == 404, (url, response.text)
    assert model_copy.read_bytes() == saved


TRAVERSALS = ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd", "....//....//etc/passwd",
              "/etc/passwd", "..\\..\\etc\\passwd"]


@pytest.mark.parametrize("attack", TRAVERSALS)
@pytest.mark.parametrize("template", ["/api/documents/{}", "/documents/{}", "/api/items/actors/{}",
                                      "/api/items/{}/russia", "/static/{}", "/static/js/{}", "/vendor/{}"])
def test_no_path_outside_the_data_is_readable(client, template, attack):
    response = client.get(template.format(attack))
    assert response.status_code in (400, 404, 405), (template, attack, response.status_code)
    assert "root:" not in response.text


def test_the_model_file_itself_is_not_served(client, model_copy):
    for url in ["/static/../model.yaml", f"/static/{model_copy}", "/model.yaml", "/api/documents/model.yaml"]:
        assert client.get(url).status_code == 404, url


def test_no_page_loads_assets_from_elsewhere(client):
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    for url in ["/", "/network", "/scenarios", "/documents/x"]:
        assert "http" not in client.get(url).text.replace("http-equiv", "")


def test_a_cross_site_form_cannot_change_the_model(client, model_copy):
    saved = model_copy.read_bytes()
    response = client.post("/api/items/actors/russia/accept", data={"x": "1"},
                           headers={"Origin": "http://attacker.example"})
    assert response.status_code == 428
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}
    assert model_copy.read_bytes() == saved


def test_loopback_server_refuses_foreign_host_headers(client):
    assert client.get("/api/model", headers={"Host": "attacker.example"}).status_code == 400


def test_token_is_required_on_every_route_when_set(model_copy):
    from fastapi.testclient import TestClient

    app = create_app(WebSettings(model=model_copy, token="s3cret-token-0123456", host="0.0.0.0"))
    with TestClient(app, base_url="http://192.0.2.10") as client:
        for url in ["/", "/api/model", "/openapi.json", "/static/style.css", "/vendor/plotly.min.js"]:
            response = client.get(url)
            assert response.status_code == 401 and "token" in response.json()["detail"], url
        assert client.get("/api/model", headers={"X-Realpolitik-Token": "wrong"}).status_code == 401
        assert client.get("/api/model", headers={"X-Realpolitik-Token": "s3cret-token-0123456"}).status_code == 200
        assert client.get("/api/model", headers={"Authorization": "Bearer s3cret-token-0123456"}).status_code == 200
        version = client.get("/api/model", headers={"X-Realpolitik-Token": "s3cret-token-0123456"}).json()["version"]
        assert client.post("/api/items/actors/russia/accept", headers={"If-Match": version}).status_code == 401
        link = client.get("/network?token=s3cret-token-0123456", follow_redirects=False)
        assert link.status_code == 303 and link.headers["location"] == "/network"
        assert "realpolitik_token=s3cret-token-0123456" in link.headers["set-cookie"].replace('"', "")
        assert "httponly" in link.headers["set-cookie"].lower()
        assert client.get("/network").status_code == 200  # the cookie now rides along


def test_every_bundled_scenario_runs_and_they_differ(client):
    scenarios = client.get("/api/scenarios").json()["scenarios"]
    assert len(scenarios) == 7
    deltas = {}
    for scenario in scenarios:
        response = client.post("/api/simulate", json={"scenario": scenario["id"]})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["status"] == "fixed_point" and "figure" not in body  # the page draws the data
        assert len(body["delta"]) == len(body["concepts"])
        assert len(body["trajectory"]) == body["steps_run"] + 1
        assert {len(step) for step in body["trajectory"]} == {len(body["concepts"])}
        assert body["trajectory"][-1] == pytest.approx(body["final"], abs=1e-6)
        assert len(body["highlight"]) == 4 and set(body["highlight"]) <= {c["id"] for c in body["concepts"]}
        deltas[scenario["id"]] = tuple(round(d, 4) for d in body["delta"])
    assert set(deltas["baseline"]) == {0.0}
    assert len(set(deltas.values())) == 7


def test_the_controls_run_as_a_scenario_of_their_own(client):
    aid = client.post("/api/simulate", json={"scenario": "aid_resumed"}).json()
    clamps = aid["clamps"]
    own = client.post("/api/simulate", json={"clamps": clamps}).json()
    assert own["scenario"] == "ad-hoc" and own["final"] == aid["final"]
    assert client.post("/api/simulate", json={"clamps": {"aid_and_assets": 5}}).status_code == 422
    assert client.post("/api/simulate", json={"clamps": {"atlantis": 1}}).status_code == 404
    assert client.post("/api/simulate", json={"scenario": "atlantis"}).status_code == 404
    assert client.post("/api/simulate", json={"scenario": 3, "extra": 1}).status_code == 422


def test_press_reports_shares_that_add_up(client):
    body = client.post("/api/press", json={"concept": "aid_and_assets", "direction": 1, "draws": 500}).json()
    assert body["draws"] == 500 and "figure" not in body
    labels = {row["concept"]: row["label"] for row in body["responses"]}
    assert labels["aid_and_assets"] == "Aid and access to assets"
    for row in body["responses"]:
        assert row["p_positive"] + row["p_zero"] + row["p_negative"] == pytest.approx(1.0)
    assert client.post("/api/press", json={"concept": "atlantis"}).status_code == 404
    assert client.post("/api/press", json={"concept": "aid_and_assets", "direction": 0}).status_code == 422


def test_views_cover_the_model(client):
    model = load_model(bundled_model_path())
    network = client.get("/api/network").json()
    assert {n["id"] for n in network["nodes"]} == {a.id for a in model.actors}
    assert {e["id"] for e in network["edges"] if e["origin"] == "relation"} == {r.id for r in model.relations}
    causal = client.get("/api/causal-map").json()
    assert {e["id"] for e in causal["edges"]} == {link.id for link in model.causal_links}
    for view in (network, causal):  # placed in em inside the frame, with the legend and the colours to draw by
        assert all(0 <= n["x"] <= view["frame"]["width"] and 0 <= n["y"] <= view["frame"]["height"]
                   for n in view["nodes"])
        assert view["legend"] and all(row["colour"].startswith("#") for row in view["legend"])
        assert all(n["lines"] and n["colour"].startswith("#") for n in view["nodes"])
        assert all(isinstance(e["bend"], float) and e["colour"].startswith("#") for e in view["edges"])
    events = client.get("/api/timeline").json()["events"]
    assert len(events) == len(model.events)
    assert [e["lower"] for e in events] == sorted(e["lower"] for e in events)


def test_report_downloads_as_one_html_file(client):
    response = client.get("/api/report")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="model-report.html"'
    assert response.text.startswith("<!doctype html>") or response.text.lower().startswith("<!doctype html>")
    assert "Russia and Afghanistan after the 2021 US withdrawal" in response.text


def test_rejecting_any_item_of_the_bundled_model_leaves_a_valid_model():
    from realpolitik.model import Model, remove_with_dependents

    data = json.loads(load_model(bundled_model_path()).model_dump_json(exclude_none=True))
    for section in REVIEWABLE_SECTIONS:
        for item in data[section]:
            tree = json.loads(json.dumps(data))
            remove_with_dependents(tree, section, item["id"])
            model = Model.model_validate(tree)
            errors = [p for p in check_model(model) if p.severity == "error"]
            assert errors == [], (section, item["id"], errors[:2])
            assert item["id"] not in {i.id for i in getattr(model, section)}
    assert set(REVIEWABLE_SECTIONS) < set(SECTIONS)


def test_pages_are_served_and_escape_model_text(hostile_model):
    from fastapi.testclient import TestClient

    with TestClient(create_app(WebSettings(model=hostile_model)), base_url="http://127.0.0.1") as client:
        document = client.get("/api/model").json()["documents"][0]
        for url in ["/", f"/documents/{document['id']}", "/network", "/causal-map", "/timeline", "/scenarios",
                    "/forecasts", "/report"]:
            page = client.get(url)
            assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), url
            assert "<script>window.__pwned" not in page.text and "<b>markup</b>" not in page.text, url
        assert "&lt;b&gt;markup&lt;/b&gt;" in client.get(f"/documents/{document['id']}").text
        assert "Arland &lt;script&gt;" in client.get("/").text


def test_plotly_comes_from_the_installed_package(client):
    from realpolitik.web import plotly_js_path

    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert response.content == Path(plotly_js_path()).read_bytes()
    repo = Path(__file__).resolve().parents[2]
    assert not list((repo / "src").rglob("plotly*.js"))


@pytest.mark.slow
def test_draft_adds_proposed_items_from_the_text_and_undo_takes_them_back(client, model_copy):
    original, model = model_copy.read_bytes(), load_model(model_copy)
    document = model.documents[0].id
    version = _version(client)
    response = client.post(f"/api/documents/{document}/draft", headers={"If-Match": version})
    assert response.status_code == 200, response.text
    added = response.json()["updated"]
    assert len(added) > 20
    drafted = load_model(model_copy)  # passes check_model with the new items
    for ref in added:
        item = drafted.get(ref["section"], ref["id"])
        assert item.review == "proposed" and item.evidence and item.evidence[0].document == document
    # What the model held before is still there, unchanged.
    for section in REVIEWABLE_SECTIONS:
        before = {i.id: i for i in getattr(model, section)}
        after = {i.id: i for i in getattr(drafted, section)}
        assert all(after[key] == value for key, value in before.items()), section
    spans = client.get(f"/api/documents/{document}").json()
    assert spans["proposed"] == len(added)
    assert client.post(f"/api/documents/{document}/draft", headers={"If-Match": version}).status_code == 409
    undone = client.post("/api/undo", headers={"If-Match": response.json()["version"]})
    assert undone.status_code == 200 and model_copy.read_bytes() == original


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A corpus store holding one made-up briefing (a fixture written for this project)."""
    from realpolitik.corpus import ingest_file
    from realpolitik.store import open_store

    folder = tmp_path / "corpus"
    briefing = Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "karsland_coup.txt"
    open_store(folder).add_documents([ingest_file(briefing)])
    return folder


@pytest.mark.slow
def test_a_corpus_document_is_added_with_its_drafted_items(model_copy, corpus_dir):
    from fastapi.testclient import TestClient

    original = model_copy.read_bytes()
    app = create_app(WebSettings(model=model_copy, corpus=corpus_dir))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        [row] = client.get("/api/corpus").json()["documents"]
        assert row["in_model"] is False and row["file"] == "karsland_coup.txt"
        version = _version(client)
        assert client.post("/api/corpus/" + "0" * 64 + "/add", headers={"If-Match": version}).status_code == 404
        response = client.post(f"/api/corpus/{row['id']}/add", headers={"If-Match": version})
        assert response.status_code == 200, response.text
        added = response.json()["updated"]
        assert {"section": "documents", "id": row["id"]} in added and len(added) > 5
        model = load_model(model_copy)
        assert row["id"] in {d.id for d in model.documents}
        assert all(model.get(a["section"], a["id"]).review == "proposed" for a in added if a["section"] != "documents")
        document = client.get(f"/api/documents/{row['id']}").json()
        assert document["has_text"] and "Karsland" in document["text"]
        assert all(document["text"][s["start"]:s["end"]] for s in document["spans"])
        assert document["proposed"] == len(added) - 1
        assert client.get("/api/corpus").json()["documents"][0]["in_model"] is True
        again = client.post(f"/api/corpus/{row['id']}/add", headers={"If-Match": response.json()["version"]})
        assert again.status_code == 422 and "already" in again.json()["detail"]
        assert client.post("/api/undo", headers={"If-Match": response.json()["version"]}).status_code == 200
        assert model_copy.read_bytes() == original


def test_without_a_corpus_the_corpus_routes_say_so(client):
    assert client.get("/api/corpus").json() == {"configured": False, "documents": []}
    response = client.post("/api/corpus/" + "a" * 64 + "/add", headers={"If-Match": _version(client)})
    assert response.status_code == 404 and "--corpus" in response.json()["detail"]


def test_a_stored_answer_is_the_same_and_a_changed_file_is_computed_afresh(client, model_copy):
    state = client.app.state.realpolitik
    key = ("aid_resumed", ())
    assert state.results.stored("simulate", key) is None
    first = client.post("/api/simulate", json={"scenario": "aid_resumed"}).json()
    assert state.results.stored("simulate", key) is not None
    assert client.post("/api/simulate", json={"scenario": "aid_resumed"}).json() == first  # from the event loop
    # an edit of the file (here a comment at its end) is a new version: nothing is stored for it yet
    model_copy.write_text(model_copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert state.results.stored("simulate", key) is None
    assert client.post("/api/simulate", json={"scenario": "aid_resumed"}).json()["final"] == first["final"]


def test_a_stored_answer_asked_for_again_is_kept_over_older_ones(client, monkeypatch):
    state = client.app.state.realpolitik
    monkeypatch.setattr(state.results, "kept", 2)
    client.post("/api/simulate", json={"scenario": "aid_resumed"})
    client.post("/api/simulate", json={"scenario": "baseline"})
    client.post("/api/simulate", json={"scenario": "aid_resumed"})  # answered from the store: now the newest
    scenarios = [s["id"] for s in client.get("/api/scenarios").json()["scenarios"]]
    third = next(s for s in scenarios if s not in ("aid_resumed", "baseline"))
    client.post("/api/simulate", json={"scenario": third})  # one result must go: the oldest, "baseline"
    assert state.results.stored("simulate", ("aid_resumed", ())) is not None
    assert state.results.stored("simulate", ("baseline", ())) is None
