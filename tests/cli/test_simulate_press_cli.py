"""``realpolitik simulate`` and ``realpolitik press`` on real files: output, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.model import Model, save_model

runner = CliRunner()


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_simulate_all_json(toy_file: Path, toy: Model) -> None:
    code, out, _ = _invoke("simulate", str(toy_file), "--all", "--json")
    data = json.loads(out)
    assert code == 0 and data["baseline"] == "baseline"
    assert [o["scenario"] for o in data["outcomes"]] == [s.id for s in toy.scenarios]
    for outcome in data["outcomes"]:
        assert set(outcome["final"]) == set(outcome["delta"]) == {c.id for c in toy.concepts}


def test_simulate_options_reach_the_engine(toy_file: Path) -> None:
    code, out, _ = _invoke("simulate", str(toy_file), "--scenario", "aid", "--rule", "kosko", "--transfer", "tanh",
                           "--steps", "7", "--free-sources", "--json")
    data = json.loads(out)
    assert code == 0 and [o["scenario"] for o in data["outcomes"]] == ["aid"]
    assert data["options"] | {"rule": "kosko", "transfer": "tanh", "steps": 7, "hold_sources": False} == data["options"]
    assert data["outcomes"][0]["steps_run"] <= 7


def test_simulate_tables(toy_file: Path) -> None:
    code, out, _ = _invoke("simulate", str(toy_file))
    assert code == 0 and "Economic crisis" in out and "Δ aid-recognition" in out and "fixed point" in out


def test_press_json_and_tables(toy_file: Path, toy: Model) -> None:
    code, out, _ = _invoke("press", str(toy_file), "--press", "aid=+1", "--draws", "300", "--seed", "4", "--json")
    data = json.loads(out)
    assert code == 0 and data["press"] == {"aid": 1} and data["draws"] == 300
    assert [row["concept"] for row in data["responses"]] == [c.id for c in toy.concepts]
    code, out, _ = _invoke("press", str(toy_file), "-p", "recognition=-1", "-p", "aid", "--draws", "200",
                           "--weights", "model", "--observe", "crisis=-1")
    assert code == 0 and "Response to the press" in out and "acceptance rate" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["simulate", "--scenario", "war"], 2, "unknown scenario 'war'"),
        (["simulate", "--rule", "hebbian"], 2, "unknown update rule 'hebbian'"),
        (["simulate", "--transfer", "relu"], 2, "unknown transfer function 'relu'"),
        (["simulate", "--scenario", "aid", "--all"], 2, "not both"),
        (["simulate", "--steps", "-3"], 2, "--steps must be"),
        (["press", "--press", "opium"], 2, "unknown concept 'opium'"),
        (["press", "--press", "aid=2"], 2, "must be +1 or -1"),
        (["press", "--press", "aid", "--draws", "0"], 2, "must be positive"),
        (["press"], 2, "at least one concept"),
        (["press", "--press", "aid", "--weights", "lognormal"], 2, "unknown weight scheme"),
    ],
)
def test_usage_errors(toy_file: Path, args: list[str], code: int, message: str) -> None:
    exit_code, _, err = _invoke(args[0], str(toy_file), *args[1:])
    assert exit_code == code
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def _saved(tmp_path: Path, model: Model) -> str:
    return str(save_model(model, tmp_path / "m.yaml"))


def test_model_problems_exit_1(tmp_path: Path, toy: Model) -> None:
    no_links = _saved(tmp_path, toy.model_copy(update={"causal_links": []}))
    for args in (["simulate", no_links], ["press", no_links, "--press", "aid"]):
        code, _, err = _invoke(*args)
        assert code == 1 and "no causal links" in err and len(err.strip().splitlines()) == 1
    bad = toy.model_copy(update={"scenarios": [toy.scenarios[0].model_copy(update={"clamps": {"aid": 3.0}})]})
    code, _, err = _invoke("simulate", _saved(tmp_path, bad))
    assert code == 1 and "outside the range" in err
    code, _, err = _invoke("simulate", str(tmp_path / "missing.yaml"))
    assert code == 1 and "no such file" in err


def test_unstable_map_exit_1(tmp_path: Path, toy: Model) -> None:
    # strong mutual reinforcement between every pair outweighs any self-limitation drawn below 1
    concepts = [c.id for c in toy.concepts]
    links = [{"id": f"{a}-{b}", "cause": a, "effect": b, "weight": 1.0}
             for a in concepts for b in concepts if a != b]
    model = Model.model_validate(toy.model_dump() | {"causal_links": links})
    code, _, err = _invoke("press", _saved(tmp_path, model), "--press", "aid", "--draws", "200")
    assert code == 1 and "no stable draw" in err


def test_console_script_runs(toy_file: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "realpolitik.cli", "simulate", str(toy_file), "--json"],
                          capture_output=True, text=True, check=False)
    if "No module named realpolitik.cli.__main__" in done.stderr:
        done = subprocess.run([sys.executable, "-c", "from realpolitik.cli import main; main()", "simulate",
                               str(toy_file), "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcomes"]
