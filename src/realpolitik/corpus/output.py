"""Writing an ingested document to disk: ``<id>.txt`` (its text) and ``<id>.json`` (its metadata), atomically."""

from __future__ import annotations

import json
from pathlib import Path

from realpolitik.corpus.document import IngestedDocument
from realpolitik.files import write_atomically

__all__ = ["write_document"]


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
    write_atomically(text_path, document.text, code="E112")
    write_atomically(meta_path, json.dumps(meta, indent=2, ensure_ascii=False) + "\n", code="E112")
    return text_path, meta_path
