"""Reading an article's shape from its text: title, author, publication date and section headings.

Works on the normalised, cleaned text of plain-text and Markdown documents (HTML is turned into Markdown by
trafilatura first). The cues are data (``lang/en/header.yaml``); nothing here knows any particular article.
Offsets of sections index the text given, so they stay valid in :attr:`IngestedDocument.text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from ruamel.yaml import YAML

from realpolitik.corpus.document import Section

__all__ = ["Line", "Structure", "author_note_name", "find_author_note", "find_structure", "parse_date"]

_ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_EMPHASIS = re.compile(r"(?P<mark>[*_`]+)(?P<inner>.+?)(?P=mark)")
#: A heading is a short line; longer ones are sentences.
_MAX_HEADING_CHARS = 120
_MAX_HEADING_WORDS = 15
_MAX_TITLE_CHARS = 200
_MAX_NAME_WORDS = 8


class Line(NamedTuple):
    """A line of the text with its offsets (``end`` excludes the newline)."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Structure:
    """What :func:`find_structure` found; any part may be missing."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sections: list[Section] = field(default_factory=list)
    #: Offsets of the lines used for the title, author and date (never taken for headings).
    header_lines: set[int] = field(default_factory=set)


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = YAML(typ="safe").load((files("realpolitik") / "lang" / "en" / "header.yaml").read_text("utf-8"))
    data["author_res"] = [re.compile(p, re.IGNORECASE) for p in data["author_lines"]]
    data["date_res"] = [re.compile(p, re.IGNORECASE) for p in data["date_lines"]]
    data["outlets"] = frozenset(str(w).lower() for w in data["outlet_words"])
    data["particles"] = frozenset(str(w).lower() for w in data["name_particles"])
    data["date_vocabulary"] = frozenset(str(w).lower() for w in data["date_words"])
    return data


def _lines(text: str) -> list[Line]:
    made, position = [], 0
    for line in text.split("\n"):
        made.append(Line(position, position + len(line), line))
        position += len(line) + 1
    return made


def parse_date(value: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only those are stated) from a date phrase.

    Examples
    --------
    >>> parse_date("5 March 2024")
    '2024-03-05'
    >>> parse_date("March 2024")
    '2024-03'
    >>> parse_date("the talks") is None
    True
    """
    value = value.strip().strip(",.;|")
    if not re.search(r"\d{4}", value) or len(value) > 60:
        return None  # a year must be stated: "Tuesday" alone is no publication date
    import dateparser  # imported late: loading its language data takes a moment

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False, "REQUIRE_PARTS": ["year"]}
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b(?!\d)", re.sub(r"\d{4}", "", value)))
    has_month = has_day or bool(re.search(r"[A-Za-z]{3,}", value)) or bool(re.search(r"\d{4}-\d{2}", value))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value) or (has_day and has_month):
        return parsed.strftime("%Y-%m-%d")
    return parsed.strftime("%Y-%m") if has_month else parsed.strftime("%Y")


def _clean_name(value: str) -> str | None:
    """A person's name from a credit ("Jane Roe | 5 March 2024" → "Jane Roe"), or None if it is no name.

    Every word must start with a capital letter, except particles such as "and", "de", "van" (data).
    """
    value = re.split(r"\s+[|•·—–]\s+|\s+-\s+|,|\s+on\s+(?=\w+\s+\d)", value.strip())[0].strip(" ,.;:*_")
    words = value.split()
    if not words or len(words) > _MAX_NAME_WORDS or len(value) > 80 or re.search(r"\d|https?:|@", value):
        return None
    particles = _cues()["particles"]
    if not all(word[0].isupper() or word.lower() in particles for word in words) or not words[0][0].isupper():
        return None
    return value


def _only_a_date(value: str) -> str | None:
    """The date of a line that holds nothing but a date ("Tuesday, 5 March 2024"), else None."""
    vocabulary = _cues()["date_vocabulary"]
    if any(word.lower() not in vocabulary for word in re.findall(r"[^\W\d_]+", value)):
        return None
    return parse_date(value)


def _credit(title_line: str) -> tuple[str, str | None]:
    """Split "Title | Author" into its title and (when it names a person, not an outlet) its author."""
    cues = _cues()
    for separator in cues["credit_separators"]:
        if separator in title_line:
            title, _, credit = title_line.rpartition(separator)
            name = _clean_name(credit)
            outlet = any(word.lower().strip(".,") in cues["outlets"] for word in credit.split())
            if title.strip() and name and not outlet:
                return title.strip(), name
            return title.strip(), None
    return title_line.strip(), None


def _heading_text(line: str) -> str:
    """A line without the emphasis wrapped round all of it ("*By Jane Roe*" → "By Jane Roe")."""
    line = line.strip()
    wrapped = _EMPHASIS.fullmatch(line)
    return wrapped.group("inner").strip() if wrapped else line


def _looks_like_title(text: str) -> bool:
    """A first line is a title when it is short and does not end like a sentence (headlines carry no full stop)."""
    text = _heading_text(text.lstrip("#").strip())
    return 0 < len(text) <= _MAX_TITLE_CHARS and len(text.split()) <= 30 and text[-1] not in ".,;:"


def _looks_like_heading(text: str) -> bool:
    text = text.strip()
    words = text.split()
    return (
        3 <= len(text) <= _MAX_HEADING_CHARS
        and len(words) <= _MAX_HEADING_WORDS
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".,;:!\"”'’)"
        and any(ch.isalpha() for ch in text)
        and not re.match(r"^(?:[-*+•]|\d+[.)])\s", text)  # a list item
    )


def find_structure(text: str, *, markdown: bool = False, title: str | None = None) -> Structure:
    """Find the title, author, publication date and section headings of an article's text.

    Parameters
    ----------
    text
        Normalised text with boilerplate already blanked.
    markdown
        Read ``#`` and underlined headings as Markdown does; otherwise a heading is a short title-like line on
        its own between paragraphs.
    title
        A title already known (from HTML or PDF metadata); the text's own first line is then not taken for it.

    Examples
    --------
    >>> text = "Dam talks stall | Jane Roe\\n\\nThe talks broke down.\\n\\nA fragile truce\\n\\nBoth sides wait.\\n"
    >>> found = find_structure(text)
    >>> found.title, found.author, [(s.title, text[s.start:s.end]) for s in found.sections]
    ('Dam talks stall', 'Jane Roe', [('A fragile truce', 'A fragile truce\\n\\nBoth sides wait.')])
    """
    lines = _lines(text)
    found = Structure(title=title)
    content = [i for i, line in enumerate(lines) if not line.blank]
    if not content:
        return found
    cues = _cues()
    header = content[: cues["header_lines"]]
    first = lines[content[0]]
    headings = _markdown_headings(lines) if markdown else {}
    if title is None and len(content) > 1 and _looks_like_title(first.text):
        raw = headings[content[0]][1] if content[0] in headings else first.text.strip()
        found.title, found.author = _credit(raw)
        found.header_lines.add(content[0])
    elif title is not None and content[0] in headings and headings[content[0]][1].strip() == title.strip():
        found.header_lines.add(content[0])
    for index in header:
        if index in found.header_lines or index in headings:
            continue
        stripped = _heading_text(lines[index].text)
        byline = _cue(cues["author_res"], stripped, _clean_name) if found.author is None else None
        dated = _cue(cues["date_res"], stripped, parse_date) if found.published is None and not byline else None
        if byline:
            found.author, rest = byline
            found.published = found.published or parse_date(rest.strip(" |•·—–-,"))
        elif dated:
            found.published = dated[0]
        if byline or dated:
            found.header_lines.add(index)
    starts = _heading_starts(lines, headings, found.header_lines, markdown=markdown)
    found.sections = _sections(text, lines, starts)
    return found


def _cue(patterns: list[re.Pattern[str]], line: str, parse: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The parsed value of the first pattern that matches ``line`` and whose value parses, and the rest of the line.

    A pattern's group ``value`` is parsed with ``parse``; a group ``bare`` must be a date and nothing else.
    """
    for pattern in patterns:
        match = pattern.fullmatch(line)
        if match is None:
            continue
        group = "value" if "value" in pattern.groupindex else "bare"
        raw = match.group(group)
        value = parse(raw) if group == "value" else _only_a_date(raw)
        if value:
            at = raw.find(value)
            return value, raw[at + len(value) :] if at >= 0 else ""
    return None


def _markdown_headings(lines: list[Line]) -> dict[int, tuple[int, str]]:
    """Line index -> (offset of the heading's text, heading text) for ATX and setext headings."""
    made: dict[int, tuple[int, str]] = {}
    fenced = False
    for index, line in enumerate(lines):
        if line.text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = _ATX.match(line.text)
        if match and match.group("title").strip():
            title = _heading_text(match.group("title"))
            if title:
                made[index] = (line.start + line.text.index(title), title)
        elif (
            _SETEXT.match(line.text)
            and index > 0
            and not lines[index - 1].blank
            and (index < 2 or lines[index - 2].blank)
            and index - 1 not in made
        ):
            previous = lines[index - 1]
            title = _heading_text(previous.text)
            if title:
                made[index - 1] = (previous.start + previous.text.index(title), title)
    return made


def _heading_starts(
    lines: list[Line], headings: dict[int, tuple[int, str]], header: set[int], *, markdown: bool
) -> list[tuple[int, str]]:
    if markdown:
        return [headings[i] for i in sorted(headings) if i not in header]
    made = []
    for index, line in enumerate(lines):
        if line.blank or index in header:
            continue
        alone = (index == 0 or lines[index - 1].blank) and index + 1 < len(lines) and lines[index + 1].blank
        if not alone or not _looks_like_heading(line.text):
            continue
        following = next((lines[j] for j in range(index + 1, len(lines)) if not lines[j].blank), None)
        if following is None or len(following.text.strip()) <= len(line.text.strip()):
            continue  # a heading leads into a longer paragraph
        title = line.text.strip()
        made.append((line.start + line.text.index(title), title))
    return made


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _sections(text: str, lines: list[Line], starts: list[tuple[int, str]]) -> list[Section]:
    sections = []
    for number, (start, title) in enumerate(starts):
        end = _line_start(text, starts[number + 1][0]) if number + 1 < len(starts) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sections.append(Section(title=title, start=start, end=end))
    return sections


_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]])[.!?](?=\s|$)")
_NAME_WORD = re.compile(r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)$")


@lru_cache(maxsize=1)
def _note_cues() -> tuple[re.Pattern[str], frozenset[str]]:
    cues = _cues()
    verbs = "|".join(re.escape(verb) for verb in sorted(cues["author_note_verbs"], key=len, reverse=True))
    return re.compile(rf"^(?P<name>.+?)\s+(?:{verbs})\s", re.IGNORECASE), frozenset(cues["author_note_roles"])


def _note_name(paragraph: str) -> str | None:
    """The name an author's note opens with ("Name Surname is a Senior Fellow at ..."), or None when the paragraph
    does not read as one."""
    opening, roles = _note_cues()
    first = _SENTENCE_END.split(paragraph.strip(), maxsplit=1)[0]
    found = opening.match(first)
    if found is None:
        return None
    words = found.group("name").replace(",", " ").split()
    particles = set(_cues()["name_particles"])
    if not 2 <= len(words) <= _MAX_NAME_WORDS or not _NAME_WORD.match(words[0]) or not _NAME_WORD.match(words[-1]):
        return None
    if not all(_NAME_WORD.match(word) or word in particles for word in words):
        return None
    rest = {word.lower().strip(".,;:()") for word in first[found.end():].split()}
    return " ".join(words) if rest & roles else None


def _is_author_note(paragraph: str) -> bool:
    """Whether a paragraph reads as an author's note: "Name Surname is a Senior Fellow at ..."."""
    return _note_name(paragraph) is not None


def author_note_name(text: str, note_start: int) -> str | None:
    """The author named by the note that begins at ``note_start`` (from :func:`find_author_note`).

    Examples
    --------
    >>> text = "The dam talks broke down.\\n\\nJane Roe is a Senior Fellow at the Lorn Institute.\\n"
    >>> author_note_name(text, find_author_note(text))
    'Jane Roe'
    """
    return _note_name(text[note_start:].split("\n\n", 1)[0])


def find_author_note(text: str) -> int | None:
    """Where the author's note that closes ``text`` begins, or None when the text has none.

    Read from the end: each trailing paragraph that opens with a name, a verb such as "is" and a role word
    ("Jane Roe is a Senior Fellow at the Lorn Institute") belongs to the note; the first paragraph that does not
    ends it. The cues are ``author_note_verbs`` and ``author_note_roles`` in ``lang/en/header.yaml``.

    Examples
    --------
    >>> text = ("The dam talks broke down.\\n\\nBoth sides wait.\\n\\n"
    ...         "Jane Roe is a Senior Fellow at the Lorn Institute.\\n")
    >>> text[find_author_note(text):]
    'Jane Roe is a Senior Fellow at the Lorn Institute.\\n'
    >>> find_author_note("The dam talks broke down.\\n\\nThe Lorn Commission is a body of experts.\\n") is None
    True
    """
    starts = [0] + [match.end() for match in _PARAGRAPHS.finditer(text)]
    note = None
    for start in reversed(starts):
        if start == 0:
            break
        end = next((s for s in starts if s > start), len(text))
        paragraph = text[start:end]
        if not paragraph.strip():
            continue
        if not _is_author_note(paragraph):
            break
        note = start
    return note
