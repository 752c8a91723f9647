"""The ``extract`` and ``eval plover`` commands as a user runs them, and the pipeline's make-up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from realpolitik.errors import InputFileError
from realpolitik.evaluate.plover import evaluate_plover
from realpolitik.extract import extract_text, load_pipeline
from realpolitik.extract.pipeline import COMPONENTS

FIXTURES = Path(__file__).parent / "fixtures"

#: Three sentences we wrote, coded the PLOVER way.
PLOVER_RECORDS = [
    {"id": "T1", "event": "ASSAULT", "text": "Ethiopian troops attacked Eritrea on Monday.",
     "source": [{"actorText": "Ethiopian troops", "code": "ETH"}], "target": [{"actorText": "Eritrea", "code": "ERI"}]},
    {"id": "T2", "event": "DEMAND", "text": "Egypt urged Sudan to close the border.",
     "source": [{"actorText": "Egypt", "code": "EGY"}], "target": [{"actorText": "Sudan", "code": "SDN"}]},
    {"id": "T3", "event": "CONSULT", "text": "Armenian and Azerbaijani envoys met in Geneva.",
     "source": [{"actorText": "Armenian", "code": "ARM"}, {"actorText": "Azerbaijani", "code": "AZE"}],
     "target": ""},
    {"id": "D", "event": "DOCUMENT", "comment": "not an event"},
]


def test_pipeline_is_cached_and_holds_our_components(nlp):
    assert load_pipeline() is nlp
    for factory, name in COMPONENTS:
        assert Language.has_factory(factory)
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("realpolitik_actors") > nlp.pipe_names.index("ner")


def test_extract_text_defaults_and_empty_text(nlp):
    extraction = extract_text("Russia and China signed a pact in May 2019.", nlp=nlp)
    assert len(extraction.document.id) == 64
    assert {"russia", "china"} <= {a.id for a in extraction.actors}
    assert extraction.events[0].date == "2019-05"
    with pytest.raises(InputFileError, match="empty"):
        extract_text("   \n", nlp=nlp)


def test_plover_scores_our_records(tmp_path, nlp):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    result = evaluate_plover(path, nlp=nlp)
    assert result["records"] == 3
    assert result["source"]["scored"] == 3 and result["target"]["scored"] == 2
    assert result["type"]["by_type"]["request"] == {"gold": 1, "correct": 1}  # DEMAND is REQUEST now
    assert result["type"]["correct"] == 3
    assert result["source"]["exact"] == 3
    assert result["target"]["exact"] == 2


@pytest.mark.parametrize(("content", "message"), [("[]", "no event records"), ("{", "not a PLOVER"),
                                                 ('{"a": 1}', "JSON list")])
def test_plover_refuses_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match=message):
        evaluate_plover(path)


def test_cli_extract_one_file_and_bad_ones(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out" / "all.json"
    result = cli("extract", FIXTURES / "nile_dam.txt", empty, tmp_path / "missing.txt", FIXTURES / "caucasus.txt",
                 "-o", out)
    assert result.code == 1
    assert result.stderr.count("error:") == 2
    assert "empty" in result.stderr and "missing.txt" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["document"]["title"][:22] for d in data] == ["Nile talks stall again", "Corridor diplomacy in "]
    assert set(data[0]) >= {"document", "actors", "events", "relations", "causal_links", "forecasts", "notes"}


def test_cli_extract_stdout_json_and_table(cli):
    result = cli("extract", FIXTURES / "caucasus.txt")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and any(a["id"] == "azerbaijan" for a in data["actors"])
    bad = cli("extract", FIXTURES / "caucasus.txt", "--format", "yaml")
    assert bad.code == 2 and "unknown output format" in bad.stderr


def test_cli_eval_plover_json(cli, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    result = cli("eval", "plover", path, "--json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["type"]["correct"] == 3
    missing = cli("eval", "plover", tmp_path / "nope.json")
    assert missing.code == 1 and "no such file" in missing.stderr


def test_public_surface():
    import realpolitik.extract as extract

    assert extract.__all__ == sorted(extract.__all__)
    assert all(hasattr(extract, name) for name in extract.__all__)
    assert {"extract_document", "extract_text", "extract_file", "load_pipeline"} <= set(extract.__all__)


def test_cli_extract_table(cli):
    result = cli("extract", FIXTURES / "nile_dam.txt", "--format", "table")
    assert result.code == 0, result.stderr
    assert "Actors" in result.stdout and "sameh_shoukry" in result.stdout and "foreign minister" in result.stdout
    refused = cli("extract", FIXTURES / "nile_dam.txt", "--format", "table", "-o", "x.json")
    assert refused.code == 2


# --- the publication date and the author's note ---------------------------------------------------------------------

BRIEF = ("Delta talks stall\n\nEgypt and Sudan signed a water accord in May 2019. Ethiopia rejected it.\n\n"
         "Mara Holm is a Senior Fellow at the Vell Institute for Water Studies.\n")


def test_the_author_note_is_left_out(nlp):
    extraction = extract_text(BRIEF, nlp=nlp, published="2024-02-01")
    names = {a.name for a in extraction.actors}
    assert "Mara Holm" not in names and not any("Vell" in name for name in names)
    assert {"egypt", "sudan"} <= {a.id for a in extraction.actors}
    assert extraction.document.body_end == BRIEF.index("Mara Holm")
    assert any("author's note" in note for note in extraction.notes)


def test_the_publication_date_is_recorded_or_its_absence_said(nlp):
    dated = extract_text(BRIEF, nlp=nlp, published="2024-02-01")
    assert dated.document.published == "2024-02-01" and dated.document.reference_date == "2024-02-01"
    assert not any("publication date" in note for note in dated.notes)
    undated = extract_text(BRIEF, nlp=nlp)
    assert undated.document.published is None
    assert sum("no publication date" in note for note in undated.notes) == 1
    with pytest.raises(InputFileError, match="ISO date"):
        extract_text(BRIEF, nlp=nlp, published="next Tuesday")


def test_extract_takes_published_and_refuses_a_wrong_one(tmp_path, cli):
    path = tmp_path / "brief.txt"
    path.write_text(BRIEF, encoding="utf-8")
    bad = cli("extract", path, "--published", "2024-13-01")
    assert bad.code == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.output
    good = cli("extract", path, "--published", "2024-02")
    assert good.code == 0, good.stderr
    assert json.loads(good.stdout)["document"]["published"] == "2024-02"
