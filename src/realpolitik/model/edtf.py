"""EDTF dates: parsing, bounds and ordering, on top of the ``edtf`` library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException

__all__ = ["DateSpan", "InvalidDateError", "parse_date"]


class InvalidDateError(ValueError):
    """A string is not a valid EDTF date."""


@dataclass(frozen=True, order=True)
class DateSpan:
    """The earliest and latest calendar days an EDTF expression can mean."""

    lower: dt.date
    upper: dt.date
    text: str

    @property
    def is_span(self) -> bool:
        """True when the expression covers more than one day (a month, a year, a decade, an interval)."""
        return self.upper > self.lower

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls within the expression's bounds."""
        return self.lower <= day <= self.upper


@lru_cache(maxsize=4096)
def parse_date(text: str) -> DateSpan:
    """Parse an EDTF string into its calendar bounds.

    Examples
    --------
    >>> parse_date("199X").lower, parse_date("199X").upper
    (datetime.date(1990, 1, 1), datetime.date(1999, 12, 31))
    >>> parse_date("2021-04").is_span
    True
    >>> parse_date("2014/..").lower, parse_date("../199X").upper
    (datetime.date(2014, 1, 1), datetime.date(1999, 12, 31))

    Raises
    ------
    InvalidDateError
        If ``text`` is not valid EDTF.
    """
    first, slash, last = str(text).strip().partition("/")
    if slash and (first == "..") != (last == ".."):
        # an open end ("2014/..": since 2014, what the extractor writes for "since 2014"): the edtf library gives
        # a float infinity for it, which no calendar day is; the open side reaches the calendar's end
        known = parse_date(last if first == ".." else first)
        lower = dt.date.min if first == ".." else known.lower
        upper = dt.date.max if last == ".." else known.upper
        return DateSpan(lower=lower, upper=upper, text=str(text))
    try:
        parsed = parse_edtf(str(text).strip())
        lower = struct_time_to_date(parsed.lower_strict())
        upper = struct_time_to_date(parsed.upper_strict())
    except EDTFParseException as exc:
        raise InvalidDateError(f"not a valid EDTF date: {text!r}") from exc
    except (ValueError, TypeError, OverflowError, AttributeError) as exc:
        raise InvalidDateError(f"cannot place {text!r} on the calendar") from exc
    return DateSpan(lower=lower, upper=upper, text=str(text))
