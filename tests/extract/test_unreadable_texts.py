"""Texts the extractor cannot read: a clear message or a clear note, and no half-made extraction."""

from __future__ import annotations

import json

import pytest

from realpolitik.errors import InputFileError
from realpolitik.extract import extract_file, extract_text

#: Our own French paragraph, long enough for the function-word test to decide.
FRENCH = (
    "Le gouvernement de la république a annoncé hier que les négociations avec les pays voisins reprendront "
    "au printemps. Selon le ministre, les discussions porteront sur la sécurité des frontières et sur le "
    "commerce du blé, qui a beaucoup souffert de la sécheresse. Les diplomates pensent que cette reprise est "
    "une bonne nouvelle pour la région, mais ils restent prudents: les deux dernières rencontres n'ont donné "
    "aucun résultat et les tensions entre les armées ne sont pas retombées."
)


def test_a_text_without_a_letter_is_refused_with_its_code(nlp):
    with pytest.raises(InputFileError, match="no words to read") as raised:
        extract_text("2021 -- 2022 *** 44 % ... 17:30", nlp=nlp)
    assert raised.value.code == "E166"


def test_the_cli_says_so_and_writes_no_output(cli, tmp_path):
    source = tmp_path / "numbers.txt"
    source.write_text("1, 2, 3 ... 4 -- 5 %%\n\n6 7 8\n", encoding="utf-8")
    target = tmp_path / "out.json"
    result = cli("extract", source, "--format", "json", "-o", target)
    assert result.code == 1 and "no words to read" in result.stderr, result.output
    assert not target.exists()


def test_another_language_is_said_and_nothing_is_extracted(nlp, tmp_path):
    source = tmp_path / "article_fr.txt"
    source.write_text(FRENCH, encoding="utf-8")
    extraction = extract_file(source, nlp=nlp)
    assert extraction.document.language == "fr"
    assert extraction.document.filename == "article_fr.txt"
    assert not (extraction.actors or extraction.events or extraction.relations or extraction.causal_links
                or extraction.forecasts)
    assert any("reads English only" in note for note in extraction.notes)
    json.loads(extraction.model_dump_json())  # a complete record all the same
