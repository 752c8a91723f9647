"""The model file format: the single source of truth, exported as JSON Schema.

A model describes one geopolitical system: its source documents, actors (people
included), relations between actors over time, a dated timeline, a causal map of
concepts and signed links, hedged forecasts and scenarios.  Every curated or
extracted item carries evidence: a pointer into a source document plus a
paraphrase in the project's own words.

Cross-references (an actor id in a relation, a concept id in a link) are checked
by :func:`realpolitik.model.checks.check_model`, not here, so that a model being
edited can still be loaded and shown.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from realpolitik.model.vocabulary import ActorKind, Band, EventType, RelationType

__all__ = [
    "FORMAT_VERSION",
    "SECTIONS",
    "Actor",
    "CausalLink",
    "Concept",
    "Document",
    "EdtfString",
    "Event",
    "Evidence",
    "Forecast",
    "Model",
    "Relation",
    "Resolution",
    "ReviewStatus",
    "Scenario",
]

FORMAT_VERSION: Final = "realpolitik/1"

#: The list-valued sections of a model, in file order, with the class of their items.
SECTIONS: dict[str, type[BaseModel]] = {}


def _as_text(value: Any) -> Any:
    """YAML reads ``2021`` as an int and ``2021-08-15`` as a date; EDTF fields want the text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, _dt.date)):
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    return value


EdtfString = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(
        description="A date in the Library of Congress Extended Date/Time Format: '2021', '2021-04', "
        "'2021-08-15', '199X' (a decade), '2021?' (uncertain), '2014/2021' (an interval)."
    ),
]

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_.\-]*$",
        max_length=80,
        description="A short stable id: lower-case letters, digits, '_', '-' and '.'.",
    ),
]


class _Strict(BaseModel):
    # NaN and infinities are no weight, probability or clamp: a NaN would run through a simulation silently.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True, allow_inf_nan=False)


class Evidence(_Strict):
    """Where an item is stated: a character span of a document and a paraphrase of what it says."""

    document: str = Field(description="Id (sha256 of the original bytes) of the source document.")
    start: int = Field(ge=0, description="Offset of the first character of the span in the normalised text.")
    end: int = Field(gt=0, description="Offset one past the last character of the span.")
    paraphrase: str = Field(
        min_length=1,
        description="What the span says, in the analyst's or the project's own words; never a pasted quote.",
    )


class Document(_Strict):
    """A source document the model draws on."""

    id: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the document's original bytes, in hex.")
    title: str = Field(description="The document's title.")
    author: str | None = Field(default=None, description="Author or authors, as credited.")
    publisher: str | None = Field(default=None, description="Outlet or publisher.")
    url: str | None = Field(default=None, description="Where the document was published, when known.")
    published: EdtfString | None = Field(default=None, description="Publication date (EDTF), when known.")
    filename: str | None = Field(default=None, description="File name of the local copy the offsets refer to.")
    note: str | None = Field(default=None, description="Anything an analyst should know about the source.")


#: Review states of a machine-drafted item; items curated by hand carry none.
ReviewStatus = Literal["proposed", "accepted"]


class _Item(_Strict):
    id: Identifier
    evidence: list[Evidence] = Field(
        default_factory=list, description="Where the item is stated; curated items carry at least one."
    )
    review: ReviewStatus | None = Field(
        default=None,
        description="For an item drafted by the extractor: 'proposed' until an analyst accepts it ('accepted'). "
        "Absent on items curated by hand. A rejected item is removed from the model.",
    )


class Actor(_Item):
    """A state, group, organisation, region or person acting in the system."""

    name: str = Field(min_length=1, description="Display name.")
    kind: ActorKind = Field(description="What sort of actor this is.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names and metonyms that refer to the actor in text ('Moscow' for Russia).",
    )
    role: str | None = Field(default=None, description="For a person: the office or function held.")
    affiliation: str | None = Field(
        default=None, description="For a person: the id of the actor the person acts for."
    )
    description: str | None = Field(default=None, description="A short note on the actor in this system.")


class Relation(_Item):
    """A stance of one actor towards another over a period."""

    source: str = Field(description="Id of the actor that holds the stance.")
    target: str = Field(description="Id of the actor the stance is towards.")
    type: RelationType = Field(description="Kind of relation; see docs/model-format.md for the vocabulary.")
    polarity: float = Field(ge=-1.0, le=1.0, description="-1 hostile … 0 neutral … +1 friendly.")
    valid_from: EdtfString | None = Field(default=None, description="When the relation began (EDTF), if stated.")
    valid_to: EdtfString | None = Field(default=None, description="When it ended (EDTF), if it did.")
    supersedes: str | None = Field(
        default=None,
        description="Id of the relation this one succeeds (a turn a later document proposes): accepting this "
        "relation ends that one at this one's valid_from.",
    )
    description: str | None = Field(default=None, description="The relation in a sentence.")


class Event(_Item):
    """A dated happening on the timeline."""

    date: EdtfString = Field(description="When it happened (EDTF).")
    date_text: str | None = Field(default=None, description="The date as the source phrases it ('in April 2021').")
    description: str = Field(min_length=1, description="What happened, in a sentence.")
    participants: list[str] = Field(default_factory=list, description="Ids of the actors involved.")
    type: EventType = Field(description="PLOVER event type (lower case), or 'other'.")
    subtype: str | None = Field(default=None, description="A finer label, e.g. 'withdrawal' or 'terror attack'.")


class Concept(_Item):
    """A variable of the causal map, whose activation a simulation moves."""

    label: str = Field(min_length=1, description="Short display label.")
    description: str | None = Field(default=None, description="What the concept stands for.")
    activation: str | None = Field(default=None, description="What a high activation of the concept means.")
    terms: list[str] = Field(
        default_factory=list, description="Words that name the concept in text, used to find and check evidence."
    )


class CausalLink(_Item):
    """A signed, weighted claim that one concept drives another."""

    cause: str = Field(description="Id of the driving concept.")
    effect: str = Field(description="Id of the driven concept.")
    weight: float = Field(
        ge=-1.0, le=1.0, description="Signed strength: -1 strongly decreases … +1 strongly increases."
    )
    confidence: float = Field(
        default=0.5, ge=0.0, le=1.0, description="How sure the source (or analyst) is of the link, 0..1."
    )
    hedge: str | None = Field(default=None, description="The hedge the source puts on the claim ('may').")
    description: str | None = Field(default=None, description="The mechanism in a sentence.")
    agreement: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="For a link merged from several sources: how closely their weights agree (1 = identical).",
    )
    contradicts: list[str] = Field(
        default_factory=list,
        description="Ids of links between the same concepts whose sign is the opposite (a disagreement to resolve).",
    )


class Resolution(_Strict):
    """How a forecast turned out."""

    outcome: bool = Field(description="True if what was forecast happened, false if not.")
    date: EdtfString = Field(description="When it was settled (EDTF).")
    source: str = Field(min_length=1, description="Where the outcome is documented.")
    note: str | None = Field(default=None, description="How the outcome was judged.")


class Forecast(_Item):
    """A hedged statement about the future, with its probability band and, later, its resolution."""

    statement: str = Field(min_length=1, description="What is forecast, paraphrased so that it can be resolved.")
    subjects: list[str] = Field(default_factory=list, description="Ids of the actors the forecast is about.")
    concepts: list[str] = Field(default_factory=list, description="Ids of concepts the forecast bears on.")
    estimative_term: str = Field(min_length=1, description="The hedge word or phrase the source uses ('is likely to').")
    band: Band = Field(description="ICD 203 probability band the term maps to.")
    probability: tuple[float, float] | None = Field(
        default=None,
        description="Probability range [low, high]; defaults to the band's range and must lie within it.",
    )
    horizon: EdtfString | None = Field(default=None, description="By when the forecast should be judged (EDTF).")
    horizon_text: str | None = Field(default=None, description="The horizon as the source phrases it.")
    resolution: Resolution | None = Field(default=None, description="The outcome, once known.")
    note: str | None = Field(default=None, description="Analyst's note, e.g. why the forecast is still open.")

    @model_validator(mode="after")
    def _probability_defaults_to_band(self) -> Forecast:
        from realpolitik.model.vocabulary import BANDS

        if self.probability is None:
            object.__setattr__(self, "probability", BANDS[self.band])
        return self

    @field_validator("probability")
    @classmethod
    def _ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None:
            low, high = value
            if not 0.0 <= low <= high <= 1.0:
                raise ValueError("probability must be [low, high] with 0 <= low <= high <= 1")
        return value


class Scenario(_Item):
    """A what-if: concepts clamped to values, and the directions the source's argument implies."""

    name: str = Field(min_length=1, description="Display name.")
    description: str | None = Field(default=None, description="The situation the scenario stands for.")
    extends: str | None = Field(
        default=None, description="Id of a scenario whose clamps this one starts from (its own clamps win)."
    )
    clamps: dict[str, float] = Field(
        default_factory=dict,
        description="Concept id -> value held fixed during the simulation (0..1 for sigmoid, -1..1 for tanh).",
    )
    expected: dict[str, Literal[-1, 0, 1]] = Field(
        default_factory=dict,
        description="Concept id -> the direction (-1, 0, +1) the source's argument implies against the baseline.",
    )


class Model(_Strict):
    """A whole model file."""

    format: Literal["realpolitik/1"] = Field(default=FORMAT_VERSION, description="Format version of the file.")
    title: str = Field(min_length=1, description="What system the model describes.")
    description: str | None = Field(default=None, description="A paragraph on scope and curation.")
    documents: list[Document] = Field(default_factory=list, description="Source documents.")
    actors: list[Actor] = Field(default_factory=list, description="Actors, people included (kind: person).")
    relations: list[Relation] = Field(default_factory=list, description="Relations between actors.")
    events: list[Event] = Field(default_factory=list, description="The dated timeline.")
    concepts: list[Concept] = Field(default_factory=list, description="Variables of the causal map.")
    causal_links: list[CausalLink] = Field(default_factory=list, description="Signed links between concepts.")
    forecasts: list[Forecast] = Field(default_factory=list, description="Hedged statements about the future.")
    scenarios: list[Scenario] = Field(default_factory=list, description="What-if clamps on the causal map.")

    def get(self, section: str, item_id: str) -> Any:
        """Return the item with ``item_id`` in ``section``.

        Raises
        ------
        UnknownIdError
            If the model has no such section (E241) or no item of that section has that id (E242).
        """
        from realpolitik.errors import UnknownIdError

        if section not in SECTIONS:
            raise UnknownIdError.coded("E241", section=section, known=", ".join(SECTIONS))
        for item in getattr(self, section):
            if item.id == item_id:
                return item
        raise UnknownIdError.coded("E242", kind=section.rstrip("s").replace("_", " "), id=item_id)


SECTIONS.update(
    {
        "documents": Document,
        "actors": Actor,
        "relations": Relation,
        "events": Event,
        "concepts": Concept,
        "causal_links": CausalLink,
        "forecasts": Forecast,
        "scenarios": Scenario,
    }
)
