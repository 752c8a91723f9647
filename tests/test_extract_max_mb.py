"""The extract command takes the --max-mb that its size message (E103) names, as ingest does."""

from __future__ import annotations

from typer.testing import CliRunner

from realpolitik.cli.app import app


def test_extract_max_mb_refuses_a_file_above_it_with_e103(tmp_path):
    page = tmp_path / "long.txt"
    page.write_text("The council met on Monday and agreed a budget for the harbour.\n" * 40_000, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page), "--max-mb", "1"])
    assert result.exit_code == 1, result.output
    assert "too large" in result.output and "limit is 1.0 MB" in result.output and "--max-mb" in result.output


def test_extract_max_mb_must_be_positive(tmp_path):
    page = tmp_path / "short.txt"
    page.write_text("The council met on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page), "--max-mb", "0"])
    assert result.exit_code == 2, result.output
