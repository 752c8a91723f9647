"""`corpus query` runs a user's SQL on a sandboxed connection: nothing outside the store can be read or written."""

from __future__ import annotations

import sqlite3

import pytest

from realpolitik.errors import CorpusStoreError
from realpolitik.store import CorpusStore
from realpolitik.store.queries import run_query


@pytest.fixture
def store(tmp_path):
    made = CorpusStore(tmp_path / "data" / "corpus.duckdb")
    assert run_query(made, "SELECT count(*) FROM documents").rows == [(0,)]
    return made


def test_files_outside_the_store_are_out_of_reach(store, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the query", encoding="utf-8")
    target = tmp_path / "written.csv"
    for sql in (f"SELECT * FROM read_text('{secret}')", f"SELECT * FROM read_csv('{secret}')",
                f"COPY documents TO '{target}'", f"ATTACH '{tmp_path / 'other.duckdb'}' AS other",
                "SET enable_external_access = true", "INSTALL sqlite", "LOAD httpfs"):
        with pytest.raises(CorpusStoreError) as caught:
            run_query(store, sql)
        assert caught.value.code == "E272", (sql, str(caught.value))
    assert not target.exists() and not (tmp_path / "other.duckdb").exists()


def test_writes_to_the_store_are_still_refused_as_before(store):
    with pytest.raises(CorpusStoreError, match="only reads"):
        run_query(store, "CREATE TABLE extra (x INTEGER)")


def test_a_sqlite_file_is_refused_without_an_extension_download(tmp_path):
    path = tmp_path / "corpus.duckdb"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(CorpusStoreError, match="it is a SQLite database"):
        run_query(CorpusStore(path), "SELECT 1")


def test_a_file_that_is_no_database_is_refused(tmp_path):
    path = tmp_path / "corpus.duckdb"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(CorpusStoreError, match="not a DuckDB database file"):
        run_query(CorpusStore(path), "SELECT 1")
