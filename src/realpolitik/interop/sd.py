"""The causal map as a system-dynamics model: XMILE 1.0 and Vensim ``.mdl``.

Each concept becomes a stock whose one flow is ``f(input) − stock``: one Euler step of length 1 then sets the
stock to ``f(input)``, which is exactly realpolitik's FCM update.  Clamped concepts (and, with
``hold_sources``, concepts without incoming links) get a flow of 0, so they keep their initial value.  PySD
runs both files; ``tests/interop/test_sd.py`` compares its trajectory with :func:`realpolitik.simulate.run_fcm`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypedDict
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from realpolitik.errors import Errors, SimulationError
from realpolitik.model import resolve_clamps
from realpolitik.model.schema import Model
from realpolitik.simulate import HOLD_SOURCES, causal_matrix, source_concepts
from realpolitik.simulate.transfer import check_rule, check_transfer, neutral_value, transfer_range

__all__ = ["SdOptions", "SdSpec", "sd_spec", "to_vensim", "to_xmile"]

#: Names the SD tools reserve for their own clock; a concept that would take one gets a suffix.
_RESERVED = {"time", "initial_time", "final_time", "time_step", "saveper", "dt", "start", "stop"}


@dataclass(frozen=True)
class SdSpec:
    """Everything both SD writers need: variable names, initial values, flows as equations."""

    title: str
    names: tuple[str, ...]
    labels: tuple[str, ...]
    initial: tuple[float, ...]
    flows: tuple[str, ...]
    steps: int
    #: The simulation options the flows were written for (scenario, rule, transfer, steepness, ...), of mixed types.
    options: dict[str, Any]


class SdOptions(TypedDict, total=False):
    """The simulation options an SD export is written for, as keyword arguments: :func:`sd_spec` gives their
    defaults, and :func:`realpolitik.interop.export_model` passes them on."""

    rule: str
    transfer: str
    steepness: float
    steps: int
    hold_sources: bool
    initial: float | None


def _names(ids: tuple[str, ...]) -> tuple[str, ...]:
    taken: set[str] = set()
    out = []
    for concept in ids:
        name = re.sub(r"[^a-z0-9_]", "_", concept)
        if name[0].isdigit():
            name = "c_" + name
        base, n = name, 1
        while name in taken or name in _RESERVED:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        out.append(name)
    return tuple(out)


def _num(value: float) -> str:
    # repr is the shortest text that parses back to the same double, so the SD tool gets the exact weight
    return repr(float(value))


def _squash(transfer: str, x: str, steepness: float) -> str:
    lam = "" if steepness == 1.0 else f"{_num(steepness)} * "
    if transfer == "sigmoid":
        return f"1 / (1 + EXP(-{lam}({x})))"
    if transfer == "tanh":
        # XMILE 1.0 has no TANH; 2·σ(2x) − 1 is tanh and cannot overflow
        return f"2 / (1 + EXP(-2 * {lam}({x}))) - 1"
    if transfer == "bivalent":
        return f"IF THEN ELSE(({x}) > 0, 1, 0)"
    return f"IF THEN ELSE(({x}) > 0, 1, IF THEN ELSE(({x}) < 0, -1, 0))"


def sd_spec(
    model: Model,
    scenario: str | None = None,
    *,
    rule: str = "modified_kosko",
    transfer: str = "sigmoid",
    steepness: float = 1.0,
    steps: int = 100,
    hold_sources: bool = HOLD_SOURCES,
    initial: float | None = None,
) -> SdSpec:
    """The SD form of a model's causal map under one scenario's clamps (none by default).

    Options mean what they mean for :func:`realpolitik.simulate.simulate_scenarios`.

    Raises
    ------
    SimulationError
        E031 if the map has no links, E032 for a clamp outside the transfer's range, E040 for bad options.
    UnknownIdError
        E033 for an unknown scenario, E030 for a clamp on an unknown concept, E037 for an unknown rule or
        transfer function.

    Examples
    --------
    >>> m = Model.model_validate({"title": "t", "concepts": [{"id": "aid", "label": "Aid"},
    ...     {"id": "crisis", "label": "Crisis"}],
    ...     "causal_links": [{"id": "l", "cause": "aid", "effect": "crisis", "weight": -0.8}]})
    >>> spec = sd_spec(m, rule="kosko")
    >>> spec.flows
    ('0', '1 / (1 + EXP(-(-0.8 * aid))) - crisis')
    """
    check_rule(rule)
    check_transfer(transfer)
    if int(steps) != steps or steps < 1:
        raise SimulationError(Errors.E040.format(option="steps", requirement="a whole number >= 1", value=steps))
    if not steepness > 0:
        raise SimulationError(Errors.E040.format(option="steepness", requirement="> 0", value=steepness))
    matrix = causal_matrix(model)
    if not np.any(matrix.weights):
        raise SimulationError(Errors.E031)
    clamps = resolve_clamps(model, scenario) if scenario is not None else {}
    low, high = transfer_range(transfer)
    start = neutral_value(transfer) if initial is None else float(initial)
    n = len(matrix.concepts)
    values = [start] * n
    held = source_concepts(matrix.weights) if hold_sources else np.zeros(n, dtype=bool)
    held = held.copy()
    for concept, value in clamps.items():
        if not low <= value <= high:
            raise SimulationError(Errors.E032.format(value=value, concept=concept, transfer=transfer, low=low,
                                                     high=high))
        i = matrix.index(concept)
        values[i], held[i] = float(value), True
    names = _names(matrix.concepts)
    term = names if rule != "rescaled" else tuple(f"(2 * {name} - 1)" for name in names)
    flows = []
    for j in range(n):
        if held[j]:
            flows.append("0")
            continue
        parts = [term[j]] if rule != "kosko" else []
        # only the column's non-zero entries: a Python loop over all n² cells dominates large maps
        parts += [f"{_num(matrix.weights[i, j])} * {term[i]}" for i in np.flatnonzero(matrix.weights[:, j])]
        flows.append(f"{_squash(transfer, ' + '.join(parts) or '0', steepness)} - {names[j]}")
    labels = {concept.id: concept.label for concept in model.concepts}
    options: dict[str, Any] = {"scenario": scenario, "rule": rule, "transfer": transfer, "steepness": steepness,
                              "hold_sources": hold_sources, "initial": start}
    return SdSpec(title=model.title, names=names, labels=tuple(labels[c] for c in matrix.concepts),
                  initial=tuple(values), flows=tuple(flows), steps=int(steps), options=options)


def _note(spec: SdSpec) -> str:
    options = ", ".join(f"{key}={value}" for key, value in spec.options.items())
    return f"Exported by realpolitik: each stock is an FCM concept, one Euler step of 1 is one FCM step ({options})."


def to_xmile(spec: SdSpec) -> str:
    """The model as an XMILE 1.0 document.

    Examples
    --------
    >>> spec = SdSpec("t", ("a",), ("A",), (0.5,), ("0",), 3, {})
    >>> "<stock name=\\"a\\">" in to_xmile(spec)
    True
    """
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">',
        "  <header>",
        "    <vendor>realpolitik</vendor>",
        '    <product version="1">realpolitik</product>',
        f"    <name>{escape(spec.title)}</name>",
        "  </header>",
        '  <sim_specs method="Euler" time_units="step">',
        f"    <start>0</start>\n    <stop>{spec.steps}</stop>\n    <dt>1</dt>",
        "  </sim_specs>",
        "  <model>",
        # a comment, not <doc>: XMILE gives documentation to variables, not to the model element
        f"    <!-- {_note(spec).replace('--', '- -')} -->",
        "    <variables>",
    ]
    for name, label, value, flow in zip(spec.names, spec.labels, spec.initial, spec.flows, strict=True):
        lines += [
            f"      <stock name={quoteattr(name)}>",
            f"        <doc>{escape(label)}</doc>",
            f"        <eqn>{_num(value)}</eqn>",
            f"        <inflow>{name}_change</inflow>",
            "      </stock>",
            f'      <flow name="{name}_change">',
            f"        <eqn>{escape(flow)}</eqn>",
            "      </flow>",
        ]
    lines += ["    </variables>", "  </model>", "</xmile>", ""]
    return "\n".join(lines)


def _vensim_comment(text: str) -> str:
    # '~' and '|' end a field of a Vensim equation block
    return re.sub(r"[~|]", "-", text)


def to_vensim(spec: SdSpec) -> str:
    """The model as a Vensim ``.mdl`` text (equations only; Vensim lays out a diagram on request).

    Examples
    --------
    >>> spec = SdSpec("t", ("a",), ("A",), (0.5,), ("0",), 3, {})
    >>> print(to_vensim(spec).splitlines()[1])
    a = INTEG(a_change, 0.5)
    """
    blocks = ["{UTF-8}"]
    for name, label, value, flow in zip(spec.names, spec.labels, spec.initial, spec.flows, strict=True):
        blocks.append(f"{name} = INTEG({name}_change, {_num(value)})\n\t~\tactivation\n\t~\t"
                      f"{_vensim_comment(label)}\n\t|\n")
        blocks.append(f"{name}_change = {flow}\n\t~\tactivation/step\n\t~\t\n\t|\n")
    control = [("FINAL TIME", str(spec.steps)), ("INITIAL TIME", "0"), ("SAVEPER", "TIME STEP"), ("TIME STEP", "1")]
    blocks.append("********************************************************\n\t.Control\n"
                  "********************************************************~\n\t\t"
                  f"{_vensim_comment(_note(spec))}\n\t|\n")
    blocks += [f"{name} = {value}\n\t~\tstep\n\t~\t\n\t|\n" for name, value in control]
    blocks.append("\\\\\\---/// Sketch information - do not modify anything except names\nV300  Do not put anything "
                  "below this section - it will be ignored\n*View 1\n///---\\\\\\\n")
    return "\n".join(blocks)
