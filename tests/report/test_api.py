"""The report and analysis stages expose what we meant them to, and every name resolves."""

from __future__ import annotations

import importlib

import pytest

import realpolitik

REPORT = {
    "DEFAULT_DRAWS", "DEFAULT_OUTPUT", "PRESS_WEIGHTS", "REPORT_FORMATS", "DemoResult", "PressOutcome",
    "ReportData", "add_presses", "add_scenarios", "build_report_data",
    "executive_summary", "headline", "render_html", "render_markdown", "report_figures", "run_demo",
    "quotable_texts", "report_data_without_runs", "run_presses", "run_scenarios", "scenario_headline", "write_report",
}
ANALYSIS_REPORT_NEEDS = {"feedback_loops", "concept_centrality", "actor_network", "brier_score", "causal_graph"}


@pytest.mark.parametrize("name", ["realpolitik.report", "realpolitik.analysis"])
def test_every_exported_name_exists_once_and_is_sorted(name):
    module = importlib.import_module(name)
    assert all(hasattr(module, exported) for exported in module.__all__)
    assert list(module.__all__) == sorted(module.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))


def test_report_surface():
    import realpolitik.report as report

    assert set(report.__all__) == REPORT


def test_analysis_surface_covers_what_the_report_uses():
    import realpolitik.analysis as analysis

    assert set(analysis.__all__) >= ANALYSIS_REPORT_NEEDS


def test_report_error_is_a_realpolitik_error():
    assert issubclass(realpolitik.ReportError, realpolitik.RealpolitikError)
