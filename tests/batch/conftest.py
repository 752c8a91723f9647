"""A corpus of short made-up briefs, written by the tests themselves, in a store under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.store import CorpusStore, add_paths

_STATES = ["Norland", "Sudland", "Eastland", "Westland", "Highland", "Lowland"]


def write_briefs(folder: Path, count: int) -> list[Path]:
    """``count`` distinct briefs about the made-up states, one per file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        a, b = _STATES[i % 6], _STATES[(i + 1) % 6]
        text = (f"Brief {i}. {a} and {b} met at the border on day {i} to talk about the river.\n\n"
                f"{a} said the dam would lower the water {b} receives, and {b} warned it may answer.\n")
        path = folder / f"brief_{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def briefs_store(tmp_path: Path) -> CorpusStore:
    """A store holding 24 briefs, none extracted yet."""
    store = CorpusStore(tmp_path / "data" / "corpus.duckdb")
    write_briefs(tmp_path / "briefs", 24)
    assert len(add_paths(store, [tmp_path / "briefs"]).added) == 24
    return store
