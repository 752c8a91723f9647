"""Reading documents into normalised text with stable character offsets, and the corpus store."""

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
from realpolitik.corpus.store import (
    DATA_DIR_ENV,
    TABLES,
    AddResult,
    CorpusStore,
    default_data_dir,
    open_store,
)
from realpolitik.corpus.store_add import add_paths
from realpolitik.corpus.structure import find_author_note
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
    "IngestFailure",
    "IngestReport",
    "IngestedDocument",
    "QueryResult",
    "Section",
    "SourceText",
    "actor_mentions",
    "add_paths",
    "causal_claims",
    "check_published",
    "default_data_dir",
    "detect_language",
    "drop_boilerplate",
    "export_parquet",
    "find_author_note",
    "find_documents",
    "import_parquet",
    "ingest_file",
    "ingest_paths",
    "iter_ingest",
    "normalise_text",
    "open_store",
    "read_bytes_checked",
    "read_source_text",
    "relation_timeline",
    "run_query",
    "select_document_ids",
    "sha256_hex",
    "write_document",
]
