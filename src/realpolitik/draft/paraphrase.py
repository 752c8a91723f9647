"""Paraphrases in the project's own words, built from an item's fields, never from the span's text.

Each drafted item's evidence carries a paraphrase made from a template and the fields the extractor
found (names, types, the hedge, concept labels). As a last guard, :func:`own_words` refuses any text
that repeats :data:`RUN` consecutive words of the evidence span and falls back to a shorter template.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from ruamel.yaml import YAML

__all__ = ["RUN", "keywords", "own_words", "shares_run"]

#: A paraphrase may not repeat this many consecutive words of its evidence text.
RUN = 8

@lru_cache(maxsize=4)
def _stop_words(lang: str = "en") -> frozenset[str]:
    resource = files("realpolitik") / "lang" / lang / "draft.yaml"
    return frozenset(str(w) for w in YAML(typ="safe").load(resource.read_text(encoding="utf-8"))["stop_words"])


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def shares_run(text: str, source: str, n: int = RUN) -> bool:
    """Whether ``text`` repeats ``n`` consecutive words of ``source`` (case and punctuation ignored).

    Examples
    --------
    >>> shares_run("one two three four", "zero one two three four five", n=4)
    True
    >>> shares_run("one two three four", "one two four three", n=3)
    False
    """
    words, theirs = _words(text), _words(source)
    runs = {tuple(theirs[i : i + n]) for i in range(len(theirs) - n + 1)}
    return any(tuple(words[i : i + n]) in runs for i in range(len(words) - n + 1))


def own_words(candidate: str, source: str | None, fallback: str) -> str:
    """``candidate`` unless it repeats :data:`RUN` words of ``source``; then ``fallback``.

    Examples
    --------
    >>> src = "the council will hold on to power through the long winter months"
    >>> own_words("the council will hold on to power through the long winter", src, "Council keeps power")
    'Council keeps power'
    >>> own_words("The council keeps power until spring", src, "unused")
    'The council keeps power until spring'
    """
    if source and shares_run(candidate, source):
        return fallback
    return candidate


def keywords(text: str, limit: int = 6, *, lang: str = "en") -> str:
    """The first ``limit`` content words of ``text``, joined by spaces (a gist, never a quote).

    ``limit`` is kept below :data:`RUN`, so the gist can never repeat a run of the text.

    Examples
    --------
    >>> keywords("The council is likely to hold on to power through the winter")
    'council likely hold power through winter'
    """
    if limit >= RUN:
        raise ValueError(f"limit must be below {RUN}, got {limit}")
    stop = _stop_words(lang)
    content = [w for w in _words(text) if w not in stop]
    return " ".join(content[:limit])
