"""Each format on made-up articles written for these tests (tests/fixtures/ingest/, PDFs built here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.corpus import IngestedDocument, ingest_file, read_source_text
from realpolitik.errors import InputFileError

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


def test_html_offsets_are_reproducible(tmp_path):
    first = ingest_file(FIXTURES / "page.html")
    assert ingest_file(FIXTURES / "page.html") == first
    copy = tmp_path / "copy.html"
    copy.write_bytes((FIXTURES / "page.html").read_bytes())
    assert ingest_file(copy).text == first.text and ingest_file(copy).id == first.id


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


_line = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_line, min_size=1, max_size=12), crlf=st.booleans(), bom=st.booleans())
def test_plain_text_offsets_agree_with_read_source_text(tmp_path, lines, crlf, bom):
    path = tmp_path / "any.txt"
    raw = ("\r\n" if crlf else "\n").join(lines)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw.encode("utf-8"))
    try:
        doc = ingest_file(path)
    except InputFileError as exc:
        assert exc.code in {"E101", "E105"}  # nothing but spaces, or nothing but boilerplate
        return
    source = read_source_text(path).text
    assert len(doc.text) <= len(source)
    assert all(a == b or a == " " for a, b in zip(doc.text, source, strict=False))
    assert doc.id == read_source_text(path).id


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "post.md"
    body = "## Background\n\nThe two ministries exchanged letters over the summer about the fishing quota.\n"
    path.write_text(f"---\ntitle: Quota letters leaked\nauthors: [Ana Lis, Bo Park]\ndate: 2025-07-01\n---\n{body}",
                    encoding="utf-8")
    doc = ingest_file(path)
    assert (doc.title, doc.author, doc.published) == ("Quota letters leaked", "Ana Lis, Bo Park", "2025-07-01")
    assert doc.text.endswith(body) and "Quota" not in doc.text
    assert len(doc.text) == len(read_source_text(path).text)
    assert [s.title for s in doc.sections] == ["Background"]
    broken = tmp_path / "broken.md"
    broken.write_text(f"---\ntitle: [unclosed\n---\n{body}", encoding="utf-8")
    assert any("not valid YAML" in note for note in ingest_file(broken).notes)


def test_html_in_its_declared_charset(tmp_path):
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Dock workers", "Dock workers \u2014 \u201cthe night crews\u201d \u2014")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    doc = ingest_file(path)
    assert "Dock workers \u2014 \u201cthe night crews\u201d \u2014" in doc.text
    assert any("windows-1252, the charset the page declares" in note for note in doc.notes)


def test_an_html_fragment_and_a_misnamed_text(tmp_path):
    fragment = tmp_path / "fragment.html"
    fragment.write_text(
        "<h1>Ferry service suspended</h1>\n<p>The island ferry stopped running on Monday after the operator said "
        "the harbour fees had tripled, leaving hundreds of commuters without a way to reach the mainland.</p>\n"
        "<p>The regional council will meet the operator on Friday to discuss a temporary subsidy.</p>\n",
        encoding="utf-8",
    )
    doc = ingest_file(fragment)
    assert doc.source_format == "html" and "<p>" not in doc.text and "harbour fees" in doc.text
    plain = tmp_path / "plain.html"
    plain.write_text("Ferry service suspended\n\nThe island ferry stopped running on Monday.\n", encoding="utf-8")
    doc = ingest_file(plain)
    assert doc.source_format == "txt" and any("holds TXT" in note for note in doc.notes)


def test_html_emphasis_is_plain_but_lists_and_headings_stay(tmp_path):
    path = tmp_path / "styled.html"
    path.write_text(
        "<html><body><article><h1>Ferry halt</h1><p>The <b>island ferry</b> stopped on <em>Monday</em> after the "
        "operator said its fees had <strong>tripled</strong>, leaving hundreds of commuters stranded.</p>"
        "<ul><li>The harbour stays open</li><li>Fees are under review</li></ul><h2>Council response</h2><p>The "
        "regional council will meet the operator on Friday to discuss a subsidy for the route.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = ingest_file(path)
    assert "The island ferry stopped on Monday" in doc.text and "*" not in doc.text
    assert "- The harbour stays open" in doc.text
    assert [s.title for s in doc.sections] == ["Council response"]


def test_pdf_running_headers_and_page_numbers_are_dropped(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    bodies = [
        "The upstream state began filling the reservoir on Monday.",
        "The downstream state recalled its envoy the next morning.",
        "Mediators from the regional council proposed a filling schedule.",
        "Both governments accepted the schedule after a week of talks.",
    ]
    path = tmp_path / "report.pdf"
    with plt.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for number, body in enumerate(bodies, start=1):
            figure = plt.figure(figsize=(8.5, 11))
            figure.text(0.08, 0.95, "River Basin Monitor - Quarterly Brief", fontsize=8)
            figure.text(0.08, 0.85, body, fontsize=10)
            figure.text(0.45, 0.03, f"Page {number} of {len(bodies)}", fontsize=8)
            pdf.savefig(figure)
            plt.close(figure)
    doc = ingest_file(path)
    for body in bodies:
        assert body in doc.text
    assert "Quarterly Brief" not in doc.text and "Page 2 of 4" not in doc.text
    assert any("running header/footer" in note for note in doc.notes)
