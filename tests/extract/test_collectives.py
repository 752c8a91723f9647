"""Collective actors, state bodies, defined acronyms, regions and people read from weaker cues, on invented
sentences; and a recall floor on the real analysis-dev articles (skipped when ../shared is absent)."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from realpolitik.extract import extract_file, extract_text
from realpolitik.extract.collectives import defined_acronyms

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "analysis-dev"


def _actors(nlp, text):
    return {a.id: a for a in extract_text(text, nlp=nlp).actors}


def test_acronym_defined_in_the_text_is_an_alias_and_later_mentions_count(nlp):
    found = _actors(nlp, "The Lorn Valley Defence Force (LVDF) crossed the river in May. "
                         "Officials said the LVDF would withdraw by winter.")
    body = found["lorn_valley_defence_force"]
    assert "LVDF" in body.aliases
    assert "lvdf" not in found


def test_acronym_of_a_known_state_joins_the_state(nlp):
    found = _actors(nlp, "Troops from the Central African Republic (CAR) guarded the mines. The CAR signed a deal.")
    assert "CAR" in found["central_african_republic"].aliases
    assert "car" not in found


def test_acronym_needs_matching_initials():
    assert defined_acronyms("the Lorn Basin Authority (LBA) met") == [(4, 24, "Lorn Basin Authority", "LBA")]
    assert defined_acronyms("growth in Lornia (GDP) slowed") == []


def test_state_bodies_are_their_own_actors(nlp):
    found = _actors(nlp, "According to the armed forces of Ukraine, shelling rose. The Estonian defence ministry "
                         "published a report, and the Ukrainian parliament debated it.")
    assert "armed forces of Ukraine" in found["ukrainian_armed_forces"].aliases
    assert found["estonian_defence_ministry"].kind == "organisation"
    assert "ukrainian_parliament" in found


def test_troops_and_army_stay_the_state(nlp):
    found = _actors(nlp, "Ukrainian troops and the Russian army fought near the river.")
    assert {"ukraine", "russia"} <= set(found)
    assert not {i for i in found if i.endswith("_armed_forces")}


def test_communities_and_collectives(nlp):
    found = _actors(nlp, "Sunni militias attacked the town while Arab states protested. Kurds fled north, "
                         "jihadist attacks grew and the junta appealed to the international community.")
    assert found["sunni_militias"].kind == "group"
    assert "arab_states" in found
    assert {"kurds", "jihadists", "junta", "international_community"} <= set(found)


def test_named_and_described_regions(nlp):
    found = _actors(nlp, "Tankers pass through the Strait of Hormuz. Smugglers cross the tri-border region, "
                         "and Lornia wants the occupied territories back.")
    assert found["strait_of_hormuz"].kind == "region"
    assert found["tri_border_region"].kind == "region"
    assert "occupied_territories" in found


def test_an_organisation_with_a_state_in_its_name_is_the_organisation(nlp):
    found = _actors(nlp, "The Libyan Arab Armed Forces (LAAF) took the port, and the UK Foreign Affairs "
                         "Committee asked why.")
    assert "LAAF" in found["libyan_arab_armed_forces"].aliases
    assert "uk_foreign_affairs_committee" in found


def test_summit_is_not_an_organisation(nlp):
    found = _actors(nlp, "Delegates met at the Lornville Summit, and Lornia signed the Kessa Accords.")
    assert not {i for i in found if "summit" in i or "accords" in i}


def test_international_organisations_from_the_class_wide_list(nlp):
    found = _actors(nlp, "The G5 Sahel and the African Development Bank backed the plan; the UNHCR warned of "
                         "refugee flows.")
    assert {"g5_sahel", "afdb", "unhcr"} <= set(found)


def test_named_government_is_a_person_heading_it(nlp):
    found = _actors(nlp, "Fighting spread across Sudan in 2017. Under the Karim Al-Hadi government the company "
                         "guarded the mines.")
    person = found["karim_al_hadi"]
    assert (person.kind, person.role, person.affiliation) == ("person", "head of government", "sudan")


def test_surname_tagged_as_organisation_stays_the_person(nlp):
    found = _actors(nlp, "Lorn Kessavic built the firm. Critics say Kessavic's leadership made the firm feared.")
    assert found["lorn_kessavic"].kind == "person"
    assert "kessavic" not in found
    assert found["lorn_kessavic"].role == "leader"


def _score_module():
    spec = importlib.util.spec_from_file_location("analysis_dev_score", DEV / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (DEV / "score.py").exists(), reason="../shared/datasets/analysis-dev is absent")
def test_actor_and_people_recall_on_the_dev_articles(nlp):
    """Floors a little under what was measured (macro: actors 0.91, people 0.92, actor precision 0.90)."""
    import yaml

    score = _score_module()
    with (DEV / "index.csv").open(encoding="utf-8", newline="") as handle:
        dates = {row["slug"]: row["published"] for row in csv.DictReader(handle)}
    recalls: dict[str, list[float]] = {"actors": [], "people": [], "precision": []}
    for path in sorted((DEV / "texts").glob("*.txt")):
        extraction = extract_file(path, nlp=nlp, published=dates.get(path.stem))
        data = json.loads(json.dumps(extraction.model_dump(mode="json")))
        gold = yaml.safe_load((DEV / "gold" / f"{path.stem}.gold.yaml").read_text(encoding="utf-8"))
        found, precision = score.score(data, gold)
        for kind in ("actors", "people"):
            if found[kind][1]:
                recalls[kind].append(found[kind][0] / found[kind][1])
        hits, total = precision["actor_precision"]
        recalls["precision"].append(hits / total if total else 0.0)
    macro = {kind: sum(values) / len(values) for kind, values in recalls.items()}
    assert macro["actors"] >= 0.88, macro
    assert macro["people"] >= 0.88, macro
    assert macro["precision"] >= 0.86, macro



def test_who_heads_and_of_the_institute(nlp):
    found = _actors(nlp, "Lorn Kessavic, who heads the Lorn Basin Authority, disagreed. Anna Petrova of the "
                         "Brookings Institution said the plan would fail.")
    assert (found["lorn_kessavic"].role, found["lorn_kessavic"].affiliation) == ("head", "lorn_basin_authority")
    assert found["anna_petrova"].affiliation == "brookings_institution"


def test_people_named_as_examples_take_the_phrase_as_role(nlp):
    found = _actors(nlp, "The Lorn Group signed a contract with the mine in 2018. Mira Kessavic remained at the "
                         "helm of the firm. Its operations are run by men loyal to Kessavic, such as Dmitri Vasko "
                         "or Ivan Petrovich Laur.")
    assert (found["mira_kessavic"].role, found["mira_kessavic"].affiliation) == ("leader", "lorn_group")
    for person in ("dmitri_vasko", "ivan_petrovich_laur"):
        assert found[person].role == "men loyal to kessavic"
        assert found[person].affiliation == "lorn_group"


def test_a_surname_named_before_the_full_name_is_the_same_person(nlp):
    found = _actors(nlp, "Perhaps Kessavic could stay at the helm of the Lorn Group. Critics of Mira Kessavic "
                         "say she is cruel.")
    assert "kessavic" not in found
    assert "Kessavic" in found["mira_kessavic"].aliases
    assert found["mira_kessavic"].role == "leader"


def test_an_occupation_in_apposition_is_the_role_and_its_body_the_affiliation(nlp):
    found = _actors(nlp, "Anna Vasko, a senior fellow at the Lorn Policy Institute, doubts the truce will hold.")
    assert (found["anna_vasko"].role, found["anna_vasko"].affiliation) == ("senior fellow", "lorn_policy_institute")
