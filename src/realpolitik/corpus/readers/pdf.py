"""PDF: the text layer of each page, extracted by pypdf, pages separated by a blank line."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import coded_error
from realpolitik.corpus.text import normalise_text

__all__ = ["drop_running_lines", "read"]

_DIGITS = re.compile(r"\d+")
#: Running lines are looked for among this many lines at each end of a page ...
_EDGE = 2
#: ... on documents of at least this many pages, and must recur on this share of them.
_MIN_PAGES = 3
_RUNNING_SHARE = 0.6
#: A running header or footer is short; a long recurring line is content.
_MAX_RUNNING = 100

#: Titles that PDF writers fill in by themselves and that say nothing about the document.
_EMPTY_TITLES = re.compile(r"^(untitled|microsoft word - .*|document\d*|.*\.(docx?|pdf|tex|odt))$", re.IGNORECASE)


def _shape(line: str) -> str:
    """A line with its numbers blanked, so that "Page 3 of 9" and "Page 4 of 9" are the same running line."""
    return _DIGITS.sub("#", line.strip().lower())


def drop_running_lines(pages: list[str]) -> tuple[list[str], int]:
    """Drop running headers and footers: first or last lines that recur, numbers aside, on most pages.

    Only documents of three pages or more are looked at, and only the first and last two lines of each page.

    Examples
    --------
    >>> bodies = ["The fleet left port.", "Talks went on.", "A deal was signed."]
    >>> pages = [f"Harbour Review\\n{body}\\nPage {n} of 3" for n, body in enumerate(bodies, start=1)]
    >>> drop_running_lines(pages)
    (['The fleet left port.', 'Talks went on.', 'A deal was signed.'], 6)
    """
    if len(pages) < _MIN_PAGES:
        return pages, 0
    split = [page.split("\n") for page in pages]
    counts: dict[str, int] = {}
    for lines in split:
        edges = {_shape(line) for line in lines[:_EDGE] + lines[-_EDGE:] if line.strip()}
        for shape in edges:
            counts[shape] = counts.get(shape, 0) + 1
    running = {shape for shape, n in counts.items() if n >= _RUNNING_SHARE * len(pages)}
    if not running:
        return pages, 0
    kept, dropped = [], 0
    for lines in split:
        keep: list[str | None] = list(lines)
        for index in [*range(min(_EDGE, len(lines))), *range(max(len(lines) - _EDGE, 0), len(lines))]:
            line = lines[index]
            if keep[index] is not None and line.strip() and len(line) <= _MAX_RUNNING and _shape(line) in running:
                keep[index] = None
                dropped += 1
        kept.append("\n".join(line for line in keep if line is not None).strip("\n"))
    return kept, dropped


def read(data: bytes, path: Path) -> ReaderOutput:
    """Extract a PDF's text, page by page, and its document-information title, author and date.

    Raises
    ------
    InputFileError
        E108 when the PDF cannot be parsed or is encrypted; E107 when it has no text layer (a scan); E278 when a
        stream of it inflates beyond pypdf's limits (a decompression bomb).
    """
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise coded_error("E108", path=path, reason="it is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (LimitReachedError, MemoryError) as exc:  # a stream that inflates beyond pypdf's limit: a zip bomb
        raise coded_error("E278", path=path, reason=str(exc).strip().rstrip(".") or type(exc).__name__) from exc
    except PdfReadError as exc:
        raise coded_error("E108", path=path, reason=str(exc).strip().rstrip(".") or "malformed") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError, OSError,
            RecursionError) as exc:
        raise coded_error("E108", path=path, reason=f"malformed ({type(exc).__name__})") from exc
    finally:
        quiet.setLevel(level)
    pages = [normalise_text(page).strip("\n") for page in pages]
    if not any(page.strip() for page in pages):
        raise coded_error("E107", path=path)
    pages, running = drop_running_lines(pages)
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
    if running:
        notes.append(f"dropped {running} running header/footer line(s) repeated at the top or bottom of the pages")
    if published:
        notes.append("the date is the PDF's creation date, which may differ from the publication date")
    return ReaderOutput(
        text="\n\n".join(pages) + "\n", markdown=False, title=title, author=author, published=published, notes=notes
    )
