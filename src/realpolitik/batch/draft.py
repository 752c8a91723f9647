"""One merged draft model from the stored extractions of the documents a query selects."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realpolitik.errors import CorpusStoreError, Errors
from realpolitik.store import CorpusStore, select_document_ids

if TYPE_CHECKING:
    from realpolitik.model import Model

__all__ = ["draft_from_store"]


def draft_from_store(store: CorpusStore, sql: str, *, title: str | None = None) -> tuple[Model, dict[str, Any]]:
    """Draft one model from the extractions of the documents whose ids the query's first column holds.

    Each extraction goes through :func:`realpolitik.draft.draft_model` in turn, the model so far passed
    as ``existing``, so shared actors become one item and every item keeps its own evidence.

    Returns
    -------
    model, info
        The model and ``{"used": [ids], "not_extracted": [ids], "dropped": n}`` (items drafting left out).

    Raises
    ------
    CorpusStoreError
        E143/E144 for a query that selects nothing or not document ids, E145 when none has an extraction.
    """
    from realpolitik.draft import draft_model  # spaCy and scikit-learn load only when a draft is asked for

    ids = select_document_ids(store, sql)
    records = store.extractions(ids)
    used = [i for i in ids if i in records]
    if not used:
        raise CorpusStoreError(Errors.E145.format(count=len(ids)))
    paths = {doc.id: doc.path for doc in store.load_documents(used)}
    model = None
    dropped = 0
    for doc_id in used:
        path = paths.get(doc_id)
        result = draft_model(records[doc_id], existing=model, title=title,
                             filename=path.name if path else None)
        model = result.model
        dropped += len(result.dropped)
    assert model is not None  # ``used`` holds one id at least
    return model, {"used": used, "not_extracted": [i for i in ids if i not in records], "dropped": dropped}
