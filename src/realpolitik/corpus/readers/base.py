"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ReaderOutput"]


@dataclass
class ReaderOutput:
    """Normalised text, how to read its structure, and metadata the format itself states.

    ``markdown`` says whether headings are Markdown (``#``) headings; ``title``, ``author`` and ``published``
    come from the format's metadata (HTML ``<meta>``, PDF document info) and take precedence over what the
    text's first lines suggest.
    """

    text: str
    markdown: bool = False
    title: str | None = None
    author: str | None = None
    published: str | None = None
    notes: list[str] = field(default_factory=list)
