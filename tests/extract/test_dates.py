"""The date reader: absolute expressions, relative phrases, EDTF validity (with hypothesis for the parser)."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.extract.date_component import latest
from realpolitik.extract.dates import (
    DateMatch,
    find_dates,
    find_deictic,
    find_partial_dates,
    is_valid_edtf,
    parse_date,
    resolve_partial,
    resolve_relative,
    shift,
)

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
    ("within", "40", "hours", "2021-08-15", "[2021-08-15..2021-08-17]"),
    ("within", "two", "weeks", "2020-09-27", "[2020-09-27..2020-10-11]"),
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


# -- open ends on decades (issue 19) and the newer absolute forms ----------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("before the 1990s", ["../1989"]),
    ("until the 1990s", ["../1999"]),
    ("by the 2010s", ["../2019"]),
    ("since the 1990s", ["1990/.."]),
    ("after the 1980s", ["1990/.."]),
    ("in May–June 2020", ["2020-05/2020-06"]),
    ("from 3–5 March 2019", ["2019-03-03/2019-03-05"]),
    ("over the summer of 2029", ["2029-06/2029-08"]),
    ("in the winter of 2022", ["2022-12/2023-02"]),
    ("during the late 19th century", ["18XX"]),
    ("in the twentieth century", ["19XX"]),
    ("since the 18th century", ["1700/.."]),
])
def test_more_absolute_expressions(text, expected):
    assert [m.edtf for m in find_dates(text)] == expected


def test_no_value_escapes_the_check():
    # the parser chokes on an open end beside a decade; the shape check refuses it before the parser sees it
    assert not is_valid_edtf("../199X") and not is_valid_edtf("199X/..")
    assert DateMatch.checked(0, 1, "x", "../199X", "decade") is None
    assert not is_valid_edtf("2021-02-30") and not is_valid_edtf(1990)


# -- dates without a year, placed against the reference date --------------------------------------------------

@pytest.mark.parametrize(("text", "reference", "future", "expected"), [
    ("on 12 June", "2031-08-02", False, ["2031-06-12"]),
    ("on 12 September", "2031-08-02", False, ["2030-09-12"]),  # the latest one on or before the reference
    ("on September 12", "2031-08-02", True, ["2031-09-12"]),
    ("in October", "2031-08-02", True, ["2031-10"]),
    ("in early March", "2031-08-02", True, ["2032-03"]),  # the next one on or after it
    ("mid-July", "2031-07-30", False, ["2031-07"]),
    ("last March", "2031-03-20", False, ["2030-03"]),
    ("next March", "2031-02-20", False, ["2031-03"]),
    ("since February", "2031-08-02", False, ["2031-02/.."]),
    ("until the end of April", "2031-08-02", False, ["../2031-04"]),
    ("the 4 May pact", "2031", False, ["2031-05-04"]),  # a reference of a year: the day in that year
    ("on 29 February", "2031-08-02", False, []),  # not a day of 2031
    ("on 12 June", None, False, []),  # no reference date: left unplaced
])
def test_partial_dates(text, reference, future, expected):
    found = find_partial_dates(text)
    assert [resolve_partial(p, reference, future) for p in found if resolve_partial(p, reference, future)] == expected


@pytest.mark.parametrize("text", ["May it rain.", "The March of Folly", "They march in June 2020.",
                                  "A 14 May 2019 memo", "In 3 months"])
def test_what_is_no_partial_date(text):
    assert find_partial_dates(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Last week the council met.", "2031-07-28/2031-08-03"),
    ("Earlier this month the council met.", "2031-08"),
    ("The council met last month.", "2031-07"),
    ("Earlier this year the council met.", "2031"),
    ("The council met last year.", "2030"),
    ("Today the council meets.", "2031-08-06"),
    ("The council has met often in recent months.", "2031-05/2031-08"),
    ("The council recently met.", "2031-08~"),
    ("After the recent flood the council met.", "2031-08~"),
    ("Since last year the council has met.", "2030/.."),
])
def test_deictic_phrases(text, expected):
    assert [m.edtf for m in find_deictic(text, "2031-08-06")] == [expected]


def test_deictic_phrases_need_a_reference():
    assert find_deictic("Last week the council met.", None) == []
    assert find_deictic("Last week the council met.", "2031") == []  # a week needs the reference's day


@pytest.mark.parametrize(("kind", "n", "unit", "anchor", "expected"), [
    ("ago", "four", "years", "2031-08-02", "2027"),
    ("ago", "three", "days", "2031-08-02", "2031-07-30"),
    ("later", "following", "morning", "2031-08-31", "2031-09-01"),
    ("following", None, "days", "2031-08-30", "2031-08-31/2031-09-02"),
    ("later", "two", "days", "199X", None),  # no plain date to count from
    ("later", "two", "days", "2031-13-01", None),
])
def test_more_relative_phrases(kind, n, unit, anchor, expected):
    assert resolve_relative(kind, n, unit, anchor) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Zarovian vote looms in November.", "2032-11"),
    ("The Zarovian council will meet again in June.", "2032-06"),
    ("The Zarovian council met in November.", "2031-11"),
    ("The Zarovian envoy, contacted in June, said little.", "2031-06"),
    ("After the 3 June accord the Zarovian council has met twice.", "2031-06-03"),
])
def test_the_clause_says_which_year(nlp, sentence, expected):
    from realpolitik.extract import run_pipeline

    doc = run_pipeline(sentence, nlp=nlp, published="2031-12-27")
    assert expected in [d.edtf for d in doc._.rp_dates]


def test_the_following_morning_counts_from_the_previous_date(nlp):
    from realpolitik.extract import run_pipeline

    doc = run_pipeline("The dam burst on 30 June. By the following morning the valley was flooded.", nlp=nlp,
                       published="2031-07-04")
    assert [d.edtf for d in doc._.rp_dates] == ["2031-06-30", "2031-07-01"]


def test_without_any_date_relative_phrases_stay_unplaced(nlp):
    from realpolitik.extract import run_pipeline

    doc = run_pipeline("Last week the council met; on 4 May it voted; two days later it adjourned.", nlp=nlp)
    assert doc._.rp_reference_date is None and doc._.rp_dates == []


# -- the date reader as a whole: never a crash, only checked values (issue 19) -------------------------------

DATE_WORDS = ["before", "until", "by", "since", "after", "from", "the", "1990s", "2010s", "late", "mid-", "early",
              "2014", "April", "May", "March", "5", "31", "29", "2021", "–", "-", "to", "between", "and", "19th",
              "century", "of", "Sept.", "February", "summer", "winter", "last", "this", "next", "week", "year",
              "month", "recent", "recently", "months", "in", "two", "days", "later", "ago", "following", "morning",
              "within", "hours", "a", "20-year", "0000", "1500s", ",", "."]
REFERENCES = st.one_of(st.none(), st.sampled_from(["2031", "2031-02", "2031-02-28", "0001-01-01", "9999-12-31",
                                                    "199X", "2014/..", "2010/2013", "../2014"]),
                       DATES.map(date.isoformat))


@settings(max_examples=150)
@given(st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=10), REFERENCES, st.booleans())
def test_the_date_reader_never_crashes(words, reference, future):
    text = " ".join(words)
    for found in (find_dates(text), find_deictic(text, reference)):
        for match in found:
            assert is_valid_edtf(match.edtf) and text[match.start:match.end] == match.text
            parse_edtf(match.edtf)
    for partial in find_partial_dates(text):
        assert text[partial.start:partial.end] == partial.text
        value = resolve_partial(partial, reference, future)
        assert value is None or is_valid_edtf(value)
    assert parse_date(text) is None or is_valid_edtf(parse_date(text))


@settings(max_examples=150)
@given(st.sampled_from(["within", "after", "before", "later", "earlier", "ago", "following", "duration"]),
       st.sampled_from(["two", "40", "several", "a", "0", "following", None]),
       st.sampled_from(["hours", "days", "week", "months", "year", "decades", "morning", "fortnight"]),
       st.one_of(REFERENCES.filter(lambda r: r is not None), st.text(alphabet="0123456789X-/.[]~", max_size=12)),
       st.integers(min_value=-10_000, max_value=10_000))
def test_relative_reading_never_crashes(kind, n, unit, anchor, amount):
    value = resolve_relative(kind, n, unit, anchor)
    assert value is None or is_valid_edtf(value)
    moved = shift(anchor, amount, unit)
    assert moved is None or is_valid_edtf(moved)


@given(st.text(alphabet="0123456789X-/.[]~?%u ", max_size=16))
def test_the_check_never_raises_nor_prints(value):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        is_valid_edtf(value)
    assert out.getvalue() == ""


def test_no_value_reaches_year_zero():
    # found by benchmarks/fuzz.py: "last month" on 0001-01-01 gave 0000-12, valid EDTF that the model's date
    # reader (Python's calendar) cannot place
    from realpolitik.extract.dates import find_deictic, is_valid_edtf

    assert find_deictic("It rained last month.", "0001-01-01") == []
    assert not any(is_valid_edtf(value) for value in ("0000-12", "0000", "000X", "00XX", "0000/2020"))
    assert is_valid_edtf("0001-01") and is_valid_edtf("199X")
    assert not is_valid_edtf("195\u0663") and not is_valid_edtf("19\u0669X")  # Arabic-Indic digits
