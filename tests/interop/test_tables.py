"""Tables (CSV, XLSX, Parquet), weight matrices and JSON carry what the model holds."""

from __future__ import annotations

import csv
import json
from importlib.resources import files

import jsonschema
import numpy as np
import pytest

from realpolitik.errors import InputFileError, UnknownIdError
from realpolitik.interop import TABLE_SECTIONS, export_model, import_model, section_table
from realpolitik.model import SECTIONS, Model, load_model
from realpolitik.simulate import causal_matrix


@pytest.fixture(scope="module")
def model(bundled_path) -> Model:
    return load_model(bundled_path)


def _expected(model, section):
    """Each item's fields as the tables hold them, worked out from the model, not from the writer."""
    rows = []
    for item in getattr(model, section):
        data = item.model_dump(mode="json")
        rows.append({key: value for key, value in data.items()})
    return rows


def test_csv_has_one_file_per_section_with_every_field(model, tmp_path):
    written = export_model(model, "csv", tmp_path / "tables")
    assert sorted(p.name for p in written) == sorted(f"{s}.csv" for s in SECTIONS)
    for section in TABLE_SECTIONS:
        with (tmp_path / "tables" / f"{section}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        expected = _expected(model, section)
        assert len(rows) == len(expected)
        for row, item in zip(rows, expected, strict=True):
            for key, value in item.items():
                cell = row[key]
                if isinstance(value, (list, dict)):
                    assert json.loads(cell) == value, (section, key)
                elif value is None:
                    assert cell == ""
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    assert float(cell) == value
                elif isinstance(value, bool):
                    assert cell == str(value)
                else:
                    assert cell == value, (section, key)


def test_xlsx_has_a_sheet_per_section(model, tmp_path):
    from openpyxl import load_workbook

    export_model(model, "xlsx", tmp_path / "model.xlsx")
    book = load_workbook(tmp_path / "model.xlsx", read_only=True)
    assert book.sheetnames == list(TABLE_SECTIONS)
    links = list(book["causal_links"].iter_rows(values_only=True))
    header = list(links[0])
    weights = [row[header.index("weight")] for row in links[1:]]
    assert weights == [link.weight for link in model.causal_links]
    relations = list(book["relations"].iter_rows(values_only=True))
    column = list(relations[0]).index("valid_from")
    assert [row[column] for row in relations[1:]] == [r.valid_from for r in model.relations]


def test_parquet_tables_read_back_with_pyarrow(model, tmp_path):
    import pyarrow.parquet as pq

    export_model(model, "parquet", tmp_path / "pq")
    for section in TABLE_SECTIONS:
        table = pq.read_table(tmp_path / "pq" / f"{section}.parquet")
        columns, _ = section_table(model, section)
        assert table.column_names == columns
        assert table.num_rows == len(getattr(model, section))
    links = pq.read_table(tmp_path / "pq" / "causal_links.parquet").to_pydict()
    assert links["weight"] == [link.weight for link in model.causal_links]
    assert [json.loads(e) for e in links["evidence"]] == [
        [ev.model_dump() for ev in link.evidence] for link in model.causal_links]


def test_json_export_is_valid_against_the_committed_schema(model, tmp_path):
    export_model(model, "json", tmp_path / "model.json")
    data = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    schema = json.loads((files("realpolitik") / "data" / "schema" / "model.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert load_model(tmp_path / "model.json") == model


def test_json_schema_catches_a_broken_export(model, tmp_path):
    export_model(model, "json", tmp_path / "model.json")
    data = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    data["causal_links"][0]["weight"] = 3
    schema = json.loads((files("realpolitik") / "data" / "schema" / "model.schema.json").read_text("utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize(("fmt", "names"), [("fcmpy", "id"), ("mentalmodeler", "label")])
def test_weight_matrix_is_the_causal_map(model, tmp_path, fmt, names):
    export_model(model, fmt, tmp_path / "w.csv")
    with (tmp_path / "w.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    concepts = [c.id if names == "id" else c.label for c in model.concepts]
    assert rows[0] == ["", *concepts]
    assert [row[0] for row in rows[1:]] == concepts
    matrix = np.array([[float(x) for x in row[1:]] for row in rows[1:]])
    assert np.array_equal(matrix, causal_matrix(model).weights)


def test_fcmpy_matrix_reads_back_as_the_same_map(model, tmp_path):
    export_model(model, "fcmpy", tmp_path / "w.csv")
    back = import_model(tmp_path / "w.csv", "csv-matrix")
    assert [c.id for c in back.concepts] == [c.id for c in model.concepts]
    assert np.array_equal(causal_matrix(back).weights, causal_matrix(model).weights)


def test_unknown_format_and_folder_mistakes_are_named(model, tmp_path):
    with pytest.raises(UnknownIdError, match="unknown export format 'dot'"):
        export_model(model, "dot", tmp_path / "x.dot")
    with pytest.raises(InputFileError, match="give a folder"):
        export_model(model, "csv", tmp_path / "tables.csv")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot write"):
        export_model(model, "graphml", tmp_path / "file" / "m.graphml")
