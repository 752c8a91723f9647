"""Sentences and text of a doc in constant time: spaCy's ``Token.sent`` and ``Doc.text`` walk the doc on every call."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentence_of", "sentences", "text_of"]

_KEY = "realpolitik_sentences"
_TEXT = "realpolitik_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc and kept."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The doc's sentences and, for each token, the index of its sentence (computed once per doc)."""
    cached = doc.user_data.get(_KEY)
    if cached is None or len(cached[1]) != len(doc):
        spans = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(spans):
            for i in range(sent.start, sent.end):
                index[i] = n
        cached = (spans, index)
        doc.user_data[_KEY] = cached
    return cached


def sentence_of(doc: Doc, token_index: int) -> Span:
    """The sentence holding token ``token_index``."""
    spans, index = sentences(doc)
    return spans[index[token_index]]
