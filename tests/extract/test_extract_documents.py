"""Many documents at once (``extract_documents``): the record of each is the one it gets alone, parsed in batches
through spaCy's ``nlp.pipe``, and a bad document is reported with its error while the rest are read."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from realpolitik.corpus import IngestedDocument, ingest_file, sha256_hex
from realpolitik.errors import InputFileError
from realpolitik.extract import extract_document, extract_documents

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "analysis-dev"

# made-up briefs of our own
_BRIEFS = [
    "Norway and Chile signed a fisheries accord in March 2021, and officials in Oslo praised the deal.",
    "Kenya accused Somalia of backing raids across the border in June 2022. Kenya will likely close the border.",
    "Because the drought deepened, grain exports from Ukraine fell in 2023, and prices rose in Egypt.",
]


def _document(text: str, **fields) -> IngestedDocument:
    return IngestedDocument(id=sha256_hex(text.encode("utf-8")), text=text, language="en", **fields)


def _dumped(results):
    return [outcome.model_dump(mode="json") for _, outcome in results]


@pytest.mark.skipif(not (DEV / "index.csv").is_file(), reason="the analysis-dev data set is not at hand")
def test_the_dev_articles_get_the_record_each_gets_alone(nlp):
    with (DEV / "index.csv").open(encoding="utf-8", newline="") as handle:
        published = {row["slug"]: row["published"] for row in csv.DictReader(handle)}
    documents = [ingest_file(path, published=published.get(path.stem))
                 for path in sorted((DEV / "texts").glob("*.txt"))]
    alone = [extract_document(document, nlp=nlp).model_dump(mode="json") for document in documents]
    together = list(extract_documents(documents, nlp=nlp, batch_size=4))  # three batches, the last one short
    assert [document.id for document, _ in together] == [document.id for document in documents]
    assert _dumped(together) == alone
    assert sum(len(record["events"]) for record in alone) > 50  # the comparison is over real content


def test_a_bad_document_is_reported_and_the_others_are_read(nlp):
    documents = [_document(_BRIEFS[0]), _document("   \n  "), _document("12 34 -- 56"), _document(_BRIEFS[1]),
                 IngestedDocument(id="fr", text="Le Mali et le Niger ont signé un accord.", language="fr"),
                 _document(_BRIEFS[2], published="2024-02-01")]
    results = list(extract_documents(documents, nlp=nlp, batch_size=16))
    outcomes = [outcome for _, outcome in results]
    assert [type(outcome).__name__ for outcome in outcomes] == [
        "Extraction", "InputFileError", "InputFileError", "Extraction", "Extraction", "Extraction"]
    assert [outcome.code for outcome in outcomes if isinstance(outcome, InputFileError)] == ["E165", "E166"]
    assert not outcomes[4].actors and "reads English only" in outcomes[4].notes[-1]
    for document, outcome in results:
        if not isinstance(outcome, Exception):
            assert outcome.model_dump() == extract_document(document, nlp=nlp).model_dump()
    assert {actor.id for actor in outcomes[0].actors} >= {"norway", "chile"}


def test_a_long_document_in_a_batch_is_read_in_sections(nlp):
    long_text = "\n\n".join(_BRIEFS * 20)
    documents = [_document(_BRIEFS[0]), _document(long_text)]
    results = list(extract_documents(documents, nlp=nlp, section_chars=1_000))
    assert results[1][1].model_dump() == extract_document(documents[1], nlp=nlp, section_chars=1_000).model_dump()
    assert any("sections" in note for note in results[1][1].notes)


def test_a_document_that_breaks_the_batch_fails_alone(nlp, monkeypatch):
    """When ``nlp.pipe`` raises, each document is read again on its own, so only the one that breaks fails."""
    from realpolitik.extract import assemble

    documents = [_document(text) for text in _BRIEFS]
    poisoned = documents[1].id
    real_items = assemble._items

    def items_failing_on_kenya(doc):
        if "Kenya accused" in doc.text:
            raise RuntimeError("a component failed on this document")
        return real_items(doc)

    monkeypatch.setattr(assemble, "_items", items_failing_on_kenya)
    original_pipe = type(nlp).pipe

    def pipe_that_breaks(self, docs, **options):
        docs = list(docs)
        if any("Kenya accused" in doc.text for doc in docs):
            raise RuntimeError("the batch broke")
        return original_pipe(self, docs, **options)

    monkeypatch.setattr(type(nlp), "pipe", pipe_that_breaks)
    results = list(extract_documents(documents, nlp=nlp))
    failed = [document.id for document, outcome in results if isinstance(outcome, Exception)]
    assert failed == [poisoned]
    assert [document.id for document, _ in results] == [document.id for document in documents]


def test_a_batch_holds_at_least_one_document(nlp):
    with pytest.raises(ValueError):
        list(extract_documents([_document(_BRIEFS[0])], nlp=nlp, batch_size=0))
