"""The state one web app keeps: the model file it serves, and what is computed once per version of that file."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realpolitik.batch import document_texts
from realpolitik.errors import InputFileError
from realpolitik.model import Document, Model, ModelFile
from realpolitik.model.summary import document_of
from realpolitik.report import build_report_data, quotable_texts, render_html
from realpolitik.store import open_store

__all__ = ["MAX_BODY_BYTES", "REPORT_DRAWS", "RESULTS_KEPT", "AppState", "WebSettings"]

#: The default limit on a request body (``WebSettings.max_body_bytes``, ``serve --max-body-mb``).
MAX_BODY_BYTES = 1024 * 1024
#: Press draws for the downloadable report (the CLI's report uses 10,000; the page waits for this one).
REPORT_DRAWS = 2000
#: Scenario and press results kept per app (a few kB each): every bundled scenario and press many times over.
RESULTS_KEPT = 512


@dataclass
class WebSettings:
    """What one app serves.

    Attributes
    ----------
    model
        The model file the app reads and changes.
    documents
        Extra files or folders where the model's source documents are looked for (as ``validate --documents``).
    token
        When set, every request must carry it (header, cookie, or ``?token=`` once to set the cookie).
    host
        The host the server binds to; on loopback only loopback ``Host`` headers are accepted.
    extra_hosts
        More ``Host`` names to accept on loopback (a name for 127.0.0.1 in ``/etc/hosts``, a test client's).
    corpus
        A corpus store (its data directory, or the ``.duckdb`` file) whose documents can be added to the model.
    max_body_bytes
        The largest request body accepted (413 with E275 above it); every body the app takes is a small JSON
        object, so the default of 1 MB leaves room for any edit while keeping a flood of bytes out.
    """

    model: Path
    documents: list[Path] = field(default_factory=list)
    token: str | None = None
    host: str = "127.0.0.1"
    extra_hosts: list[str] = field(default_factory=list)
    corpus: Path | None = None
    max_body_bytes: int = MAX_BODY_BYTES


class AppState:
    """What one app serves: the model file, its settings, and what is cached per version of the file."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.file = ModelFile(settings.model)
        self._lock = threading.Lock()
        self._texts: tuple[str, dict[str, str]] | None = None
        self._report: tuple[str, str] | None = None
        self._views: dict[str, tuple[str, Any]] = {}
        self._results: OrderedDict[tuple[str, Hashable, str], Any] = OrderedDict()
        self._computing: dict[tuple[str, Hashable, str], threading.Lock] = {}
        self.corpus = None
        if settings.corpus is not None:
            if not Path(settings.corpus).exists():
                raise InputFileError.coded("E001", path=settings.corpus)
            self.corpus = open_store(settings.corpus)

    def model(self) -> tuple[Model, str]:
        """The checked model and its version (parsed again only when the file changed)."""
        return self.file.load_versioned()

    def document(self, document_id: str) -> Document:
        """The model's document ``document_id`` (UnknownIdError E240 when it has none)."""
        return document_of(self.model()[0], document_id)

    def texts(self) -> dict[str, str]:
        """The source documents' texts at hand, by id (from disk, else from the corpus store)."""
        model, version = self.model()
        with self._lock:
            if self._texts is None or self._texts[0] != version:
                self._texts = (version, document_texts(model, self.settings.model, self.settings.documents,
                                                       self.corpus))
            return self._texts[1]

    def update_record(self) -> dict[str, Any] | None:
        """The update record beside the model file (``NAME.update.json``), or ``None`` when it has none; read on
        each call, since an update writes it apart from the model (UpdateError E309 when it is unreadable)."""
        from realpolitik.updates import read_record  # the updates package loads the embedder's stack: only here

        return read_record(self.settings.model)

    def view(self, name: str, make: Callable[[Model], Any]) -> Any:
        """``make(model)``, computed once per version of the model file and held for the newest version only."""
        model, version = self.model()
        cached = self._views.get(name)
        if cached is None or cached[0] != version:
            cached = (version, make(model))
            self._views[name] = cached
        return cached[1]

    def result(self, name: str, key: Hashable, make: Callable[[Model], Any]) -> Any:
        """``make(model)`` for one request ``key`` of the route ``name``, computed once per version of the model
        file; clients asking for the same result at once wait for one computation instead of each running it.
        The newest :data:`RESULTS_KEPT` results are kept; the caller must not change what it gets."""
        model, version = self.model()
        slot = (name, key, version)
        with self._lock:
            if slot in self._results:
                self._results.move_to_end(slot)
                return self._results[slot]
            computing = self._computing.setdefault(slot, threading.Lock())
        with computing:
            with self._lock:
                if slot in self._results:
                    return self._results[slot]
            try:
                value = make(model)
            finally:
                with self._lock:
                    self._computing.pop(slot, None)
            with self._lock:
                self._results[slot] = value
                while len(self._results) > RESULTS_KEPT:
                    self._results.popitem(last=False)
            return value

    def report_html(self) -> str:
        """The report of the model as it is now (one HTML file)."""
        model, version = self.model()
        # the texts are looked up before taking the lock: texts() takes it too, and the lock is not re-entrant
        quoted = quotable_texts(self.settings.model, self.texts())
        with self._lock:
            if self._report is None or self._report[0] != version:
                data = build_report_data(model, source=self.settings.model.name, draws=REPORT_DRAWS, texts=quoted)
                self._report = (version, render_html(data))
            return self._report[1]
