"""``realpolitik analyse`` (or ``analyze``): the actor network over time, balance, causal map, loops, levers,
forecasts."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from realpolitik.analysis import DEFAULT_TRACED_LEVERS, ModelAnalysis, analyse_model
from realpolitik.analysis.loops import DEFAULT_MAX_LOOP_LENGTH, DEFAULT_MAX_LOOPS
from realpolitik.cli.common import EXIT_USAGE, console, fail, print_json, table
from realpolitik.cli.options import JsonOption, ModelArgument, ReviewedOnlyOption, load_for_run
from realpolitik.errors import Errors
from realpolitik.model.edtf import InvalidDateError

__all__ = ["register"]

#: Rows shown per table in the terminal; --json carries everything.
SHOWN = 10


def _label(names: dict[str, str], ids: tuple[str, ...] | list[str]) -> str:
    return " – ".join(names.get(i, i) for i in ids)


def _print_actor_sections(result: ModelAnalysis, names: dict[str, str]) -> None:
    actors = result.actors
    grid = table(f"Actor network at {result.at}: most central", "actor", "ties (+/−)", "strength", "betweenness")
    for c in actors.centrality[:SHOWN]:
        grid.add_row(c.name, f"{c.ties} ({c.friendly}/{c.hostile})", f"{c.strength:.2f}", f"{c.betweenness:.3f}")
    console.print(grid)
    camps = [camp for camp in actors.communities if len(camp) > 1]
    console.print("Friendly camps: " + ("; ".join(_label(names, camp) for camp in camps) if camps else "none"))
    if actors.triad_balance is None:
        balance = "no triads"
    else:
        balance = f"{actors.triad_balance:.0%} of {len(actors.triads)} triads balanced"
    console.print(f"Structural balance: {balance}; frustration index {actors.frustration.index} of "
                  f"{actors.frustration.ties} ties{'' if actors.frustration.exact else ' (upper bound)'}")
    for triad in actors.unbalanced_triads:
        console.print(f"  [yellow]unbalanced[/]: {_label(names, triad.nodes)}")
    if result.comparison is not None:
        before, after, changes = result.comparison
        grid = table(f"What changed between {before} and {after}", "pair", "change", "before", "after")
        for change in changes:
            grid.add_row(_label(names, change.actors), change.kind,
                         ", ".join(change.before.types) if change.before else "—",
                         ", ".join(change.after.types) if change.after else "—")
        console.print(grid)
    grid = table("Sign changes over time", "date", "pair", "change")
    for step in result.timeline:
        for change in step.changes:
            if change.kind in {"turned hostile", "turned friendly", "became neutral"}:
                grid.add_row(step.date, _label(names, change.actors), change.kind)
    console.print(grid)


def _print_causal_sections(result: ModelAnalysis, names: dict[str, str]) -> None:
    s = result.structure
    complexity = "n/a" if s.complexity is None else f"{s.complexity:.2f}"
    console.print(f"[bold]Causal map[/]: {s.concepts} concepts, {s.connections} links, density {s.density:.3f} "
                  f"(N² {s.density_n2:.3f}), {len(s.drivers)} drivers, {len(s.receivers)} receivers, "
                  f"{len(s.ordinary)} ordinary, complexity {complexity}, {len(s.components)} component(s)")
    if s.isolated:
        console.print(f"  isolated: {_label(names, s.isolated)}")
    loops = result.loops
    reinforcing = sum(loop.sign > 0 for loop in loops.loops)
    grid = table(f"Feedback loops: {reinforcing} reinforcing, {len(loops.loops) - reinforcing} balancing "
                 f"(up to {loops.max_length} links{', capped' if loops.capped else ''})",
                 "kind", "length", "strength", "loop")
    for loop in loops.loops[:SHOWN]:
        path = " → ".join(names.get(c, c) for c in loop.concepts)
        grid.add_row(loop.kind, str(loop.length), f"{loop.strength:.3f}", path)
    console.print(grid)
    grid = table("Levers: strongest effect on each outcome", "lever", "outcome", "net", "paths", "strongest path")
    ranked = sorted(result.effects, key=lambda e: -abs(e.net))
    for effect in ranked[:SHOWN * 2]:
        strongest = effect.strongest
        grid.add_row(names.get(effect.lever, effect.lever), names.get(effect.outcome, effect.outcome),
                     f"{effect.net:+.3f}" + (" (mixed)" if effect.mixed else ""), str(len(effect.paths)),
                     " → ".join(names.get(c, c) for c in strongest.concepts) if strongest else "")
    console.print(grid)


def _print_forecasts(result: ModelAnalysis) -> None:
    f = result.forecasts
    if f.brier is None:
        console.print(f"[bold]Forecasts[/]: {f.total}, none resolved yet")
        return
    console.print(f"[bold]Forecasts[/]: {f.total}, {f.resolved} resolved ({f.happened} came true); "
                  f"Brier {f.brier:.3f}, log score {f.log:.3f} (always 50 %: 0.250 and 0.693)")


def analyse_command(
    model: ModelArgument = None,
    at: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Read the actor network at this EDTF date (default: today)."),
    ] = None,
    compare: Annotated[
        Optional[tuple[str, str]],  # noqa: UP045
        typer.Option(help="Two EDTF dates: what changed in the actor network between them, e.g. --compare 2010 2015."),
    ] = None,
    max_loop_length: Annotated[
        int, typer.Option(min=1, help="Longest feedback loop searched, in links.")
    ] = DEFAULT_MAX_LOOP_LENGTH,
    max_loops: Annotated[
        int, typer.Option(min=1, help="Stop the loop search after this many loops.")
    ] = DEFAULT_MAX_LOOPS,
    max_levers: Annotated[
        int, typer.Option(min=1, help="Trace this many levers (scenario clamps first, then exogenous drivers).")
    ] = DEFAULT_TRACED_LEVERS,
    reviewed_only: ReviewedOnlyOption = False,
    as_json: JsonOption = False,
) -> None:
    """Measure a model's structure: actors over time and their balance, the causal map, loops, levers, forecasts."""
    loaded = load_for_run(model, reviewed_only=reviewed_only)
    try:
        result = analyse_model(loaded, at=at, compare=compare, max_loop_length=max_loop_length,
                               max_loops=max_loops, max_levers=max_levers)
    except InvalidDateError as exc:
        fail(Errors.E060.format(reason=exc), EXIT_USAGE)
    if as_json:
        print_json(result.as_dict())
        return
    names = {a.id: a.name for a in loaded.actors} | {c.id: c.label for c in loaded.concepts}
    console.print(f"[bold]{loaded.title}[/]")
    for note in result.notes:
        console.print(f"[yellow]note:[/] {note}")
    _print_actor_sections(result, names)
    _print_causal_sections(result, names)
    _print_forecasts(result)


def register(app: typer.Typer) -> None:
    app.command("analyse")(analyse_command)
    app.command("analyze", hidden=True)(analyse_command)  # the American spelling, kept for old scripts
