"""Every item of the bundled model points into the seed op-ed, and the span it points to is about that item.

The seed is read from ../shared/seeds (never from the repository); the test skips when it is absent.
"""

from __future__ import annotations

import pytest

from realpolitik.corpus import read_source_text
from realpolitik.model import Model, load_model

#: Where the page's comment form begins; no evidence may point there or beyond.
COMMENT_FORM = "Please enter your comment"


@pytest.fixture(scope="module")
def seed(seed_path):
    return read_source_text(seed_path)


@pytest.fixture(scope="module")
def model(bundled_path) -> Model:
    return load_model(bundled_path)


def _evidence_text(item, text: str) -> str:
    return " ".join(text[e.start : e.end] for e in item.evidence).lower()


def _actor_names(model: Model) -> dict[str, list[str]]:
    return {
        actor.id: [actor.name, *actor.aliases, actor.id.replace("_", " ")]
        for actor in model.actors
    }


def _mentions(span: str, names: list[str]) -> bool:
    return any(name.lower() in span for name in names)


def test_model_cites_the_seed_by_hash(model, seed):
    assert [document.id for document in model.documents] == [seed.id]


def test_every_span_lies_in_the_argument(model, seed):
    limit = seed.text.index(COMMENT_FORM)
    for section in ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios"):
        for item in getattr(model, section):
            assert item.evidence, f"{section}/{item.id} has no evidence"
            for evidence in item.evidence:
                assert 0 <= evidence.start < evidence.end <= limit, f"{section}/{item.id}"
                assert evidence.paraphrase.lower() != seed.text[evidence.start : evidence.end].lower()


def test_actor_spans_name_the_actor(model, seed):
    names = _actor_names(model)
    for actor in model.actors:
        assert _mentions(_evidence_text(actor, seed.text), names[actor.id]), actor.id


def test_relation_spans_name_both_sides(model, seed):
    names = _actor_names(model)
    for relation in model.relations:
        span = _evidence_text(relation, seed.text)
        assert _mentions(span, names[relation.source]), f"{relation.id}: source {relation.source}"
        assert _mentions(span, names[relation.target]), f"{relation.id}: target {relation.target}"


def test_event_spans_hold_the_date_phrase(model, seed):
    names = _actor_names(model)
    for event in model.events:
        span = _evidence_text(event, seed.text)
        if event.date_text:
            assert event.date_text.lower() in span, event.id
        assert any(_mentions(span, names[actor]) for actor in event.participants) or event.date_text, event.id


def test_concept_spans_use_one_of_its_terms(model, seed):
    for concept in model.concepts:
        assert _mentions(_evidence_text(concept, seed.text), concept.terms), concept.id


def test_causal_link_spans_name_cause_and_effect(model, seed):
    terms = {concept.id: concept.terms for concept in model.concepts}
    for link in model.causal_links:
        span = _evidence_text(link, seed.text)
        assert _mentions(span, terms[link.cause]), f"{link.id}: cause {link.cause}"
        assert _mentions(span, terms[link.effect]), f"{link.id}: effect {link.effect}"
        if link.hedge:
            assert link.hedge.lower() in span or link.hedge in {"likely", "expected"}, link.id


def test_forecast_spans_hold_the_estimative_term(model, seed):
    for forecast in model.forecasts:
        assert forecast.estimative_term.lower() in _evidence_text(forecast, seed.text), forecast.id


def test_scenario_spans_touch_a_clamped_concept(model, seed):
    terms = {concept.id: concept.terms for concept in model.concepts}
    for scenario in model.scenarios:
        span = _evidence_text(scenario, seed.text)
        assert any(_mentions(span, terms[concept]) for concept in scenario.clamps), scenario.id
