"""``realpolitik show``: the model as tables for people, or as one JSON object for programs."""

from __future__ import annotations

from typing import Any

import typer

from realpolitik.cli.common import console, print_json, table
from realpolitik.cli.options import JsonOption, ModelArgument, model_path_or_bundled
from realpolitik.model import Model, counts, load_model, people, timeline
from realpolitik.model.vocabulary import ACTOR_KINDS

__all__ = ["model_as_json", "register"]


def model_as_json(model: Model) -> dict[str, Any]:
    """The model as plain JSON data, events in date order, with counts."""
    data = model.model_dump(mode="json", exclude_none=True)
    data["events"] = [event.model_dump(mode="json", exclude_none=True) for event in timeline(model)]
    data["document"] = data["documents"][0] if len(data["documents"]) == 1 else None
    data["counts"] = counts(model)
    return data


def _names(model: Model) -> dict[str, str]:
    return {actor.id: actor.name for actor in model.actors} | {c.id: c.label for c in model.concepts}


def _print_tables(model: Model) -> None:
    names = _names(model)
    console.print(f"[bold]{model.title}[/]")
    for document in model.documents:
        byline = ", ".join(filter(None, [document.author, document.publisher, document.published]))
        console.print(f"source: {document.title} ({byline}) [dim]{document.id[:12]}…[/]")
    actors = table("Actors by kind", "kind", "actors")
    for kind in ACTOR_KINDS:
        if kind != "person" and (members := [a.name for a in model.actors if a.kind == kind]):
            actors.add_row(kind, ", ".join(members))
    console.print(actors)
    grid = table("People", "name", "role", "affiliation")
    for person in people(model):
        grid.add_row(person.name, person.role or "", names.get(person.affiliation or "", person.affiliation or ""))
    console.print(grid)
    grid = table("Relations", "source", "type", "target", "polarity", "from", "to")
    for r in model.relations:
        grid.add_row(names.get(r.source, r.source), r.type, names.get(r.target, r.target), f"{r.polarity:+.1f}",
                      r.valid_from or "", r.valid_to or "")
    console.print(grid)
    grid = table("Timeline", "date", "event", "type")
    for event in timeline(model):
        grid.add_row(event.date, event.description, event.type)
    console.print(grid)
    grid = table("Causal links", "cause", "effect", "weight", "confidence")
    for link in model.causal_links:
        grid.add_row(names.get(link.cause, link.cause), names.get(link.effect, link.effect), f"{link.weight:+.2f}",
                      f"{link.confidence:.2f}")
    console.print(grid)
    grid = table("Forecasts", "id", "statement", "term", "band", "resolved")
    for f in model.forecasts:
        if f.resolution is None:
            resolved = ""
        else:
            resolved = ("true" if f.resolution.outcome else "false") + f" ({f.resolution.date})"
        grid.add_row(f.id, f.statement, f.estimative_term, f.band, resolved)
    console.print(grid)
    grid = table("Scenarios", "id", "name", "clamps")
    for s in model.scenarios:
        grid.add_row(s.id, s.name, ", ".join(f"{names.get(k, k)}={v:g}" for k, v in s.clamps.items()))
    console.print(grid)


def show_command(model: ModelArgument = None, as_json: JsonOption = False) -> None:
    """Show a model: actors by kind, people, relations, the timeline, causal links, forecasts, scenarios."""
    loaded = load_model(model_path_or_bundled(model), check=False)
    if as_json:
        print_json(model_as_json(loaded))
    else:
        _print_tables(loaded)


def register(app: typer.Typer) -> None:
    app.command("show")(show_command)
