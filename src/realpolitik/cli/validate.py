"""``realpolitik validate``: report every problem of a model file, each with file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from realpolitik.cli.common import EXIT_OK, EXIT_PROBLEMS, console, print_json
from realpolitik.cli.options import JsonOption, ModelArgument, model_path_or_bundled
from realpolitik.model import counts, validate_file

__all__ = ["register"]


def validate_command(
    model: ModelArgument = None,
    documents: Annotated[
        list[Path],
        typer.Option("--documents", "-d", help="Source document file or folder to check evidence spans against."),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Check a model file: structure, ids and references, dates, bands and evidence spans."""
    path = model_path_or_bundled(model)
    report = validate_file(path, documents=documents)
    failing = report.problems if strict else report.errors
    if as_json:
        print_json(
            {
                "path": str(path),
                "ok": not failing and report.model is not None,
                "problems": [problem.as_dict() for problem in report.problems],
                "documents_checked": sorted(report.texts),
                "documents_missing": report.missing_documents,
                "counts": counts(report.model) if report.model is not None else None,
            }
        )
    else:
        for problem in report.problems:
            style = "red" if problem.severity == "error" else "yellow"
            console.print(f"[{style}]{problem}[/]", soft_wrap=True)
        for document in report.missing_documents:
            console.print(
                f"[dim]note: document {document[:12]}… is not at hand; its evidence spans were checked "
                "for form only (pass --documents)[/]"
            )
        if report.model is not None and not failing:
            summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts(report.model).items())
            console.print(f"[green]ok[/] {path}: {summary}", soft_wrap=True)
        else:
            console.print(f"[red]{len(failing)} problem(s)[/] in {path}")
    raise typer.Exit(EXIT_PROBLEMS if failing or report.model is None else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
