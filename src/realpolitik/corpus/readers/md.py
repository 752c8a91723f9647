"""Markdown: kept as written (markup included, so offsets match the file), headings read as Markdown's.

A YAML front-matter block at the top (``---`` … ``---``) gives the title, author and date; it is overwritten
by spaces in the text (line breaks kept), like boilerplate, so that offsets still match the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ruamel.yaml.error import YAMLError

from realpolitik.corpus.readers.base import ReaderOutput
from realpolitik.corpus.source import decode_bytes
from realpolitik.corpus.text import normalise_text
from realpolitik.files import StructureLimitError, strict_yaml

__all__ = ["read"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: Front matter longer than this is not looked at (it would be a document of its own).
_MAX_FRONT_MATTER = 8000


def read(data: bytes, path: Path) -> ReaderOutput:
    """Decode and normalise a Markdown file; ``#`` and underlined lines are its headings.

    Examples
    --------
    >>> out = read(b"# Title\\n\\nBody.", Path("a.md"))
    >>> out.text, out.markdown
    ('# Title\\n\\nBody.', True)
    >>> out = read(b"---\\ntitle: Dam talks\\nauthor: Jane Roe\\n---\\nBody.", Path("a.md"))
    >>> out.title, out.author, out.text
    ('Dam talks', 'Jane Roe', '   \\n                \\n                \\n   \\nBody.')
    """
    text, notes = decode_bytes(data, path)
    text = normalise_text(text)
    out = ReaderOutput(text=text, markdown=True, notes=notes)
    match = _FRONT_MATTER.match(text)
    if match is None or match.end() > _MAX_FRONT_MATTER:
        return out
    try:
        meta = strict_yaml("safe").load(match.group("body"))
    except YAMLError:
        out.notes.append("the front matter at the top is not valid YAML; left in the text")
        return out
    except StructureLimitError as exc:  # aliases or deep nesting: never expanded, the text is kept as it is
        out.notes.append(f"the front matter at the top is not read: {exc}; left in the text")
        return out
    if not isinstance(meta, dict):
        return out
    out.title = _value(meta, "title")
    out.author = _value(meta, "author", "authors", "byline")
    out.published = _value(meta, "date", "published", "pubdate")
    blanked = re.sub(r"[^\n]", " ", text[: match.end()])
    out.text = blanked + text[match.end() :]
    out.notes.append("YAML front matter read for title, author and date, then blanked with spaces (offsets kept)")
    return out


def _value(meta: dict, *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, dt.date):  # YAML reads 2024-03-05 as a date, a timestamp as a datetime
            value = value.isoformat()
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None
