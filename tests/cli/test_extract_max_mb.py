"""The extract command takes the --max-mb that its size message (E103) names, as ingest does."""

from __future__ import annotations


def test_extract_max_mb_refuses_a_file_above_it_with_e103(cli, tmp_path):
    page = tmp_path / "long.txt"
    page.write_text("The council met on Monday and agreed a budget for the harbour.\n" * 40_000, encoding="utf-8")
    result = cli("extract", page, "--max-mb", "1")
    assert result.code == 1, result.stderr
    assert "too large" in result.stderr and "limit is 1.0 MB" in result.stderr and "--max-mb" in result.stderr


def test_extract_max_mb_must_be_positive(cli, tmp_path):
    page = tmp_path / "short.txt"
    page.write_text("The council met on Monday.\n", encoding="utf-8")
    result = cli("extract", page, "--max-mb", "0")
    assert result.code == 2
