"""The state one web app keeps: the model file it serves, and what is computed once per version of that file."""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import BrokenExecutor, CancelledError, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realpolitik.batch import document_texts
from realpolitik.errors import InputFileError, SimulationError
from realpolitik.model import Document, Model, ModelFile
from realpolitik.model.summary import document_of
from realpolitik.report import build_report_data, page_worker, quotable_texts, render_html
from realpolitik.report.page_data import press_view
from realpolitik.store import open_store

__all__ = ["MAX_BODY_BYTES", "PRESS_WORKERS", "REPORT_DRAWS", "RESULTS_KEPT", "AppState", "WebSettings"]

#: The default limit on a request body (``WebSettings.max_body_bytes``, ``serve --max-body-mb``).
MAX_BODY_BYTES = 1024 * 1024
#: Press draws for the downloadable report (the CLI's report uses 10,000; the page waits for this one).
REPORT_DRAWS = 2000
#: Scenario and press results kept per app (a few kB each): every bundled scenario and press many times over.
RESULTS_KEPT = 512
#: Worker processes that compute presses: a press holds the interpreter lock for 50-130 ms, which the server's
#: threads would otherwise wait for; two keep a page's presses moving without taking every core of the machine.
PRESS_WORKERS = min(2, os.cpu_count() or 1)


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
        self._pool: ProcessPoolExecutor | None = None
        self._ready_pool: ProcessPoolExecutor | None = None  # the pool once one of its workers has started
        self._pool_lock = threading.Lock()
        self._pickled: tuple[str, bytes] | None = None
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
        return self._result(name, key, lambda model, _version: make(model))

    def stored_result(self, name: str, key: Hashable) -> Any | None:
        """The result :meth:`result` keeps for ``key`` of the route ``name`` at the file's present version, or
        None; never waits for a computation or a parse (only reads the file to learn its version), so an async
        route can answer from it without leaving the event loop."""
        slot = (name, key, self.file.version())
        with self._lock:
            if slot not in self._results:
                return None
            self._results.move_to_end(slot)  # a result asked for often stays among the newest kept
            return self._results[slot]

    def _result(self, name: str, key: Hashable, make: Callable[[Model, str], Any]) -> Any:
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
                value = make(model, version)
            finally:
                with self._lock:
                    self._computing.pop(slot, None)
            with self._lock:
                self._results[slot] = value
                while len(self._results) > RESULTS_KEPT:
                    self._results.popitem(last=False)
            return value

    def press(self, concept: str, direction: int, *, draws: int, seed: int) -> dict[str, Any]:
        """The press view's data (:func:`~realpolitik.report.page_data.press_view`) of the model as it is now,
        computed once per version and request (as :meth:`result`), in a worker process of the app's pool.

        Until a worker of the pool has started (about a second after the pool is made, on a first press or when
        the scenario list is read), presses are computed in the server's own thread, as they were before the pool:
        a first press never waits for the workers to import the library.

        Raises
        ------
        UnknownIdError
            E030 for a concept the model lacks.
        SimulationError
            E285 when the worker computing it stopped (killed, out of memory); the next press gets a fresh pool.
        """
        key = self.press_key(concept, direction, draws, seed)
        if not self.press_workers_ready():
            self.start_press_workers()
            return self.result("press", key, lambda model: press_view(model, concept, direction, draws=draws,
                                                                      seed=seed)[0])
        return self._result("press", key, lambda model, version: self.in_pool(
            page_worker.press_task, self._pickled_model(model, version), version, concept, direction, draws, seed))

    @staticmethod
    def press_key(concept: str, direction: int, draws: int, seed: int) -> Hashable:
        """What tells one press request's result from another's (with the model's version)."""
        return (concept, direction, draws, seed)

    def _pickled_model(self, model: Model, version: str) -> bytes:
        # pickled once per version (about 1 ms and 80 kB for the bundled model), sent with every press
        with self._lock:
            if self._pickled is None or self._pickled[0] != version:
                self._pickled = (version, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
            return self._pickled[1]

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: a forked child would inherit uvicorn's threads and whatever locks they held
        # the priority is lowered first thing, by a function of the standard library: a worker sent one of
        # page_worker's would import the library (a second of CPU) at the server's priority before running it
        context, workers = multiprocessing.get_context("spawn"), self.settings.press_workers
        if hasattr(os, "nice"):
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=os.nice,
                                       initargs=(page_worker.WORKER_NICENESS,))
        else:  # Windows
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        # the pool starts a worker for each task it cannot give to an idle one: one no-op each starts them all now
        warmed = functools.partial(self._warmed, pool)
        for _ in range(self.settings.press_workers):
            pool.submit(page_worker.warm).add_done_callback(warmed)
        return pool

    def _warmed(self, pool: ProcessPoolExecutor, done: Future) -> None:
        # called in the pool's own thread: an assignment, no lock (the pool may hold its own while it calls this)
        if not done.cancelled() and done.exception() is None:
            self._ready_pool = pool

    def press_workers_ready(self) -> bool:
        """Whether presses go to the pool now: it has workers, and one of them has started."""
        pool = self._pool
        return self.settings.press_workers > 0 and pool is not None and self._ready_pool is pool

    def _submit(self, function: Callable[..., Any], *args: Any) -> tuple[ProcessPoolExecutor, Future]:
        with self._pool_lock:
            if self._pool is None:
                self._pool = self._new_pool()
            try:
                return self._pool, self._pool.submit(function, *args)
            except BrokenExecutor:
                # a worker died between two tasks: this request had no part in it, so it goes to a fresh pool
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                return self._pool, self._pool.submit(function, *args)

    def in_pool(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in a worker process of the app's pool (made on first use), waited for here.

        Raises
        ------
        SimulationError
            E285 when the worker stopped before it answered (or the app shut its pool down meanwhile); the pool is
            dropped, and the next call makes a fresh one.
        """
        pool, future = self._submit(function, *args)
        try:
            return future.result()
        except (BrokenExecutor, CancelledError) as exc:
            with self._pool_lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            reason = "the app shut its workers down" if isinstance(exc, CancelledError) else type(exc).__name__
            raise SimulationError.coded("E285", reason=reason) from exc

    def start_press_workers(self) -> None:
        """Make the press pool and start its workers, without waiting for them (a worker takes about a second to
        import the library); nothing when the pool is made already, or presses run in the server's process."""
        if self.settings.press_workers <= 0:
            return
        with self._pool_lock:
            if self._pool is None:
                self._pool = self._new_pool()

    def close(self) -> None:
        """Shut the press pool down (its workers end once their tasks are done); a later press makes a new one."""
        with self._pool_lock:
            pool, self._pool, self._ready_pool = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

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
