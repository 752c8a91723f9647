"""Scenarios anyone can write: ad hoc clamps, scenarios kept in the model file, runs of reviewed items only."""

from __future__ import annotations

import json
import shutil

import pytest

from realpolitik.model import load_model


@pytest.fixture
def model(tmp_path, bundled_path):
    copy = tmp_path / "model.yaml"
    shutil.copy(bundled_path, copy)
    return copy


def test_a_scenario_is_kept_run_listed_and_removed(cli, model):
    before = model.read_text(encoding="utf-8")
    added = cli("scenario", "add", model, "aid_push", "--name", "Aid pushed", "--clamp", "aid_and_assets=1",
                "--extends", "baseline", "--expect", "iskp_strength=-1")
    assert added.code == 0, added.output
    scenario = load_model(model).get("scenarios", "aid_push")
    assert scenario.clamps == {"aid_and_assets": 1.0} and scenario.expected == {"iskp_strength": -1}
    ran = cli("simulate", model, "--scenario", "aid_push", "--json")
    assert ran.code == 0 and json.loads(ran.stdout)["outcomes"][0]["scenario"] == "aid_push"
    listed = json.loads(cli("scenario", "list", model, "--json").stdout)["scenarios"]
    assert {"id": "aid_push", "extends": "baseline"}.items() <= next(s for s in listed if s["id"] == "aid_push").items()
    assert cli("scenario", "remove", model, "aid_push").code == 0
    assert model.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--name", "X", "--clamp", "no_such_concept=1"], 1, "unknown concept 'no_such_concept'"),
    (["--name", "X", "--clamp", "aid_and_assets"], 2, "CONCEPT=VALUE"),
    (["--name", "X", "--clamp", "aid_and_assets=nan"], 2, "finite number"),
    (["--name", "X", "--clamp", "aid_and_assets=3"], 2, "-1..1"),
    (["--name", "X"], 2, "at least one --clamp"),
])
def test_a_bad_scenario_is_refused_and_nothing_written(cli, model, args, code, says):
    before = model.read_text(encoding="utf-8")
    result = cli("scenario", "add", model, "bad", *args)
    assert result.code == code and says in result.stderr and "Traceback" not in result.output
    assert model.read_text(encoding="utf-8") == before


def test_the_bundled_model_is_not_changed_in_place(cli, tmp_path):
    result = cli("scenario", "add", tmp_path / "missing.yaml", "x", "--name", "X", "--clamp", "a=1")
    assert result.code == 2 and "no model file" in result.stderr


def test_ad_hoc_clamps_run_on_top_of_the_baseline(cli, bundled_path):
    result = cli("simulate", "--clamp", "aid_and_assets=1", "--json")
    assert result.code == 0, result.output
    outcome = json.loads(result.stdout)["outcomes"][0]
    baseline = load_model(bundled_path).get("scenarios", "baseline")
    assert outcome["scenario"] == "ad-hoc" and outcome["clamps"] == {**baseline.clamps, "aid_and_assets": 1.0}
    both = cli("simulate", "--clamp", "aid_and_assets=1", "--scenario", "baseline")
    assert both.code == 2 and "ad hoc" in both.stderr


def test_a_model_without_scenarios_says_how_to_make_one(cli, tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text("title: Bare\nconcepts:\n  - {id: a, label: A}\n  - {id: b, label: B}\n"
                    "causal_links:\n  - {id: l, cause: a, effect: b, weight: 0.5}\n", encoding="utf-8")
    result = cli("simulate", path)
    assert result.code == 1 and "--clamp CONCEPT=VALUE" in result.stderr and "scenario add" in result.stderr
    assert cli("simulate", path, "--clamp", "a=1").code == 0


def test_reviewed_only_leaves_proposed_items_and_their_dependants_out(cli, tmp_path):
    path = tmp_path / "drafted.yaml"
    path.write_text("title: Drafted\nconcepts:\n  - {id: a, label: A}\n  - {id: b, label: B}\n"
                    "  - {id: c, label: C, review: proposed}\n"
                    "causal_links:\n  - {id: ab, cause: a, effect: b, weight: 0.5}\n"
                    "  - {id: bc, cause: b, effect: c, weight: 0.5}\n", encoding="utf-8")
    full = cli("analyse", path, "--json")
    assert full.code == 0 and "1 item(s) still await review" in full.stderr
    reviewed = cli("analyse", path, "--reviewed-only", "--json")
    assert reviewed.code == 0 and "left out 1 proposed item(s)" in reviewed.stderr
    assert json.loads(full.stdout)["causal_structure"]["concepts"] == 3
    assert json.loads(reviewed.stdout)["causal_structure"]["concepts"] == 2
