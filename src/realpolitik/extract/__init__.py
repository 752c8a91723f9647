"""Extraction: from a document's text to a draft of its system (actors, events, relations, causes, forecasts)."""

from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.forecasts import find_forecasts
from realpolitik.extract.schema import (
    ExtractedActor,
    ExtractedCausalLink,
    ExtractedDocument,
    ExtractedEvent,
    ExtractedForecast,
    ExtractedRelation,
    ExtractedSection,
    Extraction,
    Mention,
    SpanEvidence,
)

__all__ = [
    "ExtractedActor",
    "ExtractedCausalLink",
    "ExtractedDocument",
    "ExtractedEvent",
    "ExtractedForecast",
    "ExtractedRelation",
    "ExtractedSection",
    "Extraction",
    "Mention",
    "SpanEvidence",
    "find_causal_links",
    "find_forecasts",
]
