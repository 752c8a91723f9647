"""The causal finder's shortcuts give what the plain spaCy routes give: cue index vs Matcher, sentence copies
vs ``Span.as_doc``, one doc-wide cue pass vs one per sentence, batched scores vs per-sentence ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from realpolitik.extract.classifier import _SentenceDocs, load_classifier, structure_tokens
from realpolitik.extract.cues import CueMatch, _index, _matcher, cue_lexicon, cues_by_sentence, find_cues, longest

FIXTURES = Path(__file__).parent / "fixtures"
EXTRA = ("The strike led directly and quickly to shortages, which will likely lead to unrest. "
         "Prices rose as a result of the war; as a result, many left. Because of the drought, the harvest failed, "
         "resulting in hunger, since aid was blocked in order to punish the rebels.")


@pytest.fixture(scope="module")
def docs(nlp):
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))] + [EXTRA]
    return [nlp(text) for text in texts]


def _spacy_matches(doclike):
    lexicon = cue_lexicon()
    matcher = _matcher(doclike.vocab, lexicon)
    return [CueMatch(lexicon.get(doclike.vocab.strings[key]), start, end) for key, start, end in matcher(doclike)]


def test_cue_index_finds_what_the_matcher_finds(docs):
    index = _index(cue_lexicon())
    assert index is not None
    total = 0
    for doc in docs:
        for doclike in [doc, *doc.sents]:
            expected = _spacy_matches(doclike)
            assert set(index(doclike)) == set(expected)
            assert longest(index(doclike)) == longest(expected)
            total += len(expected)
    assert total > 20


def test_cues_by_sentence_is_find_cues_of_each_sentence(docs):
    for doc in docs:
        sentences = list(doc.sents)
        assert cues_by_sentence(doc, sentences) == [find_cues(sentence) for sentence in sentences]


def test_sentence_copies_equal_as_doc(docs):
    for doc in docs:
        copies = _SentenceDocs(doc)
        spans = [*doc.sents, doc[1:7], doc[3:len(doc) - 2]]  # the last two cut through trees and entities
        for span in spans:
            expected, got = span.as_doc(), copies(span)
            attrs = expected._get_array_attrs()
            assert (expected.to_array(attrs) == got.to_array(attrs)).all()
            assert [(e.start, e.end, e.label_) for e in expected.ents] == [(e.start, e.end, e.label_) for e in got.ents]
            assert [s.start for s in expected.sents] == [s.start for s in got.sents]


def test_batched_scores_equal_sentence_by_sentence(docs):
    classifier = load_classifier()
    for doc in docs:
        sentences = list(doc.sents)
        batched = classifier.score_spans(sentences, cues_by_sentence(doc, sentences))
        single = np.array([classifier.score_spans([sentence])[0] for sentence in sentences])
        np.testing.assert_allclose(batched, single, rtol=0, atol=1e-9)
        assert [" ".join(structure_tokens(s)) for s in sentences] == [
            " ".join(structure_tokens(s, found))
            for s, found in zip(sentences, cues_by_sentence(doc, sentences), strict=True)]
