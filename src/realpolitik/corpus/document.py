"""The ingested document: normalised text plus what the reader found about it.

Every later stage (extraction, the corpus store, the web app) reads documents in this one shape, whatever
format they came from. Character offsets anywhere in realpolitik index :attr:`IngestedDocument.text`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["IngestedDocument", "Section"]

_WORD = re.compile(r"\w+")


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

    @property
    def words(self) -> int:
        """Number of words (runs of letters and digits) in :attr:`text`."""
        return len(_WORD.findall(self.text))

    def as_dict(self, *, text: bool = True) -> dict:
        """The document as plain JSON-ready data (``text`` left out when ``text=False``).

        Examples
        --------
        >>> doc = IngestedDocument(id="ab", text="One two.", sections=(Section("One", 0, 8),))
        >>> doc.as_dict(text=False)["sections"]
        [{'title': 'One', 'start': 0, 'end': 8}]
        >>> IngestedDocument.from_dict(doc.as_dict()) == doc
        True
        """
        data = asdict(self)
        data["path"] = str(self.path) if self.path is not None else None
        data["sections"] = [asdict(section) for section in self.sections]
        data["notes"] = list(self.notes)
        data["words"] = self.words
        if not text:
            del data["text"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> IngestedDocument:
        """Rebuild a document from :meth:`as_dict` output (extra keys such as ``words`` are ignored)."""
        return cls(
            id=data["id"],
            text=data["text"],
            title=data.get("title"),
            author=data.get("author"),
            published=data.get("published"),
            sections=tuple(Section(**section) for section in data.get("sections", ())),
            language=data.get("language"),
            source_format=data.get("source_format", "txt"),
            path=Path(data["path"]) if data.get("path") else None,
            notes=tuple(data.get("notes", ())),
        )
