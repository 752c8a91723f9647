"""The corpus store: many documents and their extractions in one DuckDB file, and questions across them.

It sits above the extraction stage: it keeps what :mod:`realpolitik.corpus` read and what
:mod:`realpolitik.extract` found, and answers queries over both (docs/corpus.md). Batch extraction over a store
is :mod:`realpolitik.batch`'s.
"""

from realpolitik.store.add import add_paths
from realpolitik.store.database import (
    DATA_DIR_ENV,
    EXTRACTION_TABLES,
    TABLES,
    AddResult,
    CorpusStore,
    default_data_dir,
    open_store,
)
from realpolitik.store.parquet import export_parquet, import_parquet
from realpolitik.store.queries import (
    QueryResult,
    actor_mentions,
    causal_claims,
    relation_timeline,
    run_query,
    select_document_ids,
)

__all__ = [
    "DATA_DIR_ENV",
    "EXTRACTION_TABLES",
    "TABLES",
    "AddResult",
    "CorpusStore",
    "QueryResult",
    "actor_mentions",
    "add_paths",
    "causal_claims",
    "default_data_dir",
    "export_parquet",
    "import_parquet",
    "open_store",
    "relation_timeline",
    "run_query",
    "select_document_ids",
]
