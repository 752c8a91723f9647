"""Shared fixtures: the made-up basin model beside its source brief."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.model import Model, load_model

FIXTURES = Path(__file__).parent / "fixtures"
BASIN = FIXTURES / "basin.yaml"


@pytest.fixture(scope="session")
def basin_path() -> Path:
    return BASIN


@pytest.fixture(scope="session")
def basin() -> Model:
    return load_model(BASIN)
