"""Evaluation: scoring extraction against gold data (the Causal News Corpus; gold models)."""

from realpolitik.evaluate.cnc import evaluate_cnc

__all__ = ["evaluate_cnc"]
