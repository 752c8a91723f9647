"""Adding files to the corpus store: folders walked, bad files reported and skipped, duplicates counted."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from realpolitik.corpus.document import IngestedDocument
from realpolitik.corpus.ingest import find_documents, ingest_file
from realpolitik.errors import Errors, RealpolitikError
from realpolitik.progress import progress_bar
from realpolitik.store.database import AddResult, CorpusStore

__all__ = ["add_paths"]

#: Files read before they are written in one short write session (the database is held only while writing).
_CHUNK = 32


def _irregular(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """Entries under the folders named that are not regular files (dangling links, pipes), so none goes unreported."""
    found = []
    for given in map(Path, paths):
        if not given.is_dir():
            continue
        for root, dirs, names in os.walk(given):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                path = Path(root) / name
                if not name.startswith(".") and not path.is_file():
                    reason = "a link to nothing" if path.is_symlink() else "not a regular file"
                    found.append((str(path), Errors.E138.format(path=path, reason=reason)))
    return found


def _read_all(files: list[Path], result: AddResult, published: str | None) -> Iterator[IngestedDocument]:
    for path in files:
        try:
            yield ingest_file(path, published=published)
        except RealpolitikError as exc:
            result.failed.append((str(path), str(exc)))
        except OSError as exc:  # a file that vanished or turned unreadable between listing and reading
            result.failed.append((str(path), Errors.E138.format(path=path, reason=exc.strerror or exc)))


def add_paths(store: CorpusStore, paths: Iterable[str | Path], *, progress: bool = False,
              published: str | None = None) -> AddResult:
    """Read every file named (folders walked) and store the documents not stored yet.

    Files are read by :func:`realpolitik.corpus.ingest_file` (text, Markdown, HTML, PDF). A file that
    cannot be read is listed in ``failed`` with its one-line message and the rest go on; a file whose
    bytes are already stored is listed in ``duplicates`` and adds nothing. Each document is written in
    its own transaction, so an interrupted run keeps what it had written.

    Parameters
    ----------
    store : CorpusStore
    paths : iterable of str or Path
        Files and folders (hidden files inside folders are skipped).
    progress : bool
        Show a progress bar with an ETA on stderr.
    published : str, optional
        The publication date (ISO) of every document added, over the one a document states.

    Returns
    -------
    AddResult

    Raises
    ------
    CorpusStoreError
        When the database cannot be opened (damaged, locked).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("The two states signed a water treaty in May.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_text("The two states signed a water treaty in May.", encoding="utf-8")
    >>> _ = (folder / "c.txt").write_bytes(b"")
    >>> result = add_paths(CorpusStore(folder / "db" / "corpus.duckdb"), [folder])
    >>> len(result.added), [Path(p).name for p, _ in result.duplicates], [Path(p).name for p, _ in result.failed]
    (1, ['b.txt'], ['c.txt'])
    """
    paths = list(paths)
    files, problems = find_documents(paths)
    own = {store.path.resolve(), store.path.resolve().with_name(store.path.name + ".wal")}
    files = [f for f in files if f.resolve() not in own]  # the database itself, when a folder holds it
    result = AddResult(failed=[(str(f.path), f.message) for f in problems] + _irregular(paths))
    with progress_bar(len(files), "adding", enabled=progress) as bar:
        for start in range(0, len(files), _CHUNK):
            chunk = files[start:start + _CHUNK]
            failed_before = len(result.failed)
            documents = list(_read_all(chunk, result, published))
            bar.advance(len(result.failed) - failed_before)
            part = store.add_documents(
                documents, on_each=lambda doc, new: bar.advance(words=len(doc.text.split()) if new else 0)
            )
            result.added.extend(part.added)
            result.duplicates.extend(part.duplicates)
            result.words += part.words
    return result
