"""``realpolitik report``: a model's report as one self-contained HTML file, or as Markdown with figures."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_USAGE, console, err_console, fail
from realpolitik.cli.options import ModelArgument, ReviewedOnlyOption, load_for_run, model_path_or_bundled
from realpolitik.errors import Errors
from realpolitik.model import find_document_texts
from realpolitik.report import DEFAULT_DRAWS, build_report_data, quotable_texts, write_report

__all__ = [
    "DrawsOption",
    "FigureFormatOption",
    "FormatOption",
    "OutputOption",
    "SeedOption",
    "default_output",
    "register",
]

FormatOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option("--format", "-f", help="html (one self-contained file) or md (Markdown, figures beside it). "
                 "Default: from the output's suffix, else html.", show_default=False),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help="Report file. Default: realpolitik-report/report.html (or .md).",
                 show_default=False),
]
FigureFormatOption = Annotated[
    str, typer.Option("--figures", help="Figure files beside a Markdown report: png (pastes anywhere) or svg.")
]
DrawsOption = Annotated[int, typer.Option("--draws", help="Monte Carlo draws per press perturbation.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the press perturbation draws.")]


def default_output(output: Path | None, fmt: str | None) -> Path:
    """The output path given, or ``realpolitik-report/report.<fmt>``."""
    return output if output is not None else Path("realpolitik-report") / f"report.{fmt or 'html'}"


def report_command(
    model: ModelArgument = None,
    output: OutputOption = None,
    fmt: FormatOption = None,
    figures: FigureFormatOption = "png",
    draws: DrawsOption = DEFAULT_DRAWS,
    seed: SeedOption = 0,
    simulate: Annotated[bool, typer.Option(help="Run the scenarios and the press perturbations.")] = True,
    reviewed_only: ReviewedOnlyOption = False,
    documents: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--documents", "-d", help="Source document file or folder: the evidence appendix then shows "
                     "each item's sentence from it (found beside the model, or in $REALPOLITIK_DOCUMENTS, too).",
                     show_default=False),
    ] = None,
) -> None:
    """Write a report: summary, actor network, causal map, timeline, scenarios, press, forecasts, evidence."""
    if draws < 1:
        fail(Errors.E035.format(draws=draws), EXIT_USAGE)
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if fmt is None and suffix and suffix not in ("html", "htm", "md", "markdown"):
        # a report is HTML or Markdown; `-o x.pdf` would otherwise write HTML under a name that says PDF
        known = "html, md (name the file .html or .md, or give --format)"
        fail(Errors.E050.format(fmt=suffix, known=known), EXIT_USAGE)
    path = model_path_or_bundled(model)
    loaded = load_for_run(model, reviewed_only=reviewed_only)
    texts = quotable_texts(path, find_document_texts(loaded, path, documents or [])[0])
    started = time.perf_counter()
    with err_console.status("writing the report…") as status:
        def step(what: str) -> None:  # each step named as it starts, with the time so far
            status.update(f"report: {what}… ({time.perf_counter() - started:.0f} s)")

        data = build_report_data(loaded, source=path.name, simulate=simulate, draws=draws, seed=seed, texts=texts,
                                 on_step=step)
        files = write_report(data, default_output(output, fmt), fmt=fmt, figure_format=figures, on_step=step)
    console.print(f"wrote {files[0]}" + (f" and {len(files) - 1} figure(s) beside it" if len(files) > 1 else ""),
                  soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
