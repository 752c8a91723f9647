"""``realpolitik ingest``: read documents (txt, md, html, pdf) into normalised text and report what was found."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from realpolitik.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, console, err_console, fail, print_json, table
from realpolitik.cli.options import JsonOption
from realpolitik.corpus import (
    MAX_TEXT_BYTES,
    IngestFailure,
    IngestReport,
    find_documents,
    iter_ingest,
    write_document,
)
from realpolitik.corpus.source import MB
from realpolitik.errors import Errors

__all__ = ["register"]


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read (folders are searched recursively).")],
    as_json: JsonOption = False,
    output_dir: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.11
        typer.Option("--output-dir", "-o", help="Write each document as <id>.txt (its text) and <id>.json (metadata)."),
    ] = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="Largest file to read, in megabytes (1 MB = 1,048,576 bytes).")
    ] = MAX_TEXT_BYTES / MB,
    recursive: Annotated[bool, typer.Option(help="Look into sub-folders of the folders given.")] = True,
) -> None:
    """Read documents and show, per document, its id, format, title, author, sections, words, language and notes.

    Exits 0 when every file was read, 1 when any failed (the others are still read, reported and written).
    """
    if max_mb <= 0:
        fail(Errors.E113.format(value=max_mb), EXIT_USAGE)
    limit = int(max_mb * MB)
    files, _ = find_documents(paths, recursive=recursive)
    report = IngestReport()
    written: dict[str, list[str]] = {}
    with Progress(
        TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
        console=err_console, transient=True, disable=len(files) < 2,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for result in iter_ingest(paths, recursive=recursive, limit=limit):
            if isinstance(result, IngestFailure):
                report.failures.append(result)
            else:
                report.documents.append(result)
                if output_dir is not None:
                    try:
                        written[result.id] = [str(p) for p in write_document(result, output_dir)]
                    except Exception as exc:  # noqa: BLE001 - shown as a failure of this document, the rest go on
                        report.failures.append(IngestFailure(result.path or Path("-"), getattr(exc, "code", None),
                                                             str(exc)))
            if result.path in files:
                progress.update(task, advance=1, description=str(result.path.name))
    if as_json:
        data = report.as_dict()
        if output_dir is not None:
            for document in data["documents"]:
                document["written"] = written.get(document["id"], [])
        print_json(data)
    else:
        _print(report, output_dir)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _print(report: IngestReport, output_dir: Path | None) -> None:
    if report.documents:
        shown = table(
            f"{len(report.documents)} document(s) read", "id", "format", "title", "author", "sections", "words",
            "language", "notes",
        )
        for document in report.documents:
            shown.add_row(
                document.id[:12],
                document.source_format,
                document.title or "-",
                document.author or "-",
                str(len(document.sections)),
                str(document.words),
                document.language or "?",
                "; ".join(document.notes) or "-",
            )
        console.print(shown)
        if output_dir is not None:
            console.print(f"wrote {2 * len(written)} file(s) to {output_dir}", soft_wrap=True)
    if report.failures:
        failed = table(f"{len(report.failures)} file(s) not read", "file", "code", "problem")
        for failure in report.failures:
            failed.add_row(str(failure.path), failure.code or "-", failure.message)
        err_console.print(failed)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
