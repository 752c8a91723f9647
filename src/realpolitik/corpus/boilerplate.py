"""Dropping page boilerplate (comment forms, share buttons, cookie and newsletter boxes, navigation, ads) from text.

The patterns are data (``lang/en/boilerplate.yaml``). Offsets are sacred: a run of boilerplate at the very end
is cut off, so the cleaned text is a prefix of the original; a boilerplate line anywhere else is overwritten by
the same number of spaces, so every character after it keeps its offset.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ruamel.yaml import YAML

__all__ = ["BoilerplateRule", "Cleaned", "DroppedLine", "boilerplate_rules", "drop_boilerplate"]


@dataclass(frozen=True)
class BoilerplateRule:
    """One pattern of the boilerplate table: a whole-line regex, its kind and why it is safe to drop."""

    pattern: re.Pattern[str]
    kind: str
    note: str


@dataclass(frozen=True)
class DroppedLine:
    """A line taken out of the text: where it was, what kind of boilerplate, and whether it was cut or blanked."""

    start: int
    end: int
    kind: str
    line: str
    cut: bool


@dataclass(frozen=True)
class Cleaned:
    """Text with boilerplate dropped, and the lines that were dropped."""

    text: str
    dropped: tuple[DroppedLine, ...]

    def notes(self) -> list[str]:
        """One note per way lines were dropped, e.g. ``'cut 2 trailing boilerplate line(s): comment form'``."""
        made = []
        for cut, verb in ((True, "cut {n} trailing boilerplate line(s) off the end"),
                          (False, "blanked {n} boilerplate line(s) in the text with spaces (offsets kept)")):
            kinds = Counter(line.kind for line in self.dropped if line.cut is cut)
            if kinds:
                detail = ", ".join(f"{kind} ×{n}" if n > 1 else kind for kind, n in sorted(kinds.items()))
                made.append(f"{verb.format(n=sum(kinds.values()))}: {detail}")
        return made


@lru_cache(maxsize=1)
def _table() -> tuple[int, tuple[BoilerplateRule, ...], re.Pattern[str]]:
    data = YAML(typ="safe").load((files("realpolitik") / "lang" / "en" / "boilerplate.yaml").read_text("utf-8"))
    rules = tuple(
        BoilerplateRule(re.compile(rf"(?:{entry['pattern']})", re.IGNORECASE), str(entry["kind"]), str(entry["note"]))
        for entry in data["patterns"]
    )
    # One pattern for all, so that a line of content costs one match, not one per rule.
    anything = re.compile("|".join(rule.pattern.pattern for rule in rules), re.IGNORECASE)
    return int(data["max_line_length"]), rules, anything


def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """The boilerplate patterns, loaded once from ``lang/en/boilerplate.yaml``.

    Examples
    --------
    >>> rules = boilerplate_rules()
    >>> sorted({rule.kind for rule in rules})
    ['advertising', 'comment form', 'cookie', 'media credit', 'navigation', 'share', 'subscribe']
    """
    return _table()[1]


def _kind(line: str) -> str | None:
    """The boilerplate kind of a whole line, or None when it is (or may be) content."""
    stripped = line.strip()
    longest, rules, anything = _table()
    if not stripped or len(stripped) > longest or not anything.fullmatch(stripped):
        return None
    for rule in rules:
        if rule.pattern.fullmatch(stripped):
            return rule.kind
    return None


def drop_boilerplate(text: str) -> Cleaned:
    """Cut trailing boilerplate off ``text`` and blank boilerplate lines inside it, keeping every offset.

    Parameters
    ----------
    text
        Normalised text (lines end in ``\\n``).

    Returns
    -------
    Cleaned
        ``text`` is a prefix of the input of the same length up to the cut, with boilerplate lines before
        the cut replaced by spaces.

    Examples
    --------
    >>> cleaned = drop_boilerplate("Skip to content\\nTalks resumed.\\n\\nLeave a Reply\\nPost Comment\\n")
    >>> cleaned.text
    '               \\nTalks resumed.\\n'
    >>> [(line.kind, line.cut) for line in cleaned.dropped]
    [('navigation', False), ('comment form', True), ('comment form', True)]
    """
    lines = []  # (start, end without the newline, line)
    position = 0
    for line in text.split("\n"):
        lines.append((position, position + len(line), line))
        position += len(line) + 1
    kinds = [_kind(line) for _, _, line in lines]
    # The trailing run of blank and boilerplate lines, if it holds any boilerplate, is cut off.
    first_tail = len(lines)
    while first_tail > 0 and (kinds[first_tail - 1] is not None or not lines[first_tail - 1][2].strip()):
        first_tail -= 1
    tail_has_boilerplate = any(kind is not None for kind in kinds[first_tail:])
    cut_at = lines[first_tail][0] if tail_has_boilerplate and first_tail < len(lines) else len(text)
    dropped = []
    pieces = []
    for (start, end, line), kind in zip(lines, kinds, strict=True):
        if kind is None:
            continue
        cut = start >= cut_at
        dropped.append(DroppedLine(start=start, end=end, kind=kind, line=line, cut=cut))
    kept = text[:cut_at]
    last = 0
    for drop in dropped:
        if drop.cut:
            break
        pieces.append(kept[last : drop.start])
        pieces.append(" " * (drop.end - drop.start))
        last = drop.end
    pieces.append(kept[last:])
    return Cleaned(text="".join(pieces), dropped=tuple(dropped))
