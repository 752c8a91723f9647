"""``realpolitik schema``: print or write the JSON Schema of the model format or of the extraction record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import console, fail
from realpolitik.errors import RealpolitikError
from realpolitik.files import write_atomically
from realpolitik.model.jsonschema import json_schema_text

__all__ = ["register"]


def schema_command(
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the schema to this file instead of printing it."),
    ] = None,
    extraction: Annotated[
        bool, typer.Option("--extraction", help="The schema of the extraction record (extract --format json).")
    ] = False,
) -> None:
    """Print the JSON Schema of the model file format (or, with --extraction, of an extraction record)."""
    text = json_schema_text("extraction" if extraction else "model")
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            write_atomically(output, text)
        except RealpolitikError as exc:
            fail(str(exc))
        console.print(f"wrote {output}")


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)
