"""Reading documents into normalised text with stable character offsets."""

from realpolitik.corpus.document import IngestedDocument, Section
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
    "IngestedDocument",
    "Section",
    "SourceText",
    "normalise_text",
    "read_bytes_checked",
    "read_source_text",
    "sha256_hex",
]
