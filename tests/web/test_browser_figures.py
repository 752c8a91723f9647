"""The app's network, causal map and timeline on models other than the curated one, in headless Chromium: no two
labels overprint, every directed link has an arrowhead, every figure has a legend, and a crowded month gets a
close up. Drawn for the bundled model, a 200-concept made-up model and drafts of three dev articles; screenshots
go to the test's folder (and to $REALPOLITIK_SCREENSHOTS when set) for looking at."""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import pytest

from realpolitik.analysis import actor_network
from realpolitik.model import load_model
from realpolitik.web import WebSettings, create_app
from tests.web.conftest import LiveServer

pytestmark = pytest.mark.browser

NAMES = ("bundled", "synthetic-200", "2023-08-02-wagners-next-in-africa", "2024-03-06-war-clouds-over-india",
         "2025-03-29-post-jihadism-dilemmas")
#: Plotly draws a marker's label as one <text> per node; these are their boxes on the page.
_LABEL_BOXES = """
return [...document.querySelectorAll('#chart .scatterlayer .textpoint text')].map((t) => {
  const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; });
"""


def _ready(driver, url: str) -> None:
    driver.get(url)
    deadline = time.monotonic() + 60
    while driver.execute_script("return document.body.dataset.ready") != "true":
        assert time.monotonic() < deadline, f"{url} did not finish drawing"
        time.sleep(0.1)


def _shot(driver, folder: Path, name: str) -> None:
    driver.save_screenshot(str(folder / f"{name}.png"))
    if os.environ.get("REALPOLITIK_SCREENSHOTS"):
        Path(os.environ["REALPOLITIK_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(os.environ["REALPOLITIK_SCREENSHOTS"]) / f"app-{name}.png"))


def _clashes(boxes) -> list[tuple[str, str]]:
    return [(a[0], b[0]) for a, b in itertools.combinations(boxes, 2)
            if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1]


@pytest.fixture(params=NAMES)
def served(request, figure_models):
    if request.param not in figure_models:
        pytest.skip("the analysis-dev articles are not at hand")
    with LiveServer(create_app(WebSettings(model=figure_models[request.param]))) as server:
        yield request.param, server, load_model(figure_models[request.param])


def test_maps_have_readable_labels_arrowheads_and_a_legend(browser, served, tmp_path):
    name, server, model = served
    relations = sum(1 for _, _, d in actor_network(model).edges(data=True) if d["origin"] == "relation")
    for page, directed in (("network", relations), ("causal-map", len(model.causal_links))):
        _ready(browser, f"{server.url}/{page}")
        _shot(browser, tmp_path, f"{name}-{page}")
        boxes = browser.execute_script(_LABEL_BOXES)
        assert len(boxes) == (len(actor_network(model)) if page == "network" else
                              len({c.id for c in model.concepts} | {e for link in model.causal_links
                                                                    for e in (link.cause, link.effect)}))
        assert _clashes(boxes) == [], page
        heads = browser.execute_script("return document.querySelectorAll('#chart g.annotation').length")
        assert heads == directed, page
        legend = browser.find_element("id", "legend").text
        assert ("friendly" in legend) if page == "network" else ("increases" in legend and "decreases" in legend)


def test_a_crowded_month_gets_a_close_up(browser, figure_models, tmp_path):
    with LiveServer(create_app(WebSettings(model=figure_models["synthetic-200"]))) as server:
        _ready(browser, f"{server.url}/timeline")
        ticks = "".join(browser.execute_script(
            "return [...document.querySelectorAll('#chart .ytick text')].map((t) => t.textContent)")).replace(" ", "")
        for event in load_model(figure_models["synthetic-200"]).events:  # whole, in lines, not cut at 60 characters
            assert event.description.replace(" ", "") in ticks, event.description
        whole = browser.execute_script("return document.getElementById('chart').layout.xaxis.range")
        browser.find_element("id", "close-up").click()
        deadline = time.monotonic() + 10
        while browser.execute_script("return document.getElementById('chart').layout.xaxis.range") == whole:
            assert time.monotonic() < deadline, "the close up did not zoom"
            time.sleep(0.1)
        low, high = browser.execute_script("return document.getElementById('chart').layout.xaxis.range")
        assert str(low)[:7] in ("2024-04", "2024-05") and str(high)[:7] in ("2024-05", "2024-06")
        _shot(browser, tmp_path, "synthetic-200-timeline-close-up")
