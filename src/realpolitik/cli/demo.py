"""``realpolitik demo``: the whole pipeline on the bundled model (or any), ending in a report."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from realpolitik.cli.common import EXIT_USAGE, console, err_console, fail
from realpolitik.cli.options import ModelArgument
from realpolitik.cli.report import (
    DrawsOption,
    FigureFormatOption,
    FormatOption,
    OutputOption,
    SeedOption,
    default_output,
)
from realpolitik.report import DEFAULT_DRAWS
from realpolitik.report.demo import run_demo
from realpolitik.updates import run_update_demo

__all__ = ["register"]

#: Where the project keeps the seed's later documents: beside the repository, in the shared folder.
LATER_DEFAULT = Path("../shared/datasets/afghanistan-later")

_STEP_TEXT = {
    "validate": "validating the model",
    "summary": "summarising: loops, centrality, forecast scores",
    "scenarios": "simulating every scenario",
    "press": "press perturbation on the main levers",
    "report": "drawing the figures and writing the report",
}


@contextlib.contextmanager
def _progress(name: str) -> Iterator[None]:
    # A spinner on stderr while a step runs (rich shows it only on a terminal), then one line per step.
    with err_console.status(f"{_STEP_TEXT.get(name, name)}…"):
        yield
    err_console.print(f"[green]✓[/] {_STEP_TEXT.get(name, name)}")


def demo_command(
    model: ModelArgument = None,
    output: OutputOption = None,
    fmt: FormatOption = None,
    figures: FigureFormatOption = "png",
    draws: DrawsOption = DEFAULT_DRAWS,
    seed: SeedOption = 0,
    update: Annotated[bool, typer.Option(
        "--update", help="The second act: update the model with the later documents (--later) first and add "
        "'what changed since the model' to the report.")] = False,
    later: Annotated[Path, typer.Option(
        help="Folder of later documents with an index.csv of their dates, for --update.")] = LATER_DEFAULT,
) -> None:
    """Validate, summarise, simulate every scenario, press the main levers and write the report."""
    target = default_output(output, fmt)
    if update:
        if not later.is_dir():
            fail(f"no folder of later documents at {later}; name it with --later DIR", EXIT_USAGE)
        err_console.print(f"updating the model with the documents in {later} …")
        result = run_update_demo(later, target, model_path=model, fmt=fmt, figure_format=figures, draws=draws,
                                 seed=seed)
    else:
        result = run_demo(model, target, fmt=fmt, figure_format=figures, draws=draws, seed=seed, step=_progress)
    for warning in result.warnings:
        err_console.print(f"[yellow]{warning}[/]", soft_wrap=True)
    total = sum(result.timings.values())
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    err_console.print(f"[dim]{total:.1f} s: {steps}[/]", soft_wrap=True)
    console.print(f"report: {result.report.resolve()}", soft_wrap=True, markup=False)
    for line in result.headline:
        console.print(line, soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
