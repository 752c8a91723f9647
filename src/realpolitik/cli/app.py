"""The ``realpolitik`` command: one Typer app, each command in its own module."""

from __future__ import annotations

import os
import sys

import typer
from rich.markup import escape

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
from realpolitik.errors import Errors, RealpolitikError

__all__ = ["DEBUG_ENV", "app", "main"]

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


#: Set to 1 to let an unexpected exception show its traceback instead of the one-line E280.
DEBUG_ENV = "REALPOLITIK_DEBUG"


def main() -> None:
    """Entry point: run the app, turning the project's own errors into one line and exit code 1.

    Anything else that escapes (a dependency's error no stage translated, a RecursionError, MemoryError) is a bug,
    but a user still gets one coded line (E280) and exit code 1, not a traceback, unless ``$REALPOLITIK_DEBUG``
    asks for it.
    """
    try:
        app()
    except RealpolitikError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
        sys.exit(EXIT_PROBLEMS)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
        message = Errors.E280.format(kind=type(exc).__name__, reason=reason[:300])
        err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
        sys.exit(EXIT_PROBLEMS)
