"""Bad input gets a one-line message with its code, and a folder of mixed files loses none of the good ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from realpolitik.corpus import IngestFailure, ingest_file, ingest_paths, iter_ingest
from realpolitik.errors import InputFileError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
BODY = "Ministers met again on Tuesday and agreed to keep the border crossing open for the harvest season.\n"


def _refused(path: Path, code: str, *words: str, **kwargs) -> str:
    with pytest.raises(InputFileError) as caught:
        ingest_file(path, **kwargs)
    message = str(caught.value)
    assert caught.value.code == code, message
    assert "\n" not in message and str(path) in message
    for word in words:
        assert word in message
    return message


@pytest.mark.parametrize(
    ("content", "code", "word"),
    [
        (b"", "E101", "empty"),
        (b" \n\n\t \n", "E101", "empty"),
        (b"abc\x00def ghi", "E102", "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "E102", "PNG"),
        (b"text with \x01\x02\x03\x04\x05 control \x06\x07 bytes\x0e\x0f", "E102", "control"),
        (b"Leave a Reply\nPlease enter your comment!\n", "E105", "boilerplate"),
    ],
)
def test_bad_files(tmp_path, content, code, word):
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    _refused(path, code, word)


def test_missing_and_folder(tmp_path):
    _refused(tmp_path / "nope.txt", "E100", "no such file")
    with pytest.raises(InputFileError, match="folder"):
        ingest_file(tmp_path)


def test_fifty_megabytes_names_size_and_limit_and_the_limit_can_be_raised(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        line = BODY.encode()
        stream.write(line * (50 * 2**20 // len(line)))
        stream.write(b"x" * (50 * 2**20 % len(line)))
    message = _refused(path, "E103", "50.0 MB", "20.0 MB", "--max-mb")
    assert "too large" in message
    small = tmp_path / "small.txt"
    small.write_text(BODY * 20, encoding="utf-8")
    _refused(small, "E103", "limit", limit=1000)
    assert ingest_file(small, limit=10_000).words > 100
    with pytest.raises(InputFileError, match="positive"):
        ingest_file(small, limit=0)


def test_cp1252_decodes_with_a_note(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "Caf\u00e9 owners in the old town say the \u201cnew tariff\u201d will hurt tourism \u2013 and trade.\n"
    path.write_bytes((text * 5).encode("cp1252"))
    doc = ingest_file(path)
    assert doc.text == text * 5
    assert any("not UTF-8" in note and "cp1252" in note for note in doc.notes)


def test_latin1_german_decodes_and_is_not_english(tmp_path):
    path = tmp_path / "bericht.txt"
    text = "Die Gespr\u00e4che \u00fcber den Staudamm sind gescheitert, und die Minister treffen sich im M\u00e4rz.\n"
    path.write_bytes(text.encode("latin-1"))
    doc = ingest_file(path)
    assert doc.text == text
    assert doc.language == "de"
    assert any("not UTF-8" in note for note in doc.notes)


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(BODY.encode("utf-16"))
    doc = ingest_file(path)
    assert doc.text == BODY


def test_undetectable_encoding(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    _refused(path, "E104", "encoding")


def test_html_full_of_scripts_gives_a_clear_message(tmp_path):
    path = tmp_path / "app.html"
    scripts = "".join(f"<script>var s{i} = {{load: function() {{ return {i}; }}}};</script>" for i in range(200))
    path.write_text(f"<!DOCTYPE html><html><head>{scripts}</head><body><div id='root'></div>{scripts}</body></html>",
                    encoding="utf-8")
    _refused(path, "E106", "no main text")


def test_html_with_scripts_around_an_article_gives_clean_text(tmp_path):
    path = tmp_path / "noisy.html"
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    noise = "<script>" + "track('x');" * 500 + "</script>"
    path.write_text(page.replace("<main>", noise + "<main>").replace("</main>", "</main>" + noise), encoding="utf-8")
    doc = ingest_file(path)
    assert "track(" not in doc.text and "Dock workers" in doc.text


def test_fake_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("not a pdf at all", encoding="utf-8")
    _refused(path, "E108", "%PDF-")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    with pytest.raises(InputFileError) as caught:
        ingest_file(broken)
    assert caught.value.code in {"E107", "E108"}


def test_a_folder_of_mixed_files(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "brief.txt", folder / "brief.txt")
    shutil.copy(FIXTURES / "brief.txt", folder / "sub" / "brief-copy.txt")  # a duplicate
    shutil.copy(FIXTURES / "dispatch.md", folder / "sub" / "dispatch.md")
    shutil.copy(FIXTURES / "page.html", folder / "page.html")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.bin").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "legacy.txt").write_bytes(("Caf\u00e9 prices rose again this week in the capital. " * 4).encode("cp1252"))
    (folder / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)  # no encoding fits
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")
    report = ingest_paths([folder, tmp_path / "missing.txt"])
    read = sorted(doc.path.name for doc in report.documents)
    assert read == ["brief.txt", "dispatch.md", "legacy.txt", "page.html"]
    failed = {failure.path.name: failure.code for failure in report.failures}
    assert failed == {
        "brief-copy.txt": "E110", "empty.txt": "E101", "garbled.txt": "E104", "image.bin": "E102", "missing.txt": "E100"
    }
    legacy = next(doc for doc in report.documents if doc.path.name == "legacy.txt")
    assert legacy.text.startswith("Caf\u00e9 prices") and any("cp1252" in note for note in legacy.notes)
    assert not report.ok
    assert all("\n" not in failure.message for failure in report.failures)
    flat = ingest_paths([folder], recursive=False)
    assert "dispatch.md" not in {doc.path.name for doc in flat.documents}


def test_iter_ingest_streams(tmp_path):
    for number in range(3):
        (tmp_path / f"d{number}.txt").write_text(f"Report {number}\n\n{BODY}", encoding="utf-8")
    stream = iter_ingest([tmp_path])
    first = next(stream)
    assert not isinstance(first, IngestFailure) and first.title == "Report 0"
    assert [result.title for result in stream] == ["Report 1", "Report 2"]


def test_empty_folder(tmp_path):
    report = ingest_paths([tmp_path])
    assert [failure.code for failure in report.failures] == ["E111"]


def test_progress_is_reported_per_file(tmp_path):
    for number in range(3):
        (tmp_path / f"d{number}.txt").write_text(f"Report {number}\n\n{BODY}", encoding="utf-8")
    (tmp_path / "d3.txt").write_bytes(b"")
    calls = []
    report = ingest_paths([tmp_path], progress=lambda done, total, path: calls.append((done, total, path.name)))
    assert calls == [(1, 4, "d0.txt"), (2, 4, "d1.txt"), (3, 4, "d2.txt"), (4, 4, "d3.txt")]
    assert len(report.documents) == 3 and [f.code for f in report.failures] == ["E101"]


def test_write_document_atomically_and_unwritable_folder(tmp_path):
    from realpolitik.corpus import write_document

    doc = ingest_file(FIXTURES / "brief.txt")
    text_file, meta_file = write_document(doc, tmp_path / "out")
    assert text_file.read_text(encoding="utf-8") == doc.text
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([text_file.name, meta_file.name])
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        write_document(doc, blocker)
    assert caught.value.code == "E112"


def test_utf8_with_one_damaged_byte_keeps_its_accents(tmp_path):
    path = tmp_path / "damaged.txt"
    good = ("Die Gespr\u00e4che \u00fcber den Staudamm \u2014 \u201eschwierig\u201c, sagt der Minister. " * 20).encode()
    path.write_bytes(good[:500] + b"\xe9" + good[500:])
    doc = ingest_file(path)
    assert doc.text.count("\ufffd") == 1
    assert doc.text.replace("\ufffd", "") == good.decode()
    assert any("damaged byte" in note for note in doc.notes)


def test_mostly_ascii_with_a_curly_apostrophe_is_cp1252(tmp_path):
    path = tmp_path / "apostrophe.txt"
    path.write_bytes(BODY.encode() * 10 + "The minister\u2019s office declined to comment.\n".encode("cp1252"))
    doc = ingest_file(path)
    assert doc.text.endswith("The minister\u2019s office declined to comment.\n")
    assert any("cp1252" in note for note in doc.notes)


def test_cyrillic_cp1251_is_detected(tmp_path):
    path = tmp_path / "novosti.txt"
    text = "Министры снова встретились в пятницу и договорились продолжить переговоры. "
    path.write_bytes((text * 5).encode("cp1251"))
    doc = ingest_file(path)
    assert doc.text == text * 5
    assert doc.language == "ru"
