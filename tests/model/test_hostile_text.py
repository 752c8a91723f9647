"""Model texts that broke the loader under ``benchmarks/fuzz.py``: each is now a coded problem, not a traceback."""

from __future__ import annotations

import pytest

from realpolitik.errors import ModelValidationError
from realpolitik.model import load_model


@pytest.mark.parametrize(("text", "code"), [
    # a key that is a list of lists: ruamel's constructor raised TypeError (unhashable CommentedSeq)
    ("? - - source: a\n", "E006"),
    # JSON that json.loads takes and the YAML parser (asked for the line of a problem) refuses: a duplicate
    # key, a C1 control character
    ('{"title": "a", "title": "b", "actors": 3}', "E010"),
    ('{"title": "a\u008a", "actors": 3}', "E010"),
])
def test_a_text_the_yaml_reader_refuses_is_a_coded_problem(tmp_path, text, code):
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelValidationError) as raised:
        load_model(path)
    assert code in {problem.code for problem in raised.value.problems}
