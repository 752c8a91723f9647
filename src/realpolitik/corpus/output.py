"""Writing an ingested document to disk: ``<id>.txt`` (its text) and ``<id>.json`` (its metadata), atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from realpolitik.corpus.document import IngestedDocument
from realpolitik.corpus.source import coded_error

__all__ = ["write_document"]


def _write_atomically(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_document(document: IngestedDocument, directory: str | Path) -> tuple[Path, Path]:
    """Write ``document``'s text as ``<id>.txt`` and its metadata as ``<id>.json`` in ``directory``.

    Each file is written to a temporary name and renamed into place, so a reader never sees half a file;
    the text is written first, so a ``.json`` always has its ``.txt``.

    Returns
    -------
    tuple of (Path, Path)
        The text file and the metadata file.

    Raises
    ------
    InputFileError
        E112 when the folder cannot be made or written.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> text_file, meta_file = write_document(IngestedDocument(id="ab12", text="Talks stalled."), folder)
    >>> text_file.read_text(encoding="utf-8"), json.loads(meta_file.read_text())["words"]
    ('Talks stalled.', 2)
    """
    directory = Path(directory)
    text_path = directory / f"{document.id}.txt"
    meta_path = directory / f"{document.id}.json"
    meta = document.as_dict(text=False)
    meta["text_file"] = text_path.name
    meta["characters"] = len(document.text)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _write_atomically(text_path, document.text)
        _write_atomically(meta_path, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise coded_error("E112", path=directory, reason=exc.strerror or type(exc).__name__) from exc
    return text_path, meta_path
