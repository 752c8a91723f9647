"""PDF: the text layer of each page, extracted by pypdf, pages separated by a blank line."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import coded_error
from realpolitik.corpus.text import normalise_text

__all__ = ["read"]

#: Titles that PDF writers fill in by themselves and that say nothing about the document.
_EMPTY_TITLES = re.compile(r"^(untitled|microsoft word - .*|document\d*|.*\.(docx?|pdf|tex|odt))$", re.IGNORECASE)


def read(data: bytes, path: Path) -> ReaderOutput:
    """Extract a PDF's text, page by page, and its document-information title, author and date.

    Raises
    ------
    InputFileError
        E108 when the PDF cannot be parsed or is encrypted; E107 when it has no text layer (a scan).
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise coded_error("E108", path=path, reason="it is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except PdfReadError as exc:
        raise coded_error("E108", path=path, reason=str(exc).strip().rstrip(".") or "malformed") from exc
    except (ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise coded_error("E108", path=path, reason=f"malformed ({type(exc).__name__})") from exc
    finally:
        quiet.setLevel(level)
    pages = [normalise_text(page).strip("\n") for page in pages]
    if not any(page.strip() for page in pages):
        raise coded_error("E107", path=path)
    title = author = published = None
    if info is not None:
        title = (info.title or "").strip() or None
        if title and _EMPTY_TITLES.match(title):
            title = None
        author = (info.author or "").strip() or None
        try:
            created = info.creation_date
        except (ValueError, TypeError):
            created = None
        published = created.strftime("%Y-%m-%d") if created is not None else None
    notes = [f"text layer of {len(pages)} PDF page(s) extracted by pypdf; pages are separated by a blank line"]
    if published:
        notes.append("the date is the PDF's creation date, which may differ from the publication date")
    return ReaderOutput(
        text="\n\n".join(pages) + "\n", markdown=False, title=title, author=author, published=published, notes=notes
    )
