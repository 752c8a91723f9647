"""The analysis issue's acceptance: merging the seed's curated model with a model drafted from another
document (the made-up Karsland briefing) keeps every item with its source; nothing is dropped silently."""

from __future__ import annotations

import json

import pytest

from realpolitik.draft import draft_model
from realpolitik.model import check_model, load_model, save_model
from realpolitik.model.merge import merge_models
from tests.draft.fixture import karsland

SECTIONS = ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios")


def _sources(model):
    """(section, document, start, end) of every piece of evidence."""
    return {(section, e.document, e.start, e.end) for section in SECTIONS for item in getattr(model, section)
            for e in item.evidence}


@pytest.fixture(scope="module")
def drafted():
    path, document_id, text, extraction = karsland()
    return draft_model(extraction, filename=path.name).model, document_id, text


def test_merge_keeps_every_item_and_its_evidence(bundled, drafted):
    draft, document_id, text = drafted
    merged, report = merge_models([bundled, draft])
    assert _sources(merged) == _sources(bundled) | _sources(draft)
    assert {d.id for d in merged.documents} == {bundled.documents[0].id, document_id}
    for section in ("relations", "events", "forecasts", "scenarios"):
        assert len(getattr(merged, section)) == len(getattr(bundled, section)) + len(getattr(draft, section)), section
    # no actor or concept of either model vanished: each is in the merge, under its id or the one it was mapped to
    for index, model in enumerate((bundled, draft)):
        for section in ("actors", "concepts"):
            ids = {item.id for item in getattr(merged, section)}
            mapped = report.mapped.get(section, {})
            for item in getattr(model, section):
                assert mapped.get(f"{index}:{item.id}", item.id) in ids, (section, item.id)
    # the drafted items are still proposed for review, the curated ones still carry no review state
    assert {a.review for a in merged.actors if any(e.document == document_id for e in a.evidence)} == {"proposed"}
    assert {a.review for a in merged.actors if a.id in {x.id for x in bundled.actors}} == {None}
    problems = check_model(merged, texts={document_id: text})
    assert [p for p in problems if p.severity == "error"] == []


def test_merge_command_keeps_every_source(cli, tmp_path, bundled_path, bundled, drafted):
    draft = drafted[0]
    drafted_path = save_model(draft, tmp_path / "karsland.yaml")
    output = tmp_path / "merged.yaml"
    result = cli("merge", bundled_path, drafted_path, "-o", output, "--json")
    assert result.code == 0, result.output
    merged = load_model(output)
    assert _sources(merged) == _sources(bundled) | _sources(draft)
    assert json.loads(result.stdout)["counts"]["relations"] == len(bundled.relations) + len(draft.relations)


def test_drafting_into_the_seed_model_joins_nothing_from_another_world(bundled):
    # Karsland's "junta's finances" once joined the seed's "Insurgent finance" through its one-word term "finance".
    *_, extraction = karsland()
    result = draft_model(extraction, existing=bundled)
    assert result.matched.get("concepts", {}) == {} and result.matched.get("actors", {}) == {}
    assert len(result.model.concepts) == len(bundled.concepts) + len(result.created["concepts"])
    assert bundled.get("concepts", "insurgent_finance").terms == result.model.get("concepts", "insurgent_finance").terms
