"""Dates in running text, as EDTF: years, months, full dates, decades, ranges and relative phrases.

:func:`find_dates` reads absolute expressions ("in April 2021", "the 1990s", "from 2001 to 2014");
:func:`resolve_relative` places relative ones ("within 40 hours of the takeover", "two years later")
against an anchor the caller found (a named event or an earlier date). Every value returned is checked
with the ``edtf`` package, so downstream stages can trust it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["DateMatch", "RELATIVE", "find_dates", "is_valid_edtf", "parse_date", "resolve_relative", "shift"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<{g}>(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_YEAR = r"(?P<{g}>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_NOT_AFTER = (r"(?!\d|,\d|-(?:year|month|day|week)"
              r"|\s*(?:years?|months?|days?|hours?|weeks?|people|troops|km|kilometres|%))")


def _p(template: str, **groups: str) -> str:
    for name, pattern in groups.items():
        template = template.replace("{" + name + "}", pattern.format(g=name))
    return template


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(_p(r"\b(?:from|between)\s+{y1}\s+(?:to|and|until|till|through)\s+{y2}\b",
                            y1=_YEAR, y2=_YEAR))),
    ("range", re.compile(_p(r"(?<![\d$£€])\b{y1}\s?[–—-]\s?{y2}\b(?!-)", y1=_YEAR, y2=_YEAR))),
    ("iso", re.compile(r"\b(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("dmy", re.compile(_p(r"\b{d},?\s+(?:of\s+)?{m},?\s+{y}\b", d=_DAY, m=_MONTH, y=_YEAR))),
    ("mdy", re.compile(_p(r"\b{m}\s+{d},?\s+{y}\b", m=_MONTH, d=_DAY, y=_YEAR))),
    ("my", re.compile(_p(r"\b{m},?\s+(?:of\s+)?{y}\b", m=_MONTH, y=_YEAR))),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?P<dec>1[5-9]\d|20\d)0['’]?s\b")),
    ("year", re.compile(_p(r"(?<![\d$£€.,/-])\b{y}\b" + _NOT_AFTER, y=_YEAR))),
]
_QUALIFIERS = re.compile(r"\b(?P<q>since|until|till|before|after|by|from)\s+$", re.IGNORECASE)

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
            "thirty": 30, "forty": 40, "fifty": 50, "several": None, "few": None}
_UNIT = r"(?P<unit>hour|day|week|month|year|decade)s?"
_NUM = r"(?P<n>\d{1,3}|" + "|".join(k for k in _NUMBERS) + r")"
#: Relative phrases; ``anchor`` says what they lean on: a following mention ("of the takeover") or the
#: previous date in the text ("later").
RELATIVE: list[tuple[str, re.Pattern[str]]] = [
    ("within", re.compile(r"\bwithin\s+(?:the\s+first\s+)?" + _NUM + r"\s+" + _UNIT + r"\s+(?:of|after|since)\s+",
                          re.IGNORECASE)),
    ("after", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+after\s+", re.IGNORECASE)),
    ("before", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+before\s+", re.IGNORECASE)),
    ("later", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?:later|afterwards|on)\b", re.IGNORECASE)),
    ("earlier", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?:earlier|before|previously)\b(?!\s+(?:the|a)\b)",
                           re.IGNORECASE)),
    ("later", re.compile(r"\bthe\s+(?P<n>following|next)\s+(?P<unit>year|month)\b", re.IGNORECASE)),
    ("earlier", re.compile(r"\bthe\s+(?P<n>previous|preceding)\s+(?P<unit>year|month)\b", re.IGNORECASE)),
    # "a 20-year commitment", "20 years of rule": a span of time that ends at the text's reference date
    ("duration", re.compile(r"\b" + _NUM + r"[- ](?P<unit>year|decade)s?(?:-long)?\s+(?:of\s+)?"
                            r"(?!later|earlier|ago|after|before|old|on\b|or\b|and\b|to\b|in\b)(?=[a-z])",
                            re.IGNORECASE)),
]


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text: its span, words, EDTF value and what kind of expression it is."""

    start: int
    end: int
    text: str
    edtf: str
    kind: str


@lru_cache(maxsize=4096)
def is_valid_edtf(value: str) -> bool:
    """Return whether ``value`` is a valid EDTF string.

    Examples
    --------
    >>> is_valid_edtf("199X"), is_valid_edtf("2021-08-15/2021-08-17"), is_valid_edtf("2021-13")
    (True, True, False)
    """
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parse_edtf(value)
    except (EDTFParseException, ValueError):
        return False
    return True


def _edtf(kind: str, groups: dict[str, str]) -> str | None:
    if kind == "range":
        first, second = groups["y1"], groups["y2"]
        return f"{first}/{second}" if first < second else None
    if kind == "decade":
        return f"{groups['dec']}X"
    year = groups.get("y")
    if kind == "year":
        return year
    month = _MONTHS.get(groups["m"].rstrip(".").lower()) if kind != "iso" else int(groups["m"])
    if month is None:
        return None
    if kind == "my":
        return f"{year}-{month:02d}"
    day = int(groups["d"])
    if not 1 <= day <= calendar.monthrange(int(year), month)[1]:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _qualify(text: str, start: int, value: str) -> tuple[int, str]:
    """Widen "since 2014" to ``2014/..`` and "until 2014" to ``../2014``; return the new start and value."""
    if "/" in value:
        return start, value
    found = _QUALIFIERS.search(text[max(0, start - 8):start])
    if not found:
        return start, value
    word = found.group("q").lower()
    new_start = start - (len(found.group(0)))
    if word in ("since", "after", "from"):
        return new_start, f"{value}/.."
    return new_start, f"../{value}"


def find_dates(text: str) -> list[DateMatch]:
    """Return the absolute date expressions of ``text`` in order, each once (longest reading wins).

    Examples
    --------
    >>> [(m.text, m.edtf) for m in find_dates("It began in the 1990s and grew after April 2021.")]
    [('the 1990s', '199X'), ('after April 2021', '2021-04/..')]
    >>> [m.edtf for m in find_dates("Talks ran from 2001 to 2014; a 20-year war; 3,000 troops; on 5 May 2019.")]
    ['2001/2014', '2019-05-05']
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            value = _edtf(kind, {k: v for k, v in match.groupdict().items() if v is not None})
            if value is None:
                continue
            start, value = _qualify(text, start, value)
            if not is_valid_edtf(value):
                continue
            taken.append((start, end))
            found.append(DateMatch(start, end, text[start:end], value, kind))
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> str | None:
    """Return the EDTF value of a whole date expression, or None if ``text`` is not one.

    Examples
    --------
    >>> parse_date("15 August 2021"), parse_date("Aug. 2021"), parse_date("the 1980s"), parse_date("soon")
    ('2021-08-15', '2021-08', '198X', None)
    """
    matches = find_dates(text.strip())
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text.strip()):
        return matches[0].edtf
    return None


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ("following", "next", "previous", "preceding"):
        return 1
    return _NUMBERS.get(word)


def _bounds(value: str) -> tuple[date, str] | None:
    """The latest day an EDTF value may mean, and its precision (``day``, ``month`` or ``year``)."""
    value = value.split("/")[-1] if "/" in value else value
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 1, 1), "year"
    month = int(parts[1])
    if len(parts) == 2:
        return date(year, month, 1), "month"
    return date(year, month, int(parts[2])), "day"


def shift(value: str, amount: int, unit: str) -> str | None:
    """Move an EDTF date by ``amount`` units (negative: back), keeping a precision both can carry.

    Examples
    --------
    >>> shift("2021-08-15", 40, "hour"), shift("2014", 2, "year"), shift("2021-04", -3, "month")
    ('2021-08-17', '2016', '2021-01')
    """
    bounds = _bounds(value)
    if bounds is None:
        return None
    day, precision = bounds
    if unit in ("hour", "day", "week"):
        if precision != "day":
            return None
        hours = amount * {"hour": 1, "day": 24, "week": 24 * 7}[unit]
        moved = day + timedelta(days=int(hours / 24) + (1 if hours % 24 and hours > 0 else 0)
                                - (1 if hours % 24 and hours < 0 else 0))
        return moved.isoformat()
    months = amount * {"month": 1, "year": 12, "decade": 120}[unit]
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if unit in ("year", "decade") or precision == "year":
        return f"{year:04d}"
    return f"{year:04d}-{month + 1:02d}"


def resolve_relative(kind: str, n: str, unit: str, anchor: str) -> str | None:
    """Place a relative phrase against the EDTF ``anchor`` it leans on.

    ``within`` gives the interval from the anchor to the bound ("within 40 hours of" a day ->
    ``day/day+2``); ``after`` / ``later`` move forward, ``before`` / ``earlier`` back; ``duration`` is the
    span of that length ending at the anchor (the text's reference date).

    Examples
    --------
    >>> resolve_relative("within", "40", "hours", "2021-08-15")
    '2021-08-15/2021-08-17'
    >>> resolve_relative("later", "two", "years", "2014")
    '2016'
    >>> resolve_relative("duration", "20", "year", "2021-08")
    '2001/2021'
    """
    amount = _number(n)
    unit = unit.lower().rstrip("s")
    if amount is None or "/" in anchor and kind != "within":
        return None
    if kind == "duration":  # the span ending at the anchor: "a 20-year commitment" written in 2021 -> 2001/2021
        begun = shift(anchor, -amount, unit)
        year = anchor[:4]
        value = f"{begun}/{year}" if begun else None
        return value if value and is_valid_edtf(value) else None
    sign = -1 if kind in ("before", "earlier") else 1
    moved = shift(anchor.split("/")[-1] if kind == "within" else anchor, sign * amount, unit)
    if moved is None:
        return None
    value = f"{anchor.split('/')[0]}/{moved}" if kind == "within" else moved
    return value if is_valid_edtf(value) else None
