"""``realpolitik simulate``: run a model's scenarios through its fuzzy cognitive map."""

from __future__ import annotations

from typing import Annotated, TypedDict

import typer
from rich.table import Table

from realpolitik.cli.common import EXIT_PROBLEMS, EXIT_USAGE, console, fail, print_json
from realpolitik.cli.options import (
    ClampOption,
    JsonOption,
    ModelArgument,
    ReviewedOnlyOption,
    load_for_run,
    parse_clamps,
)
from realpolitik.errors import Errors, SimulationError, UnknownIdError
from realpolitik.model import Model
from realpolitik.simulate import BASELINE, HOLD_SOURCES, SimulationRun, simulate_clamps, simulate_scenarios

__all__ = ["register"]

#: Changes smaller than this are shown dimmed: below what a sigmoid map can tell apart from noise.
_DEAD_BAND = 1e-3


class _RunOptions(TypedDict):
    """The keyword options this command passes on to :func:`simulate_scenarios` and :func:`simulate_clamps`."""

    rule: str
    transfer: str
    steepness: float
    steps: int
    tolerance: float
    hold_sources: bool


def _delta(value: float) -> str:
    if abs(value) < _DEAD_BAND:
        return f"[dim]{value:+.3f}[/]"
    return f"[green]{value:+.3f}[/]" if value > 0 else f"[red]{value:+.3f}[/]"


def _print_tables(run: SimulationRun, model: Model) -> None:
    labels = {concept.id: concept.label for concept in model.concepts}
    options = ", ".join(f"{key}={value}" for key, value in run.options.items())
    console.print(f"[bold]{model.title}[/] — FCM ({options})", soft_wrap=True)
    status = Table(title="Scenarios", title_justify="left", title_style="bold")
    for column in ("scenario", "name", "status", "steps", "clamps"):
        status.add_column(column, overflow="fold")
    for o in run.outcomes:
        state = o.status.replace("_", " ") + (f" (period {o.period})" if o.period else "")
        status.add_row(o.scenario, o.name, state, str(o.steps_run),
                       ", ".join(f"{labels.get(k, k)}={v:g}" for k, v in o.clamps.items()))
    console.print(status)
    base = next((o for o in run.outcomes if o.scenario == run.baseline), None)
    against = run.baseline if run.baseline else "the unclamped run"
    finals = Table(title=f"Final state and change against {against}",
                   title_justify="left", title_style="bold")
    finals.add_column("concept", overflow="fold")
    if base is not None:
        finals.add_column(f"{base.scenario}", justify="right")
    others = [o for o in run.outcomes if o is not base]
    for o in others:
        finals.add_column(f"Δ {o.scenario}", justify="right")
    for i, concept in enumerate(run.concepts):
        cells = [labels.get(concept, concept)]
        if base is not None:
            cells.append(f"{base.final[i]:.3f}")
        cells += [_delta(float(o.delta[i])) for o in others]
        finals.add_row(*cells)
    console.print(finals)


def simulate_command(
    model: ModelArgument = None,
    scenario: Annotated[list[str], typer.Option("--scenario", "-s", help="Scenario id to run (repeatable).")] = [],  # noqa: B006
    run_all: Annotated[bool, typer.Option(
        "--all", help="Run every scenario (the default when none is named).")] = False,
    rule: Annotated[str, typer.Option(help="Update rule: kosko, modified_kosko or rescaled.")] = "modified_kosko",
    transfer: Annotated[str, typer.Option(help="Transfer function: sigmoid, tanh, bivalent or trivalent.")] = "sigmoid",
    steepness: Annotated[float, typer.Option(help="Steepness λ of sigmoid and tanh.")] = 1.0,
    steps: Annotated[int, typer.Option(help="Step cap.")] = 100,
    tolerance: Annotated[float, typer.Option(help="Largest change that still counts as a fixed point.")] = 1e-5,
    hold_sources: Annotated[bool, typer.Option("--hold-sources/--free-sources",
                                               help="Hold concepts without incoming links at their start value.")
                            ] = HOLD_SOURCES,
    clamp: ClampOption = [],  # noqa: B006
    reviewed_only: ReviewedOnlyOption = False,
    as_json: JsonOption = False,
) -> None:
    """Run scenarios through the model's fuzzy cognitive map and compare each with the baseline.

    With --clamp, run those clamps as an ad hoc scenario instead (nothing is written; keep one with
    `realpolitik scenario add`).
    """
    if scenario and run_all:
        fail("name scenarios with --scenario or run them all with --all, not both", EXIT_USAGE)
    if clamp and (scenario or run_all):
        fail("--clamp runs an ad hoc scenario; name no --scenario or --all with it", EXIT_USAGE)
    clamps = parse_clamps(clamp)
    if steps < 0:
        fail(Errors.E040.format(option="--steps", requirement="a whole number >= 0", value=steps), EXIT_USAGE)
    if not steepness > 0:
        fail(Errors.E040.format(option="--steepness", requirement="> 0", value=steepness), EXIT_USAGE)
    loaded = load_for_run(model, reviewed_only=reviewed_only)
    options: _RunOptions = {"rule": rule, "transfer": transfer, "steepness": steepness, "steps": steps,
                            "tolerance": tolerance, "hold_sources": hold_sources}
    try:
        if clamps:
            base = BASELINE if any(s.id == BASELINE for s in loaded.scenarios) else None
            run = simulate_clamps(loaded, clamps, name="clamps from the command line"
                                  + (", on top of the baseline" if base else ""), extends=base, **options)
        else:
            run = simulate_scenarios(loaded, scenario or None, **options)
    except UnknownIdError as exc:
        fail(str(exc), EXIT_USAGE)
    except SimulationError as exc:
        fail(str(exc), EXIT_USAGE if exc.code == "E277" else EXIT_PROBLEMS)
    if as_json:
        print_json(run.to_dict())
    else:
        _print_tables(run, loaded)


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)
