"""The gazetteers and lexicons: loadable, consistent with the model's vocabularies, ids unique and stable."""

from __future__ import annotations

import pytest

from realpolitik.extract.events import event_lexicon
from realpolitik.extract.gazetteer import load_data_file, load_gazetteer, slugify
from realpolitik.extract.relations import relation_lexicon
from realpolitik.model.vocabulary import ACTOR_KINDS, EVENT_TYPES, RELATION_TYPES


def test_relation_types_are_the_models():
    lexicon = relation_lexicon()
    assert lexicon["types"] == list(RELATION_TYPES)
    assert {kind for kind, _, _ in lexicon["cues"].values()} <= set(RELATION_TYPES)
    assert all(-1 <= polarity <= 1 for _, polarity, _ in lexicon["cues"].values())


def test_event_types_are_the_models():
    assert set(event_lexicon().values()) <= set(EVENT_TYPES)
    assert {e.type for e in load_gazetteer().events} <= set(EVENT_TYPES)


def test_actor_kinds_are_the_models():
    gaz = load_gazetteer()
    assert {entry.kind for entry in gaz.entries.values()} <= set(ACTOR_KINDS)


def test_ids_are_unique_across_files():
    actors = load_data_file("gazetteer", "actors.yaml") + load_data_file("gazetteer", "organisations.yaml")
    leaders = load_data_file("gazetteer", "leaders.yaml")
    ids = [a["id"] for a in actors] + [slugify(p["name"]) for p in leaders]
    assert len(ids) == len(set(ids))
    countries = {entry.id for entry in load_gazetteer().entries.values() if entry.iso3 and entry.kind == "state"}
    assert not countries & set(ids)


def test_organisation_names_are_not_claimed_twice():
    """A name of organisations.yaml that actors.yaml already claims would silently go to the first claimant."""
    actors = load_data_file("gazetteer", "actors.yaml")
    claimed = {name for a in actors for name in (a["name"], *(a.get("aliases") or ()))}
    organisations = load_data_file("gazetteer", "organisations.yaml")
    assert not {name for o in organisations for name in (o["name"], *(o.get("aliases") or ()))} & claimed


def test_country_ids_are_slugs_of_short_names():
    gaz = load_gazetteer()
    assert gaz.by_iso3["USA"] == "united_states"
    assert gaz.by_iso3["RUS"] == "russia"
    assert gaz.by_iso3["GBR"] == "united_kingdom"
    assert gaz.entries["russia"].capital == "Moscow"
    assert gaz.surface["Azerbaijani"] == ("azerbaijan", "demonym")
    assert len(gaz.by_iso3) > 190


@pytest.mark.parametrize(("iso3", "when", "ruler"), [
    ("AFG", "1998", "taliban"), ("AFG", "2010-05", "afghan_republic"), ("AFG", "2022", "taliban"),
    ("SYR", "2015", "assad_government"), ("SYR", "2025-01", "syrian_transitional_government"),
    ("AFG", None, None), ("FRA", "2020", None),
])
def test_regime_table(iso3, when, ruler):
    assert load_gazetteer().regime_at(iso3, when) == ruler


def test_named_events_have_valid_dates_and_known_participants():
    from realpolitik.extract.dates import is_valid_edtf

    gaz = load_gazetteer()
    for event in gaz.events:
        assert is_valid_edtf(event.date), event.id
        assert set(event.requires) <= set(gaz.entries), event.id
