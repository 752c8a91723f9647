"""The changes view and the forecasts board's evidence trail in headless Chromium, on the bundled model updated with
the later document of tests/web/test_api_changes.py, served by a real uvicorn server."""

from __future__ import annotations

import json
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


def test_the_resolve_dialog_starts_from_the_resolution_an_update_proposed(browser, updated: Path,  # noqa: F811
                                                                          tmp_path: Path):
    for path in (updated, record_path(updated), updated.with_name("later-brief.txt")):
        shutil.copy(path, tmp_path / path.name)
    model_path = tmp_path / updated.name
    record_file = record_path(model_path)
    record = json.loads(record_file.read_text(encoding="utf-8"))
    open_ids = {f.id for f in ModelFile(model_path).load().forecasts if f.resolution is None}
    entry = next(e for e in record["forecasts"] if e["forecast"] in open_ids)
    # the record as an update writes it when a later passage settles the forecast
    entry["proposed_resolution"] = {"outcome": False, "date": "2030-03", "source": "later-brief.txt",
                                    "note": "the later brief reports it did not happen"}
    record_file.write_text(json.dumps(record), encoding="utf-8")
    before = model_path.read_bytes()
    with LiveServer(create_app(WebSettings(model=model_path))) as server:
        _open(browser, server.url + "/forecasts")
        row = browser.find_element("css selector", f'tr[data-forecast="{entry["forecast"]}"]')
        _click(browser, row.find_element("css selector", "button.resolve"))
        form = browser.find_element("id", "resolve-form")
        values = {name: form.find_element("name", name).get_attribute("value")
                  for name in ("outcome", "date", "source", "note")}
        assert values == {"outcome": "false", "date": "2030-03", "source": "later-brief.txt",
                          "note": "the later brief reports it did not happen"}
        assert model_path.read_bytes() == before  # proposed, not applied
        _click(browser, browser.find_element("css selector", "#resolve-form button[type=submit]"))
        assert "Resolved" in _message(browser, "ok")
        resolution = ModelFile(model_path).load().get("forecasts", entry["forecast"]).resolution
        assert (resolution.outcome, resolution.date, resolution.source) == (False, "2030-03", "later-brief.txt")
        # a forecast without a proposal opens an empty form
        others = [r for r in browser.find_elements("css selector", "#forecast-table tr.open")
                  if r.get_attribute("data-forecast") != entry["forecast"]]
        assert others, "the bundled model keeps more than one forecast open"
        _click(browser, others[0].find_element("css selector", "button.resolve"))
        assert browser.find_element("id", "resolve-form").find_element("name", "date").get_attribute("value") == ""
        assert not _severe(browser)
