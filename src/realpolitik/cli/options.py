"""Argument and option types shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.data import bundled_model_path

__all__ = ["JsonOption", "ModelArgument", "PublishedOption", "checked_published", "model_path_or_bundled"]

ModelArgument = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Argument(help="Model file (YAML or JSON). Defaults to the bundled model of the seed op-ed.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]
PublishedOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option("--published", metavar="DATE", show_default=False,
                 help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY), the reference of relative dates ('last week', "
                      "'on 27 July'); by default the date the document states, if any."),
]


def checked_published(value: str | None) -> str | None:
    """The ``--published`` value as an ISO date, or exit 2 saying the form expected."""
    if value is None:
        return None
    from realpolitik.cli.common import EXIT_USAGE, fail
    from realpolitik.corpus import check_published
    from realpolitik.errors import InputFileError

    try:
        return check_published(value)
    except InputFileError as exc:
        fail(str(exc), EXIT_USAGE)


def model_path_or_bundled(path: Path | None) -> Path:
    """The model path a command was given, or the bundled model when none was."""
    return path if path is not None else bundled_model_path()
