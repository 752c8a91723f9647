"""``realpolitik draft``: writes a valid model atomically, merges, refuses bad input in one line."""

from __future__ import annotations

import json
import os

import pytest

from realpolitik.draft import draft_model, read_extraction
from realpolitik.errors import InputFileError, RealpolitikError
from realpolitik.model import load_model, save_model
from tests.draft.fixture import karsland, write_extraction


@pytest.fixture
def extraction_file(tmp_path):
    return write_extraction(tmp_path)


def test_draft_writes_a_model_that_validate_accepts(cli, extraction_file, tmp_path):
    output = tmp_path / "karsland.yaml"
    result = cli("draft", extraction_file, "-o", output)
    assert result.code == 0, result.output
    assert "wrote" in result.stdout and "8 actors" in result.stdout and "proposed for review" in result.stdout
    assert "without a date" in result.stdout and "one concept" in result.stdout
    checked = cli("validate", output)
    assert checked.code == 0, checked.output
    assert "not at hand" not in checked.output  # the article beside the model was found by its file name


def test_draft_merge_reports_counts_and_duplicates_nothing(cli, extraction_file, tmp_path):
    first = tmp_path / "first.yaml"
    assert cli("draft", extraction_file, "-o", first).code == 0
    result = cli("draft", extraction_file, "-o", first, "--merge", first, "--json")
    assert result.code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["actors"] == {"created": 0, "merged": 8}
    assert report["counts"]["concepts"]["created"] == 0
    merged = load_model(first)
    assert len(merged.actors) == 8 and len({c.id for c in merged.concepts}) == len(merged.concepts)


@pytest.mark.parametrize(
    ("content", "needle"),
    [("{not json", "not JSON"), ('{"actors": []}', "document"), ("[1, 2]", "extraction"), ("", "empty")],
)
def test_a_bad_extraction_file_is_refused_with_one_clear_message(tmp_path, content, needle):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError, match=needle) as caught:
        read_extraction(bad)
    assert "\n" not in str(caught.value) and str(bad) in str(caught.value)


def test_bad_extraction_is_one_line_exit_1_and_leaves_the_output_alone(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"document": {"id": 5}}', encoding="utf-8")
    output = tmp_path / "model.yaml"
    output.write_text("title: kept as it was\n", encoding="utf-8")
    result = cli("draft", bad, "-o", output)
    assert result.code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "as an extraction" in result.stderr
    assert output.read_text(encoding="utf-8") == "title: kept as it was\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "model.yaml"]


def test_missing_input_and_output_onto_input_are_refused(cli, extraction_file, tmp_path):
    missing = cli("draft", tmp_path / "nothing.json", "-o", tmp_path / "m.yaml")
    assert missing.code == 1 and "no such file" in missing.stderr
    onto = cli("draft", extraction_file, "-o", extraction_file)
    assert onto.code == 1 and "input itself" in onto.stderr
    assert json.loads(extraction_file.read_text(encoding="utf-8"))["document"]["id"]


def test_usage_errors_exit_2(cli, extraction_file):
    assert cli("draft", extraction_file).code == 2  # no -o


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    *_, extraction = karsland()
    model = draft_model(extraction).model
    target = tmp_path / "model.yaml"
    target.write_text("title: old\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(RealpolitikError, match="No space left"):
        save_model(model, target)
    assert target.read_text(encoding="utf-8") == "title: old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["model.yaml"]


def test_writing_into_a_directory_is_refused(tmp_path):
    *_, extraction = karsland()
    with pytest.raises(RealpolitikError, match="directory"):
        save_model(draft_model(extraction).model, tmp_path)


def test_an_invalid_model_to_merge_into_is_one_line(cli, extraction_file, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: t\nactors:\n  - id: a\n    name: A\n    kind: planet\n", encoding="utf-8")
    result = cli("draft", extraction_file, "-o", tmp_path / "out.yaml", "--merge", broken)
    assert result.code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "not a valid model" in result.stderr and "realpolitik validate" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_rewriting_a_model_keeps_its_permissions(tmp_path):
    *_, extraction = karsland()
    target = tmp_path / "model.yaml"
    target.write_text("title: old\n", encoding="utf-8")
    target.chmod(0o640)
    save_model(draft_model(extraction).model, target)
    assert target.stat().st_mode & 0o777 == 0o640 and "Karsland" in target.read_text(encoding="utf-8")
    fresh = save_model(draft_model(extraction).model, tmp_path / "new.yaml")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not private like mkstemp's
