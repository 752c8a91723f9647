"""Sentence similarity for retrieval: all-MiniLM-L6-v2 as an int8 ONNX file, or TF-IDF when that is missing.

The ONNX file and its tokenizer are built once by ``scripts/build_embedder.py`` and shipped under
``data/embedder/`` with a manifest of their sha256; the loader checks both hashes, so a damaged or swapped
file is refused rather than silently scoring differently. Model card: docs/embedder.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from realpolitik.errors import UpdateError

__all__ = ["EMBEDDER_FOLDER", "MiniLmSimilarity", "Similarity", "TfidfSimilarity", "load_similarity"]

EMBEDDER_FOLDER = Path(__file__).resolve().parents[1] / "data" / "embedder"
#: Tokens per passage the encoder reads; longer sentences are cut (MiniLM was trained on 128 and 256).
MAX_TOKENS = 256
_BATCH = 32


class Similarity(Protocol):
    """Cosine similarity of each query to each passage."""

    name: str

    def __call__(self, queries: Sequence[str], passages: Sequence[str]) -> np.ndarray: ...


class MiniLmSimilarity:
    """Mean-pooled, unit-length MiniLM sentence vectors (pooling is inside the ONNX graph); cosine = dot."""

    name = "all-MiniLM-L6-v2 (int8 ONNX)"

    def __init__(self, folder: Path = EMBEDDER_FOLDER) -> None:
        try:
            import onnxruntime  # type: ignore[import-untyped]  # the wheel ships neither py.typed nor stubs
            from tokenizers import Tokenizer

            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            for file_name, facts in manifest["files"].items():
                digest = hashlib.sha256((folder / file_name).read_bytes()).hexdigest()
                if digest != facts["sha256"]:
                    raise ValueError(f"{file_name} does not match its sha256 in manifest.json")
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1  # the machine is shared; one thread keeps the numbers steady
            options.inter_op_num_threads = 1
            self._session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options,
                                                         providers=["CPUExecutionProvider"])
            self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except (ImportError, OSError, ValueError, KeyError, RuntimeError) as exc:
            raise UpdateError.coded("E306", path=folder, reason=exc) from exc
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self._inputs = {item.name for item in self._session.get_inputs()}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text."""
        rows = []
        for start in range(0, len(texts), _BATCH):
            encoded = self._tokenizer.encode_batch(list(texts[start:start + _BATCH]))
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            rows.append(self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0])
        return np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)

    def __call__(self, queries: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        return self.embed(queries) @ self.embed(passages).T


class TfidfSimilarity:
    """Lexical fallback: TF-IDF (unigrams and bigrams, English stop words out) fitted on the passages."""

    name = "TF-IDF (lexical fallback)"

    def __call__(self, queries: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectoriser = TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True)
        matrix = vectoriser.fit_transform([*passages, *queries])
        passage_rows, query_rows = matrix[: len(passages)], matrix[len(passages):]
        return np.asarray((query_rows @ passage_rows.T).todense())


@lru_cache(maxsize=2)
def load_similarity(kind: str = "auto") -> Similarity:
    """The similarity ``update`` retrieves with: ``"minilm"``, ``"tfidf"`` or ``"auto"`` (MiniLM when its files
    and onnxruntime are installed, else TF-IDF).

    Raises
    ------
    UpdateError
        E306 when ``"minilm"`` is asked for and cannot be loaded.
    """
    if kind == "tfidf":
        return TfidfSimilarity()
    if kind == "minilm" or (EMBEDDER_FOLDER / "model.onnx").is_file():
        try:
            return MiniLmSimilarity()
        except UpdateError:
            if kind == "minilm":
                raise
    return TfidfSimilarity()
