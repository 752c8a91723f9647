"""Decoding bytes: UTF-8 round trips, legacy text read back exactly, binary refused (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from realpolitik.corpus.source import control_share, decode_bytes, sniff_binary
from realpolitik.errors import InputFileError

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300)
_ascii_words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFGH.,\n"), min_size=200, max_size=600)
#: Characters cp1252 has beyond ASCII that English text picks up: quotes, dashes, accented names.
_cp1252_extras = st.sampled_from("\u2019\u2018\u201c\u201d\u2013\u2014\u00e9\u00e8\u00fc\u00f6\u00e7\u00f1\u20ac")


@settings(max_examples=200, deadline=None)
@given(_text, st.booleans())
def test_utf8_round_trips(text, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    decoded, notes = decode_bytes(data, "x.txt")
    assert decoded == text and notes == []
    assert sniff_binary(data) is None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=200, deadline=None)
@given(_ascii_words, st.lists(st.tuples(st.integers(min_value=0), _cp1252_extras), min_size=1, max_size=4))
def test_mostly_ascii_cp1252_is_read_back_exactly(words, inserts):
    text = words
    for position, char in inserts:
        at = position % (len(text) + 1)
        text = text[:at] + char + text[at:]
    data = text.encode("cp1252")
    # A few cp1252 sequences ("é" before two curly quotes: E9 92 92) are also valid UTF-8; UTF-8 wins by design.
    assume(not _is_utf8(data))
    decoded, notes = decode_bytes(data, "x.txt")
    assert decoded == text
    assert notes and "not UTF-8" in notes[0]


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_give_text_or_a_coded_error(data):
    try:
        decoded, _ = decode_bytes(data, "x.bin")
    except InputFileError as exc:
        assert getattr(exc, "code", None) in {"E102", "E104"}
        assert "\n" not in str(exc)
    else:
        assert isinstance(decoded, str)
        assert control_share(decoded) <= 0.01


def test_strict_mode_refuses_what_it_cannot_read_as_utf8():
    with pytest.raises(InputFileError, match="UTF-8"):
        decode_bytes("caf\u00e9".encode("cp1252"), "x.txt", guess=False)
