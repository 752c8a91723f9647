"""Evaluation: scoring extraction against gold data (the seed's curated model; PLOVER and CNC peers)."""

from typing import Any

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
    "evaluate_cnc",
    "evaluate_document",
    "evaluate_plover",
    "find_gold_document",
    "main_body_end",
]


def __getattr__(name: str) -> Any:
    """``evaluate_cnc`` runs the causal finder, whose module loads spaCy: it is imported on first use only."""
    if name == "evaluate_cnc":
        from realpolitik.evaluate.cnc import evaluate_cnc

        return evaluate_cnc
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
