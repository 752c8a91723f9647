"""Reading source documents: ids, normalisation, and clear refusals of bad files."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realpolitik.corpus import normalise_text, read_source_text
from realpolitik.errors import InputFileError


def test_seed_id_is_the_sha256_of_its_bytes(seed_path):
    source = read_source_text(seed_path)
    assert source.id == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert "\xa0" not in source.text and "\r" not in source.text
    assert source.text.startswith("US withdrawal and Russia-Afghanistan Relations")


def test_offsets_are_reproducible(seed_path):
    assert read_source_text(seed_path).text == read_source_text(seed_path).text


def test_byte_order_mark_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffline one\r\nline\u00a0two\r".encode())
    assert read_source_text(path).text == "line one\nline two\n"


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b"abc\x00def", "binary"), (b"caf\xe9", "UTF-8")],
)
def test_bad_files_are_refused_with_the_reason(tmp_path, content, words):
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=words):
        read_source_text(path)


def test_missing_directory_and_oversized(tmp_path):
    with pytest.raises(InputFileError, match="no such file|not found|does not exist"):
        read_source_text(tmp_path / "nope.txt")
    with pytest.raises(InputFileError, match="directory"):
        read_source_text(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputFileError):
        read_source_text(big, limit=1024)


@given(st.text())
def test_normalisation_is_idempotent_and_keeps_line_count(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once
    assert once.count("\n") == text.count("\n") + text.count("\r") - text.count("\r\n")
