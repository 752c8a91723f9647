from __future__ import annotations

import re

import pytest

from realpolitik.analysis import main_levers
from realpolitik.errors import ModelValidationError
from realpolitik.model import load_model
from realpolitik.report import DEFAULT_OUTPUT, run_demo
from realpolitik.report.demo import DEMO_STEPS


def _section(html: str, name: str) -> str:
    return re.search(rf'<section id="{name}">(.*?)</section>', html, re.S).group(1)


def test_demo_on_the_bundled_model_fills_every_section(bundled_demo):
    model = load_model(bundled_demo.model_path)
    html = bundled_demo.report.read_text(encoding="utf-8")
    assert list(bundled_demo.timings) == list(DEMO_STEPS)
    header = html.split("<main>")[0]
    assert "US withdrawal and Russia-Afghanistan Relations" in header and "Asma Hussain" in header
    assert "between 2021-09-01 and 2022-06-30" in header  # the EDTF set of possible publication months
    summary = _section(html, "summary")
    assert summary.count("<li>") >= 6 + 6  # counts, actors, concepts, loops, six scenario headlines, presses…
    assert html.count("<svg") == 7
    scenarios = _section(html, "scenarios")
    assert scenarios.count("fixed point") + scenarios.count("limit cycle") + scenarios.count("not converged") >= 7
    press = _section(html, "press")
    levers = main_levers(model)
    assert len(levers) == 6 and press.count("<h3>Press") == len(levers)
    assert "gave no result" not in press
    forecasts = _section(html, "forecasts")
    assert "Brier score 0.107" in forecasts and "Log score 0.375" in forecasts
    statements = forecasts[forecasts.rindex("<table"):]
    assert statements.count("<tr>") == len(model.forecasts) + 1
    calibration = forecasts[forecasts.index("Calibration by band"):forecasts.rindex("<table")]
    assert calibration.count("<tr>") == 1 + 3  # likely, very likely, roughly even chance
    actors = _section(html, "actors")
    assert "Balance and turning points" in actors and "Russia – United States</td><td>turned hostile" in actors
    evidence = _section(html, "evidence")
    items = sum(len(i.evidence) for s in ("actors", "relations", "events", "concepts", "causal_links", "forecasts",
                                          "scenarios") for i in getattr(model, s))
    assert evidence.count("<tr>") == items + 1


def test_demo_headline_has_three_lines(bundled_demo):
    first, second, third = bundled_demo.headline
    assert first.startswith("Russia and Afghanistan after the 2021 US withdrawal: 24 actors")
    assert second.startswith("Strongest loop ")
    assert third.startswith("Biggest scenario effect: ")


def test_demo_reports_each_step_to_the_caller(basin_path, tmp_path):
    from contextlib import nullcontext

    seen = []
    result = run_demo(basin_path, tmp_path / "r.md", draws=200, step=lambda name: seen.append(name) or nullcontext())
    assert seen == list(DEMO_STEPS)
    assert result.report.suffix == ".md" and len(result.files) == 8


def test_demo_refuses_a_model_with_errors(basin_path, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(basin_path.read_text(encoding="utf-8").replace("cause: scarcity, effect: unrest",
                                                                      "cause: drought, effect: unrest"))
    with pytest.raises(ModelValidationError, match="drought"):
        run_demo(broken, tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


def test_default_output_is_a_relative_folder():
    assert DEFAULT_OUTPUT.parts == ("realpolitik-report", "report.html")
