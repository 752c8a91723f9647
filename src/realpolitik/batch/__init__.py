"""Batch extraction over the corpus store, in this process or on a Dask cluster, written back transactionally;
drafting from the store, and adding a stored document to a model file with its draft."""

from realpolitik.batch.draft import draft_from_store
from realpolitik.batch.model import add_from_store, document_texts, stored_documents
from realpolitik.batch.runner import BatchReport, check_extractor, extract_corpus
from realpolitik.batch.worker import cached_pipeline, default_extractor, default_loader, extract_task

__all__ = [
    "BatchReport",
    "add_from_store",
    "cached_pipeline",
    "check_extractor",
    "default_extractor",
    "default_loader",
    "document_texts",
    "draft_from_store",
    "extract_corpus",
    "extract_task",
    "stored_documents",
]
