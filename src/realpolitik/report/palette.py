"""The colours and legends of every figure, in the report and in the web app (which gets them through its API).

One palette, so that a state is the same blue on paper and on screen. Colour-blind safe (Tableau 10 and the
ColorBrewer red–blue pair).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["AFFILIATION_COLOUR", "CAUSAL_COLOURS", "CONCEPT_COLOUR", "CONCEPT_EDGE", "EVENT_COLOURS", "KIND_COLOURS",
           "LOOP_COLOURS", "OTHER_COLOUR", "SIGN_COLOURS", "causal_legend", "kind_colour", "network_legend",
           "relation_colour", "sign"]

#: Colour per actor kind.
KIND_COLOURS = {
    "state": "#4e79a7",
    "armed_group": "#e15759",
    "organisation": "#59a14f",
    "alliance": "#76b7b2",
    "region": "#edc948",
    "group": "#b07aa1",
    "person": "#f28e2b",
}
#: A kind the palette does not know.
OTHER_COLOUR = "#9d9d9d"
#: Relations by sign: friendly, hostile, neutral.
SIGN_COLOURS = {1: "#1a7f37", -1: "#c0392b", 0: "#8c8c8c"}
#: Causal links by sign: increases, decreases.
CAUSAL_COLOURS = {1: "#2166ac", -1: "#b2182b"}
#: Events by tone.
EVENT_COLOURS = {"cooperative": "#1a7f37", "conflictual": "#c0392b", "other": "#6c757d"}
#: Halos of the strongest feedback loops.
LOOP_COLOURS = ("#f6c700", "#9edae5", "#c5b0d5")
#: Concepts of the causal map: a pale fill with a dark rim, so that the links' colours stand out.
CONCEPT_COLOUR, CONCEPT_EDGE = "#f0f0f0", "#333333"
#: Lines from a person to the actor they act for.
AFFILIATION_COLOUR = "#555555"


def sign(value: float) -> int:
    """-1, 0 or 1."""
    return (value > 0) - (value < 0)


def kind_colour(kind: str | None) -> str:
    return KIND_COLOURS.get(kind or "", OTHER_COLOUR)


def relation_colour(polarity: float) -> str:
    return SIGN_COLOURS[sign(polarity)]


def network_legend(kinds: Iterable[str | None]) -> list[dict[str, str]]:
    """Legend rows of the actor network: the kinds present, in palette order, then the kinds of line.

    Each row has a ``label``, a ``colour`` and a ``mark``: ``node`` (with a ``symbol``, ``square`` or
    ``circle``) or ``line`` (with a ``dash``: ``solid``, ``dash`` or ``dot``).

    Examples
    --------
    >>> [row["label"] for row in network_legend(["state", "person"])][:3]
    ['state', 'person', 'friendly (polarity > 0)']
    """
    present = set(kinds)
    rows = [{"label": kind.replace("_", " "), "colour": colour, "mark": "node",
             "symbol": "square" if kind == "state" else "circle"}
            for kind, colour in KIND_COLOURS.items() if kind in present]
    if present - set(KIND_COLOURS):
        rows.append({"label": "other kind", "colour": OTHER_COLOUR, "mark": "node", "symbol": "circle"})
    return rows + [
        {"label": "friendly (polarity > 0)", "colour": SIGN_COLOURS[1], "mark": "line", "dash": "solid"},
        {"label": "hostile (polarity < 0)", "colour": SIGN_COLOURS[-1], "mark": "line", "dash": "solid"},
        {"label": "neutral", "colour": SIGN_COLOURS[0], "mark": "line", "dash": "solid"},
        {"label": "ended (valid_to set)", "colour": AFFILIATION_COLOUR, "mark": "line", "dash": "dash"},
        {"label": "person's affiliation", "colour": AFFILIATION_COLOUR, "mark": "line", "dash": "dot"},
        {"label": "proposed, not yet reviewed", "colour": AFFILIATION_COLOUR, "mark": "node", "symbol": "ring"},
    ]


def causal_legend() -> list[dict[str, str]]:
    """Legend rows of the causal map (same shape as :func:`network_legend`)."""
    return [
        {"label": "increases (weight > 0)", "colour": CAUSAL_COLOURS[1], "mark": "line", "dash": "solid"},
        {"label": "decreases (weight < 0)", "colour": CAUSAL_COLOURS[-1], "mark": "line", "dash": "solid"},
        {"label": "proposed link, not yet reviewed", "colour": "#555555", "mark": "line", "dash": "dash"},
    ]
