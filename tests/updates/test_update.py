"""``update`` on the real bundled model with the three later analyses, and on small documents of our own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from realpolitik.errors import UpdateError
from realpolitik.model import Change, Model, ModelFile, bulk_review, load_model
from realpolitik.updates import (
    LaterDocument,
    find_changes,
    later_documents,
    read_index,
    read_stance,
    record_path,
    split_passages,
    update_model,
)
from tests.conftest import REPO, run_cli

LATER = REPO.parent / "shared" / "datasets" / "afghanistan-later"
#: Sections whose every item carries evidence.
WITH_EVIDENCE = ("actors", "relations", "events", "concepts", "causal_links", "forecasts")


@pytest.fixture(scope="module")
def later_texts() -> list[Path]:
    texts = sorted((LATER / "texts").glob("*.txt"))
    if len(texts) < 3 or not (LATER / "index.csv").is_file():
        pytest.skip(f"the later documents are not at {LATER}")
    return texts


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory, later_texts: list[Path], bundled_path: Path):
    """The bundled model updated with the three later documents, through the CLI, dates from the index."""
    folder = tmp_path_factory.mktemp("update")
    model = folder / "model.yaml"
    shutil.copy(bundled_path, model)
    output = folder / "updated.yaml"
    result = run_cli("update", model, *later_texts, "-o", output, "--json")
    assert result.code == 0, result.output
    return model, output, json.loads(result.stdout)


def test_the_update_proposes_new_items_with_evidence_in_the_later_documents(updated, bundled_path: Path):
    model_path, output, record = updated
    before, after = load_model(model_path), ModelFile(output).load()
    assert model_path.read_bytes() == bundled_path.read_bytes()  # the model itself is never written
    later_ids = {d.id for d in after.documents} - {d.id for d in before.documents}
    assert len(later_ids) == 3 and sorted(record["added"]["documents"]) == sorted(later_ids)
    held = {section: {item.id for item in getattr(before, section)} for section in WITH_EVIDENCE}
    new_count = 0
    for section in WITH_EVIDENCE:
        for item in getattr(after, section):
            if item.id in held[section]:
                continue
            new_count += 1
            assert item.review == "proposed", (section, item.id)
            assert item.evidence and all(e.document in later_ids for e in item.evidence), (section, item.id)
    assert new_count == sum(len(ids) for s, ids in record["added"].items() if s != "documents") > 20


def test_the_updated_model_validates_against_the_later_texts(updated, seed_path: Path):
    _model, output, _record = updated
    result = run_cli("validate", output, "--documents", LATER / "texts", "--documents", seed_path.parent, "--json")
    assert result.code == 0, result.output[-2000:]
    report = json.loads(result.stdout)
    assert report["ok"] and len(report["documents_checked"]) == 4 and not report["documents_missing"]


def test_no_actor_is_added_twice(updated):
    from realpolitik.model.merge import normalise_name

    model_path, output, _record = updated
    before, after = load_model(model_path), ModelFile(output).load()
    known = {normalise_name(name) for actor in before.actors for name in [actor.name, *actor.aliases]}
    held = {actor.id for actor in before.actors}
    new = [actor for actor in after.actors if actor.id not in held]
    assert new and not [actor.name for actor in new if normalise_name(actor.name) in known]
    names = [normalise_name(actor.name) for actor in after.actors]
    assert len(names) == len(set(names))


def test_forecasts_get_evidence_and_no_resolution_is_applied(updated):
    model_path, output, record = updated
    before, after = load_model(model_path), ModelFile(output).load()
    open_ids = {f.id for f in before.forecasts if f.resolution is None}
    assert {entry["forecast"] for entry in record["forecasts"]} == open_ids
    later_ids = {d.id for d in after.documents} - {d.id for d in before.documents}
    for entry in record["forecasts"]:
        for evidence in entry["evidence"]:
            assert evidence["document"] in later_ids and evidence["stance"] in ("supports", "refutes", "mentions")
            assert 0 < evidence["score"] <= 1
    resolutions = {f.id: f.resolution for f in after.forecasts if f.id in open_ids}
    assert all(resolution is None for resolution in resolutions.values())
    assert json.loads(record_path(output).read_text(encoding="utf-8"))["forecasts"] == record["forecasts"]


def _reviewed_copy(output: Path, folder: Path, action: str) -> tuple[ModelFile, Change]:
    """A copy of the updated model with every proposal accepted or rejected at once, through the review API."""
    copy = folder / output.name
    shutil.copy(output, copy)
    file = ModelFile(copy)
    return file, bulk_review(file, action, file.version())


def test_a_turn_is_proposed_on_the_successor_and_applied_when_it_is_accepted(updated, tmp_path: Path):
    model_path, output, record = updated
    before, proposed = load_model(model_path), ModelFile(output).load()
    turns = [change for change in record["changes"] if change["kind"] == "turn"]
    assert turns  # the later documents turn relations of the seed; without one this test would check nothing
    accepted, _change = _reviewed_copy(output, tmp_path, "accept")
    after = accepted.load()
    for turn in turns:
        old, new = proposed.get("relations", turn["old"]), proposed.get("relations", turn["new"])
        assert new.supersedes == old.id and new.valid_from is not None and new.review == "proposed"
        assert (old.source, old.target) == (new.source, new.target) and old.type != new.type
        if old.id in {relation.id for relation in before.relations}:  # the model's own relation is untouched
            assert old == before.get("relations", old.id)
        assert after.get("relations", old.id).valid_to is not None


def test_rejecting_every_proposal_gives_back_the_model_file_byte_for_byte(updated, tmp_path: Path):
    model_path, output, record = updated
    rejected, change = _reviewed_copy(output, tmp_path, "reject")
    assert rejected.path.read_bytes() == model_path.read_bytes()
    assert sorted(i for s, i in change.removed if s == "documents") == sorted(record["added"]["documents"])


def test_accepting_every_proposal_gives_a_model_that_validate_accepts(updated, tmp_path: Path, seed_path: Path):
    _model, output, record = updated
    accepted, _change = _reviewed_copy(output, tmp_path, "accept")
    assert not [item.id for section in WITH_EVIDENCE for item in getattr(accepted.load(), section)
                if item.review == "proposed"]
    result = run_cli("validate", accepted.path, "--documents", LATER / "texts", "--documents", seed_path.parent,
                     "--json")
    assert result.code == 0, result.output[-2000:]
    assert json.loads(result.stdout)["ok"]


def test_the_later_dates_come_from_the_index(later_texts: list[Path]):
    dates = read_index(LATER / "index.csv")
    found = later_documents(list(reversed(later_texts)))
    assert [d.published for d in found] == sorted(dates[t.stem] for t in later_texts)  # oldest first


# --- small documents of our own ---------------------------------------------------------------------------------

BRIEF = ("In March 2030 Ruritania signed a defence pact with Borduria. Ruritania and Borduria now hold joint "
         "exercises every spring. The pact angered Syldavia, which recalled its ambassador from Ruritania.\n")


@pytest.fixture
def small(tmp_path: Path, bundled_path: Path) -> tuple[Path, Path]:
    model = tmp_path / "model.yaml"
    shutil.copy(bundled_path, model)
    brief = tmp_path / "brief.txt"
    brief.write_text(BRIEF, encoding="utf-8")
    return model, brief


def test_a_document_without_a_date_is_refused_with_exit_2(small, tmp_path: Path):
    model, brief = small
    result = run_cli("update", model, brief, "-o", tmp_path / "out.yaml")
    assert result.code == 2 and "E300" in result.output and "--published" in result.output
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(("extra", "code"), [
    (["--published", "2030-04-01", "--published", "2030-04-02"], "E301"),
    (["--published", "next spring"], "E307"),
])
def test_bad_dates_are_usage_errors(small, tmp_path: Path, extra: list[str], code: str):
    model, brief = small
    result = run_cli("update", model, brief, *extra, "-o", tmp_path / "out.yaml")
    assert result.code == 2 and code in result.output, result.output


def test_the_output_may_not_be_the_model_and_a_document_is_needed(small):
    model, brief = small
    same = run_cli("update", model, brief, "--published", "2030-04-01", "-o", model)
    assert same.code == 2 and "E304" in same.output
    none = run_cli("update", model, "-o", model.with_name("x.yaml"))
    assert none.code == 2 and "E305" in none.output


def test_a_model_changed_during_the_update_is_refused_and_nothing_is_written(small, tmp_path: Path):
    model, brief = small
    later = [LaterDocument(brief, "2030-04-01")]
    output = tmp_path / "out.yaml"

    def edit_meanwhile(_step: str) -> None:
        model.write_text(model.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    with pytest.raises(UpdateError) as caught:
        update_model(model, later, output, retrieval="tfidf", step=edit_meanwhile, show_progress=False)
    assert caught.value.code == "E303" and not output.exists() and not record_path(output).exists()


def test_an_earlier_document_is_used_and_flagged(small, tmp_path: Path):
    model, brief = small
    result = update_model(model, [LaterDocument(brief, "2019-01-05")], tmp_path / "out.yaml", retrieval="tfidf",
                          show_progress=False)
    assert any("dated before the model" in warning for warning in result.warnings)
    added = ModelFile(tmp_path / "out.yaml").load()
    brief_id = result.added["documents"][0]
    assert result.added["actors"] and all(added.get("actors", a).evidence[0].document == brief_id
                                          for a in result.added["actors"])


def test_a_model_without_forecasts_says_so(tmp_path: Path):
    model = tmp_path / "empty.yaml"
    ModelFile(model).write(Model(title="Nothing forecast"))
    brief = tmp_path / "brief.txt"
    brief.write_text(BRIEF, encoding="utf-8")
    result = update_model(model, [LaterDocument(brief, "2030-04-01")], tmp_path / "out.yaml", retrieval="tfidf",
                          show_progress=False)
    assert any("no forecasts" in warning for warning in result.warnings) and result.forecasts == []


def test_passages_are_sentences_at_their_offsets():
    text = ("A short heading\n\nThe envoy met the council on Monday and left. Nobody expected the talks to last "
            "beyond the first week.")
    passages = split_passages(text, document="d" * 64, published="2030-01-01", title="t")
    assert [text[p.start:p.end] for p in passages] == [p.text for p in passages]
    assert [p.text[:9] for p in passages] == ["The envoy", "Nobody ex"]


def test_stance_reads_hedges_and_negation():
    statement = "Ruritania will sign the treaty."
    assert read_stance(statement, "Ruritania signed the treaty in May.", 0.8) == "supports"
    assert read_stance(statement, "Ruritania did not sign the treaty in May.", 0.8) == "refutes"
    assert read_stance(statement, "Ruritania may sign the treaty in May.", 0.8) == "mentions"
    assert read_stance(statement, "May 2031 saw Ruritania sign the treaty.", 0.8) == "supports"
    assert read_stance(statement, "Ruritania signed the treaty in May.", 0.1) == "mentions"


def test_a_relation_of_another_type_is_a_turn_and_the_other_sign_a_contradiction():
    model = Model.model_validate({
        "title": "t",
        "actors": [{"id": a, "name": a.title(), "kind": "state"} for a in ("ruritania", "borduria")],
        "relations": [{"id": "old", "source": "ruritania", "target": "borduria", "type": "partnership",
                       "polarity": 0.5, "valid_from": "2020"}],
    })
    turned = model.relations[0].model_copy(update={"id": "new", "type": "conflict", "polarity": -0.8,
                                                   "valid_from": None})
    denied = model.relations[0].model_copy(update={"id": "neg", "polarity": -0.4})
    changes, relations, _links = find_changes(model, [turned, denied], [], published="2031-02-03")
    assert [(c.kind, c.old, c.new) for c in changes] == [("turn", "old", "new"), ("contradiction", "old", "neg")]
    assert relations[0].valid_from == "2031-02-03"


def test_an_index_without_dates_is_refused(tmp_path: Path):
    index = tmp_path / "index.csv"
    index.write_text("slug,author\nbrief,Someone\n", encoding="utf-8")
    with pytest.raises(UpdateError) as caught:
        read_index(index)
    assert caught.value.code == "E302"


def test_demo_update_writes_the_report_with_what_changed(tmp_path: Path, later_texts: list[Path]):
    import os
    import subprocess
    import sys

    report = tmp_path / "report.html"
    # the demo extracts three documents and simulates the grown map: on a loaded machine that passes run_cli's limit
    done = subprocess.run([sys.executable, "-m", "realpolitik", "demo", "--update", "--later", str(LATER), "-o",
                           str(report)], check=False, capture_output=True, text=True, timeout=1500,
                          env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    result = type("Result", (), {"code": done.returncode, "stdout": done.stdout, "output": done.stdout + done.stderr})
    assert result.code == 0, result.output
    html = report.read_text(encoding="utf-8")
    assert 'id="changes"' in html and "What changed since the model" in html and "Brier score" in html
    assert (tmp_path / "updated.yaml").is_file() and (tmp_path / "updated.update.json").is_file()
    assert "update:" in result.stdout and "proposed" in result.stdout


def test_demo_update_without_the_later_folder_is_a_usage_error(tmp_path: Path):
    result = run_cli("demo", "--update", "--later", tmp_path / "absent", "-o", tmp_path / "r.html")
    assert result.code == 2 and "--later" in result.output
