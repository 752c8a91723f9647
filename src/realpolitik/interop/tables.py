"""The model as tables: node and edge lists per section (CSV, XLSX, Parquet) and weight matrices.

Every section becomes one table with one column per field of its items, in the schema's order; list and
mapping fields (evidence, aliases, clamps) are JSON text in their cell, so nothing is dropped.  The
weight matrix is the causal map alone: ``matrix[cause][effect]`` = weight, 0 where there is no link.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from realpolitik.files import write_atomically
from realpolitik.model.schema import SECTIONS, Model
from realpolitik.simulate import causal_matrix

__all__ = ["TABLE_SECTIONS", "matrix_rows", "section_table", "write_csv_tables", "write_matrix_csv",
           "write_parquet_tables", "write_xlsx_tables"]

#: The sections exported as tables, in file order.
TABLE_SECTIONS = tuple(SECTIONS)


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return value


def section_table(model: Model, section: str) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows of one section; absent values are ``None``.

    Examples
    --------
    >>> from realpolitik.model import load_model
    >>> from realpolitik.data import bundled_model_path
    >>> columns, rows = section_table(load_model(bundled_model_path()), "causal_links")
    >>> columns[:5], len(rows) > 30
    (['id', 'evidence', 'review', 'cause', 'effect'], True)
    """
    columns = list(SECTIONS[section].model_fields)
    rows = []
    for item in getattr(model, section):
        data = item.model_dump(mode="json")
        rows.append([_cell(data.get(column)) for column in columns])
    return columns, rows


def _folder(path: str | Path) -> Path:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_csv_tables(model: Model, path: str | Path) -> list[Path]:
    """One CSV file per section in the folder ``path``; returns the files written."""
    folder = _folder(path)
    written = []
    for section in TABLE_SECTIONS:
        columns, rows = section_table(model, section)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([["" if value is None else value for value in row] for row in rows])
        written.append(write_atomically(folder / f"{section}.csv", buffer.getvalue(), code="E210"))
    return written


def write_xlsx_tables(model: Model, path: str | Path) -> list[Path]:
    """One workbook at ``path`` with a sheet per section."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for section in TABLE_SECTIONS:
        columns, rows = section_table(model, section)
        sheet = book.create_sheet(section)
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return [write_atomically(path, buffer.getvalue(), code="E210")]


def write_parquet_tables(model: Model, path: str | Path) -> list[Path]:
    """One Parquet file per section in the folder ``path``; columns typed by Arrow from the values."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = _folder(path)
    written = []
    for section in TABLE_SECTIONS:
        columns, rows = section_table(model, section)
        arrays = {}
        for index, column in enumerate(columns):
            values = [row[index] for row in rows]
            try:
                arrays[column] = pa.array(values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                # a column mixing numbers and text (rare: an EDTF year read as a number) is stored as text
                arrays[column] = pa.array([None if v is None else str(v) for v in values], type=pa.string())
        buffer = pa.BufferOutputStream()
        pq.write_table(pa.table(arrays) if rows else pa.table({c: pa.array([], pa.string()) for c in columns}),
                       buffer)
        written.append(write_atomically(folder / f"{section}.parquet", buffer.getvalue().to_pybytes(), code="E210"))
    return written


def matrix_rows(model: Model, *, names: str = "id") -> list[list[Any]]:
    """The causal map as a table: a header of concept names, then one row per cause.

    ``names`` is ``id`` (FCMpy, whose concept names must be valid identifiers) or ``label`` (Mental Modeler,
    which shows them).

    Examples
    --------
    >>> m = Model.model_validate({"title": "t", "concepts": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
    ...     "causal_links": [{"id": "l", "cause": "a", "effect": "b", "weight": -0.5}]})
    >>> matrix_rows(m, names="label")
    [['', 'A', 'B'], ['A', 0.0, -0.5], ['B', 0.0, 0.0]]
    """
    matrix = causal_matrix(model)
    labels = {concept.id: concept.label for concept in model.concepts}
    shown = [concept if names == "id" else labels[concept] for concept in matrix.concepts]
    rows: list[list[Any]] = [["", *shown]]
    for name, weights in zip(shown, matrix.weights.tolist(), strict=True):
        rows.append([name, *weights])
    return rows


def write_matrix_csv(model: Model, path: str | Path, *, names: str = "id") -> list[Path]:
    """Write the weight matrix (see :func:`matrix_rows`) as CSV."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(matrix_rows(model, names=names))
    return [write_atomically(path, buffer.getvalue(), code="E210")]
