"""The model file's one owner: versions, hand edits that keep comments, history and undo, durable writes."""

from __future__ import annotations

import os

import pytest

from realpolitik.errors import EditRefusedError, ModelValidationError, VersionConflictError
from realpolitik.files import open_atomically, write_atomically
from realpolitik.model import (
    UNCHECKED,
    ModelFile,
    accept_item,
    check_model,
    edit_item,
    reject_item,
    remove_with_dependents,
)
from realpolitik.model.schema import Model

BASIN = """\
# The basin, as curated by hand
title: Basin
actors:
  - {id: upstria, name: Upstria, kind: state}   # the dam's owner
  - {id: downland, name: Downland, kind: state}
relations:
  - {id: rivalry, source: upstria, target: downland, type: rivalry, polarity: -0.6}
concepts:
  - {id: dam, label: Dam filling}
  - {id: shortage, label: Water shortage}
causal_links:
  - {id: dam_dries, cause: dam, effect: shortage, weight: 0.7}
  - {id: dam_no_effect, cause: dam, effect: shortage, weight: -0.2, contradicts: [dam_dries]}
"""


@pytest.fixture
def basin(tmp_path):
    path = tmp_path / "basin.yaml"
    path.write_text(BASIN, encoding="utf-8")
    path.chmod(0o644)
    return ModelFile(path)


def test_a_review_action_keeps_comments_mode_and_records_history(basin):
    version = basin.version()
    change = accept_item(basin, "actors", "upstria", version)
    text = basin.path.read_text(encoding="utf-8")
    assert "# the dam's owner" in text and "# The basin, as curated by hand" in text
    assert "review: accepted" in text and change.version == basin.version() != version
    assert basin.path.stat().st_mode & 0o777 == 0o644
    assert [entry["action"] for entry in basin.history_entries()] == ["accept"]
    undone = basin.undo(change.version)
    assert basin.path.read_text(encoding="utf-8") == BASIN and undone.version == version


def test_a_stale_or_missing_version_is_refused_and_nothing_is_written(basin):
    with pytest.raises(VersionConflictError) as stale:
        accept_item(basin, "actors", "upstria", "0" * 16)
    with pytest.raises(VersionConflictError) as missing:
        accept_item(basin, "actors", "upstria", None)
    assert (stale.value.code, stale.value.missing) == ("E243", False)
    assert (missing.value.code, missing.value.missing) == ("E244", True)
    assert basin.path.read_text(encoding="utf-8") == BASIN and basin.history_entries() == []


def test_an_edit_that_breaks_the_model_is_refused_whole(basin):
    with pytest.raises(EditRefusedError) as refused:
        edit_item(basin, "relations", "rivalry", {"source": "nowhere"}, basin.version())
    assert refused.value.code == "E245" and "unknown actor 'nowhere'" in str(refused.value)
    with pytest.raises(EditRefusedError) as fixed:
        edit_item(basin, "actors", "upstria", {"id": "other"}, basin.version())
    assert fixed.value.code == "E247"
    assert basin.path.read_text(encoding="utf-8") == BASIN


def test_rejecting_takes_what_cannot_stand_alone_and_undo_brings_it_back(basin):
    change = reject_item(basin, "concepts", "dam", basin.version())
    assert sorted(change.removed) == [("causal_links", "dam_dries"), ("causal_links", "dam_no_effect")]
    model = basin.load()
    assert [c.id for c in model.concepts] == ["shortage"] and model.causal_links == []
    basin.undo(change.version)
    assert basin.path.read_text(encoding="utf-8") == BASIN


def test_a_link_that_goes_leaves_the_contradicts_lists_of_the_others():
    tree = {"causal_links": [{"id": "a", "cause": "x", "effect": "y"},
                             {"id": "b", "cause": "x", "effect": "y", "contradicts": ["a"]}]}
    assert remove_with_dependents(tree, "causal_links", "a") == ([], [("causal_links", "b")])
    assert tree["causal_links"] == [{"id": "b", "cause": "x", "effect": "y", "contradicts": []}]


def test_a_dangling_contradicts_is_an_unknown_reference():
    model = Model.model_validate({"title": "t", "concepts": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
                                  "causal_links": [{"id": "a", "cause": "x", "effect": "y", "weight": 0.5,
                                                    "contradicts": ["gone"]}]})
    assert [(p.code, p.message) for p in check_model(model)] == [("E012", "unknown causal link 'gone'")]


def test_a_change_by_hand_needs_no_version_and_records_nothing(basin):
    def rename(root):
        root["title"] = "Basin, revised"

    _, model, version = basin.change(rename, expect=UNCHECKED)
    assert model.title == "Basin, revised" and version == basin.version() and basin.history_entries() == []
    with pytest.raises(ModelValidationError):
        basin.change(lambda root: root["actors"].append({"id": "upstria", "name": "Again", "kind": "state"}))
    assert "Basin, revised" in basin.path.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "notes.txt"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(Exception, match="No space left") as failed:
        write_atomically(target, "new\n", code="E164")
    assert failed.value.code == "E164"
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_stream_written_atomically_appears_whole_at_the_end_or_not_at_all(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), open_atomically(target) as stream:
        stream.write("half of the new text")
        raise RuntimeError("the writer stopped")
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    with open_atomically(target) as stream:
        stream.write("line one\r\n")
        stream.write("line two\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # nothing shows until the block ends
    assert target.read_bytes() == b"line one\r\nline two\n"  # newlines as written
    assert target.stat().st_mode & 0o777 == 0o640


# --- proposals that leave the file as it was when rejected ----------------------------------------------------
DRAFTED = "a" * 64
CURATED = "b" * 64
LISTED_ONLY = "c" * 64

#: ``concepts`` is there, empty: a section the proposals create stays, empty, when they are all rejected.
TURNED = f"""\
title: Turned
documents:
  - {{id: "{CURATED}", title: Curated source}}
  - {{id: "{LISTED_ONLY}", title: Listed for later reading}}
actors:
  - id: upstria
    name: Upstria
    kind: state
    evidence:
      - document: "{CURATED}"
        start: 0
        end: 7
        paraphrase: names Upstria
  - id: downland
    name: Downland
    kind: state
    evidence:
      - document: "{CURATED}"
        start: 10
        end: 18
        paraphrase: names Downland
relations:
  - id: partners
    source: upstria
    target: downland
    type: partnership
    polarity: 0.5
    valid_from: "2020"
    evidence:
      - document: "{CURATED}"
        start: 0
        end: 18
        paraphrase: the two are partners
concepts: []
"""


def _proposals(*, cited_by_curated: bool) -> dict:
    def evidence() -> list[dict]:  # one list per item: a shared one would be written as a YAML alias
        return [{"document": DRAFTED, "start": 0, "end": 9, "paraphrase": "a later claim"}]

    items: dict = {
        "documents": [{"id": DRAFTED, "title": "A later analysis", "published": "2031-02-03"}],
        "relations": [{"id": "conflict", "source": "upstria", "target": "downland", "type": "conflict",
                       "polarity": -0.8, "valid_from": "2031-02-03", "supersedes": "partners",
                       "review": "proposed", "evidence": evidence()}],
        "concepts": [{"id": "drought", "label": "Drought", "review": "proposed", "evidence": evidence()}],
    }
    if cited_by_curated:
        items["concepts"].append({"id": "rain", "label": "Rain", "evidence": evidence()})
    return items


@pytest.fixture
def turned(tmp_path):
    path = tmp_path / "turned.yaml"
    path.write_text(TURNED, encoding="utf-8")
    return ModelFile(path)


def test_rejecting_every_proposal_takes_the_document_only_they_cited_and_gives_back_the_bytes(turned):
    from realpolitik.model import add_items, bulk_review

    add_items(turned, _proposals(cited_by_curated=False), turned.version())
    assert turned.load().get("relations", "partners").valid_to is None  # proposing a turn writes nothing on it
    first = reject_item(turned, "concepts", "drought", turned.version())
    assert first.removed == [] and DRAFTED in {d.id for d in turned.load().documents}  # still cited
    change = bulk_review(turned, "reject", turned.version())
    assert change.removed == [("relations", "conflict"), ("documents", DRAFTED)]
    assert turned.path.read_text(encoding="utf-8") == TURNED


def test_a_document_that_a_curated_item_cited_or_no_item_cites_stays(turned):
    from realpolitik.model import add_items, bulk_review

    add_items(turned, _proposals(cited_by_curated=True), turned.version())
    bulk_review(turned, "reject", turned.version())
    assert {d.id for d in turned.load().documents} == {CURATED, LISTED_ONLY, DRAFTED}  # "rain" still cites it
    reject_item(turned, "concepts", "rain", turned.version())  # a curated item: its document is the curator's
    assert {d.id for d in turned.load().documents} == {CURATED, LISTED_ONLY, DRAFTED}


def test_accepting_a_successor_ends_the_relation_it_supersedes(turned):
    from realpolitik.model import add_items

    add_items(turned, _proposals(cited_by_curated=False), turned.version())
    change = accept_item(turned, "relations", "conflict", turned.version())
    model = turned.load()
    assert change.updated == [("relations", "partners")]
    assert model.get("relations", "partners").valid_to == model.get("relations", "conflict").valid_from
    assert [p for p in check_model(model) if p.severity == "error"] == []


def test_a_successor_of_an_unknown_relation_is_an_unknown_reference():
    model = Model.model_validate({
        "title": "t", "actors": [{"id": a, "name": a, "kind": "state"} for a in ("x", "y")],
        "relations": [{"id": "r", "source": "x", "target": "y", "type": "conflict", "polarity": -1,
                       "supersedes": "gone"}]})
    assert [(p.code, p.message) for p in check_model(model)] == [("E012", "unknown relation 'gone'")]
