"""The page data of the web app, computed by the library without any web import."""

from __future__ import annotations

import pytest

from realpolitik.errors import UnknownIdError
from realpolitik.report import page_data


def test_network_view_places_every_actor_and_links_only_placed_nodes(bundled):
    view = page_data.network_view(bundled)
    placed = {node["id"] for node in view["nodes"]}
    assert {actor.id for actor in bundled.actors} <= placed
    assert all(edge["source"] in placed and edge["target"] in placed for edge in view["edges"])


def test_field_specs_follow_the_format_and_refuse_unknown_sections():
    kinds = {spec["name"]: spec["kind"] for spec in page_data.field_specs("causal_links")}
    assert kinds["cause"] == "ref" and kinds["weight"] == "number"
    with pytest.raises(UnknownIdError):
        page_data.field_specs("documents")


def test_a_document_card_counts_the_items_citing_it_and_knows_whether_its_text_is_at_hand(bundled):
    document = bundled.documents[0]
    spans = page_data.document_spans(bundled, document.id, ("actors", "concepts"))
    card = page_data.document_card(bundled, document, {document.id: "text"})
    assert card["id"] == document.id and card["title"] == document.title and card["has_text"] is True
    assert card["items"] >= len({(s["section"], s["id"]) for s in spans}) > 0
    assert page_data.document_card(bundled, document, {}, spans)["items"] == len({(s["section"], s["id"])
                                                                                 for s in spans})


def test_the_forecasts_board_carries_its_figure_and_a_press_on_an_unknown_concept_is_refused(bundled):
    board = page_data.forecasts_view(bundled)
    assert board["figure"].startswith("<svg") and len(board["forecasts"]) == len(bundled.forecasts)
    assert page_data.forecasts_view(bundled.model_copy(update={"forecasts": []}))["figure"] is None
    with pytest.raises(UnknownIdError) as unknown:
        page_data.press_view(bundled, "no_such_concept", 1, draws=100, seed=0)
    assert "no_such_concept" in str(unknown.value) and bundled.concepts[0].id in str(unknown.value)


def test_an_item_view_and_a_document_view_show_what_their_pages_draw(bundled):
    document = bundled.documents[0]
    view = page_data.document_view(bundled, document, {})
    assert view["text"] is None and view["length"] is None and view["spans"] and view["id"] == document.id
    link = bundled.causal_links[0]
    item = page_data.item_view(bundled, "causal_links", link.id, {})
    assert item["item"]["id"] == link.id and item["label"] and item["fields"]
    assert page_data.item_view(bundled, "documents", document.id, {})["fields"] == []
    with pytest.raises(UnknownIdError):
        page_data.item_view(bundled, "causal_links", "no_such_link", {})


def test_the_forecasts_board_takes_the_trails_of_an_update():
    board = {"forecasts": [{"id": "a"}, {"id": "b"}], "resolved": 0}
    joined = page_data.forecast_board(board, {"a": {"evidence": []}})
    assert joined["updated"] is True and [row["trail"] for row in joined["forecasts"]] == [{"evidence": []}, None]
    assert page_data.forecast_board(board, {})["updated"] is False


def test_the_model_overview_heads_the_corpus_page(bundled):
    overview = page_data.model_overview(bundled, {})
    assert overview["title"] == bundled.title and overview["counts"]["actors"] == len(bundled.actors)
    assert [card["id"] for card in overview["documents"]] == [d.id for d in bundled.documents]
