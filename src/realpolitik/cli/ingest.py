"""``realpolitik ingest``: read documents (txt, md, html, pdf) into normalised text and report what was found."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from realpolitik.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, console, err_console, fail, print_json, table
from realpolitik.cli.options import JsonOption, PublishedOption, checked_published
from realpolitik.corpus import MAX_TEXT_BYTES, IngestFailure, IngestReport, ingest_paths, write_document
from realpolitik.corpus.source import MB
from realpolitik.errors import Errors, RealpolitikError

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
    published: PublishedOption = None,
) -> None:
    """Read documents and show, per document, its id, format, title, author, sections, words, language and notes.

    Exits 0 when every file was read, 1 when any failed (the others are still read, reported and written).
    """
    if max_mb <= 0:
        fail(Errors.E113.format(value=max_mb), EXIT_USAGE)
    published = checked_published(published)
    limit = int(max_mb * MB)
    with Progress(
        TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
        console=err_console, transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int, path: Path) -> None:
            progress.update(task, completed=done, total=total, description=path.name, visible=total > 1)

        report = ingest_paths(paths, recursive=recursive, limit=limit, progress=advance, published=published)
    written: dict[str, list[str]] = {}
    if output_dir is not None:
        for document in report.documents:
            try:
                written[document.id] = [str(p) for p in write_document(document, output_dir)]
            except RealpolitikError as exc:  # this document is not written; the others still are
                report.failures.append(IngestFailure(document.path or Path("-"), getattr(exc, "code", None), str(exc)))
    if as_json:
        data = report.as_dict()
        if output_dir is not None:
            for document in data["documents"]:
                document["written"] = written.get(document["id"], [])
        print_json(data)
    else:
        _print(report, output_dir, len(written))
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _print(report: IngestReport, output_dir: Path | None, written: int) -> None:
    if report.documents:
        shown = Table(title=f"{len(report.documents)} document(s) read", title_justify="left", title_style="bold")
        for name in ("id", "format", "published", "sections", "words", "language", "notes"):
            shown.add_column(name, no_wrap=True, justify="right" if name in ("sections", "words", "notes") else "left")
        shown.add_column("title", overflow="fold", min_width=20)
        shown.add_column("author", overflow="fold", min_width=10)
        for document in report.documents:
            shown.add_row(
                document.id[:12],
                document.source_format,
                document.published or "-",
                str(len(document.sections)),
                str(document.words),
                document.language or "?",
                str(len(document.notes)),
                document.title or "-",
                document.author or "-",
            )
        console.print(shown)
        for document in report.documents:
            for note in document.notes:
                console.print(f"[dim]{document.id[:12]}[/] {note}", soft_wrap=True)
        if output_dir is not None:
            console.print(f"wrote {2 * written} file(s) to {output_dir}", soft_wrap=True)
    if report.failures:
        failed = table(f"{len(report.failures)} file(s) not read", "code", "problem")
        for failure in report.failures:
            failed.add_row(failure.code or "-", failure.message)
        err_console.print(failed)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
