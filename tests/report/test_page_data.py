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
