"""Boilerplate removal keeps offsets: a cut leaves a prefix, a blanked line keeps its length."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.corpus import drop_boilerplate, normalise_text
from realpolitik.corpus.boilerplate import boilerplate_rules

#: Boilerplate lines as pages print them (our own list, one or more per kind in lang/en/boilerplate.yaml).
LEFTOVERS = [
    "Please enter your comment!",
    "You have entered an incorrect email address!",
    "Please enter your name here",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Leave a Reply",
    "Cancel reply",
    "Share this:",
    "Facebook Twitter WhatsApp",
    "We use cookies to give you the best experience on our website.",
    "Accept all cookies",
    "Subscribe to our newsletter",
    "Sign up for our weekly newsletter!",
    "Skip to content",
    "Previous article",
    "Related posts",
    "Home » Opinion » Analysis",
    "© 2024 Example Media. All rights reserved.",
    "Advertisement",
    "Story continues below advertisement",
    "Photo: Harbour Ledger archive",
    "File photo / Reuters",
]

#: Sentences that mention the same things but are content, never dropped.
CONTENT = [
    "The ministry said it would share intelligence with its neighbours.",
    "Officials leave a reply to the ultimatum until Monday.",
    "Analysts who subscribe to this view expect more sanctions.",
    "The home minister resigned.",
    "Cookies and other exports fell by a third.",
    "Reuters reported that the talks had stalled.",
    "The photo showed the minister at the border.",
]


@pytest.mark.parametrize("line", LEFTOVERS)
def test_each_leftover_is_caught(line):
    cleaned = drop_boilerplate(f"Talks resumed in the capital.\n\n{line}\n")
    assert cleaned.text == "Talks resumed in the capital.\n"
    assert len(cleaned.dropped) == 1 and cleaned.dropped[0].cut


@pytest.mark.parametrize("line", CONTENT)
def test_content_is_kept(line):
    text = f"{line}\n\nTalks resumed in the capital.\n"
    assert drop_boilerplate(text).text == text


def test_every_rule_has_a_kind_and_a_note():
    rules = boilerplate_rules()
    assert len(rules) >= 20
    assert all(rule.note and rule.kind for rule in rules)


def test_middle_lines_are_blanked_to_the_same_length():
    text = "Skip to content\nTalks resumed.\n\nShare this:\n\nBoth sides wait.\n"
    cleaned = drop_boilerplate(text)
    assert len(cleaned.text) == len(text)
    assert cleaned.text == " " * 15 + "\nTalks resumed.\n\n" + " " * 11 + "\n\nBoth sides wait.\n"
    assert [line.kind for line in cleaned.dropped] == ["navigation", "share"]
    assert cleaned.notes() == [
        "blanked 2 boilerplate line(s) in the text with spaces (offsets kept): navigation, share"
    ]


_paragraph = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=150, deadline=None)
@given(body=st.lists(_paragraph, min_size=1, max_size=6), tail=st.lists(st.sampled_from(LEFTOVERS), min_size=1,
       max_size=5), gaps=st.integers(min_value=0, max_value=3))
def test_appended_boilerplate_leaves_a_prefix(body, tail, gaps):
    text = normalise_text("\n\n".join(body)) + "\n" * (gaps + 1) + "\n".join(tail) + "\n"
    cleaned = drop_boilerplate(text)
    assert text.startswith(cleaned.text)
    assert len(cleaned.text) <= len(normalise_text("\n\n".join(body))) + 1  # cut right after the body
    assert sum(line.cut for line in cleaned.dropped) >= len(tail)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_keeps_its_offsets(text):
    text = normalise_text(text)
    cleaned = drop_boilerplate(text)
    assert len(cleaned.text) <= len(text)
    for kept, original in zip(cleaned.text, text, strict=False):
        assert kept == original or kept == " "
    for line in cleaned.dropped:
        if not line.cut:
            assert cleaned.text[line.start : line.end] == " " * (line.end - line.start)
            assert text[line.start : line.end] == line.line
    assert re.sub(" ", "", drop_boilerplate(cleaned.text).text) == re.sub(" ", "", cleaned.text)
