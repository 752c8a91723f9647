"""Fixtures of the extraction tests: the pipeline and the seed's extraction, each built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.corpus import ingest_file
from realpolitik.extract import extract_document, extract_file, load_pipeline

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_extraction(seed_path, nlp):
    return extract_document(ingest_file(seed_path), nlp=nlp)


@pytest.fixture(scope="session")
def nile(nlp):
    return extract_file(FIXTURES / "nile_dam.txt", nlp=nlp)


@pytest.fixture(scope="session")
def caucasus(nlp):
    return extract_file(FIXTURES / "caucasus.txt", nlp=nlp)


def actor(extraction, ident):
    """The extracted actor with this id (fails the test if absent)."""
    found = {a.id: a for a in extraction.actors}
    assert ident in found, f"{ident} not among {sorted(found)}"
    return found[ident]


def mentioned_as(extraction, text):
    """The actor ids whose mentions cover exactly ``text`` somewhere in the document."""
    return {a.id for a in extraction.actors for m in a.mentions}
