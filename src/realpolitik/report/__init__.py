"""The report stage: one self-contained HTML file (or Markdown) from a model and its simulations.

Typical use::

    from realpolitik.report import build_report_data, write_report
    write_report(build_report_data(model), "report.html")

:func:`run_demo` runs the whole pipeline, step by step, on the bundled model.
"""

from realpolitik.report.data import (
    DEFAULT_DRAWS,
    PRESS_WEIGHTS,
    PressOutcome,
    ReportData,
    add_presses,
    add_scenarios,
    build_report_data,
    quotable_texts,
    report_data_without_runs,
    run_presses,
    run_scenarios,
)
from realpolitik.report.demo import DEFAULT_OUTPUT, DemoResult, run_demo
from realpolitik.report.render import REPORT_FORMATS, render_html, render_markdown, report_figures, write_report
from realpolitik.report.summary import executive_summary, headline, scenario_headline

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_OUTPUT",
    "PRESS_WEIGHTS",
    "REPORT_FORMATS",
    "DemoResult",
    "PressOutcome",
    "ReportData",
    "add_presses",
    "add_scenarios",
    "build_report_data",
    "executive_summary",
    "headline",
    "quotable_texts",
    "render_html",
    "render_markdown",
    "report_data_without_runs",
    "report_figures",
    "run_demo",
    "run_presses",
    "run_scenarios",
    "scenario_headline",
    "write_report",
]
