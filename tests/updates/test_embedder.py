"""The bundled sentence embedder: it loads only when its files match their hashes, and it ranks by meaning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realpolitik.errors import UpdateError
from realpolitik.updates import EMBEDDER_FOLDER, MiniLmSimilarity, TfidfSimilarity, load_similarity

pytestmark = pytest.mark.skipif(not (EMBEDDER_FOLDER / "model.onnx").is_file(), reason="no bundled embedder")


def test_a_paraphrase_outranks_a_sentence_on_another_matter():
    similarity = MiniLmSimilarity()
    scores = similarity(["The two governments will reopen their embassies."],
                        ["Both capitals sent their ambassadors back after a year apart.",
                         "Wheat prices rose sharply after the dry summer."])
    assert scores.shape == (1, 2) and scores[0, 0] > scores[0, 1] + 0.15
    vectors = similarity.embed(["A sentence of our own.", "Another, somewhat longer sentence of our own making."])
    assert vectors.shape == (2, 384) and abs(float((vectors[0] ** 2).sum()) - 1) < 1e-3


def test_the_lexical_fallback_misses_what_the_embedder_finds():
    query = ["The two governments will reopen their embassies."]
    passages = ["Both capitals sent their ambassadors back after a year apart.", "Wheat prices rose sharply."]
    assert TfidfSimilarity()(query, passages)[0, 0] == 0  # no word in common
    assert load_similarity("auto").name.startswith("all-MiniLM")


def test_a_damaged_model_file_is_refused(tmp_path: Path):
    folder = tmp_path / "embedder"
    shutil.copytree(EMBEDDER_FOLDER, folder)
    (folder / "tokenizer.json").write_bytes((folder / "tokenizer.json").read_bytes() + b" ")
    with pytest.raises(UpdateError) as caught:
        MiniLmSimilarity(folder)
    assert caught.value.code == "E306" and "sha256" in str(caught.value)
