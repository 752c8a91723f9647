"""Adding files to the corpus store: folders walked, bad files reported and skipped, duplicates counted."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from realpolitik.corpus.document import IngestedDocument
from realpolitik.corpus.progress import progress_bar
from realpolitik.corpus.store import AddResult, CorpusStore
from realpolitik.corpus.text import read_source_text
from realpolitik.errors import Errors, InputFileError

__all__ = ["add_paths", "collect_files", "read_document"]

#: Files read before they are written in one short write session (the database is held only while writing).
_CHUNK = 32


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files named or found under the folders named (hidden files and folders skipped), sorted per folder.

    Returns
    -------
    files, problems
        The files to read, and (path, message) for each path that is missing or an empty folder.

    Examples
    --------
    >>> collect_files(["/no/such/place"])[1]
    [('/no/such/place', 'no such file: /no/such/place')]
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
            if not found:
                problems.append((str(path), Errors.E149.format(path=path)))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append((str(path), Errors.E001.format(path=path)))
    return files, problems


def read_document(path: Path) -> IngestedDocument:
    """Read one file as an :class:`IngestedDocument` with the project's reader.

    Raises
    ------
    InputFileError
        When the file is missing, unreadable, empty, binary or cannot be decoded.
    """
    try:
        source = read_source_text(path)
    except InputFileError:
        raise
    except OSError as exc:
        raise InputFileError(Errors.E138.format(path=path, reason=exc.strerror or exc)) from exc
    suffix = path.suffix.lower().lstrip(".")
    return IngestedDocument(id=source.id, text=source.text, path=path,
                            source_format="md" if suffix in {"md", "markdown"} else "txt")


def _read_all(files: list[Path], result: AddResult) -> Iterator[IngestedDocument]:
    for path in files:
        try:
            yield read_document(path)
        except InputFileError as exc:
            result.failed.append((str(path), str(exc)))


def add_paths(store: CorpusStore, paths: Iterable[str | Path], *, progress: bool = False) -> AddResult:
    """Read every file named (folders walked) and store the documents not stored yet.

    A file that cannot be read is listed in ``failed`` with its one-line message and the rest go on; a
    file whose bytes are already stored is listed in ``duplicates`` and adds nothing. Each document is
    written in its own transaction, so an interrupted run keeps what it had written.

    Parameters
    ----------
    store : CorpusStore
    paths : iterable of str or Path
        Files and folders.
    progress : bool
        Show a progress bar with an ETA on stderr.

    Returns
    -------
    AddResult

    Raises
    ------
    CorpusStoreError
        When the database cannot be opened (damaged, locked).
    """
    files, problems = collect_files(paths)
    result = AddResult(failed=list(problems))
    with progress_bar(len(files), "adding", enabled=progress) as bar:
        for start in range(0, len(files), _CHUNK):
            chunk = files[start:start + _CHUNK]
            failed_before = len(result.failed)
            documents = list(_read_all(chunk, result))
            bar.advance(len(result.failed) - failed_before)
            part = store.add_documents(
                documents, on_each=lambda doc, new: bar.advance(words=len(doc.text.split()) if new else 0)
            )
            result.added.extend(part.added)
            result.duplicates.extend(part.duplicates)
            result.words += part.words
    return result
