"""Forecasts: the author's future or hedged statements, read as ICD 203 bands through the estimative-term table.

A forecast is a clause whose verb is governed by a modal ("will", "may", "could still", "cannot afford") or by
a hedge taking a *to*-infinitive ("is expected to", "are likely to", "is set to"), where the words from the
modal or hedge up to the verb contain a term of the table (``lang/en/estimative.yaml``, or the user's table).
The longest term found gives the band and its probability range.

Not forecasts: a clause reported under a past-tense reporting verb ("officials believed the truce would hold"),
a past modal ("could have avoided"), a question. A negated forecast keeps the author's polarity: "X will not
engage" is a *very likely* forecast that X will not engage (``negated`` is set), as in the model format.
A conditional forecast ("if A, B will ...") keeps its condition in ``condition``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from realpolitik.errors import Errors, RealpolitikError
from realpolitik.extract.schema import ExtractedForecast, Mention, SpanEvidence
from realpolitik.lang.estimative import ICD203_BANDS, read_term_table

__all__ = ["find_forecasts"]

_WINDOW = 6  # tokens after the verb that may still belong to the term ("have no choice but to")
_TRIM = {"PUNCT", "CCONJ", "SPACE"}
_PAST_AUX = {"was", "were", "had", "did"}


@lru_cache(maxsize=2)
def _cues(lang: str = "en") -> tuple[frozenset[str], frozenset[str]]:
    resource = files("realpolitik") / "lang" / lang / "forecast_cues.yaml"
    table = YAML(typ="safe").load(resource.read_text(encoding="utf-8"))
    return frozenset(table["reporting_verbs"]), frozenset(table["conditions"])


def _text(doc: Any, lo: int, hi: int) -> str:
    return doc[lo:hi].text  # the span's own words: joining the whole doc's text each time is slow


def _anchors(doc: Any) -> list[tuple[int, Any]]:
    """(first token of the term, the forecast's verb): modals on a verb, hedges with a to-infinitive."""
    found = []
    for token in doc:
        if token.tag_ == "MD" and token.dep_ in ("aux", "auxpass") and token.head.i > token.i:
            found.append((token.i, token.head))
        for child in token.children:
            if child.dep_ == "xcomp" and child.i > token.i and any(c.tag_ == "TO" for c in child.children):
                first = min([token.i] + [c.i for c in token.children
                                         if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.i < token.i])
                if token.dep_ == "acomp" and token.head.lemma_ == "be":  # "are (also) likely to"
                    first = min(first, token.head.i)
                found.append((first, child))
    return found


def _term(doc: Any, first: int, verb: Any, terms: Mapping[str, str]) -> tuple[str, str, int] | None:
    """The longest table term that begins between ``first`` and the verb: (term, band, token after it).

    The words after the verb count too, so that "will have no choice but to" is read whole.
    """
    hi = min(verb.i + 1 + _WINDOW, doc[first].sent.end)
    tokens = [doc[i].lower_ for i in range(first, hi)]
    best = None
    for begin in range(0, verb.i - first + 1):
        for stop in range(begin + 1, len(tokens) + 1):
            words = " ".join(tokens[begin:stop]).replace(" n't", "n't").replace("can not", "cannot")
            band = terms.get(words)
            if band is None and stop - begin == 2 and tokens[begin:stop] == ["can", "not"]:
                band = terms.get("cannot")
            if band is not None and (best is None or len(words) > len(best[0])):
                best = (words, band, first + stop)
    return best


def _reported(verb: Any, reporting: frozenset[str]) -> bool:
    token = verb
    while token.head.i != token.i:
        dep, token = token.dep_, token.head
        if dep in ("ccomp", "xcomp", "advcl", "conj") and token.lemma_.lower() in reporting and (
                token.tag_ == "VBD" or token.tag_ == "VBN" and any(c.lower_ in _PAST_AUX for c in token.children)):
            return True
    return False


def _past_modal(verb: Any) -> bool:
    return verb.tag_ == "VBN" and any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)


def _clause(doc: Any, head: Any, own_heads: set[int]) -> tuple[int, int]:
    """The clause of ``head`` without coordinated clauses that are forecasts of their own."""
    exclude: set[int] = set()
    for child in head.children:
        if child.dep_ == "conj" and child.i in own_heads:
            exclude |= {t.i for t in child.subtree}
            exclude |= {t.i for t in child.lefts if t.dep_ in ("cc", "punct")}
        if child.dep_ == "cc" and any(c.dep_ == "conj" and c.i in own_heads for c in head.children):
            exclude.add(child.i)
    ids = {t.i for t in head.subtree} - exclude
    lo = hi = head.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    hi += 1
    while lo < hi and (doc[lo].pos_ in _TRIM or doc[lo].tag_ in ("WDT", "WP")):
        lo += 1
    while hi > lo and doc[hi - 1].pos_ in _TRIM:
        hi -= 1
    return lo, hi


def _clause_head(verb: Any) -> Any:
    """The token whose subtree is the whole clause: the verb, or the hedge it depends on ("is expected to")."""
    token = verb
    while token.dep_ in ("xcomp", "acomp") and token.head.i != token.i:
        token = token.head
    return token


def _subject_text(head: Any) -> str | None:
    token = head
    for _ in range(4):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                return None if token.i == head.i else _text(head.doc, child.left_edge.i, child.right_edge.i + 1)
        if token.dep_ not in ("conj", "xcomp", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def find_forecasts(doc: Any, *, terms: str | Path | Mapping | None = None) -> list[ExtractedForecast]:
    """The forecasts of a parsed document, each with its estimative term, ICD 203 band and probability.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A document parsed by a spaCy pipeline with a dependency parser (made from the normalised text).
    terms : path or mapping, optional
        The user's estimative terms, laid over the bundled table: a YAML file or a mapping, either
        band -> list of terms or term -> band (a term mapped to None is dropped). See
        :func:`realpolitik.lang.read_term_table`.

    Returns
    -------
    list of ExtractedForecast
        In text order, ``actors`` empty (the assembler fills them). Extra fields: ``negated``,
        ``condition`` (the text of an if-clause, or None), ``term_span`` (where the term stands) and
        ``sentence`` (the sentence's range).

    Raises
    ------
    RealpolitikError
        The doc has no dependency parse (E192).
    InputFileError
        ``terms`` cannot be read or names an unknown band (E191).
    """
    if not doc.has_annotation("DEP"):
        raise RealpolitikError(Errors.E192.format(what="find_forecasts"))
    table = read_term_table(terms)
    reporting, conditions = _cues()
    candidates = []
    for first, verb in _anchors(doc):
        if doc[first].sent.text.rstrip().endswith("?") or _past_modal(verb) or _reported(verb, reporting):
            continue
        found = _term(doc, first, verb, table)
        if found is None:
            continue
        candidates.append((first, verb, found))
    heads = {verb.i for _, verb, _ in candidates} | {_clause_head(verb).i for _, verb, _ in candidates}
    forecasts: dict[int, ExtractedForecast] = {}
    for first, verb, (term, band, term_end) in candidates:
        if term_end < len(doc) and doc[term_end].tag_ == "TO" and doc[term_end].head.i == verb.i:
            term_end += 1  # "is unlikely" + "to": the term as the reader sees it
        head = _clause_head(verb)
        lo, hi = _clause(doc, head, heads - {head.i, verb.i})
        lo = min(lo, first)
        statement = statement_text = _text(doc, lo, hi)
        subject = _subject_text(head)
        if subject and subject not in statement:
            statement = f"{subject} {statement}"
        negated = any(c.dep_ == "neg" for t in (verb, head) for c in t.children) or " not " in f" {term} " \
            or "n't" in term or "cannot" in term
        condition = next((t for t in verb.subtree if t.dep_ == "mark" and t.lower_ in conditions), None)
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        sentence = doc[first].sent
        forecast = ExtractedForecast(
            statement=statement,
            actors=[],
            estimative_term=_text(doc, first, term_end),
            band=band,
            probability=ICD203_BANDS[band],
            evidence=SpanEvidence(start=start, end=end, text=statement_text),
            negated=negated,
            condition=None if condition is None else _text(doc, condition.head.left_edge.i,
                                                           condition.head.right_edge.i + 1),
            term_span=Mention(start=doc[first].idx, end=doc[term_end - 1].idx + len(doc[term_end - 1].text)),
            sentence=Mention(start=sentence.start_char, end=sentence.end_char),
        )
        previous = forecasts.get(first)
        if previous is None or len(forecast.estimative_term) > len(previous.estimative_term):
            forecasts[first] = forecast  # one forecast per term ("will not seek to engage" once)
    return sorted(forecasts.values(), key=lambda f: (f.evidence.start, f.evidence.end))
