"""``realpolitik eval``: scoring extraction against gold data; ``eval seed`` against the curated seed model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli import eval_cnc, eval_plover
from realpolitik.cli.common import EXIT_PROBLEMS, console, err_console, print_json, table
from realpolitik.cli.options import JsonOption
from realpolitik.evaluate import ITEM_TYPES, evaluate_document

__all__ = ["eval_app", "register"]

eval_app = typer.Typer(name="eval", help="Score extraction against gold data.", no_args_is_help=True)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


@eval_app.command("seed")
def seed_command(
    document: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional at runtime
        typer.Argument(help="The document (default: the seed, from ../shared/seeds or $REALPOLITIK_DOCUMENTS), "
                       "or an extraction JSON file to score as it is.", show_default=False),
    ] = None,
    model: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--model", help="Gold model (default: the bundled model of the seed)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a target is not met.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run the extractor on the seed and score it against the curated model, item type by item type."""
    if document is None or document.suffix.lower() != ".json":
        err_console.print("extracting and scoring …")
    result = evaluate_document(document, gold=model)
    missed_target = not all(target["met"] for target in result["targets"])
    if as_json:
        print_json(result)
    else:
        scores = table(f"{result['document_path']} against {result['gold']}",
                       "type", "gold", "found", "matched", "recall", "precision")
        for kind in ITEM_TYPES:
            row = result["rows"][kind]
            scores.add_row(kind.replace("_", " "), str(row["gold"]), str(row["found"]), str(row["matched"]),
                           _fmt(row["recall"]), _fmt(row["precision"]))
        console.print(scores)
        for target in result["targets"]:
            mark = "[green]met[/]" if target["met"] else "[red]not met[/]"
            console.print(f"  {target['type'].replace('_', ' ')} {target['measure']} {_fmt(target['value'])} "
                          f"(target ≥ {target['target']:.2f}): {mark}")
        boiler = result["boilerplate"]
        if boiler["ok"] is None:
            console.print("  boilerplate: not checked (the document's text is not at hand)")
        elif boiler["ok"]:
            console.print(f"  boilerplate: no evidence past the main body (ends at {boiler['body_end']})")
        else:
            console.print(f"  [red]boilerplate[/]: {len(boiler['past_body'])} item(s) point past the main body "
                          f"(ends at {boiler['body_end']})")
        events = result["rows"]["events"]
        console.print(f"  events by the analysis-dev scorer's date rule (the found date starts with the gold one): "
                      f"{events['date_prefix_matched']} / {events['gold']} = {_fmt(events['date_prefix_recall'])}")
        if result["undated_events"]:
            console.print(f"  {len(result['undated_events'])} extracted event(s) without a date, not scored")
        for kind in ITEM_TYPES:
            row = result["rows"][kind]
            if kind != "people" and (row["missed"] or row["spurious"]):
                missed = ", ".join(str(item.get("id")) for item in row["missed"][:8])
                console.print(f"  [dim]{kind}: {len(row['missed'])} missed{': ' + missed if missed else ''}; "
                              f"{len(row['spurious'])} spurious (--json lists all)[/]")
    if strict and missed_target:
        raise typer.Exit(EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    """Add ``eval`` and its subcommands to ``app``."""
    eval_plover.register(eval_app)
    eval_cnc.register(eval_app)
    app.add_typer(eval_app, name="eval")
