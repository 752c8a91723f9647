"""Evaluation: scoring extraction against gold data (the seed's curated model; PLOVER and CNC peers)."""

from realpolitik.evaluate.seed import (
    ITEM_TYPES,
    TARGETS,
    evaluate_against_model,
    evaluate_document,
    find_gold_document,
    main_body_end,
)

__all__ = [
    "ITEM_TYPES",
    "TARGETS",
    "evaluate_against_model",
    "evaluate_document",
    "find_gold_document",
    "main_body_end",
]
