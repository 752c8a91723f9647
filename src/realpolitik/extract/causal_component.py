"""spaCy pipeline components for the causal and forecast extractors (importing this module registers them).

spaCy does not allow dots in factory names, so the versioned names use underscores.

``nlp.add_pipe("realpolitik_causal_v1")`` puts :func:`find_causal_links`' result on ``doc._.causal_links``;
``nlp.add_pipe("realpolitik_forecasts_v1")`` puts :func:`find_forecasts`' on ``doc._.forecasts``. Both need
the parser earlier in the pipeline. The functions remain the contract; the components are a convenience.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.forecasts import find_forecasts

__all__ = ["CausalLinks", "Forecasts"]

for _name in ("causal_links", "forecasts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class CausalLinks:
    """Sets ``doc._.causal_links``."""

    def __init__(self, use_classifier: bool = True, min_score: float | None = None) -> None:
        self.use_classifier = use_classifier
        self.min_score = min_score

    def __call__(self, doc: Doc) -> Doc:
        doc._.causal_links = find_causal_links(doc, use_classifier=self.use_classifier, min_score=self.min_score)
        return doc


class Forecasts:
    """Sets ``doc._.forecasts``."""

    def __init__(self, terms: Any = None) -> None:
        self.terms = terms

    def __call__(self, doc: Doc) -> Doc:
        doc._.forecasts = find_forecasts(doc, terms=self.terms)
        return doc


@Language.factory("realpolitik_causal_v1", default_config={"use_classifier": True, "min_score": None})
def _causal_links(nlp: Language, name: str, use_classifier: bool, min_score: float | None) -> CausalLinks:
    return CausalLinks(use_classifier, min_score)


@Language.factory("realpolitik_forecasts_v1", default_config={"terms": None})
def _forecasts(nlp: Language, name: str, terms: Any) -> Forecasts:
    return Forecasts(terms)
