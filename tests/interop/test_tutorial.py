"""docs/tutorial.md runs: its python blocks, in order and in one namespace, in a fresh folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).resolve().parents[2] / "docs" / "tutorial.md"


def _blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_tutorial_has_the_promised_steps():
    blocks = _blocks(TUTORIAL.read_text(encoding="utf-8"))
    code = "\n".join(blocks)
    assert len(blocks) >= 6
    for step in ("rp.load()", "rp.simulate_scenarios(", "rp.export(", "pysd.read_xmile(", "rp.import_file("):
        assert step in code, step


def test_tutorial_runs(tmp_path, capsys):
    pytest.importorskip("pysd")
    namespace: dict = {"__name__": "tutorial"}
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        for number, block in enumerate(_blocks(TUTORIAL.read_text(encoding="utf-8")), start=1):
            exec(compile(block, f"{TUTORIAL.name} block {number}", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(here)
    printed = capsys.readouterr().out
    assert "largest difference:" in printed
    assert {"russia_afghanistan.graphml", "aid_resumed.xmile", "russia_afghanistan.xlsx", "colleague.csv"} <= {
        p.name for p in tmp_path.iterdir()}
