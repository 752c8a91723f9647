"""Drafting: from an extraction to a model file whose every item is proposed for review."""

from realpolitik.draft.build import MAX_ACTOR_EVIDENCE, MAX_LABEL_WORDS, DraftResult, draft_additions, draft_model
from realpolitik.draft.into import add_drafted, draft_document
from realpolitik.draft.io import load_extraction, load_model_one_line, read_extraction
from realpolitik.draft.paraphrase import own_words, shares_run
from realpolitik.draft.phrases import (
    DEFAULT_THRESHOLD,
    HedgeReading,
    cluster_phrases,
    normalise_phrase,
    phrase_term,
    read_hedge,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_ACTOR_EVIDENCE",
    "MAX_LABEL_WORDS",
    "DraftResult",
    "HedgeReading",
    "add_drafted",
    "cluster_phrases",
    "draft_additions",
    "draft_document",
    "draft_model",
    "load_extraction",
    "load_model_one_line",
    "normalise_phrase",
    "own_words",
    "phrase_term",
    "read_extraction",
    "read_hedge",
    "shares_run",
]
