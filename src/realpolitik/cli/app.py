"""The ``realpolitik`` command: one Typer app, each command in its own module."""

from __future__ import annotations

import sys

import typer

from realpolitik.cli import (
    analyse,
    demo,
    export,
    forecasts,
    import_model,
    merge,
    press,
    report,
    scenario,
    show,
    simulate,
    validate,
)
from realpolitik.cli import corpus as corpus_command
from realpolitik.cli import draft as draft_command
from realpolitik.cli import evaluate as evaluate_command
from realpolitik.cli import extract as extract_command
from realpolitik.cli import ingest as ingest_command
from realpolitik.cli import schema as schema_command
from realpolitik.cli import serve as serve_command
from realpolitik.cli.common import EXIT_PROBLEMS, err_console
from realpolitik.errors import RealpolitikError

__all__ = ["app", "main"]

app = typer.Typer(
    name="realpolitik",
    help="Geopolitical analysis as evidence-linked, executable models.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (validate, show, simulate, scenario, press, analyse, forecasts, schema_command, merge, report, demo, export,
               import_model, ingest_command, extract_command, draft_command, evaluate_command,
               corpus_command, serve_command):
    module.register(app)


def main() -> None:
    """Entry point: run the app, turning the project's own errors into one line and exit code 1."""
    try:
        app()
    except RealpolitikError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        sys.exit(EXIT_PROBLEMS)
