"""The causal-sentence classifier: does a sentence state a cause-effect relation? (CNC subtask 1)

A linear model over three blocks of TF-IDF features: word 1-2-grams, character 2-5-grams within words, and
*structure* tokens read from spaCy's parse (which cues of the lexicon occur, their kind and strength, the
dependency relations of verbs, markers and prepositions). It is trained by ``scripts/train_causal.py`` on the
Causal News Corpus and stored as one ``.npz`` file of plain arrays (vocabularies, idf weights, coefficients)
that is read with ``allow_pickle=False``: no code is unpickled, and loading needs nothing from the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.errors import Errors, InputFileError
from realpolitik.extract.causal_rules import find_rule_links
from realpolitik.extract.cues import cue_lexicon, find_cues

__all__ = [
    "BLOCKS",
    "CausalSentenceClassifier",
    "DEFAULT_CLASSIFIER",
    "block_texts",
    "default_classifier_path",
    "load_classifier",
    "make_vectorizer",
    "structure_tokens",
]

#: File name of the bundled classifier under ``realpolitik/data/classifiers``.
DEFAULT_CLASSIFIER = "causal_sentence_v1.npz"

#: The feature blocks and the settings of their vectorizers (kept in the artefact, so a retrained file may
#: differ; these are the defaults the training script starts from).
BLOCKS: dict[str, dict[str, Any]] = {
    "word": {"analyzer": "word", "ngram_range": (1, 2), "lowercase": True, "sublinear_tf": True,
             "token_pattern": r"(?u)\b\w+\b", "min_df": 2},
    "char": {"analyzer": "char_wb", "ngram_range": (2, 5), "lowercase": True, "sublinear_tf": True, "min_df": 3},
    "structure": {"analyzer": "word", "ngram_range": (1, 1), "lowercase": False, "sublinear_tf": True,
                  "token_pattern": r"\S+", "min_df": 2},
}

_STRUCTURE_DEPS = {"mark", "agent", "prep", "advcl", "xcomp", "acl", "relcl", "ccomp", "pcomp", "advmod"}


class _SentenceDocs:
    """Each sentence of one doc as a ``Doc`` of its own, as ``Span.as_doc`` makes it for the rule-based finder.

    ``Span.as_doc`` reads the whole doc's attribute array and entities again for every sentence (quadratic in
    the sentence count) and computes the span's vector; here the array and entities are read once per doc,
    and the vector, tensor and categories, which the finder never reads, are left out.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.attrs = doc._get_array_attrs()
        self.array = doc.to_array(self.attrs)
        self.ents = {(ent.start, ent.end) for ent in doc.ents}

    def __call__(self, span: Any) -> Any:
        from spacy.attrs import ENT_IOB, HEAD
        from spacy.tokens import Doc

        rows = self.array[span.start:span.end].copy()  # as_doc rewires heads in place: keep the doc's array
        if len(rows) and HEAD in self.attrs:
            heads = rows[:, self.attrs.index(HEAD)].astype(np.int64) + np.arange(len(rows))
            if heads.min() < 0 or heads.max() >= len(rows):  # a head outside the sentence: as_doc's own rewiring
                span._fix_dep_copy(self.attrs, rows)
        if len(rows) and ENT_IOB in self.attrs and rows[0][self.attrs.index(ENT_IOB)] == 1:
            rows[0][self.attrs.index(ENT_IOB)] = 3  # an entity cut at the sentence start begins there
        doc = Doc(self.doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
        doc.from_array(self.attrs, rows)
        ents = doc.ents
        if ents:  # entities cut by the sentence's edges are dropped, as as_doc drops them
            for ent in (ents[0], ents[-1]):
                if (ent.start + span.start, ent.end + span.start) not in self.ents:
                    doc.set_ents([], missing=[ent], default="unmodified")
        doc.noun_chunks_iterator = self.doc.noun_chunks_iterator  # type: ignore[attr-defined]  # not in spaCy's stubs
        doc.user_hooks = self.doc.user_hooks
        doc.user_span_hooks = self.doc.user_span_hooks
        doc.user_token_hooks = self.doc.user_token_hooks
        return doc


def structure_tokens(span: Any, cues: Sequence[Any] | None = None, sentence_doc: Any = None) -> list[str]:
    """Feature tokens from a parsed sentence: its cues and the dependency relations around verbs.

    Parameters
    ----------
    span : spacy.tokens.Span or spacy.tokens.Doc
        A parsed sentence.
    cues : list of CueMatch, optional
        ``find_cues(span)``, when the caller has it already (see :func:`~realpolitik.extract.cues.cues_by_sentence`).
    sentence_doc : spacy.tokens.Doc, optional
        The span copied into a doc of its own (``span.as_doc()`` by default).

    Returns
    -------
    list of str
        Tokens such as ``cue:because``, ``kind:connective``, ``strong``, ``ld:lead_ROOT``,
        ``tr:lead>prep>to``, and ``link:verb`` where the rule-based extractor finds a cause and an effect.
    """
    cues = find_cues(span) if cues is None else list(cues)
    tokens: list[str] = []
    for match in cues:
        cue = match.cue
        head = span[match.start]
        tokens += [f"cue:{cue.cue.replace(' ', '_')}", f"kind:{cue.kind}", cue.strength,
                   f"cuedep:{cue.kind}:{head.dep_}"]

    # the sentence as its own doc has the same tokens, so the cues found in the span index it unchanged
    if sentence_doc is None:
        sentence_doc = span.as_doc() if hasattr(span, "as_doc") else span
    for link in find_rule_links(sentence_doc, cues, cue_lexicon()):
        cue = (link.cue or "").lower().replace(" ", "_")
        tokens += [f"link:{link.cue_kind}", f"link:{link.strength}", f"linkcue:{cue}"]
        if link.hedge:
            tokens.append("link:hedged")
    for token in span:
        if token.pos_ in ("VERB", "SCONJ", "ADP", "AUX") or token.dep_ in _STRUCTURE_DEPS:
            tokens.append(f"ld:{token.lemma_.lower()}_{token.dep_}")
        if token.dep_ in _STRUCTURE_DEPS:
            tokens.append(f"tr:{token.head.lemma_.lower()}>{token.dep_}>{token.lemma_.lower()}")
        if token.tag_ == "MD":
            tokens.append("modal")
    return tokens


def block_texts(block: str, texts: Sequence[str], spans: Sequence[Any] | None,
                cues: Sequence[Sequence[Any]] | None = None) -> list[str]:
    """The strings a block's vectorizer reads: the text itself, or the structure tokens joined by spaces.

    ``cues``, when given, holds ``find_cues(span)`` for each span, found once for the whole doc.
    """
    if block != "structure":
        return list(texts)
    if spans is None:
        raise ValueError("the structure block needs parsed sentences")
    copies: dict[int, _SentenceDocs] = {}

    def sentence_doc(span: Any) -> Any:
        if not hasattr(span, "as_doc"):
            return span
        if id(span.doc) not in copies:
            copies[id(span.doc)] = _SentenceDocs(span.doc)
        return copies[id(span.doc)](span)

    per_span: Sequence[Sequence[Any] | None] = [None] * len(spans) if cues is None else cues
    return [" ".join(structure_tokens(span, found, sentence_doc(span)))
            for span, found in zip(spans, per_span, strict=True)]


def make_vectorizer(block: str, vocabulary: dict[str, int] | None = None, **overrides: Any):
    """A scikit-learn ``TfidfVectorizer`` with a block's settings (and a fixed vocabulary when given)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings = {**BLOCKS[block], **overrides}
    settings["ngram_range"] = tuple(settings["ngram_range"])
    return TfidfVectorizer(vocabulary=vocabulary, dtype=np.float32, **settings)


@dataclass
class _Block:
    """One block of features: its vectorizer's settings, vocabulary and idf weights, and the block's weight."""

    name: str
    settings: dict[str, Any]
    vocabulary: list[str]
    idf: np.ndarray
    weight: float
    _index: dict[str, int] | None = field(default=None, repr=False)

    def terms(self, text: str) -> list[str]:
        """The terms scikit-learn's ``TfidfVectorizer`` with this block's settings reads in ``text``: word
        n-grams of ``token_pattern`` matches, or character n-grams (``char_wb``: within each word, padded with
        a space on both sides; a word shorter than an n-gram counts once, whole)."""
        settings = self.settings
        if settings.get("lowercase", True):
            text = text.lower()
        low, high = settings["ngram_range"]
        analyzer = settings["analyzer"]
        if analyzer == "word":
            words = re.findall(settings.get("token_pattern", r"(?u)\b\w\w+\b"), text)
            return [" ".join(words[i:i + n]) for n in range(low, high + 1) for i in range(len(words) - n + 1)]
        text = _RUNS_OF_SPACE.sub(" ", text)
        if analyzer == "char":
            return [text[i:i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]
        if analyzer != "char_wb":
            raise ValueError(f"no analyzer {analyzer!r} in a causal classifier's block")
        grams = []
        for word in text.split():
            word = f" {word} "
            for n in range(low, high + 1):
                if len(word) <= n:
                    grams.append(word)
                    break
                grams.extend(word[i:i + n] for i in range(len(word) - n + 1))
        return grams

    def scores(self, texts: Sequence[str], coef: np.ndarray) -> np.ndarray:
        """``coef`` · each text's tf-idf row (sublinear counts of the block's terms times their idf, scaled to
        unit length, as ``TfidfVectorizer.transform`` makes it), times the block's weight.

        A linear model needs only this dot product, so scikit-learn's vectorizer and sparse matrices, whose
        import alone holds 130-170 MB (it brings SciPy's statistics and pandas), are left to training.
        """
        if self._index is None:
            self._index = {term: i for i, term in enumerate(self.vocabulary)}
        index, sublinear = self._index, self.settings.get("sublinear_tf", False)
        out = np.zeros(len(texts))
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in self.terms(text):
                column = index.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values = (1.0 + np.log(tf) if sublinear else tf) * self.idf[columns]
            out[row] = values @ coef[columns] / np.sqrt(values @ values)
        return out * self.weight


#: What ``TfidfVectorizer`` folds to one space before reading character n-grams.
_RUNS_OF_SPACE = re.compile(r"\s\s+")


@dataclass
class CausalSentenceClassifier:
    """A trained linear causal-sentence classifier; build one with :func:`load_classifier`.

    ``threshold`` is the probability above which a sentence counts as causal (chosen on the validation split);
    ``meta`` holds how it was trained and what it measured.
    """

    blocks: list[_Block]
    coef: np.ndarray
    intercept: float
    threshold: float
    meta: dict[str, Any]

    @property
    def needs_parse(self) -> bool:
        return any(block.name == "structure" for block in self.blocks)

    def predict_proba(self, texts: Sequence[str], spans: Sequence[Any] | None = None,
                      cues: Sequence[Sequence[Any]] | None = None) -> np.ndarray:
        """Probability that each sentence is causal (``spans``: the parsed sentences, for the structure block;
        ``cues``: the cues of each span, when already found)."""
        if len(texts) == 0:
            return np.zeros(0)
        scores = np.full(len(texts), self.intercept)
        start = 0
        for block in self.blocks:
            end = start + len(block.vocabulary)
            scores += block.scores(block_texts(block.name, texts, spans, cues), self.coef[start:end])
            start = end
        return 1.0 / (1.0 + np.exp(-scores))

    def score_spans(self, spans: Iterable[Any], cues: Sequence[Sequence[Any]] | None = None) -> np.ndarray:
        """Probability that each parsed sentence (spaCy ``Span``) is causal (``cues``: as for :meth:`predict_proba`)."""
        spans = list(spans)
        return self.predict_proba([span.text for span in spans], spans, cues)

    def save(self, path: str | Path) -> Path:
        """Write the classifier as one ``.npz`` of plain arrays (no pickles)."""
        path = Path(path)
        arrays: dict[str, np.ndarray] = {"coef": self.coef.astype(np.float32),
                                         "intercept": np.array([self.intercept])}
        header: dict[str, Any] = {"blocks": [], "threshold": self.threshold, "meta": self.meta}
        for block in self.blocks:
            header["blocks"].append({"name": block.name, "settings": block.settings, "weight": block.weight})
            arrays[f"vocab_{block.name}"] = np.array(json.dumps(block.vocabulary))
            arrays[f"idf_{block.name}"] = block.idf.astype(np.float32)
        arrays["header"] = np.array(json.dumps(header, sort_keys=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            # numpy's stubs read **arrays as if it could hold allow_pickle; it holds only array names
            np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]
        return path

    @classmethod
    def from_fitted(cls, vectorizers: dict[str, Any], weights: dict[str, float], coef: np.ndarray,
                    intercept: float, threshold: float, meta: dict[str, Any]) -> CausalSentenceClassifier:
        """Assemble a classifier from fitted vectorizers (block name -> vectorizer) and a linear model."""
        blocks = []
        for name, vec in vectorizers.items():
            vocabulary = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            params = vec.get_params()
            settings = {key: (list(params[key]) if isinstance(params[key], tuple) else params[key])
                        for key in BLOCKS[name]}
            blocks.append(_Block(name, settings, vocabulary, np.asarray(vec.idf_, dtype=np.float32), weights[name]))
        return cls(blocks, np.asarray(coef, dtype=np.float32).ravel(), float(intercept), float(threshold), meta)


def default_classifier_path() -> Path:
    """Path of the bundled classifier."""
    return Path(str(files("realpolitik.data") / "classifiers" / DEFAULT_CLASSIFIER))


def _read(path: Path) -> CausalSentenceClassifier:
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            blocks = [_Block(b["name"], b["settings"], json.loads(str(data[f"vocab_{b['name']}"])),
                             data[f"idf_{b['name']}"].astype(np.float64), float(b["weight"]))
                      for b in header["blocks"]]
            coef = data["coef"].astype(np.float64)
            intercept = float(data["intercept"][0])
    except (OSError, ValueError, KeyError) as exc:
        raise InputFileError(Errors.E193.format(path=path, reason=str(exc) or type(exc).__name__)) from exc
    if coef.shape[0] != sum(len(b.vocabulary) for b in blocks):
        raise InputFileError(Errors.E193.format(path=path, reason="the weights do not match the vocabularies"))
    return CausalSentenceClassifier(blocks, coef, intercept, float(header["threshold"]), header.get("meta", {}))


@lru_cache(maxsize=2)
def _cached(path: str) -> CausalSentenceClassifier:
    return _read(Path(path))


def load_classifier(path: str | Path | None = None) -> CausalSentenceClassifier:
    """Load a classifier written by :meth:`CausalSentenceClassifier.save` (the bundled one by default).

    Raises
    ------
    InputFileError
        The file is missing or is not a classifier (E193).
    """
    path = Path(path) if path is not None else default_classifier_path()
    if not path.is_file():
        raise InputFileError(Errors.E193.format(path=path, reason="no such file"))
    return _cached(str(path.resolve()))
