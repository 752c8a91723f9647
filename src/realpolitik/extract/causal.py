"""Causal claims: the parse rules of :mod:`realpolitik.extract.causal_rules`, kept or left out by the sentence
classifier.

Every cue of ``lang/en/causal_cues.yaml`` found in a parsed ``Doc`` gives a claim when the rules find a cause and
an effect around it. Every link carries the sentence score of the causal-sentence classifier
(:mod:`realpolitik.extract.classifier`), and links found through a *weak* cue ("as", "since", "increase") are
kept only when that score reaches the threshold.
"""

from __future__ import annotations

from typing import Any

from realpolitik.extract.causal_rules import check_parsed, find_rule_links
from realpolitik.extract.classifier import CausalSentenceClassifier, load_classifier
from realpolitik.extract.cues import (
    CueLexicon,
    CueMatch,
    all_matches,
    cue_lexicon,
    cues_by_sentence,
    longest,
    split_by_sentence,
)
from realpolitik.record import ExtractedCausalLink

__all__ = ["find_causal_links"]


def find_causal_links(doc: Any, *, lexicon: CueLexicon | None = None,
                      classifier: CausalSentenceClassifier | None = None, use_classifier: bool = True,
                      min_score: float | None = None, cues: list[CueMatch] | None = None) -> list[ExtractedCausalLink]:
    """The causal claims of a parsed document, each with its cause, effect, polarity, hedge and evidence.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A document parsed by a spaCy pipeline with a dependency parser; its text is the document's normalised
        text, so every character offset indexes it.
    lexicon : CueLexicon, optional
        The cues to look for; the bundled English lexicon by default.
    classifier : CausalSentenceClassifier, optional
        Scores each sentence; the bundled classifier by default.
    use_classifier : bool
        False skips scoring: ``score`` is None and weak cues are kept.
    min_score : float, optional
        Sentence score a weak cue needs to be kept; the classifier's own threshold by default.
    cues : list of CueMatch, optional
        ``find_cues(doc, lexicon)``, when the caller has found them already.

    Returns
    -------
    list of ExtractedCausalLink
        In text order. Besides the contract's fields each link has ``cue``, ``cue_kind``, ``strength``,
        ``score``, ``negated``, ``cause_span`` and ``effect_span`` (character ranges of the two phrases).

    Raises
    ------
    RealpolitikError
        The doc has no dependency parse (E192).
    """
    check_parsed(doc)
    lexicon = lexicon or cue_lexicon()
    classifier = (classifier or load_classifier()) if use_classifier else None
    bundled = cue_lexicon()
    # one Matcher pass serves both the doc's cues and, with the bundled lexicon, the classifier's per-sentence ones
    found = all_matches(doc, lexicon) if cues is None else None
    matches = longest(found) if found is not None else cues or []
    if classifier is None or not matches:
        return find_rule_links(doc, matches, lexicon)
    # score every sentence holding a cue in one batch
    sentences = {doc[match.start].sent.start: doc[match.start].sent for match in matches}
    spans = list(sentences.values())
    # the classifier's structure features read the bundled lexicon's cues, whatever ``lexicon`` is
    per_sentence = (split_by_sentence(found, spans) if found is not None and lexicon is bundled
                    else cues_by_sentence(doc, spans))
    scores = classifier.score_spans(spans, per_sentence)
    sentence_scores = {start: float(value) for start, value in zip(sentences, scores, strict=True)}
    threshold = classifier.threshold if min_score is None else min_score
    return find_rule_links(doc, matches, lexicon, score_of=lambda match: sentence_scores[doc[match.start].sent.start],
                           threshold=threshold)
