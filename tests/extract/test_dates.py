"""The date reader: absolute expressions, relative phrases, EDTF validity (with hypothesis for the parser)."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.extract.dates import find_dates, is_valid_edtf, parse_date, resolve_relative, shift
from realpolitik.extract.temporal import latest

DATES = st.dates(min_value=date(1600, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(("text", "expected"), [
    ("in 2014", ["2014"]),
    ("in April 2021", ["2021-04"]),
    ("on 15 August 2021", ["2021-08-15"]),
    ("on August 15, 2021", ["2021-08-15"]),
    ("on 2021-08-15", ["2021-08-15"]),
    ("in the 1990s", ["199X"]),
    ("in the late 1980s", ["198X"]),
    ("from 2001 to 2014", ["2001/2014"]),
    ("between 2019 and 2021", ["2019/2021"]),
    ("in 2001–2014", ["2001/2014"]),
    ("since 2014", ["2014/.."]),
    ("until 2014", ["../2014"]),
    ("a 20-year war", []),
    ("3,000 troops and 2015 more", ["2015"]),
    ("$2014 of aid", []),
    ("31 February 2021", ["2021-02"]),  # no such day: the month still stands
])
def test_absolute_expressions(text, expected):
    assert [m.edtf for m in find_dates(text)] == expected


def test_spans_point_at_the_words():
    text = "Talks began in March 2019 and ended in the 2020s."
    for match in find_dates(text):
        assert text[match.start:match.end] == match.text
    assert [m.text for m in find_dates(text)] == ["March 2019", "the 2020s"]


@pytest.mark.parametrize(("kind", "n", "unit", "anchor", "expected"), [
    ("within", "40", "hours", "2021-08-15", "2021-08-15/2021-08-17"),
    ("within", "two", "weeks", "2020-09-27", "2020-09-27/2020-10-11"),
    ("later", "two", "years", "2014", "2016"),
    ("earlier", "a", "year", "2021-04", "2020"),  # "a year earlier" is as precise as a year
    ("after", "three", "months", "2021-11", "2022-02"),
    ("before", "ten", "days", "2021-03-05", "2021-02-23"),
    ("duration", "20", "year", "2021-08", "2001/2021"),
    ("later", "several", "years", "2014", None),
    ("within", "40", "hours", "2021", None),  # hours need a day to count from
])
def test_relative_phrases(kind, n, unit, anchor, expected):
    assert resolve_relative(kind, n, unit, anchor) == expected


def test_latest_reads_upper_bounds():
    assert latest(["199X", "2010/2013", "2012"]) == "2010/2013"
    assert latest([]) is None


@given(DATES, st.sampled_from(["dmy", "mdy", "iso", "my", "year"]))
def test_written_dates_parse_back(day, style):
    month = calendar.month_name[day.month]
    text, expected = {
        "dmy": (f"{day.day} {month} {day.year}", day.isoformat()),
        "mdy": (f"{month} {day.day}, {day.year}", day.isoformat()),
        "iso": (day.isoformat(), day.isoformat()),
        "my": (f"{month} {day.year}", day.isoformat()[:7]),
        "year": (str(day.year), str(day.year)),
    }[style]
    assert parse_date(text) == expected
    assert parse_date(f"  {text} ") == expected
    found = find_dates(f"It happened on {text}, officials said.")
    assert [m.edtf for m in found] == [expected]


@given(st.integers(min_value=160, max_value=209))
def test_decades(decade):
    assert parse_date(f"the {decade}0s") == f"{decade}X"


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=80))
def test_any_text_gives_valid_edtf_and_true_spans(text):
    for match in find_dates(text):
        assert is_valid_edtf(match.edtf)
        parse_edtf(match.edtf)
        assert text[match.start:match.end] == match.text
        assert 0 <= match.start < match.end <= len(text)


@given(DATES, st.integers(min_value=-500, max_value=500), st.sampled_from(["day", "week", "month", "year"]))
def test_shift_moves_in_the_right_direction(day, amount, unit):
    moved = shift(day.isoformat(), amount, unit)
    assert moved is not None and is_valid_edtf(moved)
    start = day.isoformat()[: len(moved)]
    if amount > 0:
        assert moved >= start
    elif amount < 0:
        assert moved <= start
