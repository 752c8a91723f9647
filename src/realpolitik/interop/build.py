"""Shared by the importers: ids from names, the imported file as a Document, pydantic errors as ours."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from realpolitik.corpus import read_bytes_checked, read_source_text, sha256_hex
from realpolitik.errors import Errors, InputFileError
from realpolitik.model.schema import Model

__all__ = ["MAX_BINARY_BYTES", "Source", "build_model", "slug"]


def slug(name: str) -> str:
    """A model id from a free-text name.

    Examples
    --------
    >>> slug("Economic crisis (Afghanistan)"), slug("2021 withdrawal")
    ('economic_crisis_afghanistan', '2021_withdrawal')
    """
    text = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return (text or "item")[:80]


def build_model(data: dict[str, Any]) -> Model:
    """Validate imported data as a model, turning pydantic's errors into one E201 message.

    Raises
    ------
    InputFileError
        E201 naming the first few fields the model format refuses.
    """
    try:
        return Model.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()[:5]
        )
        raise InputFileError(Errors.E201.format(reason=details)) from exc


#: Workbooks above this size are refused before openpyxl unpacks them.
MAX_BINARY_BYTES = 50 * 1024 * 1024


def _read_binary(path: Path) -> bytes:
    return read_bytes_checked(path, limit=MAX_BINARY_BYTES, binary=True)


@dataclass
class Source:
    """The imported file as a model Document, and the evidence items point to inside it.

    Text files get evidence spans over their own characters (a CSV row, a GraphML element), so
    ``realpolitik validate`` can check them against the file; a workbook is binary, so its items
    cite the sheet and row in the paraphrase and point at the whole file's first character.
    """

    path: Path
    id: str
    text: str | None
    document: dict[str, Any] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, path: str | Path, fmt: str, *, binary: bool = False) -> Source:
        """Read ``path`` (checking it exists, is not empty and, for text, is UTF-8).

        Raises
        ------
        InputFileError
            E001, E002, E003, E004, E008 as for any input file.
        """
        path = Path(path)
        if binary:
            data = _read_binary(path)
            doc_id, text = sha256_hex(data), None
        else:
            source = read_source_text(path)
            doc_id, text = source.id, source.text
            if not text.strip():
                raise InputFileError(Errors.E002.format(path=path))
        document = {"id": doc_id, "title": f"{path.name} (imported {fmt})",
                    "note": f"Imported with `realpolitik import --from {fmt}`; evidence points at the rows or "
                    "elements each item came from."}
        if text is not None:
            # a text file beside the model lets `realpolitik validate` check the spans against it
            document["filename"] = path.name
        return cls(path=path, id=doc_id, text=text, document=document)

    def evidence(self, start: int, end: int, paraphrase: str) -> list[dict[str, Any]]:
        """One evidence entry over ``start..end`` of the file (the first character for a binary file)."""
        if self.text is None:
            start, end = 0, 1
        return [{"document": self.id, "start": start, "end": max(end, start + 1), "paraphrase": paraphrase}]

    def line_span(self, line: int) -> tuple[int, int]:
        """Character span of 0-based ``line`` of the text."""
        if not self._starts:
            starts = [0]
            for index, char in enumerate(self.text or ""):
                if char == "\n":
                    starts.append(index + 1)
            starts.append(len(self.text or "") + 1)
            self._starts = starts
        line = min(line, len(self._starts) - 2)
        return self._starts[line], self._starts[line + 1] - 1
