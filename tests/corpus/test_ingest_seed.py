"""Ingesting the real seed op-ed: metadata, headings, boilerplate gone, and the bundled model's spans intact."""

from __future__ import annotations

import hashlib

import pytest

from realpolitik.corpus import ingest_file, read_source_text
from realpolitik.data import bundled_model_path
from realpolitik.model import load_model


@pytest.fixture(scope="module")
def seed_doc(seed_path):
    return ingest_file(seed_path)


def _spans(node):
    """Every evidence span (document, start, end) anywhere in a dumped model."""
    if isinstance(node, dict):
        if {"document", "start", "end", "paraphrase"} <= node.keys():
            yield node["document"], node["start"], node["end"]
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


def test_identity_title_author_language(seed_doc, seed_path):
    assert seed_doc.id == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert seed_doc.source_format == "txt"
    model = load_model(bundled_model_path())
    curated = next(d for d in model.documents if d.id == seed_doc.id)
    assert seed_doc.title == curated.title
    assert seed_doc.author == curated.author
    assert seed_doc.language == "en"
    assert seed_doc.published is None  # the op-ed prints no date


def test_the_two_section_headings_are_found_where_they_are(seed_doc):
    assert len(seed_doc.sections) == 2
    for section in seed_doc.sections:
        assert seed_doc.text[section.start : section.start + len(section.title)] == section.title
        assert seed_doc.text[section.start - 2 : section.start] == "\n\n"  # a line of its own
        assert seed_doc.text[section.start + len(section.title)] == "\n"
    first, second = seed_doc.sections
    assert first.end < second.start and second.end <= len(seed_doc.text)


def test_comment_form_leftovers_are_gone_and_the_text_is_a_prefix(seed_doc, seed_path):
    source = read_source_text(seed_path).text
    assert "Please enter your" in source
    assert "Please enter your" not in seed_doc.text
    assert source.startswith(seed_doc.text)
    assert len(source) - len(seed_doc.text) < 100  # only the trailing form was cut
    assert any("comment form" in note for note in seed_doc.notes)


def test_every_evidence_span_of_the_bundled_model_still_reads_the_same(seed_doc, seed_path):
    source = read_source_text(seed_path).text
    spans = [(s, e) for doc, s, e in _spans(load_model(bundled_model_path()).model_dump()) if doc == seed_doc.id]
    assert len(spans) > 50
    for start, end in spans:
        assert 0 <= start < end <= len(seed_doc.text)
        assert seed_doc.text[start:end] == source[start:end]


def test_ingest_is_reproducible(seed_doc, seed_path):
    assert ingest_file(seed_path) == seed_doc
