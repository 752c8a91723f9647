"""``realpolitik eval plover``: the event coder against the PLOVER gold-standard records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import console, err_console, print_json, table
from realpolitik.cli.options import JsonOption

__all__ = ["register"]


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def plover_command(
    path: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.11
        typer.Argument(help="PLOVER gold file (JSON list); default: ../shared/datasets/plover-gold/"
                       "PLOVER_GSR_CAMEO.txt.", show_default=False),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Code each PLOVER gold sentence and score source actors, target actors and event types."""
    from realpolitik.evaluate.plover import evaluate_plover

    err_console.print("coding the PLOVER sentences …")
    result = evaluate_plover(path, progress=not as_json)
    if as_json:
        print_json(result)
        return
    scores = table(f"PLOVER gold: {result['records']} records ({result['path']})",
                   "measure", "scored", "exact", "any shared", "coded at all")
    for side in ("source", "target"):
        row = result[side]
        scores.add_row(f"{side} actor (ISO3 code)", str(row["scored"]), f"{row['exact']} ({_rate(row['exact_rate'])})",
                       f"{row['any']} ({_rate(row['any_rate'])})", f"{row['found']} ({_rate(row['found_rate'])})")
    kind = result["type"]
    scores.add_row("event type", str(result["records"]), f"{kind['correct']} ({_rate(kind['accuracy'])})", "", "")
    console.print(scores)
    by_type = table("Event type by gold type", "type", "gold", "correct")
    for name, row in kind["by_type"].items():
        by_type.add_row(name, str(row["gold"]), str(row["correct"]))
    console.print(by_type)


def register(eval_app: typer.Typer) -> None:
    """Add ``plover`` to the ``eval`` group."""
    eval_app.command("plover")(plover_command)
