"""A problem found in a model: code, message, where (field path and file line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Location", "Problem", "format_path"]

Location = tuple[str | int, ...]


def format_path(path: Location) -> str:
    """Render a field path as ``actors[3].kind``.

    Examples
    --------
    >>> format_path(("actors", 3, "kind"))
    'actors[3].kind'
    >>> format_path(())
    '(top level)'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a model, located by field path and, when read from a file, by line."""

    code: str
    message: str
    path: Location = ()
    file: str | None = None
    line: int | None = None
    severity: Literal["error", "warning"] = "error"
    item_id: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = self.file or "<model>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.code} {format_path(self.path)}: {self.message}"

    def as_dict(self) -> dict:
        """Return the problem as a JSON-ready dict."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "path": format_path(self.path),
            "message": self.message,
        }
