"""Actor centrality, friendly camps and structural balance at a date."""

from __future__ import annotations

from realpolitik.analysis import actor_structure
from realpolitik.model import Actor, Model, Relation


def test_people_are_left_out_of_the_balance():
    m = Model(title="t",
              actors=[Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state"),
                      Actor(id="p", name="P", kind="person", role="envoy", affiliation="a")],
              relations=[Relation(id="r1", source="a", target="b", type="rivalry", polarity=-0.5),
                         Relation(id="r2", source="p", target="b", type="negotiate", polarity=0.4)])
    structure = actor_structure(m)
    assert {c.actor for c in structure.centrality} == {"a", "b"}
    assert structure.frustration.ties == 1


def test_an_unbalanced_triad_is_found_and_frustrates_one_tie():
    # Three mutual friends but one pair hostile: no two-camp split satisfies every tie.
    m = Model(title="t", actors=[Actor(id=i, name=i, kind="state") for i in "abc"],
              relations=[Relation(id="r1", source="a", target="b", type="partnership", polarity=0.5),
                         Relation(id="r2", source="b", target="c", type="partnership", polarity=0.5),
                         Relation(id="r3", source="a", target="c", type="conflict", polarity=-0.5)])
    structure = actor_structure(m)
    assert [t.nodes for t in structure.unbalanced_triads] == [("a", "b", "c")]
    assert structure.triad_balance == 0.0 and structure.frustration.index == 1


def test_seed_russia_taliban_iskp_triad_is_balanced(bundled):
    for when in ("2016", "2022", "2026"):
        triad = actor_structure(bundled, when).triad("russia", "taliban", "iskp")
        assert triad is not None and triad.balanced, when
        # Russia and the Taliban on one side, ISKP hostile to both.
        assert sorted(triad.signs) == [-1, -1, 1]


def test_seed_russia_is_the_most_central_actor_and_sides_with_central_asia(bundled):
    structure = actor_structure(bundled, "2022")
    assert structure.centrality[0].actor == "russia"
    assert any({"russia", "central_asia"} <= set(camp) for camp in structure.communities)
    assert structure.frustration.exact and structure.frustration.index <= 2
