"""Extraction: from a document's text to a draft of its system (actors, events, relations, causes, forecasts).

What it returns is a :class:`realpolitik.record.Extraction`.
"""

from realpolitik.extract.assemble import (
    BATCH_SIZE,
    PARSE_CHARS,
    SECTION_CHARS,
    extract_document,
    extract_documents,
    extract_file,
    extract_text,
    run_pipeline,
    streamed_extraction,
)
from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.dates import find_dates, parse_date
from realpolitik.extract.forecasts import find_forecasts
from realpolitik.extract.pipeline import load_pipeline

__all__ = [
    "BATCH_SIZE",
    "PARSE_CHARS",
    "SECTION_CHARS",
    "extract_document",
    "extract_documents",
    "extract_file",
    "extract_text",
    "find_causal_links",
    "find_dates",
    "find_forecasts",
    "load_pipeline",
    "parse_date",
    "run_pipeline",
    "streamed_extraction",
]
