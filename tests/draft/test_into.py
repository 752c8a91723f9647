"""Drafting into a model file: the new items of a draft added as proposals in one change, refused when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realpolitik.data import bundled_model_path
from realpolitik.draft import add_drafted, draft_document
from realpolitik.errors import EditRefusedError, VersionConflictError
from realpolitik.model import ModelFile
from tests.draft.fixture import karsland


@pytest.fixture
def model_file(tmp_path: Path) -> ModelFile:
    path = tmp_path / "model.yaml"
    shutil.copy(bundled_model_path(), path)
    return ModelFile(path)


def test_a_draft_is_added_as_proposals_and_a_second_adds_nothing_new(model_file):
    path, document_id, _text, extraction = karsland()
    original = model_file.path.read_bytes()
    change = add_drafted(model_file, extraction, model_file.version(), about=document_id, filename=path.name)
    assert change.action == "draft" and change.item_id == document_id
    model = model_file.load()
    assert model.get("documents", document_id).filename == path.name
    drafted = [key for key in change.updated if key[0] != "documents"]
    assert drafted and all(model.get(*key).review == "proposed" for key in drafted)
    again = add_drafted(model_file, extraction, model_file.version(), about=document_id, filename=path.name)
    assert again.updated == []  # everything the draft holds is in the model now
    model_file.undo(model_file.version())
    model_file.undo(model_file.version())
    assert model_file.path.read_bytes() == original


def test_drafting_a_document_checks_the_version_first_then_wants_its_text(model_file):
    document = model_file.load().documents[0]
    with pytest.raises(VersionConflictError):
        draft_document(model_file, document, None, "stale")
    with pytest.raises(EditRefusedError) as missing:
        draft_document(model_file, document, None, model_file.version())
    assert missing.value.code == "E250"
