"""Dates in running text, as EDTF: years, months, full dates, seasons, decades, centuries, ranges and relative phrases.

:func:`find_dates` reads absolute expressions ("in April 2021", "the 1990s", "from 2001 to 2014", "the late
19th century", "the summer of 2029"); :func:`find_partial_dates` finds dates written without their year ("on
12 June", "in early March"), which :func:`resolve_partial` places once the caller knows the reference date and
whether the clause looks ahead; :func:`find_deictic` places phrases that name a time by the reference date
("last week", "earlier this year", "in recent months"); :func:`resolve_relative` places relative ones ("within
40 hours of the takeover", "two years later", "four years ago") against an anchor the caller found (a named
event, an earlier date, the reference date).

Every value goes through one checked place, :func:`is_valid_edtf`, and a mention is only ever built by
:meth:`DateMatch.checked`, so downstream stages can trust it. The date words are data
(``lang/en/dates.yaml``); month names come from :mod:`calendar`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from realpolitik.extract.gazetteer import load_data_file
from realpolitik.extract.intervals import SpanSet

__all__ = ["DateMatch", "PartialDate", "RELATIVE", "TIME_NOUNS", "bounds_of", "find_dates", "find_deictic",
           "find_partial_dates",
           "is_valid_edtf", "parse_date", "relative_matches", "resolve_partial", "resolve_relative", "shift"]


@lru_cache(maxsize=1)
def _words() -> dict:
    return load_data_file("lang/en", "dates.yaml")


def _alternatives(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any run of white space."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_FULL_MONTHS = "|".join(name for name in calendar.month_name if name)
_MONTH = r"(?P<{g}>(?:" + _FULL_MONTHS + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_YEAR = r"(?P<{g}>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s?[–—-]\s?"
_NOT_AFTER = (r"(?!\d|,\d|-(?:year|month|day|week)"
              r"|\s*(?:years?|months?|days?|hours?|weeks?|people|troops|km|kilometres|%))")
_PART = r"(?:(?:early|mid|late)[- ])"
_ORDINALS = {k.lower(): v for k, v in _words()["ordinals"].items()}
#: Nouns of time a date phrase is built on ("the afternoon of 4 May"), from ``lang/en/dates.yaml``.
TIME_NOUNS = frozenset(_words()["time_nouns"])
_SEASONS = {k.lower(): v for k, v in _words()["seasons"].items()}


def _p(template: str, **groups: str) -> str:
    for name, pattern in groups.items():
        template = template.replace("{" + name + "}", pattern.format(g=name))
    return template


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(_p(r"\b(?:from|between)\s+{y1}\s+(?:to|and|until|till|through)\s+{y2}\b",
                            y1=_YEAR, y2=_YEAR))),
    ("range", re.compile(_p(r"(?<![\d$£€])\b{y1}" + _DASH + r"{y2}\b(?!-)", y1=_YEAR, y2=_YEAR))),
    ("iso", re.compile(r"\b(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("day_range", re.compile(_p(r"\b{d1}" + _DASH + r"{d2}\s+(?:of\s+)?{m},?\s+{y}\b", d1=_DAY, d2=_DAY, m=_MONTH,
                                y=_YEAR))),
    ("dmy", re.compile(_p(r"\b{d},?\s+(?:of\s+)?{m},?\s+{y}\b", d=_DAY, m=_MONTH, y=_YEAR))),
    ("mdy", re.compile(_p(r"\b{m}\s+{d},?\s+{y}\b", m=_MONTH, d=_DAY, y=_YEAR))),
    ("month_range", re.compile(_p(r"\b{m1}(?:" + _DASH + r"|\s+(?:to|and|until|through)\s+){m2},?\s+(?:of\s+)?{y}\b",
                                  m1=_MONTH, m2=_MONTH, y=_YEAR))),
    ("season", re.compile(_p(r"\b(?:(?i:the)\s+)?(?i:" + _PART + r"?)(?P<s>(?i:" + _alternatives(_SEASONS) + r"))"
                             r",?\s+(?:of\s+)?{y}\b", y=_YEAR))),
    ("my", re.compile(_p(r"\b{m},?\s+(?:of\s+)?{y}\b", m=_MONTH, y=_YEAR))),
    ("century", re.compile(r"\b(?:the\s+)?" + _PART + r"?(?P<c>1\d|2[01])(?:st|nd|rd|th)[- ]century\b"
                           r"|\b(?:the\s+)?" + _PART + r"?(?P<cw>" + _alternatives(_ORDINALS) + r")[- ]century\b",
                           re.IGNORECASE)),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?P<dec>1[5-9]\d|20\d)0['’]?s\b")),
    ("year", re.compile(_p(r"(?<![\d$£€.,/-])\b{y}\b" + _NOT_AFTER, y=_YEAR))),
]
_QUALIFIERS = {k.lower(): v for k, v in _words()["qualifiers"].items()}
_QUALIFIER = re.compile(r"\b(?P<q>" + _alternatives(_QUALIFIERS) + r")\s+$", re.IGNORECASE)

_NUMBERS = {str(k).lower(): v for k, v in _words()["numbers"].items()}
_UNIT = r"(?P<unit>hour|day|week|month|year|decade)s?"
# a quick look ahead for a unit word keeps the long alternation of number words off most positions
_NUM = r"(?=\w+[\s-]+(?:hour|day|week|month|year|decade))(?P<n>\d{1,3}|" + _alternatives(_NUMBERS) + r")"
_DAY_PARTS = ("morning", "afternoon", "evening", "night")
#: Relative phrases; ``anchor`` says what they lean on: a following mention ("of the takeover"), the previous
#: date in the text ("later", "the following morning") or the text's reference date ("ago", "a 20-year war").
RELATIVE: list[tuple[str, re.Pattern[str]]] = [
    ("within", re.compile(r"\bwithin\s+(?:the\s+first\s+)?" + _NUM + r"\s+" + _UNIT + r"\s+(?:of|after|since)\s+",
                          re.IGNORECASE)),
    ("after", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+after\s+", re.IGNORECASE)),
    ("before", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+before\s+", re.IGNORECASE)),
    ("ago", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b", re.IGNORECASE)),
    ("later", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?:later|afterwards|on)\b", re.IGNORECASE)),
    ("earlier", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?:earlier|before|previously)\b(?!\s+(?:the|a)\b)",
                           re.IGNORECASE)),
    ("later", re.compile(r"\bthe\s+(?P<n>following|next)\s+(?P<unit>year|month|week|day|" + "|".join(_DAY_PARTS)
                         + r")\b(?!s)", re.IGNORECASE)),
    ("earlier", re.compile(r"\bthe\s+(?P<n>previous|preceding)\s+(?P<unit>year|month|week|day|"
                           + "|".join(_DAY_PARTS) + r")\b(?!s)", re.IGNORECASE)),
    # "in the following days": a few of them, from the day after the anchor
    ("following", re.compile(r"\b(?:in|over|during|for)\s+the\s+(?P<n>following|subsequent)\s+(?:few\s+)?"
                             r"(?P<unit>day|week|month)s\b", re.IGNORECASE)),
    # "a 20-year commitment", "20 years of rule": a span of time that ends at the text's reference date
    ("duration", re.compile(r"\b" + _NUM + r"[- ](?P<unit>year|decade)s?(?:-long)?\s+(?:of\s+)?"
                            r"(?!later|earlier|ago|after|before|old|on\b|or\b|and\b|to\b|in\b)(?=[a-z])",
                            re.IGNORECASE)),
]

#: Words one of which a text must hold for a pattern to be worth running (most texts name no century or season).
_CUES: dict[str, tuple[str, ...]] = {
    "century": ("centur",), "season": tuple(_SEASONS), "within": ("within",), "after": ("after",),
    "before": ("before",), "ago": ("ago",), "following": ("following", "subsequent"),
}


def relative_matches(text: str):
    """Each match of the :data:`RELATIVE` patterns in ``text``, pattern by pattern, as ``(kind, match)``.

    Examples
    --------
    >>> [(kind, m.group(0)) for kind, m in relative_matches("Two years later, and four days ago.")]
    [('ago', 'four days ago'), ('later', 'Two years later')]
    """
    lowered = text.lower()
    for kind, pattern in RELATIVE:
        if all(cue not in lowered for cue in _CUES.get(kind, ("",))):
            continue
        for match in pattern.finditer(text):
            yield kind, match


# The shapes of value the extractor writes, a subset of EDTF levels 0 and 1: a day, month or year (perhaps
# approximate or uncertain), a decade or century, a closed or open interval of plain dates, one of a set of days.
# Each is checked field by field (months, days of the month, intervals in order), which the ``edtf`` parser does
# not do (it takes "2021-02-29" and "2014/2010"), and which costs microseconds where the parser takes
# milliseconds and raises TypeError on some strings ("../199X") while printing to stdout.
# ASCII digits only: \d also takes other scripts' digits ("195٣"), which no EDTF reader takes (found by fuzz.py)
_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_UNSPECIFIED = re.compile(r"\d{3}X|\d{2}XX", re.ASCII)


def _plain_parts(value: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of a plain date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); None for any other shape."""
    found = _PLAIN.fullmatch(value)
    if not found:
        return None
    year, month, day = found.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def _plain(value: str) -> bool:
    parts = _plain_parts(value)
    if parts is None:
        return False
    year, month, day = parts
    if year < 1:  # EDTF's year 0 is no year the model's dates reader places (found by benchmarks/fuzz.py)
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= (29 if leap and month == 2 else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1])


def _in_order(first: str, last: str) -> bool:
    size = min(len(first), len(last))
    return first[:size] <= last[:size]


@lru_cache(maxsize=4096)
def is_valid_edtf(value: str) -> bool:
    """Return whether ``value`` is a valid EDTF string of a shape the extractor writes; never raises.

    This is the one place every date value of the extractor is checked.

    Examples
    --------
    >>> is_valid_edtf("199X"), is_valid_edtf("2021-08-15/2021-08-17"), is_valid_edtf("2021-13")
    (True, True, False)
    >>> is_valid_edtf("../199X"), is_valid_edtf("2021-02-29"), is_valid_edtf("2014/2010"), is_valid_edtf(None)
    (False, False, False, False)
    """
    if not isinstance(value, str):
        return False
    if _UNSPECIFIED.fullmatch(value):
        return not value.startswith(("000", "00X"))  # a span from year 0, which no calendar day of the model's is
    if value.startswith("[") and value.endswith("]"):
        first, dots, last = value[1:-1].partition("..")
        return bool(dots) and _plain(first) and _plain(last) and _in_order(first, last)
    if "/" in value:
        first, _, last = value.partition("/")
        if first == "..":
            return _plain(last)
        if last == "..":
            return _plain(first)
        return _plain(first) and _plain(last) and _in_order(first, last)
    return _plain(value[:-1] if value[-1:] in ("~", "?", "%") else value)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text: its span, words, EDTF value and what kind of expression it is."""

    start: int
    end: int
    text: str
    edtf: str
    kind: str

    @classmethod
    def checked(cls, start: int, end: int, text: str, value: str | None, kind: str) -> DateMatch | None:
        """The mention, or None when ``value`` is not valid EDTF (the only way mentions are made).

        Examples
        --------
        >>> DateMatch.checked(0, 4, "2021", "2021", "year").edtf, DateMatch.checked(0, 4, "x", "../199X", "x")
        ('2021', None)
        """
        if value is None or not is_valid_edtf(value):
            return None
        return cls(start, end, text, value, kind)


def _month(name: str) -> int | None:
    return _MONTHS.get(name.rstrip(".").lower())


def _day_value(year: int, month: int, day: int) -> str | None:
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _edtf(kind: str, groups: dict[str, str]) -> str | None:
    if kind == "range":
        start_year, end_year = groups["y1"], groups["y2"]
        return f"{start_year}/{end_year}" if start_year < end_year else None
    if kind == "decade":
        return f"{groups['dec']}X"
    if kind == "century":
        number = int(groups["c"]) if groups.get("c") else _ORDINALS.get(" ".join(groups["cw"].lower().split()))
        return f"{number - 1:02d}XX" if number and 10 <= number <= 21 else None
    year = groups.get("y")
    if kind == "year" or year is None:  # every other shape has a year
        return year
    if kind == "season":
        first_month, last_month = _SEASONS[groups["s"].lower()]
        later = int(year) + (1 if last_month < first_month else 0)
        return f"{year}-{first_month:02d}/{later:04d}-{last_month:02d}"
    if kind == "month_range":
        from_month, to_month = _month(groups["m1"]), _month(groups["m2"])
        if from_month and to_month and from_month < to_month:
            return f"{year}-{from_month:02d}/{year}-{to_month:02d}"
        return None
    month = _month(groups["m"]) if kind != "iso" else int(groups["m"])
    if month is None:
        return None
    if kind == "my":
        return f"{year}-{month:02d}"
    if kind == "day_range":
        first_day = _day_value(int(year), month, int(groups["d1"]))
        last_day = _day_value(int(year), month, int(groups["d2"]))
        return f"{first_day}/{last_day}" if first_day and last_day and first_day < last_day else None
    return _day_value(int(year), month, int(groups["d"]))


def _qualifier(text: str, start: int) -> tuple[int, str] | None:
    """The qualifier word right before ``start`` ("since ", "until "): where it starts and what it does."""
    found = _QUALIFIER.search(text[max(0, start - 8):start])
    if not found:
        return None
    return start - len(found.group(0)), _QUALIFIERS[found.group("q").lower()]


def _qualified(value: str, role: str) -> str | None:
    """Widen a date by its qualifier's role: "since 2014" -> ``2014/..``, "before the 1990s" -> ``../1989``.

    Examples
    --------
    >>> _qualified("2014", "from"), _qualified("199X", "from"), _qualified("199X", "until"), _qualified("201X", "after")
    ('2014/..', '1990/..', '../1999', '2020/..')
    """
    if "/" in value or value.startswith("["):
        return value
    value = value.rstrip("~?%")  # an open end beside an approximate date: the date itself
    if "X" in value:  # a decade or century: the end the qualifier faces
        low, high = int(value.replace("X", "0")), int(value.replace("X", "9"))
        return {"from": f"{low:04d}/..", "after": f"{high + 1:04d}/..", "before": f"../{low - 1:04d}",
                "until": f"../{high:04d}"}[role]
    return f"{value}/.." if role in ("from", "after") else f"../{value}"


def _qualify(text: str, start: int, value: str) -> tuple[int, str | None]:
    """Widen "since 2014" to ``2014/..`` and "until 2014" to ``../2014``; return the new start and value."""
    if "/" in value:
        return start, value
    found = _qualifier(text, start)
    if found is None:
        return start, value
    return found[0], _qualified(value, found[1])


def find_dates(text: str) -> list[DateMatch]:
    """Return the absolute date expressions of ``text`` in order, each once (longest reading wins).

    Examples
    --------
    >>> [(m.text, m.edtf) for m in find_dates("It began in the 1990s and grew after April 2021.")]
    [('the 1990s', '199X'), ('after April 2021', '2021-04/..')]
    >>> [m.edtf for m in find_dates("Talks ran from 2001 to 2014; a 20-year war; 3,000 troops; on 5 May 2019.")]
    ['2001/2014', '2019-05-05']
    >>> [m.edtf for m in find_dates("before the 1990s, in the late 19th century, over the summer of 2029")]
    ['../1989', '18XX', '2029-06/2029-08']
    """
    taken = SpanSet()
    found: list[DateMatch] = []
    lowered = text.lower()
    for kind, pattern in _PATTERNS:
        if all(cue not in lowered for cue in _CUES.get(kind, ("",))):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            value = _edtf(kind, {k: v for k, v in match.groupdict().items() if v is not None})
            if value is None:
                continue
            start, value = _qualify(text, start, value)
            mention = DateMatch.checked(start, end, text[start:end], value, kind)
            if mention is None:
                continue
            taken.add(start, end)
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


@dataclass(frozen=True)
class PartialDate:
    """A date written without its year ("on 12 June", "in early March"): placed by :func:`resolve_partial`.

    ``qualifier`` is what a word before it does ("since February": ``from``); ``lean`` is ``last``, ``this`` or
    ``next`` when the text says which one ("last March").
    """

    start: int
    end: int
    text: str
    month: int
    day: int | None = None
    qualifier: str | None = None
    lean: str | None = None


_NO_YEAR_AFTER = r"(?!\.?,?\s*(?:of\s+)?\d|[-–]\d|\s*%)"
_PARTIAL: list[tuple[str, re.Pattern[str]]] = [
    ("dm", re.compile(_p(r"(?<![\d,.$£€])\b{d}\s+(?:of\s+)?{m}(?![\w])" + _NO_YEAR_AFTER, d=_DAY, m=_MONTH))),
    ("md", re.compile(_p(r"\b{m}\s+{d}\b" + _NO_YEAR_AFTER, m=_MONTH, d=_DAY))),
    ("m", re.compile(r"\b(?P<m>" + _FULL_MONTHS + r")\b(?!\s+\d|-\d)")),
]
# what makes a month named alone a date, read backwards from the month ("in early", "since", "last")
_BEFORE_MONTH = re.compile(r"(?:\b(?P<cue>" + _alternatives(_words()["month_cues"]) + r")\s+)?"
                           r"(?:\b(?P<lean>last|this|next)\s+)?"
                           r"(?P<part>\b(?:" + _alternatives(_words()["parts"]) + r")(?:\s+|-\s*))?$", re.IGNORECASE)


def find_partial_dates(text: str, absolute: list[DateMatch] | None = None) -> list[PartialDate]:
    """Return the dates of ``text`` written without a year, in order (a full date there is :func:`find_dates`'s).

    A month alone counts only after a word that makes it a date ("in", "since", "early", "last", ...): a
    capitalised "May" or "March" alone may be a verb or a name. ``absolute`` is :func:`find_dates`'s result
    when the caller has it already.

    Examples
    --------
    >>> [(p.text, p.month, p.day) for p in find_partial_dates("On 12 June they met; in mid-July, and on March 6.")]
    [('12 June', 6, 12), ('mid-July', 7, None), ('March 6', 3, 6)]
    >>> [(p.text, p.qualifier) for p in find_partial_dates("Rumours ran since February. May it end. On 5 May 2020.")]
    [('since February', 'from')]
    """
    taken = SpanSet([(m.start, m.end) for m in (find_dates(text) if absolute is None else absolute)])
    found: list[PartialDate] = []
    for kind, pattern in _PARTIAL:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            start = match.start()
            if kind == "m":  # the cue is not part of the date ("reached in February"), a qualifier is (below)
                window = max(0, start - 40)
                before = _BEFORE_MONTH.search(text, window, start)
                if before is None or not (before.group("cue") or before.group("lean") or before.group("part")):
                    continue
                groups.update({k: v for k, v in before.groupdict().items() if v})
                start = before.start("lean") if before.group("lean") else before.start("part") \
                    if before.group("part") else start
            end = match.end()
            if taken.overlaps(start, end):
                continue
            month = _month(groups["m"])
            day = int(groups["d"]) if groups.get("d") else None
            if month is None or day is not None and not 1 <= day <= calendar.monthrange(2000, month)[1]:
                continue
            qualifier = _qualifier(text, start)
            if qualifier:
                start = qualifier[0]
            taken.add(start, end)
            found.append(PartialDate(start, end, text[start:end], month, day, qualifier[1] if qualifier else None,
                                     groups["lean"].lower() if groups.get("lean") else None))
    return sorted(found, key=lambda p: p.start)


def _point(value: str | None) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of a plain EDTF date (the upper end of an interval); None for anything else."""
    if not value or not is_valid_edtf(value):
        return None
    last = bounds_of(value)[1]
    parts = _plain_parts((last or "").rstrip("~?%"))
    if parts is None:
        return None
    year, month, day = parts
    if year < 1 or month is not None and not 1 <= month <= 12:  # EDTF's year 0 is no calendar year of Python's
        return None
    return year, month, day


def resolve_partial(partial: PartialDate, reference: str | None, future: bool = False) -> str | None:
    """Give a date written without a year its year: the latest one on or before the reference date, or, when
    the clause looks ahead (``future``), the next one on or after it; None without a reference date.

    Examples
    --------
    >>> resolve_partial(PartialDate(0, 7, "12 June", 6, 12), "2031-08-02")
    '2031-06-12'
    >>> resolve_partial(PartialDate(0, 8, "November", 11), "2031-12-27", future=True)
    '2032-11'
    >>> resolve_partial(PartialDate(0, 8, "December", 12), "2032-03-06")
    '2031-12'
    >>> resolve_partial(PartialDate(0, 1, "x", 5), None) is None
    True
    """
    point = _point(reference)
    if point is None:
        return None
    year, month, day = point
    both_days = bool(partial.day and day)  # compare days only when both have one
    wanted = (partial.month, partial.day if both_days else 0)
    now = (month or 0, day if both_days else 0)
    if partial.lean == "this" or month is None:
        pass  # the reference's own year
    elif partial.lean == "last":
        year -= 0 if wanted < now else 1
    elif partial.lean == "next":
        year += 0 if wanted > now else 1
    elif future:
        year += 0 if wanted >= now else 1
    else:
        year -= 0 if wanted <= now else 1
    if not 1 <= year <= 9999:
        return None
    value: str | None = f"{year:04d}-{partial.month:02d}"
    if partial.day:
        value = _day_value(year, partial.month, partial.day)
    if value and partial.qualifier:
        value = _qualified(value, partial.qualifier)
    return value if value and is_valid_edtf(value) else None


def _deictic_patterns() -> list[tuple[dict, tuple[str, ...], re.Pattern[str]]]:
    specs = sorted(_words()["deictic"], key=lambda s: -max(len(w) for w in s["words"]))
    return [(spec, tuple({w.split()[-1].lower() for w in spec["words"]}),
             re.compile(r"\b(?:" + _alternatives(spec["words"]) + r")\b", re.IGNORECASE)) for spec in specs]


_DEICTIC = _deictic_patterns()
_RECENT = re.compile(r"\b(?:" + _alternatives(_words()["recent_after"]) + r")\s+(?:most\s+)?(?P<r>recent)\b"
                     r"(?!\s+(?:past|history|years|decades|months|weeks|days))", re.IGNORECASE)


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word stands inside a sentence, where it is part of a name ("Kestria Today")."""
    if not text[start:start + 1].isupper():
        return False
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?:;\n\"“‘'(—–-"


def _deictic_value(spec: dict, reference: str | None) -> str | None:
    point = _point(reference)
    if point is None:
        return None
    year, month, day = point
    if "approximate" in spec:
        return f"{year:04d}-{month:02d}~" if month else f"{year:04d}~"
    unit, offset, span = spec.get("unit"), int(spec.get("offset", 0)), spec.get("span")
    try:
        if unit == "year":
            return f"{year - int(span):04d}/{year:04d}" if span else f"{year + offset:04d}"
        if month is None:
            return None
        if unit == "month":
            total = year * 12 + month - 1
            if span:
                return f"{_month_of(total - int(span))}/{_month_of(total)}"
            return _month_of(total + offset)
        if day is None:
            return None
        today = date(year, month, day)
        if unit == "day":
            return (today + timedelta(days=offset)).isoformat()
        if span:  # weeks up to the reference day
            return f"{(today - timedelta(weeks=int(span))).isoformat()}/{today.isoformat()}"
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    except (ValueError, OverflowError):  # past the calendar's first or last year
        return None


def _month_of(total: int) -> str:
    year, month = divmod(total, 12)
    return f"{year:04d}-{month + 1:02d}"


def find_deictic(text: str, reference: str | None) -> list[DateMatch]:
    """Return the phrases of ``text`` that name a time by the reference date, placed ("last week", "earlier this
    year", "in recent months", "recently", "the recent flood"); none without a reference date.

    Examples
    --------
    >>> [(m.text, m.edtf) for m in find_deictic("Last week a report came; earlier this year, a deal.", "2031-08-06")]
    [('Last week', '2031-07-28/2031-08-03'), ('earlier this year', '2031')]
    >>> [(m.text, m.edtf) for m in find_deictic("The recent flood, and unrest in recent months.", "2031-12-27")]
    [('recent', '2031-12~'), ('in recent months', '2031-09/2031-12')]
    >>> find_deictic("Last week a report came.", None)
    []
    """
    if _point(reference) is None:
        return []
    found: list[DateMatch] = []
    lowered = text.lower()
    spans = [(spec, match.start(), match.end()) for spec, cues, pattern in _DEICTIC
             if any(cue in lowered for cue in cues) for match in pattern.finditer(text)]
    spans += [({"approximate": "month"}, match.start("r"), match.end("r")) for match in _RECENT.finditer(text)]
    claimed = SpanSet()
    for spec, start, end in sorted(spans, key=lambda s: (s[1] - s[2], s[1])):  # the longest phrase wins
        if claimed.overlaps(start, end) or _inside_name(text, start):
            continue
        value = _deictic_value(spec, reference)
        qualifier = _qualifier(text, start) if value else None
        if qualifier and value:
            start, value = qualifier[0], _qualified(value, qualifier[1])
        mention = DateMatch.checked(start, end, text[start:end], value, "deictic")
        if mention is not None:
            found.append(mention)
            claimed.add(mention.start, mention.end)
    return sorted(found, key=lambda m: m.start)


def bounds_of(value: str) -> tuple[str | None, str | None]:
    """The first and last dates an EDTF value names (None for an open end), for intervals and sets alike.

    Examples
    --------
    >>> bounds_of("2001/2014"), bounds_of("[2021-08-15..2021-08-17]"), bounds_of("2014/.."), bounds_of("2020")
    (('2001', '2014'), ('2021-08-15', '2021-08-17'), ('2014', None), ('2020', '2020'))
    """
    if value.startswith("[") and value.endswith("]"):
        first, _, last = value[1:-1].partition("..")
    elif "/" in value:
        first, _, last = value.partition("/")
    else:
        first = last = value
    return (first if first not in ("", "..") else None), (last if last not in ("", "..") else None)


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
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word in ("following", "next", "previous", "preceding", "subsequent"):
        return 1
    return _NUMBERS.get(word)


def _bounds(value: str) -> tuple[date, str] | None:
    """The latest day an EDTF value may mean, and its precision (``day``, ``month`` or ``year``)."""
    point = _point(value)
    if point is None:
        return None
    year, month, day = point
    if month is None:
        return date(year, 1, 1), "year"
    if day is None:
        return date(year, month, 1), "month"
    return date(year, month, day), "day"


def shift(value: str, amount: int, unit: str) -> str | None:
    """Move an EDTF date by ``amount`` units (negative: back), keeping a precision both can carry; None when
    ``value`` is no plain date or the move leaves the calendar.

    Examples
    --------
    >>> shift("2021-08-15", 40, "hour"), shift("2014", 2, "year"), shift("2021-04", -3, "month")
    ('2021-08-17', '2016', '2021-01')
    >>> shift("2021-13", 1, "day"), shift("0001", -4, "year")
    (None, None)
    """
    bounds = _bounds(value)
    unit = unit.lower().rstrip("s")
    unit = "day" if unit in _DAY_PARTS else unit
    if bounds is None or unit not in ("hour", "day", "week", "month", "year", "decade"):
        return None
    day, precision = bounds
    if unit in ("hour", "day", "week"):
        if precision != "day":
            return None
        hours = amount * {"hour": 1, "day": 24, "week": 24 * 7}[unit]
        try:
            moved = day + timedelta(days=int(hours / 24) + (1 if hours % 24 and hours > 0 else 0)
                                    - (1 if hours % 24 and hours < 0 else 0))
        except OverflowError:
            return None
        return moved.isoformat()
    months = amount * {"month": 1, "year": 12, "decade": 120}[unit]
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        return None
    if unit in ("year", "decade") or precision == "year":
        return f"{year:04d}"
    return f"{year:04d}-{month + 1:02d}"


def resolve_relative(kind: str, n: str | None, unit: str, anchor: str) -> str | None:
    """Place a relative phrase against the EDTF ``anchor`` it leans on; None when it cannot be placed.

    ``within`` gives one day (or month) of those from the anchor to the bound, EDTF's "one of a set"
    ("within 40 hours of" a day -> ``[day..day+2]``: the event happened on one of them); ``after`` / ``later`` move
    forward, ``before`` / ``earlier`` / ``ago`` back; ``following`` is the few units after the anchor ("in the
    following days"); ``duration`` is the span of that length ending at the anchor (the text's reference date).

    Examples
    --------
    >>> resolve_relative("within", "40", "hours", "2021-08-15")
    '[2021-08-15..2021-08-17]'
    >>> resolve_relative("later", "two", "years", "2014"), resolve_relative("ago", "four", "years", "2031-08-02")
    ('2016', '2027')
    >>> resolve_relative("duration", "20", "year", "2021-08"), resolve_relative("following", None, "days", "2031-05-07")
    ('2001/2021', '2031-05-08/2031-05-10')
    """
    if not is_valid_edtf(anchor):
        return None
    amount = 3 if kind == "following" else _number(n or "")
    unit = unit.lower().rstrip("s")
    if amount is None or "/" in anchor and kind != "within":
        return None
    if kind == "duration":  # the span ending at the anchor: "a 20-year commitment" written in 2021 -> 2001/2021
        begun = shift(anchor, -amount, unit)
        year = anchor[:4]
        value = f"{begun}/{year}" if begun else None
        return value if value and is_valid_edtf(value) else None
    if kind == "following":
        first, last = shift(anchor, 1, unit), shift(anchor, amount, unit)
        value = f"{first}/{last}" if first and last else None
        return value if value and is_valid_edtf(value) else None
    sign = -1 if kind in ("before", "earlier", "ago") else 1
    moved = shift(bounds_of(anchor)[1] or anchor if kind == "within" else anchor, sign * amount, unit)
    if moved is None:
        return None
    value = f"[{bounds_of(anchor)[0]}..{moved}]" if kind == "within" else moved
    return value if is_valid_edtf(value) else None
