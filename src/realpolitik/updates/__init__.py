"""Updating a model with later documents: new items, changed relations and forecast evidence, all proposed."""

from realpolitik.updates.changes import RelationChange, find_changes
from realpolitik.updates.demo import run_update_demo
from realpolitik.updates.documents import INDEX_NAME, LaterDocument, later_documents, latest_model_date, read_index
from realpolitik.updates.embedding import EMBEDDER_FOLDER, MiniLmSimilarity, TfidfSimilarity, load_similarity
from realpolitik.updates.evidence import (
    RESOLVE_THRESHOLD,
    RETRIEVE_THRESHOLD,
    STANCE_THRESHOLD,
    ForecastEvidence,
    Passage,
    actor_names,
    find_forecast_evidence,
    read_stance,
    split_passages,
)
from realpolitik.updates.summary import changes_section
from realpolitik.updates.update import UpdateResult, read_record, record_path, update_model

__all__ = [
    "EMBEDDER_FOLDER",
    "INDEX_NAME",
    "RESOLVE_THRESHOLD",
    "RETRIEVE_THRESHOLD",
    "STANCE_THRESHOLD",
    "ForecastEvidence",
    "LaterDocument",
    "MiniLmSimilarity",
    "Passage",
    "RelationChange",
    "TfidfSimilarity",
    "UpdateResult",
    "actor_names",
    "changes_section",
    "find_changes",
    "find_forecast_evidence",
    "later_documents",
    "latest_model_date",
    "load_similarity",
    "read_index",
    "read_record",
    "read_stance",
    "record_path",
    "run_update_demo",
    "split_passages",
    "update_model",
]
