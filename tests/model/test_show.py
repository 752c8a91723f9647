"""`realpolitik show`: the bundled model in tables and as one JSON object."""

from __future__ import annotations

import json

import pytest

from realpolitik.model import parse_date

MINIMUMS = {"actors": 14, "events": 12, "causal_links": 20, "forecasts": 10, "scenarios": 6}
SECTIONS = ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios")


@pytest.fixture(scope="module")
def shown(bundled_path):
    from tests.conftest import run_cli

    result = run_cli("show", "--json", bundled_path)
    assert result.code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_every_section_with_ids(shown):
    assert shown["documents"] and shown["document"]["author"] == "Asma Hussain"
    for section in SECTIONS:
        assert isinstance(shown[section], list) and shown[section], section
        assert all(isinstance(item["id"], str) and item["id"] for item in shown[section]), section


def test_the_seed_system_is_complete_enough(shown):
    for section, minimum in MINIMUMS.items():
        assert len(shown[section]) >= minimum, section
    people = [actor for actor in shown["actors"] if actor["kind"] == "person"]
    assert len(people) >= 5
    actor_ids = {actor["id"] for actor in shown["actors"]}
    for person in people:
        assert person["role"] and person["affiliation"] in actor_ids


def test_every_item_carries_evidence(shown):
    document = shown["documents"][0]["id"]
    for section in SECTIONS:
        for item in shown[section]:
            assert item["evidence"], f"{section}/{item['id']} has no evidence"
            assert all(e["document"] == document and e["paraphrase"] for e in item["evidence"])


def test_timeline_is_in_date_order(shown):
    lowers = [parse_date(event["date"]).lower for event in shown["events"]]
    assert lowers == sorted(lowers)
    assert shown["events"][0]["date"] == "199X"


def test_counts_match_the_lists(shown):
    for section in SECTIONS:
        assert shown["counts"][section] == len(shown[section])


def test_required_actors_are_present(shown):
    names = {actor["id"] for actor in shown["actors"]}
    required = {
        "russia", "united_states", "nato", "west", "taliban", "afghanistan", "afghan_security_forces", "pakistan",
        "china", "central_asia", "iskp", "isil", "al_qaeda", "northern_alliance", "chechnya",
    }
    assert required <= names


def test_metonyms_are_aliases(shown):
    aliases = {actor["id"]: set(actor.get("aliases", [])) for actor in shown["actors"]}
    assert "Moscow" in aliases["russia"]
    assert "Washington" in aliases["united_states"]
    assert "Kabul’s administration" in aliases["taliban"]


def test_russia_us_relation_changes_in_2014(shown):
    pairs = [
        (r["type"], r.get("valid_from"), r.get("valid_to"))
        for r in shown["relations"]
        if {r["source"], r["target"]} == {"russia", "united_states"}
    ]
    assert ("partnership", "2001", "2014") in pairs
    assert ("rivalry", "2014", None) in pairs


def test_tables_name_people_and_scenarios(cli, bundled_path):
    result = cli("show", bundled_path)
    assert result.code == 0, result.output
    for text in ("Dmitry Zhirnov", "Russian ambassador", "Post-withdrawal baseline", "199X", "very likely"):
        assert text in result.stdout, text
