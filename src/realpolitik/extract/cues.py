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

__all__ = ["Cue", "CueLexicon", "CueMatch", "cue_lexicon", "all_matches", "cues_by_sentence", "find_cues", "longest",
           "read_cue_lexicon", "split_by_sentence"]

Kind = Literal["verb", "verb_prep", "connective", "adverbial", "predicate"]
_KINDS = ("verb", "verb_prep", "connective", "adverbial", "predicate")
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
    #: a word of the cue that stays in the side it introduces: "in the absence of X" names "the absence of X"
    keeps: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.cue.lower().split())


@dataclass(frozen=True)
class CueLexicon:
    """The cues, hedge lemmas and negator lemmas of one language.

    ``means_verbs`` are verbs of use ("use", "exploit"): their infinitive complement states a purpose ("used the
    threats to justify X"), unlike that of "want" or "expect". ``complement_verbs`` ("make", "render") are causal
    only with a predicate after their object ("made the region safer"), not as light verbs ("made a decision").
    ``intention_nouns`` ("decision", "need", "attempt") take an infinitive as their content, not as a purpose
    ("the decision to build a dam" says what was decided, not what the deciding was for).
    """

    cues: tuple[Cue, ...]
    hedges: frozenset[str]
    negators: frozenset[str]
    means_verbs: frozenset[str] = frozenset()
    complement_verbs: frozenset[str] = frozenset()
    intention_nouns: frozenset[str] = frozenset()

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
        keeps = entry.get("keeps")
        if keeps is not None and str(keeps).lower() not in str(entry["cue"]).lower().split():
            raise InputFileError(Errors.E190.format(path=where, reason=f"cue '{entry['cue']}' keeps '{keeps}', "
                                                                        "which is not one of its words"))
        cues.append(Cue(str(entry["cue"]).lower(), kind, direction, int(polarity), strength,
                        None if keeps is None else str(keeps).lower()))
    hedges = frozenset(str(word).lower() for word in table.get("hedges", []))
    negators = frozenset(str(word).lower() for word in table.get("negators", []))
    words = {name: frozenset(str(word).lower() for word in table.get(name, []))
             for name in ("means_verbs", "complement_verbs", "intention_nouns")}
    return CueLexicon(tuple(cues), hedges, negators, **words)


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


def _patterns(cue: Cue) -> list[list[dict]]:
    """The token patterns of a cue: a verb by its lemma; a connective or adverb by its lemmas and, because a
    word used as a preposition keeps its form ("following", "given", "Amidst"), also by its lower-case words."""
    words = cue.words
    if cue.kind in ("verb", "verb_prep"):
        pattern: list[dict] = [{"LEMMA": words[0], "POS": {"IN": ["VERB", "AUX"]}}]
        if len(words) > 1:
            pattern.append({"POS": "ADV", "OP": "*"})  # "led directly to"
        pattern += [{"LOWER": word} for word in words[1:]]
        return [pattern]
    if cue.kind == "predicate":  # "a driver of", "key to": the noun or adjective by its lemma, then its preposition
        return [[{"LEMMA": words[0], "POS": {"IN": ["NOUN", "ADJ"]}}, *({"LOWER": word} for word in words[1:])]]
    by_lemma = [{"LEMMA": word} if word.isalpha() else {"LOWER": word} for word in words]
    by_form = [{"LOWER": word} for word in words]
    return [by_lemma] if by_form == by_lemma else [by_lemma, by_form]


@lru_cache(maxsize=8)
def _matcher(vocab: Any, lexicon: CueLexicon):
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for cue in lexicon.cues:
        matcher.add(cue.cue, _patterns(cue))
    return matcher


class _FirstWordIndex:
    """The patterns of :func:`_patterns` matched by looking up each token's lemma and lower form.

    spaCy's ``Matcher`` tries every pattern at every token (about 9 ms for a 1,600-token doc with the bundled
    lexicon); here only the cues whose first word the token has are tried. It finds the same set of matches:
    the first word, then for a verb any run of adverbs (every length, as the ``*`` operator does), then the
    remaining words.
    """

    def __init__(self, lexicon: CueLexicon) -> None:
        self.by_lemma: dict[str, list[tuple[Cue, list[dict]]]] = {}
        self.by_lower: dict[str, list[tuple[Cue, list[dict]]]] = {}
        for cue in lexicon.cues:
            for pattern in _patterns(cue):
                first = pattern[0]
                index, key = (self.by_lemma, first["LEMMA"]) if "LEMMA" in first else (self.by_lower, first["LOWER"])
                # the Matcher's key is the cue text, read back through ``lexicon.get``: a repeated text means the
                # last entry
                index.setdefault(key, []).append((lexicon.get(cue.cue), pattern))

    def __call__(self, doc: Any) -> list[CueMatch]:
        lemmas = [token.lemma_ for token in doc]
        lowers = [token.lower_ for token in doc]
        pos = [token.pos_ for token in doc]
        values = {"LEMMA": lemmas, "LOWER": lowers, "POS": pos}

        def holds(spec: dict, i: int) -> bool:
            return all(values[attr][i] in want["IN"] if isinstance(want, dict) else values[attr][i] == want
                       for attr, want in spec.items() if attr != "OP")

        n = len(lemmas)
        found: list[CueMatch] = []
        seen: set[CueMatch] = set()
        for i in range(n):
            for cue, pattern in self.by_lemma.get(lemmas[i], []) + self.by_lower.get(lowers[i], []):
                if not holds(pattern[0], i):
                    continue
                gap = len(pattern) > 1 and pattern[1].get("OP") == "*"
                rest = pattern[2:] if gap else pattern[1:]
                j = i + 1
                while True:
                    if j + len(rest) <= n and all(holds(spec, j + k) for k, spec in enumerate(rest)):
                        match = CueMatch(cue, i, j + len(rest))  # ``cue`` is ``lexicon.get(cue.cue)``
                        if match not in seen:  # a word whose lemma is its form matches both patterns once
                            seen.add(match)
                            found.append(match)
                    if not (gap and j < n and holds(pattern[1], j)):
                        break
                    j += 1
        return found


def _shapes_known(lexicon: CueLexicon) -> bool:
    """Whether every pattern is one :class:`_FirstWordIndex` reads: plain tokens, at most an adverb run second."""
    for pattern in (pattern for cue in lexicon.cues for pattern in _patterns(cue)):
        if any("OP" in spec for spec in pattern[:1] + pattern[2:]) or len(pattern) > 1 and pattern[1].get(
                "OP", "*") != "*" or not ("LEMMA" in pattern[0] or "LOWER" in pattern[0]):
            return False
    return True


@lru_cache(maxsize=8)
def _index(lexicon: CueLexicon) -> _FirstWordIndex | None:
    return _FirstWordIndex(lexicon) if _shapes_known(lexicon) else None


def all_matches(doc: Any, lexicon: CueLexicon) -> list[CueMatch]:
    """Every match of every cue, overlapping ones included (``find_cues`` keeps the longest)."""
    index, whole = _index(lexicon), getattr(doc, "doc", doc)
    if index is not None and whole.has_annotation("LEMMA") and whole.has_annotation("POS"):
        found = index(doc)
        # which of two cues over the same tokens is kept depends on the Matcher's order; leave that to it
        if len({(m.start, m.end) for m in found}) == len({(m.cue, m.start, m.end) for m in found}):
            return found
    matcher = _matcher(doc.vocab, lexicon)
    return [CueMatch(lexicon.get(doc.vocab.strings[match_id]), start, end) for match_id, start, end in matcher(doc)]


def longest(found: list[CueMatch]) -> list[CueMatch]:
    """The longest of overlapping matches (the earlier of equally long ones), in text order."""
    found = sorted(found, key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    kept = []
    for match in found:
        if taken.isdisjoint(range(match.start, match.end)):
            kept.append(match)
            taken.update(range(match.start, match.end))
    return sorted(kept, key=lambda m: m.start)


def find_cues(doc: Any, lexicon: CueLexicon | None = None) -> list[CueMatch]:
    """Every cue of ``lexicon`` in ``doc``: the longest where several overlap, in text order.

    ``doc`` is any spaCy ``Doc`` (or ``Span``) with lemmas and parts of speech.
    """
    lexicon = lexicon or cue_lexicon()
    return longest(all_matches(doc, lexicon))


def cues_by_sentence(doc: Any, sentences: list[Any], lexicon: CueLexicon | None = None) -> list[list[CueMatch]]:
    """``find_cues(sentence)`` for each sentence (a ``Span`` of ``doc``), positions relative to the sentence.

    One pass over the whole doc instead of one per sentence: the patterns test single tokens only,
    so a cue matches inside a sentence exactly where the doc-wide pass finds it within the sentence's bounds;
    the longest-match choice is then made per sentence, as ``find_cues(sentence)`` makes it.
    """
    lexicon = lexicon or cue_lexicon()
    return split_by_sentence(all_matches(doc, lexicon), sentences)


def split_by_sentence(found: list[CueMatch], sentences: list[Any]) -> list[list[CueMatch]]:
    """:func:`cues_by_sentence` from the unresolved matches of a doc-wide pass (``all_matches``)."""
    return [longest([CueMatch(m.cue, m.start - span.start, m.end - span.start) for m in found
                      if span.start <= m.start and m.end <= span.end]) for span in sentences]
