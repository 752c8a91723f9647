"""End to end in headless Debian Chromium (selenium, the system chromedriver) against a real uvicorn server.

Each test serves its own copy of the bundled model (the seed beside it) on 127.0.0.1 and a free port, and
saves screenshots into its tmp_path.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from realpolitik.model import load_model
from realpolitik.web import WebSettings, create_app
from tests.web.conftest import LiveServer

pytestmark = pytest.mark.browser

WAIT = 60


@pytest.fixture(autouse=True)
def _fresh_log(browser):
    """Each test reads only its own console messages (the browser is shared by the module)."""
    browser.get_log("browser")
    yield


def _wait(driver, condition, timeout: float = WAIT, what: str = "the page"):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d),
                                                                  message=f"waiting for {what}")


def _open(driver, url: str) -> None:
    driver.get(url)
    _wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), what=url)


def _message(driver, kind: str | None = None) -> str:
    def shown(d):
        bar = d.find_element("id", "message")
        if bar.get_attribute("hidden") is not None or not bar.text or bar.text.endswith("…"):
            return False
        return (kind is None or bar.get_attribute("data-kind") == kind) and bar.text

    return _wait(driver, shown, what=f"a {kind or 'any'} message")


def _shot(driver, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000, name  # a blank page compresses to almost nothing
    return path


def _severe(driver) -> list:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def _click(driver, element) -> None:
    """Click like a user, with the element scrolled to the middle (the message bar sticks to the top)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _clear_message(driver) -> None:
    driver.execute_script("const m = document.getElementById('message'); m.hidden = true; m.textContent = '';")


def test_review_the_seed_accept_reject_edit_undo(browser, live_server, model_copy, tmp_path):
    _open(browser, live_server.url + "/")
    assert "US withdrawal and Russia-Afghanistan Relations" in browser.find_element("id", "documents").text
    _shot(browser, tmp_path, "01-documents")
    browser.find_element("css selector", "a.document-link").click()
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), what="document view")
    marks = browser.find_elements("css selector", "#doc-text mark")
    assert len(marks) > 100
    cards = browser.find_elements("css selector", "#items li.item")
    reviewable = ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios")
    assert len(cards) == len({(s, i.id) for s in reviewable for i in getattr(load_model(model_copy), s)})
    _shot(browser, tmp_path, "02-document-view")

    # Clicking a highlight selects the items it is evidence for.
    marks[0].click()
    keys = marks[0].get_attribute("data-items").split()
    assert browser.find_element("css selector", f'li[data-key="{keys[0]}"]').get_attribute("class").count("selected")

    browser.find_element("css selector", 'li[data-key="actors/united_states"] button.accept').click()
    assert "Accepted" in _message(browser, "ok")
    assert load_model(model_copy).get("actors", "united_states").review == "accepted"
    assert "accepted" in browser.find_element("css selector", 'li[data-key="actors/united_states"]').text

    _clear_message(browser)
    browser.find_element("css selector", 'li[data-key="events/fall_of_kabul"] button.reject').click()
    assert "Rejected" in _message(browser, "ok")
    assert "fall_of_kabul" not in {e.id for e in load_model(model_copy).events}
    assert not browser.find_elements("css selector", 'li[data-key="events/fall_of_kabul"]')
    _shot(browser, tmp_path, "03-after-accept-and-reject")

    _clear_message(browser)
    browser.find_element("id", "undo").click()
    assert "Undone" in _message(browser, "ok")
    restored = load_model(model_copy)
    assert "fall_of_kabul" in {e.id for e in restored.events}
    assert restored.get("actors", "united_states").review == "accepted"  # only the newest change was undone
    assert browser.find_elements("css selector", 'li[data-key="events/fall_of_kabul"]')

    _clear_message(browser)
    browser.find_element("css selector", 'li[data-key="relations/russia_backs_us_campaign"] button.edit').click()
    _wait(browser, lambda d: d.find_element("id", "edit-dialog").get_attribute("open") is not None, what="the editor")
    polarity = browser.find_element("css selector", '#edit-fields input[name="polarity"]')
    polarity.clear()
    polarity.send_keys("0.2")
    _shot(browser, tmp_path, "04-edit-dialog")
    browser.find_element("id", "edit-save").click()
    assert "Saved polarity" in _message(browser, "ok")
    assert load_model(model_copy).get("relations", "russia_backs_us_campaign").polarity == 0.2
    assert _severe(browser) == []


@pytest.mark.slow
def test_draft_items_from_the_seed_then_review_them(browser, live_server, model_copy, tmp_path):
    from selenium.webdriver.support.ui import Select

    document = load_model(model_copy).documents[0].id
    _open(browser, f"{live_server.url}/documents/{document}")
    before = len(browser.find_elements("css selector", "#items li.item"))
    _click(browser, browser.find_element("id", "draft"))
    _wait(browser, lambda d: "Drafted" in d.find_element("id", "message").text, timeout=240, what="the draft")
    Select(browser.find_element("id", "filter")).select_by_value("proposed")
    proposed = browser.find_elements("css selector", "#items li.review-proposed")
    assert proposed and len(browser.find_elements("css selector", "#items li.item")) == len(proposed)
    _shot(browser, tmp_path, "13-drafted-proposed-items")
    first, second = (card.get_attribute("data-key") for card in proposed[:2])
    _click(browser, browser.find_element("css selector", f'li[data-key="{first}"] button.show'))
    assert browser.find_elements("css selector", "#doc-text mark.selected")
    _clear_message(browser)
    _click(browser, browser.find_element("css selector", f'li[data-key="{first}"] button.accept'))
    assert "Accepted" in _message(browser, "ok")
    _clear_message(browser)
    _click(browser, browser.find_element("css selector", f'li[data-key="{second}"] button.reject'))
    assert "Rejected" in _message(browser, "ok")
    model = load_model(model_copy)
    section, item = first.split("/")
    assert model.get(section, item).review == "accepted"
    section, item = second.split("/")
    assert item not in {i.id for i in getattr(model, section)}
    Select(browser.find_element("id", "filter")).select_by_value("all")
    assert len(browser.find_elements("css selector", "#items li.item")) > before
    _shot(browser, tmp_path, "14-drafted-items-reviewed")


@pytest.mark.slow
def test_a_corpus_document_is_added_then_reviewed(browser, model_copy, tmp_path):
    from realpolitik.corpus import ingest_file
    from realpolitik.store import open_store

    briefing = Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "karsland_coup.txt"
    corpus = tmp_path / "corpus"
    open_store(corpus).add_documents([ingest_file(briefing)])
    with LiveServer(create_app(WebSettings(model=model_copy, corpus=corpus))) as server:
        _open(browser, server.url + "/")
        assert browser.find_element("id", "corpus").is_displayed()
        _click(browser, browser.find_element("css selector", "#corpus-documents button.add"))
        _wait(browser, lambda d: "Added with" in d.find_element("id", "message").text, timeout=240, what="adding")
        _shot(browser, tmp_path, "15-corpus-document-added")
        # The list is drawn again after the message; the link to the added document comes with it.
        _wait(browser, lambda d: d.find_elements("css selector", "#corpus-documents a"), what="the document's link")
        _click(browser, browser.find_element("css selector", "#corpus-documents a"))
        _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), what="document")
        assert "Karsland" in browser.find_element("id", "doc-text").text
        card = browser.find_element("css selector", "#items li.review-proposed")
        key = card.get_attribute("data-key")
        _click(browser, card.find_element("css selector", "button.accept"))
        assert "Accepted" in _message(browser, "ok")
        section, item = key.split("/")
        assert load_model(model_copy).get(section, item).review == "accepted"
        _shot(browser, tmp_path, "16-corpus-document-reviewed")


def test_a_stale_second_tab_is_told_of_the_conflict(browser, live_server, model_copy, tmp_path):
    document = load_model(model_copy).documents[0].id
    url = f"{live_server.url}/documents/{document}"
    _open(browser, url)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    _open(browser, url)
    browser.find_element("css selector", 'li[data-key="actors/russia"] button.accept').click()
    assert "Accepted" in _message(browser, "ok")
    saved = model_copy.read_bytes()
    browser.close()
    browser.switch_to.window(first)
    browser.find_element("css selector", 'li[data-key="actors/china"] button.reject').click()
    text = _message(browser, "conflict")
    assert "changed since this page read it" in text and "reload" in text
    assert model_copy.read_bytes() == saved  # the first tab's stale save overwrote nothing
    _shot(browser, tmp_path, "05-conflict")
    browser.find_element("id", "reload").click()
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), what="reload")
    assert "accepted" in browser.find_element("css selector", 'li[data-key="actors/russia"]').text


_POINT_JS = """
const gd = document.getElementById('chart');
const trace = gd.data.length - 1 - arguments[0];
const data = gd.data[trace];
const index = data.customdata.findIndex(c => c[1] === arguments[1]);
const layout = gd._fullLayout;
const x = layout.xaxis.l2p(layout.xaxis.d2l(data.x[index])) + layout._size.l;
const y = layout.yaxis.l2p(data.y[index]) + layout._size.t;
// a large map scrolls inside its frame: bring the frame, then the point, to the middle of the window
const frame = gd.closest('.chart-scroll');
frame.scrollIntoView({block: 'center', inline: 'center'});
frame.scrollLeft = x - frame.clientWidth / 2;
frame.scrollTop = y - frame.clientHeight / 2;
const box = gd.getBoundingClientRect();
return {x: box.left + x, y: box.top + y};
"""


def _click_point(driver, from_last: int, item_id: str) -> None:
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    point = driver.execute_script(_POINT_JS, from_last, item_id)
    action = ActionBuilder(driver)
    action.pointer_action.move_to_location(int(point["x"]), int(point["y"])).pause(0.4).click()
    action.perform()


@pytest.mark.parametrize(("page", "trace", "item", "section"), [
    ("/network", 0, "russia", "actors"),
    ("/network", 1, "pakistan_accommodates_taliban", "relations"),
    ("/causal-map", 0, "economic_crisis", "concepts"),
    ("/timeline", 0, "fall_of_kabul", "events"),
])
def test_charts_show_evidence_on_click(browser, live_server, tmp_path, seed_path, page, trace, item, section):
    from realpolitik.corpus import read_source_text

    _open(browser, live_server.url + page)
    assert browser.execute_script("return document.querySelectorAll('#chart .scatterlayer .trace').length") > 2
    _click_point(browser, trace, item)
    panel = browser.find_element("id", "evidence")
    _wait(browser, lambda d: panel.get_attribute("data-item") == f"{section}/{item}", what=f"evidence of {item}")
    excerpt = panel.find_element("css selector", ".excerpt mark").text
    assert excerpt and excerpt in read_source_text(seed_path).text
    _shot(browser, tmp_path, f"06-{page.strip('/')}-{item}")
    panel.find_element("css selector", "a.open-in-text").click()
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), what="document")
    selected = browser.find_element("css selector", "#items li.selected")
    assert selected.get_attribute("data-key") == f"{section}/{item}"
    assert browser.find_elements("css selector", "#doc-text mark.selected")
    assert _severe(browser) == []


def test_every_bundled_scenario_runs_and_the_figures_change(browser, live_server, model_copy, tmp_path):
    _open(browser, live_server.url + "/scenarios")
    buttons = browser.find_elements("css selector", "#scenario-buttons button")
    ids = [b.get_attribute("data-scenario") for b in buttons]
    assert ids == [s.id for s in load_model(model_copy).scenarios] and len(ids) == 7
    seen, figures = {}, set()
    for number, scenario in enumerate(ids, start=1):
        _click(browser, browser.find_element("id", f"run-{scenario}"))
        _wait(browser, lambda d, n=number: d.find_element("css selector", ".results").get_attribute("data-runs")
              == str(n), what=f"the run of {scenario}")
        results = browser.find_element("css selector", ".results")
        assert results.get_attribute("data-scenario") == scenario
        seen[scenario] = tuple(round(v, 4) for v in browser.execute_script(
            "return document.getElementById('delta-chart').data[0].x"))
        # the page draws every concept's trajectory itself, the most moved ones named in the legend
        lines = browser.execute_script("return document.getElementById('trajectories-chart').data"
                                       ".map((t) => [t.name, t.showlegend !== false, t.y])")
        assert len(lines) == len(load_model(model_copy).concepts)
        assert sum(named for _, named, _ in lines) == 4
        assert browser.find_element("id", "trajectories").is_displayed()
        figures.add(repr(lines))
        # The controls now hold what the scenario holds.
        assert browser.find_element("id", "hold-aid_and_assets").is_selected() == (
            "aid_and_assets" in browser.execute_script("return arguments[0]", _clamps(model_copy, scenario)))
        _shot(browser, tmp_path, f"07-scenario-{number}-{scenario}")
    assert set(seen["baseline"]) == {0.0}
    assert len(set(seen.values())) == 7  # each scenario moved the figure somewhere else
    assert len(figures) == 7

    # The controls run as a scenario of their own: hold aid high, nothing else.
    _click(browser, browser.find_element("id", "run-baseline"))
    _wait(browser, lambda d: d.find_element("css selector", ".results").get_attribute("data-runs") == "8",
          what="the baseline again")
    for box in browser.find_elements("css selector", "#concept-controls input[type=checkbox]"):
        if box.is_selected():
            _click(browser, box)
    _click(browser, browser.find_element("id", "hold-aid_and_assets"))
    browser.execute_script("const s = document.getElementById('slider-aid_and_assets'); s.value = 1;"
                           "s.dispatchEvent(new Event('input'));")
    _click(browser, browser.find_element("id", "run-controls"))
    _wait(browser, lambda d: d.find_element("css selector", ".results").get_attribute("data-scenario")
          == "ad-hoc", what="the controls' run")
    assert "aid_and_assets = 1" in browser.find_element("id", "result-status").text

    _click(browser, browser.find_element("id", "run-press"))
    _wait(browser, lambda d: d.find_element("css selector", ".results").get_attribute("data-press"), what="press")
    bars = browser.execute_script("return document.getElementById('press-chart').data.map((t) => [t.name, t.x])")
    assert [name for name, _ in bars] == ["P(+)", "P(−)"]
    assert all(0 <= p <= 1 for p in bars[0][1]) and all(-1 <= p <= 0 for p in bars[1][1]) and any(bars[0][1])
    assert browser.find_element("css selector", "#press-chart .main-svg").is_displayed()
    assert "sampled systems were stable" in browser.find_element("id", "press-status").text
    _shot(browser, tmp_path, "08-controls-and-press")
    assert _severe(browser) == []


def _clamps(model_path: Path, scenario: str) -> dict:
    from realpolitik.model import resolve_clamps

    model = load_model(model_path)
    return resolve_clamps(model, scenario)


def test_forecasts_board_and_report_download(browser, live_server, model_copy, tmp_path):
    model = load_model(model_copy)
    _open(browser, live_server.url + "/forecasts")
    rows = browser.find_elements("css selector", "#forecast-table tbody tr")
    assert len(rows) == len(model.forecasts)
    resolved = [f for f in model.forecasts if f.resolution is not None]
    assert len(browser.find_elements("css selector", "#forecast-table tbody tr.resolved")) == len(resolved)
    summary = browser.find_element("id", "forecast-summary").text
    assert f"{len(resolved)} resolved" in summary and "Brier" in summary
    _shot(browser, tmp_path, "09-forecasts")

    # Resolve an open forecast from the board; the file gets the resolution and the board its score.
    open_row = browser.find_element("css selector", "#forecast-table tbody tr.open")
    forecast = open_row.get_attribute("data-forecast")
    _click(browser, open_row.find_element("css selector", "button.resolve"))
    form = browser.find_element("id", "resolve-form")
    form.find_element("name", "date").send_keys("2026-11")
    form.find_element("name", "source").send_keys("a test of the board")
    _click(browser, form.find_element("css selector", "button[type=submit]"))
    assert f"Resolved {forecast}" in _message(browser, "ok")
    resolution = load_model(model_copy).get("forecasts", forecast).resolution
    assert resolution is not None and resolution.outcome is True and resolution.source == "a test of the board"
    row = browser.find_element("css selector", f'#forecast-table tr[data-forecast="{forecast}"]')
    assert "happened" in row.text and row.find_element("css selector", "td.number").text

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    _open_plain(browser, live_server.url + "/report")
    _shot(browser, tmp_path, "10-report-page")
    browser.find_element("id", "download-report").click()
    deadline = time.monotonic() + 180
    while not list(downloads.glob("*.html")) and time.monotonic() < deadline:
        time.sleep(0.25)
    [report] = list(downloads.glob("*.html"))
    assert report.name == "model-report.html"
    html = report.read_text(encoding="utf-8")
    assert model.title in html and "<svg" in html
    browser.get(report.resolve().as_uri())
    assert browser.title.startswith(model.title)
    _shot(browser, tmp_path, "11-downloaded-report")


def _open_plain(driver, url: str) -> None:
    driver.get(url)
    _wait(driver, lambda d: d.execute_script("return document.readyState") == "complete", what=url)


def test_an_article_with_script_tags_shows_them_as_text(browser, hostile_model, tmp_path):
    from tests.web.conftest import HOSTILE_TEXT

    with LiveServer(create_app(WebSettings(model=hostile_model))) as server:
        document = load_model(hostile_model).documents[0].id
        for url in ["/", f"/documents/{document}", "/network", "/timeline"]:
            if url.startswith("/documents") or url in ("/network", "/timeline"):
                _open(browser, server.url + url)
            else:
                _open_plain(browser, server.url + url)
                time.sleep(0.5)
            assert browser.execute_script("return window.__pwned === undefined"), url
            assert browser.title != "owned"
        _open(browser, f"{server.url}/documents/{document}")
        shown = browser.find_element("id", "doc-text").text
        assert "<script>window.__pwned = true;" in shown and "<img src=x onerror=" in shown
        mark = browser.find_element("css selector", '#doc-text mark[data-items~="actors/arland"]')
        assert mark.text.startswith("<script>") and mark.text.endswith("</script>")
        assert browser.find_elements("css selector", "#doc-text script, #doc-text img") == []
        assert "Arland <img src=x onerror=alert(1)>" in browser.find_element("id", "items").text
        assert HOSTILE_TEXT.splitlines()[0] in shown
        _shot(browser, tmp_path, "12-hostile-article")
