"""Argument and option types shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.data import bundled_model_path

__all__ = ["ClampOption", "JsonOption", "ModelArgument", "PublishedOption", "ReviewedOnlyOption", "checked_published",
           "load_for_run", "model_path_or_bundled", "parse_clamps"]

ModelArgument = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Argument(
        help="Model file (YAML or JSON). Defaults to the bundled model of the seed op-ed.", show_default=False
    ),
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

ReviewedOnlyOption = Annotated[bool, typer.Option(
    "--reviewed-only", help="Leave out items still proposed for review (and what cannot stand without them).")]
ClampOption = Annotated[list[str], typer.Option(
    "--clamp", "-c", metavar="CONCEPT=VALUE", help="Hold a concept at a value (repeatable), as an ad hoc scenario.")]


def load_for_run(path: Path | None, *, reviewed_only: bool = False):
    """The model a run reads (the bundled one by default), without its proposed items when asked; exit 1 when it
    cannot be loaded. A model that still holds proposed items says how many, on stderr."""
    from realpolitik.cli.common import EXIT_PROBLEMS, err_console, fail
    from realpolitik.errors import RealpolitikError
    from realpolitik.model import load_model, proposed_count
    from realpolitik.model import reviewed_only as without_proposed

    try:
        model = load_model(model_path_or_bundled(path))
    except RealpolitikError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    proposed = proposed_count(model)
    if reviewed_only and proposed:
        err_console.print(f"left out {proposed} proposed item(s) and what depends on them (--reviewed-only)")
        return without_proposed(model)
    if proposed:
        err_console.print(f"note: {proposed} item(s) still await review; --reviewed-only leaves them out")
    return model


def parse_clamps(items: list[str]) -> dict[str, float]:
    """``CONCEPT=VALUE`` options as a mapping, or exit 2 saying which one is malformed.

    Examples
    --------
    >>> parse_clamps(["aid=1", "crisis=0.25"])
    {'aid': 1.0, 'crisis': 0.25}
    """
    import math

    from realpolitik.cli.common import EXIT_USAGE, fail

    clamps: dict[str, float] = {}
    for item in items:
        concept, sep, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not sep or not concept.strip() or not math.isfinite(number):
            fail(f"--clamp takes CONCEPT=VALUE with a finite number, e.g. --clamp aid=1; got {item!r}", EXIT_USAGE)
        clamps[concept.strip()] = number
    return clamps
