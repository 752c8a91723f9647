"""Actors named without a proper name of their own, and names defined in the text.

Used by :class:`realpolitik.extract.actors.ActorRecognizer`; every rule reads the class-wide word lists of
``lang/en/collectives.yaml``:

- a state's bodies: "the Ukrainian army", "Lornia's defence ministry", "the armed forces of Lornia";
- communities and collectives: "Sunni militants", "Arab states", "Kurds", "jihadists", "the junta",
  "the international community";
- acronyms the text defines: "the Lorn Basin Authority (LBA)" makes "LBA" an alias, and later mentions count;
- regions: "the tri-border region", "occupied territories".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc, Span

from realpolitik.extract.gazetteer import ActorEntry, load_data_file, slugify
from realpolitik.extract.sentences import text_of

_Value = TypeVar("_Value")

__all__ = ["collective_lexicon", "defined_acronyms"]

_POSSESSIVE = ("'s", "’s")
_NAME_WORD = r"(?:[A-Z][\w’'\-]*|of|the|and|for|on|in|de|du|des|al|el)"
_DEFINITION = re.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,9}})[ \t]+\(([A-Z][A-Za-z]{{1,7}})\)")
_SMALL = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "al", "el"}


@lru_cache(maxsize=1)
def collective_lexicon() -> dict:
    """The word lists for collectives, bodies, acronyms and regions, loaded once."""
    data = load_data_file("lang/en", "collectives.yaml")
    data["_bodies"] = Phrases({tuple(key.split()): value for key, value in data["state_bodies"].items()})
    data["_nouns"] = Phrases({tuple(key.split()): value for key, value in data["collective_nouns"].items()})
    data["_community"] = {key.lower(): value for key, value in data["community_adjectives"].items()}
    return data


def defined_acronyms(text: str) -> list[tuple[int, int, str, str]]:
    """Acronyms defined in ``text`` as "Long Name (ACR)": (start, end) of the long name, the name and the acronym.

    The long name is the shortest run of capitalised words before the bracket whose initials spell the acronym's
    capitals in order.

    Examples
    --------
    >>> defined_acronyms("troops of the Lorn Valley Defence Force (LVDF) crossed")
    [(14, 39, 'Lorn Valley Defence Force', 'LVDF')]
    >>> defined_acronyms("the Ministry of Water (MoW) said")
    [(4, 21, 'Ministry of Water', 'MoW')]
    >>> defined_acronyms("a rise (GDP) here")
    []
    """
    found = []
    for match in _DEFINITION.finditer(text):
        words = list(re.finditer(r"\S+", match.group(1)))
        acronym = match.group(2)
        capitals = [c for c in acronym if c.isupper()]
        for first in range(len(words) - 1, -1, -1):
            run = words[first:]
            if run[0].group().lower() in _SMALL:
                continue
            initials = [w.group()[0] for w in run if w.group().lower() not in _SMALL]
            if initials == capitals or (len(initials) > 1 and "".join(initials) == "".join(capitals)):
                start = match.start(1) + run[0].start()
                end = match.start(1) + run[-1].end()
                found.append((start, end, text[start:end], acronym))
                break
            if len(initials) > len(capitals):
                break
    return found


class Phrases(dict[tuple[str, ...], _Value]):
    """Phrases as tuples of lower-case words -> a value, knowing the words they start with.

    Most tokens start no phrase; checking the first word first spares building four candidate tuples per token,
    which made the collectives the slowest of our stages on long texts.
    """

    def __init__(self, phrases: Mapping[tuple[str, ...], _Value]) -> None:
        super().__init__(phrases)
        self.first_words = frozenset(key[0] for key in phrases if key)


def _words_at(doc: Doc, i: int, phrases: Phrases[_Value]) -> tuple[int, _Value] | None:
    """The longest phrase of ``phrases`` starting at token ``i``: (end token, value)."""
    if not 0 <= i < len(doc) or doc[i].lower_ not in phrases.first_words:
        return None
    best = None
    for length in (4, 3, 2, 1):
        key = tuple(t.lower_ for t in doc[i:i + length])
        if len(key) == length and key in phrases:
            best = (i + length, phrases[key])
            break
    return best


def state_body(doc: Doc, span: Span, entry: ActorEntry, modifiers: set[str]) -> tuple[int, int, str, str] | None:
    """A state's body named after the state: "the Lornian army", "Lornia's defence ministry".

    Returns (start token, end token, id suffix, display name) or None.
    """
    lexicon = collective_lexicon()
    i = span.end
    if i < len(doc) and doc[i].lower_ in _POSSESSIVE:
        i += 1
    elif span.end - span.start == 1 and doc[span.start].lower_ == entry.name.lower() and entry.kind == "state":
        pass  # "Lornia army" is rare but harmless
    j = i
    while j < len(doc) and j - i < 2 and (doc[j].lower_ in modifiers or doc[j].lower_.endswith("-backed")):
        j += 1
    hit = _words_at(doc, j, lexicon["_bodies"])
    if hit is None:
        return None
    end, (suffix, display) = hit
    if end < len(doc) and doc[end].text == "of":
        return None  # "Lornian troops of the garrison": let the longer phrase speak for itself
    return span.start, end, suffix, display


def own_body(doc: Doc, span: Span, modifiers: set[str]) -> tuple[int, int, str, str] | None:
    """A body an actor is named with through a pronoun: "Lorn and its (regional) allies", "the Lornians and their
    proxies". Returns (start token: the pronoun, end token, id suffix, display name) or None."""
    lexicon = collective_lexicon()
    i = span.end
    if i < len(doc) and doc[i].lower_ in _POSSESSIVE:
        i += 1  # "Lorn's and its allies'"
    if i + 2 >= len(doc) or doc[i].lower_ != "and" or doc[i + 1].lower_ not in ("its", "their"):
        return None
    j = i + 2
    while j < len(doc) and j - i < 4 and doc[j].lower_ in modifiers:
        j += 1
    hit = _words_at(doc, j, lexicon["_bodies"])
    if hit is None:
        return None
    end, (suffix, display) = hit
    return i + 1, end, suffix, display


def body_before(doc: Doc, span: Span) -> tuple[int, str, str] | None:
    """A state's body named before "of" + the state: "the armed forces of Lornia" -> (start token, suffix, name)."""
    lexicon = collective_lexicon()
    at = span.start - 1
    if at >= 0 and doc[at].lower_ == "the":
        at -= 1
    if at < 1 or doc[at].lower_ != "of":
        return None
    for length in (3, 2, 1):
        start = at - length
        if start < 0:
            continue
        key = tuple(t.lower_ for t in doc[start:at])
        if key in lexicon["_bodies"]:
            suffix, display = lexicon["_bodies"][key]
            return start, suffix, display
    return None


def community_spans(doc: Doc, consumed: set[int]) -> list[tuple[int, int, str]]:
    """Communities and collectives named by common words: (start token, end token, actor name)."""
    lexicon = collective_lexicon()
    community = lexicon["_community"]
    heads = set(lexicon["community_heads"])
    qualifiers = set(lexicon["community_qualifiers"])
    plurals = {value.lower(): value for value in community.values()}
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in consumed:
            i += 1
            continue
        lowered = token.lower_
        # "Sunni Arab armed groups": further community adjectives and qualifiers may stand before the head
        at = i + 1
        while at < len(doc) and at - i < 4 and (doc[at].lower_ in community or doc[at].text in qualifiers):
            at += 1
        if lowered in community and at < len(doc) and doc[at].lower_ in heads and \
                not any(k in consumed for k in range(i + 1, at + 1)):
            name = community[lowered]
            head = doc[at].lower_
            if head not in ("insurgency", "attacks", "world", "militants", "fighters", "extremists", "insurgents"):
                name = span_text(doc, i, at + 1)  # "Arab states", "Sunni militias": the community's part
            elif at > i + 1 and doc[i + 1].lower_ in community:
                name = span_text(doc, i, i + 2)  # "Sunni Arab militants": the community is the Sunni Arabs
            found.append((i, at + 1, name))
            i = at + 1
            continue
        if lowered in plurals and token.pos_ in ("NOUN", "PROPN") and (token.is_title or lowered == token.text):
            found.append((i, i + 1, plurals[lowered]))
            i += 1
            continue
        hit = _words_at(doc, i, lexicon["_nouns"])
        if hit is not None and doc[hit[0] - 1].pos_ in ("NOUN", "PROPN") and \
                not any(k in consumed for k in range(i, hit[0])):
            found.append((i, hit[0], hit[1]))
            i = hit[0]
            continue
        i += 1
    return found


def region_phrases(doc: Doc, consumed: set[int]) -> list[tuple[int, int]]:
    """Lower-case region phrases that name an actor-like place: "the tri-border region", "occupied territories"."""
    lexicon = collective_lexicon()
    heads = set(lexicon["region_phrase_heads"])
    modifiers = set(lexicon["region_phrase_modifiers"])
    found = []
    for token in doc[1:]:
        if token.lower_ not in heads or token.i in consumed:
            continue
        before = doc[token.i - 1]
        if before.i > 2 and doc[before.i - 1].text == "-" and \
                f"{doc[before.i - 2].lower_}-{before.lower_}" in modifiers:
            found.append((before.i - 2, token.i + 1))  # "the tri-border region"
        elif before.lower_ in modifiers and before.i not in consumed:
            found.append((before.i, token.i + 1))
    return found


def span_text(doc: Doc, start: int, end: int) -> str:
    """The source text of tokens ``start:end`` (whitespace as written)."""
    return text_of(doc)[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])]


def body_id(base: str, suffix: str) -> str:
    return f"{slugify(base)}_{suffix}"
