"""Simple stand-ins for the extractor, used only where a test checks the batch machinery itself.

They are module-level functions so that Dask workers can import them by name. Each finds capitalised
words ending in "land" (the made-up states of the test texts) and reports them as actors.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

_STATE = re.compile(r"\b[A-Z][a-z]+land\b")


def load() -> str:
    """The 'pipeline': a marker string, loaded once per process."""
    return f"pipeline-{os.getpid()}"


def extract(document, *, nlp=None) -> dict:
    """Actors for the made-up states in ``document``, one mention per occurrence."""
    actors: dict[str, dict] = {}
    for match in _STATE.finditer(document.text):
        actor = actors.setdefault(match.group(0).lower(), {
            "id": match.group(0).lower(), "name": match.group(0), "kind": "state", "mentions": []})
        actor["mentions"].append({"start": match.start(), "end": match.end()})
    return {"document": {"id": document.id}, "actors": list(actors.values()), "notes": [f"by {nlp}"]}


def slow_extract(document, *, nlp=None) -> dict:
    """As :func:`extract`, ``$FAKE_DELAY`` seconds slower, with twenty times the mentions so that writes take time."""
    time.sleep(float(os.environ.get("FAKE_DELAY", "0.1")))
    result = extract(document, nlp=nlp)
    for actor in result["actors"]:
        actor["mentions"] = actor["mentions"] * 20
    return result


def fail_on_poison(document, *, nlp=None) -> dict:
    """As :func:`extract`, but raises on a document that says 'poison'."""
    if "poison" in document.text:
        raise ValueError("this document is poisoned")
    return extract(document, nlp=nlp)


def crash_on_poison(document, *, nlp=None) -> dict:
    """As :func:`extract`, but the worker process dies (no exception, no cleanup) on a document that says 'poison'."""
    if "poison" in document.text:
        os._exit(13)
    return extract(document, nlp=nlp)


def main() -> None:
    """``python -m tests.batch.fakes DB``: a slow in-process batch over the store at DB (killed by a test)."""
    from realpolitik.batch import extract_corpus
    from realpolitik.store import CorpusStore

    store = CorpusStore(Path(sys.argv[1]))
    extract_corpus(store, extractor=slow_extract, loader=load, flush_every=1)


if __name__ == "__main__":
    main()

