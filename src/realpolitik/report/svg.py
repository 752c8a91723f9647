"""Turning matplotlib figures into inline SVG (for one self-contained HTML file) or into files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

__all__ = ["FIGURE_FORMATS", "figure_svg", "save_figure"]

#: Formats a figure can be written in beside a Markdown report.
FIGURE_FORMATS = ("png", "svg")

_ID = re.compile(r'\bid="([^"]+)"')
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _settings(name: str) -> dict:
    # Text as paths draws the same glyphs on every machine without a font file; the salt makes
    # matplotlib's hashed ids differ between figures and stay the same between runs.
    return {"svg.fonttype": "path", "svg.hashsalt": name, "svg.image_inline": True}


def figure_svg(figure: Figure, name: str) -> str:
    """The figure as an ``<svg>`` element to paste into HTML, every id prefixed with ``name``.

    Several SVGs in one page share one id space; matplotlib names its groups and glyphs alike
    in every figure (``axes_1``, ``DejaVuSans-41``), so each id and each reference to it gets
    the figure's name in front.  The XML prologue, the DOCTYPE and comments are dropped; the
    date is left out of the metadata so that the same model gives the same file.

    Examples
    --------
    >>> fig = Figure(figsize=(1, 1))
    >>> _ = fig.add_subplot().plot([0, 1], [0, 1])
    >>> svg = figure_svg(fig, "demo")
    >>> svg.startswith("<svg"), 'id="demo-figure_1"' in svg, "<!--" in svg
    (True, True, False)
    """
    buffer = io.StringIO()
    with matplotlib.rc_context(_settings(name)):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = _COMMENT.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    ids = set(_ID.findall(text))

    def prefixed(match: re.Match[str]) -> str:
        head, ident, tail = match.group(1), match.group(2), match.group(3)
        return f"{head}{name}-{ident}{tail}" if ident in ids else match.group(0)

    text = re.sub(r'(\bid=")([^"]+)(")', prefixed, text)
    text = re.sub(r'(href="#)([^"]+)(")', prefixed, text)
    return re.sub(r"(url\(#)([^)]+)(\))", prefixed, text).strip()


def save_figure(figure: Figure, path: Path, *, fmt: str = "png", dpi: int = 150) -> Path:
    """Write the figure to ``path`` as PNG or SVG and return the path."""
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"figure format must be one of {FIGURE_FORMATS}, got {fmt!r}")
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    with matplotlib.rc_context(_settings(path.stem)):
        figure.savefig(path, format=fmt, dpi=dpi, metadata=metadata)
    return path
