"""``realpolitik scenario list|add|remove``: the what-ifs a model keeps, written into its file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_PROBLEMS, EXIT_USAGE, console, fail, print_json, table
from realpolitik.cli.options import ClampOption, JsonOption, ModelArgument, load_for_run, parse_clamps
from realpolitik.cli.press import parse_direction
from realpolitik.errors import RealpolitikError, UnknownIdError
from realpolitik.model import ModelFile, Scenario, add_scenario, display_names, remove_scenario, resolve_clamps

__all__ = ["register"]

scenario_app = typer.Typer(help="List, add and remove the model's scenarios (what-ifs kept in the model file).",
                           no_args_is_help=True)

ModelFileArgument = Annotated[Path, typer.Argument(help="The model file to change (YAML or JSON).",
                                                   show_default=False)]


def _writable(path: Path) -> ModelFile:
    if not path.is_file():
        fail(f"no model file at {path}: name the model file to change (the bundled model is read-only; "
             "`realpolitik serve` makes a working copy of it)", EXIT_USAGE)
    return ModelFile(path)


@scenario_app.command("list")
def list_command(model: ModelArgument = None, as_json: JsonOption = False) -> None:
    """Every scenario with its clamps (inherited ones included) and the directions its source expects."""
    loaded = load_for_run(model)
    rows = [{"id": s.id, "name": s.name, "extends": s.extends, "clamps": resolve_clamps(loaded, s.id),
             "expected": dict(s.expected), "description": s.description} for s in loaded.scenarios]
    if as_json:
        print_json({"scenarios": rows})
        return
    if not rows:
        console.print("the model has no scenario; add one with `realpolitik scenario add MODEL ID --name NAME "
                      "--clamp CONCEPT=VALUE`, or run clamps ad hoc with `realpolitik simulate --clamp`")
        return
    names = display_names(loaded)
    shown = table(f"{len(rows)} scenario(s)", "id", "name", "extends", "clamps", "expected")
    for row in rows:
        shown.add_row(row["id"], row["name"], row["extends"] or "",
                      ", ".join(f"{names.get(c, c)} = {v:g}" for c, v in row["clamps"].items()),
                      ", ".join(f"{names.get(c, c)} {v:+d}" for c, v in row["expected"].items()))
    console.print(shown)


@scenario_app.command("add")
def add_command(
    model: ModelFileArgument,
    scenario_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new scenario.", show_default=False)],
    name: Annotated[str, typer.Option("--name", help="Display name.", show_default=False)],
    clamp: ClampOption = [],  # noqa: B006
    extends: Annotated[Optional[str], typer.Option(help="A scenario whose clamps this one starts from.")] = None,  # noqa: UP045
    expect: Annotated[list[str], typer.Option("--expect", metavar="CONCEPT=+1|0|-1",
                                              help="The direction the source argues for (repeatable).")] = [],  # noqa: B006
    description: Annotated[Optional[str], typer.Option(help="The situation the scenario stands for.")] = None,  # noqa: UP045
) -> None:
    """Keep a scenario in the model file; refused (nothing written) if its id is taken or a concept is unknown."""
    clamps = parse_clamps(clamp)
    if not clamps and extends is None:
        fail("a scenario holds at least one --clamp CONCEPT=VALUE (or --extends another)", EXIT_USAGE)
    if any(not -1.0 <= value <= 1.0 for value in clamps.values()):
        fail("clamp values lie in -1..1 (0..1 for the sigmoid transfer, the default)", EXIT_USAGE)
    expected = dict(parse_direction(item, allow_zero=True) for item in expect)
    try:
        scenario = Scenario(id=scenario_id, name=name, clamps=clamps, extends=extends, expected=expected,
                            description=description)
    except ValueError as exc:
        fail(f"not a valid scenario: {exc.errors()[0]['msg'] if hasattr(exc, 'errors') else exc}", EXIT_USAGE)
    try:
        add_scenario(_writable(model), scenario)
    except RealpolitikError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    console.print(f"kept scenario '{scenario_id}' in {model}; run it with `realpolitik simulate {model} "
                  f"--scenario {scenario_id}`", soft_wrap=True)


@scenario_app.command("remove")
def remove_command(
    model: ModelFileArgument,
    scenario_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the scenario to remove.", show_default=False)],
) -> None:
    """Remove a scenario from the model file (one that extends it keeps its own clamps)."""
    try:
        remove_scenario(_writable(model), scenario_id)
    except UnknownIdError as exc:
        fail(str(exc), EXIT_USAGE)
    except RealpolitikError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    console.print(f"removed scenario '{scenario_id}' from {model}")


def register(app: typer.Typer) -> None:
    app.add_typer(scenario_app, name="scenario")
