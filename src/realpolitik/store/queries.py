"""Questions asked across the whole corpus: SQL, an actor's mentions over time, a relation's timeline, claims.

Each function opens the database read-only for one query and returns plain rows (lists of dicts), so it can
run while a batch is writing (see :mod:`realpolitik.corpus.store`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from realpolitik.errors import CorpusStoreError, Errors
from realpolitik.store.database import CorpusStore

__all__ = ["QueryResult", "actor_mentions", "causal_claims", "relation_timeline", "run_query", "select_document_ids"]

#: SQL that names an actor of a document: by its id, its name or one of its aliases, case ignored.
_ACTOR_MATCH = """(lower(a.actor_id) = lower($actor) OR lower(a.name) = lower($actor)
                   OR list_contains(list_transform(a.aliases, lambda x: lower(x)), lower($actor)))"""


@dataclass
class QueryResult:
    """Column names and rows of a query."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def run_query(store: CorpusStore, sql: str, *, limit: int | None = None) -> QueryResult:
    """Run one read-only SQL statement over the store's tables.

    The statement runs on a sandboxed connection: DuckDB may touch no file but the database (no ``read_text``,
    ``read_csv``, ``COPY … TO``, ``ATTACH``, ``INSTALL`` or ``LOAD``), and the setting cannot be changed from SQL.

    Raises
    ------
    CorpusStoreError
        E136 when the statement would change the database, E272 when it reaches for another file or a setting,
        E135 when DuckDB rejects it.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> store = CorpusStore(Path(tempfile.mkdtemp()) / "c.duckdb")
    >>> run_query(store, "SELECT count(*) AS n FROM documents").rows
    [(0,)]
    """
    with store.connect(read_only=True, sandboxed=True) as con:
        try:
            cursor = con.execute(sql)
            if cursor.description is None:
                return QueryResult([], [])
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchmany(limit) if limit is not None else cursor.fetchall()
        except (duckdb.InvalidInputException, duckdb.PermissionException) as exc:
            if "read-only" in str(exc) or "read only" in str(exc):
                raise CorpusStoreError(Errors.E136.format(reason=_first_line(exc))) from exc
            if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in str(exc):
                raise CorpusStoreError.coded("E272", reason=_first_line(exc)) from exc
            raise CorpusStoreError(Errors.E135.format(reason=_first_line(exc))) from exc
        except duckdb.Error as exc:
            raise CorpusStoreError(Errors.E135.format(reason=_first_line(exc))) from exc
    return QueryResult(columns, rows)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0]


def _rows(store: CorpusStore, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with store.connect(read_only=True) as con:
        try:
            cursor = con.execute(sql, params)
            columns = [d[0] for d in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except duckdb.Error as exc:
            raise CorpusStoreError(Errors.E135.format(reason=_first_line(exc))) from exc


def actor_mentions(store: CorpusStore, actor: str, *, by: str = "month") -> list[dict[str, Any]]:
    """How often an actor is mentioned, per period of the documents' publication dates.

    Documents without a readable date are counted under ``period = None`` (last).

    Parameters
    ----------
    actor : str
        An actor's id, name or alias as the extractor wrote it (case ignored).
    by : {"month", "year", "day"}
        The length of a period.

    Returns
    -------
    list of dict
        ``period``, ``documents`` (how many mention the actor), ``mentions``.
    """
    width = {"year": 4, "month": 7, "day": 10}.get(by)
    if width is None:
        raise CorpusStoreError(Errors.E146.format(option="--by", requirement="day, month or year", value=by))
    sql = f"""
        WITH hits AS (
            SELECT d.id, CASE WHEN regexp_matches(coalesce(d.published, ''), '^\\d{{4}}(-\\d\\d){{0,2}}')
                              THEN left(d.published, {width}) END AS period,
                   (SELECT count(*) FROM mentions m
                     WHERE m.document_id = a.document_id AND m.actor_id = a.actor_id) AS n
            FROM actors a JOIN documents d ON d.id = a.document_id
            WHERE {_ACTOR_MATCH}
        )
        SELECT period, count(DISTINCT id) AS documents, sum(n)::BIGINT AS mentions
        FROM hits GROUP BY period ORDER BY period NULLS LAST
    """
    return _rows(store, sql, {"actor": actor})


def relation_timeline(store: CorpusStore, source: str, target: str, *, type: str | None = None,
                      both_ways: bool = True) -> list[dict[str, Any]]:
    """Every relation between two actors across the corpus, by date (``valid_from``, else publication).

    Parameters
    ----------
    source, target : str
        Actors by id, name or alias (case ignored).
    type : str, optional
        Keep only this relation type.
    both_ways : bool
        Also list relations from ``target`` to ``source``.

    Returns
    -------
    list of dict
        ``date``, ``document_id``, ``title``, ``published``, ``source``, ``target``, ``type``, ``polarity``,
        ``valid_from``, ``valid_to``, ``evidence``.
    """
    match_s = _ACTOR_MATCH.replace("a.", "s.").replace("$actor", "$source")
    match_t = _ACTOR_MATCH.replace("a.", "t.").replace("$actor", "$target")
    match_s2 = _ACTOR_MATCH.replace("a.", "s.").replace("$actor", "$target")
    match_t2 = _ACTOR_MATCH.replace("a.", "t.").replace("$actor", "$source")
    direction = f"(({match_s} AND {match_t}) OR ({match_s2} AND {match_t2}))" if both_ways else \
        f"({match_s} AND {match_t})"
    sql = f"""
        SELECT coalesce(r.valid_from, d.published) AS date, d.id AS document_id, d.title, d.published,
               s.name AS source, t.name AS target, r.type, r.polarity, r.valid_from, r.valid_to,
               r.evidence_text AS evidence
        FROM relations r
        JOIN documents d ON d.id = r.document_id
        JOIN actors s ON s.document_id = r.document_id AND s.actor_id = r.source
        JOIN actors t ON t.document_id = r.document_id AND t.actor_id = r.target
        WHERE {direction} AND ($type IS NULL OR lower(r.type) = lower($type))
        ORDER BY date NULLS LAST, d.id, r.ordinal
    """
    return _rows(store, sql, {"source": source, "target": target, "type": type})


def causal_claims(store: CorpusStore, cause: str, effect: str) -> list[dict[str, Any]]:
    """The documents claiming that ``cause`` drives ``effect``: causal links whose phrases contain both words.

    Matching is by substring, case ignored ("sanction" finds "the sanctions"), in the direction given.

    Returns
    -------
    list of dict
        ``document_id``, ``title``, ``published``, ``cause``, ``effect``, ``polarity``, ``hedge``, ``evidence``.
    """
    sql = """
        SELECT d.id AS document_id, d.title, d.published, c.cause, c.effect, c.polarity, c.hedge,
               c.evidence_text AS evidence
        FROM causal_links c JOIN documents d ON d.id = c.document_id
        WHERE contains(lower(c.cause), lower($cause)) AND contains(lower(c.effect), lower($effect))
        ORDER BY d.published NULLS LAST, d.id, c.ordinal
    """
    return _rows(store, sql, {"cause": cause, "effect": effect})


def select_document_ids(store: CorpusStore, sql: str) -> list[str]:
    """The document ids in the first column of a query's result, each once, in the order returned.

    Raises
    ------
    CorpusStoreError
        E143 when the query returns no row, E144 when a value is not the id of a stored document,
        E135/E136 as :func:`run_query`.
    """
    result = run_query(store, sql)
    ids = list(dict.fromkeys(str(row[0]) for row in result.rows if row and row[0] is not None))
    if not ids:
        raise CorpusStoreError(Errors.E143)
    with store.connect(read_only=True) as con:
        known = {r[0] for r in con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise CorpusStoreError(Errors.E144.format(count=len(unknown), example=unknown[0][:40]))
    return ids
