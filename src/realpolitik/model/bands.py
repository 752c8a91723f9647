"""The band a hedged term means, typed for the model: a reading of the table in ``lang/<code>/estimative.yaml``."""

from __future__ import annotations

from typing import cast

from realpolitik.lang.estimative import band_of_phrase, term_table
from realpolitik.model.vocabulary import Band

__all__ = ["band_for_term", "estimative_terms"]


def estimative_terms(lang: str = "en") -> dict[str, Band]:
    """Return the estimative-term table of a language: lower-cased term -> band.

    The table is read by :func:`realpolitik.lang.estimative.term_table`, which extraction uses too.

    Examples
    --------
    >>> estimative_terms()["expected to"]
    'likely'
    """
    return cast(dict[str, Band], term_table(lang))


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
    found = band_of_phrase(phrase, term_table(lang))
    return None if found is None else cast(Band, found[1])
