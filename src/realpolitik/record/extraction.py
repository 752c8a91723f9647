"""What the extractor returns: a draft of a document's system, every item with its evidence span.

This is the JSON of ``realpolitik extract PATH --format json`` and the record the corpus store keeps. Every
field is declared (an unknown key is an error, so a typo in a hand-made record is caught, not carried); the
JSON Schema is committed as ``data/schema/extraction.schema.json`` (``realpolitik schema --extraction``).
Unlike the model file, an extraction may quote the source (``SpanEvidence.text``): it is a working product
read beside the document, never committed.

The module imports nothing but pydantic, so the draft, the store and the web app read records without
loading the NLP pipeline.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Out):
    """A character range of the document's normalised text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SpanEvidence(Mention):
    """The span an item was read from, with the source's words for the reviewer."""

    text: str


class ExtractedSection(_Out):
    title: str
    start: int
    end: int


class ExtractedDocument(_Out):
    id: str = Field(description="sha256 of the original bytes.")
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    sections: list[ExtractedSection] = Field(default_factory=list)
    reference_date: str | None = Field(default=None, description="EDTF date the text speaks from: the publication "
                                       "date when known, else the latest date the text states.")
    body_end: int | None = Field(default=None, description="Where the argument ends when an author's note closes "
                                 "the text (nothing past it is extracted); null when the text has none.")
    filename: str | None = Field(default=None, description="File name of the document read, so that a model "
                                 "drafted from this extraction finds its text beside it; null for a text given "
                                 "as a string.")


class ExtractedActor(_Out):
    id: str
    name: str
    kind: str = Field(description="One of the model's actor kinds (state, armed_group, …, person).")
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    affiliation: str | None = Field(default=None, description="For a person: id of the actor they act for.")
    mentions: list[Mention] = Field(default_factory=list)
    iso3: str | None = Field(default=None, description="ISO 3166 alpha-3 code of a state or of the state a "
                             "government or collective belongs to.")


class ExtractedEvent(_Out):
    id: str
    date: str | None = Field(default=None, description="EDTF ('2021-04', '199X'), or null when not placeable.")
    date_text: str | None = None
    description: str = Field(description="A short clause in our words, read from the parse: who did what to whom "
                             "('new government of X signed contract with Y'); evidence.text keeps the source's words.")
    type: str = Field(description="PLOVER event type in lower case, or 'other'.")
    actors: list[str] = Field(default_factory=list)
    evidence: SpanEvidence
    trigger: str | None = Field(default=None, description="The word the event was read from ('signed').")
    date_inferred: bool = Field(default=False, description="True when the date comes from the narrative around "
                                "the clause, not from a date in it.")


class ExtractedRelation(_Out):
    source: str
    target: str
    type: str = Field(description="One of the model's relation types.")
    polarity: float = Field(ge=-1.0, le=1.0)
    valid_from: str | None = None
    valid_to: str | None = None
    evidence: SpanEvidence
    cue: str | None = Field(default=None, description="The words the relation was read from.")


class ExtractedCausalLink(_Out):
    cause: str = Field(description="The cause phrase as it stands in the text.")
    effect: str = Field(description="The effect phrase as it stands in the text.")
    polarity: int = Field(description="+1 the cause raises the effect, -1 it lowers it.")
    hedge: str | None = Field(default=None, description="The hedge on the claim ('may'), if any.")
    evidence: SpanEvidence
    cue: str | None = Field(default=None, description="The causal cue as it stands in the text ('led to').")
    cue_kind: str | None = Field(default=None, description="How the cue joins its sides (verb, noun, "
                                 "connective, …).")
    strength: str | None = Field(default=None, description="'strong' or 'weak': a weak cue needs the sentence "
                                 "classifier's support.")
    score: float | None = Field(default=None, description="The causal-sentence classifier's probability, when "
                                "it ran.")
    negated: bool = Field(default=False, description="True when the text denies the claim (the polarity is "
                          "flipped).")
    cause_span: Mention | None = None
    effect_span: Mention | None = None


class ExtractedForecast(_Out):
    statement: str
    actors: list[str] = Field(default_factory=list)
    estimative_term: str
    band: str | None = Field(default=None, description="ICD 203 band name the term maps to.")
    probability: tuple[float, float]
    evidence: SpanEvidence
    negated: bool = Field(default=False, description="True when the forecast is that something will not happen.")
    condition: str | None = Field(default=None, description="The if-clause of a conditional forecast.")
    term_span: Mention | None = Field(default=None, description="Where the estimative term stands.")
    sentence: Mention | None = Field(default=None, description="The sentence the forecast is read from.")


class Extraction(_Out):
    document: ExtractedDocument
    actors: list[ExtractedActor] = Field(default_factory=list)
    events: list[ExtractedEvent] = Field(default_factory=list)
    relations: list[ExtractedRelation] = Field(default_factory=list)
    causal_links: list[ExtractedCausalLink] = Field(default_factory=list)
    forecasts: list[ExtractedForecast] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="What the reader should know (language, skipped parts).")
