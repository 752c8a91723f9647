"""Later documents and their publication dates: given one per document, or read from an index beside them."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from realpolitik.errors import InputFileError, UpdateError
from realpolitik.model import Model
from realpolitik.model.edtf import InvalidDateError, parse_date

__all__ = ["INDEX_NAME", "LaterDocument", "later_documents", "latest_model_date", "read_index"]

#: The file beside later documents that names each one's publication date (columns ``slug`` or ``file``, and
#: ``published``).
INDEX_NAME = "index.csv"
_NAME_COLUMNS = ("slug", "file", "filename", "path", "name")


@dataclass(frozen=True)
class LaterDocument:
    """A document to update a model with, and the day it was published (ISO date, or any EDTF value)."""

    path: Path
    published: str

    @property
    def day(self) -> dt.date:
        """The last day the publication date can mean (so a month-only date sorts after that month's days)."""
        return parse_date(self.published).upper


def _checked(value: str, path: Path) -> str:
    value = value.strip()
    try:
        parse_date(value)
    except InvalidDateError as exc:
        raise UpdateError.coded("E307", value=value, path=path, reason=exc) from exc
    return value


def read_index(path: str | Path) -> dict[str, str]:
    """File stem -> publication date, from an index CSV with a name column (``slug``, ``file`` …) and ``published``.

    Raises
    ------
    UpdateError
        E302 when the file cannot be read or lacks the columns; E307 for a date that is not EDTF.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UpdateError.coded("E302", path=path, reason=exc) from exc
    columns = set(rows[0]) if rows else set()
    name = next((column for column in _NAME_COLUMNS if column in columns), None)
    if name is None or "published" not in columns:
        raise UpdateError.coded("E302", path=path, reason="it needs a 'published' column and one of "
                                + ", ".join(_NAME_COLUMNS))
    dates = {}
    for row in rows:
        if row.get(name) and row.get("published"):
            dates[Path(row[name].strip()).stem] = _checked(row["published"], path)
    return dates


def later_documents(paths: Sequence[str | Path], *, published: Sequence[str] = (),
                    index: str | Path | None = None) -> list[LaterDocument]:
    """Pair each document with its publication date, oldest first.

    A date comes from ``published`` (one per document, in order), else from ``index``, else from an
    ``index.csv`` in the document's folder or the folder above it.

    Raises
    ------
    UpdateError
        E305 when there is no document, E301 when the number of dates is wrong, E300 for a document with no
        date anywhere, E302/E307 for an unreadable index or a bad date.
    InputFileError
        E101-style errors for a document that does not exist.
    """
    files = [Path(path) for path in paths]
    if not files:
        raise UpdateError.coded("E305", reason="name at least one document")
    if published and len(published) != len(files):
        raise UpdateError.coded("E301", given=len(published), count=len(files))
    for file in files:
        if not file.is_file():
            raise InputFileError.coded("E100", path=file)
    indexes: dict[Path, dict[str, str]] = {}
    given_index = read_index(index) if index is not None else None
    found = []
    for position, file in enumerate(files):
        if published:
            date = _checked(published[position], file)
        else:
            dates = given_index
            if dates is None:
                beside = next((folder / INDEX_NAME for folder in (file.parent, file.parent.parent)
                               if (folder / INDEX_NAME).is_file()), None)
                if beside is not None and beside not in indexes:
                    indexes[beside] = read_index(beside)
                dates = indexes.get(beside, {}) if beside is not None else {}
            if file.stem not in dates:
                raise UpdateError.coded("E300", path=file)
            date = dates[file.stem]
        found.append(LaterDocument(path=file, published=date))
    return sorted(found, key=lambda document: (document.day, str(document.path)))


def latest_model_date(model: Model) -> dt.date | None:
    """The latest day any of the model's documents can have been published on (None when none is dated)."""
    days = []
    for document in model.documents:
        if not document.published:
            continue
        try:
            days.append(parse_date(document.published).upper)
        except InvalidDateError:
            days += [dt.date.fromisoformat(day) for day in re.findall(r"\d{4}-\d{2}-\d{2}", document.published)]
    return max(days) if days else None
