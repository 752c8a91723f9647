"""Review operations over the whole model: merging two actors or concepts, bulk review, adding from a selection.

Run on a copy of the bundled model and on a model drafted from the made-up Karsland briefing, through the
model file (so each change is validated as a whole, recorded and undone like the single-item actions).
"""

from __future__ import annotations

import shutil

import pytest

from realpolitik.data import bundled_model_path
from realpolitik.draft import draft_model
from realpolitik.errors import EditRefusedError, UnknownIdError, VersionConflictError
from realpolitik.model import (
    Evidence,
    ModelFile,
    Scenario,
    add_from_selection,
    add_scenario,
    bulk_review,
    merge_items,
    references_in,
    save_model,
    save_scenario,
    select_items,
    validate_file,
)
from tests.draft.fixture import karsland


@pytest.fixture
def bundled(tmp_path) -> ModelFile:
    path = tmp_path / "model.yaml"
    shutil.copy(bundled_model_path(), path)
    return ModelFile(path)


@pytest.fixture(scope="module")
def article():
    return karsland()


@pytest.fixture
def drafted(tmp_path, article) -> ModelFile:
    path, _document_id, _text, extraction = article
    shutil.copy(path, tmp_path / path.name)
    return ModelFile(save_model(draft_model(extraction, filename=path.name).model, tmp_path / "draft.yaml"))


def _ids(model, section: str) -> list[str]:
    return [item.id for item in getattr(model, section)]


# --- merging ---------------------------------------------------------------------------------------------------
def test_merging_two_concepts_moves_links_scenarios_and_evidence_and_undo_puts_it_back(bundled):
    before_text, before = bundled.path.read_text(encoding="utf-8"), bundled.load()
    merged = before.get("concepts", "violence_casualties")
    kept = before.get("concepts", "instability")
    change = merge_items(bundled, "concepts", "instability", "violence_casualties", bundled.version())
    after = bundled.load()
    assert "violence_casualties" not in _ids(after, "concepts")
    assert [name for name, _path in references_in(after, "concepts") if name == "violence_casualties"] == []
    assert after.get("causal_links", "arms_raise_violence").effect == "instability"
    assert after.get("scenarios", "russian_arms_and_advice").expected["instability"] == 1
    new = after.get("concepts", "instability")
    assert len(new.evidence) == len(kept.evidence) + len(merged.evidence)
    assert merged.label in new.terms
    assert ("causal_links", "arms_raise_violence") in change.updated
    assert change.removed == [("concepts", "violence_casualties")]
    assert "# " in bundled.path.read_text(encoding="utf-8")  # the curator's comments survive
    assert validate_file(bundled.path).ok
    assert bundled.history_entries()[-1]["action"] == "merge"
    bundled.undo(change.version)
    assert bundled.path.read_text(encoding="utf-8") == before_text


def test_scenario_clamps_both_concepts_named_keep_one_when_equal(bundled):
    merge_items(bundled, "concepts", "russian_arms_advice", "taliban_defiance", bundled.version())
    after = bundled.load()
    assert "taliban_defiance" not in after.get("scenarios", "baseline").clamps
    assert after.get("scenarios", "baseline").clamps["russian_arms_advice"] == 0.0
    assert after.get("scenarios", "taliban_reject_moscow").clamps == {"russian_arms_advice": 1.0}
    assert {link.cause for link in after.causal_links if link.id.startswith("defiance_")} == {"russian_arms_advice"}


def test_merging_two_actors_moves_relations_participants_and_names(bundled):
    before = bundled.load()
    participated = [e.id for e in before.events if "afghan_republic" in e.participants]
    merge_items(bundled, "actors", "afghanistan", "afghan_republic", bundled.version())
    after = bundled.load()
    assert "afghan_republic" not in _ids(after, "actors")
    assert after.get("relations", "taliban_ousts_republic").target == "afghanistan"
    for event_id in participated:
        participants = after.get("events", event_id).participants
        assert "afghanistan" in participants and participants.count("afghanistan") == 1
    assert before.get("actors", "afghan_republic").name in after.get("actors", "afghanistan").aliases
    assert validate_file(bundled.path).ok


@pytest.mark.parametrize(("section", "kept", "merged", "code"), [
    ("concepts", "iskp_strength", "iskp_recruitment", "E258"),    # recruitment_builds_iskp would loop
    ("concepts", "insurgent_finance", "organised_crime", "E259"),  # two links from the opium economy
    ("concepts", "instability", "instability", "E257"),
    ("relations", "russia_us_rivalry", "russia_backs_us_campaign", "E256"),
])
def test_a_merge_that_would_loop_or_duplicate_is_refused_and_nothing_is_written(bundled, section, kept, merged,
                                                                                 code):
    before = bundled.path.read_bytes()
    with pytest.raises(EditRefusedError) as refused:
        merge_items(bundled, section, kept, merged, bundled.version())
    assert refused.value.code == code
    assert bundled.path.read_bytes() == before and bundled.history_entries() == []


def test_merging_an_unknown_item_names_it(bundled):
    with pytest.raises(UnknownIdError, match="no_such_actor"):
        merge_items(bundled, "actors", "russia", "no_such_actor", bundled.version())


def test_a_scenario_holding_both_concepts_at_different_values_refuses_the_merge(drafted):
    add_scenario(drafted, Scenario(id="squeeze", name="Squeeze", clamps={"treasury": 1.0, "junta_finances": 0.0}))
    before = drafted.path.read_bytes()
    with pytest.raises(EditRefusedError) as refused:
        merge_items(drafted, "concepts", "junta_finances", "treasury", drafted.version())
    assert refused.value.code == "E260" and "squeeze" in str(refused.value)
    assert drafted.path.read_bytes() == before


def test_merging_drafted_duplicates_keeps_a_model_that_validates_against_its_document(drafted):
    before = drafted.load()
    links_to_protests = [link.id for link in before.causal_links if "protests_in_capital" in (link.cause, link.effect)]
    change = merge_items(drafted, "concepts", "unrest_in_capital", "protests_in_capital", drafted.version())
    after = drafted.load()
    for link_id in links_to_protests:
        link = after.get("causal_links", link_id)
        assert "unrest_in_capital" in (link.cause, link.effect)
    report = validate_file(drafted.path)
    assert report.ok and report.missing_documents == [], [str(p) for p in report.problems]
    drafted.undo(change.version)
    assert _ids(drafted.load(), "concepts") == _ids(before, "concepts")


def test_a_person_merged_into_the_actor_it_served_is_refused_as_a_self_relation(drafted):
    with pytest.raises(EditRefusedError) as refused:
        merge_items(drafted, "actors", "council", "meric", drafted.version())
    assert refused.value.code == "E258" and "meric_affiliation_council" in str(refused.value)


# --- bulk review -----------------------------------------------------------------------------------------------
def test_bulk_reject_by_confidence_takes_only_weak_links_and_undo_brings_them_back(drafted):
    before = drafted.load()
    weak = [link.id for link in before.causal_links if link.confidence < 0.5]
    assert weak and len(weak) < len(before.causal_links)
    assert select_items(before, confidence_below=0.5) == [("causal_links", i) for i in weak]
    change = bulk_review(drafted, "reject", drafted.version(), confidence_below=0.5)
    after = drafted.load()
    assert set(_ids(after, "causal_links")) == set(_ids(before, "causal_links")) - set(weak)
    assert {("causal_links", i) for i in weak} <= set(change.removed)
    assert [entry["action"] for entry in drafted.history_entries()] == ["bulk reject"]
    drafted.undo(change.version)
    assert _ids(drafted.load(), "causal_links") == _ids(before, "causal_links")


def test_bulk_accept_by_section_marks_every_proposed_item_of_it_in_one_change(drafted):
    change = bulk_review(drafted, "accept", drafted.version(), sections=["actors", "events"])
    after = drafted.load()
    assert {a.review for a in after.actors} == {e.review for e in after.events} == {"accepted"}
    assert {c.review for c in after.concepts} == {"proposed"}
    assert len(change.updated) == len(after.actors) + len(after.events)
    assert len(drafted.history_entries()) == 1


def test_bulk_reject_of_a_list_cascades_and_skips_what_went_with_an_earlier_item(drafted):
    before = drafted.load()
    ids = [("actors", "council"), ("relations", "velmar_concern_council")]
    change = bulk_review(drafted, "reject", drafted.version(), ids=ids)
    after = drafted.load()
    assert "council" not in _ids(after, "actors") and "velmar_concern_council" not in _ids(after, "relations")
    assert "palace_seized" in _ids(after, "events")
    assert "council" not in after.get("events", "palace_seized").participants
    assert ("events", "palace_seized") in change.updated
    assert len(_ids(after, "relations")) < len(_ids(before, "relations")) - 1  # the council's other relations went


def test_bulk_review_refuses_an_empty_selection_a_bad_threshold_and_unknown_ids(bundled, drafted):
    before = bundled.path.read_bytes()
    with pytest.raises(EditRefusedError) as empty:  # the bundled model is curated: nothing is proposed
        bulk_review(bundled, "reject", bundled.version(), sections=["causal_links"])
    assert empty.value.code == "E261"
    with pytest.raises(EditRefusedError) as threshold:
        bulk_review(drafted, "accept", drafted.version(), confidence_at_least=1.5)
    assert threshold.value.code == "E263"
    with pytest.raises(EditRefusedError) as action:
        bulk_review(drafted, "delete", drafted.version())
    assert action.value.code == "E262"
    with pytest.raises(UnknownIdError):
        bulk_review(drafted, "reject", drafted.version(), ids=[("actors", "nobody")])
    assert bundled.path.read_bytes() == before and drafted.history_entries() == []


def test_curated_items_are_chosen_only_when_asked(bundled):
    model = bundled.load()
    assert select_items(model) == []
    assert len(select_items(model, sections=["concepts"], include_curated=True)) == len(model.concepts)


# --- adding from a text selection ------------------------------------------------------------------------------
def test_a_link_added_from_a_selection_can_create_its_effect_and_is_undone_whole(drafted, article):
    _path, document_id, text, _extraction = article
    start = text.index("sanctions")
    evidence = Evidence(document=document_id, start=start, end=start + len("sanctions"),
                        paraphrase="Outside penalties are said to squeeze the rulers.")
    before = drafted.load()
    change = add_from_selection(drafted, "causal_links", {"cause": "sanctions", "weight": -0.4, "confidence": 0.6},
                                evidence, text, drafted.version(), new_concepts={"effect": {"label": "Elite cohesion"}})
    after = drafted.load()
    link = after.get("causal_links", change.item_id)
    assert (link.cause, link.effect, link.review) == ("sanctions", "elite_cohesion", None)
    assert link.evidence[0].start == start and after.get("concepts", "elite_cohesion").evidence == link.evidence
    assert change.updated == [("concepts", "elite_cohesion")]
    assert validate_file(drafted.path).ok
    drafted.undo(change.version)
    assert _ids(drafted.load(), "concepts") == _ids(before, "concepts")


def test_an_actor_added_twice_gets_a_fresh_id(drafted, article):
    _path, document_id, text, _extraction = article
    evidence = Evidence(document=document_id, start=0, end=20, paraphrase="A made-up opening line.")
    first = add_from_selection(drafted, "actors", {"name": "Karsland", "kind": "state"}, evidence, text,
                               drafted.version())
    assert first.item_id == "karsland_2"


@pytest.mark.parametrize(("start", "end", "code"), [(10, 10**6, "E264"), (-1, 5, "E264")])
def test_a_selection_outside_the_document_is_refused(drafted, article, start, end, code):
    _path, document_id, text, _extraction = article
    evidence = Evidence.model_construct(document=document_id, start=start, end=end, paraphrase="x")
    before = drafted.path.read_bytes()
    with pytest.raises(EditRefusedError) as refused:
        add_from_selection(drafted, "actors", {"name": "Someone", "kind": "person"}, evidence, text,
                           drafted.version())
    assert refused.value.code == code and drafted.path.read_bytes() == before


def test_an_invalid_item_from_a_selection_is_refused_with_the_field(drafted, article):
    _path, document_id, text, _extraction = article
    evidence = Evidence(document=document_id, start=0, end=20, paraphrase="A made-up opening line.")
    with pytest.raises(EditRefusedError) as refused:
        add_from_selection(drafted, "causal_links", {"cause": "sanctions", "effect": "treasury", "weight": 3},
                           evidence, text, drafted.version())
    assert refused.value.code == "E245" and "weight" in str(refused.value)
    with pytest.raises(EditRefusedError) as unknown:
        add_from_selection(drafted, "causal_links", {"cause": "sanctions", "effect": "nowhere", "weight": 0.3},
                           evidence, text, drafted.version())
    assert unknown.value.code == "E245" and "nowhere" in str(unknown.value)


# --- saving a scenario, and the version checked first -------------------------------------------------------
def test_a_saved_scenario_gets_a_free_id_from_its_name_and_undo_takes_it_back(bundled):
    original = bundled.path.read_bytes()
    concept = bundled.load().concepts[0].id
    first = save_scenario(bundled, "Aid cut!", {concept: 0.2}, bundled.version(), description="Less aid.")
    second = save_scenario(bundled, "Aid cut", {concept: 0.3}, bundled.version())
    assert (first.action, first.section, first.item_id, second.item_id) == (
        "save scenario", "scenarios", "aid_cut", "aid_cut_2")
    saved = bundled.load().get("scenarios", "aid_cut")
    assert saved.clamps == {concept: 0.2} and saved.description == "Less aid." and second.version == bundled.version()
    bundled.undo(bundled.version())
    bundled.undo(bundled.version())
    assert bundled.path.read_bytes() == original


def test_a_scenario_on_an_unknown_concept_or_a_taken_id_is_refused(bundled):
    original = bundled.path.read_bytes()
    taken = bundled.load().scenarios[0].id
    for clamps, scenario_id in (({"no_such_concept": 0.5}, None), ({bundled.load().concepts[0].id: 0.5}, taken)):
        with pytest.raises(EditRefusedError) as refused:
            save_scenario(bundled, "S", clamps, bundled.version(), scenario_id=scenario_id)
        assert refused.value.code == "E245"
    assert bundled.path.read_bytes() == original


def test_a_stale_version_is_refused_before_anything_else_is_checked(bundled):
    with pytest.raises(VersionConflictError):
        merge_items(bundled, "events", "x", "x", "stale")  # not a mergeable section, and one item twice
    with pytest.raises(VersionConflictError):
        bulk_review(bundled, "delete", "stale")
    with pytest.raises(VersionConflictError):
        save_scenario(bundled, "S", {"no_such_concept": 0.5}, "stale")
    span = Evidence(document="d" * 64, start=0, end=4, paraphrase="p")
    with pytest.raises(VersionConflictError):
        add_from_selection(bundled, "documents", {}, span, None, "stale")


def test_nothing_is_marked_in_a_document_whose_text_is_not_at_hand(bundled):
    span = Evidence(document="d" * 64, start=0, end=4, paraphrase="An actor.")
    with pytest.raises(EditRefusedError) as missing:
        add_from_selection(bundled, "actors", {"name": "Dd", "kind": "state"}, span, None, bundled.version())
    assert missing.value.code == "E250"
