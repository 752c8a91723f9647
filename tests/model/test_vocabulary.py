"""The documented vocabularies are the ones in the code."""

from __future__ import annotations


def test_documented_relation_vocabulary_matches_the_code():
    from pathlib import Path

    from realpolitik.model.vocabulary import RELATION_TYPE_INFO

    doc = (Path(__file__).resolve().parents[2] / "docs" / "model-format.md").read_text(encoding="utf-8")
    rows = {}
    for line in doc.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0] in RELATION_TYPE_INFO:
            rows[cells[0]] = cells
    assert set(rows) == set(RELATION_TYPE_INFO)
    for name, (plover, sign, meaning) in RELATION_TYPE_INFO.items():
        assert rows[name][1] == (plover.lower() if plover else "–")
        assert rows[name][2] == {1: "+", 0: "0", -1: "−"}[sign]
        assert rows[name][3] == meaning
