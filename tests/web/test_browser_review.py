"""Review in the real Chromium: add a link from a text selection, merge two concepts, bulk reject, save a
scenario from the controls, and undo each; every change checked in the model file itself."""

from __future__ import annotations

import pytest

from realpolitik.corpus import read_source_text
from realpolitik.model import load_model
from tests.web.test_browser import _clear_message, _click, _message, _open, _severe, _shot, _wait

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fresh_log(browser):
    browser.get_log("browser")
    yield


def _document_page(browser, live_server, model_copy) -> None:
    _open(browser, f"{live_server.url}/documents/{load_model(model_copy).documents[0].id}")


def _undo(browser) -> None:
    _clear_message(browser)
    _click(browser, browser.find_element("id", "undo"))
    assert "Undone" in _message(browser, "ok")


def _select_text(browser, start: int, end: int) -> None:
    """Select characters start..end of the document's text as a user's drag would, then release the mouse."""
    browser.execute_script("""
        const [box, start, end] = [document.getElementById('doc-text'), arguments[0], arguments[1]];
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0, node;
        while ((node = walker.nextNode())) {
          const next = seen + node.length;
          if (start >= seen && start < next) range.setStart(node, start - seen);
          if (end > seen && end <= next) { range.setEnd(node, end - seen); break; }
          seen = next;
        }
        node.parentElement.scrollIntoView({block: 'center'});
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    """, start, end)


def test_add_a_causal_link_from_a_selection_with_a_new_cause_then_undo(browser, live_server, model_copy,
                                                                        seed_path, tmp_path):
    from selenium.webdriver.support.ui import Select

    text = read_source_text(seed_path).text
    start = text.index("opium")
    _document_page(browser, live_server, model_copy)
    _select_text(browser, start, start + len("opium"))
    bar = browser.find_element("id", "selection-bar")
    _wait(browser, lambda d: bar.is_displayed(), what="the selection bar")
    _shot(browser, tmp_path, "20-selection-bar")
    _click(browser, bar.find_element("css selector", 'button[data-add="causal_links"]'))
    _wait(browser, lambda d: d.find_element("id", "add-dialog").get_attribute("open") is not None, what="the form")
    assert browser.find_element("id", "add-quote").text == "opium"
    Select(browser.find_element("css selector", '#add-fields select[name="cause"]')).select_by_value("__new__")
    browser.find_element("css selector", 'input[name="cause__label"]').send_keys("Drug money")
    Select(browser.find_element("css selector", '#add-fields select[name="effect"]')).select_by_value("instability")
    browser.find_element("css selector", '#add-fields input[name="weight"]').send_keys("0.4")
    browser.find_element("id", "add-paraphrase").send_keys("Money from drugs is said to feed disorder.")
    _shot(browser, tmp_path, "21-add-link-form")
    browser.find_element("id", "add-save").click()
    assert "Added causal link" in _message(browser, "ok")
    model = load_model(model_copy)
    [link] = [link for link in model.causal_links if link.cause == "drug_money"]
    assert (link.effect, link.weight, link.evidence[0].start, link.evidence[0].end) == (
        "instability", 0.4, start, start + 5)
    card = browser.find_element("css selector", f'li[data-key="causal_links/{link.id}"]')
    assert "weight +0.40" in card.text and "confidence 0.50" in card.text
    _shot(browser, tmp_path, "22-added-link-card")
    _undo(browser)
    assert "drug_money" not in {c.id for c in load_model(model_copy).concepts}
    assert _severe(browser) == []


def test_merge_two_concepts_then_undo(browser, live_server, model_copy, tmp_path):
    from selenium.webdriver.support.ui import Select

    before = model_copy.read_bytes()
    _document_page(browser, live_server, model_copy)
    card = browser.find_element("css selector", 'li[data-key="concepts/violence_casualties"]')
    _click(browser, card.find_element("css selector", "button.merge"))
    _wait(browser, lambda d: d.find_element("id", "merge-dialog").get_attribute("open") is not None, what="merge")
    Select(browser.find_element("id", "merge-into")).select_by_value("instability")
    _shot(browser, tmp_path, "23-merge-dialog")
    browser.find_element("id", "merge-save").click()
    assert "Merged concept violence_casualties into instability" in _message(browser, "ok")
    model = load_model(model_copy)
    assert "violence_casualties" not in {c.id for c in model.concepts}
    assert model.get("causal_links", "arms_raise_violence").effect == "instability"
    assert not browser.find_elements("css selector", 'li[data-key="concepts/violence_casualties"]')
    _undo(browser)
    assert model_copy.read_bytes() == before

    # A merge that would make a link loop is refused with its reason, and nothing changes.
    _clear_message(browser)
    card = browser.find_element("css selector", 'li[data-key="concepts/iskp_recruitment"]')
    _click(browser, card.find_element("css selector", "button.merge"))
    Select(browser.find_element("id", "merge-into")).select_by_value("iskp_strength")
    browser.find_element("id", "merge-save").click()
    assert "to itself" in _message(browser, "error")
    assert model_copy.read_bytes() == before


def test_bulk_reject_ticked_items_then_undo(browser, live_server, model_copy, tmp_path):
    before = model_copy.read_bytes()
    _document_page(browser, live_server, model_copy)
    for key in ("events/fall_of_kabul", "forecasts/" + load_model(model_copy).forecasts[0].id):
        _click(browser, browser.find_element("css selector", f'li[data-key="{key}"] input.item-check'))
    assert browser.find_element("id", "bulk-reject").is_enabled()
    _shot(browser, tmp_path, "24-ticked")
    _click(browser, browser.find_element("id", "bulk-reject"))
    assert "Rejected 2 item(s) in one change" in _message(browser, "ok")
    model = load_model(model_copy)
    assert "fall_of_kabul" not in {e.id for e in model.events}
    assert len(load_model(model_copy).forecasts) == 14
    _undo(browser)
    assert model_copy.read_bytes() == before

    # The bundled model is curated: rejecting weak proposed links finds none, and says so.
    _clear_message(browser)
    _click(browser, browser.find_element("id", "reject-below"))
    assert "nothing to reject" in _message(browser, "conflict")


def test_edit_shows_empty_optional_fields_and_pickers(browser, live_server, model_copy):
    from selenium.webdriver.support.ui import Select

    _document_page(browser, live_server, model_copy)
    card = browser.find_element("css selector", 'li[data-key="relations/russia_us_rivalry"]')
    _click(browser, card.find_element("css selector", "button.edit"))
    _wait(browser, lambda d: d.find_element("id", "edit-dialog").get_attribute("open") is not None, what="editor")
    assert Select(browser.find_element("css selector", '#edit-fields select[name="source"]')
                  ).first_selected_option.get_attribute("value") == "russia"
    valid_to = browser.find_element("css selector", '#edit-fields input[name="valid_to"]')
    valid_to.send_keys("2021-08")
    browser.find_element("id", "edit-save").click()
    assert "Saved valid_to" in _message(browser, "ok")
    assert load_model(model_copy).get("relations", "russia_us_rivalry").valid_to == "2021-08"


def test_save_the_controls_as_a_scenario_then_undo(browser, live_server, model_copy, tmp_path):
    _open(browser, live_server.url + "/scenarios")
    _click(browser, browser.find_element("id", "hold-aid_and_assets"))
    browser.execute_script("const s = document.getElementById('slider-aid_and_assets'); s.value = '0.8';"
                           "s.dispatchEvent(new Event('input'));")
    browser.find_element("id", "scenario-name").send_keys("Aid held high")
    _click(browser, browser.find_element("id", "save-controls"))
    assert "Saved scenario aid_held_high" in _message(browser, "ok")
    _shot(browser, tmp_path, "25-saved-scenario")
    assert load_model(model_copy).get("scenarios", "aid_held_high").clamps == {"aid_and_assets": 0.8}
    _document_page(browser, live_server, model_copy)
    _undo(browser)
    assert "aid_held_high" not in {s.id for s in load_model(model_copy).scenarios}
