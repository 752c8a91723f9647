"""Sentences and text of a doc in constant time: spaCy's ``Token.sent`` and ``Doc.text`` walk the doc on every call."""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["TextDoc", "as_text_doc", "mark_paragraph_starts", "sentence_of", "sentences", "text_of"]

_KEY = "realpolitik_sentences"
_TEXT = "realpolitik_text"


class TextDoc(Doc):
    """A spaCy ``Doc`` whose ``text`` is joined once and kept (the tokens' text never changes once made).

    ``Doc.text`` joins every token on each call; the causal and forecast finders ask for it hundreds of
    times per document. Everything else is spaCy's ``Doc``.
    """

    @property
    def text(self) -> str:
        cached = self.__dict__.get("_text")
        if cached is None:
            cached = self.__dict__["_text"] = Doc.text.__get__(self)
        return cached


def as_text_doc(doc: Doc) -> TextDoc:
    """The same tokens (orth, spacing and the tokenizer's norms) as a :class:`TextDoc`, before any annotation."""
    made = TextDoc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    # spaCy's annotations type to_array's result as float64; for a list of attributes it is a 2-D uint64 array
    made.from_array(["NORM"], doc.to_array(["NORM"]))  # type: ignore[arg-type]
    return made


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


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every blank line, before the parser runs (spaCy's parser keeps boundaries set
    before it).

    A heading has no full stop, so the parser reads it into the paragraph under it ("Why the Port Matters The
    council said …") and the heading becomes the subject of the first clause. A single line break is a
    boundary only after a sentence's closing mark ("…reopen at all?" then the standfirst on the next line):
    plain text is often wrapped inside its sentences.
    """
    for token in doc[:-1]:
        if token.is_space and (token.text.count("\n") >= 2 or "\n" in token.text and _ends_sentence(doc, token.i)):
            doc[token.i + 1].is_sent_start = True
            # with a start forced, the parser tends to end the sentence again after its first word ("Turkey |
            # presents itself as …"); a paragraph's second word never opens a sentence
            if token.i + 2 < len(doc) and not doc[token.i + 2].is_space:
                doc[token.i + 2].is_sent_start = False
    return doc


_CLOSING_MARKS = {".", "?", "!", ":", ";"}
_CLOSING_QUOTES = {"'", '"', "\u2019", "\u201d", ")"}


def _ends_sentence(doc: Doc, space: int) -> bool:
    """Whether the token before the whitespace at ``space`` closes a sentence (a mark, or a quote after one)."""
    before = doc[space - 1] if space > 0 else None
    if before is None:
        return False
    if before.text in _CLOSING_MARKS:
        return True
    return before.text in _CLOSING_QUOTES and space > 1 and doc[space - 2].text in _CLOSING_MARKS

