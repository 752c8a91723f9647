"""What every command shares: exit codes, the consoles, error reporting."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "console", "err_console", "fail", "print_json", "table"]

#: Everything fine.
EXIT_OK = 0
#: The input (a model, a document) has problems; the message says which.
EXIT_PROBLEMS = 1
#: The command was called wrongly: unknown option value, unknown id named on the command line.
EXIT_USAGE = 2

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_PROBLEMS) -> NoReturn:
    """Print one error line to stderr and exit with ``code``."""
    # the message is text, not markup: a regex or an id in brackets ("[a-z]+") would otherwise be eaten
    err_console.print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout, bypassing rich's wrapping."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def table(title: str, *columns: str) -> Table:
    """A plain table with a bold title on the left, columns folding rather than truncating."""
    made = Table(title=title, title_justify="left", title_style="bold", expand=False, show_lines=False)
    for column in columns:
        made.add_column(column, overflow="fold")
    return made
