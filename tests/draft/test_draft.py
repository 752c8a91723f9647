"""Drafting a model from the hand-built extraction of the made-up Karsland briefing."""

from __future__ import annotations

import re

import pytest

from realpolitik.draft import draft_model, read_hedge, shares_run
from realpolitik.errors import RealpolitikError
from realpolitik.model import Actor, Concept, Model, check_model, save_model, validate_file
from realpolitik.record import Extraction
from tests.draft.fixture import extraction_data, karsland

SECTIONS = ("actors", "relations", "events", "concepts", "causal_links", "forecasts")


@pytest.fixture(scope="module")
def article():
    return karsland()


@pytest.fixture(scope="module")
def drafted(article):
    path, _, _, extraction = article
    return draft_model(extraction, filename=path.name)


def _evidence(model):
    for section in SECTIONS:
        for item in getattr(model, section):
            for evidence in item.evidence:
                yield section, item, evidence


def test_the_draft_passes_validation_against_its_document(article, drafted, tmp_path):
    path, document_id, text, _ = article
    assert [p for p in check_model(drafted.model, texts={document_id: text}) if p.severity == "error"] == []
    (tmp_path / path.name).write_bytes(path.read_bytes())
    saved = save_model(drafted.model, tmp_path / "draft.yaml")
    report = validate_file(saved)
    assert report.ok, [str(p) for p in report.problems]
    assert report.missing_documents == [] and document_id in report.texts


def test_document_and_review_status(article, drafted):
    path, document_id, _, _ = article
    (document,) = drafted.model.documents
    assert (document.id, document.author, document.published, document.filename) == (
        document_id, "Tomas Reyl", "2025-05", path.name)
    for section in SECTIONS:
        items = getattr(drafted.model, section)
        assert items, section
        assert {item.review for item in items} == {"proposed"}, section


def test_every_paraphrase_is_in_our_own_words(article, drafted):
    _, document_id, text, _ = article
    seen = 0
    for section, item, evidence in _evidence(drafted.model):
        assert evidence.document == document_id
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert not shares_run(evidence.paraphrase, text[evidence.start:evidence.end]), (section, item.id)
        seen += 1
    assert seen > 40


def test_a_description_that_repeats_the_source_is_replaced(article):
    _, document_id, text, _ = article
    data = extraction_data(text, document_id)
    event = data["events"][0]
    event["description"] = event["evidence"]["text"]  # an extractor that pastes the sentence
    data["forecasts"][0]["statement"] = data["forecasts"][0]["evidence"]["text"]
    model = draft_model(Extraction.model_validate(data)).model
    source = event["evidence"]["text"]
    assert not shares_run(model.get("events", "palace_seized").description, source)
    assert not shares_run(model.forecasts[0].statement, data["forecasts"][0]["evidence"]["text"])


def test_actors_keep_kind_aliases_role_and_affiliation(drafted):
    model = drafted.model
    meric = model.get("actors", "meric")
    assert (meric.kind, meric.role, meric.affiliation, meric.aliases) == ("person", "general", "council", ["Meric"])
    council = model.get("actors", "council")
    assert council.kind == "armed_group" and "the junta" in council.aliases
    assert council.role is None and council.affiliation is None


def test_event_paraphrases_read_as_english(drafted):
    paraphrase = {event.id: event.evidence[0].paraphrase for event in drafted.model.events}
    assert paraphrase["palace_seized"].startswith("An assault event dated 2025-03-14")
    assert paraphrase["aid_suspended"].startswith("A sanction event dated 2025-04")
    assert paraphrase["coup_1987"].startswith("An event dated 1987")


def test_undated_events_are_kept_out_of_the_timeline_and_reported(drafted):
    ids = {event.id for event in drafted.model.events}
    assert ids == {"palace_seized", "aid_suspended", "tessin_meeting", "coup_1987"}
    assert drafted.undated_events == ["sanctions_imposed", "airport_closed"]
    assert drafted.model.get("events", "palace_seized").date == "2025-03-14"


def test_paraphrased_causal_phrases_become_one_concept(drafted):
    model = drafted.model
    by_term = {term: concept.id for concept in model.concepts for term in concept.terms}
    # different wordings of one thing
    assert by_term["repression of protesters"] == by_term["repression"]
    assert by_term["refugee flows into velmar"] == by_term["flow of refugees"]
    food = model.get("concepts", by_term["food prices"])
    # "rising food prices" (an effect) and "Higher food prices" (a cause) are one concept with two spans.
    assert len(food.evidence) == 2
    # distinct things stay apart
    assert by_term["protests in capital"] != by_term["unrest in capital"]
    assert by_term["suspension of foreign aid"] != by_term["food prices"]
    assert len({c.id for c in model.concepts}) == len(model.concepts)
    chain = {(link.cause, link.effect) for link in model.causal_links}
    assert (by_term["suspension of foreign aid"], by_term["food prices"]) in chain
    assert (by_term["food prices"], by_term["unrest in capital"]) in chain


def test_self_links_are_dropped_and_reported(drafted):
    assert all(link.cause != link.effect for link in drafted.model.causal_links)
    reasons = [reason for section, _, reason in drafted.dropped if section == "causal_links"]
    assert any("one concept" in reason for reason in reasons)


def test_weight_is_polarity_times_hedge_strength_and_confidence_uses_the_score(drafted):
    model = drafted.model
    weakened = next(link for link in model.causal_links if link.hedge == "could")
    could = read_hedge("could")
    assert weakened.weight == pytest.approx(-could.strength)
    assert weakened.confidence == pytest.approx(could.confidence * 0.9)
    flat = next(link for link in model.causal_links if link.cause.startswith("suspension"))
    assert flat.weight == pytest.approx(read_hedge(None).strength) and flat.hedge is None
    assert "led to" in flat.evidence[0].paraphrase  # the cue is named in our sentence


def test_forecasts_carry_term_band_and_probability(drafted):
    bands = {f.estimative_term: (f.band, f.probability) for f in drafted.model.forecasts}
    assert bands == {
        "is likely to": ("likely", (0.55, 0.8)),
        "almost certainly": ("almost certain", (0.95, 0.99)),
        "may": ("roughly even chance", (0.45, 0.55)),
    }
    assert all(f.evidence[0].paraphrase.startswith("Forecast, '") for f in drafted.model.forecasts)


def test_a_probability_outside_its_band_is_narrowed_and_reported(article):
    _, document_id, text, _ = article
    data = extraction_data(text, document_id)
    data["forecasts"][0]["probability"] = [0.3, 0.7]
    result = draft_model(Extraction.model_validate(data))
    assert result.model.forecasts[0].probability == (0.55, 0.7)
    assert any("narrowed" in reason for _, _, reason in result.dropped)


def test_bad_items_are_reported_not_dropped_silently(article):
    _, document_id, text, _ = article
    data = extraction_data(text, document_id)
    data["relations"].append({**data["relations"][0], "source": "nobody"})
    data["relations"].append({**data["relations"][0], "type": "friendship"})
    data["events"][1]["date"] = "sometime in spring"
    data["actors"][0]["kind"] = "country"
    result = draft_model(Extraction.model_validate(data))
    reasons = " | ".join(reason for _, _, reason in result.dropped)
    assert "does not list" in reasons and "'friendship'" in reasons and "not EDTF" in reasons
    assert "'country'" in reasons
    assert result.model.get("actors", "karsland").kind == "group"
    assert "aid_suspended" in result.undated_events


def test_a_document_id_that_is_no_sha256_is_refused(article):
    _, _, text, _ = article
    data = extraction_data(text, "not-a-hash")
    with pytest.raises(RealpolitikError, match="E181|sha256"):
        draft_model(Extraction.model_validate(data))


def test_merging_a_draft_into_itself_duplicates_nothing(article, drafted):
    _, _, _, extraction = article
    again = draft_model(extraction, existing=drafted.model)
    for section in SECTIONS:
        assert len(getattr(again.model, section)) == len(getattr(drafted.model, section)), section
        assert again.created[section] == [], section
    assert set(again.matched["actors"]) == {a.id for a in drafted.model.actors}
    assert set(again.matched["concepts"]) == {c.id for c in drafted.model.concepts}
    assert len(again.model.documents) == 1


def test_merging_into_another_model_matches_actors_by_alias_and_concepts_by_terms(article):
    _, document_id, _, extraction = article
    other = "cd" * 32
    existing = Model(
        title="Lowland watch",
        documents=[{"id": other, "title": "An earlier note"}],
        actors=[Actor(id="velmar_republic", name="Republic of Velmar", kind="state", aliases=["Velmar"])],
        concepts=[Concept(id="cost_of_food", label="cost of food", terms=["food prices", "bread prices"])],
    )
    result = draft_model(extraction, existing=existing)
    model = result.model
    assert result.matched["actors"] == {"velmar": "velmar_republic"}
    assert result.matched["concepts"] == {"cost_of_food": "cost_of_food"}
    assert [a.id for a in model.actors].count("velmar_republic") == 1 and "velmar" not in {a.id for a in model.actors}
    food = model.get("concepts", "cost_of_food")
    assert {"food prices", "bread prices"} <= set(food.terms) and food.label == "cost of food"
    assert {e.document for e in food.evidence} == {document_id}
    assert any(link.cause == "cost_of_food" for link in model.causal_links)
    assert {d.id for d in model.documents} == {other, document_id}
    assert model.title == "Lowland watch"
    assert model.get("relations", "velmar_concern_council").source == "velmar_republic"
    assert result.counts()["actors"] == {"created": 7, "merged": 1}


def test_no_paraphrase_template_leaks_an_unfilled_field(drafted):
    for _, _, evidence in _evidence(drafted.model):
        assert not re.search(r"\{|\}|None", evidence.paraphrase), evidence.paraphrase


def test_the_real_extractor_on_the_made_up_briefing_drafts_a_valid_model(article):
    extract = pytest.importorskip("realpolitik.extract")
    if not hasattr(extract, "extract_file"):
        pytest.skip("the extractor is not in this branch yet")
    path, document_id, text, _ = article
    result = draft_model(extract.extract_file(path), filename=path.name)
    assert [p for p in check_model(result.model, texts={document_id: text}) if p.severity == "error"] == []
    assert result.model.actors and {item.review for item in result.model.actors} == {"proposed"}
    for section, item, evidence in _evidence(result.model):
        assert not shares_run(evidence.paraphrase, text[evidence.start:evidence.end]), (section, item.id)


def test_values_the_model_format_refuses_are_reported_and_the_rest_is_drafted(article):
    _, document_id, text, _ = article
    data = extraction_data(text, document_id)
    data["actors"][0]["name"] = ""  # Karsland, which Halvorsen is affiliated with and events name
    data["actors"][7]["name"] = ""  # Tarrow Minerals, which a relation names
    data["forecasts"][0]["probability"] = [1.5, -0.2]
    data["forecasts"][1]["estimative_term"] = ""
    data["relations"][1] |= {"valid_from": "2025-05", "valid_to": "2024"}
    result = draft_model(Extraction.model_validate(data))
    model = result.model
    assert [p for p in check_model(model, texts={document_id: text}) if p.severity == "error"] == []
    assert {"karsland", "tarrow"}.isdisjoint(a.id for a in model.actors)
    assert model.get("actors", "halvorsen").affiliation is None
    assert not any(r.source == "tarrow" for r in model.relations)
    assert not any("karsland" in e.participants for e in model.events)
    reasons = " | ".join(f"{section} {item}: {reason}" for section, item, reason in result.dropped)
    assert "actors tarrow: name" in reasons and "affiliation 'karsland' was left out" in reasons
    assert "estimative_term" in reasons and "precedes valid_from" in reasons
    assert len(model.forecasts) == 2 and model.forecasts[0].probability is not None


def test_the_draft_proposes_one_scenario_on_its_most_upstream_concept(drafted):
    from realpolitik.analysis import upstream_lever
    from realpolitik.simulate import simulate_scenarios

    model = drafted.model
    (scenario,) = model.scenarios
    lever = upstream_lever(model)
    assert scenario.review == "proposed" and scenario.clamps == {lever.concept: 1.0}
    assert not any(link.effect == lever.concept for link in model.causal_links)
    assert scenario.evidence and scenario.evidence[0].document == model.documents[0].id
    assert drafted.created["scenarios"] == [scenario.id]
    run = simulate_scenarios(model)
    (outcome,) = run.outcomes
    assert outcome.scenario == scenario.id
    downstream = {link.effect for link in model.causal_links if link.cause == lever.concept}
    assert any(outcome.delta[run.concepts.index(concept)] != 0 for concept in downstream)


def test_a_draft_without_causal_links_proposes_no_scenario(article):
    _, _, _, extraction = article
    bare = extraction.model_copy(update={"causal_links": []})
    assert draft_model(bare).model.scenarios == []
