"""Drafting the real seed through the extractor (skipped when the seed or the extractor is absent)."""

from __future__ import annotations

import re
import shutil

import pytest

from realpolitik.model import validate_file

RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_drafting_the_seed_gives_a_valid_model_without_a_run_of_its_text(cli, seed_path, tmp_path):
    extract = pytest.importorskip("realpolitik.extract")
    if not hasattr(extract, "extract_file"):
        pytest.skip("the extractor is not in this branch yet")
    document = tmp_path / seed_path.name
    shutil.copy(seed_path, document)
    output = tmp_path / "seed_draft.yaml"
    result = cli("draft", document, "-o", output)
    assert result.code == 0, result.output
    report = validate_file(output)
    assert report.ok and report.missing_documents == [], [str(p) for p in report.problems]
    assert report.model.actors and report.model.causal_links
    seed = _words(seed_path.read_text(encoding="utf-8"))
    runs = {tuple(seed[i : i + RUN]) for i in range(len(seed) - RUN + 1)}
    words = _words(output.read_text(encoding="utf-8"))
    copied = [" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1) if tuple(words[i : i + RUN]) in runs]
    assert copied == []
