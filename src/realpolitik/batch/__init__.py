"""Batch extraction over the corpus store, in this process or on a Dask cluster, written back transactionally."""

from realpolitik.batch.draft import draft_from_store
from realpolitik.batch.runner import BatchReport, check_extractor, extract_corpus
from realpolitik.batch.worker import cached_pipeline, default_extractor, default_loader, extract_task

__all__ = [
    "BatchReport",
    "cached_pipeline",
    "check_extractor",
    "default_extractor",
    "default_loader",
    "draft_from_store",
    "extract_corpus",
    "extract_task",
]
