"""Imports: edge lists, matrices and FCMpy surveys become valid models that say where each item came from."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import InputFileError, UnknownIdError
from realpolitik.interop import import_model, linguistic_terms
from realpolitik.model import save_model, validate_file
from realpolitik.simulate import causal_matrix

EDGES = "source;target;weight;description\nSanctions;Inflation;0.6;Prices rise\nInflation;Unrest;0.4;\n" \
        "Aid;Inflation;-0.3;Relief\n"


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _spans_are_rows(model, text):
    lines = text.split("\n")
    for item in [*model.concepts, *model.causal_links]:
        (evidence,) = item.evidence
        assert evidence.document == model.documents[0].id
        assert text[evidence.start : evidence.end] in lines


def test_csv_edge_list_with_synonyms_and_semicolons(tmp_path):
    path = _write(tmp_path / "edges.csv", EDGES)
    model = import_model(path, "csv")
    assert [c.id for c in model.concepts] == ["sanctions", "inflation", "unrest", "aid"]
    assert [(link.cause, link.effect, link.weight, link.description) for link in model.causal_links] == [
        ("sanctions", "inflation", 0.6, "Prices rise"), ("inflation", "unrest", 0.4, None),
        ("aid", "inflation", -0.3, "Relief")]
    _spans_are_rows(model, EDGES)
    # the link's evidence is its own row
    third = model.causal_links[2].evidence[0]
    assert EDGES[third.start : third.end] == "Aid;Inflation;-0.3;Relief"


def test_imported_model_passes_validate_with_the_file_beside_it(tmp_path):
    _write(tmp_path / "edges.csv", EDGES)
    save_model(import_model(tmp_path / "edges.csv", "csv"), tmp_path / "model.yaml")
    report = validate_file(tmp_path / "model.yaml")
    assert report.ok and not report.missing_documents and report.texts


def test_xlsx_edge_list(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "edges"
    for row in (["cause", "effect", "weight", "confidence"], ["A", "B", 0.5, 0.9], ["B", "C", -1, None]):
        sheet.append(row)
    book.save(tmp_path / "map.xlsx")
    model = import_model(tmp_path / "map.xlsx", "xlsx")
    assert [(link.cause, link.effect, link.weight, link.confidence) for link in model.causal_links] == [
        ("a", "b", 0.5, 0.9), ("b", "c", -1.0, 0.5)]
    assert "row 3" in model.causal_links[1].evidence[0].paraphrase
    assert model.documents[0].filename is None  # a workbook is not text, so validate must not read it as such
    save_model(model, tmp_path / "model.yaml")
    assert validate_file(tmp_path / "model.yaml").ok


def test_xlsx_matrix(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for row in ([None, "X", "Y"], ["X", 0, 0.7], ["Y", -0.2, None]):
        book.active.append(row)
    book.save(tmp_path / "m.xlsx")
    model = import_model(tmp_path / "m.xlsx", "xlsx-matrix")
    assert causal_matrix(model).weights.tolist() == [[0.0, 0.7], [-0.2, 0.0]]


names = st.lists(st.from_regex(r"[A-Za-z][A-Za-z ]{0,12}[a-z]", fullmatch=True), min_size=2, max_size=6,
                 unique_by=lambda s: s.lower().replace(" ", "_"))


@settings(max_examples=40, deadline=None)
@given(data=st.data(), labels=names)
def test_any_matrix_reads_back_exactly(tmp_path_factory, data, labels):
    n = len(labels)
    weights = np.array(data.draw(st.lists(st.lists(
        st.one_of(st.just(0.0), st.floats(-1, 1, allow_nan=False)), min_size=n, max_size=n), min_size=n, max_size=n)))
    np.fill_diagonal(weights, 0.0)
    if not weights.any():
        weights[0, 1] = 0.5
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["", *labels])
    for label, row in zip(labels, weights.tolist(), strict=True):
        writer.writerow([label, *[repr(w) for w in row]])
    path = _write(tmp_path_factory.mktemp("m") / "m.csv", buffer.getvalue())
    model = import_model(path, "csv-matrix")
    assert [c.label for c in model.concepts] == labels
    assert np.array_equal(causal_matrix(model).weights, weights)


def test_fcmpy_survey_is_averaged_with_agreement(tmp_path):
    text = "A -> B (+);B -> C (-);C -> A (+)\nH;VH;NA\nM;0.5;\nVH;H;NA\n"
    model = import_model(_write(tmp_path / "survey.csv", text), "fcmpy")
    terms = linguistic_terms()
    # centroids of the triangles in lang/en/fcm_terms.yaml
    assert terms["H"] == pytest.approx(0.75) and terms["VH"] == pytest.approx(2.75 / 3)
    links = {(link.cause, link.effect): link for link in model.causal_links}
    assert set(links) == {("a", "b"), ("b", "c")}  # C -> A was judged 'no causality' by all who answered
    ab = [terms["H"], terms["M"], terms["VH"]]
    mean = sum(ab) / 3
    assert links["a", "b"].weight == pytest.approx(mean)
    assert links["a", "b"].agreement == pytest.approx(1 - sum(abs(v - mean) for v in ab) / 3)
    bc = [-terms["VH"], -0.5, -terms["H"]]
    assert links["b", "c"].weight == pytest.approx(sum(bc) / 3)
    assert links["a", "b"].confidence == 1.0


def test_fcmpy_signed_terms_and_partial_answers(tmp_path):
    text = "X -> Y (+)\n-L\n\nL\n"
    # '-L' and 'L' cancel out, so no link is left to import
    with pytest.raises(InputFileError, match="no edges"):
        import_model(_write(tmp_path / "s.csv", text), "fcmpy")
    text = "X -> Y (+),Y -> X (+)\n-L,M\n,M\n"
    model = import_model(_write(tmp_path / "s2.csv", text), "fcmpy")
    links = {(link.cause, link.effect): link for link in model.causal_links}
    assert links["x", "y"].weight == pytest.approx(-0.25) and links["x", "y"].confidence == 0.5
    assert links["y", "x"].agreement == 1.0


@pytest.mark.parametrize(("fmt", "text", "message"), [
    ("csv-matrix", ",a,b\na,0,1\n", "not square: 1 rows and 2 columns"),
    ("csv-matrix", ",a,b\na,0,1,0.3\nb,0,0\n", "not square"),
    ("csv-matrix", ",a,b\na,0,1\nc,0,0\n", "row 2 is 'c' but column 2 is 'b'"),
    ("csv-matrix", ",a,b\na,0,lots\nb,0,0\n", "must be a number from -1 to 1, got 'lots'"),
    ("csv-matrix", ",a,b\na,0,0\nb,0,0\n", "no edges"),
    ("csv", "cause,effect,strength\na,b,1\n", "unknown column(s) 'strength'"),
    ("csv", "cause,weight\na,1\n", "missing column(s) effect"),
    ("csv", "cause,effect,weight\na,b,2\n", "line 2: weight must be a number from -1 to 1, got '2'"),
    ("csv", "cause,effect,weight\n", "no edges"),
    ("csv", "", "the file is empty"),
    ("csv", "  \n\n", "the file is empty"),
    ("fcmpy", "A -> B\nH\n", "unknown column(s) 'A -> B'"),
    ("fcmpy", "A -> B (+)\nsomewhat\n", "unknown linguistic term 'somewhat'"),
    ("fcmpy", "A -> B (+)\n", "holds no expert rows"),
])
def test_bad_input_gets_a_clear_message(tmp_path, fmt, text, message):
    path = _write(tmp_path / "bad.csv", text)
    with pytest.raises(InputFileError) as caught:
        import_model(path, fmt)
    assert message in str(caught.value)


def test_unknown_import_format_and_missing_file(tmp_path):
    with pytest.raises(UnknownIdError, match="unknown import format 'dot'"):
        import_model(tmp_path / "x.dot", "dot")
    with pytest.raises(InputFileError, match="no such file"):
        import_model(tmp_path / "missing.csv", "csv")
    (tmp_path / "bin.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputFileError, match="cannot read"):
        import_model(tmp_path / "bin.xlsx", "xlsx")


def test_a_link_listed_twice_keeps_both_rows_under_distinct_ids(tmp_path):
    text = "cause,effect,weight\nA,B,0.5\nA,B,-0.2\n"
    model = import_model(_write(tmp_path / "twice.csv", text), "csv")
    assert [link.id for link in model.causal_links] == ["a_b", "a_b_2"]
    save_model(model, tmp_path / "model.yaml")
    assert validate_file(tmp_path / "model.yaml").ok
