"""Reading an extraction (a JSON file, or a document run through the extractor), and a model in one line."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from realpolitik.corpus.text import read_bytes_checked
from realpolitik.errors import Errors, InputFileError, ModelValidationError, RealpolitikError
from realpolitik.files import StructureLimitError, load_json
from realpolitik.model import load_model
from realpolitik.model.schema import Model
from realpolitik.record import Extraction

__all__ = ["MAX_EXTRACTION_BYTES", "load_extraction", "load_model_one_line", "read_extraction"]

#: Extraction JSON files above this size are refused (a long report's extraction takes a few MB).
MAX_EXTRACTION_BYTES = 100 * 1024 * 1024


def read_extraction(path: str | Path) -> Extraction:
    """Read an extraction JSON file, as ``realpolitik extract PATH --format json`` writes it.

    Raises
    ------
    InputFileError
        If the file is missing, empty or binary (E001-E008), or is not JSON holding an extraction (E180).
    """
    path = Path(path)
    data = read_bytes_checked(path, limit=MAX_EXTRACTION_BYTES)
    try:
        raw = load_json(data.decode("utf-8-sig"))
    except StructureLimitError as exc:
        raise InputFileError.coded("E180", path=path, reason=str(exc)) from exc
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
    try:  # the ingest stage reads the document (any encoding and format it knows) and says what is wrong with it
        from realpolitik.extract import extract_file
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
