"""The public surface of the draft and evaluate stages is the documented one, sorted."""

from __future__ import annotations

from realpolitik import draft, evaluate


def test_draft_api():
    assert draft.__all__ == sorted(draft.__all__, key=lambda n: (not n.isupper(), n))
    assert {"DraftResult", "draft_model", "cluster_phrases", "normalise_phrase", "read_hedge", "load_extraction",
            "read_extraction", "draft_additions", "DEFAULT_THRESHOLD"} <= set(draft.__all__)
    assert all(hasattr(draft, name) for name in draft.__all__)


def test_evaluate_api():
    assert evaluate.__all__ == sorted(evaluate.__all__, key=lambda n: (not n.isupper(), n))
    assert {"evaluate_against_model", "evaluate_document", "main_body_end", "TARGETS"} <= set(evaluate.__all__)
    assert all(hasattr(evaluate, name) for name in evaluate.__all__)


def test_importing_the_stages_does_not_load_the_extractor():
    import subprocess
    import sys

    code = "import sys, realpolitik.draft, realpolitik.evaluate; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
