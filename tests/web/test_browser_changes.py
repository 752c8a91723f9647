"""The changes view and the forecasts board's evidence trail in headless Chromium, on the bundled model updated with
the later document of tests/web/test_api_changes.py, served by a real uvicorn server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realpolitik.model import ModelFile
from realpolitik.updates import record_path
from realpolitik.web import WebSettings, create_app
from tests.web.conftest import LiveServer
from tests.web.test_api_changes import updated  # noqa: F401  (the module's updated model, a fixture)
from tests.web.test_browser import _click, _message, _open, _severe, _shot, _wait

pytestmark = pytest.mark.browser


def test_accept_a_proposal_from_the_changes_view_and_see_the_forecast_trail(browser, updated: Path,  # noqa: F811
                                                                            tmp_path: Path):
    for path in (updated, record_path(updated), updated.with_name("later-brief.txt")):
        shutil.copy(path, tmp_path / path.name)
    model_path = tmp_path / updated.name
    with LiveServer(create_app(WebSettings(model=model_path))) as server:
        _open(browser, server.url + "/changes")
        proposals = browser.find_elements("css selector", "li.proposal")
        assert proposals and "await review" in browser.find_element("id", "changes-summary").text
        _shot(browser, tmp_path, "changes")
        first = proposals[0]
        section, item_id = first.get_attribute("data-section"), first.get_attribute("data-id")
        _click(browser, first.find_element("css selector", "button.accept"))
        assert "Accepted" in _message(browser, "ok")
        assert ModelFile(model_path).load().get(section, item_id).review == "accepted"
        _wait(browser, lambda d: len(d.find_elements("css selector", "li.proposal")) == len(proposals) - 1,
              what="the accepted proposal to leave the list")

        # a proposal's evidence opens the later document at its passage
        link = browser.find_element("css selector", "li.proposal a.open-in-text")
        target = link.get_attribute("href")
        _click(browser, link)
        _wait(browser, lambda d: d.current_url == target and d.execute_script(
            "return document.body.dataset.ready === 'true'"), what="the later document")

        _open(browser, server.url + "/forecasts")
        trails = browser.find_elements("css selector", "#forecast-table details.trail")
        assert trails
        _click(browser, trails[0].find_element("tag name", "summary"))
        assert trails[0].find_elements("css selector", "li .stance")
        _shot(browser, tmp_path, "forecast-trail")
        assert not _severe(browser)
