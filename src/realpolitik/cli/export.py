"""``realpolitik export``: write a model in a format other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_PROBLEMS, EXIT_USAGE, console, err_console, fail, print_json
from realpolitik.cli.options import JsonOption, ModelArgument, model_path_or_bundled
from realpolitik.errors import RealpolitikError, UnknownIdError
from realpolitik.interop import EXPORT_FORMATS, export_model
from realpolitik.model import load_model
from realpolitik.simulate import HOLD_SOURCES

__all__ = ["register"]

_FORMATS = ", ".join(EXPORT_FORMATS)


def export_command(
    model: ModelArgument = None,
    *,  # the two required options after the optional argument
    to: Annotated[str, typer.Option("--to", "-t", help=f"Format: {_FORMATS}.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or folder, for csv and parquet) to write.",
                                         show_default=False)],
    scenario: Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional at runtime
        "--scenario", "-s", help="xmile/vensim: the scenario whose clamps the SD model holds.")] = None,
    rule: Annotated[str, typer.Option(help="xmile/vensim: update rule.")] = "modified_kosko",
    transfer: Annotated[str, typer.Option(help="xmile/vensim: transfer function.")] = "sigmoid",
    steepness: Annotated[float, typer.Option(help="xmile/vensim: steepness λ.")] = 1.0,
    steps: Annotated[int, typer.Option(help="xmile/vensim: steps to simulate (FINAL TIME).")] = 100,
    hold_sources: Annotated[bool, typer.Option("--hold-sources/--free-sources",
                                               help="xmile/vensim: hold concepts without incoming links.")
                            ] = HOLD_SOURCES,
    as_json: JsonOption = False,
) -> None:
    """Export a model: GraphML/GEXF networks, XMILE/Vensim SD models, FCM matrices, tables or JSON."""
    try:
        loaded = load_model(model_path_or_bundled(model))
    except RealpolitikError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    try:
        with err_console.status(f"writing {to}"):
            written = export_model(loaded, to, output, scenario=scenario, rule=rule, transfer=transfer,
                                   steepness=steepness, steps=steps, hold_sources=hold_sources)
    except UnknownIdError as exc:
        fail(str(exc), EXIT_USAGE)
    except RealpolitikError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    if as_json:
        print_json({"format": to, "files": [str(path) for path in written]})
        return
    for path in written:
        console.print(f"[green]wrote[/] {path}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
