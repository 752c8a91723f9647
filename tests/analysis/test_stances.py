"""Stances between actors over time, on hand-made relations and on the bundled seed model."""

from __future__ import annotations

import datetime as dt

import pytest

from realpolitik.analysis import pair_stances, stance_changes, stance_timeline
from realpolitik.model import Actor, InvalidDateError, Model, Relation


def _model(*relations: Relation) -> Model:
    actors = [Actor(id=i, name=i.upper(), kind="state") for i in "abc"]
    return Model(title="t", actors=actors, relations=list(relations))


def test_stances_net_opposite_relations_and_read_both_directions():
    m = _model(Relation(id="r1", source="a", target="b", type="partnership", polarity=0.5),
               Relation(id="r2", source="b", target="a", type="concern", polarity=-0.5),
               Relation(id="r3", source="c", target="a", type="rivalry", polarity=-0.3))
    stances = pair_stances(m)
    assert stances[("a", "b")].sign == 0 and stances[("a", "b")].relations == ("r1", "r2")
    assert stances[("a", "c")].polarity == pytest.approx(-0.3)


def test_change_kinds():
    m = _model(Relation(id="early", source="a", target="b", type="partnership", polarity=0.5, valid_to="2010"),
               Relation(id="late", source="a", target="b", type="rivalry", polarity=-0.4, valid_from="2012"),
               Relation(id="new", source="a", target="c", type="aid", polarity=0.2, valid_from="2012"),
               Relation(id="gone", source="b", target="c", type="aid", polarity=0.2, valid_to="2010"))
    kinds = {c.actors: c.kind for c in stance_changes(m, "2009", dt.date(2013, 1, 1))}
    assert kinds == {("a", "b"): "turned hostile", ("a", "c"): "began", ("b", "c"): "ended"}
    assert stance_changes(m, "2013", "2020") == []


def test_bad_dates_raise():
    with pytest.raises(InvalidDateError):
        stance_changes(_model(), "yesterday", "2020")


def test_timeline_on_hand_made_relations_reads_each_change_day():
    m = _model(Relation(id="r1", source="a", target="b", type="partnership", polarity=0.5,
                        valid_from="2001-09", valid_to="2014-02"),
               Relation(id="r2", source="a", target="b", type="rivalry", polarity=-0.6, valid_from="2014-03"))
    steps = stance_timeline(m)
    assert [(s.date, s.day) for s in steps] == [
        ("2001-09", dt.date(2001, 9, 1)),
        ("after 2014-02 / 2014-03", dt.date(2014, 3, 1)),
    ]
    assert [c.kind for c in steps[1].changes] == ["turned hostile"]


def test_seed_russia_and_the_us_cooperated_before_2014_and_are_rivals_after(bundled):
    before = pair_stances(bundled, "2010")[("russia", "united_states")]
    after = pair_stances(bundled, "2016")[("russia", "united_states")]
    assert before.sign == 1 and "partnership" in before.types
    assert after.sign == -1 and after.types == ("rivalry",)
    change = next(c for c in stance_changes(bundled, "2010", "2016") if c.actors == ("russia", "united_states"))
    assert change.kind == "turned hostile"


def test_seed_timeline_dates_the_turns_of_2014(bundled):
    turns = {(step.day.year, c.actors, c.kind) for step in stance_timeline(bundled) for c in step.changes}
    assert (2014, ("russia", "united_states"), "turned hostile") in turns
    assert (2014, ("russia", "taliban"), "turned friendly") in turns
