"""``realpolitik extract``: actors, people, dated events, relations, causes and forecasts of documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from realpolitik.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, console, err_console, fail, table
from realpolitik.cli.options import PublishedOption, checked_published
from realpolitik.corpus import MAX_TEXT_BYTES
from realpolitik.corpus.source import MB
from realpolitik.errors import Errors, RealpolitikError
from realpolitik.files import write_atomically

__all__ = ["register"]

FORMATS = ("json", "jsonl", "table")


def _tables(extraction) -> None:
    doc = extraction.document
    console.print(f"[bold]{doc.title or doc.id[:12]}[/] ({doc.id[:12]}…), reference date {doc.reference_date}")
    actors = table(f"Actors ({len(extraction.actors)})", "id", "kind", "role", "affiliation", "mentions", "aliases")
    for actor in extraction.actors:
        actors.add_row(actor.id, actor.kind, actor.role or "", actor.affiliation or "", str(len(actor.mentions)),
                       ", ".join(actor.aliases))
    console.print(actors)
    events = table(f"Events ({len(extraction.events)})", "date", "type", "actors", "evidence")
    for event in extraction.events:
        events.add_row(event.date or "", event.type, ", ".join(event.actors), event.evidence.text)
    console.print(events)
    relations = table(f"Relations ({len(extraction.relations)})", "source", "type", "target", "polarity", "from", "to")
    for relation in extraction.relations:
        relations.add_row(relation.source, relation.type, relation.target, f"{relation.polarity:+.1f}",
                          relation.valid_from or "", relation.valid_to or "")
    console.print(relations)
    console.print(f"{len(extraction.causal_links)} causal link(s), {len(extraction.forecasts)} forecast(s)")
    for note in extraction.notes:
        console.print(f"[dim]note: {note}[/]")


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Documents to read (txt, md, html, pdf).", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (one object, a list for several files), "
                                     "jsonl (one object a line) or table.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="Largest file to read, in megabytes (1 MB = 1,048,576 bytes).")
    ] = MAX_TEXT_BYTES / MB,
    published: PublishedOption = None,
) -> None:
    """Extract actors, people, dated events, relations, causal links and forecasts from documents."""
    if fmt not in FORMATS:
        fail(Errors.E162.format(fmt=fmt, known=", ".join(FORMATS)), EXIT_USAGE)
    if max_mb <= 0:
        fail(Errors.E113.format(value=max_mb), EXIT_USAGE)
    published = checked_published(published)
    if output is not None and output.is_dir():
        fail(Errors.E164.format(path=output, reason="it is a directory"), EXIT_USAGE)
    if fmt == "table" and output is not None:
        fail("--output writes JSON; use --format json or jsonl with it", EXIT_USAGE)
    from realpolitik.extract import extract_file, load_pipeline

    nlp = load_pipeline()
    results, failed = [], 0
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=err_console, transient=True, disable=len(paths) < 2) as progress:
        task = progress.add_task("", total=len(paths))
        for path in paths:
            progress.update(task, description=path.name)
            try:
                # one file: its own bar over the sections of a long text (the files' bar is off then)
                results.append(extract_file(path, nlp=nlp, published=published, limit=int(max_mb * MB),
                                            show_progress=len(paths) == 1))
            except RealpolitikError as exc:
                failed += 1
                err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
            except Exception as exc:  # noqa: BLE001 - a bug on one file must not cost the files after it
                failed += 1
                reason = (str(exc).strip().splitlines() or ["no message"])[0][:300]
                message = f"{path}: " + Errors.E280.format(kind=type(exc).__name__, reason=reason)
                err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)
            progress.advance(task)
    if fmt == "table":
        for extraction in results:
            _tables(extraction)
    else:
        dumped = [extraction.model_dump(mode="json") for extraction in results]
        if fmt == "jsonl":
            text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in dumped)
        else:
            body = dumped[0] if len(paths) == 1 and dumped else dumped
            text = json.dumps(body, indent=2, ensure_ascii=False) + "\n" if dumped or len(paths) > 1 else ""
        if output is not None:
            if results:
                try:
                    write_atomically(output, text, code="E164")
                except RealpolitikError as exc:
                    fail(str(exc))
        elif text:
            typer.echo(text, nl=False)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
