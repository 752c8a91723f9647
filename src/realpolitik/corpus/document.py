"""The ingested document: normalised text plus what the reader found about it.

Every later stage (extraction, the corpus store, the web app) reads documents in this one shape, whatever
format they came from. Character offsets anywhere in realpolitik index :attr:`IngestedDocument.text`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from realpolitik.corpus.source import coded_error

__all__ = ["IngestedDocument", "Section", "check_published"]

_WORD = re.compile(r"\w+")
# a date, or the date part of an ISO timestamp ("2023-08-02T09:30:00Z")
_ISO_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def check_published(value: str) -> str:
    """A publication date given by the user, as the EDTF day, month or year it names.

    Raises
    ------
    InputFileError
        ``value`` is not an ISO date (E115); its ``code`` attribute is ``"E115"``.

    Examples
    --------
    >>> check_published("2023-08-02"), check_published("2023-08"), check_published(" 2024-03-06T10:00:00Z ")
    ('2023-08-02', '2023-08', '2024-03-06')
    >>> check_published("last Tuesday")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    realpolitik.errors.InputFileError: the publication date must be an ISO date (...), got 'last Tuesday'
    """
    found = _ISO_DATE.fullmatch(str(value).strip())
    problem = coded_error("E115", value=value)
    if found is None:
        raise problem
    year, month, day = found.group("y"), found.group("m"), found.group("d")
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise problem from None
    return "-".join(part for part in (year, month, day) if part)


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
        # counted as they are found: a list of every word of a 50 MB text would hold about ten copies of it
        return sum(1 for _ in _WORD.finditer(self.text))

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
