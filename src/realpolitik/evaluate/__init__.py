"""Evaluation: scoring extraction against gold data (the seed's curated model; PLOVER and CNC peers)."""

from realpolitik.evaluate.cnc import evaluate_cnc
from realpolitik.evaluate.plover import evaluate_plover
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
    "evaluate_cnc",
    "evaluate_plover",
    "find_gold_document",
    "main_body_end",
]
