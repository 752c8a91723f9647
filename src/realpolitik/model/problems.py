"""A problem found in a model: code, message, where (field path and file line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from realpolitik.errors import InputFileError
from realpolitik.files import strict_yaml

__all__ = ["LineMap", "Location", "Problem", "format_path"]

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


class LineMap:
    """Finds the 1-based file line of a field path in a ruamel round-trip tree.

    Built from the tree, or from the text alone, in which case the text is parsed (slowly, keeping
    every position) only when a line is first asked for: a valid JSON file never pays for it.
    """

    def __init__(self, root: Any = None, *, text: str | None = None) -> None:
        self._root, self._text = root, text

    def line_of(self, path: Location) -> int | None:
        if self._root is None and self._text is not None:
            text, self._text = self._text, None
            try:
                self._root = strict_yaml("rt").load(text)
            except (YAMLError, InputFileError):
                # JSON that the YAML parser refuses (a duplicate key, a control character, a deep or aliased
                # text): the problem is still reported, without its line (found by benchmarks/fuzz.py)
                return None
        node, line = self._root, None
        if isinstance(node, (CommentedMap, CommentedSeq)):
            line = node.lc.line + 1
        for part in path:
            try:
                if isinstance(node, CommentedMap) and part in node:
                    line = node.lc.key(part)[0] + 1
                    node = node[part]
                elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                    line = node.lc.item(part)[0] + 1
                    node = node[part]
                else:
                    break
            except (AttributeError, KeyError, TypeError):
                break
        return line
