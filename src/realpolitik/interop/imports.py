"""Causal maps from other tools: edge lists and adjacency matrices (CSV, XLSX), FCMpy expert surveys, GraphML.

Every import produces a model with one Document for the imported file (its sha256 as id) and evidence on
every concept and link pointing at the row or element it came from, so the model says where each item
came from and ``realpolitik validate`` can check it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from realpolitik.errors import Errors, InputFileError
from realpolitik.interop.build import Source, build_model, slug
from realpolitik.model.schema import Model

__all__ = ["EDGE_COLUMNS", "import_edges", "import_fcmpy", "import_matrix", "linguistic_terms"]

#: Edge-list column names understood, with the synonyms other tools use, mapped to the causal-link field.
EDGE_COLUMNS = {
    "cause": "cause", "source": "cause", "from": "cause",
    "effect": "effect", "target": "effect", "to": "effect",
    "weight": "weight", "confidence": "confidence", "description": "description", "id": "id",
}
_REQUIRED = ("cause", "effect", "weight")
Row = tuple[int, int, list[str]]  # first line, last line (0-based; the row number for a workbook), cells


def _csv_rows(source: Source) -> Iterator[Row]:
    text = source.text or ""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    previous = 0
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield previous, reader.line_num - 1, [cell.strip() for cell in cells]
            previous = reader.line_num
    except csv.Error as exc:
        raise InputFileError(Errors.E202.format(path=source.path, fmt="CSV", reason=exc)) from exc


#: The most bytes the parts of a workbook may unpack to: an xlsx is a zip, and a few kB can inflate to gigabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: The most rows an edge list or matrix may have: building and checking the model takes seconds per ten thousand.
MAX_IMPORT_ROWS = 100_000


def _check_unpacked_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: openpyxl says what is wrong with it
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFileError.coded("E281", path=path, size_mb=unpacked / 1024**2, limit_mb=MAX_UNPACKED_BYTES / 1024**2)


def _xlsx_rows(source: Source, sheet: str | None) -> Iterator[Row]:
    from openpyxl import load_workbook

    _check_unpacked_size(source.path)
    try:
        book = load_workbook(str(source.path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a bad workbook
        raise InputFileError(Errors.E202.format(path=source.path, fmt="XLSX", reason=exc)) from exc
    names = book.sheetnames
    chosen = sheet if sheet in names else next((n for n in ("causal_links", "edges", "matrix") if n in names), names[0])
    source.document["note"] += f" Rows are those of sheet '{chosen}'."
    for number, values in enumerate(book[chosen].iter_rows(values_only=True), start=1):
        cells = ["" if value is None else str(value).strip() for value in values]
        if any(cells):
            yield number, number, cells


def _rows(source: Source, fmt: str, sheet: str | None = None) -> list[Row]:
    rows = []
    for row in _xlsx_rows(source, sheet) if source.text is None else _csv_rows(source):
        rows.append(row)
        if len(rows) > MAX_IMPORT_ROWS:
            raise InputFileError.coded("E282", path=source.path, limit=MAX_IMPORT_ROWS)
    if not rows:
        raise InputFileError(Errors.E002.format(path=source.path))
    return rows


def _where(source: Source, row: Row) -> str:
    return f"row {row[0]}" if source.text is None else f"line {row[0] + 1}"


def _evidence(source: Source, row: Row, what: str) -> list[dict[str, Any]]:
    if source.text is None:
        return source.evidence(0, 1, f"{what}, from row {row[0]} of {source.path.name}.")
    start, _ = source.line_span(row[0])
    _, end = source.line_span(row[1])
    return source.evidence(start, end, f"{what}, from line {row[0] + 1} of {source.path.name}.")


def _number(text: str, source: Source, row: Row, column: str, low: float = -1.0, high: float = 1.0) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        reason = f"{column} must be a number from {low:g} to {high:g}, got '{text}'"
        raise InputFileError(Errors.E209.format(path=source.path, where=_where(source, row), reason=reason))
    return value


def _unique(item_id: str, taken: set[str]) -> str:
    """``item_id``, or it with a number appended when a row before already took it."""
    candidate, n = item_id, 1
    while candidate in taken:
        n += 1
        candidate = f"{item_id}_{n}"
    taken.add(candidate)
    return candidate


class _Concepts:
    """Concepts met by name, in order of first mention, each with the row that first named it."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.items: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, str] = {}
        self.taken: set[str] = set()

    def id_for(self, name: str, row: Row) -> str:
        if name in self.by_name:
            return self.by_name[name]
        concept_id = _unique(slug(name), self.taken)
        self.by_name[name] = concept_id
        self.items[concept_id] = {"id": concept_id, "label": name,
                                  "evidence": _evidence(self.source, row, f"Concept '{name}' named")}
        return concept_id


def _model(source: Source, concepts: _Concepts, links: list[dict[str, Any]], title: str | None) -> Model:
    if not links:
        raise InputFileError(Errors.E200.format(what=f"causal map in {source.path}"))
    return build_model({"title": title or f"Causal map imported from {source.path.name}",
                        "documents": [source.document], "concepts": list(concepts.items.values()),
                        "causal_links": links})


def import_edges(path: str | Path, *, fmt: str = "csv", sheet: str | None = None, title: str | None = None) -> Model:
    """A causal map from an edge list: one row per link, columns ``cause, effect, weight`` (or synonyms).

    Columns may be called ``source``/``from`` and ``target``/``to``; ``confidence``, ``description`` and
    ``id`` are optional.  Concepts are named by the cause and effect cells.

    Raises
    ------
    InputFileError
        E002 for an empty file, E207 for an unknown column, E208 for a missing one, E209 for a weight that
        is not a number in -1..1, E200 if no row holds a link.
    """
    source = Source.open(path, fmt, binary=fmt == "xlsx")
    rows = _rows(source, fmt, sheet)
    header = [cell.lower() for cell in rows[0][2]]
    unknown = [name for name in header if name not in EDGE_COLUMNS]
    if unknown:
        raise InputFileError(Errors.E207.format(unknown=", ".join(repr(u) for u in unknown), path=source.path,
                                                known=", ".join(EDGE_COLUMNS)))
    fields = [EDGE_COLUMNS[name] for name in header]
    missing = [name for name in _REQUIRED if name not in fields]
    if missing:
        raise InputFileError(Errors.E208.format(missing=", ".join(missing), path=source.path, found=", ".join(header)))
    concepts = _Concepts(source)
    links: list[dict[str, Any]] = []
    taken: set[str] = set()
    for row in rows[1:]:
        cells = dict(zip(fields, row[2] + [""] * (len(fields) - len(row[2])), strict=False))
        if not cells["cause"] or not cells["effect"]:
            raise InputFileError(Errors.E209.format(path=source.path, where=_where(source, row),
                                                    reason="cause and effect must both be named"))
        cause, effect = concepts.id_for(cells["cause"], row), concepts.id_for(cells["effect"], row)
        link = {"id": _unique(slug(cells.get("id") or f"{cause}__{effect}"), taken), "cause": cause, "effect": effect,
                "weight": _number(cells["weight"], source, row, "weight"),
                "evidence": _evidence(source, row, f"Link {cells['cause']} -> {cells['effect']}")}
        if cells.get("confidence"):
            link["confidence"] = _number(cells["confidence"], source, row, "confidence", 0.0, 1.0)
        if cells.get("description"):
            link["description"] = cells["description"]
        links.append(link)
    return _model(source, concepts, links, title)


def import_matrix(path: str | Path, *, fmt: str = "csv", sheet: str | None = None, title: str | None = None) -> Model:
    """A causal map from an adjacency matrix: row = cause, column = effect, names in the first row and column.

    This is the layout :func:`realpolitik.interop.write_matrix_csv` writes, FCMpy reads and Mental Modeler
    exports.  Empty cells and zeros are no link.

    Raises
    ------
    InputFileError
        E205 if the matrix is not square, E206 if row and column names differ, E209 for a cell that is not
        a number in -1..1, E200 if every weight is zero.
    """
    source = Source.open(path, fmt, binary=fmt == "xlsx")
    rows = _rows(source, fmt, sheet)
    names = [cell for cell in rows[0][2][1:]]
    while names and not names[-1]:
        names.pop()
    body = rows[1:]
    width = max([len(names)] + [_width(row[2]) for row in body])
    if len(body) != len(names) or width != len(names):
        raise InputFileError(Errors.E205.format(path=source.path, rows=len(body), columns=max(width, len(names))))
    row_names = [row[2][0] for row in body]
    if row_names != names:
        differ = next(f"row {i + 1} is '{r}' but column {i + 1} is '{c}'"
                      for i, (r, c) in enumerate(zip(row_names, names, strict=True)) if r != c)
        raise InputFileError(Errors.E206.format(path=source.path, detail=differ))
    concepts = _Concepts(source)
    ids = [concepts.id_for(name, rows[0]) for name in names]
    links = []
    for i, row in enumerate(body):
        for j, cell in enumerate(row[2][1:]):
            weight = _number(cell, source, row, f"cell ({names[i]}, {names[j]})") if cell else 0.0
            if weight != 0.0:
                links.append({"id": f"{ids[i]}__{ids[j]}", "cause": ids[i], "effect": ids[j], "weight": weight,
                              "evidence": _evidence(source, row, f"Weight {names[i]} -> {names[j]}")})
    return _model(source, concepts, links, title)


def _width(cells: list[str]) -> int:
    """Cells after the row name, trailing blanks not counted."""
    filled = [i for i, cell in enumerate(cells) if cell]
    return max(filled[-1] if filled else 0, 0)


@lru_cache(maxsize=1)
def linguistic_terms() -> dict[str, float]:
    """The crisp value of each linguistic weight: the centroid of its triangle (``lang/en/fcm_terms.yaml``).

    Examples
    --------
    >>> {term: round(value, 3) for term, value in linguistic_terms().items()}["H"]
    0.75
    """
    data = YAML(typ="safe").load((files("realpolitik") / "lang" / "en" / "fcm_terms.yaml").read_text("utf-8"))
    return {str(term).upper(): sum(float(x) for x in triangle) / 3.0 for term, triangle in data.items()}


_HEADER = re.compile(r"^\s*(?P<cause>.+?)\s*->\s*(?P<effect>.+?)\s*\((?P<sign>[+-])\)\s*$")


def _expert_value(cell: str, sign: float, source: Source, row: Row, column: str) -> float | None:
    if not cell:
        return None  # this expert did not judge the link
    terms = linguistic_terms()
    term = cell.upper().replace(" ", "")
    own_sign = -1.0 if term.startswith("-") else 1.0
    term = term.lstrip("+-")
    if term in terms:
        # a term with its own sign ('-H') overrides the header's; 'NA' is 0 either way
        return terms[term] * (own_sign if cell.lstrip()[:1] in "+-" else sign)
    try:
        # a number is the strength; the column's sign gives the direction, as for a term
        return _number(cell, source, row, column, 0.0, 1.0) * sign
    except InputFileError:
        raise InputFileError(Errors.E212.format(term=cell, where=f"{source.path}, {_where(source, row)}",
                                                known=", ".join(terms))) from None


def import_fcmpy(path: str | Path, *, title: str | None = None) -> Model:
    """A causal map from an FCMpy expert survey in CSV: each row an expert, each column ``A -> B (+)``.

    Cells hold linguistic terms (``VH``, ``H``, ``M``, ``L``, ``VL``, ``NA``, optionally signed) or
    strengths from 0 to 1.  A term's crisp value is its triangle's centroid, signed by the column's ``(+)``/``(-)``;
    a link's weight is the **mean of the experts' crisp values** (blank cells are experts who did not
    answer), its ``agreement`` one minus their mean absolute deviation from that mean (as
    :func:`realpolitik.model.merge_models` scores pooled links), and its confidence the share of experts
    who answered.  Links whose mean is 0 are left out.

    Raises
    ------
    InputFileError
        E207 for a column that is not ``A -> B (+)``, E212 for an unknown term, E200 if no link remains.
    """
    source = Source.open(path, "fcmpy")
    rows = _rows(source, "csv")
    header = rows[0][2]
    parsed = []
    for column in header:
        match = _HEADER.match(column)
        if match is None:
            raise InputFileError(Errors.E207.format(unknown=repr(column), path=source.path,
                                                    known="columns of the form 'cause -> effect (+)' or '(-)'"))
        parsed.append((match["cause"], match["effect"], 1.0 if match["sign"] == "+" else -1.0))
    experts = rows[1:]
    if not experts:
        raise InputFileError(Errors.E211.format(path=source.path, what="expert rows"))
    concepts = _Concepts(source)
    links = []
    taken: set[str] = set()
    for index, (cause, effect, sign) in enumerate(parsed):
        values = [v for row in experts
                  if (v := _expert_value(row[2][index] if index < len(row[2]) else "", sign, source, row,
                                         header[index])) is not None]
        if not values:
            continue
        mean = sum(values) / len(values)
        if mean == 0.0:
            continue
        spread = sum(abs(v - mean) for v in values) / len(values)
        start, end = source.line_span(rows[0][0])
        cause_id, effect_id = concepts.id_for(cause, rows[0]), concepts.id_for(effect, rows[0])
        links.append({
            "id": _unique(f"{cause_id}__{effect_id}", taken), "cause": cause_id, "effect": effect_id,
            "weight": round(mean, 12), "agreement": round(max(0.0, 1.0 - spread), 12),
            "confidence": round(len(values) / len(experts), 12),
            "evidence": source.evidence(start, end, f"Mean of {len(values)} expert judgements of {cause} -> "
                                        f"{effect} in {source.path.name}."),
        })
    return _model(source, concepts, links, title)
