"""``realpolitik ingest``: tables, one JSON object, files written whole, exit codes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def test_table_and_output_dir(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("ingest", FIXTURES / "brief.txt", FIXTURES / "dispatch.md", "--output-dir", out)
    assert result.code == 0, result.output
    assert "Grain corridor talks resume in Varnel" in result.stdout and "Tomas Eberle" in result.stdout
    brief_id = hashlib.sha256((FIXTURES / "brief.txt").read_bytes()).hexdigest()
    assert brief_id[:12] in result.stdout
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 4 and not any(name.endswith(".part") or name.startswith(".") for name in written)
    meta = json.loads((out / f"{brief_id}.json").read_text(encoding="utf-8"))
    text = (out / f"{brief_id}.txt").read_text(encoding="utf-8")
    assert meta["id"] == brief_id and meta["title"] == "Grain corridor talks resume in Varnel"
    assert meta["characters"] == len(text) and "text" not in meta
    for section in meta["sections"]:
        assert text[section["start"] : section["start"] + len(section["title"])] == section["title"]


def test_json_with_failures_exits_1(cli, tmp_path):
    shutil.copy(FIXTURES / "page.html", tmp_path / "page.html")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff" * 50)
    result = cli("ingest", tmp_path, tmp_path / "nope.txt", "--json")
    assert result.code == 1
    data = json.loads(result.stdout)
    assert not data["ok"]
    assert [d["source_format"] for d in data["documents"]] == ["html"]
    assert {f["code"] for f in data["failures"]} == {"E100", "E101", "E102"}
    assert all("\n" not in f["message"] for f in data["failures"])


def test_too_large_and_usage_errors(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Talks continue in the capital this week. " * 40_000, encoding="utf-8")
    refused = cli("ingest", path, "--max-mb", "1")
    assert refused.code == 1 and "E103" in refused.output and "--max-mb" in refused.output
    assert cli("ingest", path, "--max-mb", "5").code == 0
    assert cli("ingest", path, "--max-mb", "0").code == 2
