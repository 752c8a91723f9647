"""The report as a briefing: proposed items marked and counted at the top, a plain summary, a glossary, and an
evidence appendix that quotes the user's own document (the made-up Karsland briefing, drafted) when at hand."""

from __future__ import annotations

import re
import shutil

import pytest

from realpolitik.draft import draft_model
from realpolitik.model import save_model
from realpolitik.report import build_report_data, render_html
from realpolitik.report.render import render_markdown, sentence_around
from realpolitik.report.summary import plain_summary, proposed_items
from tests.draft.fixture import karsland


@pytest.fixture(scope="module")
def drafted():
    path, document_id, text, extraction = karsland()
    return path, document_id, text, draft_model(extraction, filename=path.name).model


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_drafted_report_counts_and_marks_its_proposed_items(drafted):
    _path, document_id, text, model = drafted
    html = render_html(build_report_data(model, simulate=False, texts={document_id: text}))
    total = sum(proposed_items(model).values())
    items = sum(len(getattr(model, s)) for s in ("actors", "relations", "events", "concepts", "causal_links",
                                                 "forecasts", "scenarios"))
    top = _visible(html[:html.index('id="summary"')])
    assert f"{total} of {items} items are proposed, not yet reviewed" in top
    assert f"{len(model.relations)} relations" in top and f"{len(model.causal_links)} causal links" in top
    evidence = html[html.index('id="evidence"'):]
    assert evidence.count('class="tag proposed"') == sum(len(i.evidence) for s in proposed_items(model)
                                                           for i in getattr(model, s))
    relations = html[html.index("<h3>Relations</h3>"):html.index('id="causal"')]
    assert relations.count('class="tag proposed"') == len(model.relations)


def test_the_evidence_appendix_quotes_the_sentence_of_each_span(drafted):
    _path, document_id, text, model = drafted
    html = render_html(build_report_data(model, simulate=False, texts={document_id: text}))
    appendix = html[html.index('id="evidence"'):]
    quotes = re.findall(r'<q class="quote">(.*?)</q>', appendix, flags=re.S)
    spans = [e for s in ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios")
             for i in getattr(model, s) for e in i.evidence]
    assert len(quotes) == len(spans)
    link = model.causal_links[0].evidence[0]
    assert sentence_around(text, link.start, link.end) in _visible(appendix).replace("&#39;", "'")
    without = render_html(build_report_data(model, simulate=False))
    assert 'class="quote"' not in without and "shown when its text is at hand" in without


def test_a_quote_is_the_whole_sentence_and_a_long_one_is_cut_around_the_span():
    text = "First point here. The second one holds the word lever in it. Third."
    start = text.index("lever")
    assert sentence_around(text, start, start + 5) == "The second one holds the word lever in it."
    long = "Start. " + "word " * 200 + "lever " + "word " * 200 + "end. Next."
    start = long.index("lever")
    quote = sentence_around(long, start, start + 5, limit=100)
    assert quote.startswith("…") and quote.endswith("…") and "lever" in quote and len(quote) < 110


def test_plain_summary_speaks_in_points_and_names_what_drives_what(basin_data):
    points = plain_summary(basin_data)
    assert points[0].startswith("In the author's argument, more ")
    assert any("on a 0–100 scale" in point and "points" in point for point in points)
    assert any(point.startswith("The author expects") for point in points) is bool(
        [f for f in basin_data.model.forecasts if f.resolution is None])
    assert not any("proposed" in point for point in points)  # the basin is curated


def test_glossary_explains_the_jargon(basin_html):
    glossary = basin_html[basin_html.index('id="glossary"'):basin_html.index('id="actors"')]
    for term in ("P(+)", "Weighted degree", "Brier score", "Fuzzy cognitive map", "activation"):
        assert term in glossary, term


def test_markdown_report_carries_status_glossary_and_quotes(drafted, tmp_path):
    _path, document_id, text, model = drafted
    markdown, _files = render_markdown(build_report_data(model, simulate=False, texts={document_id: text}),
                                       tmp_path / "figures")
    assert "items are proposed, not yet reviewed" in markdown.split("## In plain words")[0]
    assert "## Glossary" in markdown and "| In the source |" in markdown and "*(proposed)*" in markdown


def test_cli_report_quotes_a_drafted_model_beside_its_text_but_not_the_bundled_one(drafted, tmp_path, cli):
    path, _document_id, _text, model = drafted
    shutil.copy(path, tmp_path / path.name)
    saved = save_model(model, tmp_path / "draft.yaml")
    result = cli("report", saved, "-o", tmp_path / "draft.html", "--no-simulate")
    assert result.code == 0, result.output
    assert 'class="quote"' in (tmp_path / "draft.html").read_text(encoding="utf-8")
    bundled = cli("report", "-o", tmp_path / "bundled.html", "--no-simulate")
    assert bundled.code == 0, bundled.output
    assert 'class="quote"' not in (tmp_path / "bundled.html").read_text(encoding="utf-8")
