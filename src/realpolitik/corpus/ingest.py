"""Reading files of any supported format into :class:`IngestedDocument`, one at a time or a folder at once.

``ingest_file`` reads one file and raises on bad input; ``iter_ingest`` and ``ingest_paths`` read many, and a bad
file becomes an :class:`IngestFailure` (with its code and a one-line message) instead of stopping the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.corpus.boilerplate import drop_boilerplate
from realpolitik.corpus.document import IngestedDocument, check_published
from realpolitik.corpus.language import detect_language
from realpolitik.corpus.readers import detect_format, reader_for
from realpolitik.corpus.source import MB, coded_error, read_document_bytes, sniff_binary
from realpolitik.corpus.structure import find_structure
from realpolitik.corpus.text import MAX_TEXT_BYTES, sha256_hex
from realpolitik.errors import InputFileError, RealpolitikError

__all__ = ["IngestFailure", "IngestReport", "find_documents", "ingest_file", "ingest_paths", "iter_ingest"]


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be read: its path, the error code and a one-line message."""

    path: Path
    code: str | None
    message: str

    def as_dict(self) -> dict:
        """Plain JSON-ready data."""
        return {"path": str(self.path), "code": self.code, "message": self.message}


@dataclass
class IngestReport:
    """The documents read and the files that failed, in the order they were met."""

    documents: list[IngestedDocument] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file was read."""
        return not self.failures

    def as_dict(self, *, text: bool = False) -> dict:
        """Plain JSON-ready data; documents without their text unless ``text=True``."""
        return {
            "ok": self.ok,
            "documents": [document.as_dict(text=text) for document in self.documents],
            "failures": [failure.as_dict() for failure in self.failures],
        }


def ingest_file(path: str | Path, *, limit: int = MAX_TEXT_BYTES, published: str | None = None) -> IngestedDocument:
    """Read one document (plain text, Markdown, HTML or PDF) into an :class:`IngestedDocument`.

    Parameters
    ----------
    path
        The file. Its format comes from its suffix, checked against its first bytes.
    limit
        Largest file accepted, in bytes (default :data:`~realpolitik.corpus.MAX_TEXT_BYTES`, 20 MB).
    published
        The publication date (ISO: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), when the caller knows it; it wins over
        a date the document states (HTML metadata, front matter, a "Published" line). Relative dates in the
        text ("last week", "on 27 July") are read against it.

    Returns
    -------
    IngestedDocument
        ``id`` is the sha256 of the file's bytes. For plain text and Markdown, ``text`` is a prefix of
        ``read_source_text(path).text`` with boilerplate lines blanked by spaces, so offsets agree.

    Raises
    ------
    InputFileError
        With a one-line message and a ``code`` attribute (E100-E129) when the file cannot be read as a document.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "brief.txt").write_text("Dam talks stall | Jane Roe\\n\\nThe talks over the dam broke down "
    ...     "and the two states have not met since.\\n\\nLeave a Reply\\n", encoding="utf-8")
    >>> doc = ingest_file(folder / "brief.txt")
    >>> doc.title, doc.author, doc.language, doc.text.endswith("since.\\n")
    ('Dam talks stall', 'Jane Roe', 'en', True)
    """
    path = Path(path)
    if limit <= 0:
        raise coded_error("E113", value=limit / MB)
    given = check_published(published) if published is not None else None
    data = read_document_bytes(path, limit=limit)
    fmt, notes = detect_format(path, data)
    if fmt != "pdf" and (binary := sniff_binary(data)):
        raise coded_error("E102", path=path, reason=binary)
    read = reader_for(fmt)(data, path)
    ident = sha256_hex(data)
    del data  # a long file's bytes need not sit beside its text and the text's cleaned copy
    notes.extend(read.notes)
    cleaned = drop_boilerplate(read.text)
    notes.extend(cleaned.notes())
    if not cleaned.text.strip():
        raise coded_error("E105", path=path)
    structure = find_structure(cleaned.text, markdown=read.markdown, title=read.title)
    guess = detect_language(cleaned.text)
    if guess.code is None:
        notes.append(f"language not recognised ({guess.method}); extraction is tuned for English")
    elif guess.code != "en":
        notes.append(f"the text looks {guess.name} ({guess.code}, by {guess.method}); extraction is tuned for English")
    return IngestedDocument(
        id=ident,
        text=cleaned.text,
        title=structure.title,
        author=read.author or structure.author,
        published=given or read.published or structure.published,
        sections=tuple(structure.sections),
        language=guess.code,
        source_format=fmt,
        path=path,
        notes=tuple(notes),
    )


def find_documents(paths: Iterable[str | Path], *, recursive: bool = True) -> tuple[list[Path], list[IngestFailure]]:
    """The files named, and those inside the folders named, in a stable (sorted) order.

    Hidden files and folders (names starting with ``.``) inside a folder are skipped; files named directly are
    always taken. A missing path, or a folder holding no file, is a failure. Parameters as for
    :func:`ingest_paths`.

    Returns
    -------
    tuple of (list of Path, list of IngestFailure)
        The files to read, and E100 (missing) or E111 (empty folder) failures.
    """
    found: list[Path] = []
    failures: list[IngestFailure] = []
    for given in map(Path, paths):
        if given.is_dir():
            pattern = given.rglob("*") if recursive else given.glob("*")
            entries = [p for p in pattern if not _hidden(p.relative_to(given))]
            inside = sorted(p for p in entries if p.is_file())
            # a link to a file that is gone is a file the user meant to give: say so rather than skip it
            failures.extend(_failure(p, coded_error("E114", path=p, reason="it is a link to a missing file"))
                            for p in sorted(entries) if p.is_symlink() and not p.exists())
            if not inside:
                failures.append(_failure(given, coded_error("E111", path=given)))
            found.extend(inside)
        elif given.exists():
            found.append(given)
        else:
            failures.append(_failure(given, coded_error("E100", path=given)))
    return found, failures


def iter_ingest(
    paths: Iterable[str | Path], *, recursive: bool = True, limit: int = MAX_TEXT_BYTES, published: str | None = None
) -> Iterator[IngestedDocument | IngestFailure]:
    """Read files and folders one document at a time, yielding each document or failure as it is met.

    The streaming form of :func:`ingest_paths` (nothing is kept in memory but the ids seen, to report files
    whose bytes repeat an earlier one's with E110). Its parameters are those of :func:`ingest_paths`.

    Yields
    ------
    IngestedDocument or IngestFailure
        Failures to find paths first, then one result per file, in :func:`find_documents` order.
    """
    files, failures = find_documents(paths, recursive=recursive)
    yield from failures
    yield from _read_each(files, limit, published)


def _read_each(files: list[Path], limit: int, published: str | None = None
               ) -> Iterator[IngestedDocument | IngestFailure]:
    seen: dict[str, Path] = {}
    for path in files:
        try:
            document = ingest_file(path, limit=limit, published=published)
        except RealpolitikError as exc:
            yield _failure(path, exc)
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not cost the files after it
            reason = (str(exc).strip().splitlines() or ["no message"])[0][:300]
            yield _failure(path, InputFileError.coded("E280", kind=type(exc).__name__, reason=f"{reason}; file {path}"))
            continue
        if document.id in seen:
            yield _failure(path, coded_error("E110", first=seen[document.id], id=document.id[:12], path=path))
            continue
        seen[document.id] = path
        yield document


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    recursive: bool = True,
    limit: int = MAX_TEXT_BYTES,
    progress: Callable[[int, int, Path], None] | None = None,
    published: str | None = None,
) -> IngestReport:
    """Read every file named or found in the folders named; each bad file is reported, the rest still read.

    Parameters
    ----------
    paths
        Files and folders.
    recursive
        Look into sub-folders too.
    limit
        Largest file accepted, in bytes.
    progress
        Called after each file with (files done, files in all, the file's path), for a progress bar.
    published
        A publication date for every file read (see :func:`ingest_file`).

    Returns
    -------
    IngestReport
        Documents read and failures (empty, binary, too large, mis-encoded, duplicate, unreadable files).
    """
    files, failures = find_documents(paths, recursive=recursive)
    report = IngestReport(failures=failures)
    for done, (path, result) in enumerate(zip(files, _read_each(files, limit, published), strict=True), start=1):
        if isinstance(result, IngestFailure):
            report.failures.append(result)
        else:
            report.documents.append(result)
        if progress is not None:
            progress(done, len(files), path)
    return report


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _failure(path: Path, exc: Exception) -> IngestFailure:
    return IngestFailure(path=path, code=getattr(exc, "code", None), message=str(exc))
