"""Merging the seed's model with a second source: one item per actor and concept, nothing dropped."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from realpolitik.model import check_model, load_model
from realpolitik.model.merge import merge_models

SECOND = Path(__file__).resolve().parents[1] / "data" / "second_source.yaml"


@pytest.fixture(scope="module")
def merged(bundled_path):
    first, second = load_model(bundled_path), load_model(SECOND)
    model, report = merge_models([first, second])
    return first, second, model, report


def _evidence_keys(model):
    keys = set()
    for section in ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios"):
        for item in getattr(model, section):
            keys.update((e.document, e.start, e.end) for e in item.evidence)
    return keys


def test_nothing_is_dropped(merged):
    first, second, model, _ = merged
    assert _evidence_keys(first) | _evidence_keys(second) == _evidence_keys(model)
    assert {d.id for d in model.documents} == {d.id for d in first.documents} | {d.id for d in second.documents}
    for section in ("relations", "events", "forecasts", "scenarios"):
        assert len(getattr(model, section)) == len(getattr(first, section)) + len(getattr(second, section))


def test_same_actors_and_concepts_become_one(merged):
    first, _, model, report = merged
    ids = {a.id for a in model.actors}
    assert "prc" not in ids and "islamic_emirate" not in ids and "russian_federation" not in ids
    assert len(model.actors) == len(first.actors)
    assert report.mapped["actors"] == {
        "1:prc": "china", "1:islamic_emirate": "taliban", "1:russian_federation": "russia"
    }
    assert report.mapped["concepts"] == {"1:aid": "aid_and_assets", "1:poppy_trade": "opium_economy"}
    assert "mining_investment" in {c.id for c in model.concepts}
    russia = model.get("actors", "russia")
    assert any(e.document.startswith("f00d") for e in russia.evidence)


def test_agreeing_links_are_pooled_with_weight_and_agreement(merged):
    _, _, model, report = merged
    link = model.get("causal_links", "assets_ease_crisis")
    # -0.8 at confidence 0.8 and -0.6 at confidence 0.4.
    assert math.isclose(link.weight, (-0.8 * 0.8 - 0.6 * 0.4) / 1.2, abs_tol=1e-6)
    assert link.agreement is not None and 0.85 < link.agreement < 1.0
    assert {e.document[:4] for e in link.evidence} == {"e848", "f00d"}
    assert "assets_ease_crisis" in report.pooled_links


def test_opposite_signs_are_flagged_and_both_kept(merged):
    _, _, model, report = merged
    links = [link for link in model.causal_links if (link.cause, link.effect) == ("economic_crisis", "opium_economy")]
    assert sorted(link.weight > 0 for link in links) == [False, True]
    assert links[0].contradicts == [links[1].id] and links[1].contradicts == [links[0].id]
    assert tuple(sorted(report.contradictions[0])) == tuple(sorted(link.id for link in links))


def test_merged_model_is_valid_and_scenarios_keep_their_base(merged):
    _, _, model, report = merged
    assert [p for p in check_model(model) if p.severity == "error"] == []
    mines = model.get("scenarios", "mines_open")
    assert mines.extends == "baseline_2"
    assert mines.clamps == {"mining_investment": 1.0}
    assert (1, "scenarios", "baseline", "baseline_2") in report.renamed


def test_merge_command_writes_a_valid_model(cli, tmp_path, bundled_path):
    output = tmp_path / "merged.yaml"
    result = cli("merge", bundled_path, SECOND, "-o", output)
    assert result.code == 0, result.output
    assert "contradiction" in result.stdout and "the same as taliban" in result.stdout
    assert cli("validate", output).code == 0


def test_merge_needs_two_models(cli, bundled_path, tmp_path):
    result = cli("merge", bundled_path, "-o", tmp_path / "x.yaml")
    assert result.code == 2 and "at least two" in result.output


def test_pooled_weight_stays_within_the_weights_pooled_when_a_link_has_no_confidence():
    from realpolitik.model import CausalLink
    from realpolitik.model.merge import pool_links

    sure = CausalLink(id="x", cause="c", effect="e", weight=-1.0, confidence=0.7)
    unsure = CausalLink(id="x", cause="c", effect="e", weight=-1.0, confidence=0.0)
    (pooled,), _ = pool_links([sure, unsure])
    assert pooled.weight == -1.0
    (alike,), _ = pool_links([sure.model_copy(update={"confidence": 0.0, "weight": -0.4}), unsure])
    assert alike.weight == pytest.approx(-0.7)
