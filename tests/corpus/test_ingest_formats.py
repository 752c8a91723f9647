"""Each format on made-up articles written for these tests (tests/fixtures/ingest/, PDFs built here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.corpus import IngestedDocument, ingest_file, read_source_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def _heading_offsets_hold(doc: IngestedDocument) -> None:
    for section in doc.sections:
        assert doc.text[section.start : section.start + len(section.title)] == section.title
        assert section.start < section.end <= len(doc.text)


def test_plain_text_header_sections_and_boilerplate():
    path = FIXTURES / "brief.txt"
    doc = ingest_file(path)
    assert doc.title == "Grain corridor talks resume in Varnel"
    assert doc.author == "Ilse Maranova"
    assert doc.published == "2024-03-14"
    assert [s.title for s in doc.sections] == ["What each side wants"]
    _heading_offsets_hold(doc)
    source = read_source_text(path).text
    # Offsets agree with read_source_text: same length up to the cut, boilerplate lines blanked, not deleted.
    assert len(doc.text) < len(source)
    assert all(a == b or a == " " for a, b in zip(doc.text, source, strict=False))
    for gone in ("Skip to content", "Share this", "Leave a Reply", "Save my name"):
        assert gone in source and gone not in doc.text
    assert doc.text.index("What each side wants") == source.index("What each side wants")
    assert any("blanked 2" in note for note in doc.notes)
    assert any("cut 4" in note for note in doc.notes)


def test_markdown_headings_author_date():
    doc = ingest_file(FIXTURES / "dispatch.md")
    assert doc.source_format == "md"
    assert doc.title == "Border clinic reopens after ceasefire"
    assert doc.author == "Tomas Eberle"
    assert doc.published == "2023-11-02"
    assert [s.title for s in doc.sections] == ["Supplies", "What comes next"]
    _heading_offsets_hold(doc)
    assert doc.sections[0].end < doc.sections[1].start
    assert "newsletter" not in doc.text
    assert read_source_text(FIXTURES / "dispatch.md").text.startswith(doc.text)


def test_html_main_content_and_metadata():
    doc = ingest_file(FIXTURES / "page.html")
    assert doc.source_format == "html"
    assert doc.title == "Port strike spreads to the eastern docks"
    assert doc.author == "Priya Valdane"
    assert doc.published == "2022-06-18"
    assert [s.title for s in doc.sections] == ["Government steps in"]
    _heading_offsets_hold(doc)
    assert "Dock workers at the eastern terminals" in doc.text
    for junk in ("dataLayer", "gtag", "cookies", "Accept all", "Unrelated story", "Subscribe", "All rights",
                 "Facebook", "font-family", "querySelectorAll"):
        assert junk not in doc.text, junk
    assert doc.language == "en"


def test_html_named_txt_is_sniffed(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes((FIXTURES / "page.html").read_bytes())
    doc = ingest_file(path)
    assert doc.source_format == "html"
    assert any("holds HTML" in note for note in doc.notes)


def _pdf(path: Path, lines: list[str], **metadata: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"pdf.fonttype": 42}):
        figure = plt.figure(figsize=(8.5, 11))
        for number, line in enumerate(lines):
            figure.text(0.08, 0.92 - 0.04 * number, line, fontsize=10)
        figure.savefig(path, format="pdf", metadata=metadata or None)
        plt.close(figure)
    return path


def test_pdf_text_layer_and_metadata(tmp_path):
    lines = ["Reservoir dispute deepens", "The upstream state began filling the dam on Monday,",
             "and the downstream state recalled its envoy in protest."]
    path = _pdf(tmp_path / "note.pdf", lines, Title="Reservoir dispute deepens", Author="Jane Roe")
    doc = ingest_file(path)
    assert doc.source_format == "pdf"
    assert doc.title == "Reservoir dispute deepens"
    assert doc.author == "Jane Roe"
    for line in lines:
        assert line in doc.text
    assert doc.language == "en"


def test_pdf_without_text_is_refused_clearly(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure()
    figure.add_subplot().plot([0, 1], [1, 0])
    figure.gca().axis("off")
    path = tmp_path / "scan.pdf"
    figure.savefig(path, format="pdf")
    plt.close(figure)
    from realpolitik.errors import InputFileError

    with pytest.raises(InputFileError, match="no extractable text") as caught:
        ingest_file(path)
    assert caught.value.code == "E107"


def test_non_english_text_is_marked():
    doc = ingest_file(FIXTURES / "nouvelles.txt")
    assert doc.language == "fr"
    assert any("tuned for English" in note for note in doc.notes)
    assert doc.title == "Les pourparlers sur le barrage reprennent"


def test_round_trip_through_dict():
    doc = ingest_file(FIXTURES / "brief.txt")
    assert IngestedDocument.from_dict(doc.as_dict()) == doc
