"""One reader per document format, chosen by the file's suffix and by sniffing its first bytes.

A reader turns a file's bytes into normalised text plus whatever metadata the format itself carries (HTML and
PDF metadata); the shared steps (boilerplate, structure, language) run after it in
:func:`realpolitik.corpus.ingest_file`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from realpolitik.corpus.readers import html, md, pdf, txt
from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import coded_error

__all__ = ["FORMATS", "ReaderOutput", "detect_format", "reader_for"]

#: Suffix -> format; files with other suffixes are sniffed.
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}

_BLOCK_TAG = re.compile(rb"<(?:p|div|body|article|main|section|h[1-6]|title|head|table|ul|ol|br)\b")

_READERS: dict[str, Callable[[bytes, Path], ReaderOutput]] = {
    "txt": txt.read,
    "md": md.read,
    "html": html.read,
    "pdf": pdf.read,
}


def _looks_like_html(data: bytes, *, named_html: bool) -> bool:
    """A whole page anywhere; for a file named .html, a fragment of block markup (``<p>``, ``<div>``…) is enough."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:65536].lower():
        return True
    return named_html and _BLOCK_TAG.search(head) is not None


def detect_format(path: Path, data: bytes) -> tuple[str, list[str]]:
    """The format to read ``data`` as, and a note when the suffix and the content disagree.

    Examples
    --------
    >>> detect_format(Path("a.txt"), b"plain")
    ('txt', [])
    >>> detect_format(Path("page.txt"), b"<!DOCTYPE html><html><body>x</body></html>")
    ('html', ['the file is named .txt but holds HTML; read as HTML'])
    >>> detect_format(Path("notes"), b"plain")
    ('txt', [])
    """
    suffix = path.suffix.lower()
    named = FORMATS.get(suffix)
    if data.startswith(b"%PDF-"):
        found = "pdf"
    elif named == "pdf":
        raise coded_error("E108", path=path, reason="it is named .pdf but does not start with %PDF-")
    elif _looks_like_html(data, named_html=named == "html"):
        found = "html"
    else:
        found = named if named in ("txt", "md") else "txt"
    notes = []
    if named is not None and named != found:
        notes.append(f"the file is named {suffix} but holds {found.upper()}; read as {found.upper()}")
    elif named is None and suffix:
        notes.append(f"unknown suffix {suffix}: read as {found.upper() if found != 'txt' else 'plain text'}")
    return found, notes


def reader_for(fmt: str) -> Callable[[bytes, Path], ReaderOutput]:
    """The reader function of a format name (``txt``, ``md``, ``html``, ``pdf``)."""
    try:
        return _READERS[fmt]
    except KeyError:
        raise coded_error("E109", fmt=fmt, known=", ".join(sorted(_READERS)), path="-") from None
