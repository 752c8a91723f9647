"""``extract`` writes each record as it is made: the output of several files is the list ``json.dumps`` would
write, jsonl one line each, a bad file among them costs only itself, and a run where every file failed leaves
``--output`` as it was."""

from __future__ import annotations

import json

import pytest

from realpolitik.extract import extract_file

TEXTS = {
    "harbour.txt": "The harbour board of Tessaly met on 3 March 2024 and raised the fees for foreign ships.\n\n"
                   "Because the fees rose, two shipping lines moved to the port of Amrel.\n",
    "council.txt": "The river council of Vell agreed on 9 May 2023 to share the water of the upper dam.\n",
}


@pytest.fixture
def articles(tmp_path):
    paths = []
    for name, text in TEXTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_several_files_are_the_list_json_would_write(cli, tmp_path, articles):
    output = tmp_path / "out.json"
    result = cli("extract", *articles, "-o", output)
    assert result.code == 0, result.stderr
    records = [extract_file(path).model_dump(mode="json") for path in articles]
    assert output.read_text(encoding="utf-8") == json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def test_jsonl_is_one_record_a_line_and_one_file_is_one_object(cli, tmp_path, articles):
    lines = cli("extract", *articles, "--format", "jsonl")
    assert lines.code == 0, lines.stderr
    assert [json.loads(line)["document"]["filename"] for line in lines.stdout.splitlines()] == list(TEXTS)
    one = cli("extract", articles[0])
    assert one.code == 0 and json.loads(one.stdout)["document"]["filename"] == "harbour.txt"


def test_a_bad_file_costs_only_itself(cli, tmp_path, articles):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    output = tmp_path / "out.json"
    result = cli("extract", articles[0], empty, articles[1], "-o", output)
    assert result.code == 1 and "empty" in result.stderr
    assert [r["document"]["filename"] for r in json.loads(output.read_text(encoding="utf-8"))] == list(TEXTS)


def test_when_every_file_fails_the_output_is_left_as_it_was(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    output = tmp_path / "out.json"
    output.write_text("kept\n", encoding="utf-8")
    assert cli("extract", empty, empty, "-o", output).code == 1
    assert output.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "out.json"]  # no temporary file left
    listed = cli("extract", empty, empty)
    assert listed.code == 1 and listed.stdout == "[]\n"
