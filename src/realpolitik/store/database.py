"""The corpus store: documents and their extractions in one embedded DuckDB file.

DuckDB lets one process write a database file at a time and refuses every other process while it
does (even readers). So every function here opens the file, does its work and closes it again;
a writer holds the file for one small batch of transactions, a reader for one query. Both retry
for a while (``lock_timeout``) when the other holds the file, so a reader can run beside a batch
that writes. Each document's rows (the document, or its extraction in every table) are written
in one transaction: a process killed at any moment leaves each document either complete or absent.

The tables and their columns are in ``schema.sql`` beside this module and in docs/corpus.md.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from realpolitik.corpus.document import IngestedDocument, Section
from realpolitik.errors import CorpusStoreError, Errors
from realpolitik.record import Extraction, SpanEvidence

__all__ = [
    "COMPACT_FREE_SHARE",
    "DATA_DIR_ENV",
    "DB_FILENAME",
    "EXTRACTION_TABLES",
    "SCHEMA_VERSION",
    "TABLES",
    "AddResult",
    "CorpusStore",
    "default_data_dir",
    "open_store",
]

#: The environment variable naming the data directory (``--data-dir`` wins over it).
DATA_DIR_ENV = "REALPOLITIK_DATA_DIR"
#: The database file inside the data directory.
DB_FILENAME = "corpus.duckdb"
#: Bumped when a table changes shape.
SCHEMA_VERSION = "1"
#: Tables filled from an extraction, in the order they are written.
EXTRACTION_TABLES = ("extractions", "actors", "mentions", "events", "relations", "causal_links", "forecasts")
#: Every table of the store, in dependency order (documents first).
TABLES = ("documents", *EXTRACTION_TABLES, "failures")

#: What a payload that does not fit the tables raises while its rows are built or inserted.
_UNFIT = (duckdb.Error, KeyError, TypeError, ValueError, pa.ArrowException)

_LOCK_PID = re.compile(r"\(PID (\d+)\)")


def default_data_dir(data_dir: str | Path | None = None) -> Path:
    """Return the data directory: ``data_dir`` if given, else ``$REALPOLITIK_DATA_DIR``, else the user's data dir.

    Examples
    --------
    >>> default_data_dir("/tmp/somewhere")
    PosixPath('/tmp/somewhere')
    """
    if data_dir is not None:
        return Path(data_dir).expanduser()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("realpolitik", appauthor=False))


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The one value of a query that yields one row (an aggregate without GROUP BY)."""
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    if row is None:
        raise duckdb.InvalidInputException(f"no row from: {sql}")
    return row[0]


#: Every connection: DuckDB never installs or loads an extension on its own (no download, whatever the file).
_NO_EXTENSION_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: Connections that run a user's SQL: no file but the database (no read_text, COPY TO, ATTACH, INSTALL), locked.
_SANDBOX_CONFIG = {**_NO_EXTENSION_DOWNLOADS, "enable_external_access": False, "lock_configuration": True}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _schema_sql() -> str:
    return resources.files("realpolitik.store").joinpath("schema.sql").read_text(encoding="utf-8")


@dataclass
class AddResult:
    """What adding documents did: ids added, paths whose bytes were already stored, paths refused and why."""

    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": [{"path": p, "id": i} for p, i in self.duplicates],
            "failed": [{"path": p, "error": e} for p, e in self.failed],
            "words": self.words,
        }


#: Free share of a store's blocks above which a batch ends by rewriting the file (:meth:`CorpusStore.compact`).
COMPACT_FREE_SHARE = 0.25


class CorpusStore:
    """A corpus database file; every operation opens it, works and closes it again.

    Parameters
    ----------
    path : str or Path
        The DuckDB file (created with its tables on first write).
    lock_timeout : float
        Seconds to keep retrying while another process holds the file.

    Examples
    --------
    >>> import tempfile
    >>> store = CorpusStore(Path(tempfile.mkdtemp()) / "corpus.duckdb")
    >>> doc = IngestedDocument(id="ab" * 32, text="Two states signed a treaty.")
    >>> store.add_documents([doc]).added == [doc.id]
    True
    >>> store.add_documents([doc]).added
    []
    >>> store.count("documents")
    1
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"CorpusStore({str(self.path)!r})"

    # -- connections -------------------------------------------------------------------------------------------

    def _open(self, read_only: bool, *, sandboxed: bool = False) -> duckdb.DuckDBPyConnection:
        self._check_duckdb_file()
        config: dict[str, str | bool | int | float | list[str]] = dict(
            _SANDBOX_CONFIG if sandboxed else _NO_EXTENSION_DOWNLOADS)
        deadline = time.monotonic() + self.lock_timeout
        pause = 0.02
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only, config=config)
            except duckdb.IOException as exc:
                message = str(exc)
                if "lock" not in message.lower():
                    reason = message.split(": ", 1)[-1].split("\n")[0]
                    raise CorpusStoreError(Errors.E130.format(path=self.path, reason=reason)) from exc
                if time.monotonic() >= deadline:
                    found = _LOCK_PID.search(message)
                    holder = f" (PID {found.group(1)})" if found else ""
                    raise CorpusStoreError(Errors.E131.format(path=self.path, holder=holder)) from exc
            except duckdb.Error as exc:
                raise CorpusStoreError(Errors.E130.format(path=self.path, reason=str(exc).split("\n")[0])) from exc
            time.sleep(pause)
            pause = min(pause * 1.5, 0.25)

    def _check_duckdb_file(self) -> None:
        """Refuse a file that is not a DuckDB database before DuckDB opens it: given a SQLite file, DuckDB would
        try to download its SQLite extension; given anything else it fails with a message about pages."""
        try:
            with self.path.open("rb") as stream:
                head = stream.read(16)
        except (FileNotFoundError, IsADirectoryError):
            return  # created next, or refused by the caller
        except OSError as exc:
            raise CorpusStoreError(Errors.E130.format(path=self.path, reason=exc.strerror or exc)) from exc
        if not head or head[8:12] == b"DUCK":
            return
        kind = "a SQLite database" if head.startswith(b"SQLite format 3") else "not a DuckDB database file"
        raise CorpusStoreError(Errors.E130.format(path=self.path, reason=f"it is {kind}"))

    def _create(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusStoreError(Errors.E132.format(path=self.path.parent, reason=exc.strerror or exc)) from exc
        if self.path.is_dir():
            raise CorpusStoreError(Errors.E130.format(path=self.path, reason="it is a directory"))
        con = self._open(read_only=False)
        try:
            self._init_schema(con)
        finally:
            con.close()

    def _init_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            found = scalar(con, "SELECT count(*) FROM information_schema.tables "
                                "WHERE table_name = 'meta' AND table_schema = 'main'")
            if found:
                row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is None or row[0] != SCHEMA_VERSION:
                    got = row[0] if row else "none"
                    raise CorpusStoreError(
                        Errors.E130.format(path=self.path, reason=f"schema version {got}, expected {SCHEMA_VERSION}")
                    )
                return
            con.execute("BEGIN")
            con.execute(_schema_sql())
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            raise CorpusStoreError(Errors.E130.format(path=self.path, reason=str(exc).split("\n")[0])) from exc

    @contextmanager
    def connect(self, *, read_only: bool = False, sandboxed: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the database for one unit of work and close it afterwards.

        A missing file is created with its tables first, so readers of a new data directory see an empty corpus.

        Raises
        ------
        CorpusStoreError
            E130 when the file is not a corpus database or is damaged, E131 when another process holds it
            longer than ``lock_timeout``, E132 when the data directory cannot be created, E148 when a write
            fails half-way (the transaction is rolled back).

        ``sandboxed`` (read-only connections only): DuckDB's access to every file but the database itself is
        switched off and the setting locked, for SQL a user writes (``corpus query``).
        """
        if sandboxed and not read_only:
            raise ValueError("a sandboxed connection is read-only")
        if not self.path.exists():
            self._create()
        con = self._open(read_only=read_only, sandboxed=sandboxed)
        try:
            if not read_only:
                self._init_schema(con)
            else:
                self._check_readable(con)
            yield con
        except duckdb.IOException as exc:  # a read or write of the file failed half-way: disk full, damaged pages
            reason = str(exc).strip().splitlines()[0]
            if read_only:
                raise CorpusStoreError(Errors.E130.format(path=self.path, reason=reason)) from exc
            raise CorpusStoreError(Errors.E148.format(path=self.path, reason=reason)) from exc
        finally:
            con.close()

    def _check_readable(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as exc:
            raise CorpusStoreError(Errors.E130.format(path=self.path, reason="it has no realpolitik tables")) from exc
        if row is None or row[0] != SCHEMA_VERSION:
            got = row[0] if row else "none"
            raise CorpusStoreError(
                Errors.E130.format(path=self.path, reason=f"schema version {got}, expected {SCHEMA_VERSION}")
            )

    # -- documents ---------------------------------------------------------------------------------------------

    def add_documents(
        self, documents: Iterable[IngestedDocument], *, on_each: Callable[[IngestedDocument, bool], None] | None = None
    ) -> AddResult:
        """Store documents not stored yet (by id, the sha256 of their bytes), each in its own transaction.

        Parameters
        ----------
        documents : iterable of IngestedDocument
        on_each : callable, optional
            Called with each document and whether it was new (for progress bars).

        Returns
        -------
        AddResult
            ``added`` ids and ``duplicates`` as (path, id).
        """
        result = AddResult()
        with self.connect() as con:
            for doc in documents:
                new = self._insert_document(con, doc)
                if new:
                    result.added.append(doc.id)
                    result.words += len(doc.text.split())
                else:
                    result.duplicates.append((str(doc.path) if doc.path else doc.id, doc.id))
                if on_each is not None:
                    on_each(doc, new)
        return result

    def _insert_document(self, con: duckdb.DuckDBPyConnection, doc: IngestedDocument) -> bool:
        sections = json.dumps([{"title": s.title, "start": s.start, "end": s.end} for s in doc.sections])
        row = [
            doc.id, str(doc.path) if doc.path else None, doc.title, doc.author, doc.published, doc.language,
            doc.source_format, len(doc.text), len(doc.text.split()), doc.text, sections, list(doc.notes), _now(),
        ]
        con.execute("BEGIN")
        try:
            exists = con.execute("SELECT 1 FROM documents WHERE id = ?", [doc.id]).fetchone()
            if exists is None:
                con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return exists is None

    def free_share(self) -> float:
        """The share of the file's blocks that hold nothing (left by rewritten or deleted rows), 0 for no file."""
        if not self.path.exists():
            return 0.0
        with self.connect(read_only=True) as con:
            row = con.execute("PRAGMA database_size").fetchone()
        total, free = (int(row[3]), int(row[5])) if row else (0, 0)
        return free / total if total else 0.0

    def compact(self, *, min_free_share: float = COMPACT_FREE_SHARE) -> bool:
        """Rewrite the file without its free blocks when at least ``min_free_share`` of them are free.

        DuckDB reuses freed blocks but never gives them back, and a batch of extractions leaves about a third of
        the file free (each transaction rewrites the tail of the tables it touches). The copy is written beside
        the file while this process holds DuckDB's write lock on it, then moved over it in one rename, with the
        file's mode, so a reader sees either the old file or the new one and a crash leaves the old one.

        Returns
        -------
        bool
            Whether the file was rewritten.

        Raises
        ------
        CorpusStoreError
            E148 when the copy cannot be written (the store is left as it was).
        """
        if self.free_share() < min_free_share:
            return False
        fresh = self.path.with_name(f".{self.path.name}.compacting-{os.getpid()}")
        fresh.unlink(missing_ok=True)
        mode = self.path.stat().st_mode & 0o7777
        quoted = str(fresh).replace("'", "''")
        with self.connect() as con:
            name = str(scalar(con, "SELECT current_database()")).replace('"', '""')
            try:
                con.execute(f"ATTACH '{quoted}' AS compacted")
                con.execute(f'COPY FROM DATABASE "{name}" TO compacted')
                con.execute("DETACH compacted")
                os.chmod(fresh, mode)
                os.replace(fresh, self.path)
            except (duckdb.Error, OSError) as exc:
                fresh.unlink(missing_ok=True)
                reason = str(exc).strip().splitlines()[0]
                raise CorpusStoreError(Errors.E148.format(path=self.path, reason=reason)) from exc
        return True

    def count(self, table: str) -> int:
        """Number of rows in one of :data:`TABLES`."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        with self.connect(read_only=True) as con:
            return int(scalar(con, f"SELECT count(*) FROM {table}"))

    def list_documents(self) -> list[dict[str, Any]]:
        """Every document with its size and whether it has been extracted, oldest first."""
        sql = """
            SELECT d.id, d.title, d.path, d.published, d.source_format, d.n_words, d.added_at,
                   e.document_id IS NOT NULL AS extracted,
                   (SELECT count(*) FROM failures f WHERE f.document_id = d.id) > 0 AND e.document_id IS NULL
                       AS failed
            FROM documents d LEFT JOIN extractions e ON e.document_id = d.id
            ORDER BY d.added_at, d.id
        """
        with self.connect(read_only=True) as con:
            return _dicts(con.execute(sql))

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one document whose id starts with ``id_or_prefix``.

        Raises
        ------
        CorpusStoreError
            E133 when none matches, E134 when several do.
        """
        prefix = id_or_prefix.strip().lower()
        with self.connect(read_only=True) as con:
            ids = [r[0] for r in con.execute(
                "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [prefix]
            ).fetchall()] if prefix else []
        if not ids:
            raise CorpusStoreError(Errors.E133.format(id=id_or_prefix))
        if len(ids) > 1:
            raise CorpusStoreError(Errors.E134.format(prefix=id_or_prefix, count=len(ids) if len(ids) < 6 else "6+"))
        return ids[0]

    def get_document(self, id_or_prefix: str) -> dict[str, Any]:
        """A document's row (text included), its extraction counts (or None) and its last failure (or None)."""
        doc_id = self.resolve_id(id_or_prefix)
        with self.connect(read_only=True) as con:
            doc = _dicts(con.execute("SELECT * FROM documents WHERE id = ?", [doc_id]))[0]
            doc["sections"] = json.loads(doc["sections"])
            extraction = _dicts(con.execute(
                "SELECT * EXCLUDE (payload, document_id) FROM extractions WHERE document_id = ?", [doc_id]
            ))
            failure = con.execute(
                "SELECT error FROM failures WHERE document_id = ? ORDER BY failed_at DESC LIMIT 1", [doc_id]
            ).fetchone()
        doc["extraction"] = extraction[0] if extraction else None
        doc["failure"] = failure[0] if failure and not extraction else None
        return doc

    def load_documents(self, ids: Sequence[str]) -> list[IngestedDocument]:
        """The stored documents with these ids, in the order given, rebuilt as :class:`IngestedDocument`."""
        if not ids:
            return []
        with self.connect(read_only=True) as con:
            rows = _dicts(con.execute("SELECT * FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)]))
        by_id = {row["id"]: row for row in rows}
        return [_as_document(by_id[i]) for i in ids if i in by_id]

    # -- extractions -------------------------------------------------------------------------------------------

    def pending_ids(self) -> list[str]:
        """Ids of the documents without an extraction (failed ones included), oldest first."""
        sql = """
            SELECT d.id FROM documents d
            WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.document_id = d.id)
            ORDER BY d.added_at, d.id
        """
        with self.connect(read_only=True) as con:
            return [row[0] for row in con.execute(sql).fetchall()]

    def write_results(self, results: Sequence[dict[str, Any]]) -> int:
        """Write a batch of extraction results in one transaction; return how many extractions were saved.

        Each result is ``{"document_id", "ok", "payload" | "error", "seconds", "worker"}``; a failed one is
        recorded in ``failures`` (and retried by the next run). A document already extracted is left as it is.
        Should the batch not go in (a payload that does not fit the tables), it is rolled back and written one
        document per transaction, a document that still does not fit being recorded as failed.
        """
        if not results:
            return 0
        with self.connect() as con:
            try:
                return self._write_batch(con, results)
            except _UNFIT:
                saved = 0
                for result in results:
                    try:
                        saved += self._write_batch(con, [result])
                    except _UNFIT as exc:
                        reason = f"the extraction does not fit the store: {type(exc).__name__}: {exc}".splitlines()[0]
                        self._write_batch(con, [{**result, "ok": False, "error": reason}])
                return saved

    def _write_batch(self, con: duckdb.DuckDBPyConnection, results: Sequence[dict[str, Any]]) -> int:
        con.execute("BEGIN")
        try:
            ids = [r["document_id"] for r in results]
            done = {row[0] for row in con.execute(
                "SELECT document_id FROM extractions WHERE document_id IN (SELECT unnest(?))", [ids]).fetchall()}
            rows: dict[str, list[list[Any]]] = {table: [] for table in EXTRACTION_TABLES}
            failures, now = [], _now()
            for result in results:
                doc_id = result["document_id"]
                if not result.get("ok"):
                    failures.append([doc_id, now, str(result.get("error", "unknown error"))])
                    continue
                if doc_id in done:
                    continue
                done.add(doc_id)
                record = Extraction.model_validate(result["payload"])
                tables = extraction_rows(doc_id, record)
                rows["extractions"].append([
                    doc_id, now, result.get("seconds"), result.get("worker"), len(tables["actors"]),
                    len(tables["mentions"]), len(tables["events"]), len(tables["relations"]),
                    len(tables["causal_links"]), len(tables["forecasts"]), list(record.notes),
                    record.model_dump_json()])
                for table, table_rows in tables.items():
                    rows[table].extend(table_rows)
            for table in EXTRACTION_TABLES:
                _insert_rows(con, table, rows[table])
            _insert_rows(con, "failures", failures)
            saved = [row[0] for row in rows["extractions"]]
            if saved:
                con.execute("DELETE FROM failures WHERE document_id IN (SELECT unnest(?))", [saved])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(rows["extractions"])

    def extractions(self, ids: Sequence[str]) -> dict[str, Extraction]:
        """The stored extraction record of each of these ids that has one."""
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "SELECT document_id, payload FROM extractions WHERE document_id IN (SELECT unnest(?))", [list(ids)]
            ).fetchall()
        return {doc_id: Extraction.model_validate_json(payload) for doc_id, payload in rows}


def extraction_rows(doc_id: str, record: Extraction) -> dict[str, list[list[Any]]]:
    """Turn one extraction record into rows of the extraction tables (all but ``extractions``).

    Examples
    --------
    >>> from realpolitik.record import ExtractedActor, ExtractedDocument, Mention
    >>> record = Extraction(document=ExtractedDocument(id="d1"), actors=[
    ...     ExtractedActor(id="a", name="A", kind="state", mentions=[Mention(start=0, end=1)])])
    >>> rows = extraction_rows("d1", record)
    >>> rows["actors"], rows["mentions"]
    ([['d1', 'a', 'A', 'state', None, None, []]], [['d1', 'a', 0, 1]])
    """
    def span(evidence: SpanEvidence) -> list[Any]:
        return [evidence.start, evidence.end, evidence.text]

    actors: list[list[Any]] = []
    mentions: list[list[Any]] = []
    for actor in record.actors:
        actors.append([doc_id, actor.id, actor.name, actor.kind, actor.role, actor.affiliation, list(actor.aliases)])
        mentions.extend([doc_id, actor.id, m.start, m.end] for m in actor.mentions)
    events = [[doc_id, e.id, e.date, e.date_text, e.description, e.type, list(e.actors), *span(e.evidence)]
              for e in record.events]
    relations = [[doc_id, i, r.source, r.target, r.type, float(r.polarity), r.valid_from, r.valid_to,
                  *span(r.evidence)] for i, r in enumerate(record.relations)]
    links = [[doc_id, i, c.cause, c.effect, int(c.polarity), c.hedge, *span(c.evidence)]
             for i, c in enumerate(record.causal_links)]
    forecasts = [[doc_id, i, f.statement, list(f.actors), f.estimative_term, f.band, float(f.probability[0]),
                  float(f.probability[1]), *span(f.evidence)] for i, f in enumerate(record.forecasts)]
    return {"actors": actors, "mentions": mentions, "events": events, "relations": relations,
            "causal_links": links, "forecasts": forecasts}


#: DuckDB column types -> Arrow types, for bulk inserts (one Arrow table per store table and batch).
_ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "TIMESTAMP": pa.timestamp("us"),
                "VARCHAR[]": pa.list_(pa.string())}
_SCHEMAS: dict[str, pa.Schema] = {}


def _arrow_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    if table not in _SCHEMAS:
        columns = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? AND table_schema = "
            "'main' ORDER BY ordinal_position", [table]).fetchall()
        _SCHEMAS[table] = pa.schema([(name, _ARROW_TYPES[kind]) for name, kind in columns])
    return _SCHEMAS[table]


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    """Insert many rows at once through an Arrow table (far faster than ``executemany``)."""
    if not rows:
        return
    schema = _arrow_schema(con, table)
    data = pa.table([pa.array(column, type=schema.field(i).type) for i, column in enumerate(zip(*rows, strict=True))],
                    schema=schema)
    con.register("_incoming", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _as_document(row: dict[str, Any]) -> IngestedDocument:
    sections = tuple(Section(s["title"], s["start"], s["end"]) for s in json.loads(row["sections"] or "[]"))
    return IngestedDocument(
        id=row["id"], text=row["text"], title=row["title"], author=row["author"], published=row["published"],
        sections=sections, language=row["language"], source_format=row["source_format"],
        path=Path(row["path"]) if row["path"] else None, notes=tuple(row["notes"] or ()),
    )


def open_store(data_dir: str | Path | None = None, *, lock_timeout: float = 10.0) -> CorpusStore:
    """The store in ``data_dir`` (see :func:`default_data_dir`); a path ending in ``.duckdb`` is the file itself.

    Raises
    ------
    CorpusStoreError
        E132 when ``data_dir`` exists and is a file that is not a database.
    """
    folder = default_data_dir(data_dir)
    if folder.suffix == ".duckdb":
        return CorpusStore(folder, lock_timeout=lock_timeout)
    if folder.exists() and not folder.is_dir():
        raise CorpusStoreError(Errors.E132.format(path=folder, reason="it is a file, not a directory"))
    return CorpusStore(folder / DB_FILENAME, lock_timeout=lock_timeout)

