"""``realpolitik merge``: several models, one model, every item kept with its source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_USAGE, console, fail, print_json
from realpolitik.cli.options import JsonOption
from realpolitik.model import counts, load_model, save_model
from realpolitik.model.merge import DEFAULT_SIMILARITY, merge_models

__all__ = ["register"]


def merge_command(
    models: Annotated[list[Path], typer.Argument(help="Model files, in order of precedence.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the merged model (.yaml or .json).")],
    title: Annotated[Optional[str], typer.Option(help="Title of the merged model.")] = None,  # noqa: UP045
    similarity: Annotated[
        float, typer.Option(min=0.5, max=1.0, help="Name similarity (difflib ratio) at which two items are one.")
    ] = DEFAULT_SIMILARITY,
    as_json: JsonOption = False,
) -> None:
    """Merge models drafted from different sources: shared actors and concepts become one item."""
    if len(models) < 2:
        fail("merge needs at least two model files", EXIT_USAGE)
    loaded = [load_model(path) for path in models]
    merged, report = merge_models(loaded, title=title, similarity=similarity)
    save_model(merged, output)
    if as_json:
        print_json({"output": str(output), "counts": counts(merged), **report.as_dict()})
        return
    written = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts(merged).items())
    console.print(f"[green]wrote[/] {output}: {written}")
    for section, mapping in report.mapped.items():
        for source, target in mapping.items():
            number, item = source.split(":", 1)
            console.print(f"  {section}: {item} (from {models[int(number)].name}) is the same as {target}")
    for first, second in report.contradictions:
        console.print(f"  [yellow]contradiction[/]: causal links {first} and {second} have opposite signs")
    if report.duplicates:
        kept = ", ".join(f"{len(ids)} {section.replace('_', ' ')}" for section, ids in report.duplicates.items())
        console.print("  kept once, as several models hold them word for word: " + kept)
    if report.pooled_links:
        console.print(f"  pooled {len(report.pooled_links)} causal link(s) supported by several sources")
    for index, section, old, new in report.renamed:
        console.print(f"  [dim]{section}: {old} from {models[index].name} renamed {new} (id taken)[/]")


def register(app: typer.Typer) -> None:
    app.command("merge")(merge_command)
