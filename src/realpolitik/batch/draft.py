"""One merged draft model from the stored extractions of the documents a query selects."""

from __future__ import annotations

from typing import Any

from realpolitik.corpus import CorpusStore, select_document_ids
from realpolitik.errors import BatchError, CorpusStoreError, Errors

__all__ = ["draft_from_store"]


def draft_from_store(store: CorpusStore, sql: str, *, title: str | None = None) -> tuple[Any, dict[str, Any]]:
    """Draft one model from the extractions of the documents whose ids the query's first column holds.

    Each extraction goes through :func:`realpolitik.draft.draft_model` in turn, the model so far passed
    as ``existing``, so shared actors become one item and every item keeps its own evidence.

    Returns
    -------
    model, info
        The model and ``{"used": [ids], "not_extracted": [ids]}``.

    Raises
    ------
    CorpusStoreError
        E143/E144 for a query that selects nothing or not document ids, E145 when none has an extraction.
    BatchError
        E140 when the draft stage is not available.
    """
    try:
        from realpolitik.draft import draft_model
        from realpolitik.extract import Extraction
    except ImportError as exc:
        raise BatchError(Errors.E140.format(reason=exc)) from exc
    ids = select_document_ids(store, sql)
    payloads = store.extraction_payloads(ids)
    used = [i for i in ids if i in payloads]
    if not used:
        raise CorpusStoreError(Errors.E145.format(count=len(ids)))
    model = None
    for doc_id in used:
        model = draft_model(Extraction.model_validate(payloads[doc_id]), existing=model)
    if title is not None:
        model = model.model_copy(update={"title": title})
    return model, {"used": used, "not_extracted": [i for i in ids if i not in payloads]}
