"""Batch extraction: in this process, on a two-worker LocalCluster, killed mid-way, with a scheduler that is absent."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from realpolitik.batch import extract_corpus
from realpolitik.errors import BatchError, CorpusStoreError
from realpolitik.store import CorpusStore, run_query
from tests.batch import fakes
from tests.batch.conftest import write_briefs

REPO = Path(__file__).resolve().parents[2]


def _consistent(path: Path) -> tuple[int, int]:
    """Check that every extracted document has all its rows and no other has any; return (done, pending)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        mismatched = con.execute("""
            SELECT count(*) FROM extractions e
            WHERE e.n_actors != (SELECT count(*) FROM actors a WHERE a.document_id = e.document_id)
               OR e.n_mentions != (SELECT count(*) FROM mentions m WHERE m.document_id = e.document_id)
        """).fetchone()[0]
        orphans = con.execute("""
            SELECT (SELECT count(*) FROM actors WHERE document_id NOT IN (SELECT document_id FROM extractions))
                 + (SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT document_id FROM extractions))
        """).fetchone()[0]
        done = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
        total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()
    assert mismatched == 0, "an extraction's rows are incomplete"
    assert orphans == 0, "rows of a document whose extraction was not committed"
    return done, total - done


def test_in_process_batch_saves_every_document_and_loads_the_pipeline_once(briefs_store):
    report = extract_corpus(briefs_store, extractor=fakes.extract, loader=fakes.load)
    assert (report.mode, report.pending, report.saved, report.failed) == ("in-process", 24, 24, 0)
    assert [stats["pipeline_loads"] for stats in report.per_worker.values()] == [1]
    assert _consistent(briefs_store.path) == (24, 0)
    # every brief names two states, five mentions in all (the first twice, the second three times)
    assert run_query(briefs_store, "SELECT min(n_actors), max(n_actors), sum(n_mentions) FROM extractions").rows == [
        (2, 2, 24 * 5)]
    again = extract_corpus(briefs_store, extractor=fakes.extract, loader=fakes.load)
    assert (again.pending, again.saved) == (0, 0)


def test_a_document_that_fails_is_recorded_and_retried_next_run(briefs_store, tmp_path):
    poisoned = tmp_path / "poisoned"
    poisoned.mkdir()
    (poisoned / "bad.txt").write_text("Norland sent a poison letter to Sudland.", encoding="utf-8")
    from realpolitik.store import add_paths

    add_paths(briefs_store, [poisoned])
    report = extract_corpus(briefs_store, extractor=fakes.fail_on_poison, loader=fakes.load)
    assert (report.saved, report.failed) == (24, 1)
    assert "poisoned" in report.errors[0][1]
    listed = {row["id"]: row for row in briefs_store.list_documents()}
    assert sum(row["failed"] for row in listed.values()) == 1
    rerun = extract_corpus(briefs_store, extractor=fakes.extract, loader=fakes.load)
    assert (rerun.pending, rerun.saved, rerun.failed) == (1, 1, 0)
    assert briefs_store.count("failures") == 0


def test_local_cluster_with_two_workers_on_loopback(briefs_store, monkeypatch):
    """Half the corpus through a running LocalCluster's scheduler address, the rest on a cluster of our own."""
    from distributed import LocalCluster

    monkeypatch.setenv("FAKE_DELAY", "0.05")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        report = extract_corpus(briefs_store, scheduler=cluster.scheduler_address, limit=12, timeout=60,
                                extractor=fakes.slow_extract, loader=fakes.load)
    assert (report.mode, report.workers, report.saved, report.failed) == ("scheduler", 2, 12, 0)
    # two worker processes, neither of them this one, each loaded its pipeline exactly once
    assert len(report.per_worker) == 2
    assert all(not name.endswith(f":{os.getpid()}") for name in report.per_worker)
    assert [stats["pipeline_loads"] for stats in report.per_worker.values()] == [1, 1]
    assert sum(stats["documents"] for stats in report.per_worker.values()) == 12
    rest = extract_corpus(briefs_store, workers=2, extractor=fakes.slow_extract, loader=fakes.load, timeout=60)
    assert (rest.mode, rest.pending, rest.saved) == ("local-cluster", 12, 12)
    assert [stats["pipeline_loads"] for stats in rest.per_worker.values()] == [1, 1]
    # the notes carry the pipeline each document saw: one per worker process, four processes in all
    assert len(run_query(briefs_store, "SELECT DISTINCT notes[1] FROM extractions").rows) == 4
    assert _consistent(briefs_store.path) == (24, 0)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_scheduler_that_does_not_answer_loses_nothing(briefs_store):
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(BatchError, match=r"E?no Dask scheduler answers at tcp://127\.0\.0\.1:\d+ within 1 s"):
        extract_corpus(briefs_store, scheduler=address, timeout=1, extractor=fakes.extract, loader=fakes.load)
    assert time.monotonic() - started < 30
    assert len(briefs_store.pending_ids()) == 24
    assert briefs_store.count("documents") == 24


def test_workers_must_be_positive(briefs_store):
    with pytest.raises(BatchError, match="--workers must be at least 1"):
        extract_corpus(briefs_store, workers=0, extractor=fakes.extract, loader=fakes.load)


def test_kill_9_mid_batch_leaves_a_consistent_store_and_a_rerun_does_only_the_rest(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb")
    from realpolitik.store import add_paths

    add_paths(store, write_briefs(tmp_path / "briefs", 40))
    batch = subprocess.Popen([sys.executable, "-m", "tests.batch.fakes", str(store.path)], cwd=REPO,
                             env={**os.environ, "FAKE_DELAY": "0.1"}, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        done = 0
        while done < 5 and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.1)
            try:
                done = run_query(CorpusStore(store.path, lock_timeout=2), "SELECT count(*) FROM extractions").rows[0][0]
            except Exception:  # noqa: BLE001 - the writer may hold the file for a moment; try again
                continue
        assert batch.poll() is None, batch.stderr.read().decode()
        os.kill(batch.pid, signal.SIGKILL)
    finally:
        batch.wait(timeout=30)
        batch.stderr.close()
    assert batch.returncode == -signal.SIGKILL
    done, pending = _consistent(store.path)
    assert done >= 5 and pending > 0, (done, pending)
    finished = set(run_query(store, "SELECT document_id FROM extractions").rows)
    seen = []

    def recording(document, *, nlp=None):
        seen.append(document.id)
        return fakes.extract(document, nlp=nlp)

    report = extract_corpus(store, extractor=recording, loader=fakes.load)
    assert report.saved == pending == len(seen)
    assert not finished & {(doc_id,) for doc_id in seen}
    assert _consistent(store.path) == (40, 0)


def test_the_real_extractor_end_to_end(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb")
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Norway and Sweden signed a fisheries agreement in Oslo on 3 May 2019. Higher quotas will likely raise "
        "tensions with Russia, which warned that it may close its ports.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "In 2020 Russia and Norway held talks in Moscow. Sanctions weaken the economy of Russia, the minister "
        "said.\n", encoding="utf-8")
    from realpolitik.store import add_paths

    add_paths(store, [folder])
    report = extract_corpus(store)
    assert (report.saved, report.failed) == (2, 0)
    assert _consistent(store.path) == (2, 0)
    names = {row[0] for row in run_query(store, "SELECT DISTINCT name FROM actors").rows}
    assert {"Norway", "Russia"} <= names


def test_a_scheduler_without_workers_is_reported(briefs_store):
    from distributed import LocalCluster

    with (
        LocalCluster(n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None,
                     silence_logs=logging.ERROR) as cluster,
        pytest.raises(BatchError, match="has no workers \\(waited 1 s\\)"),
    ):
        extract_corpus(briefs_store, scheduler=cluster.scheduler_address, timeout=1,
                       extractor=fakes.extract, loader=fakes.load)
    assert len(briefs_store.pending_ids()) == 24


def test_a_document_that_kills_its_worker_is_recorded_and_the_rest_saved(briefs_store, tmp_path):
    """With no retries allowed, the poisoned brief fails at once (KilledWorker) and the batch goes on."""
    import dask
    from distributed import LocalCluster

    from realpolitik.store import add_paths

    (tmp_path / "poison").mkdir()
    (tmp_path / "poison" / "p.txt").write_text("Norland mailed poison to Sudland.", encoding="utf-8")
    add_paths(briefs_store, [tmp_path / "poison"])
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
        report = extract_corpus(briefs_store, scheduler=cluster.scheduler_address, timeout=60,
                                extractor=fakes.crash_on_poison, loader=fakes.load)
    # every document is saved or recorded as failed; a brief that shared the dying worker may fail with it
    assert report.saved + report.failed == 25 and report.saved >= 20
    poison = {doc_id for doc_id, message in report.errors if "KilledWorker" in message}
    assert len(poison) == report.failed
    assert _consistent(briefs_store.path) == (report.saved, report.failed)
    rerun = extract_corpus(briefs_store, extractor=fakes.fail_on_poison, loader=fakes.load)
    assert (rerun.pending, rerun.saved, rerun.failed) == (report.failed, report.failed - 1, 1)
    assert _consistent(briefs_store.path) == (24, 1)


_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def test_a_store_locked_mid_batch_stops_it_with_the_finished_documents_kept(tmp_path):
    from realpolitik.errors import CorpusStoreError
    from realpolitik.store import add_paths

    store = CorpusStore(tmp_path / "corpus.duckdb", lock_timeout=0.5)
    add_paths(store, write_briefs(tmp_path / "briefs", 10))
    holders = []

    def lock_at_the_fifth(document, *, nlp=None):
        if len(holders) == 0 and store.count("extractions") >= 4:
            holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(store.path)], stdout=subprocess.PIPE, text=True)
            holders.append(holder)
            assert holder.stdout.readline().strip() == "holding"
        return fakes.extract(document, nlp=nlp)

    try:
        with pytest.raises(CorpusStoreError, match="is locked by another process"):
            extract_corpus(store, extractor=lock_at_the_fifth, loader=fakes.load, flush_every=1)
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
            holder.stdout.close()
    done, pending = _consistent(store.path)
    assert done == 4 and pending == 6
    rest = extract_corpus(store, extractor=fakes.extract, loader=fakes.load)
    assert rest.saved == 6 and _consistent(store.path) == (10, 0)


def test_a_batch_that_leaves_free_blocks_ends_by_compacting_the_store(briefs_store):
    os.chmod(briefs_store.path, 0o640)
    before = {table: briefs_store.count(table) for table in ("documents", "extractions", "actors", "mentions")}
    report = extract_corpus(briefs_store, extractor=fakes.slow_extract, loader=fakes.load, flush_every=1)
    assert report.saved == 24 and report.as_dict()["compacted"] is report.compacted
    # one transaction per document leaves freed blocks behind; the batch rewrote the file without them
    assert report.compacted and briefs_store.free_share() == 0.0
    assert _consistent(briefs_store.path) == (24, 0)
    assert briefs_store.count("documents") == before["documents"]
    assert run_query(briefs_store, "SELECT sum(n_mentions) FROM extractions").rows == [(24 * 5 * 20,)]
    assert os.stat(briefs_store.path).st_mode & 0o777 == 0o640
    assert [p.name for p in briefs_store.path.parent.iterdir() if "compacting" in p.name] == []
    # a store with little free space is left as it is
    assert briefs_store.compact() is False


def test_compacting_refuses_cleanly_when_the_copy_cannot_be_written(briefs_store, monkeypatch):
    extract_corpus(briefs_store, extractor=fakes.extract, loader=fakes.load)
    original = briefs_store.path.read_bytes()

    def no_room(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    with pytest.raises(CorpusStoreError, match="cannot write .*No space left on device"):
        briefs_store.compact(min_free_share=0.0)
    assert briefs_store.path.read_bytes() == original
    assert [p.name for p in briefs_store.path.parent.iterdir() if "compacting" in p.name] == []
