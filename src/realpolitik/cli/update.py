"""``realpolitik update``: later documents become proposals on a model, and evidence on its forecasts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_USAGE, console, err_console, fail, print_json
from realpolitik.cli.options import JsonOption
from realpolitik.errors import UpdateError
from realpolitik.updates import later_documents, update_model

__all__ = ["register"]

#: Codes that mean the command was called wrongly (exit 2) rather than that an input has problems (exit 1).
_USAGE_CODES = {"E300", "E301", "E304", "E305", "E307"}


def update_command(
    model: Annotated[Path, typer.Argument(help="The model file to update (it is read, never written).",
                                          show_default=False)],
    documents: Annotated[Optional[list[Path]], typer.Argument(  # noqa: UP045 - typer needs Optional at runtime
        help="Later documents (txt, md, html, pdf).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", help="Where to write the updated model; the update record goes beside it.")] = None,
    published: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--published", metavar="DATE", help="Publication date of each document, in order (repeat it).",
        show_default=False)] = None,
    index: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--index", help="A CSV naming each document (slug or file column) and its published date; by default "
        "an index.csv beside the documents.", show_default=False)] = None,
    retrieval: Annotated[str, typer.Option(
        help="Sentence similarity for forecast evidence: auto, minilm or tfidf.")] = "auto",
    as_json: JsonOption = False,
) -> None:
    """Propose what later documents add to a model (review: proposed), and the evidence on its open forecasts."""
    if output is None:
        fail("name the updated model with -o UPDATED.yaml", EXIT_USAGE)
    if retrieval not in ("auto", "minilm", "tfidf"):
        fail(f"unknown --retrieval '{retrieval}'; choose auto, minilm or tfidf", EXIT_USAGE)
    try:
        later = later_documents(documents or [], published=published or [], index=index)
        result = update_model(model, later, output, retrieval=retrieval, show_progress=not as_json,
                              step=lambda name: err_console.print(f"[dim]{name}…[/]"))
    except UpdateError as exc:
        if exc.code in _USAGE_CODES:
            fail(str(exc), EXIT_USAGE)
        raise
    for warning in result.warnings:
        err_console.print(f"[yellow]{warning}[/]", soft_wrap=True)
    if as_json:
        print_json({"record": str(result.record), **result.as_dict()})
        return
    added = ", ".join(f"{len(ids)} {section.replace('_', ' ')}" for section, ids in result.added.items()) or "nothing"
    console.print(f"[green]wrote[/] {result.output}: proposed {added}", soft_wrap=True)
    for change in result.changes:
        console.print(f"  {change.kind}: {change.section} {change.old} → {change.new} ({change.date})")
    with_evidence = [e for e in result.forecasts if e.passages]
    console.print(f"forecast evidence ({result.retrieval}): {len(with_evidence)} of {len(result.forecasts)} open "
                  f"forecast(s) have passages; {result.proposed_resolutions} resolution(s) proposed, none applied")
    for evidence in result.forecasts:
        if evidence.proposed is not None:
            outcome = "happened" if evidence.proposed.outcome else "did not happen"
            console.print(f"  {evidence.forecast}: {outcome} by {evidence.proposed.date}? "
                          f"(apply with forecasts --resolve after review)")
    console.print(f"record: {result.record}", soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    app.command("update")(update_command)
