"""``realpolitik draft``: an extraction (or a document, through the extractor) becomes a model file for review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_USAGE, console, err_console, fail, print_json
from realpolitik.cli.options import JsonOption, PublishedOption, checked_published
from realpolitik.draft import (
    DEFAULT_THRESHOLD,
    draft_model,
    load_extraction,
    load_model_one_line,
)
from realpolitik.errors import Errors, RealpolitikError
from realpolitik.model import save_model

__all__ = ["register"]


def draft_command(
    path: Annotated[
        Path,
        typer.Argument(help="A document, or an extraction JSON file (*.json) from `realpolitik extract --format json`.",
                       show_default=False),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the model (.yaml or .json).")],
    merge: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional at runtime
        typer.Option("--merge", help="An existing model to merge the draft into (may be the output itself)."),
    ] = None,
    title: Annotated[Optional[str], typer.Option(help="Title of the model.")] = None,  # noqa: UP045
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Similarity at which two causal phrases are one concept.")
    ] = DEFAULT_THRESHOLD,
    as_json: JsonOption = False,
    published: PublishedOption = None,
) -> None:
    """Draft a model from an extraction: every item proposed for review, evidence paraphrased."""
    if output.resolve() == path.resolve():
        raise RealpolitikError(Errors.E184.format(path=output))
    published = checked_published(published)
    if published is not None and path.suffix.lower() == ".json":
        fail("--published is read when draft runs the extractor on a document; an extraction's dates are already "
             f"resolved: run `realpolitik extract --published {published}` on the document instead", EXIT_USAGE)
    existing = load_model_one_line(merge) if merge is not None else None
    if path.suffix.lower() != ".json":
        err_console.print(f"extracting {path} …")
    extraction = load_extraction(path, published=published)
    filename = None if path.suffix.lower() == ".json" else path.name
    result = draft_model(extraction, existing=existing, title=title, filename=filename, threshold=threshold)
    save_model(result.model, output, code="E183")
    if as_json:
        print_json({"output": str(output), **result.as_dict()})
        return
    parts = [f"{n['created']} {section.replace('_', ' ')}" + (f" (+{n['merged']} merged)" if n["merged"] else "")
             for section, n in result.counts().items()]
    console.print(f"[green]wrote[/] {output}: " + ", ".join(parts) + ", all proposed for review")
    if result.undated_events:
        console.print(f"  {len(result.undated_events)} event(s) without a date kept out of the timeline: "
                      + ", ".join(result.undated_events))
    for section, mapping in result.matched.items():
        for drafted, kept in mapping.items():
            console.print(f"  {section}: drafted {drafted} merged into {kept}")
    for section, item, reason in result.dropped:
        console.print(f"  [yellow]left out[/] {section} {item}: {reason}")


def register(app: typer.Typer) -> None:
    app.command("draft")(draft_command)
