"""``realpolitik press``: predict every concept's response to a sustained press on some of them."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

import typer
from rich.table import Table

from realpolitik.cli.common import EXIT_PROBLEMS, EXIT_USAGE, console, fail, print_json
from realpolitik.cli.options import JsonOption, ModelArgument, ReviewedOnlyOption, load_for_run
from realpolitik.errors import Errors, SimulationError, UnknownIdError
from realpolitik.model import Model
from realpolitik.simulate import PressResult, press_perturbation

__all__ = ["parse_direction", "register"]

Direction = Literal[-1, 0, 1]
_SIGNS: dict[str, Direction] = {"+1": 1, "1": 1, "+": 1, "-1": -1, "-": -1, "0": 0}


def parse_direction(text: str, *, allow_zero: bool = False) -> tuple[str, Direction]:
    """``CONCEPT``, ``CONCEPT=+1`` or ``CONCEPT=-1`` (and ``=0`` where allowed) as (concept, direction).

    Raises
    ------
    typer.Exit
        With exit code 2 after printing E039, for a malformed direction.

    Examples
    --------
    >>> parse_direction("aid=-1"), parse_direction("aid")
    (('aid', -1), ('aid', 1))
    """
    concept, _, value = text.partition("=")
    direction = _SIGNS.get(value.strip() or "+1")
    if not concept.strip() or direction is None or (direction == 0 and not allow_zero):
        allowed = "+1, 0 or -1" if allow_zero else "+1 or -1"
        fail(Errors.E039.format(concept=concept.strip(), allowed=allowed, value=value or "(none)"), EXIT_USAGE)
    return concept.strip(), direction


def _sign(value: int) -> str:
    return {1: "[green]+[/]", -1: "[red]−[/]", 0: "[dim]0[/]"}[int(value)]


def _print_tables(result: PressResult, model: Model) -> None:
    labels = {concept.id: concept.label for concept in model.concepts}
    pressed = ", ".join(f"{labels.get(c, c)} {'up' if d > 0 else 'down'}" for c, d in result.press.items())
    console.print(f"[bold]{model.title}[/] — press: {pressed}", soft_wrap=True)
    console.print(f"{result.draws} draws ({result.weights} weights, seed {result.seed}), {result.stable} stable, "
                  f"{result.accepted} accepted: acceptance rate {result.acceptance_rate:.1%}"
                  + ("" if result.feedback_exact else "; absolute feedback estimated by Monte Carlo"), soft_wrap=True)
    table = Table(title="Response to the press", title_justify="left", title_style="bold")
    for column in ("concept", "P(+)", "P(0)", "P(−)", "likely", "loop analysis", "weighted"):
        table.add_column(column, justify="left" if column == "concept" else "right", overflow="fold")
    likely = result.most_likely_sign
    for i, concept in enumerate(result.concepts):
        table.add_row(labels.get(concept, concept), f"{result.p_positive[i]:.2f}", f"{result.p_zero[i]:.2f}",
                      f"{result.p_negative[i]:.2f}", _sign(likely[i]), _sign(result.predicted_sign[i]),
                      f"{result.weighted_prediction[i]:+.2f}")
    console.print(table)


def press_command(
    model: ModelArgument = None,
    press: Annotated[list[str], typer.Option("--press", "-p", help="CONCEPT[=+1|-1] to press (repeatable).")] = [],  # noqa: B006
    observe: Annotated[list[str], typer.Option("--observe", help="CONCEPT=+1|0|-1 observed; draws that "
                                                                 "contradict it are discarded (repeatable).")] = [],  # noqa: B006
    draws: Annotated[int, typer.Option(help="Monte Carlo draws.")] = 10_000,
    seed: Annotated[Optional[int], typer.Option(help="Seed of the draws.")] = 0,  # noqa: UP045
    weights: Annotated[str, typer.Option(help="Magnitudes drawn: uniform (QPress) or model (around the "
                                              "model's weights, by confidence).")] = "uniform",
    reviewed_only: ReviewedOnlyOption = False,
    as_json: JsonOption = False,
) -> None:
    """Predict the sign of every concept's response to a sustained press (loop analysis and Monte Carlo)."""
    if not press:
        fail("name at least one concept to press with --press CONCEPT[=+1|-1]", EXIT_USAGE)
    if draws < 1:
        fail(Errors.E035.format(draws=draws), EXIT_USAGE)
    pressed = dict(parse_direction(item) for item in press)
    observed = dict(parse_direction(item, allow_zero=True) for item in observe)
    loaded = load_for_run(model, reviewed_only=reviewed_only)
    try:
        result = press_perturbation(loaded, pressed, draws=draws, seed=seed, weights=weights,  # type: ignore[arg-type]
                                    observed=observed or None)
    except UnknownIdError as exc:
        fail(str(exc), EXIT_USAGE)
    except SimulationError as exc:
        fail(str(exc), EXIT_PROBLEMS)
    if as_json:
        print_json(result.to_dict())
    else:
        _print_tables(result, loaded)


def register(app: typer.Typer) -> None:
    app.command("press")(press_command)
