"""Guarded file reading and the text normalisation every character offset refers to.

A document's id is the sha256 of its original bytes; evidence offsets index the
*normalised* text (Unicode NFC, ``\\r\\n`` and ``\\r`` turned into ``\\n``), so the
same bytes always give the same offsets whatever the platform.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from realpolitik.corpus.source import decode_bytes
from realpolitik.errors import Errors, InputFileError
from realpolitik.files import MB

__all__ = ["MAX_TEXT_BYTES", "SourceText", "normalise_text", "read_bytes_checked", "read_source_text", "sha256_hex"]

#: Largest input read by default; larger files are refused with a clear message.
MAX_TEXT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A document's identity and its normalised text."""

    id: str
    text: str
    path: Path


def sha256_hex(data: bytes) -> str:
    """Return the lowercase hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


#: Space characters that web pages scatter through text; each becomes one plain space (offsets keep their length).
_ODD_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " "})


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC, every line break as ``\\n`` and no-break or thin spaces as plain spaces.

    Analysts search and quote with ordinary spaces; a no-break space copied from
    a web page would make an exact phrase unfindable.

    Examples
    --------
    >>> normalise_text("a\\r\\nb\\rc")
    'a\\nb\\nc'
    >>> normalise_text("40\\u00a0hours")
    '40 hours'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).translate(_ODD_SPACES)


def read_bytes_checked(path: str | Path, *, limit: int = MAX_TEXT_BYTES, binary: bool = False) -> bytes:
    """Read a file's bytes, refusing missing, empty, oversized and (unless ``binary``) binary files.

    ``binary=True`` is for formats that hold NUL bytes by design (a workbook): only an empty file is refused then.

    Raises
    ------
    InputFileError
        With a one-line message naming the path and what is wrong.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(Errors.E001.format(path=path))
    if path.is_dir():
        raise InputFileError(Errors.E008.format(path=path))
    size = path.stat().st_size
    if size > limit:
        raise InputFileError(Errors.E005.format(path=path, size_mb=size / MB, limit_mb=limit / MB))
    data = path.read_bytes()
    if not (data if binary else data.strip()):
        raise InputFileError(Errors.E002.format(path=path))
    if not binary and b"\x00" in data:
        raise InputFileError(Errors.E003.format(path=path))
    return data


def read_source_text(path: str | Path, *, limit: int = MAX_TEXT_BYTES) -> SourceText:
    """Read a UTF-8 text document and return its id (sha256 of the bytes) and normalised text.

    Raises
    ------
    InputFileError
        If the file is missing, empty, binary, too large or not UTF-8.

    See Also
    --------
    realpolitik.corpus.ingest_file : reads other formats and encodings too; for UTF-8 plain text its ``text``
        is a prefix of this one's, with boilerplate lines blanked.
    """
    path = Path(path)
    data = read_bytes_checked(path, limit=limit)
    decoded, _ = decode_bytes(data, path, guess=False)  # the same decoding as ingest_file, without guessing
    return SourceText(id=sha256_hex(data), text=normalise_text(decoded), path=path)
