"""The causal finder's shortcuts give what the plain spaCy routes give: cue index vs Matcher, sentence copies
vs ``Span.as_doc``, one doc-wide cue pass vs one per sentence, batched scores vs per-sentence ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from realpolitik.extract.classifier import _SentenceDocs, load_classifier, structure_tokens
from realpolitik.extract.cues import CueMatch, _index, _matcher, cue_lexicon, cues_by_sentence, find_cues, longest
from tests.conftest import DEV_ARTICLES

FIXTURES = Path(__file__).parent / "fixtures"
EXTRA = ("The strike led directly and quickly to shortages, which will likely lead to unrest. "
         "Prices rose as a result of the war; as a result, many left. Because of the drought, the harvest failed, "
         "resulting in hunger, since aid was blocked in order to punish the rebels.")


@pytest.fixture(scope="module")
def dev_texts():
    """The dev articles' texts (none when ../shared is absent: the fixtures are read then)."""
    return [path.read_text(encoding="utf-8") for path in sorted((DEV_ARTICLES / "texts").glob("*.txt"))]


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


def _sklearn_probabilities(classifier, texts, spans):
    """What the classifier's linear model gives over scikit-learn's own TF-IDF rows (the way it was trained)."""
    from scipy.sparse import hstack

    from realpolitik.extract.classifier import block_texts, make_vectorizer

    parts = []
    for block in classifier.blocks:
        vectorizer = make_vectorizer(block.name, {t: i for i, t in enumerate(block.vocabulary)}, **block.settings)
        vectorizer.idf_ = block.idf
        parts.append(vectorizer.transform(block_texts(block.name, texts, spans)) * block.weight)
    scores = hstack(parts).tocsr() @ classifier.coef + classifier.intercept
    return 1.0 / (1.0 + np.exp(-np.asarray(scores, dtype=float).ravel()))


def test_scores_equal_scikit_learns_vectorizers(docs, nlp, dev_texts):
    """The classifier reads its tf-idf features without scikit-learn; on every sentence of the fixtures and
    of the dev articles, they give scikit-learn's probabilities and the same decisions."""
    classifier = load_classifier()
    every = [*docs, *(nlp(text) for text in dev_texts)]
    sentences = [sentence for doc in every for sentence in doc.sents]
    texts = [sentence.text for sentence in sentences]
    ours = classifier.predict_proba(texts, sentences)
    reference = _sklearn_probabilities(classifier, texts, sentences)
    np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-5)
    assert ((ours >= classifier.threshold) == (reference >= classifier.threshold)).mean() > 0.999


@pytest.mark.parametrize("block", ["word", "char", "structure"])
def test_terms_are_scikit_learns_analyzer(block):
    """Each block reads the terms scikit-learn's analyzer reads, with counts (short words, runs of spaces)."""
    classifier = load_classifier()
    found = {b.name: b for b in classifier.blocks}
    if block not in found:
        pytest.skip(f"the bundled classifier has no {block} block")
    from realpolitik.extract.classifier import make_vectorizer

    analyzer = make_vectorizer(block, **found[block].settings).build_analyzer()
    for text in ["A to B:  it  led, in 2021, to a\tcrisis \u2014 and x.", "I", "", "ab  cd\n\nefghij klmnop"]:
        assert sorted(found[block].terms(text)) == sorted(analyzer(text))
