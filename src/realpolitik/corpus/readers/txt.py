"""Plain text: decoded and normalised exactly as :func:`realpolitik.corpus.read_source_text` does."""

from __future__ import annotations

from pathlib import Path

from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import decode_bytes
from realpolitik.corpus.text import normalise_text

__all__ = ["read"]


def read(data: bytes, path: Path) -> ReaderOutput:
    """Decode and normalise a plain-text file; headings are short lines alone between paragraphs.

    Examples
    --------
    >>> read(b"Title\\r\\n\\r\\nBody.", Path("a.txt")).text
    'Title\\n\\nBody.'
    """
    text, notes = decode_bytes(data, path)
    return ReaderOutput(text=normalise_text(text), markdown=False, notes=notes)
