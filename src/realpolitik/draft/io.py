"""Reading an extraction (a JSON file, or a document run through the extractor) and writing a model safely."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from realpolitik.corpus.text import read_bytes_checked
from realpolitik.errors import Errors, InputFileError, ModelValidationError, RealpolitikError
from realpolitik.model.io import dump_model, load_model
from realpolitik.model.schema import Model

if TYPE_CHECKING:
    from realpolitik.extract.schema import Extraction

__all__ = ["MAX_EXTRACTION_BYTES", "load_extraction", "load_model_one_line", "read_extraction", "write_model_atomically"]

#: Extraction JSON files above this size are refused (a long report's extraction takes a few MB).
MAX_EXTRACTION_BYTES = 100 * 1024 * 1024


def read_extraction(path: str | Path) -> Extraction:
    """Read an extraction JSON file, as ``realpolitik extract PATH --format json`` writes it.

    Raises
    ------
    InputFileError
        If the file is missing, empty or binary (E001-E008), or is not JSON holding an extraction (E180).
    """
    from realpolitik.extract.schema import Extraction  # here: importing the extract package loads spaCy

    path = Path(path)
    data = read_bytes_checked(path, limit=MAX_EXTRACTION_BYTES)
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputFileError(Errors.E004.format(path=path, reason=f"byte {exc.start}")) from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(Errors.E180.format(path=path, reason=f"not JSON (line {exc.lineno}: {exc.msg})")) from exc
    try:
        return Extraction.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = " -> ".join(str(part) for part in first["loc"]) or "top level"
        reason = f"{where}: {first['msg']}" + (f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else "")
        raise InputFileError(Errors.E180.format(path=path, reason=reason)) from exc


def load_extraction(path: str | Path, *, published: str | None = None) -> Extraction:
    """An extraction JSON file (``*.json``) as it is, or any other document run through the extractor.

    ``published`` (ISO date) is the document's publication date, for a document run through the extractor.

    Raises
    ------
    InputFileError
        If the file cannot be read (see :func:`read_extraction` and the extractor).
    RealpolitikError
        If this installation has no extractor (E185).
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        return read_extraction(path)
    read_bytes_checked(path)  # missing, empty, binary or huge files get their one-line message first
    try:
        from realpolitik.extract import extract_file  # type: ignore[attr-defined]
    except ImportError as exc:
        raise RealpolitikError(Errors.E185.format(path=path, reason="no extractor in this installation")) from exc
    return extract_file(path, published=published)


def load_model_one_line(path: str | Path) -> Model:
    """Load a model, turning a model with problems into one error line (the first problem and a count).

    Raises
    ------
    InputFileError
        If the file cannot be read, or holds an invalid model (E188).
    """
    try:
        return load_model(path)
    except ModelValidationError as exc:
        first = str(exc.problems[0]) if exc.problems else "unknown problem"
        raise InputFileError(Errors.E188.format(path=path, count=len(exc.problems), first=first)) from exc


def _mode_for(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_model_atomically(model: Model, path: str | Path) -> Path:
    """Write ``model`` to ``path`` (JSON for ``.json``, else YAML) through a temporary file and a rename.

    The text is made before any file is touched, and the temporary file is removed on failure, so an
    existing file at ``path`` is either replaced whole or left as it was.

    Raises
    ------
    RealpolitikError
        If the file cannot be written (E183); ``path`` is then unchanged.
    """
    path = Path(path)
    if path.is_dir():
        raise RealpolitikError(Errors.E183.format(path=path, reason="it is a directory"))
    text = dump_model(model, fmt="json" if path.suffix.lower() == ".json" else "yaml")
    temporary = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))  # mkstemp makes the file private; keep the usual (or the old) mode
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise RealpolitikError(Errors.E183.format(path=path, reason=exc.strerror or str(exc))) from exc
    return path
