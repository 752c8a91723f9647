"""Reading documents into normalised text with stable character offsets (the ingest stage)."""

from realpolitik.corpus.boilerplate import drop_boilerplate
from realpolitik.corpus.document import IngestedDocument, Section, check_published
from realpolitik.corpus.ingest import (
    IngestFailure,
    IngestReport,
    find_documents,
    ingest_file,
    ingest_paths,
    iter_ingest,
)
from realpolitik.corpus.language import detect_language
from realpolitik.corpus.output import write_document
from realpolitik.corpus.structure import author_note_name, find_author_note
from realpolitik.corpus.text import (
    MAX_TEXT_BYTES,
    SourceText,
    normalise_text,
    read_bytes_checked,
    read_source_text,
    sha256_hex,
)

__all__ = [
    "MAX_TEXT_BYTES",
    "IngestFailure",
    "IngestReport",
    "IngestedDocument",
    "Section",
    "SourceText",
    "author_note_name",
    "check_published",
    "detect_language",
    "drop_boilerplate",
    "find_author_note",
    "find_documents",
    "ingest_file",
    "ingest_paths",
    "iter_ingest",
    "normalise_text",
    "read_bytes_checked",
    "read_source_text",
    "sha256_hex",
    "write_document",
]
