"""The extractor on the real seed op-ed, against the bundled gold model (skipped when the seed is absent)."""

from __future__ import annotations

import re

from realpolitik.corpus import read_source_text
from realpolitik.extract import extract_text
from realpolitik.extract.dates import is_valid_edtf
from tests.extract.conftest import actor


def _actors_at(extraction, text, word):
    """Actor ids with a mention exactly over each occurrence of ``word`` in ``text``."""
    found = []
    for match in re.finditer(re.escape(word), text):
        ids = {a.id for a in extraction.actors for m in a.mentions if (m.start, m.end) == match.span()}
        found.append(ids)
    return found


def test_actor_recall_and_precision_against_gold(seed_extraction, bundled):
    gold = {a.id for a in bundled.actors}
    found = {a.id for a in seed_extraction.actors}
    recall = len(gold & found) / len(gold)
    precision = len(gold & found) / len(found)
    assert recall >= 0.95, sorted(gold - found)
    assert precision >= 0.9, sorted(found - gold)


def test_kinds_agree_with_gold(seed_extraction, bundled):
    gold = {a.id: a.kind for a in bundled.actors}
    wrong = {a.id: a.kind for a in seed_extraction.actors if a.id in gold and gold[a.id] != a.kind}
    assert not wrong


def test_people_have_role_and_affiliation(seed_extraction, bundled):
    for person in (a for a in bundled.actors if a.kind == "person"):
        found = actor(seed_extraction, person.id)
        assert found.kind == "person"
        assert found.role, person.id
        assert found.affiliation == person.affiliation, person.id
    assert actor(seed_extraction, "dmitry_zhirnov").role == "ambassador"
    assert actor(seed_extraction, "zamir_kabulov").role == "special envoy"
    assert "Putin" in actor(seed_extraction, "vladimir_putin").aliases


def test_the_author_is_not_an_actor(seed_extraction):
    assert seed_extraction.document.author
    assert all(a.name != seed_extraction.document.author for a in seed_extraction.actors)


def test_metonyms_resolved(seed_path, seed_extraction):
    text = read_source_text(seed_path).text
    moscow = _actors_at(seed_extraction, text, "Moscow")
    assert {"russia"} in moscow  # "Moscow would develop relations …"
    assert set() in moscow  # "the terrorist attack in Moscow": a place, no actor
    assert {"united_states"} in _actors_at(seed_extraction, text, "Washington")
    kabul = _actors_at(seed_extraction, text, "Kabul")
    assert {"taliban"} in kabul  # "Kabul’s administration" after the takeover means the new rulers
    assert set() in kabul  # "the fall of Kabul", "open in Kabul": the city
    assert {"russia"} in _actors_at(seed_extraction, text, "Russian")


def test_dated_events_with_edtf(seed_extraction, bundled):
    events = seed_extraction.events
    assert all(e.date and is_valid_edtf(e.date) for e in events)
    dates = {e.date for e in events}
    assert {"199X", "2010", "2011", "2013", "2014", "2021-04", "2021-08", "2020-02-29"} <= dates
    meeting = next(e for e in events if "40 hours" in e.evidence.text)
    assert meeting.date == "2021-08-15/2021-08-17"
    assert meeting.type == "consult"
    for event in events:
        assert event.evidence.text.strip()
        assert set(event.actors) <= {a.id for a in seed_extraction.actors}


def test_dated_event_recall_against_gold(seed_extraction, bundled):
    """Gold events whose date the text states: an overlapping extracted event with a date inside the gold one's
    bounds or holding it (the strict share is reported in docs/extraction.md)."""
    from realpolitik.model import parse_date

    def bounds(value):
        span = parse_date(value)
        return span.lower, span.upper

    dated = [e for e in bundled.events if e.date_text]
    hits = 0
    for gold in dated:
        g_low, g_high = bounds(gold.date)
        for found in seed_extraction.events:
            if not any(found.evidence.start < ev.end and ev.start < found.evidence.end for ev in gold.evidence):
                continue
            low, high = bounds(found.date)
            if (g_low <= low and high <= g_high) or (low <= g_low and g_high <= high):
                hits += 1
                break
    assert hits / len(dated) >= 0.9


def test_relations(seed_extraction):
    triples = {(r.source, r.type, r.target) for r in seed_extraction.relations}
    assert ("russia", "partnership", "taliban") in triples
    assert ("russia", "non_recognition", "taliban") in triples
    assert ("taliban", "containment", "iskp") in triples
    assert ("russia", "aid", "taliban") in triples
    assert ("iskp", "threaten", "russia") in triples  # "compelled Russia … to deter the threat of ISKP"
    assert ("russia", "containment", "iskp") in triples
    for relation in seed_extraction.relations:
        assert relation.source != relation.target
        assert -1 <= relation.polarity <= 1


def test_nothing_from_the_comment_form(seed_path, nlp):
    """Read raw (the comment-form lines kept), nothing may point into them."""
    text = read_source_text(seed_path).text
    form = text.index("Please enter your comment")
    extraction = extract_text(text, nlp=nlp)
    spans = [m for a in extraction.actors for m in a.mentions]
    spans += [e.evidence for e in extraction.events] + [r.evidence for r in extraction.relations]
    assert spans and all(span.end <= form for span in spans)


def test_offsets_index_the_text(seed_path, seed_extraction):
    text = read_source_text(seed_path).text
    for item in [*seed_extraction.events, *seed_extraction.relations]:
        assert text[item.evidence.start:item.evidence.end] == item.evidence.text
    for found in seed_extraction.actors:
        for mention in found.mentions:
            assert text[mention.start:mention.end].strip()
