"""Fixtures shared by the whole suite: the seed document, the bundled model, the made-up basin model, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so a red run can be reproduced and is never luck;
# locally each run explores new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from realpolitik.data import bundled_model_path
from realpolitik.model import Model, load_model

REPO = Path(__file__).resolve().parent.parent
#: The seed op-ed lives outside the repository, beside it in the shared folder.
SEED = REPO.parent / "shared" / "seeds" / "000_52eea514bd0a09a1.txt"
#: A small made-up system (three riparian states and a dam) beside the brief its evidence points into.
BASIN = Path(__file__).parent / "fixtures" / "basin.yaml"


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path, cwd: Path | None = None) -> CliResult:
    """Run ``python -m realpolitik`` in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "realpolitik", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"},
        timeout=300,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed document is not at {SEED}")
    return SEED


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    return bundled_model_path()


@pytest.fixture
def model_with_seed(tmp_path: Path, seed_path: Path) -> Path:
    """A copy of the bundled model with the seed beside it, where validate finds it by file name."""
    model = tmp_path / "model.yaml"
    shutil.copy(bundled_model_path(), model)
    shutil.copy(seed_path, tmp_path / seed_path.name)
    return model


@pytest.fixture(scope="session")
def basin_path() -> Path:
    return BASIN


@pytest.fixture(scope="session")
def basin() -> Model:
    return load_model(BASIN)


@pytest.fixture(scope="session")
def bundled() -> Model:
    """The bundled model of the seed op-ed, loaded once (read-only: tests must not mutate it)."""
    return load_model(bundled_model_path())
