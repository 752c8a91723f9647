"""Reading hedged language as ICD 203 probability bands, from the table in ``lang/<code>/estimative.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import cast, get_args

from ruamel.yaml import YAML

from realpolitik.model.vocabulary import Band

__all__ = ["band_for_term", "estimative_terms"]


@lru_cache(maxsize=4)
def estimative_terms(lang: str = "en") -> dict[str, Band]:
    """Return the estimative-term table of a language: lower-cased term -> band.

    Examples
    --------
    >>> estimative_terms()["expected to"]
    'likely'
    """
    resource = files("realpolitik") / "lang" / lang / "estimative.yaml"
    table = YAML(typ="safe").load(resource.read_text(encoding="utf-8"))
    bands = set(get_args(Band))
    terms: dict[str, Band] = {}
    for band, listed in table.items():
        if band not in bands:
            raise ValueError(f"{resource}: '{band}' is not an ICD 203 band")
        for term in listed:
            terms[str(term).lower()] = cast(Band, band)
    return terms


def band_for_term(phrase: str, *, lang: str = "en") -> Band | None:
    """The band of the longest listed term found in ``phrase`` (whole words), or None.

    Examples
    --------
    >>> band_for_term("are also likely to")
    'likely'
    >>> band_for_term("will not")
    'very likely'
    >>> band_for_term("is not expected to")
    'unlikely'
    >>> band_for_term("reportedly") is None
    True
    """
    padded = f" {' '.join(phrase.lower().split())} "
    found = [term for term in estimative_terms(lang) if f" {term} " in padded]
    if not found:
        return None
    return estimative_terms(lang)[max(found, key=len)]
