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

from realpolitik.data import bundled_model_path
from realpolitik.model import Model, load_model

# CI runs the property tests on a fixed sequence of examples, so a red run can be reproduced and is never luck;
# locally each run explores new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def start_chromium(*, window: str, download_dir: Path | None = None):
    """A headless Debian Chromium driven through Debian's chromedriver; skips (fails under CI) when absent.

    Nothing outside this machine is reachable, so every host but the loopback one resolves to nothing: a page
    that needs the network shows it. The driver path is given, so selenium never looks for a driver of its own.
    """
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        reason = "Chromium is absent: scripts/test.sh installs Debian's chromium and chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI, but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={window}",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    prefs = {"download.prompt_for_download": False}
    if download_dir is not None:
        prefs["download.default_directory"] = str(download_dir)
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    return driver


#: The analysis-dev data set lives beside the repository, in the shared folder.
DEV_ARTICLES = REPO.parent / "shared" / "datasets" / "analysis-dev"
#: Three dev articles of different regions whose drafts the figure checks draw (Sahel, South Asia, Syria).
FIGURE_ARTICLES = ("2023-08-02-wagners-next-in-africa", "2024-03-06-war-clouds-over-india",
                   "2025-03-29-post-jihadism-dilemmas")


@pytest.fixture(scope="session")
def figure_models(tmp_path_factory) -> dict[str, Path]:
    """Model files the figure checks draw: the bundled model, a 200-concept made-up one, and the drafts of three
    dev articles (each beside its text) when ../shared is at hand."""
    import csv

    from realpolitik.draft import draft_model
    from realpolitik.extract import extract_file
    from realpolitik.model import save_model
    from tests.fixtures.synthetic import synthetic_model

    folder = tmp_path_factory.mktemp("figure-models")
    models = {"bundled": bundled_model_path(),
              "synthetic-200": save_model(synthetic_model(), folder / "synthetic-200.yaml")}
    if (DEV_ARTICLES / "index.csv").is_file():
        with (DEV_ARTICLES / "index.csv").open(encoding="utf-8", newline="") as handle:
            published = {row["slug"]: row["published"] for row in csv.DictReader(handle)}
        for slug in FIGURE_ARTICLES:
            text = shutil.copy(DEV_ARTICLES / "texts" / f"{slug}.txt", folder / f"{slug}.txt")
            extraction = extract_file(Path(text), published=published[slug])
            models[slug] = save_model(draft_model(extraction, filename=Path(text).name).model, folder / f"{slug}.yaml")
    return models
