"""Extract every pending document of a corpus store, in this process or on a Dask cluster.

Workers only compute: each receives a document, runs the extractor (loading the NLP pipeline once per
process, see :mod:`realpolitik.batch.worker`) and sends the extraction back. The client process alone
writes to DuckDB (which accepts one writing process per file), in small batches of one transaction per
document, so a run killed at any point keeps every finished document and a rerun picks up the rest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from realpolitik.batch.worker import Extractor, Loader, default_extractor, default_loader, extract_batch_task
from realpolitik.errors import BatchError, CorpusStoreError, Errors
from realpolitik.progress import ProgressBar, progress_bar
from realpolitik.store import CorpusStore

__all__ = ["FLUSH_EVERY", "FLUSH_SECONDS", "BatchReport", "check_extractor", "extract_corpus"]

#: Documents read from the store at a time (the client never holds the whole corpus in memory).
_READ_CHUNK = 64
#: Documents extracted together in this process (parsed as one batch by spaCy's ``nlp.pipe``).
_LOCAL_BATCH = 16
#: Results are written after this many documents or this many seconds, whichever comes first. Each write opens
#: the store and closes it (a checkpoint), some 0.1 s of the client's CPU: every 32 documents or 2 s, that was
#: about a fifth of a core, taken from the workers once they use every core (two workers over one: 1.59x on 600
#: briefs, 1.69x at these values). A killed run loses at most this much work; a rerun does it again.
FLUSH_EVERY = 256
FLUSH_SECONDS = 10.0
#: Documents sent to a worker as one task: enough for ``nlp.pipe`` to pay, few enough that two workers finish
#: at about the same time and a killed worker costs little.
_TASK_BATCH = 16


@dataclass
class BatchReport:
    """What a batch did and how fast."""

    mode: str
    workers: int
    pending: int = 0
    saved: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: host:pid -> documents, words, busy seconds, peak RSS (bytes), pipeline loads seen
    per_worker: dict[str, dict[str, float]] = field(default_factory=dict)
    #: whether the batch ended by rewriting the store without its free blocks (:meth:`CorpusStore.compact`)
    compacted: bool = False

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode, "workers": self.workers, "pending": self.pending, "saved": self.saved,
            "failed": self.failed, "words": self.words, "seconds": round(self.seconds, 3),
            "words_per_second": round(self.words_per_second, 1),
            "errors": [{"document_id": d, "error": e} for d, e in self.errors], "per_worker": self.per_worker,
            "compacted": self.compacted,
        }


def check_extractor() -> None:
    """Make sure the project's extractor can be imported before a batch starts.

    Raises
    ------
    BatchError
        E140 when :mod:`realpolitik.extract` has no ``extract_document`` or ``load_pipeline``.
    """
    try:
        from realpolitik.extract import extract_document, load_pipeline  # noqa: F401
    except ImportError as exc:
        raise BatchError(Errors.E140.format(reason=exc)) from exc


class _Writer:
    """Buffers results and writes them in one short session per batch (a few documents or a second's worth)."""

    def __init__(self, store: CorpusStore, report: BatchReport, bar: ProgressBar, every: int, seconds: float):
        self.store, self.report, self.bar = store, report, bar
        self.every, self.seconds = every, seconds
        self.buffer: list[dict[str, Any]] = []
        self.last = time.monotonic()

    def add(self, result: dict[str, Any]) -> None:
        self.buffer.append(result)
        stats = self.report.per_worker.setdefault(
            result["worker"], {"documents": 0, "words": 0, "busy_seconds": 0.0, "peak_rss": 0, "pipeline_loads": 0}
        )
        stats["documents"] += 1
        stats["words"] += result["words"]
        stats["busy_seconds"] += result.get("seconds") or 0.0
        stats["peak_rss"] = max(stats["peak_rss"], result.get("peak_rss") or 0)
        stats["pipeline_loads"] = max(stats["pipeline_loads"], result.get("pipeline_loads") or 0)
        if not result.get("ok"):
            self.report.failed += 1
            self.report.errors.append((result["document_id"], result.get("error", "")))
        else:
            self.report.words += result["words"]
        self.bar.advance(words=result["words"] if result.get("ok") else 0)
        if len(self.buffer) >= self.every or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.report.saved += self.store.write_results(self.buffer)
            self.buffer = []
        self.last = time.monotonic()


def _documents(store: CorpusStore, ids: list[str]) -> Iterator[Any]:
    for start in range(0, len(ids), _READ_CHUNK):
        yield from store.load_documents(ids[start:start + _READ_CHUNK])


def _batches(documents: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_corpus(
    store: CorpusStore,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    timeout: float = 10.0,
    in_process: bool | None = None,
    extractor: Extractor | None = None,
    loader: Loader | None = None,
    progress: bool = False,
    limit: int | None = None,
    flush_every: int = FLUSH_EVERY,
    flush_seconds: float = FLUSH_SECONDS,
) -> BatchReport:
    """Extract the documents that have no extraction yet and write the results back to the store.

    Parameters
    ----------
    store : CorpusStore
    workers : int
        Worker processes of the local cluster (ignored with ``scheduler``).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://HOST:PORT``); the job runs on its workers, which
        must have realpolitik installed.
    timeout : float
        Seconds to wait for the scheduler to answer.
    in_process : bool, optional
        Run in this process without Dask; the default for ``workers=1`` without a scheduler.
    extractor, loader : callable, optional
        ``extractor(document, nlp=...)`` and the pipeline ``loader()``; default the project's spaCy
        extractor (:func:`realpolitik.extract.extract_document`, :func:`realpolitik.extract.load_pipeline`).
        Both must be importable module-level functions to run on a cluster.
    progress : bool
        Show a progress bar with an ETA on stderr.
    limit : int, optional
        Extract at most this many documents.
    flush_every, flush_seconds : int, float
        Write results after this many documents or this long, whichever comes first.

    Returns
    -------
    BatchReport

    Raises
    ------
    BatchError
        E137 when the scheduler does not answer, E139 when it has no workers, E140 when the extractor is missing,
        E146 for a bad ``workers``, E147 when the cluster fails mid-way (what was finished is saved).
    CorpusStoreError
        When the database cannot be opened.
    """
    if workers < 1:
        raise BatchError(Errors.E146.format(option="--workers", requirement="at least 1", value=workers))
    if extractor is None:
        check_extractor()
        extractor, loader = default_extractor, loader or default_loader
    if in_process is None:
        in_process = scheduler is None and workers == 1
    mode = "in-process" if in_process else ("scheduler" if scheduler else "local-cluster")
    report = BatchReport(mode=mode, workers=1 if in_process else workers)
    ids = store.pending_ids()
    if limit is not None:
        ids = ids[:limit]
    report.pending = len(ids)
    client = cluster = None
    if not in_process and ids:
        client, cluster = _connect(scheduler, workers, timeout)
        if scheduler:
            report.workers = _wait_for_workers(client, scheduler, timeout)
    started = time.perf_counter()
    try:
        with progress_bar(len(ids), "extracting", enabled=progress) as bar:
            writer = _Writer(store, report, bar, flush_every, flush_seconds)
            cluster_error: Exception | None = None
            failing = True
            try:
                if in_process:
                    size = _LOCAL_BATCH if extractor is default_extractor else 1  # see _run_on_cluster
                    for batch in _batches(_documents(store, ids), size):
                        for result in extract_batch_task(batch, extractor, loader):
                            writer.add(result)
                elif ids:
                    _run_on_cluster(client, _documents(store, ids), extractor, loader, writer, report.workers)
                failing = False
            except (BatchError, CorpusStoreError):
                raise
            except Exception as exc:  # the cluster or the connection to it broke; save what came back
                if in_process:
                    raise
                cluster_error, failing = exc, False
            finally:
                try:
                    writer.flush()  # what came back before a crash or Ctrl-C is kept
                except CorpusStoreError:
                    if not failing:
                        raise
            if cluster_error is not None:
                raise BatchError(Errors.E147.format(reason=_first_line(cluster_error),
                                                    done=report.saved)) from cluster_error
    finally:
        report.seconds = time.perf_counter() - started
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    if report.saved:
        report.compacted = store.compact()
    return report


def _wait_for_workers(client: Any, scheduler: str, timeout: float) -> int:
    """The number of workers the scheduler has, waiting up to ``timeout`` for a first one."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        client.close()
        raise BatchError(Errors.E139.format(address=scheduler, timeout=timeout)) from exc
    return len(client.scheduler_info().get("workers", {}))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _connect(scheduler: str | None, workers: int, timeout: float) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=timeout, set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(Errors.E137.format(address=scheduler, timeout=timeout,
                                                reason=_first_line(exc))) from exc
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=logging.ERROR)
    try:
        return Client(cluster, set_as_default=False), cluster
    except Exception:
        cluster.close()
        raise


def _run_on_cluster(client: Any, documents: Iterator[Any], extractor: Extractor, loader: Loader | None,
                    writer: _Writer, workers: int) -> None:
    """Keep a few batches of documents per worker in flight, writing results back as they arrive."""
    from distributed import as_completed

    window = max(2, 2 * max(workers, 1))
    # batching pays only where the documents are parsed together (the project's extractor)
    batches = _batches(documents, _TASK_BATCH if extractor is default_extractor else 1)
    sent: dict[str, list[Any]] = {}

    def submit(batch: list[Any]) -> Any:
        future = client.submit(extract_batch_task, batch, extractor, loader, pure=False,
                               key=f"extract-{batch[0].id[:16]}-{time.monotonic_ns()}")
        sent[future.key] = batch
        return future

    pending = as_completed(loop=client.loop)
    for batch in batches:
        pending.add(submit(batch))
        if pending.count() >= window:
            break
    for future in pending:
        batch = sent.pop(future.key)
        try:
            results = future.result()
        except Exception as exc:  # noqa: BLE001 - a task that killed its worker is the failure of its documents
            if not client.status == "running":
                raise
            if len(batch) > 1:  # each document again on its own, so only the one that kills a worker fails
                for document in batch:
                    pending.add(submit([document]))
                future.release()
                continue
            results = [{"document_id": batch[0].id, "ok": False, "words": 0, "worker": "?",
                        "error": f"{type(exc).__name__}: {exc}"}]
        future.release()
        for result in results:
            writer.add(result)
        following = next(batches, None)
        if following is not None:
            pending.add(submit(following))
