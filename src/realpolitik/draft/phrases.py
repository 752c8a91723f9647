"""Causal phrases as concepts: normalise the phrases, cluster similar ones, read the hedge on a claim.

The word lists and the hedge table are data (``lang/en/draft.yaml``); this module only applies them.
Phrases are compared as TF-IDF vectors of character n-grams taken inside words (``char_wb``, 3 to 5
characters) after normalisation, and grouped by average-linkage clustering on cosine distance: two groups
join while their mean cosine similarity is at least :data:`DEFAULT_THRESHOLD`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ruamel.yaml import YAML

__all__ = [
    "DEFAULT_THRESHOLD",
    "HedgeReading",
    "cluster_phrases",
    "lemmatise",
    "normalise_phrase",
    "phrase_term",
    "read_hedge",
]

#: Mean cosine similarity (TF-IDF of character 3-5-grams) at or above which two groups of phrases are one
#: concept. Chosen on the labelled phrase groups in tests/draft/test_phrases.py; see docs/draft.md.
DEFAULT_THRESHOLD = 0.6


@lru_cache(maxsize=4)
def _lexicon(lang: str = "en") -> dict:
    resource = files("realpolitik") / "lang" / lang / "draft.yaml"
    return YAML(typ="safe").load(resource.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _dropped(lang: str = "en") -> frozenset[str]:
    table = _lexicon(lang)
    keys = ("determiners", "pronouns", "function_words", "hedges", "change_words")
    return frozenset(str(w) for key in keys for w in table[key])


def lemmatise(word: str, *, lang: str = "en") -> str:
    """A light, rule-based singular of a lower-case English word.

    Irregular forms come from the ``lemmas`` table of ``lang/<code>/draft.yaml``; otherwise ``-ies``
    becomes ``-y``, ``-xes``/``-ches``/``-shes``/``-sses`` lose ``-es`` and a final ``-s`` goes unless the
    word ends in ``ss``, ``us``, ``is`` or is three letters or fewer. Verbs are left alone.

    Examples
    --------
    >>> [lemmatise(w) for w in ["economies", "taxes", "refugees", "crises", "gas", "status", "flows"]]
    ['economy', 'tax', 'refugee', 'crisis', 'gas', 'status', 'flow']
    """
    lemmas = _lexicon(lang)["lemmas"]
    if word in lemmas:
        return str(lemmas[word])
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(phrase: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", phrase.casefold())


def normalise_phrase(phrase: str, *, lang: str = "en", lemmas: bool = True) -> str:
    """The form in which phrases are compared: lower case, singular, without determiners, prepositions,
    hedges or words of change (the direction of a change belongs to the link's sign).

    Parameters
    ----------
    phrase
        A cause or effect phrase as it stands in the text.
    lemmas
        Also reduce each word with :func:`lemmatise` (off, the result is a readable term).

    Examples
    --------
    >>> normalise_phrase("The rising prices of food")
    'price food'
    >>> normalise_phrase("the country's possibly deeper economic crises", lemmas=False)
    'country economic crises'
    """
    dropped = _dropped(lang)
    words = [w.replace("’", "'") for w in _words(phrase)]
    words = [re.sub(r"'s$", "", w) for w in words if w not in dropped]
    if lemmas:
        words = [lemmatise(w, lang=lang) for w in words]
    return " ".join(w for w in words if w)


def phrase_term(phrase: str, *, lang: str = "en", max_words: int | None = None) -> str:
    """A phrase as a readable concept term: lower case, no determiners, pronouns, hedges or words of change.

    Unlike :func:`normalise_phrase`, prepositions stay (except at either end) and words keep their form.
    With ``max_words``, only the first words are kept (then trimmed of trailing prepositions).

    Examples
    --------
    >>> phrase_term("The flow of refugees")
    'flow of refugees'
    >>> phrase_term("Growing unrest in the capital's streets")
    'unrest in capital streets'
    >>> phrase_term("the sudden collapse of the army in the north and the east", max_words=4)
    'sudden collapse of army'
    """
    table = _lexicon(lang)
    dropped = _dropped(lang) - {str(w) for w in table["function_words"]}
    words = [re.sub(r"'s$", "", w.replace("’", "'")) for w in _words(phrase)]
    words = [w for w in words if w and w not in dropped]
    if max_words is not None:
        words = words[:max_words]
    ends = {str(w) for w in table["function_words"]}
    while words and words[0] in ends:
        words.pop(0)
    while words and words[-1] in ends:
        words.pop()
    return " ".join(words)


def cluster_phrases(
    phrases: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD, lang: str = "en"
) -> list[int]:
    """Group phrases that name the same thing; return a cluster number per phrase.

    Clusters are numbered in order of their first phrase. Phrases that normalise to the same text are
    always together; an empty normalised phrase stays alone.

    Parameters
    ----------
    phrases
        Cause and effect phrases.
    threshold
        Mean cosine similarity at or above which two groups join (0..1; 1 joins only equal phrases).

    Examples
    --------
    >>> cluster_phrases(["rising food prices", "the price of food", "refugee flows", "the flow of refugees"])
    [0, 0, 1, 1]
    >>> cluster_phrases(["foreign aid", "foreign investment"])
    [0, 1]
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must lie in 0..1, got {threshold}")
    forms = [normalise_phrase(p, lang=lang) for p in phrases]
    distinct = list(dict.fromkeys(f for f in forms if f))
    labels_of_form: dict[str, int] = {}
    if len(distinct) == 1:
        labels_of_form[distinct[0]] = 0
    elif len(distinct) > 1:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(distinct)
        clustering = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - threshold + 1e-9
        ).fit(vectors.toarray())
        labels_of_form = dict(zip(distinct, (int(x) for x in clustering.labels_), strict=True))
    # Renumber by first appearance; empty phrases get clusters of their own.
    renumber: dict[object, int] = {}
    result = []
    for index, form in enumerate(forms):
        key: object = labels_of_form[form] if form else ("empty", index)
        result.append(renumber.setdefault(key, len(renumber)))
    return result


@dataclass(frozen=True)
class HedgeReading:
    """How a hedge reads: its class in the table, the link strength and the base confidence it gives."""

    hedge_class: str
    strength: float
    confidence: float


def read_hedge(hedge: str | None, *, lang: str = "en") -> HedgeReading:
    """Read the hedge on a causal claim through the table in ``lang/<code>/draft.yaml``.

    The longest listed hedge term found in ``hedge`` (whole words) decides its class; no hedge is
    ``none``, an unlisted one ``other``.

    Examples
    --------
    >>> read_hedge(None)
    HedgeReading(hedge_class='none', strength=0.6, confidence=0.7)
    >>> read_hedge("may").strength, read_hedge("is likely to").hedge_class, read_hedge("may not").hedge_class
    (0.3, 'probable', 'doubtful')
    """
    table = _lexicon(lang)
    strengths = table["strengths"]
    if hedge is None or not hedge.strip():
        found = "none"
    else:
        text = f" {' '.join(_words(hedge))} "
        candidates = [
            (len(term), cls) for cls, terms in table["hedge_classes"].items() for term in terms
            if f" {term} " in text
        ]
        found = max(candidates)[1] if candidates else "other"
    strength, confidence = strengths[found]
    return HedgeReading(found, float(strength), float(confidence))
