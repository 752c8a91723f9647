"""A progress bar with an ETA on stderr, shared by ``corpus add`` and the batch runner."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["ProgressBar", "progress_bar"]


class ProgressBar:
    """One task of a rich progress bar; ``advance`` moves it on and counts words for the rate shown."""

    def __init__(self, progress: Progress | None, total: int, description: str) -> None:
        self._progress = progress
        self.words = 0
        self._task = progress.add_task(description, total=total, words="0") if progress else None

    def advance(self, steps: int = 1, *, words: int = 0) -> None:
        self.words += words
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=steps, words=f"{self.words:,}")


@contextmanager
def progress_bar(total: int, description: str, *, enabled: bool = True) -> Iterator[ProgressBar]:
    """A bar on stderr (items done of ``total``, words, elapsed, ETA); ``enabled=False`` shows nothing.

    Examples
    --------
    >>> with progress_bar(3, "reading", enabled=False) as bar:
    ...     bar.advance(words=10)
    >>> bar.words
    10
    """
    if not enabled:
        yield ProgressBar(None, total, description)
        return
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[words]} words"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    with progress:
        yield ProgressBar(progress, total, description)
