"""evaluate_cnc and ``realpolitik eval cnc`` on small CNC-format files written here, and on the shared data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from realpolitik.errors import InputFileError
from realpolitik.evaluate.cnc import evaluate_cnc, parse_markup, span_scores
from realpolitik.extract.classifier import default_classifier_path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "causal-news-corpus-v2"

SUBTASK1 = [
    ("s1_0_1", "The floods led to the closure of three schools in the valley .", 1),
    ("s1_0_2", "Police arrested six protesters because they blocked the highway .", 1),
    ("s1_1_1", "The union met the minister on Tuesday in the capital .", 0),
    ("s1_1_2", "Farmers marched to the district office on Friday morning .", 0),
    ("s1_2_1", "Prices rose sharply due to the fuel shortage .", 1),
    ("s1_2_2", "The rally was held in the main square .", 0),
]

SUBTASK2 = [
    ("<ARG0>The floods</ARG0> <SIG0>led to</SIG0> <ARG1>the closure of three schools</ARG1> in the valley .",),
    ("<ARG1>Prices rose sharply</ARG1> <SIG0>due to</SIG0> <ARG0>the fuel shortage</ARG0> .",),
    ("<ARG1>Police arrested six protesters</ARG1> <SIG0>because</SIG0> <ARG0>they blocked the highway</ARG0> .",),
]


def _write(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def subtask1(tmp_path):
    return _write(tmp_path / "s1.csv", ["index", "text", "label"], SUBTASK1)


@pytest.fixture
def subtask2(tmp_path):
    rows = []
    for number, (marked,) in enumerate(SUBTASK2):
        text, _ = parse_markup(marked)
        rows.append(("cnc", f"doc_{number}", "0", "0", f"cnc_doc_{number}_0_0", text, marked, "1", "1", "", "1"))
    header = ["corpus", "doc_id", "sent_id", "eg_id", "index", "text", "text_w_pairs", "seq_label", "pair_label",
              "context", "num_sents"]
    return _write(tmp_path / "s2.csv", header, rows)


def test_subtask1_scores_are_consistent_with_the_predictions(subtask1):
    result = evaluate_cnc(subtask1)
    assert result["task"] == "subtask1" and result["rows"] == 6 and result["positives"] == 3
    tp = round(result["recall"] * 3)
    predicted = result["predicted_positives"]
    assert result["precision"] == pytest.approx(tp / predicted if predicted else 0.0, abs=1e-4)
    assert -1.0 <= result["mcc"] <= 1.0 and 0.0 <= result["f1"] <= 1.0
    # these sentences were written to be plain: the classifier gets at least 5 of 6 right
    assert result["accuracy"] >= 0.83


def test_subtask2_spans(subtask2):
    result = evaluate_cnc(subtask2, use_classifier=False)
    assert result["task"] == "subtask2" and result["sentences"] == 3 and result["gold_relations"] == 3
    assert result["relation"]["recall"] == 1.0  # all three written with cues the lexicon knows
    assert result["token"]["recall"] > 0.8


def test_grouped_subtask2_layout(tmp_path):
    marked = SUBTASK2[0][0]
    text, _ = parse_markup(marked)
    rows = [("cnc", "d0", "1", "0", "cnc_d0_1_0", text, repr([marked]), "1"),
            ("cnc", "d0", "2", "0", "cnc_d0_2_0", "The rally was held in the main square .", "[]", "0")]
    path = _write(tmp_path / "g.csv", ["corpus", "doc_id", "sent_id", "eg_id", "index", "text",
                                       "causal_text_w_pairs", "num_rs"], rows)
    result = evaluate_cnc(path, use_classifier=False)
    assert result["sentences"] == 2 and result["gold_relations"] == 1
    assert result["relation"]["recall"] == 1.0


def test_span_matching_is_one_to_one():
    gold = [[(frozenset({0}), frozenset({2})), (frozenset({4}), frozenset({6}))]]
    predicted = [[(frozenset({0}), frozenset({2}))] * 3]
    result = span_scores(gold, predicted)
    assert result["relation"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4}


def test_parse_markup_handles_nested_signal():
    text, spans = parse_markup("<ARG1>Talks stalled</ARG1> <ARG0><SIG0>to</SIG0> buy time</ARG0> .")
    assert text == "Talks stalled to buy time ."
    assert text[slice(*spans["ARG0"])] == "to buy time" and text[slice(*spans["SIG0"])] == "to"


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ("index,text,label\n", "no rows"),
    ("id,sentence\n1,hello\n", "missing column"),
    ("index,text,label\na,Some text .,yes\n", "row 2: label must be 0 or 1"),
    ("corpus,text,text_w_pairs\ncnc,A B .,<ARG0>A</ARG0> B .\n", "needs both"),
    ("corpus,text,causal_text_w_pairs\ncnc,A B .,not a list\n", "not a list"),
])
def test_bad_files_get_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match=message):
        evaluate_cnc(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="no such file"):
        evaluate_cnc(tmp_path / "absent.csv")


def test_cli_json_and_errors(cli, subtask1, tmp_path):
    result = cli("eval", "cnc", subtask1, "--json")
    assert result.code == 0, result.output
    assert json.loads(result.stdout)["rows"] == 6
    bad = tmp_path / "bad.csv"
    bad.write_text("id,sentence\n1,hello\n", encoding="utf-8")
    result = cli("eval", "cnc", bad)
    assert result.code == 1 and "missing column" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert cli("eval", "cnc").code == 2


def test_cli_table(cli, subtask2):
    result = cli("eval", "cnc", subtask2, "--no-classifier")
    assert result.code == 0, result.output
    assert "relation" in result.stdout and "token" in result.stdout


def test_heldout_split_reproduces_the_recorded_test_score():
    data = SHARED / "train_subtask1.csv"
    if not data.is_file():
        pytest.skip(f"the Causal News Corpus is not at {data}")
    metrics = json.loads(default_classifier_path().with_name("causal_sentence_v1.metrics.json").read_text())
    result = evaluate_cnc(data, heldout_only=True)
    assert result["rows"] == metrics["split_sizes"]["test"]
    assert result["f1"] == pytest.approx(metrics["test_shipped_model"]["f1"], abs=1e-4)
