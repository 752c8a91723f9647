"""The extraction record: what the extractor finds in one document, as declared data.

A stage of its own, above the ingest stage and below extraction, so that everything that reads or stores
records (draft, the corpus store, the web app, evaluation) does so without importing the NLP pipeline.
"""

from realpolitik.record.extraction import (
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
]
