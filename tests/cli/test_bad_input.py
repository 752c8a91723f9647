"""A corpus of bad inputs, made at run time, through every file-taking command: one coded line, the right exit code,
never a traceback, and good files in a mixed folder always processed.

The commands run in this process (``realpolitik.cli.app.main`` with its own argv), so that some sixty runs take
seconds, not minutes of interpreter starts; what a user sees is the same stdout, stderr and exit code.
"""

from __future__ import annotations

import shutil
import sys
import zlib
from pathlib import Path

import pytest

from realpolitik.cli.app import main
from realpolitik.data import bundled_model_path
from realpolitik.model import load_model
from tests.conftest import CliResult

SENTENCE = "The river council met in Vell on Monday and agreed to share the water of the upper dam.\n"


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI in-process as ``realpolitik ARGS``; assert that no traceback was printed."""

    def invoke(*args: str | Path) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["realpolitik", *map(str, args)])
        monkeypatch.setenv("COLUMNS", "200")
        monkeypatch.delenv("REALPOLITIK_DEBUG", raising=False)
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        captured = capsys.readouterr()
        result = CliResult(code, captured.out, captured.err)
        assert "Traceback" not in result.output, result.output
        return result

    return invoke


def pdf_bytes(content: bytes, *, compress: bool = True) -> bytes:
    """A one-page PDF whose page content is ``content`` (deflated when ``compress``), with a valid xref table."""
    stream = zlib.compress(content, 9) if compress else content
    filters = b"/Filter /FlateDecode " if compress else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d %s>>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def billion_laughs() -> str:
    lines = ["title: laughs", 'a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    """Every bad file, by name; ``mixed/`` holds good documents among bad ones."""
    folder = tmp_path_factory.mktemp("bad")
    files: dict[str, bytes] = {
        "empty.yaml": b"",
        "binary.yaml": b"title: x\n\x00\x01\x02" * 20,
        "png.yaml": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "laughs.yaml": billion_laughs().encode(),
        "deep.yaml": b"title: deep\nx: " + b"[" * 3000 + b"]" * 3000 + b"\n",
        "deep.json": b'{"title": "deep", "x": ' + b"[" * 50000 + b"]" * 50000 + b"}",
        "list.yaml": b"- one\n- two\n",
        "broken.yaml": b"title: [unclosed\n",
        "empty.txt": b"",
        "png.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "utf16.txt": ("\ufeff" + SENTENCE * 3).encode("utf-16-le"),
        "cp1252.txt": ("The minister\u2019s caf\u00e9 talks \u2013 in Vell \u2013 ended. " + SENTENCE).encode("cp1252"),
        "malformed.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is no pdf at all\n",
        "bomb.pdf": pdf_bytes(b"BT /F1 12 Tf 72 720 Td (Talks.) Tj ET\n" + b" " * 90_000_000),
        "good.pdf": pdf_bytes(b"BT /F1 12 Tf 72 720 Td (" + SENTENCE.strip().encode() + b") Tj ET\n"),
        "hostile.html": (b"<html><head><script>alert(1)</script></head><body><nav>menu</nav>"
                         b"<article><p>" + SENTENCE.encode()
                         + b"<img src=x onerror=alert(2)></p></article></body></html>"),
        "deep.md": b"---\ntags: &t [x, y]\nmore: [*t, *t]\n---\n" + SENTENCE.encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    nan = bundled_model_path().read_text(encoding="utf-8").replace("weight: 0.", "weight: .nan #", 1)
    assert ".nan" in nan
    (folder / "nan.yaml").write_text(nan, encoding="utf-8")
    mixed = folder / "mixed"
    mixed.mkdir()
    for name in ("bomb.pdf", "malformed.pdf", "png.txt", "empty.txt", "good.pdf", "utf16.txt", "cp1252.txt"):
        shutil.copy(folder / name, mixed / name)
    (mixed / "good.txt").write_text(SENTENCE, encoding="utf-8")
    (mixed / "dangling.txt").symlink_to(folder / "nowhere.txt")
    paths = {name: folder / name for name in [*files, "nan.yaml"]}
    paths["mixed"] = mixed
    return paths


BAD_MODELS = {  # file -> the code its message must carry, or words it must hold
    "empty.yaml": "empty", "binary.yaml": "binary", "png.yaml": "binary", "laughs.yaml": "E270",
    "deep.yaml": "E271", "deep.json": "E271", "list.yaml": "E007", "broken.yaml": "E006", "nan.yaml": "finite",
}


@pytest.mark.parametrize("command", ["validate", "show", "simulate", "analyse", "forecasts", "export"])
@pytest.mark.parametrize("name", sorted(BAD_MODELS))
def test_every_model_command_refuses_every_bad_model_in_one_line(run, bad, tmp_path, command, name):
    extra = ["--to", "json", "-o", tmp_path / "x.json"] if command == "export" else []
    result = run(command, bad[name], *extra)
    assert result.code == 1, result.output
    assert BAD_MODELS[name] in result.output, result.output


@pytest.mark.parametrize("name", ["laughs.yaml", "deep.json", "nan.yaml"])
def test_report_merge_and_draft_refuse_bad_models(run, bad, tmp_path, name):
    assert run("report", bad[name], "-o", tmp_path / "r.html").code == 1
    assert not (tmp_path / "r.html").exists()
    merged = run("merge", bundled_model_path(), bad[name], "-o", tmp_path / "m.yaml")
    assert merged.code == 1 and not (tmp_path / "m.yaml").exists(), merged.output
    extraction = tmp_path / "e.json"
    extraction.write_text('{"document": ' + "[" * 2000 + "]" * 2000 + "}", encoding="utf-8")
    drafted = run("draft", extraction, "-o", tmp_path / "d.yaml")
    assert drafted.code == 1 and "deeper than 64 levels" in drafted.output, drafted.output
    drafted = run("draft", extraction, "--merge", bad[name], "-o", tmp_path / "d.yaml")
    assert drafted.code == 1 and not (tmp_path / "d.yaml").exists()


def test_ingest_of_a_mixed_folder_reads_every_good_file_and_names_every_bad_one(run, bad, tmp_path):
    result = run("ingest", bad["mixed"], "--output-dir", tmp_path / "out", "--json")
    assert result.code == 1, result.output
    for code in ("E278", "E108", "E102", "E101", "E114"):  # bomb, malformed PDF, PNG as text, empty, dangling link
        assert code in result.output, (code, result.output)
    texts = sorted(p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.txt"))
    assert len(texts) == 4  # good.txt, good.pdf, utf16.txt, cp1252.txt
    assert sum("river council" in text for text in texts) == 4
    assert any("caf\u00e9" in text for text in texts)


CODES = {"empty.txt": "E101", "png.txt": "E102", "malformed.pdf": "E108", "bomb.pdf": "E278", "empty.yaml": "E101"}


@pytest.mark.parametrize("name", sorted(CODES))
def test_ingest_refuses_each_bad_document_with_a_code(run, bad, tmp_path, name):
    result = run("ingest", bad[name], "--output-dir", tmp_path)
    assert result.code == 1 and "not read" in result.output and CODES[name] in result.output, result.output


def test_extract_goes_on_after_a_bad_file(run, bad, tmp_path):
    out = tmp_path / "x.json"
    result = run("extract", bad["bomb.pdf"], bad["png.txt"], bad["utf16.txt"], bad["hostile.html"], "-o", out)
    assert result.code == 1, result.output
    assert "decompression bomb" in result.output and "PNG image" in result.output
    import json

    extractions = json.loads(out.read_text(encoding="utf-8"))
    assert len(extractions) == 2  # the UTF-16 text and the page


def test_draft_reads_what_ingest_reads(run, bad, tmp_path):
    for name in ("utf16.txt", "good.pdf"):
        result = run("draft", bad[name], "-o", tmp_path / f"{name}.yaml")
        assert result.code == 0, result.output
        assert load_model(tmp_path / f"{name}.yaml").documents


def test_front_matter_aliases_are_left_in_the_text(run, bad, tmp_path):
    result = run("ingest", bad["deep.md"], "--output-dir", tmp_path, "--json")
    assert result.code == 0, result.output
    assert "are not read" in result.output  # as a note: the document is read, its front matter not expanded


def test_corpus_add_of_a_mixed_folder_keeps_the_good_files(run, bad, tmp_path):
    result = run("corpus", "add", bad["mixed"], "--data-dir", tmp_path / "store")
    assert result.code == 1, result.output
    assert "decompression bomb" in result.output
    listed = run("corpus", "list", "--data-dir", tmp_path / "store", "--json")
    assert listed.code == 0 and listed.stdout.count('"id"') == 4, listed.output


def test_simulate_refuses_steps_that_would_not_fit_before_allocating(run):
    result = run("simulate", "--steps", "100000000")
    assert result.code == 2 and "GB of memory" in result.stderr and "lower --steps" in result.stderr, result.output


def test_merging_a_model_with_itself_gives_the_model(run, tmp_path):
    bundled = bundled_model_path()
    result = run("merge", bundled, bundled, "-o", tmp_path / "m.yaml")
    assert result.code == 0, result.output
    merged, original = load_model(tmp_path / "m.yaml"), load_model(bundled)
    for section in ("relations", "events", "forecasts", "scenarios", "causal_links", "actors", "concepts"):
        assert len(getattr(merged, section)) == len(getattr(original, section)), section


def test_an_unexpected_exception_is_one_coded_line_unless_debugging(run, monkeypatch, tmp_path):
    import realpolitik.cli.show as show

    def broken(*_args, **_kwargs):
        raise TypeError("a dependency failed in a way nobody translated")

    monkeypatch.setattr(show, "load_for_run", broken, raising=False)
    monkeypatch.setattr(show, "load_model", broken, raising=False)
    result = run("show", bundled_model_path())
    assert result.code == 1 and "unexpected failure (TypeError: a dependency failed" in result.stderr, result.output


def test_messages_are_text_not_markup(run, tmp_path):
    result = run("validate", tmp_path / "[bold]missing[/bold].yaml")
    assert "[bold]missing[/bold]" in result.stderr, result.output


def test_an_xlsx_zip_bomb_and_an_oversized_edge_list_are_refused(run, tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 250_000_000)
    assert bomb.stat().st_size < 2_000_000
    result = run("import", bomb, "--from", "xlsx", "-o", tmp_path / "m.yaml")
    assert result.code == 1 and "unpacks to" in result.stderr, result.output
    edges = tmp_path / "edges.csv"
    rows = "".join(f"c{i},c{i + 1},0.5\n" for i in range(100_001))
    edges.write_text("cause,effect,weight\n" + rows, encoding="utf-8")
    result = run("import", edges, "--from", "csv", "-o", tmp_path / "m.yaml")
    assert result.code == 1 and "more than 100,000 rows" in result.stderr, result.output
    assert not (tmp_path / "m.yaml").exists()


def test_report_refuses_negative_draws_and_a_suffix_it_cannot_write(run, tmp_path):
    result = run("report", "--draws", "-1", "-o", tmp_path / "r.html")
    assert result.code == 2 and "must be positive" in result.stderr, result.output
    result = run("report", "-o", tmp_path / "r.pdf")
    assert result.code == 2 and "unknown report format 'pdf'" in result.stderr, result.output
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "r.html").exists()
