"""Telling a document's language from the share of each language's function words (data: ``data/languages.yaml``).

Function words ("the", "of", "und", "que") make up a third to a half of running text in the languages they
belong to and little of any other, so a count over a few hundred words is a reliable, dependency-free test
of "is this English?", which is all the English-tuned extraction needs to know.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ruamel.yaml import YAML

__all__ = ["LanguageGuess", "detect_language"]

_WORD = re.compile(r"[^\W\d_]+")
#: Enough words to decide; reading more only costs time.
_SAMPLE_WORDS = 5000


@dataclass(frozen=True)
class LanguageGuess:
    """The language found (ISO 639-1 code, or None when undecided), its name, and the evidence for it."""

    code: str | None
    name: str | None
    share: float
    method: str


@lru_cache(maxsize=1)
def _table() -> dict:
    data = YAML(typ="safe").load((files("realpolitik") / "data" / "languages.yaml").read_text("utf-8"))
    data["sets"] = {code: frozenset(str(w) for w in entry["words"]) for code, entry in data["languages"].items()}
    return data


def _script(word: str) -> str | None:
    """The script of a word's first letter as named in Unicode ('LATIN', 'CYRILLIC', 'CJK', …)."""
    try:
        name = unicodedata.name(word[0])
    except ValueError:
        return None
    return "CJK" if name.startswith("CJK") else name.split(" ", 1)[0]


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` from its function words, or from its script for non-Latin scripts.

    Returns
    -------
    LanguageGuess
        ``code`` is None when the text is too short or matches no listed language well enough.

    Examples
    --------
    >>> detect_language("The talks over the dam broke down, and the two states have not met since then.").code
    'en'
    >>> detect_language("Die Gespräche über den Damm sind gescheitert, und die Staaten treffen sich nicht mehr.").code
    'de'
    >>> detect_language("ok").code is None
    True
    """
    table = _table()
    words = [word.lower() for word in _WORD.findall(text[: _SAMPLE_WORDS * 12])][:_SAMPLE_WORDS]
    if len(words) < table["min_tokens"]:
        return LanguageGuess(None, None, 0.0, "too few words")
    scripts = Counter(_script(word) for word in words)
    script, count = scripts.most_common(1)[0]
    if script is not None and script in table["scripts"] and count / len(words) > 0.5:
        code = table["scripts"][script]
        return LanguageGuess(code, table["script_names"][code], count / len(words), f"{script.lower()} script")
    shares = {code: sum(word in words_of for word in words) / len(words) for code, words_of in table["sets"].items()}
    code = max(shares, key=lambda c: (shares[c], c == "en"))
    if shares[code] < table["min_share"]:
        return LanguageGuess(None, None, shares[code], "function words")
    return LanguageGuess(code, table["languages"][code]["name"], shares[code], "function words")
