"""The state one web app keeps: the model file it serves, and what is computed once per version of that file."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realpolitik.batch import document_texts
from realpolitik.errors import InputFileError
from realpolitik.model import Document, Model, ModelFile, VersionedResults
from realpolitik.model.summary import document_of
from realpolitik.report import build_report_data, quotable_texts, render_html
from realpolitik.report.page_worker import PRESS_WORKERS, PressPool
from realpolitik.store import open_store

__all__ = ["MAX_BODY_BYTES", "PRESS_WORKERS", "REPORT_DRAWS", "AppState", "WebSettings"]

#: The default limit on a request body (``WebSettings.max_body_bytes``, ``serve --max-body-mb``).
MAX_BODY_BYTES = 1024 * 1024
#: Press draws for the downloadable report (the CLI's report uses 10,000; the page waits for this one).
REPORT_DRAWS = 2000


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
    press_workers
        Worker processes for press perturbations (:data:`PRESS_WORKERS` by default); 0 computes them in the
        server's own threads, as a library caller without subprocesses may need.
    """

    model: Path
    documents: list[Path] = field(default_factory=list)
    token: str | None = None
    host: str = "127.0.0.1"
    extra_hosts: list[str] = field(default_factory=list)
    corpus: Path | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    press_workers: int = PRESS_WORKERS


class AppState:
    """What one app serves: the model file, its settings, what is computed once per version of the file
    (:attr:`results`) and the press workers (:attr:`pool`)."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.file = ModelFile(settings.model)
        self.results = VersionedResults(self.file)
        self.pool = PressPool(settings.press_workers)
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
        return self.results.view("texts", lambda model: document_texts(model, self.settings.model,
                                                                       self.settings.documents, self.corpus))

    def update_record(self) -> dict[str, Any] | None:
        """The update record beside the model file (``NAME.update.json``), or ``None`` when it has none; read on
        each call, since an update writes it apart from the model (UpdateError E309 when it is unreadable)."""
        from realpolitik.updates import read_record  # the updates package loads the embedder's stack: only here

        return read_record(self.settings.model)

    def press(self, concept: str, direction: int, *, draws: int, seed: int) -> dict[str, Any]:
        """The press view's data (:func:`~realpolitik.report.page_data.press_view`) of the model as it is now,
        computed once per version and request (:attr:`results`) by :attr:`pool` (:meth:`PressPool.press`).

        Raises
        ------
        UnknownIdError
            E030 for a concept the model lacks.
        SimulationError
            E285 when the worker computing it stopped (killed, out of memory); the next press gets a fresh pool.
        """
        return self.results.result("press", self.press_key(concept, direction, draws, seed), lambda model, version:
                                   self.pool.press(model, version, concept, direction, draws=draws, seed=seed))

    @staticmethod
    def press_key(concept: str, direction: int, draws: int, seed: int) -> Hashable:
        """What tells one press request's result from another's (with the model's version)."""
        return (concept, direction, draws, seed)

    def report_html(self) -> str:
        """The report of the model as it is now (one HTML file)."""
        quoted = quotable_texts(self.settings.model, self.texts())
        return self.results.view("report", lambda model: render_html(build_report_data(
            model, source=self.settings.model.name, draws=REPORT_DRAWS, texts=quoted)))

    def close(self) -> None:
        """Shut the press workers down; a later press makes new ones."""
        self.pool.close()
