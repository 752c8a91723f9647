"""The report in a real browser: headless Debian Chromium driven by selenium through Debian's chromedriver."""

from __future__ import annotations

import base64
import io

import pytest

from tests.conftest import start_chromium

pytestmark = pytest.mark.browser

# Every element that puts ink on the page inside a matplotlib SVG.
_DRAWN = "path, use, line, polyline, polygon, rect, circle, ellipse, text, image"
_FIGURES_JS = f"""
return Array.from(document.querySelectorAll('figure.chart svg')).map(svg => {{
  const box = svg.getBoundingClientRect();
  const inner = svg.getBBox();
  return {{id: svg.closest('figure').id, width: box.width, height: box.height,
           innerWidth: inner.width, innerHeight: inner.height, drawn: svg.querySelectorAll('{_DRAWN}').length}};
}});
"""


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(window="1280,900")
    yield driver
    driver.quit()


def _full_page_png(driver) -> bytes:
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
    })
    return base64.b64decode(shot["data"])


def test_bundled_report_renders_offline_with_every_figure_drawn(browser, bundled_demo, tmp_path):
    from PIL import Image

    browser.get(bundled_demo.report.resolve().as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    assert browser.title.startswith("Russia and Afghanistan after the 2021 US withdrawal")

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0

    figures = browser.execute_script(_FIGURES_JS)
    assert [f["id"] for f in figures] == [
        "figure-actors", "figure-causal-map", "figure-timeline", "figure-scenario-deltas", "figure-trajectories",
        "figure-press", "figure-forecasts"]
    for figure in figures:
        assert figure["width"] > 100 and figure["height"] > 100, figure
        assert figure["innerWidth"] > 0 and figure["innerHeight"] > 0, figure
        assert figure["drawn"] > 20, figure

    png = _full_page_png(browser)
    screenshot = tmp_path / "report.png"
    screenshot.write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width >= 1000 and image.height > 5000  # the whole page, not the first screen
    # A blank or failed page has a handful of colours; a drawn report has thousands.
    assert len(image.resize((400, image.height // 10)).getcolors(maxcolors=1 << 20) or []) > 500
