"""A text longer than the pipeline parses at once is read in sections and joined into one record."""

from __future__ import annotations

import pytest

from realpolitik.corpus import IngestedDocument, sha256_hex
from realpolitik.extract import load_pipeline
from realpolitik.extract.assemble import extract_document, section_bounds

# made-up briefs of our own, one paragraph each, naming real states so that the gazetteer knows them
_PARAGRAPHS = [
    "Norway and Chile signed a fisheries accord in March 2021, and officials in Oslo praised the deal.",
    "Kenya accused Somalia of backing raids across the border in June 2022.",
    "Chile said the accord with Norway would lower tension over the southern stocks.",
    "In 2023 Somalia denied the charge, and Kenya recalled its ambassador in protest.",
    "Norway will probably extend the accord with Chile by 2026, and the stocks are likely to recover.",
    "Because the raids continued, trade between Kenya and Somalia fell sharply in 2023.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _document(text: str) -> IngestedDocument:
    return IngestedDocument(id=sha256_hex(text.encode("utf-8")), text=text, language="en", published="2024-01-15")


def test_sections_end_at_paragraph_breaks_and_cover_the_text():
    text = "\n\n".join(_PARAGRAPHS * 3)
    bounds = section_bounds(text, 400)
    assert len(bounds) > 3 and bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end - start <= 400 for start, end in bounds)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in zip(bounds, bounds[1:], strict=False))
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])
    one_long_line = "word " * 300
    assert all(end - start <= 100 for start, end in section_bounds(one_long_line, 100))
    with pytest.raises(ValueError):
        section_bounds(text, 0)


def test_a_long_text_gives_one_record_with_offsets_into_the_whole_text(nlp):
    text = "\n\n".join(_PARAGRAPHS * 3)
    whole = extract_document(_document(text), nlp=nlp)
    split = extract_document(_document(text), nlp=nlp, section_chars=400)
    assert any("sections" in note for note in split.notes) and not any("sections" in n for n in whole.notes)
    ids = [actor.id for actor in split.actors]
    assert len(ids) == len(set(ids)) and {"norway", "chile", "kenya", "somalia"} <= set(ids)
    for actor in split.actors:
        for mention in actor.mentions:
            assert text[mention.start:mention.end] in {actor.name, *actor.aliases}
    for item in [*split.events, *split.relations, *split.causal_links, *split.forecasts]:
        assert text[item.evidence.start:item.evidence.end] == item.evidence.text
    # paragraphs parse the same alone or together: the sections give what the whole text gives
    assert {a.id: [(m.start, m.end) for m in a.mentions] for a in split.actors} == {
        a.id: [(m.start, m.end) for m in a.mentions] for a in whole.actors}
    assert sorted((r.source, r.target, r.type, r.evidence.start) for r in split.relations) == sorted(
        (r.source, r.target, r.type, r.evidence.start) for r in whole.relations)
    assert len({e.id for e in split.events}) == len(split.events) == len(whole.events)
    assert len(split.forecasts) == len(whole.forecasts) > 0


def test_a_text_past_max_length_is_read_not_refused(nlp, monkeypatch):
    text = "\n\n".join(_PARAGRAPHS * 4)
    monkeypatch.setattr(nlp, "max_length", 500)
    record = extract_document(_document(text), nlp=nlp)
    assert any("sections" in note for note in record.notes)
    assert {"norway", "kenya"} <= {actor.id for actor in record.actors}
