"""Reading documents into normalised text with stable character offsets, and the corpus store."""

from realpolitik.corpus.document import IngestedDocument, Section
from realpolitik.corpus.store import (
    DATA_DIR_ENV,
    TABLES,
    AddResult,
    CorpusStore,
    default_data_dir,
    open_store,
)
from realpolitik.corpus.store_add import add_paths, collect_files
from realpolitik.corpus.store_parquet import export_parquet, import_parquet
from realpolitik.corpus.store_queries import (
    QueryResult,
    actor_mentions,
    causal_claims,
    relation_timeline,
    run_query,
    select_document_ids,
)
from realpolitik.corpus.text import (
    MAX_TEXT_BYTES,
    SourceText,
    normalise_text,
    read_bytes_checked,
    read_source_text,
    sha256_hex,
)

__all__ = [
    "DATA_DIR_ENV",
    "MAX_TEXT_BYTES",
    "TABLES",
    "AddResult",
    "CorpusStore",
    "IngestedDocument",
    "QueryResult",
    "Section",
    "SourceText",
    "actor_mentions",
    "add_paths",
    "causal_claims",
    "collect_files",
    "default_data_dir",
    "export_parquet",
    "import_parquet",
    "normalise_text",
    "open_store",
    "read_bytes_checked",
    "read_source_text",
    "relation_timeline",
    "run_query",
    "select_document_ids",
    "sha256_hex",
]
