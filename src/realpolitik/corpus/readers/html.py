"""HTML: the main content only, found by trafilatura, as Markdown (headings kept), with its metadata."""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import coded_error, decode_bytes
from realpolitik.corpus.text import normalise_text
from realpolitik.errors import InputFileError

__all__ = ["plain_emphasis", "read"]

_DOUBLE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_SINGLE = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

#: Only what the page states: no guessing a date from the URL or the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read(data: bytes, path: Path) -> ReaderOutput:
    """Extract an HTML page's main text (scripts, navigation, comments and sidebars dropped) and metadata.

    Offsets index the extracted text, which is the same for the same bytes and trafilatura version.

    Raises
    ------
    InputFileError
        E106 when the page has no main text (only scripts, navigation, boilerplate).
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    markup, notes = _decode(data, path)
    quiet = logging.getLogger("trafilatura")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = trafilatura.bare_extraction(
                markup,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_formatting=True,
                output_format="python",
                date_extraction_params=_DATE_PARAMS,
            )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises anything lxml does on broken input
        raise coded_error("E106", path=path) from exc
    finally:
        quiet.setLevel(level)
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise coded_error("E106", path=path)
    notes.append("main content extracted from HTML by trafilatura; offsets index the extracted text")
    return ReaderOutput(
        text=plain_emphasis(normalise_text(text)) + "\n",
        markdown=True,
        title=_clean(getattr(found, "title", None)),
        author=_clean(getattr(found, "author", None)),
        published=_clean(getattr(found, "date", None)),
        notes=notes,
    )


def _decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode a page as UTF-8, else as the charset its ``<meta>`` declares, else as any text file."""
    try:
        return decode_bytes(data, path, guess=False)
    except InputFileError as exc:
        if getattr(exc, "code", None) == "E102":
            raise
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), [f"not UTF-8: decoded as {name}, the charset the page declares"]
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, path)


def plain_emphasis(text: str) -> str:
    """Drop the Markdown emphasis trafilatura writes for ``<b>``, ``<strong>``, ``<i>``, ``<em>``.

    Headings (``#``), list bullets and tables stay: they carry structure, emphasis only looks.

    Examples
    --------
    >>> plain_emphasis("The **island ferry** stopped on *Monday*; 2 * 3 stays.")
    'The island ferry stopped on Monday; 2 * 3 stays.'
    """
    return _SINGLE.sub(r"\1", _DOUBLE.sub(r"\2", text))


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
