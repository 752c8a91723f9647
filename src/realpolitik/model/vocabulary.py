"""Closed vocabularies of the model format: actor kinds, relation and event types, probability bands.

Relation types are stances that hold over a period; where one corresponds to a
PLOVER event type (the Open Event Data Alliance's ontology) the mapping is given,
so that relations and coded events can be compared.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

from realpolitik.lang.estimative import ICD203_BANDS

__all__ = [
    "ACTOR_KINDS",
    "BANDS",
    "EVENT_TYPES",
    "RELATION_TYPES",
    "ActorKind",
    "Band",
    "EventType",
    "RelationType",
    "band_for_probability",
]

ActorKind = Literal["state", "armed_group", "organisation", "alliance", "region", "group", "person"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)

RelationType = Literal[
    "partnership",
    "support",
    "aid",
    "consult",
    "negotiate",
    "recognise",
    "accommodate",
    "influence",
    "affiliation",
    "concern",
    "non_recognition",
    "rivalry",
    "containment",
    "threaten",
    "coerce",
    "sanction",
    "conflict",
]
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)

#: For each relation type: the PLOVER event type it corresponds to (or None),
#: its usual sign, and what it means.
RELATION_TYPE_INFO: dict[str, tuple[str | None, int, str]] = {
    "partnership": ("COOPERATE", 1, "sustained cooperation towards shared aims"),
    "support": ("SUPPORT", 1, "political or diplomatic backing of the target"),
    "aid": ("AID", 1, "material, financial, military or security assistance"),
    "consult": ("CONSULT", 1, "meetings, talks, diplomatic contact"),
    "negotiate": ("CONSULT", 1, "hosting or brokering negotiations involving the target"),
    "recognise": ("AGREE", 1, "formal recognition of the target's authority"),
    "accommodate": ("CONCEDE", 1, "tolerating or adjusting to the target without formal endorsement"),
    "influence": (None, 0, "seeking leverage over the target's decisions"),
    "affiliation": (None, 0, "the source is part of, or acts for, the target"),
    "concern": (None, -1, "the source perceives the target as a risk"),
    "non_recognition": ("REJECT", -1, "withholding formal recognition"),
    "rivalry": (None, -1, "competition for influence or position"),
    "containment": (None, -1, "acting to limit the target's spread or strength"),
    "threaten": ("THREATEN", -1, "the source endangers the target"),
    "coerce": ("COERCE", -1, "pressure by non-military force"),
    "sanction": ("SANCTION", -1, "penalties such as frozen assets or cut aid"),
    "conflict": ("ASSAULT", -1, "armed hostilities"),
}

EventType = Literal[
    "agree",
    "consult",
    "support",
    "concede",
    "cooperate",
    "aid",
    "retreat",
    "request",
    "accuse",
    "reject",
    "threaten",
    "protest",
    "sanction",
    "mobilize",
    "coerce",
    "assault",
    "other",
]
"""PLOVER 0.5 event types, lower-cased, plus ``other`` for conditions such as a trade that grows."""
EVENT_TYPES: tuple[str, ...] = get_args(EventType)

Band = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
#: ICD 203 probability bands as fractions (one table, kept with the language data in ``realpolitik.lang``).
BANDS: dict[str, tuple[float, float]] = dict(ICD203_BANDS)


def band_for_probability(probability: float) -> Band:
    """Return the ICD 203 band holding ``probability`` (the lower band at a shared edge).

    Examples
    --------
    >>> band_for_probability(0.7)
    'likely'
    >>> band_for_probability(0.02)
    'almost no chance'
    """
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"probability must lie in 0..1, got {probability}")
    for band, (_low, high) in BANDS.items():
        if probability <= high:
            return cast(Band, band)
    return "almost certain"
