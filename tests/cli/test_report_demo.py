from __future__ import annotations

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app, main

runner = CliRunner()


def test_report_writes_html(basin_path, tmp_path):
    out = tmp_path / "basin.html"
    result = runner.invoke(app, ["report", str(basin_path), "-o", str(out), "--draws", "200"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output.replace("\n", "")
    assert out.read_text(encoding="utf-8").count("<svg") == 7


def test_report_markdown_with_svg_figures(basin_path, tmp_path):
    out = tmp_path / "basin.md"
    result = runner.invoke(app, ["report", str(basin_path), "-o", str(out), "-f", "md", "--figures", "svg",
                                 "--no-simulate"])
    assert result.exit_code == 0, result.output
    figures = sorted(p.name for p in (tmp_path / "basin_figures").iterdir())
    # Without simulation there are no scenario or press figures.
    assert figures == ["actors.svg", "causal-map.svg", "forecasts.svg", "timeline.svg"]
    assert "No scenario results: simulation was not requested." in out.read_text(encoding="utf-8")


def test_report_on_a_broken_model_exits_1_naming_the_problem(basin_path, tmp_path, monkeypatch, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(basin_path.read_text(encoding="utf-8").replace("effect: hydropower", "effect: turbines"))
    monkeypatch.setattr("sys.argv", ["realpolitik", "report", str(broken), "-o", str(tmp_path / "r.html")])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    assert "unknown concept 'turbines'" in capsys.readouterr().err.replace("\n", "")
    assert not (tmp_path / "r.html").exists()


def test_report_bad_format_names_the_choices(basin_path, tmp_path):
    result = runner.invoke(app, ["report", str(basin_path), "-o", str(tmp_path / "r.x"), "-f", "pdf", "--no-simulate"])
    assert "unknown report format 'pdf'; choose one of: html, md" in str(result.exception)


def test_demo_prints_the_path_then_three_headline_lines(basin_path, tmp_path):
    out = tmp_path / "demo" / "report.html"
    result = runner.invoke(app, ["demo", str(basin_path), "-o", str(out), "--draws", "200"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    report_line = next(i for i, line in enumerate(lines) if line.startswith("report: "))
    assert lines[report_line] == f"report: {out.resolve()}"
    assert lines[report_line + 1].startswith("Water and security in the (fictional) Upper Lorn Basin: 9 actors")
    assert lines[report_line + 3].startswith("Biggest scenario effect: ")
    assert out.is_file()


def test_demo_default_output_is_in_the_working_directory(basin_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", str(basin_path), "--draws", "200"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "realpolitik-report" / "report.html").is_file()
