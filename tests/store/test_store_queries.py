"""Questions across the corpus: SQL, mentions over time, relation timelines, causal claims, document selection."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.corpus import IngestedDocument
from realpolitik.errors import CorpusStoreError
from realpolitik.store import (
    CorpusStore,
    actor_mentions,
    causal_claims,
    relation_timeline,
    run_query,
    select_document_ids,
)

TEXT = "Norland and Sudland met at the dam; the drought lowers river trade, and sanctions may weaken Sudland."


def _evidence(start: int = 0, end: int = 20) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end]}


def _actor(actor_id: str, name: str, mentions: int, aliases=()) -> dict:
    return {"id": actor_id, "name": name, "kind": "state", "aliases": list(aliases),
            "mentions": [{"start": 0, "end": 7}] * mentions}


def _store(tmp_path, documents: list[tuple[str, str | None, dict]]) -> CorpusStore:
    store = CorpusStore(tmp_path / "corpus.duckdb")
    store.add_documents([IngestedDocument(id=doc_id, text=TEXT, published=published, title=f"Brief {doc_id}")
                         for doc_id, published, _ in documents])
    store.write_results([{"document_id": doc_id, "ok": True, "payload": payload, "seconds": 0.0, "worker": "t:1"}
                         for doc_id, _, payload in documents])
    return store


@pytest.fixture
def corpus(tmp_path) -> CorpusStore:
    return _store(tmp_path, [
        ("d1", "2021-03-02", {
            "actors": [_actor("norland", "Norland", 2, ["the North"]), _actor("sudland", "Sudland", 1)],
            "relations": [{"source": "norland", "target": "sudland", "type": "cooperation", "polarity": 0.5,
                           "valid_from": "2021-02", "evidence": _evidence(0, 33)}],
            "causal_links": [{"cause": "the drought", "effect": "river trade", "polarity": -1, "hedge": None,
                              "evidence": _evidence(35, 66)}],
        }),
        ("d2", "2021-03-20", {
            "actors": [_actor("n", "Norland", 3), _actor("s", "Sudland", 2)],
            "relations": [{"source": "s", "target": "n", "type": "rivalry", "polarity": -0.6,
                           "evidence": _evidence(0, 20)}],
            "causal_links": [{"cause": "sanctions", "effect": "Sudland", "polarity": -1, "hedge": "may",
                              "evidence": _evidence(72, 101)}],
        }),
        ("d3", "2022-01", {
            "actors": [_actor("north", "Northern Republic", 4, ["Norland"]), _actor("sudland", "Sudland", 1)],
            "relations": [{"source": "north", "target": "sudland", "type": "cooperation", "polarity": 0.2,
                           "valid_from": "2020-11", "evidence": _evidence(0, 20)}],
            "causal_links": [{"cause": "a long drought", "effect": "cross-border river trade", "polarity": -1,
                              "hedge": "likely", "evidence": _evidence(35, 66)}],
        }),
        ("d4", None, {"actors": [_actor("norland", "NORLAND", 1)]}),
    ])


def test_mentions_over_time_by_name_alias_and_period(corpus):
    assert actor_mentions(corpus, "norland") == [
        {"period": "2021-03", "documents": 2, "mentions": 5},
        {"period": "2022-01", "documents": 1, "mentions": 4},
        {"period": None, "documents": 1, "mentions": 1},
    ]
    assert [(r["period"], r["mentions"]) for r in actor_mentions(corpus, "Norland", by="year")] == [
        ("2021", 5), ("2022", 4), (None, 1)]
    assert actor_mentions(corpus, "the north") == [{"period": "2021-03", "documents": 1, "mentions": 2}]
    assert actor_mentions(corpus, "Westland") == []
    with pytest.raises(CorpusStoreError, match="--by must be day, month or year"):
        actor_mentions(corpus, "Norland", by="week")


def test_a_relations_timeline_across_sources(corpus):
    rows = relation_timeline(corpus, "Norland", "Sudland")
    assert [(r["date"], r["document_id"], r["type"]) for r in rows] == [
        ("2020-11", "d3", "cooperation"), ("2021-02", "d1", "cooperation"), ("2021-03-20", "d2", "rivalry")]
    assert rows[2]["source"] == "Sudland" and rows[2]["polarity"] == -0.6
    assert [r["document_id"] for r in relation_timeline(corpus, "Norland", "Sudland", type="RIVALRY")] == ["d2"]
    assert [r["document_id"] for r in relation_timeline(corpus, "Norland", "Sudland", both_ways=False)] == ["d3", "d1"]
    assert relation_timeline(corpus, "Sudland", "Westland") == []


def test_which_documents_claim_that_x_drives_y(corpus):
    rows = causal_claims(corpus, "DROUGHT", "river trade")
    assert [(r["document_id"], r["polarity"], r["hedge"]) for r in rows] == [("d1", -1, None), ("d3", -1, "likely")]
    assert rows[0]["evidence"] == TEXT[35:66]
    assert causal_claims(corpus, "river trade", "drought") == []  # the direction matters


def test_select_document_ids_for_a_draft(corpus):
    assert select_document_ids(corpus, "SELECT id FROM documents WHERE published LIKE '2021%' ORDER BY id") == [
        "d1", "d2"]
    assert select_document_ids(corpus, "SELECT document_id, name FROM actors WHERE name = 'Sudland' "
                                       "ORDER BY document_id") == ["d1", "d2", "d3"]
    with pytest.raises(CorpusStoreError, match="selected no documents"):
        select_document_ids(corpus, "SELECT id FROM documents WHERE false")
    with pytest.raises(CorpusStoreError, match="2 value.* not in the corpus, e.g. 'Norland'"):
        select_document_ids(corpus, "SELECT DISTINCT name FROM actors WHERE name LIKE 'Nor%' ORDER BY 1")


def test_query_reads_only_and_names_its_errors(corpus):
    result = run_query(corpus, "SELECT type, count(*) AS n FROM relations GROUP BY type ORDER BY type")
    assert (result.columns, result.rows) == (["type", "n"], [("cooperation", 2), ("rivalry", 1)])
    assert run_query(corpus, "SELECT id FROM documents ORDER BY id", limit=2).rows == [("d1",), ("d2",)]
    with pytest.raises(CorpusStoreError, match="only reads"):
        run_query(corpus, "DELETE FROM documents")
    with pytest.raises(CorpusStoreError, match="only reads"):
        run_query(corpus, "DROP TABLE mentions")
    with pytest.raises(CorpusStoreError, match="the query failed: .*no_such_table"):
        run_query(corpus, "SELECT * FROM no_such_table")
    assert corpus.count("documents") == 4 and corpus.count("mentions") == 14


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["2020-01-05", "2020-01-20", "2020-07", "2021", None, "n.d."]),
                          st.integers(0, 5)), min_size=1, max_size=8))
def test_mention_counts_per_period_add_up(tmp_path_factory, documents):
    store = _store(tmp_path_factory.mktemp("q"), [
        (f"d{i}", published, {"actors": [_actor("x", "Norland", count)]})
        for i, (published, count) in enumerate(documents)])
    expected_mentions, expected_docs = Counter(), Counter()
    for published, count in documents:
        period = published[:7] if published and published[0].isdigit() else None
        expected_mentions[period] += count
        expected_docs[period] += 1
    got = {row["period"]: (row["documents"], row["mentions"]) for row in actor_mentions(store, "norland")}
    assert got == {p: (expected_docs[p], expected_mentions[p]) for p in expected_docs}
