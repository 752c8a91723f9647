"""Titles, credits, dates and headings from text, on made-up lines; and parsers that never crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.corpus import detect_language
from realpolitik.corpus.structure import find_structure, parse_date

PARA = "The two delegations met again on Friday and agreed to continue the talks next month in the capital."


@pytest.mark.parametrize(
    ("first", "title", "author"),
    [
        ("Dam talks stall | Jane Roe", "Dam talks stall", "Jane Roe"),
        ("Dam talks stall | River Post", "Dam talks stall", None),  # an outlet, not a person
        ("Dam talks stall", "Dam talks stall", None),
        ("Why the dam talks stalled?", "Why the dam talks stalled?", None),
    ],
)
def test_title_and_credit(first, title, author):
    found = find_structure(f"{first}\n\n{PARA}\n")
    assert (found.title, found.author) == (title, author)


def test_a_sentence_is_no_title_and_a_lone_paragraph_has_none():
    assert find_structure(f"{PARA}\n\n{PARA}\n").title is None
    assert find_structure("Dam talks stall\n").title is None


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("By Jane Roe", "Jane Roe", None),
        ("Written by Jane Roe and Ali Demir", "Jane Roe and Ali Demir", None),
        ("By Jane Roe | 5 March 2024", "Jane Roe", "2024-03-05"),
        ("Author: Jane Roe", "Jane Roe", None),
        ("Published: 2023-11-02", None, "2023-11-02"),
        ("Posted on June 7, 2021", None, "2021-06-07"),
        ("March 2020", None, "2020-03"),
        ("by the river", None, None),
        ("By Tuesday the ministers had agreed", None, None),
        ("Tuesday, 5 March 2024, 10:30 GMT", None, "2024-03-05"),
        ("Ana de la Cruz", None, None),
        ("By Ana de la Cruz, Senior Fellow", "Ana de la Cruz", None),
    ],
)
def test_bylines_and_dates(line, author, date):
    found = find_structure(f"Dam talks stall\n{line}\n\n{PARA}\n")
    assert (found.author, found.published) == (author, date)


def test_a_heading_with_a_year_is_no_date():
    found = find_structure(f"Dam talks stall\n\n{PARA}\n\nThe 2014 turn\n\n{PARA}\n")
    assert found.published is None
    assert [s.title for s in found.sections] == ["The 2014 turn"]


def test_a_byline_deep_in_the_body_is_not_the_author():
    body = "\n\n".join([PARA] * 14)
    assert find_structure(f"Dam talks stall\n\n{body}\n\nBy Jane Roe\n\n{PARA}\n").author is None


def test_plain_headings_and_what_is_not_one():
    text = (
        f"Dam talks stall\n\n{PARA}\n\nA fragile truce\n\n{PARA}\n\n"
        f"He said so.\n\n{PARA}\n\n- a list item\n\n{PARA}\n\nthe lower-case line\n\n{PARA}\n\n"
        f"What comes next\n\n{PARA}\n"
    )
    found = find_structure(text)
    assert [s.title for s in found.sections] == ["A fragile truce", "What comes next"]
    first, second = found.sections
    assert text[first.start : first.end].startswith("A fragile truce\n") and text[first.end - 1] == "."
    assert second.end == len(text.rstrip())


def test_markdown_headings_setext_and_code_fences():
    text = (
        f"# Dam talks stall\n\n{PARA}\n\nA fragile truce\n---------------\n\n{PARA}\n\n"
        f"```\n# not a heading\n```\n\n## Next *steps*\n\n{PARA}\n"
    )
    found = find_structure(text, markdown=True)
    assert found.title == "Dam talks stall"
    assert [s.title for s in found.sections] == ["A fragile truce", "Next *steps*"]
    for section in found.sections:
        assert text[section.start : section.start + len(section.title)] == section.title


def test_a_known_title_is_not_a_section():
    text = f"# Dam talks stall\n\n{PARA}\n\n## Truce\n\n{PARA}\n"
    found = find_structure(text, markdown=True, title="Dam talks stall")
    assert found.title == "Dam talks stall" and [s.title for s in found.sections] == ["Truce"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.booleans())
def test_structure_never_crashes_and_sections_point_into_the_text(text, markdown):
    found = find_structure(text, markdown=markdown)
    for section in found.sections:
        assert 0 <= section.start < section.end <= len(text)
        assert text[section.start : section.start + len(section.title)] == section.title


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_returns_iso_or_none(value):
    date = parse_date(value)
    assert date is None or len(date) in (4, 7, 10)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (PARA, "en"),
        ("Los ministros se reunieron de nuevo el viernes y acordaron seguir con las conversaciones.", "es"),
        ("Министры снова встретились в пятницу и договорились продолжить переговоры в столице после выборов.", "ru"),
        ("وزراء الخارجية اجتمعوا مرة أخرى يوم الجمعة واتفقوا على مواصلة المحادثات في العاصمة الشهر المقبل", "ar"),
    ],
)
def test_languages(text, code):
    assert detect_language(text).code == code


# --- the author's note that closes an analysis ---------------------------------------------------------------------

NOTE_BODY = "The two delegations met again.\n\nBoth capitals are now waiting for the river commission's report.\n\n"


@pytest.mark.parametrize(
    "note",
    [
        "Jane Roe is a Senior Fellow at the Lorn Institute.\n",
        "Ana de la Cruz is Assistant Professor of Politics at Vell University. Her work covers river basins.\n",
        "Ali Demir is the director of the Basin Centre.\n\nMara Holm is a researcher at the Basin Centre.\n",
        "Tomas K. Varga III is a Senior Lecturer in War Studies at Strelsau College.\n",
    ],
)
def test_a_trailing_author_note_is_found(note):
    from realpolitik.corpus import find_author_note

    text = NOTE_BODY + note
    assert text[find_author_note(text):] == note


@pytest.mark.parametrize(
    "last",
    [
        "The Lorn Commission is a body of experts on water.\n",  # an organisation, not a person's note
        "Jane Roe is right that the talks will resume.\n",  # a name and 'is', but no role
        "Both sides are a long way from a deal.\n",
    ],
)
def test_a_closing_paragraph_of_the_argument_is_no_author_note(last):
    from realpolitik.corpus import find_author_note

    assert find_author_note(NOTE_BODY + last) is None


def test_only_trailing_notes_count():
    from realpolitik.corpus import find_author_note

    text = "Jane Roe is a Senior Fellow at the Lorn Institute.\n\n" + NOTE_BODY
    assert find_author_note(text) is None
