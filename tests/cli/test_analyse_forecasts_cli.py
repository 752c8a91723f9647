"""``realpolitik analyse`` and ``realpolitik forecasts`` as a user runs them."""

from __future__ import annotations

import json
import random
import shutil

import pytest

from realpolitik.model import load_model


def test_analyze_json_on_the_seed_model(cli, bundled_path):
    result = cli("analyse", bundled_path, "--at", "2022", "--compare", "2010", "2016", "--json")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    triad = next(t for t in data["actor_network"]["triads"] if set(t["actors"]) == {"russia", "taliban", "iskp"})
    assert triad["balanced"] is True
    change = next(c for c in data["comparison"]["changes"] if c["actors"] == ["russia", "united_states"])
    assert change["kind"] == "turned hostile"
    assert change["before"]["types"] == ["partnership"] and change["after"]["types"] == ["rivalry"]
    assert data["causal_structure"]["concepts"] == 23 and data["causal_structure"]["drivers"]
    assert data["feedback_loops"]["reinforcing"] >= 1
    assert data["forecasts"]["brier"] is not None


def test_analyze_tables_name_the_sections(cli):
    result = cli("analyse", "--at", "2022")
    assert result.code == 0, result.output
    for heading in ("Actor network at 2022", "Structural balance", "Feedback loops", "Levers", "Forecasts"):
        assert heading in result.stdout


def test_analyze_notes_the_loop_cap(cli, tmp_path):
    lines = ["title: dense", "concepts:"] + [f"  - {{id: c{i}, label: C{i}}}" for i in range(7)] + ["causal_links:"]
    pairs = [(u, v) for u in range(7) for v in range(7) if u != v]
    lines += [f"  - {{id: l{u}{v}, cause: c{u}, effect: c{v}, weight: 0.5}}" for u, v in pairs]
    model = tmp_path / "dense.yaml"
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("analyse", model, "--max-loops", "50", "--json")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["feedback_loops"]["capped"] is True and len(data["feedback_loops"]["loops"]) == 50
    assert any("loop search stopped early" in note for note in data["notes"])


def test_analyze_rejects_a_bad_date(cli):
    result = cli("analyse", "--at", "the spring")
    assert result.code == 2
    assert "not a date" in result.stderr


def test_forecasts_lists_and_scores(cli):
    result = cli("forecasts", "--json")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["forecasts"]) == 15
    assert data["scores"]["resolved"] == sum(f["resolution"] is not None for f in data["forecasts"])
    assert {row["band"] for row in data["scores"]["calibration"]} >= {"likely", "very likely"}


def test_forecasts_resolve_writes_the_file_and_keeps_comments(cli, tmp_path, bundled_path, bundled):
    model = tmp_path / "model.yaml"
    shutil.copy(bundled_path, model)
    with model.open("a", encoding="utf-8") as handle:
        handle.write("# curator's closing comment\n")
    open_forecast = next(f for f in bundled.forecasts if f.resolution is None)
    before = cli("forecasts", model, "--json")
    result = cli("forecasts", model, "--resolve", open_forecast.id, "--outcome", "false", "--date", "2026-11",
                 "--source", "desk review", "--json")
    assert result.code == 0, result.output
    after = json.loads(result.stdout)["scores"]
    assert after["resolved"] == json.loads(before.stdout)["scores"]["resolved"] + 1
    resolved = next(f for f in load_model(model).forecasts if f.id == open_forecast.id)
    assert resolved.resolution.outcome is False and resolved.resolution.source == "desk review"
    assert "# curator's closing comment" in model.read_text(encoding="utf-8")


def test_forecasts_resolve_errors_change_nothing(cli, tmp_path, bundled_path):
    model = tmp_path / "model.yaml"
    shutil.copy(bundled_path, model)
    original = model.read_bytes()
    unknown = cli("forecasts", model, "--resolve", "no_such_forecast", "--outcome", "true", "--date", "2025",
                  "--source", "s")
    assert unknown.code == 1 and "unknown forecast 'no_such_forecast'" in unknown.stderr
    missing = cli("forecasts", model, "--resolve", "opium_rises")
    assert missing.code == 2 and "--outcome" in missing.stderr
    bad_date = cli("forecasts", model, "--resolve", "opium_rises", "--outcome", "true", "--date", "soon",
                   "--source", "s")
    assert bad_date.code == 2 and "date" in bad_date.stderr
    stray = cli("forecasts", model, "--outcome", "true")
    assert stray.code == 2
    assert model.read_bytes() == original


@pytest.mark.slow
def test_analyse_finishes_on_a_map_of_100000_concepts_and_notes_its_caps(cli, tmp_path):
    rnd = random.Random(7)
    n, links, seen = 100_000, [], set()
    while len(links) < 3 * n:
        cause, effect = rnd.randrange(n), rnd.randrange(n)
        if cause != effect and (cause, effect) not in seen:
            seen.add((cause, effect))
            links.append({"id": f"l{len(links)}", "cause": f"c{cause}", "effect": f"c{effect}",
                          "weight": round(rnd.uniform(-1, 1), 2)})
    model = tmp_path / "large.json"
    model.write_text(json.dumps({"title": "large", "concepts": [{"id": f"c{i}", "label": f"C{i}"} for i in range(n)],
                                 "causal_links": links}), encoding="utf-8")
    result = cli("analyse", model, "--max-loops", "100", "--json")
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["causal_structure"]["concepts"] == n and data["causal_structure"]["connections"] == 3 * n
    # Capped by the count or by the search steps it allows, whichever comes first.
    assert data["feedback_loops"]["capped"] is True and 0 < len(data["feedback_loops"]["loops"]) <= 100
    assert any("loop search stopped early" in note for note in data["notes"])
    assert any("candidate levers were not traced" in note for note in data["notes"])
    assert len(data["levers"]["traced"]) == 12
