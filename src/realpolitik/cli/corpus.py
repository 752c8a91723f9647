"""``realpolitik corpus``: the corpus store (add, list, show, query, extract, export, import) and its questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.batch import draft_from_store, extract_corpus
from realpolitik.cli.common import EXIT_PROBLEMS, console, err_console, print_json, table
from realpolitik.cli.options import JsonOption, PublishedOption, checked_published
from realpolitik.store import (
    DATA_DIR_ENV,
    actor_mentions,
    add_paths,
    causal_claims,
    export_parquet,
    import_parquet,
    open_store,
    relation_timeline,
    run_query,
)

__all__ = ["register"]

corpus_app = typer.Typer(
    name="corpus",
    help="A store of documents and their extractions (DuckDB), batch extraction, cross-document questions.",
    no_args_is_help=True,
)

DataDirOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional at runtime on 3.11
    typer.Option("--data-dir", help=f"Folder of the corpus database (default ${DATA_DIR_ENV}, else the user's "
                                    "data folder); a path ending in .duckdb names the file.", show_default=False),
]


def _short(doc_id: str) -> str:
    return doc_id[:12]


@corpus_app.command("add")
def add_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (txt, md, html, pdf).", show_default=False)],
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
    published: PublishedOption = None,
) -> None:
    """Read documents into the store; bytes already stored add nothing, bad files are reported and skipped."""
    published = checked_published(published)
    store = open_store(data_dir)
    result = add_paths(store, paths, progress=not as_json, published=published)
    if as_json:
        print_json({"database": str(store.path), **result.as_dict()})
    else:
        console.print(f"added {len(result.added)} document(s), {result.words:,} words, to {store.path}; "
                      f"{len(result.duplicates)} already stored, {len(result.failed)} refused")
        for path, doc_id in result.duplicates:
            console.print(f"  [dim]already stored[/]: {path} ({_short(doc_id)})")
    for _path, message in result.failed:
        err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    if result.failed:
        raise typer.Exit(EXIT_PROBLEMS)


@corpus_app.command("list")
def list_command(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
    """Every stored document: id, title, words, whether it has been extracted."""
    store = open_store(data_dir)
    rows = store.list_documents()
    if as_json:
        print_json({"database": str(store.path), "documents": rows})
        return
    shown = table(f"{len(rows)} document(s) in {store.path}", "id", "title", "published", "format", "words", "state")
    for row in rows:
        state = "extracted" if row["extracted"] else ("failed" if row["failed"] else "pending")
        shown.add_row(_short(row["id"]), row["title"] or Path(row["path"] or "").name, row["published"] or "",
                      row["source_format"], f"{row['n_words']:,}", state)
    console.print(shown)


@corpus_app.command("show")
def show_command(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="A document id or its first characters.")],
    data_dir: DataDirOption = None,
    text: Annotated[bool, typer.Option("--text", help="Also print the document's text.")] = False,
    as_json: JsonOption = False,
) -> None:
    """One document: its metadata, its extraction's counts and (with --text) its text."""
    doc = open_store(data_dir).get_document(doc_id)
    if not text:
        doc.pop("text")
    if as_json:
        print_json(doc)
        return
    for key in ("id", "title", "author", "published", "language", "source_format", "path", "n_words", "added_at"):
        console.print(f"[bold]{key}[/]: {doc[key] if doc[key] is not None else ''}")
    for note in doc["notes"]:
        console.print(f"[dim]note: {note}[/]")
    extraction = doc["extraction"]
    if extraction:
        counts = ", ".join(f"{extraction[k]} {k[2:].replace('_', ' ')}" for k in extraction if k.startswith("n_"))
        console.print(f"[bold]extraction[/] ({extraction['extracted_at']}): {counts}")
    elif doc["failure"]:
        console.print(f"[bold]extraction failed[/]: {doc['failure']}")
    else:
        console.print("[bold]extraction[/]: not yet (run `realpolitik corpus extract`)")
    if text:
        console.print(doc["text"], markup=False, highlight=False)


@corpus_app.command("query")
def query_command(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="One read-only SQL statement over the store's tables.")],
    data_dir: DataDirOption = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Show at most this many rows.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
) -> None:
    """Run SQL over the tables (documents, extractions, actors, mentions, events, relations, …)."""
    result = run_query(open_store(data_dir), sql, limit=limit)
    if as_json:
        print_json({"columns": result.columns, "rows": result.as_dicts()})
        return
    shown = table(f"{len(result.rows)} row(s)", *result.columns)
    for row in result.rows:
        shown.add_row(*("" if v is None else str(v) for v in row))
    console.print(shown)


@corpus_app.command("extract")
def extract_command(
    data_dir: DataDirOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes on this machine (1: in this process).")] = 1,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Run on a Dask cluster: its scheduler's address, tcp://HOST:PORT.", show_default=False),
    ] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for the scheduler to answer.")] = 10.0,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Extract at most this many.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
) -> None:
    """Extract every document not extracted yet, in parallel; a rerun resumes where a stopped run ended."""
    report = extract_corpus(open_store(data_dir), workers=workers, scheduler=scheduler, timeout=timeout,
                            limit=limit, progress=not as_json)
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(f"extracted {report.saved} of {report.pending} pending document(s) ({report.mode}, "
                      f"{report.workers} worker(s)): {report.words:,} words in {report.seconds:.1f} s, "
                      f"{report.words_per_second:,.0f} words/s; {report.failed} failed")
    for doc_id, message in report.errors:
        err_console.print(f"[bold red]error:[/] {_short(doc_id)}: {message}", soft_wrap=True)
    if report.failed:
        raise typer.Exit(EXIT_PROBLEMS)


@corpus_app.command("export")
def export_command(
    folder: Annotated[Path, typer.Argument(help="Folder to write one Parquet file per table into.")],
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write every table to FOLDER/<table>.parquet."""
    written = export_parquet(open_store(data_dir), folder)
    if as_json:
        print_json({"folder": str(folder), "rows": written})
        return
    console.print(f"wrote {len(written)} table(s) to {folder}: " + ", ".join(f"{t} {n}" for t, n in written.items()))


@corpus_app.command("import")
def import_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by `corpus export`.")],
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add the tables exported to FOLDER, in one transaction; what is already stored is kept."""
    added = import_parquet(open_store(data_dir), folder)
    if as_json:
        print_json({"folder": str(folder), "added": added})
        return
    console.print(f"imported from {folder}: " + ", ".join(f"{t} {n}" for t, n in added.items()))


@corpus_app.command("mentions")
def mentions_command(
    actor: Annotated[str, typer.Argument(help="An actor's id, name or alias (case ignored).")],
    data_dir: DataDirOption = None,
    by: Annotated[str, typer.Option(help="Period: day, month or year (of the documents' dates).")] = "month",
    as_json: JsonOption = False,
) -> None:
    """How often an actor is mentioned over time, across the corpus."""
    rows = actor_mentions(open_store(data_dir), actor, by=by)
    if as_json:
        print_json({"actor": actor, "by": by, "periods": rows})
        return
    shown = table(f"mentions of {actor}", by, "documents", "mentions")
    for row in rows:
        shown.add_row(row["period"] or "undated", str(row["documents"]), str(row["mentions"]))
    console.print(shown if rows else f"no document mentions {actor}")


@corpus_app.command("timeline")
def timeline_command(
    source: Annotated[str, typer.Argument(help="One actor (id, name or alias).")],
    target: Annotated[str, typer.Argument(help="The other actor.")],
    data_dir: DataDirOption = None,
    relation_type: Annotated[Optional[str], typer.Option("--type", help="Only this type.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
) -> None:
    """A relation's timeline across sources: every relation between two actors, by date."""
    rows = relation_timeline(open_store(data_dir), source, target, type=relation_type)
    if as_json:
        print_json({"source": source, "target": target, "relations": rows})
        return
    shown = table(f"relations between {source} and {target}", "date", "document", "relation", "polarity", "evidence")
    for row in rows:
        shown.add_row(row["date"] or "undated", row["title"] or _short(row["document_id"]),
                      f"{row['source']} → {row['target']}: {row['type']}", f"{row['polarity']:+.2f}", row["evidence"])
    console.print(shown if rows else f"no relation between {source} and {target}")


@corpus_app.command("claims")
def claims_command(
    cause: Annotated[str, typer.Argument(help="Words of the cause (substring, case ignored).")],
    effect: Annotated[str, typer.Argument(help="Words of the effect.")],
    data_dir: DataDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Which documents claim that CAUSE drives EFFECT."""
    rows = causal_claims(open_store(data_dir), cause, effect)
    if as_json:
        print_json({"cause": cause, "effect": effect, "claims": rows})
        return
    documents = len({row["document_id"] for row in rows})
    shown = table(f"{documents} document(s) claim that '{cause}' drives '{effect}'", "document", "claim", "hedge",
                  "evidence")
    for row in rows:
        sign = "raises" if row["polarity"] > 0 else "lowers"
        shown.add_row(row["title"] or _short(row["document_id"]), f"{row['cause']} {sign} {row['effect']}",
                      row["hedge"] or "", row["evidence"])
    console.print(shown if rows else f"no document claims that '{cause}' drives '{effect}'")


@corpus_app.command("draft")
def draft_command(
    query: Annotated[str, typer.Option("--query", help="SQL whose first column holds the document ids to use.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the model (.yaml or .json).")],
    data_dir: DataDirOption = None,
    title: Annotated[Optional[str], typer.Option(help="Title of the model.")] = None,  # noqa: UP045
    as_json: JsonOption = False,
) -> None:
    """One merged draft model from the extractions of the documents a query selects."""
    from realpolitik.model import counts, save_model

    model, info = draft_from_store(open_store(data_dir), query, title=title)
    save_model(model, output, code="E183")
    if as_json:
        print_json({"output": str(output), "counts": counts(model), **info})
        return
    console.print(f"wrote {output} from {len(info['used'])} document(s): "
                  + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts(model).items()))
    if info["not_extracted"]:
        console.print(f"  [yellow]{len(info['not_extracted'])} selected document(s) have no extraction yet[/]")


def register(app: typer.Typer) -> None:
    app.add_typer(corpus_app, name="corpus")



