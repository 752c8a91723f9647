"""The causal-cue lexicon (``lang/<code>/causal_cues.yaml``) and a spaCy ``Matcher`` built from it.

The lexicon is data: each cue is a sequence of lemmas with its kind, direction, polarity and strength (the
file's header explains them). This module reads and checks it, and finds its cues in a parsed ``Doc``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from realpolitik.errors import Errors, InputFileError

__all__ = ["Cue", "CueLexicon", "CueMatch", "cue_lexicon", "find_cues", "read_cue_lexicon"]

Kind = Literal["verb", "verb_prep", "connective", "adverbial"]
_KINDS = ("verb", "verb_prep", "connective", "adverbial")
_DIRECTIONS = ("cause-first", "effect-first")
_STRENGTHS = ("strong", "weak")


@dataclass(frozen=True)
class Cue:
    """One entry of the lexicon.

    Examples
    --------
    >>> Cue("lead to", "verb_prep", "cause-first", 1, "strong").words
    ('lead', 'to')
    """

    cue: str
    kind: Kind
    direction: str
    polarity: int
    strength: str

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.cue.lower().split())


@dataclass(frozen=True)
class CueLexicon:
    """The cues, hedge lemmas and negator lemmas of one language."""

    cues: tuple[Cue, ...]
    hedges: frozenset[str]
    negators: frozenset[str]

    def get(self, cue: str) -> Cue:
        """The entry for ``cue`` (its lemma text)."""
        return self._by_text[cue]

    @cached_property
    def _by_text(self) -> dict[str, Cue]:
        return {cue.cue: cue for cue in self.cues}


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a doc: token positions ``start``..``end`` (exclusive) and the lexicon entry."""

    cue: Cue
    start: int
    end: int


def _check(table: Any, where: str) -> CueLexicon:
    if not isinstance(table, Mapping) or not isinstance(table.get("cues"), list):
        raise InputFileError(Errors.E190.format(path=where, reason="expected a mapping with a 'cues' list"))
    cues = []
    for number, entry in enumerate(table["cues"], 1):
        if not isinstance(entry, Mapping) or not str(entry.get("cue", "")).strip():
            raise InputFileError(Errors.E190.format(path=where, reason=f"cue {number} has no 'cue' text"))
        kind, direction = entry.get("kind"), entry.get("direction")
        polarity, strength = entry.get("polarity"), entry.get("strength", "strong")
        if kind not in _KINDS or direction not in _DIRECTIONS or polarity not in (1, -1) or strength not in _STRENGTHS:
            reason = (f"cue '{entry['cue']}' needs kind in {_KINDS}, direction in {_DIRECTIONS}, "
                      f"polarity 1 or -1 and strength in {_STRENGTHS}")
            raise InputFileError(Errors.E190.format(path=where, reason=reason))
        cues.append(Cue(str(entry["cue"]).lower(), kind, direction, int(polarity), strength))
    hedges = frozenset(str(word).lower() for word in table.get("hedges", []))
    negators = frozenset(str(word).lower() for word in table.get("negators", []))
    return CueLexicon(tuple(cues), hedges, negators)


def read_cue_lexicon(path: str | Path) -> CueLexicon:
    """Read a cue lexicon from a YAML file in the format of ``lang/en/causal_cues.yaml``.

    Raises
    ------
    InputFileError
        The file is missing, is not YAML, or an entry lacks a field or has an unknown value (E190).
    """
    path = Path(path)
    try:
        table = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise InputFileError(Errors.E190.format(path=path, reason=str(exc).splitlines()[0])) from exc
    return _check(table, str(path))


@lru_cache(maxsize=4)
def cue_lexicon(lang: str = "en") -> CueLexicon:
    """The bundled cue lexicon of a language, read once.

    Examples
    --------
    >>> lexicon = cue_lexicon()
    >>> lexicon.get("due to").direction
    'effect-first'
    >>> lexicon.get("prevent").polarity
    -1
    >>> "may" in lexicon.hedges
    True
    """
    resource = files("realpolitik") / "lang" / lang / "causal_cues.yaml"
    return _check(YAML(typ="safe").load(resource.read_text(encoding="utf-8")), str(resource))


def _pattern(cue: Cue) -> list[dict]:
    words = cue.words
    if cue.kind in ("verb", "verb_prep"):
        pattern: list[dict] = [{"LEMMA": words[0], "POS": {"IN": ["VERB", "AUX"]}}]
        if len(words) > 1:
            pattern.append({"POS": "ADV", "OP": "*"})  # "led directly to"
        pattern += [{"LOWER": word} for word in words[1:]]
        return pattern
    return [{"LEMMA": word} if word.isalpha() else {"LOWER": word} for word in words]


@lru_cache(maxsize=8)
def _matcher(vocab: Any, lexicon: CueLexicon):
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for cue in lexicon.cues:
        matcher.add(cue.cue, [_pattern(cue)])
    return matcher


def find_cues(doc: Any, lexicon: CueLexicon | None = None) -> list[CueMatch]:
    """Every cue of ``lexicon`` in ``doc``: the longest where several overlap, in text order.

    ``doc`` is any spaCy ``Doc`` (or ``Span``) with lemmas and parts of speech.
    """
    lexicon = lexicon or cue_lexicon()
    matcher = _matcher(doc.vocab, lexicon)
    found = []
    for match_id, start, end in matcher(doc):
        found.append(CueMatch(lexicon.get(doc.vocab.strings[match_id]), start, end))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    kept = []
    for match in found:
        if taken.isdisjoint(range(match.start, match.end)):
            kept.append(match)
            taken.update(range(match.start, match.end))
    return sorted(kept, key=lambda m: m.start)
