"""A short, derandomised run of ``benchmarks/fuzz.py`` on each target: no crash, and every input ran.

The benchmark itself runs 100,000 inputs a target (docs/reliability.md); this keeps its harness working and
replays the same 200 inputs on every run, so that a crash it finds is found again.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("realpolitik_fuzz_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.mark.parametrize("target", ["loader", "dates", "web"])
def test_a_short_fuzzing_run_finds_no_crash(fuzz, target):
    tally = fuzz.run(target, 200, derandomize=True)
    assert tally.examples == 200
    assert tally.crashes == 0, tally.first
    if target == "web":
        assert "the model file loads after the run" in tally.notes
