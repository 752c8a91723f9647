"""A corpus store beside a model file: listing what the store holds, adding a stored document with its draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realpolitik.batch import add_from_store, document_texts, stored_documents
from realpolitik.corpus import ingest_file
from realpolitik.data import bundled_model_path
from realpolitik.errors import EditRefusedError, UnknownIdError, VersionConflictError
from realpolitik.model import ModelFile
from realpolitik.store import CorpusStore
from tests.draft.fixture import ARTICLE, karsland


@pytest.fixture
def model_file(tmp_path: Path) -> ModelFile:
    path = tmp_path / "model.yaml"
    shutil.copy(bundled_model_path(), path)
    return ModelFile(path)


@pytest.fixture
def store(tmp_path: Path) -> CorpusStore:
    """The made-up Karsland briefing, stored with its hand-built extraction (so no NLP pipeline runs)."""
    _path, document_id, _text, extraction = karsland()
    store = CorpusStore(tmp_path / "corpus" / "corpus.duckdb")
    store.add_documents([ingest_file(ARTICLE)])
    store.write_results([{"document_id": document_id, "ok": True, "payload": extraction.model_dump(mode="json"),
                          "seconds": 0.01, "worker": "test:1"}])
    return store


def test_stored_documents_say_which_the_model_holds(store, model_file):
    [row] = stored_documents(store, model_file.load())
    assert row["file"] == ARTICLE.name and row["extracted"] is True and row["in_model"] is False
    assert row["words"] > 50


def test_a_stored_document_is_added_with_its_draft_once_and_undone_whole(store, model_file):
    original = model_file.path.read_bytes()
    document_id = karsland()[1]
    change = add_from_store(model_file, store, document_id, model_file.version())
    assert change.action == "add from corpus" and ("documents", document_id) in change.updated
    model = model_file.load()
    drafted = [key for key in change.updated if key[0] != "documents"]
    assert drafted and all(model.get(*key).review == "proposed" for key in drafted)
    assert stored_documents(store, model)[0]["in_model"] is True
    with pytest.raises(EditRefusedError) as again:
        add_from_store(model_file, store, document_id, model_file.version())
    assert again.value.code == "E254"
    model_file.undo(model_file.version())
    assert model_file.path.read_bytes() == original


def test_an_unknown_document_or_a_stale_version_is_refused_and_nothing_written(store, model_file):
    original = model_file.path.read_bytes()
    with pytest.raises(UnknownIdError) as unknown:
        add_from_store(model_file, store, "0" * 64, model_file.version())
    assert unknown.value.code == "E133"
    with pytest.raises(VersionConflictError):
        add_from_store(model_file, store, karsland()[1], "stale")
    assert model_file.path.read_bytes() == original


def test_a_text_not_on_disk_is_taken_from_the_store(store, model_file):
    document_id = karsland()[1]
    add_from_store(model_file, store, document_id, model_file.version())
    model = model_file.load()
    assert document_id not in document_texts(model, model_file.path)  # the briefing is not beside the model
    texts = document_texts(model, model_file.path, (), store)
    assert texts[document_id] == store.load_documents([document_id])[0].text


def test_without_a_store_there_is_nothing_to_pick(model_file):
    assert stored_documents(None, model_file.load()) == []
