"""The corpus store on real DuckDB files: adding, duplicates, bad input, damaged and locked files, concurrent
readers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.corpus import IngestedDocument
from realpolitik.errors import CorpusStoreError
from realpolitik.store import (
    DATA_DIR_ENV,
    CorpusStore,
    add_paths,
    default_data_dir,
    export_parquet,
    import_parquet,
    open_store,
    run_query,
)

REPO = Path(__file__).resolve().parents[2]


def _doc(i: int, text: str | None = None, **extra) -> IngestedDocument:
    return IngestedDocument(id=f"{i:064x}", text=text or f"Brief {i}: Norland and Sudland talked about the river.",
                            **extra)


def test_re_adding_the_same_bytes_adds_nothing(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Brief {i}: the two states met at the dam.", encoding="utf-8")
    store = CorpusStore(tmp_path / "corpus.duckdb")
    first = add_paths(store, [folder])
    assert len(first.added) == 3 and not first.duplicates and not first.failed
    second = add_paths(store, [folder])
    assert second.added == [] and len(second.duplicates) == 3
    # the same bytes under another name are the same document
    (tmp_path / "copy.txt").write_bytes((folder / "1.txt").read_bytes())
    third = add_paths(store, [tmp_path / "copy.txt"])
    assert third.added == [] and third.duplicates[0][0].endswith("copy.txt")
    assert store.count("documents") == 3


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.sampled_from(["Norland", "Sudland", "signed", "a treaty", "on the river", "."]).map(str),
                      min_size=1, max_size=8).map(" ".join).filter(str.strip).map(lambda s: s + ".")
       .flatmap(lambda first: st.lists(st.just(first) | st.text("abc Norland.", min_size=1).filter(str.strip),
                                       min_size=1, max_size=6)))
def test_the_store_holds_each_distinct_document_once(tmp_path_factory, texts):
    store = CorpusStore(tmp_path_factory.mktemp("h") / "corpus.duckdb")
    import hashlib

    docs = [IngestedDocument(id=hashlib.sha256(t.encode()).hexdigest(), text=t) for t in texts]
    result = store.add_documents(docs)
    assert len(result.added) == len({d.id for d in docs}) == store.count("documents")
    assert len(result.added) + len(result.duplicates) == len(docs)
    assert store.add_documents(docs).added == []


def test_a_folder_with_binary_empty_duplicate_and_unreadable_files(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good_1.txt").write_text("Norland and Sudland signed a treaty on the river.", encoding="utf-8")
    (folder / "good_2.md").write_text("# Dam talks\n\nSudland warned Norland about the dam.", encoding="utf-8")
    (folder / "same_as_1.txt").write_bytes((folder / "good_1.txt").read_bytes())
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    if os.geteuid() != 0:  # root reads any file, so a permission test means nothing there
        locked = folder / "locked.txt"
        locked.write_text("Eastland stayed quiet.", encoding="utf-8")
        locked.chmod(0)
    store = CorpusStore(tmp_path / "corpus.duckdb")
    result = add_paths(store, [folder, tmp_path / "no_such_folder"])
    assert len(result.added) == 2
    assert [Path(p).name for p, _ in result.duplicates] == ["same_as_1.txt"]
    failed = {Path(p).name: message for p, message in result.failed}
    assert set(failed) >= {"image.txt", "empty.txt", "dangling.txt", "no_such_folder"}
    assert "binary" in failed["image.txt"] and "empty" in failed["empty.txt"]
    assert all("\n" not in message and Path(path).name in message for path, message in result.failed)
    assert {row["title"] for row in store.list_documents()} >= {"Dam talks"}


def test_a_damaged_file_is_named_and_left_alone(tmp_path):
    bad = tmp_path / "corpus.duckdb"
    bad.write_bytes(b"this is not a database " * 200)
    before = bad.read_bytes()
    with pytest.raises(CorpusStoreError, match=r"corpus\.duckdb is not a realpolitik corpus database") as caught:
        CorpusStore(bad).add_documents([_doc(1)])
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(CorpusStoreError, match="not a realpolitik corpus database"):
        CorpusStore(bad).list_documents()
    assert bad.read_bytes() == before


def test_a_truncated_database_is_reported(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb")
    store.add_documents([_doc(i, "word " * 2000) for i in range(50)])
    data = store.path.read_bytes()
    store.path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorpusStoreError, match="damaged"):
        store.list_documents()


def test_a_database_of_another_program_is_refused(tmp_path):
    import duckdb

    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE things (x INTEGER)")
    con.close()
    with pytest.raises(CorpusStoreError, match="no realpolitik tables"):
        CorpusStore(other).list_documents()


_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_a_locked_database_gives_a_clear_message_after_a_short_wait(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb", lock_timeout=0.5)
    store.add_documents([_doc(1)])
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(store.path), "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with pytest.raises(CorpusStoreError, match=rf"locked by another process \(PID {holder.pid}\)"):
            store.add_documents([_doc(2)])
        assert 0.4 < time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert store.count("documents") == 1


def test_a_writer_waits_for_a_short_lock(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb", lock_timeout=20)
    store.add_documents([_doc(1)])
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(store.path), "1.0"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert store.add_documents([_doc(2)]).added == [_doc(2).id]
    finally:
        holder.wait()
        holder.stdout.close()
    assert store.count("documents") == 2


def test_a_reader_runs_beside_a_batch_that_writes(tmp_path):
    """Another process queries the store again and again while a batch writes it; every read is consistent."""
    store = CorpusStore(tmp_path / "corpus.duckdb")
    from tests.batch.conftest import write_briefs

    add_paths(store, write_briefs(tmp_path / "briefs", 12))
    batch = subprocess.Popen([sys.executable, "-m", "tests.batch.fakes", str(store.path)], cwd=REPO,
                             env={**os.environ, "FAKE_DELAY": "0.1"}, stderr=subprocess.PIPE)
    reader = CorpusStore(store.path, lock_timeout=30)
    seen = []
    try:
        while batch.poll() is None:
            rows = run_query(reader, """SELECT (SELECT count(*) FROM extractions),
                                               (SELECT count(DISTINCT document_id) FROM actors),
                                               (SELECT count(*) FROM mentions)""").rows[0]
            seen.append(rows)
            time.sleep(0.05)
    finally:
        batch.wait(timeout=120)
        error = batch.stderr.read().decode()
        batch.stderr.close()
    assert batch.returncode == 0, error
    done = [extracted for extracted, _, _ in seen]
    assert done == sorted(done), "a reader saw the count of extractions go down"
    assert all(extracted == with_actors for extracted, with_actors, _ in seen), "a reader saw half a document"
    assert len({d for d in done if 0 < d < 12}) >= 3, f"too few reads while the batch was writing: {done}"
    assert run_query(store, "SELECT count(*) FROM extractions").rows == [(12,)]


def test_data_dir_from_option_environment_or_user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from_env"))
    assert open_store().path == tmp_path / "from_env" / "corpus.duckdb"
    assert open_store(tmp_path / "given").path == tmp_path / "given" / "corpus.duckdb"
    assert open_store(tmp_path / "mine.duckdb").path == tmp_path / "mine.duckdb"
    monkeypatch.delenv(DATA_DIR_ENV)
    import platformdirs

    assert default_data_dir() == Path(platformdirs.user_data_dir("realpolitik", appauthor=False))
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusStoreError, match="it is a file, not a directory"):
        open_store(tmp_path / "a_file")


def test_show_resolves_a_prefix_and_refuses_ambiguous_or_unknown_ids(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb")
    store.add_documents([_doc(0x10), _doc(0x11), _doc(0x2ff, published="2021-08-30", title="A brief")])
    shown = store.get_document("0" * 61 + "2ff")
    assert (shown["title"], shown["published"], shown["extraction"]) == ("A brief", "2021-08-30", None)
    assert store.resolve_id("0" * 62 + "11") == _doc(0x11).id
    with pytest.raises(CorpusStoreError, match="matches 2 documents"):
        store.resolve_id("0" * 62 + "1")
    with pytest.raises(CorpusStoreError, match="no document with id 'feed'"):
        store.get_document("feed")


def _result(doc_id: str, payload: dict) -> dict:
    return {"document_id": doc_id, "ok": True, "payload": {"document": {"id": doc_id}, **payload}, "seconds": 0.01,
            "worker": "test:1"}


def test_parquet_export_and_import_round_trip(tmp_path):
    store = CorpusStore(tmp_path / "a" / "corpus.duckdb")
    docs = [_doc(i, published=f"2021-0{i + 1}-15") for i in range(3)]
    store.add_documents(docs)
    store.write_results([_result(docs[0].id, {
        "document": {"id": docs[0].id},
        "actors": [{"id": "norland", "name": "Norland", "kind": "state", "aliases": ["the north"],
                    "mentions": [{"start": 9, "end": 16}]}],
        "events": [{"id": "e1", "date": "2021-01", "description": "talks", "type": "consult", "actors": ["norland"],
                    "evidence": {"start": 0, "end": 20, "text": "Brief 0: Norland and"}}],
        "forecasts": [{"statement": "more talks", "estimative_term": "likely", "band": "likely",
                       "probability": [0.55, 0.8], "evidence": {"start": 0, "end": 5, "text": "Brief"}}],
    })])
    store.write_results([{"document_id": docs[1].id, "ok": False, "error": "ValueError: broken", "worker": "t:1"}])
    written = export_parquet(store, tmp_path / "export")
    assert written["documents"] == 3 and written["mentions"] == 1 and written["failures"] == 1
    copy = CorpusStore(tmp_path / "b" / "corpus.duckdb")
    added = import_parquet(copy, tmp_path / "export")
    assert added["documents"] == 3 and added["extractions"] == 1 and added["forecasts"] == 1
    for table, order in [("documents", "id"), ("extractions", "document_id"), ("actors", "document_id"),
                         ("mentions", "document_id"), ("events", "document_id"), ("forecasts", "document_id"),
                         ("failures", "document_id")]:
        assert run_query(copy, f"SELECT * FROM {table} ORDER BY {order}").rows == \
            run_query(store, f"SELECT * FROM {table} ORDER BY {order}").rows, table
    again = import_parquet(copy, tmp_path / "export")
    assert sum(again.values()) == 0
    assert copy.extractions([docs[0].id])[docs[0].id].actors[0].aliases == ["the north"]


def test_import_refuses_a_folder_without_tables_and_a_bad_file_changes_nothing(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb")
    store.add_documents([_doc(1)])
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusStoreError, match="holds no table exported by"):
        import_parquet(store, tmp_path / "empty")
    export_parquet(store, tmp_path / "export")
    other = CorpusStore(tmp_path / "other.duckdb")
    (tmp_path / "export" / "extractions.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(CorpusStoreError, match=r"cannot import .*extractions\.parquet"):
        import_parquet(other, tmp_path / "export")
    assert other.count("documents") == 0, "a failed import must leave nothing behind"


def test_an_extraction_that_does_not_fit_is_recorded_as_failed_and_the_rest_saved(tmp_path):
    store = CorpusStore(tmp_path / "corpus.duckdb")
    docs = [_doc(i) for i in range(3)]
    store.add_documents(docs)
    good = {"actors": [{"id": "norland", "name": "Norland", "kind": "state", "mentions": [{"start": 9, "end": 16}]}]}
    bad = {"actors": [{"id": "nameless", "kind": "state"}]}  # no name
    saved = store.write_results([_result(docs[0].id, good), _result(docs[1].id, bad), _result(docs[2].id, good)])
    assert saved == 2
    assert store.pending_ids() == [docs[1].id]
    assert "does not fit the store" in store.get_document(docs[1].id)["failure"]
    assert run_query(store, "SELECT count(*) FROM actors").rows == [(2,)]
