"""Sectioned extraction through extract_text and extract_file: every span kind reads back, and the result is the
same as one parse of the whole text."""

from __future__ import annotations

import pytest

from realpolitik.errors import InputFileError
from realpolitik.extract import extract_file
from realpolitik.extract.assemble import extract_text, section_bounds
from realpolitik.record import Mention

# our own words: states, a person acting for one of them, a dated event, a relation, causal claims, a forecast
PARAGRAPH = ("On 3 March 2021 Egypt signed a pact with Sudan over the waters of the Nile. The Foreign Minister of "
             "Ethiopia, Amina Bello, said Addis Ababa would not accept it. The long drought led to higher food prices "
             "in Khartoum. Sudan will likely leave the talks before the rains.")
COPIES = 9
SECTION_CHARS = 3 * len(PARAGRAPH)


def _long_text() -> str:
    return "\n\n".join([PARAGRAPH] * COPIES)


def _check_spans(extraction, text: str) -> None:
    for item in [*extraction.events, *extraction.relations, *extraction.causal_links, *extraction.forecasts]:
        assert text[item.evidence.start:item.evidence.end] == item.evidence.text


def _readings(items, text: str) -> list[tuple[str, ...]]:
    """What every span of each item (evidence, cause, effect, estimative term, sentence) reads in ``text``.

    Stripped: a sentence span keeps the blank line that ends its paragraph, which a lone paragraph lacks.
    """
    return [tuple(text[value.start:value.end].strip() for _, value in item if isinstance(value, Mention))
            for item in items]


def test_sections_cover_the_text_and_keep_under_the_limit():
    text = _long_text()
    sections = section_bounds(text, SECTION_CHARS)
    assert len(sections) > 1
    assert sections[0][0] == 0 and sections[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(sections, sections[1:], strict=False))
    assert all(0 < end - start <= SECTION_CHARS for start, end in sections)
    # every cut but the text's end falls after a paragraph break
    assert all(text[end - 2:end] == "\n\n" for _, end in sections[:-1])


@pytest.mark.parametrize(("text", "separator"), [("\n".join(["a line of words"] * 20), "\n"),
                                                  (" ".join(["A sentence of words."] * 20), ". ")])
def test_a_long_paragraph_is_cut_at_lines_then_sentences(text, separator):
    sections = section_bounds(text, 50)
    assert len(sections) > 1 and sections[-1][1] == len(text)
    assert all(end - start <= 50 for start, end in sections)
    assert all(text[:end].endswith(separator) for _, end in sections[:-1])


def test_a_run_without_a_break_is_cut_at_the_limit():
    assert section_bounds("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_a_long_text_is_merged_into_one_extraction_over_the_whole_text(nlp):
    text = _long_text()
    alone = extract_text(PARAGRAPH, nlp=nlp)
    whole = extract_text(text, nlp=nlp, section_chars=SECTION_CHARS)
    assert any("sections" in note for note in whole.notes)
    ids = [actor.id for actor in whole.actors]
    assert len(ids) == len(set(ids))
    assert set(ids) == {actor.id for actor in alone.actors} and ids
    single = {actor.id: actor for actor in alone.actors}
    for actor in whole.actors:
        assert len(actor.mentions) == COPIES * len(single[actor.id].mentions)
        read = [text[m.start:m.end] for m in actor.mentions]
        assert read == [PARAGRAPH[m.start:m.end] for m in single[actor.id].mentions] * COPIES
        assert [m.start for m in actor.mentions] == sorted(m.start for m in actor.mentions)
    _check_spans(whole, text)
    for kind in ("events", "relations", "causal_links", "forecasts"):
        assert getattr(alone, kind), kind  # the paragraph holds one of each, so the comparison below means something
        assert _readings(getattr(whole, kind), text) == _readings(getattr(alone, kind), PARAGRAPH) * COPIES, kind
    assert len({event.id for event in whole.events}) == len(whole.events)
    # the sections are spread over the text: the last copy's spans are found past the first section
    assert max(m.end for actor in whole.actors for m in actor.mentions) > len(text) - len(PARAGRAPH)


def test_a_file_is_read_in_sections_too(tmp_path, nlp):
    path = tmp_path / "long.txt"
    path.write_text(_long_text() + "\n", encoding="utf-8")
    whole = extract_file(path, nlp=nlp, section_chars=SECTION_CHARS)
    text = path.read_text(encoding="utf-8")
    assert any("sections" in note for note in whole.notes)
    for actor in whole.actors:
        assert all(text[m.start:m.end] in PARAGRAPH for m in actor.mentions)
    _check_spans(whole, text)


def test_the_overall_size_cap_names_the_option_that_raises_it(nlp):
    text = _long_text()
    with pytest.raises(InputFileError, match="--max-mb") as raised:
        extract_text(text, nlp=nlp, limit=100)
    assert raised.value.code == "E283"
    assert f"{len(text.encode()):,} bytes" in str(raised.value) and "limit= in Python" in str(raised.value)
    assert extract_text(text, nlp=nlp, limit=len(text.encode()), section_chars=SECTION_CHARS).actors


def test_sections_read_what_one_parse_of_the_whole_text_reads(nlp):
    text = _long_text()
    whole = extract_text(text, nlp=nlp, section_chars=SECTION_CHARS)
    at_once = extract_text(text, nlp=nlp)
    assert not any("sections" in note for note in at_once.notes)
    assert [(a.id, a.mentions) for a in whole.actors] == [(a.id, a.mentions) for a in at_once.actors]
    for kind in ("events", "relations", "causal_links", "forecasts"):
        assert _readings(getattr(whole, kind), text) == _readings(getattr(at_once, kind), text), kind


def test_a_section_size_above_max_length_is_held_to_it(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", SECTION_CHARS)
    text = _long_text()
    whole = extract_text(text, nlp=nlp, section_chars=10 * len(text))  # not refused by run_pipeline (E279)
    assert any("sections" in note for note in whole.notes)
    assert {a.id for a in whole.actors} == {a.id for a in extract_text(PARAGRAPH, nlp=nlp).actors}


def test_a_parsed_section_is_freed_without_waiting_for_the_garbage_collector(nlp):
    # our components keep tokens and spans in a doc's extension attributes, a cycle back to the doc; unbroken, every
    # section's parse stayed in memory until the collector's next full pass (60 MB a MB of text, measured)
    import gc

    from spacy.tokens import Doc

    extract_text(PARAGRAPH, nlp=nlp)  # whatever the first extraction loads and keeps, before counting
    gc.collect()
    gc.disable()
    try:
        before = sum(isinstance(o, Doc) for o in gc.get_objects())
        extract_text(_long_text(), nlp=nlp, section_chars=SECTION_CHARS)
        left = sum(isinstance(o, Doc) for o in gc.get_objects()) - before
    finally:
        gc.enable()
    assert left == 0


def test_a_streamed_record_is_the_text_of_the_record_held_whole(nlp, tmp_path):
    """``streamed_extraction`` spools the items and holds the mentions as offsets; what ``json.dumps`` writes of it
    is byte for byte what it writes of the record ``extract_document`` returns, read whole or in sections, for
    the made-up text and for every dev article at hand; and its lists are read as they are written."""
    import json

    from realpolitik.corpus import ingest_file
    from realpolitik.extract import extract_document, streamed_extraction
    from tests.conftest import DEV_ARTICLES

    made_up = tmp_path / "long.txt"
    made_up.write_text(_long_text(), encoding="utf-8")
    for path in [made_up, *sorted((DEV_ARTICLES / "texts").glob("*.txt"))]:
        document = ingest_file(path)
        for section_chars in (None, SECTION_CHARS):
            held = extract_document(document, nlp=nlp, section_chars=section_chars).model_dump(mode="json")
            with streamed_extraction(document, nlp=nlp, section_chars=section_chars) as record:
                assert all(type(record[kind]) is not list  # streamed lists, not lists held whole
                           for kind in ("actors", "events", "relations", "causal_links", "forecasts"))
                streamed = json.dumps(record, indent=2, ensure_ascii=False)
            assert streamed == json.dumps(held, indent=2, ensure_ascii=False), (path.name, section_chars)


def test_a_long_text_is_parsed_in_pieces_each_as_if_alone(nlp, monkeypatch):
    """Past PARSE_CHARS, spaCy's tagger, parser and entity recogniser read the text piece by piece (cut at
    paragraph breaks): every token gets the annotations its piece gets parsed alone, no sentence crosses a cut,
    and the items read are those of the text parsed in one go."""
    from realpolitik.extract import assemble

    text = _long_text()
    at_once = extract_text(text, nlp=nlp)
    monkeypatch.setattr(assemble, "PARSE_CHARS", 2 * len(PARAGRAPH))
    doc = assemble.run_pipeline(text, nlp=nlp)
    cuts = assemble.section_bounds(text, assemble.PARSE_CHARS)
    assert len(cuts) > 3
    statistical = nlp.pipe_names[:nlp.pipe_names.index(assemble.FIRST_OWN_COMPONENT)]
    for start, end in cuts:
        with nlp.select_pipes(enable=statistical):
            alone = nlp(text[start:end])
        tokens = [t for t in doc if start <= t.idx < end]
        assert [(t.text, t.tag_, t.dep_, t.head.i - t.i, t.ent_type_, t.lemma_) for t in tokens] == \
            [(t.text, t.tag_, t.dep_, t.head.i - t.i, t.ent_type_, t.lemma_) for t in alone]
    assert all(sent.start_char >= start or sent.end_char <= start for sent in doc.sents for start, _ in cuts)
    pieced = extract_text(text, nlp=nlp)
    assert [(a.id, a.mentions) for a in pieced.actors] == [(a.id, a.mentions) for a in at_once.actors]
    for kind in ("events", "relations", "causal_links", "forecasts"):
        assert _readings(getattr(pieced, kind), text) == _readings(getattr(at_once, kind), text), kind


def test_parsing_in_pieces_bounds_the_networks_memory(nlp, monkeypatch):
    """The networks' memory grows with the tokens read at once: in pieces a fifth of the text's length, the
    parse's peak (Python's allocations, tracemalloc) is under half of the peak of one parse of it all."""
    import tracemalloc

    from realpolitik.extract import assemble

    text = "\n\n".join([PARAGRAPH] * 60)

    def peak() -> int:
        assemble.run_pipeline(PARAGRAPH, nlp=nlp)
        tracemalloc.start()
        try:
            assemble.run_pipeline(text, nlp=nlp)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    monkeypatch.setattr(assemble, "PARSE_CHARS", 10 * len(text))
    whole = peak()
    monkeypatch.setattr(assemble, "PARSE_CHARS", len(text) // 5)
    assert peak() < whole / 2
