"""The ingested document: normalised text plus what the reader found about it.

Every later stage (extraction, the corpus store, the web app) reads documents in this one shape, whatever
format they came from. Character offsets anywhere in realpolitik index :attr:`IngestedDocument.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["IngestedDocument", "Section"]


@dataclass(frozen=True)
class Section:
    """A headed part of a document: its heading and the character range it covers (heading included)."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class IngestedDocument:
    """A document read, cleaned and normalised.

    ``id`` is the sha256 of the original bytes, so the same file always has the same id; ``text`` is the
    main content only (page boilerplate such as comment forms, share and cookie notices dropped), normalised
    by :func:`realpolitik.corpus.normalise_text`.
    """

    id: str
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sections: tuple[Section, ...] = ()
    language: str | None = None
    source_format: str = "txt"
    path: Path | None = None
    #: Things the reader noticed and the user should know (boilerplate dropped, encoding guessed, …).
    notes: tuple[str, ...] = field(default_factory=tuple)
