"""Page data computed in worker processes: the pool a server keeps (:class:`PressPool`) and what its workers run.

A press perturbation holds the interpreter lock for 50–130 ms, so the web app runs it in worker processes instead
of its own threads. The pool and the functions its workers run live beside :mod:`page_data`, not in
:mod:`realpolitik.web`, because a spawned worker imports the module of every function it is sent, and the web
package would bring FastAPI and the app's state into each worker for nothing.

The server sends the model pickled with every task, once pickled per model version; a worker unpickles it only
when the version differs from the one it holds (about 1 ms for the bundled model, where parsing the file again
takes some 400 ms, and the bytes cannot have changed on disk meanwhile).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, CancelledError, Future, ProcessPoolExecutor
from typing import Any

from realpolitik.errors import SimulationError
from realpolitik.model import Model
from realpolitik.report.page_data import press_view

__all__ = ["PRESS_WORKERS", "WORKER_NICENESS", "PressPool", "press_task", "warm"]

#: Worker processes that compute presses: a press holds the interpreter lock for 50-130 ms, which a server's
#: threads would otherwise wait for; two keep a page's presses moving without taking every core of the machine.
PRESS_WORKERS = min(2, os.cpu_count() or 1)

#: How much lower a worker's CPU priority is than the server's (``os.nice``, the pool's initializer): a press may
#: wait a little, a page should not.
WORKER_NICENESS = 5

#: The model this process last computed on, with its version.
_held: tuple[str, Model] | None = None


def _ignore_ctrl_c() -> None:
    # the worker shares the server's terminal, so Ctrl-C reaches it too; the server then shuts its pool down, and
    # the workers would only print a KeyboardInterrupt each
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def warm() -> None:
    """Sent to a new pool so that its workers start (and import the library) before the first press."""
    _ignore_ctrl_c()


def _model(pickled: bytes, version: str) -> Model:
    global _held
    if _held is None or _held[0] != version:
        # the bytes come from the server that made this process, over the pool's own pipe, never from a client
        _held = (version, pickle.loads(pickled))
    return _held[1]


def press_task(pickled: bytes, version: str, concept: str, direction: int, draws: int, seed: int) -> dict[str, Any]:
    """:func:`~realpolitik.report.page_data.press_view`'s data for the model ``pickled`` at ``version``.

    Raises
    ------
    UnknownIdError
        E030 for a concept the model lacks, as ``press_view`` does (it reaches the server as the same error).
    """
    _ignore_ctrl_c()
    return press_view(_model(pickled, version), concept, direction, draws=draws, seed=seed)[0]


class PressPool:
    """Worker processes for page computations, made on first use and made afresh when one of them dies.

    ``workers`` of 0 makes no processes: :meth:`ready` stays false and the caller computes in its own thread.
    """

    def __init__(self, workers: int = PRESS_WORKERS) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._ready_pool: ProcessPoolExecutor | None = None  # the pool once one of its workers has started
        self._lock = threading.Lock()
        self._pickled: tuple[str, bytes] | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: a forked child would inherit the server's threads and whatever locks they held;
        # the priority is lowered first thing, by a function of the standard library: a worker sent one of this
        # module's would import the library (a second of CPU) at the server's priority before running it
        context = multiprocessing.get_context("spawn")
        if hasattr(os, "nice"):
            pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=os.nice,
                                       initargs=(WORKER_NICENESS,))
        else:  # Windows
            pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        # the pool starts a worker for each task it cannot give to an idle one: one no-op each starts them all now
        warmed = functools.partial(self._warmed, pool)
        for _ in range(self.workers):
            pool.submit(warm).add_done_callback(warmed)
        return pool

    def _warmed(self, pool: ProcessPoolExecutor, done: Future) -> None:
        # called in the pool's own thread: an assignment, no lock (the pool may hold its own while it calls this)
        if not done.cancelled() and done.exception() is None:
            self._ready_pool = pool

    @property
    def made(self) -> bool:
        """Whether processes are made (or being made) now."""
        return self._pool is not None

    def ready(self) -> bool:
        """Whether work goes to the workers now: there are some, and one of them has started."""
        pool = self._pool
        return self.workers > 0 and pool is not None and self._ready_pool is pool

    def start(self) -> None:
        """Make the workers without waiting for them (each takes about a second to import the library); nothing
        when they are made already, or ``workers`` is 0."""
        if self.workers <= 0:
            return
        with self._lock:
            if self._pool is None:
                self._pool = self._new_pool()

    def _submit(self, function: Callable[..., Any], *args: Any) -> tuple[ProcessPoolExecutor, Future]:
        with self._lock:
            if self._pool is None:
                self._pool = self._new_pool()
            try:
                return self._pool, self._pool.submit(function, *args)
            except BrokenExecutor:
                # a worker died between two tasks: this call had no part in it, so it goes to a fresh pool
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                return self._pool, self._pool.submit(function, *args)

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in a worker process, waited for here.

        Raises
        ------
        SimulationError
            E285 when the worker stopped before it answered (or the pool was closed meanwhile); the pool is
            dropped, and the next call makes a fresh one.
        """
        pool, future = self._submit(function, *args)
        try:
            return future.result()
        except (BrokenExecutor, CancelledError) as exc:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            reason = "the app shut its workers down" if isinstance(exc, CancelledError) else type(exc).__name__
            raise SimulationError.coded("E285", reason=reason) from exc

    def press(self, model: Model, version: str, concept: str, direction: int, *, draws: int,
              seed: int) -> dict[str, Any]:
        """:func:`press_task` of ``model`` (at ``version``) in a worker; the model is pickled once per version
        (about 1 ms and 80 kB for the bundled model) and sent with every press.

        Until a worker has started (about a second after the pool is made, which this starts), the press is
        computed in the caller's thread: a first press never waits for the workers to import the library.
        """
        if not self.ready():
            self.start()
            return press_view(model, concept, direction, draws=draws, seed=seed)[0]
        with self._lock:
            if self._pickled is None or self._pickled[0] != version:
                self._pickled = (version, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
            pickled = self._pickled[1]
        return self.run(press_task, pickled, version, concept, direction, draws, seed)

    def close(self) -> None:
        """Shut the workers down (they end once their tasks are done); a later call makes new ones."""
        with self._lock:
            pool, self._pool, self._ready_pool = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
