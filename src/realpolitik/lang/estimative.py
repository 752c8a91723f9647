"""The estimative-term table: hedged words ("is expected to", "may") read as ICD 203 probability bands.

The bundled table is ``lang/<code>/estimative.yaml`` (band -> list of terms). Users may pass their own, as a
YAML file of the same shape or as a mapping, either band -> terms or term -> band; see :func:`read_term_table`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from realpolitik.errors import Errors, InputFileError

__all__ = ["ICD203_BANDS", "band_of_phrase", "read_term_table", "term_table"]

#: ICD 203 probability bands as fractions (ODNI Intelligence Community Directive 203).
ICD203_BANDS: dict[str, tuple[float, float]] = {
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}


def _normal(term: Any) -> str:
    return " ".join(str(term).lower().split())


def _table(table: Any, where: str) -> dict[str, str | None]:
    if not isinstance(table, Mapping):
        raise InputFileError(Errors.E191.format(path=where, reason="expected a mapping of bands to terms"))
    terms: dict[str, str | None] = {}
    for key, value in table.items():
        if isinstance(value, list | tuple):  # band -> [terms]
            if key not in ICD203_BANDS:
                raise InputFileError(Errors.E191.format(path=where, reason=f"'{key}' is not an ICD 203 band"))
            for term in value:
                terms[_normal(term)] = str(key)
        elif value is None or value in ICD203_BANDS:  # term -> band (None removes the term)
            terms[_normal(key)] = value
        else:
            reason = f"'{key}' maps to '{value}', which is not an ICD 203 band ({', '.join(ICD203_BANDS)})"
            raise InputFileError(Errors.E191.format(path=where, reason=reason))
    return terms


@lru_cache(maxsize=4)
def term_table(lang: str = "en") -> dict[str, str]:
    """The bundled table of a language: lower-cased term -> band.

    Examples
    --------
    >>> term_table()["is expected to"]
    'likely'
    """
    resource = files("realpolitik") / "lang" / lang / "estimative.yaml"
    table = _table(YAML(typ="safe").load(resource.read_text(encoding="utf-8")), str(resource))
    return {term: band for term, band in table.items() if band is not None}


def read_term_table(source: str | Path | Mapping | None = None, *, lang: str = "en") -> dict[str, str]:
    """The bundled table with ``source``'s entries laid over it (a term mapped to None is dropped).

    Parameters
    ----------
    source : path or mapping, optional
        A YAML file or a mapping, either band -> list of terms (the bundled file's shape) or term -> band.

    Raises
    ------
    InputFileError
        The file cannot be read, or names a band ICD 203 does not have (E191).

    Examples
    --------
    >>> read_term_table({"is poised to": "very likely"})["is poised to"]
    'very likely'
    >>> "may" in read_term_table({"may": None})
    False
    """
    terms = dict(term_table(lang))
    if source is None:
        return terms
    if isinstance(source, Mapping):
        extra = _table(source, "the term mapping")
    else:
        path = Path(source)
        try:
            loaded = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError) as exc:
            raise InputFileError(Errors.E191.format(path=path, reason=str(exc).splitlines()[0])) from exc
        extra = _table(loaded, str(path))
    for term, band in extra.items():
        if band is None:
            terms.pop(term, None)
        else:
            terms[term] = band
    return terms


def band_of_phrase(phrase: str, terms: Mapping[str, str]) -> tuple[str, str] | None:
    """The longest term of ``terms`` found in ``phrase`` (whole words) and its band, or None.

    Examples
    --------
    >>> band_of_phrase("are also likely to", term_table())
    ('likely to', 'likely')
    >>> band_of_phrase("is not expected to", term_table())
    ('is not expected to', 'unlikely')
    >>> band_of_phrase("reportedly", term_table()) is None
    True
    """
    padded = f" {_normal(phrase)} "
    found = [term for term in terms if f" {term} " in padded]
    if not found:
        return None
    term = max(found, key=len)
    return term, terms[term]
