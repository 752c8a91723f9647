"""The toy model of tests/data/toy_aid.yaml, small enough for its dynamics to be argued by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.model import Model, load_model

TOY_FILE = Path(__file__).parent.parent / "data" / "toy_aid.yaml"


@pytest.fixture
def toy_file() -> Path:
    return TOY_FILE


@pytest.fixture
def toy() -> Model:
    return load_model(TOY_FILE)
