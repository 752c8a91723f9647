"""Argument and option types shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.data import bundled_model_path

__all__ = ["JsonOption", "ModelArgument", "model_path_or_bundled"]

ModelArgument = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Argument(help="Model file (YAML or JSON). Defaults to the bundled model of the seed op-ed.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]


def model_path_or_bundled(path: Path | None) -> Path:
    """The model path a command was given, or the bundled model when none was."""
    return path if path is not None else bundled_model_path()
