"""The code is ruff-clean and mypy-clean under the settings in pyproject.toml.

Both tools are in the ``test`` extra, so the normal suite (``scripts/test.sh``) runs them; a failure shows the
tools' own report. ``-m lint`` runs these two alone, ``-m "not lint"`` leaves them out of a quick local run.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: What ruff checks: the package, its tests, the benchmarks and the scripts.
RUFF_PATHS = ["src", "tests", "benchmarks", "scripts"]

pytestmark = pytest.mark.lint


def _require(module: str) -> None:
    """Skip (fail under CI) when a checker is not installed: ``pip install -e '.[test]'`` brings both."""
    if importlib.util.find_spec(module) is None:
        reason = f"{module} is not installed: scripts/setup.sh test installs the test extra"
        if os.environ.get("CI"):
            pytest.fail(f"the lint checks must run in CI, but {reason}")
        pytest.skip(reason)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    _require("ruff")
    result = _run("ruff", "check", "--no-fix", "--output-format", "concise", *RUFF_PATHS)
    if result.returncode != 0:
        pytest.fail(f"ruff check {' '.join(RUFF_PATHS)}:\n{result.stdout}{result.stderr}", pytrace=False)


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    # The files, Python version, plugin and per-library settings come from [tool.mypy] in pyproject.toml; the
    # cache (.mypy_cache, git-ignored) makes a second run take seconds.
    _require("mypy")
    result = _run("mypy")
    if result.returncode != 0:
        pytest.fail(f"mypy (files from pyproject.toml):\n{result.stdout}{result.stderr}", pytrace=False)
