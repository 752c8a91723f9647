"""``realpolitik corpus`` as a user runs it: exit codes, one-line errors, JSON output, the real extractor."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.errors import BatchError, CorpusStoreError
from realpolitik.model import load_model

runner = CliRunner()

BRIEFS = {
    "fisheries.txt": "Fisheries in the north | A. Writer\n\nNorway and Russia signed a fisheries agreement in Oslo on "
                     "3 May 2019. Norway is expected to seek support from the European Union.\n",
    "ports.txt": "Ports and pressure | B. Writer\n\nIn March 2020 Russia warned Norway that it may close its ports. "
                 "Talks between Norway and Russia broke down on 9 April 2020.\n",
}


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=True)


@pytest.fixture
def briefs(tmp_path) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in BRIEFS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_add_list_show_and_readd(tmp_path, briefs):
    data = tmp_path / "data"
    (briefs / "copy.txt").write_bytes((briefs / "ports.txt").read_bytes())
    (briefs / "blob.txt").write_bytes(b"\x00\x01\x02 binary")
    added = invoke("corpus", "add", briefs, "--data-dir", data, "--json")
    assert added.exit_code == 1  # one file refused
    report = json.loads(added.stdout[added.stdout.index("{"):])
    assert len(report["added"]) == 2 and len(report["duplicates"]) == 1 and len(report["failed"]) == 1
    assert "blob.txt" in report["failed"][0]["path"] and "binary" in report["failed"][0]["error"]
    again = invoke("corpus", "add", briefs / "fisheries.txt", briefs / "ports.txt", "--data-dir", data)
    assert again.exit_code == 0 and "added 0 document(s)" in again.stdout
    listed = json.loads(invoke("corpus", "list", "--data-dir", data, "--json").stdout)
    assert sorted(d["title"] for d in listed["documents"]) == ["Fisheries in the north", "Ports and pressure"]
    assert not any(d["extracted"] for d in listed["documents"])
    prefix = report["added"][0][:8]
    shown = invoke("corpus", "show", prefix, "--data-dir", data, "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == report["added"][0]


def test_extract_with_the_real_extractor_then_ask_and_draft(tmp_path, briefs):
    data = tmp_path / "data"
    assert invoke("corpus", "add", briefs, "--data-dir", data).exit_code == 0
    done = invoke("corpus", "extract", "--data-dir", data, "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert (report["saved"], report["failed"], report["mode"]) == (2, 0, "in-process")
    assert list(report["per_worker"].values())[0]["pipeline_loads"] == 1
    rerun = json.loads(invoke("corpus", "extract", "--data-dir", data, "--json").stdout)
    assert (rerun["pending"], rerun["saved"]) == (0, 0)
    mentions = json.loads(invoke("corpus", "mentions", "Russia", "--data-dir", data, "--json").stdout)
    assert sum(p["documents"] for p in mentions["periods"]) == 2
    timeline = json.loads(invoke("corpus", "timeline", "Norway", "Russia", "--data-dir", data, "--json").stdout)
    assert {r["document_id"] for r in timeline["relations"]} <= {d for d in _ids(data)}
    query = invoke("corpus", "query", "SELECT count(DISTINCT document_id) AS n FROM actors WHERE name = 'Norway'",
                   "--data-dir", data, "--json")
    assert json.loads(query.stdout)["rows"] == [{"n": 2}]
    model_path = tmp_path / "merged.yaml"
    drafted = invoke("corpus", "draft", "--query", "SELECT id FROM documents", "-o", model_path, "--data-dir", data,
                     "--json")
    assert drafted.exit_code == 0, drafted.output
    model = load_model(model_path)
    assert len(model.documents) == 2
    norway = [a for a in model.actors if a.name == "Norway"]
    assert len(norway) == 1, "the two documents' Norway is one actor in the merged model"
    assert {e.document for e in norway[0].evidence} == set(_ids(data))


def _ids(data: Path) -> list[str]:
    return [d["id"] for d in json.loads(invoke("corpus", "list", "--data-dir", data, "--json").stdout)["documents"]]


def test_export_and_import_through_the_cli(tmp_path, briefs):
    first, second = tmp_path / "one", tmp_path / "two"
    invoke("corpus", "add", briefs, "--data-dir", first)
    exported = invoke("corpus", "export", tmp_path / "parquet", "--data-dir", first, "--json")
    assert json.loads(exported.stdout)["rows"]["documents"] == 2
    assert (tmp_path / "parquet" / "mentions.parquet").is_file()
    imported = json.loads(invoke("corpus", "import", tmp_path / "parquet", "--data-dir", second, "--json").stdout)
    assert imported["added"]["documents"] == 2
    assert _ids(first) == _ids(second)


def test_bad_input_is_refused_with_its_own_error(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "corpus.duckdb").write_bytes(b"not a database at all" * 50)
    result = invoke("corpus", "list", "--data-dir", bad)
    assert isinstance(result.exception, CorpusStoreError) and str(bad / "corpus.duckdb") in str(result.exception)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    good = tmp_path / "good"
    (tmp_path / "one.txt").write_text("Norway and Russia met in Oslo.", encoding="utf-8")
    invoke("corpus", "add", tmp_path / "one.txt", "--data-dir", good)
    result = invoke("corpus", "extract", "--scheduler", f"tcp://127.0.0.1:{port}", "--timeout", "1", "--data-dir", good)
    assert isinstance(result.exception, BatchError) and "no Dask scheduler answers" in str(result.exception)
    listed = json.loads(invoke("corpus", "list", "--data-dir", good, "--json").stdout)
    assert listed["documents"][0]["extracted"] is False
    result = invoke("corpus", "query", "DELETE FROM documents", "--data-dir", good)
    assert isinstance(result.exception, CorpusStoreError) and "only reads" in str(result.exception)
    assert invoke("corpus", "extract", "--workers", "0", "--data-dir", good).exit_code == 2
    assert invoke("corpus", "show", "--data-dir", good).exit_code == 2


def test_a_damaged_database_is_one_line_and_exit_1(cli, tmp_path):
    (tmp_path / "corpus.duckdb").write_bytes(b"garbage " * 100)
    result = cli("corpus", "list", "--data-dir", tmp_path)
    assert result.code == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "is not a realpolitik corpus database" in result.stderr
