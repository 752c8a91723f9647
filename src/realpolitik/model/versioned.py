"""What a long-lived caller (the web app, a notebook's session) computes from a model file once per version of it.

A value is keyed by a name, a request key and the file's version (:meth:`ModelFile.version`, a digest of its
bytes): an edit of the file, by anyone, makes a new version, so nothing stale is answered and nothing has to be
told to forget.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from realpolitik.model.file import ModelFile
from realpolitik.model.schema import Model

__all__ = ["RESULTS_KEPT", "VersionedResults"]

#: Results kept by default (a few kB each for scenario and press answers): every bundled scenario many times over.
RESULTS_KEPT = 512


class VersionedResults:
    """Results computed from ``file`` once per version of it, the newest ``kept`` kept.

    Clients asking for the same result at once wait for one computation instead of each running it; a callable
    that raises stores nothing, so the next request computes afresh. Callers must not change what they get.

    Examples
    --------
    >>> from realpolitik.data import bundled_model_path
    >>> from realpolitik.model import ModelFile
    >>> results = VersionedResults(ModelFile(bundled_model_path()))
    >>> results.stored("count", "actors") is None
    True
    >>> results.result("count", "actors", lambda model, version: len(model.actors)) > 0
    True
    >>> results.stored("count", "actors") == len(results.file.load().actors)
    True
    """

    def __init__(self, file: ModelFile, *, kept: int = RESULTS_KEPT) -> None:
        self.file, self.kept = file, kept
        self._lock = threading.Lock()
        self._results: OrderedDict[tuple[str, Hashable, str], Any] = OrderedDict()
        self._computing: dict[tuple[str, Hashable, str], threading.Lock] = {}
        self._views: dict[str, tuple[str, Any]] = {}

    def view(self, name: str, make: Callable[[Model], Any]) -> Any:
        """``make(model)``, computed once per version and held for the newest version only (one per ``name``)."""
        model, version = self.file.load_versioned()

        def held() -> tuple[bool, Any]:
            entry = self._views.get(name)
            return (True, entry[1]) if entry is not None and entry[0] == version else (False, None)

        def keep(value: Any) -> None:
            self._views[name] = (version, value)

        return self._once((name, None, version), held, keep, lambda: make(model))

    def stored(self, name: str, key: Hashable) -> Any | None:
        """The result kept for ``key`` of ``name`` at the file's present version, or None; never waits for a
        computation or a parse (it only reads the file to learn its version), so an async caller can answer from
        it without leaving its event loop."""
        slot = (name, key, self.file.version())
        with self._lock:
            if slot not in self._results:
                return None
            self._results.move_to_end(slot)  # a result asked for often stays among the newest kept
            return self._results[slot]

    def result(self, name: str, key: Hashable, make: Callable[[Model, str], Any]) -> Any:
        """``make(model, version)`` for ``key`` of ``name``, computed once per version of the file."""
        model, version = self.file.load_versioned()
        slot = (name, key, version)

        def held() -> tuple[bool, Any]:
            if slot not in self._results:
                return False, None
            self._results.move_to_end(slot)
            return True, self._results[slot]

        def keep(value: Any) -> None:
            self._results[slot] = value
            while len(self._results) > self.kept:
                self._results.popitem(last=False)

        return self._once(slot, held, keep, lambda: make(model, version))

    def _once(self, slot: tuple[str, Hashable, str], held: Callable[[], tuple[bool, Any]],
              keep: Callable[[Any], None], make: Callable[[], Any]) -> Any:
        """What ``held`` finds (under the lock), else ``make()`` kept by ``keep``, made by one caller of ``slot``
        while the others wait for it."""
        with self._lock:
            found, value = held()
            if found:
                return value
            computing = self._computing.setdefault(slot, threading.Lock())
        with computing:
            with self._lock:
                found, value = held()
                if found:
                    return value
            try:
                value = make()
                with self._lock:
                    keep(value)  # kept before the slot is freed, so a caller arriving now finds it
            finally:
                with self._lock:
                    self._computing.pop(slot, None)
            return value
