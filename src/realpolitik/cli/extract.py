"""``realpolitik extract``: actors, people, dated events, relations, causes and forecasts of documents."""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from realpolitik.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, console, err_console, fail, table
from realpolitik.cli.options import PublishedOption, checked_published
from realpolitik.corpus import MAX_TEXT_BYTES
from realpolitik.corpus.source import MB
from realpolitik.errors import Errors, InputFileError, RealpolitikError
from realpolitik.files import open_atomically

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
    from realpolitik.corpus import ingest_file
    from realpolitik.extract import extract_document, load_pipeline, streamed_extraction

    # several files: the pipeline is loaded once, up front; one file is read before it is, so that a long
    # text's bytes and copies are gone before the pipeline's memory is taken
    nlp = load_pipeline() if len(paths) > 1 else None
    tables, failed = [], 0
    with contextlib.ExitStack() as stack:
        writer = _RecordWriter(fmt, several=len(paths) > 1, output=output, stack=stack)
        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      console=err_console, transient=True, disable=len(paths) < 2) as progress:
            task = progress.add_task("", total=len(paths))
            for path in paths:
                progress.update(task, description=path.name)
                # one file: its own bar over the sections of a long text (the files' bar is off then)
                alone = len(paths) == 1
                try:
                    document = ingest_file(path, limit=int(max_mb * MB), published=published)
                    nlp = nlp or load_pipeline()
                    if fmt == "table":
                        tables.append(extract_document(document, nlp=nlp, show_progress=alone))
                    else:  # written as it is read back and let go: a record is never held whole
                        with streamed_extraction(document, nlp=nlp, show_progress=alone) as record:
                            del document
                            writer.add(record)
                except _OutputFailed as exc:
                    fail(str(exc))
                except RealpolitikError as exc:
                    failed += 1
                    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
                except Exception as exc:  # noqa: BLE001 - a bug on one file must not cost the files after it
                    failed += 1
                    reason = (str(exc).strip().splitlines() or ["no message"])[0][:300]
                    message = f"{path}: " + Errors.E280.format(kind=type(exc).__name__, reason=reason)
                    err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)
                progress.advance(task)
        try:
            writer.close()
        except _OutputFailed as exc:
            fail(str(exc))
    for extraction in tables:
        _tables(extraction)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


class _OutputFailed(Exception):
    """The output could not be written (its message is the coded error's): the run stops, unlike a bad input."""


class _RecordWriter:
    """Writes each record as it is made, as the output's format lays it out: one JSON object for one file, a list
    for several (as ``json.dumps(records, indent=2)`` would), one line each for jsonl; the text goes out in
    pieces of :data:`_PIECE` characters as ``JSONEncoder.iterencode`` makes it. A file given with
    ``--output`` is written atomically, and only once a record is there to write (a run where every file failed
    leaves it as it was)."""

    def __init__(self, fmt: str, *, several: bool, output: Path | None, stack: contextlib.ExitStack) -> None:
        self.fmt, self.several, self.output, self.stack = fmt, several, output, stack
        self.count = 0
        self.stream: Any = None

    def _write(self, text: str) -> None:
        if self.output is None:
            typer.echo(text, nl=False)
            return
        try:
            if self.stream is None:
                self.stream = self.stack.enter_context(open_atomically(self.output, code="E164"))
            self.stream.write(text)
        except RealpolitikError as exc:
            raise _OutputFailed(str(exc)) from exc
        except OSError as exc:
            error = InputFileError.coded("E164", path=self.output, reason=exc.strerror or str(exc))
            raise _OutputFailed(str(error)) from exc

    def add(self, record: dict[str, Any]) -> None:
        """Write one record (JSON data, whose lists may stream, as :func:`~realpolitik.extract.streamed_extraction`
        makes them)."""
        pieces: Iterable[str] = json.JSONEncoder(indent=None if self.fmt == "jsonl" else 2,
                                                 ensure_ascii=False).iterencode(record)
        if self.fmt == "jsonl":
            pieces = itertools.chain(pieces, ["\n"])
        elif self.several:  # a list's item: every line indented one step (a JSON string holds no raw line break)
            pieces = itertools.chain(["[\n  " if self.count == 0 else ",\n  "],
                                     (piece.replace("\n", "\n  ") for piece in pieces))
        else:
            pieces = itertools.chain(pieces, ["\n"])
        held: list[str] = []
        size = 0
        for piece in pieces:
            held.append(piece)
            size += len(piece)
            if size >= _PIECE:
                self._write("".join(held))
                held, size = [], 0
        self._write("".join(held))
        self.count += 1

    def close(self) -> None:
        """End the list of several files' records (``[]`` on stdout when none was made)."""
        if self.fmt == "json" and self.several:
            if self.count:
                self._write("\n]\n")
            elif self.output is None:
                self._write("[]\n")


#: Characters of output gathered before each write.
_PIECE = 1 << 16


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
