"""A corpus store beside a model file: which stored documents the model holds, their texts, and adding one with
its draft."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from realpolitik.errors import EditRefusedError, UnknownIdError
from realpolitik.model import Change, Model, ModelFile, find_document_texts
from realpolitik.store import CorpusStore

__all__ = ["add_from_store", "document_texts", "stored_documents"]


def stored_documents(store: CorpusStore | None, model: Model) -> list[dict[str, Any]]:
    """The store's documents as a list to pick from: id, title, date, file name, word count, whether an
    extraction is stored and whether ``model`` holds the document already (``in_model``); none without a store."""
    if store is None:
        return []
    held = {document.id for document in model.documents}
    return [{"id": row["id"], "title": row["title"], "published": row["published"],
             "file": Path(row["path"]).name if row["path"] else None, "words": row["n_words"],
             "extracted": bool(row["extracted"]), "in_model": row["id"] in held}
            for row in store.list_documents()]


def document_texts(model: Model, model_path: Path, documents: Iterable[str | Path] = (),
                   store: CorpusStore | None = None) -> dict[str, str]:
    """The texts of the model's documents at hand, by id: found on disk as
    :func:`~realpolitik.model.find_document_texts` looks (beside ``model_path``, in ``documents``), else held by
    ``store`` (a document added from the corpus: its offsets index the text the store holds)."""
    texts, missing, _problems = find_document_texts(model, model_path, documents)
    if missing and store is not None:
        texts.update({document.id: document.text for document in store.load_documents(missing)})
    return texts


def add_from_store(file: ModelFile, store: CorpusStore, document_id: str, expect: str | None) -> Change:
    """Add the stored document ``document_id`` to the model file with the items drafted from it (its stored
    extraction, else a fresh one), every item ``review: proposed``, as one change undo takes back.

    Raises
    ------
    UnknownIdError
        E133 when the store has no such document.
    EditRefusedError
        E254 when the model holds the document already, E245 when the result is not a valid model.
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version (checked once the document is known to be new).
    """
    found = store.load_documents([document_id])
    if not found:
        raise UnknownIdError.coded("E133", id=document_id)
    [document] = found
    model, _version = file.load_versioned()
    if any(held.id == document.id for held in model.documents):
        raise EditRefusedError.coded("E254", id=document.id[:12] + "…")
    file.check_version(expect)
    from realpolitik.draft import add_drafted  # spaCy and scikit-learn load only when a draft is asked for
    from realpolitik.extract import extract_document

    stored = store.extractions([document.id]).get(document.id)
    extraction = stored if stored is not None else extract_document(document)
    filename = document.path.name if document.path is not None else None
    return add_drafted(file, extraction, expect, about=document.id, filename=filename, action="add from corpus")
