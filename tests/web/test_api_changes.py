"""The changes view and the forecasts board's evidence trail, on the bundled model updated with a later document of
our own words (so it always runs), through the FastAPI TestClient."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from realpolitik.errors import UpdateError
from realpolitik.model import REVIEWABLE_SECTIONS, ModelFile
from realpolitik.updates import LaterDocument, read_record, record_path, update_model
from realpolitik.web import WebSettings, create_app

#: A later analysis invented for this test: new actors, a relation, and sentences that bear on the bundled model's
#: forecasts about Russia and the Taliban government.
LATER = (
    "In March 2030 Ruritania signed a defence pact with Borduria, and the two armies now train together each "
    "spring.\n\n"
    "Russia formally recognised the Taliban government and opened a trade office in Kabul to expand commerce. "
    "Moscow also began to supply weapons and military advice to the Taliban government, officials in both capitals "
    "confirmed.\n"
)


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory, bundled_path: Path) -> Path:
    """The bundled model updated with the later document; the document sits beside the updated model."""
    folder = tmp_path_factory.mktemp("changes")
    model = folder / "model.yaml"
    shutil.copy(bundled_path, model)
    later = folder / "later-brief.txt"
    later.write_text(LATER, encoding="utf-8")
    output = folder / "updated.yaml"
    update_model(model, [LaterDocument(later, "2030-04-01")], output, retrieval="tfidf", show_progress=False)
    return output


@pytest.fixture
def served(updated: Path, tmp_path: Path):
    """A fresh copy of the updated model and its record (each test reviews its own), served by the app."""
    from fastapi.testclient import TestClient

    for path in (updated, record_path(updated), updated.with_name("later-brief.txt")):
        shutil.copy(path, tmp_path / path.name)
    with TestClient(create_app(WebSettings(model=tmp_path / updated.name)), base_url="http://127.0.0.1") as client:
        yield client, tmp_path / updated.name


def test_the_changes_view_lists_the_update_proposals_by_kind_and_one_can_be_accepted(served):
    client, model_path = served
    record = read_record(model_path)
    [later_id] = record["added"]["documents"]
    model = ModelFile(model_path).load()
    expected = {(section, item.id) for section in REVIEWABLE_SECTIONS for item in getattr(model, section)
                if item.review == "proposed" and any(e.document == later_id for e in item.evidence)}
    assert expected, "the later document should give the update something to propose"

    body = client.get("/api/changes").json()
    assert body["record"] is True and [d["id"] for d in body["documents"]] == [later_id]
    assert body["documents"][0]["has_text"] is True
    listed = {(kind["section"], item["id"]) for kind in body["kinds"] for item in kind["items"]}
    assert listed == expected and body["proposed"] == len(expected)
    text = client.get(f"/api/documents/{later_id}").json()["text"]
    for kind in body["kinds"]:
        for item in kind["items"]:
            assert item["evidence"] and all(e["document"] == later_id and 0 <= e["start"] < e["end"] <= len(text)
                                            for e in item["evidence"])
    # the recognition turns the model's partnership: the proposal says which relation it turns
    turns = [change for kind in body["kinds"] if kind["section"] == "relations" for item in kind["items"]
             for change in item["changes"] if change["kind"] == "turn"]
    assert turns and all(change["old_label"] and change["new"] in {i[1] for i in expected} for change in turns)
    assert [c["new"] for c in body["changes"]] == [c["new"] for c in record["changes"]]

    section, item_id = sorted(expected)[0]
    accepted = client.post(f"/api/items/{section}/{item_id}/accept", headers={"If-Match": f'"{body["version"]}"'})
    assert accepted.status_code == 200, accepted.text
    assert ModelFile(model_path).load().get(section, item_id).review == "accepted"
    after = client.get("/api/changes").json()
    assert (section, item_id) not in {(k["section"], i["id"]) for k in after["kinds"] for i in k["items"]}
    assert after["proposed"] == len(expected) - 1


def test_the_forecasts_board_shows_each_forecast_evidence_trail(served):
    client, model_path = served
    record = json.loads(record_path(model_path).read_text(encoding="utf-8"))
    board = client.get("/api/forecasts").json()
    assert board["updated"] is True
    trails = {row["id"]: row["trail"] for row in board["forecasts"] if row["trail"] is not None}
    assert set(trails) == {entry["forecast"] for entry in record["forecasts"]}
    with_evidence = {forecast: trail for forecast, trail in trails.items() if trail["evidence"]}
    assert with_evidence, "a sentence on Russia arming the Taliban government should bear on some forecast"
    text = ModelFile(model_path).load()  # the passages quote the later document at their offsets
    later = (model_path.parent / "later-brief.txt").read_text(encoding="utf-8")
    assert text.documents[-1].filename == "later-brief.txt"
    for trail in with_evidence.values():
        for passage in trail["evidence"]:
            assert passage["stance"] in {"supports", "refutes", "mentions"} and passage["score"] > 0
            assert passage["text"] and passage["text"] in " ".join(later.split())


def test_a_model_without_a_record_has_no_changes_and_a_broken_record_is_refused(client, model_copy: Path):
    assert client.get("/api/changes").json()["record"] is False
    assert all(row["trail"] is None for row in client.get("/api/forecasts").json()["forecasts"])
    record_path(model_copy).write_text("{not json", encoding="utf-8")
    broken = client.get("/api/changes")
    assert broken.status_code == 500 and broken.json()["detail"].startswith("[E309]")
    with pytest.raises(UpdateError) as caught:
        read_record(model_copy)
    assert caught.value.code == "E309"
