"""``realpolitik eval cnc FILE``: score the causal extraction on a Causal News Corpus CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from realpolitik.cli.common import console, err_console, print_json, table
from realpolitik.cli.options import JsonOption
from realpolitik.evaluate.cnc import evaluate_cnc

__all__ = ["register"]

#: Published reference points (dev set, BERT-base baselines of the shared task) for the table.
_PUBLISHED = {"subtask1": "published BERT-base dev F1 0.863", "subtask2": "published BERT-base dev F1 0.627"}


def _progress(done: int, total: int) -> None:
    err_console.print(f"parsed {done}/{total} sentences", highlight=False)


def _print(result: dict[str, Any]) -> None:
    if result["task"] == "subtask1":
        grid = table(f"Causal-sentence classifier on {result['file']} ({result['rows']} sentences)",
                     "precision", "recall", "F1", "MCC", "accuracy")
        grid.add_row(*(f"{result[key]:.3f}" for key in ("precision", "recall", "f1", "mcc", "accuracy")))
    else:
        grid = table(f"Cause and effect spans on {result['file']} ({result['sentences']} sentences, "
                     f"{result['gold_relations']} gold relations, {result['predicted_relations']} found)",
                     "matching", "precision", "recall", "F1")
        for level in ("relation", "token"):
            grid.add_row(level, *(f"{result[level][key]:.3f}" for key in ("precision", "recall", "f1")))
    console.print(grid)
    console.print(_PUBLISHED[result["task"]] + " (for comparison; a different split)")


def cnc(
    file: Annotated[Path, typer.Argument(help="A CNC CSV: subtask 1 (index,text,label) or subtask 2 (text_w_pairs).")],
    heldout: Annotated[
        bool, typer.Option("--heldout", help="Subtask 1: only the rows of our held-out test split.")
    ] = False,
    no_classifier: Annotated[bool, typer.Option("--no-classifier",
                                                help="Subtask 2: keep weak cues the classifier would drop.")] = False,
    classifier: Annotated[Path | None, typer.Option("--classifier", help="Another classifier .npz.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Score the causal-sentence classifier (subtask 1) or the cause/effect spans (subtask 2) on FILE."""
    result = evaluate_cnc(file, classifier=classifier, heldout_only=heldout, use_classifier=not no_classifier,
                          progress=None if json_output else _progress)
    if json_output:
        print_json(result)
    else:
        _print(result)


def register(eval_app: typer.Typer) -> None:
    """Add ``cnc`` to the ``eval`` command group."""
    eval_app.command("cnc")(cnc)
