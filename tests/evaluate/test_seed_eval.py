"""Scoring extractions against a gold model: synthetic extractions with known answers, the CLI, the real seed."""

from __future__ import annotations

import json
import math

import pytest

from realpolitik.draft import draft_model
from realpolitik.errors import RealpolitikError
from realpolitik.evaluate import evaluate_against_model, evaluate_document, main_body_end
from realpolitik.record import Extraction
from tests.draft.fixture import extraction_data, karsland, sentence
from tests.evaluate.synthetic import extraction_from

SCORED = ("actors", "events", "relations", "causal_links", "forecasts")


@pytest.fixture(scope="module")
def seed_id(bundled):
    return bundled.documents[0].id


def _score(data, gold, **kwargs):
    return evaluate_against_model(Extraction.model_validate(data), gold, **kwargs)


def test_a_perfect_extraction_scores_one_everywhere(bundled, seed_id):
    result = _score(extraction_from(bundled, seed_id), bundled)
    for kind in SCORED:
        row = result["rows"][kind]
        assert (row["recall"], row["precision"], row["missed"], row["spurious"]) == (1.0, 1.0, [], []), kind
    assert result["rows"]["actors"]["gold"] == 24 and result["rows"]["events"]["gold"] == 21
    assert all(target["met"] for target in result["targets"])


def test_half_an_extraction_halves_recall_and_keeps_precision(bundled, seed_id):
    result = _score(extraction_from(bundled, seed_id, every=2), bundled)
    for kind in ("actors", "events", "causal_links", "forecasts"):
        row = result["rows"][kind]
        assert row["recall"] == pytest.approx(math.ceil(row["gold"] / 2) / row["gold"], abs=1e-4), kind
        assert row["precision"] == 1.0 and len(row["missed"]) == row["gold"] // 2
    met = {(t["type"], t["measure"]): t["met"] for t in result["targets"]}
    assert met[("actors", "precision")] and not met[("actors", "recall")] and not met[("events", "recall")]


def test_spurious_items_lower_precision_only(bundled, seed_id):
    data = extraction_from(bundled, seed_id)
    data["actors"].append({"id": "elbonia", "name": "Elbonia", "kind": "state"})
    data["actors"].append({"id": "kremlin_dup", "name": "Kremlin", "kind": "state"})  # an alias of Russia, again
    wrong_date = dict(data["events"][0], id="again", date="1901")
    data["events"].append(wrong_date)
    data["forecasts"].append(dict(data["forecasts"][0], band="almost no chance"))
    result = _score(data, bundled)
    actors = result["rows"]["actors"]
    assert actors["recall"] == 1.0 and actors["precision"] == pytest.approx(24 / 26, abs=1e-4)
    assert {s["name"] for s in actors["spurious"]} == {"Elbonia", "Kremlin"}
    assert next(s for s in actors["spurious"] if s["name"] == "Kremlin")["duplicate_of"] == "russia"
    assert result["rows"]["events"]["precision"] == pytest.approx(21 / 22, abs=1e-4)
    assert result["rows"]["events"]["recall"] == 1.0
    assert result["rows"]["forecasts"]["precision"] == pytest.approx(15 / 16, abs=1e-4)


def test_the_date_and_the_band_must_be_right(bundled, seed_id):
    data = extraction_from(bundled, seed_id)
    data["events"][0]["date"] = "1901"
    data["forecasts"][0]["band"] = "almost no chance"
    result = _score(data, bundled)
    events, forecasts = result["rows"]["events"], result["rows"]["forecasts"]
    assert events["recall"] == pytest.approx(20 / 21, abs=1e-4) and events["wrong"][0]["found_date"] == "1901"
    assert events["date_prefix_matched"] == 20  # the dev scorer's rule: "1901" does not start with the gold date
    data = extraction_from(bundled, seed_id)
    year = next(e for e in data["events"] if len(e["date"]) == 4 and e["date"].isdigit())
    year["date"] = f"{year['date']}/{int(year['date']) + 3}"  # an interval that starts in the gold year
    events = _score(data, bundled)["rows"]["events"]
    assert events["recall"] == pytest.approx(20 / 21, abs=1e-4) and events["date_prefix_matched"] == 21
    assert forecasts["recall"] == pytest.approx(14 / 15, abs=1e-4)
    assert forecasts["wrong"][0]["found_band"] == "almost no chance"
    # an equivalent EDTF spelling of the same day counts as the same date
    data = extraction_from(bundled, seed_id)
    day = next(e for e in data["events"] if len(e["date"]) == 10)
    day["date"] = day["date"] + "/" + day["date"]
    assert _score(data, bundled)["rows"]["events"]["recall"] == 1.0


def test_relations_are_matched_by_source_target_and_sign(bundled, seed_id):
    data = extraction_from(bundled, seed_id)
    data["relations"][0]["polarity"] = -data["relations"][0]["polarity"] or 0.5
    row = _score(data, bundled)["rows"]["relations"]
    assert row["matched"] == 28 and len(row["missed"]) == 1 and len(row["spurious"]) == 1


def test_evidence_past_the_main_body_is_flagged(bundled, seed_id):
    data = extraction_from(bundled, seed_id)
    clean = _score(data, bundled, body_end=9250)
    assert clean["boilerplate"]["ok"] is True
    data["actors"][0]["mentions"].append({"start": 9260, "end": 9270})
    flagged = _score(data, bundled, body_end=9250)["boilerplate"]
    assert flagged["ok"] is False and flagged["past_body"][0]["type"] == "actors"
    assert _score(data, bundled)["boilerplate"]["ok"] is None  # no text, no bound: not checked


def test_the_made_up_briefing_against_its_own_draft():
    _, document_id, text, extraction = karsland()
    gold = draft_model(extraction).model
    result = evaluate_against_model(extraction, gold, text=text)
    rows = result["rows"]
    assert rows["actors"]["recall"] == rows["actors"]["precision"] == 1.0
    assert (rows["events"]["gold"], rows["events"]["found"], rows["events"]["recall"]) == (4, 4, 1.0)
    assert result["undated_events"] == ["sanctions_imposed", "airport_closed"]
    # the self-link was not drafted, so it is the one spurious causal claim
    assert rows["causal_links"]["recall"] == 1.0 and rows["causal_links"]["precision"] == pytest.approx(8 / 9, abs=1e-4)
    assert result["boilerplate"]["body_end"] == main_body_end(text) < text.index("Leave a Reply")
    assert result["boilerplate"]["ok"] is True
    data = extraction_data(text, document_id)
    data["forecasts"].append(dict(data["forecasts"][0], evidence=sentence(text, "Your email address")))
    boiler = evaluate_against_model(Extraction.model_validate(data), gold, text=text)["boilerplate"]
    assert boiler["ok"] is False and boiler["past_body"][0]["type"] == "forecasts"


def test_the_seed_main_body_ends_before_the_comment_form(seed_path, bundled):
    from realpolitik.corpus import read_source_text

    text = read_source_text(seed_path).text
    end = main_body_end(text)
    last_gold = max(e.end for section in SCORED for item in getattr(bundled, section) for e in item.evidence)
    assert last_gold <= end < len(text) and text[end:].strip()


def test_eval_seed_cli_on_an_extraction_file(cli, tmp_path, bundled, seed_id):
    perfect = tmp_path / "perfect.json"
    perfect.write_text(json.dumps(extraction_from(bundled, seed_id)), encoding="utf-8")
    result = cli("eval", "seed", perfect)
    assert result.code == 0, result.output
    assert "causal links" in result.stdout and "1.00" in result.stdout and "not met" not in result.stdout
    half = tmp_path / "half.json"
    half.write_text(json.dumps(extraction_from(bundled, seed_id, every=2)), encoding="utf-8")
    strict = cli("eval", "seed", half, "--strict", "--json")
    assert strict.code == 1
    scored = json.loads(strict.stdout)
    assert {t["type"] for t in scored["targets"] if not t["met"]} >= {"events", "causal_links"}


def test_eval_seed_refuses_an_extraction_of_another_document(cli, tmp_path):
    _, _, _, extraction = karsland()
    other = tmp_path / "other.json"
    other.write_text(extraction.model_dump_json(), encoding="utf-8")
    result = cli("eval", "seed", other)
    assert result.code == 1 and "does not list" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_seed_end_to_end_with_the_extractor(seed_path):
    extract = pytest.importorskip("realpolitik.extract")
    if not hasattr(extract, "extract_file"):
        pytest.skip("the extractor is not in this branch yet")
    result = evaluate_document(seed_path)
    assert result["boilerplate"]["ok"] is True, result["boilerplate"]["past_body"][:3]
    for kind in SCORED:
        row = result["rows"][kind]
        assert row["matched"] <= min(row["gold"], row["found"])


def test_no_document_found_is_a_clear_error(tmp_path, monkeypatch, bundled_path):
    from realpolitik.model import load_model, save_model

    model = load_model(bundled_path)
    renamed = model.model_copy(update={"documents": [model.documents[0].model_copy(update={"filename": "gone.txt"})]})
    gold = save_model(renamed, tmp_path / "gold.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REALPOLITIK_DOCUMENTS", raising=False)
    with pytest.raises(RealpolitikError, match="gone.txt"):
        evaluate_document(gold=gold)
    assert load_model(gold).documents[0].filename == "gone.txt"


def test_evaluate_document_with_another_gold_model_finds_the_text_beside_the_extraction(tmp_path):
    from realpolitik.model import save_model
    from tests.draft.fixture import write_extraction

    *_, extraction = karsland()
    gold = save_model(draft_model(extraction, filename="karsland_coup.txt").model, tmp_path / "gold.yaml")
    extraction_path = write_extraction(tmp_path)
    result = evaluate_document(extraction_path, gold=gold)
    assert result["gold_path"] == str(gold) and result["rows"]["forecasts"]["recall"] == 1.0
    boilerplate = result["boilerplate"]
    assert boilerplate["ok"] is True and boilerplate["text_length"] > boilerplate["body_end"]
