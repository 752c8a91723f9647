"""What runs on a worker: one document through the extractor, with the NLP pipeline loaded once per process.

The functions here are pickled by reference, so a Dask worker imports this module and keeps its own
pipeline cache for the life of the process; a hundred documents on one worker load spaCy once.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["Extractor", "Loader", "cached_pipeline", "default_extractor", "default_loader", "extract_batch_task",
           "extract_task", "pipeline_loads"]

#: ``extractor(document, nlp=pipeline) -> Extraction | dict``
Extractor = Callable[..., Any]
#: ``loader() -> pipeline``, called once per process.
Loader = Callable[[], Any]

_PIPELINES: dict[str, Any] = {}
_LOADS: dict[str, int] = {}
_LOCK = threading.Lock()


def _key(loader: Loader) -> str:
    return f"{getattr(loader, '__module__', '?')}.{getattr(loader, '__qualname__', repr(loader))}"


def cached_pipeline(loader: Loader) -> Any:
    """Return this process's pipeline from ``loader``, loading it on the first call only.

    Examples
    --------
    >>> calls = []
    >>> def load():
    ...     calls.append(1)
    ...     return "pipeline"
    >>> cached_pipeline(load), cached_pipeline(load), len(calls)
    ('pipeline', 'pipeline', 1)
    """
    key = _key(loader)
    with _LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = loader()
            _LOADS[key] = _LOADS.get(key, 0) + 1
        return _PIPELINES[key]


def pipeline_loads(loader: Loader) -> int:
    """How many times this process has loaded ``loader``'s pipeline (1 after the first document)."""
    return _LOADS.get(_key(loader), 0)


def default_loader() -> Any:
    """The project's spaCy pipeline, from :func:`realpolitik.extract.load_pipeline`."""
    from realpolitik.extract import load_pipeline

    return load_pipeline()


def default_extractor(document: Any, *, nlp: Any = None) -> Any:
    """The project's extractor, :func:`realpolitik.extract.extract_document`."""
    from realpolitik.extract import extract_document

    return extract_document(document, nlp=nlp)


def _peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def extract_task(document: Any, extractor: Extractor, loader: Loader | None) -> dict[str, Any]:
    """Extract one document; never raises, so that one bad document does not stop a batch.

    Returns
    -------
    dict
        ``document_id``, ``ok``, ``payload`` (the extraction as JSON-ready dict) or ``error``, ``seconds``,
        ``words``, ``worker`` (host:pid), ``rss`` and ``peak_rss`` in bytes, ``pipeline_loads``.
    """
    started = time.perf_counter()
    try:
        nlp = cached_pipeline(loader) if loader is not None else None
        outcome = extractor(document, nlp=nlp)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        outcome = exc
    return _result(document, outcome, time.perf_counter() - started, loader)


def extract_batch_task(documents: list[Any], extractor: Extractor, loader: Loader | None) -> list[dict[str, Any]]:
    """Extract several documents, as :func:`extract_task` does each; never raises.

    With the project's extractor the documents are parsed together
    (:func:`realpolitik.extract.extract_documents`, spaCy's ``nlp.pipe``), which is faster than one at a time;
    each result's ``seconds`` is then its share of the batch's time, by words. Another extractor is called
    once per document.
    """
    if extractor is not default_extractor:
        return [extract_task(document, extractor, loader) for document in documents]
    from realpolitik.extract import extract_documents

    started = time.perf_counter()
    try:
        nlp = cached_pipeline(loader) if loader is not None else None
        outcomes = [outcome for _, outcome in extract_documents(documents, nlp=nlp, batch_size=len(documents))]
    except Exception as exc:  # noqa: BLE001 - the pipeline itself failed: every document of the batch says so
        outcomes = [exc] * len(documents)
    seconds = time.perf_counter() - started
    results = [_result(document, outcome, 0.0, loader) for document, outcome in zip(documents, outcomes, strict=True)]
    total = sum(result["words"] for result in results) or 1
    for result in results:
        result["seconds"] = seconds * result["words"] / total
    return results


def _result(document: Any, outcome: Any, seconds: float, loader: Loader | None) -> dict[str, Any]:
    """The JSON-ready result of one document: its extraction (or its error) and what the worker spent on it."""
    import psutil

    result: dict[str, Any] = {
        "document_id": document.id,
        "words": len(document.text.split()),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
    if isinstance(outcome, Exception):
        message = str(outcome).splitlines()[0] if str(outcome) else ""
        result.update(ok=False, error=f"{type(outcome).__name__}: {message}")
    else:
        try:
            payload = outcome.model_dump(mode="json") if hasattr(outcome, "model_dump") else dict(outcome)
            result.update(ok=True, payload=payload)
        except Exception as exc:  # noqa: BLE001 - an extractor's result that cannot be stored is its failure
            result.update(ok=False, error=f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    result["seconds"] = seconds
    result["rss"] = psutil.Process().memory_info().rss
    result["peak_rss"] = _peak_rss_bytes()
    result["pipeline_loads"] = pipeline_loads(loader) if loader is not None else 0
    return result
