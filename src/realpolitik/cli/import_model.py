"""``realpolitik import``: a causal map from another tool's file, as a model that keeps its provenance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_PROBLEMS, EXIT_USAGE, console, fail, print_json
from realpolitik.cli.options import JsonOption
from realpolitik.errors import RealpolitikError, UnknownIdError
from realpolitik.interop import IMPORT_FORMATS, import_model
from realpolitik.model import counts, save_model

__all__ = ["register"]


def import_command(
    file: Annotated[Path, typer.Argument(help="The file to import.", show_default=False)],
    from_: Annotated[str, typer.Option("--from", "-f", help=f"Format: {', '.join(IMPORT_FORMATS)}.",
                                       show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (.yaml or .json).",
                                         show_default=False)],
    title: Annotated[Optional[str], typer.Option(help="Title of the model.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
) -> None:
    """Import a causal map (edge list, matrix, FCMpy survey, GraphML, GEXF) as a realpolitik model."""
    try:
        model = import_model(file, from_, title=title)
    except UnknownIdError as exc:
        fail(str(exc), EXIT_USAGE)
    except RealpolitikError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    try:
        save_model(model, output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_PROBLEMS)
    if as_json:
        print_json({"output": str(output), "counts": counts(model)})
        return
    summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts(model).items() if n)
    console.print(f"[green]wrote[/] {output}: {summary}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
