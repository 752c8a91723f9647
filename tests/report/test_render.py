from __future__ import annotations

import re

import pytest

from realpolitik.errors import ReportError
from realpolitik.model import Actor
from realpolitik.report import build_report_data, render_html, report_figures, write_report

_SECTIONS = ("summary", "actors", "causal", "timeline", "scenarios", "press", "forecasts", "evidence")


def _section(html: str, name: str) -> str:
    match = re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)
    assert match, f"no section {name}"
    return match.group(1)


def test_html_is_self_contained(basin_data, basin_html):
    html = basin_html
    assert not re.search(r"<(script|link|img|iframe|object)\b", html, re.I)  # nothing to fetch
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html, re.I)
    assert "@import" not in html and "url(http" not in html
    assert html.count("<svg") == len(report_figures(basin_data)) == 7


def test_svg_ids_are_unique_across_figures(basin_html):
    ids = re.findall(r'\bid="([^"]+)"', basin_html)
    assert len(ids) == len(set(ids))


def test_every_section_is_filled_for_the_basin(basin_html, basin):
    html = basin_html
    for name in _SECTIONS:
        assert "<table" in _section(html, name) or "<li>" in _section(html, name), name
    header = html.split("<main>")[0]
    assert "The Upper Lorn Basin: water, dams and a fragile truce" in header
    assert "J. Okafor" in header and "2022-03" in header
    evidence_rows = _section(html, "evidence").count("<tr>") - 1
    sections = ("actors", "relations", "events", "concepts", "causal_links", "forecasts")
    assert evidence_rows == sum(len(item.evidence) for s in sections for item in getattr(basin, s))
    assert "Brier score 0.187" in _section(html, "forecasts")
    # The failed press keeps its reason instead of a table.
    assert "press on &#39;border&#39; gave no result: test" in _section(html, "press")
    # A decade is drawn and listed with its bounds.
    assert "1990-01-01 – 1999-12-31" in _section(html, "timeline")


def test_model_text_is_escaped(basin_data):
    hostile = basin_data.model.model_copy(update={
        "title": "<script>alert(1)</script>",
        "actors": [*basin_data.model.actors, Actor(id="x", name="<img src=x onerror=alert(1)>", kind="group")],
    })
    data = build_report_data(hostile, run=basin_data.run, presses=basin_data.presses)
    html = render_html(data)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_with_png_figures_beside_it(basin_data, tmp_path):
    files = write_report(basin_data, tmp_path / "brief.md")
    report, figures = files[0], files[1:]
    text = report.read_text(encoding="utf-8")
    assert len(figures) == 7 and all(f.parent.name == "brief_figures" for f in figures)
    for figure in figures:
        assert f"]({figure.parent.name}/{figure.name})" in text
        assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "## Evidence appendix" in text and "| Valdria | rivalry | Morvia | -0.5 | 2015 |  |" in text


def test_markdown_svg_figures_and_cell_escaping(basin_data, tmp_path):
    piped = basin_data.model.model_copy(update={"title": "A | B"})
    data = build_report_data(piped, run=basin_data.run, presses=basin_data.presses)
    files = write_report(data, tmp_path / "r.md", figure_format="svg")
    assert all(f.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg")) for f in files[1:])
    assert "# A \\| B" in files[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({"fmt": "pdf"}, "unknown report format 'pdf'"), ({"fmt": "md", "figure_format": "gif"}, "unknown figure format")],
)
def test_bad_formats_are_refused(basin_data, tmp_path, kwargs, code):
    with pytest.raises(ReportError, match=code):
        write_report(basin_data, tmp_path / "r.out", **kwargs)


def test_directory_as_output_is_refused(basin_data, tmp_path):
    with pytest.raises(ReportError, match="is a directory"):
        write_report(basin_data, tmp_path)


def test_unwritable_output_is_a_report_error(basin_data, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReportError, match="cannot write the report"):
        write_report(basin_data, blocker / "report.html")


def test_a_report_names_each_step_as_it_starts(basin, tmp_path):
    from realpolitik.report import build_report_data, write_report

    steps: list[str] = []
    data = build_report_data(basin, draws=200, on_step=steps.append)
    write_report(data, tmp_path / "basin.html", on_step=steps.append)
    assert steps[:2] == ["analysing loops, centrality and actors", "running the scenarios"]
    presses = [s for s in steps if s.startswith("pressing ")]
    assert len(presses) == len(data.levers) and presses[-1].endswith(f"({len(data.levers)} of {len(data.levers)})")
    assert sum(s.startswith("drawing the ") for s in steps) == 7  # one per figure, as test_report_writes_html counts
