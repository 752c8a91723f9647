from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.analysis import actor_network, actor_strength, relation_holds_at
from realpolitik.model import InvalidDateError, Relation


def _relations(graph):
    return sorted(key for _, _, key, origin in graph.edges(keys=True, data="origin") if origin == "relation")


def test_basin_network_in_2010_keeps_only_the_decade_old_relations(basin):
    graph = actor_network(basin, at="2010")
    assert _relations(graph) == ["r-ostrava", "r-quota"]
    assert graph.number_of_nodes() == len(basin.actors)  # isolated actors stay


def test_basin_network_on_a_day_after_the_quota_ended(basin):
    relations = _relations(actor_network(basin, at=dt.date(2021, 3, 1)))
    assert "r-quota" not in relations and "r-raids" in relations and len(relations) == 9


def test_people_hang_on_their_affiliation(basin):
    graph = actor_network(basin)
    affiliations = sorted((u, v) for u, v, origin in graph.edges(data="origin") if origin == "affiliation")
    assert affiliations == [("reyes", "morvia"), ("varga", "valdria")]
    assert graph.nodes["varga"]["role"] == "Minister of Water"
    assert not any(o == "affiliation" for _, _, o in actor_network(basin, people=False).edges(data="origin"))


def test_period_overlap_counts():
    relation = Relation(id="r", source="a", target="b", type="aid", polarity=0.5, valid_from="2021-08-15")
    assert relation_holds_at(relation, "2021")  # the year overlaps the relation's start
    assert not relation_holds_at(relation, "2021-07")


def test_invalid_query_date_raises():
    relation = Relation(id="r", source="a", target="b", type="aid", polarity=0.5)
    with pytest.raises(InvalidDateError):
        relation_holds_at(relation, "next spring")


def test_basin_strongest_actor(basin):
    # Valdria: rivalry 0.5, concern 0.6, negotiate 0.4, conflict 0.9, containment 0.7, aid 0.5, quota 0.4
    actor, strength = actor_strength(actor_network(basin))[0]
    assert actor == "valdria" and strength == pytest.approx(4.0)
