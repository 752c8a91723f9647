"""Markdown: kept as written (markup included, so offsets match the file), headings read as Markdown's."""

from __future__ import annotations

from pathlib import Path

from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import decode_bytes
from realpolitik.corpus.text import normalise_text

__all__ = ["read"]


def read(data: bytes, path: Path) -> ReaderOutput:
    """Decode and normalise a Markdown file; ``#`` and underlined lines are its headings.

    Examples
    --------
    >>> out = read(b"# Title\\n\\nBody.", Path("a.md"))
    >>> out.text, out.markdown
    ('# Title\\n\\nBody.', True)
    """
    text, notes = decode_bytes(data, path)
    return ReaderOutput(text=normalise_text(text), markdown=True, notes=notes)
