from __future__ import annotations

import pytest

from realpolitik.analysis import Lever
from realpolitik.report import PressOutcome, build_report_data
from tests.report.contract import press_for, run_for


@pytest.fixture(scope="session")
def basin_run(basin):
    return run_for(basin, {
        "baseline": {"mediation": 0.2, "tension": 0.6, "treaty": 0.4, "scarcity": 0.55},
        "mediation-push": {"mediation": 1.0, "tension": 0.3, "treaty": 0.65, "scarcity": 0.45},
        # The crackdown closes the border and, against the brief, trade barely moves.
        "crackdown": {"mediation": 0.2, "tension": 0.6, "treaty": 0.4, "scarcity": 0.62, "border": 1.0,
                      "unrest": 0.58},
        "hydro-boom": {"mediation": 0.2, "tension": 0.6, "treaty": 0.4, "scarcity": 0.5, "hydropower": 0.9,
                       "releases": 0.6},
    })


@pytest.fixture(scope="session")
def basin_presses(basin):
    lever = Lever("mediation", "Commission mediation", 1, "clamped by 1 scenario(s) other than the baseline")
    result = press_for(basin, {"mediation": 1}, {"treaty": 0.91, "mediation": 1.0}, {"tension": 0.87})
    failed = Lever("border", "Border closure", 1, "clamped by 1 scenario(s) other than the baseline")
    return [PressOutcome(lever, result), PressOutcome(failed, None, "press on 'border' gave no result: test")]


@pytest.fixture(scope="session")
def basin_data(basin, basin_path, basin_run, basin_presses):
    return build_report_data(basin, source=basin_path.name, run=basin_run, presses=basin_presses)


@pytest.fixture(scope="session")
def bundled_demo(tmp_path_factory):
    """The demo on the bundled seed model, run once for the tests that read its report."""
    from realpolitik.report import run_demo

    out = tmp_path_factory.mktemp("demo") / "report.html"
    return run_demo(None, out, draws=2000)


@pytest.fixture(scope="session")
def basin_html(basin_data):
    from realpolitik.report import render_html

    return render_html(basin_data)
