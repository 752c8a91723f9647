"""Page data computed in a worker process of the web app's pool (see :class:`realpolitik.web.state.AppState`).

A press perturbation holds the interpreter lock for 50–130 ms, so the web app runs it in worker processes instead
of its own threads. The functions here are what such a worker runs: they live beside :mod:`page_data`, not in
:mod:`realpolitik.web`, because a spawned worker imports the module of every function it is sent, and the web
package would bring FastAPI and the app's state into each worker for nothing.

The server sends the model pickled with every task, once pickled per model version; a worker unpickles it only
when the version differs from the one it holds (about 1 ms for the bundled model, where parsing the file again
takes some 400 ms, and the bytes cannot have changed on disk meanwhile).
"""

from __future__ import annotations

import pickle
import signal
from typing import Any

from realpolitik.model import Model
from realpolitik.report.page_data import press_view

__all__ = ["WORKER_NICENESS", "press_task", "warm"]

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
