"""``realpolitik eval``: the evaluation commands, one module each (minimal group; the draft branch owns it)."""

from __future__ import annotations

import typer

from realpolitik.cli import eval_cnc

__all__ = ["eval_app", "register"]

eval_app = typer.Typer(name="eval", help="Score extraction against gold data.", no_args_is_help=True)
eval_cnc.register(eval_app)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` group to the main app."""
    app.add_typer(eval_app, name="eval")
