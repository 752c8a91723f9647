"""Labelled cause/effect phrases written for these tests: each inner list names one thing in several ways."""

from __future__ import annotations

#: Phrases in one group should become one concept; phrases of different groups should not.
GROUPS: list[list[str]] = [
    ["rising food prices", "the price of food", "higher food prices", "food price rises"],
    ["refugee flows", "the flow of refugees", "refugee flows into Velmar"],
    ["unrest in the capital", "growing unrest in the capital", "the capital's unrest"],
    ["foreign aid", "aid from abroad", "the aid"],
    ["foreign investment", "investment by foreign firms"],
    ["the junta's finances", "the council's finances", "junta finances"],
    ["sanctions", "the sanctions of the Northern Union", "new sanctions"],
    ["repression of protesters", "the repression"],
    ["the country's isolation", "diplomatic isolation", "isolation of Karsland"],
    ["mining output", "output of the copper mines"],
    ["border closures", "the closing of the border"],
    ["fuel shortages", "shortages of fuel"],
    ["election turnout"],
    ["army morale", "the morale of the army"],
]

#: Distinct things that share a word with a group above: they must stay apart from it and from each other.
NEAR_MISSES: list[list[str]] = [
    ["fuel prices", "the price of fuel"],
    ["food aid", "emergency food aid"],
    ["refugee camps", "camps for refugees"],
    ["border security", "security at the border"],
    ["army strength", "the strength of the army"],
    ["capital flight", "the flight of capital"],
]
