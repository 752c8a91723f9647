"""Every table of the corpus store to Parquet files in a folder, and back."""

from __future__ import annotations

from pathlib import Path

import duckdb

from realpolitik.errors import CorpusStoreError, Errors
from realpolitik.store.database import EXTRACTION_TABLES, TABLES, CorpusStore, scalar

__all__ = ["export_parquet", "import_parquet"]

#: The column that orders each table's rows in an export, so that two exports of one store are the same.
_ORDER = {"documents": "added_at, id", "failures": "failed_at, document_id"}


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {table}"))


def export_parquet(store: CorpusStore, folder: str | Path) -> dict[str, int]:
    """Write each table to ``folder/<table>.parquet``; return the rows written per table.

    Raises
    ------
    CorpusStoreError
        E148 when the folder cannot be written.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusStoreError(Errors.E148.format(path=folder, reason=exc.strerror or exc)) from exc
    written = {}
    with store.connect(read_only=True) as con:
        for table in TABLES:
            order = _ORDER.get(table, "document_id")
            target = folder / f"{table}.parquet"
            try:
                con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO {_quote(target)} (FORMAT parquet)")
            except duckdb.Error as exc:
                raise CorpusStoreError(Errors.E148.format(path=target, reason=str(exc).split("\n")[0])) from exc
            written[table] = _rows(con, table)
    return written


def import_parquet(store: CorpusStore, folder: str | Path) -> dict[str, int]:
    """Add the tables exported to ``folder`` to the store, in one transaction; return the rows added per table.

    Documents already stored are kept as they are; a document's extraction rows are imported only when
    the store has no extraction for it yet, so importing the same folder twice adds nothing the second time.

    Raises
    ------
    CorpusStoreError
        E141 when the folder holds no exported table, E142 when a file cannot be read or does not fit
        (nothing is imported then).
    """
    folder = Path(folder)
    present = {t: folder / f"{t}.parquet" for t in TABLES if (folder / f"{t}.parquet").is_file()}
    if "documents" not in present:
        raise CorpusStoreError(Errors.E141.format(path=folder))
    added = dict.fromkeys(present, 0)
    with store.connect() as con:
        con.execute("BEGIN")
        current = "documents"
        try:
            before = _rows(con, "documents")
            con.execute(f"""INSERT INTO documents BY NAME SELECT * FROM read_parquet({_quote(present['documents'])})
                            WHERE id NOT IN (SELECT id FROM documents)""")
            added["documents"] = _rows(con, "documents") - before
            if "extractions" in present:
                current = "extractions"
                con.execute(f"""CREATE TEMP TABLE _new AS SELECT document_id FROM
                                read_parquet({_quote(present['extractions'])})
                                WHERE document_id NOT IN (SELECT document_id FROM extractions)""")
                for table in EXTRACTION_TABLES:
                    if table not in present:
                        continue
                    current = table
                    before = _rows(con, table)
                    con.execute(f"""INSERT INTO {table} BY NAME SELECT * FROM read_parquet({_quote(present[table])})
                                    WHERE document_id IN (SELECT document_id FROM _new)""")
                    added[table] = _rows(con, table) - before
                if "failures" in present:
                    current = "failures"
                    source = _quote(present["failures"])
                    con.execute(f"""INSERT INTO failures BY NAME SELECT * FROM read_parquet({source})
                                    WHERE document_id NOT IN (SELECT document_id FROM extractions)
                                    EXCEPT SELECT * FROM failures""")
                con.execute("DROP TABLE _new")
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            reason = str(exc).split("\n")[0]
            raise CorpusStoreError(Errors.E142.format(path=present[current], reason=reason)) from exc
    return added
