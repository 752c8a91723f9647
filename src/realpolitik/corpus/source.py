"""Reading a document's bytes with guards, and turning bytes into text with a known encoding.

Everything here is shared by :func:`realpolitik.corpus.read_source_text` (strict: UTF-8 only) and
:func:`realpolitik.corpus.ingest_file` (UTF-8 first, then a detected encoding, said so in a note).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from realpolitik.errors import Errors, InputFileError
from realpolitik.files import MB

__all__ = ["MB", "coded_error", "control_share", "decode_bytes", "read_document_bytes", "sniff_binary"]


#: Leading bytes of common non-text files, with what they are (for the "looks binary" message).
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"RIFF", "a media file"),
    (b"SQLite format 3", "an SQLite database"),
)

#: Legacy encodings most often met in saved articles, in the order preferred when several decode alike.
_COMMON = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "shift_jis", "gb2312", "big5", "euc_kr")

#: Unicode's control characters (category Cc) less tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

#: Valid multi-byte UTF-8 characters per damaged sequence above which a file is read as UTF-8 with damage.
_UTF8_MAJORITY = 3
#: Share of bytes above 0x7F under which a file that is not UTF-8 is taken for cp1252 (English with a few
#: curly quotes or accented names); text in another alphabet has far more and goes to charset-normalizer.
_FEW_HIGH_BYTES = 0.02

#: Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary.
_MAX_CONTROL_SHARE = 0.01


def coded_error(code: str, **fields: object) -> InputFileError:
    """Build an :class:`InputFileError` from the message ``code`` of the errors table, remembering the code.

    Examples
    --------
    >>> error = coded_error("E101", path="a.txt")
    >>> error.code, str(error)
    ('E101', 'the file is empty: a.txt')
    """
    return InputFileError.coded(code, **fields)


def read_document_bytes(path: str | Path, *, limit: int) -> bytes:
    """Read a document's bytes, refusing what is missing, a folder, empty or larger than ``limit`` bytes.

    The size is checked before anything is read, so a huge file costs nothing.

    Raises
    ------
    InputFileError
        E100 (missing), E114 (a folder or unreadable), E101 (empty), E103 (too large).
    """
    path = Path(path)
    if not path.exists():
        raise coded_error("E100", path=path)
    if path.is_dir():
        raise coded_error("E114", path=path, reason="it is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise coded_error("E103", path=path, size_mb=size / MB, limit_mb=limit / MB)
        data = path.read_bytes()
    except OSError as exc:
        raise coded_error("E114", path=path, reason=exc.strerror or type(exc).__name__) from exc
    if len(data) > limit:  # the file grew while we looked
        raise coded_error("E103", path=path, size_mb=len(data) / MB, limit_mb=limit / MB)
    if not data.strip():
        raise coded_error("E101", path=path)
    return data


def sniff_binary(data: bytes) -> str | None:
    """Say what non-text file ``data`` looks like, or return None when it may be text.

    Examples
    --------
    >>> sniff_binary(b"\\x89PNG\\r\\n")
    'it starts like a PNG image'
    >>> sniff_binary(b"plain words") is None
    True
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"it starts like {what}"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 text holds NUL bytes by design
    if b"\x00" in data:
        return "it holds NUL bytes"
    return None


def control_share(text: str) -> float:
    """Share of the characters of ``text`` that are control characters other than whitespace.

    Examples
    --------
    >>> control_share("ab\\x01\\x02")
    0.5
    >>> control_share("line\\n\\tindented")
    0.0
    """
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_bytes(data: bytes, path: str | Path, *, guess: bool = True) -> tuple[str, list[str]]:
    """Decode a document's bytes: UTF-8 (with or without a byte-order mark) first, else a detected encoding.

    Parameters
    ----------
    data
        The file's bytes.
    path
        Used in messages only.
    guess
        When false, only UTF-8 is accepted (what :func:`~realpolitik.corpus.read_source_text` wants).

    Returns
    -------
    tuple of (str, list of str)
        The decoded text (not yet normalised) and notes on how it was decoded (empty for plain UTF-8).

    Raises
    ------
    InputFileError
        E102 when the bytes are not text, E104 when no encoding fits (E004 with ``guess=False``).

    Examples
    --------
    >>> decode_bytes("café".encode("utf-8"), "a.txt")
    ('café', [])
    >>> decode_bytes(b"\\xef\\xbb\\xbfhi", "a.txt")
    ('hi', [])
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and guess:
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as exc:
            raise coded_error("E104", path=path) from exc
    try:
        text = data.decode("utf-8-sig")
        notes: list[str] = []
    except UnicodeDecodeError as exc:
        if not guess:
            raise InputFileError(Errors.E004.format(path=path, reason=f"byte {exc.start}")) from exc
        text, notes = _detect(data, path)
    share = control_share(text)
    if share > _MAX_CONTROL_SHARE:
        raise coded_error("E102", path=path, reason=f"{share:.0%} of its characters are control characters")
    return text, notes


def _detect(data: bytes, path: str | Path) -> tuple[str, list[str]]:
    """Decode bytes that are not clean UTF-8: damaged UTF-8, then mostly-ASCII cp1252, then charset-normalizer."""
    replaced = data.decode("utf-8", errors="replace")
    damaged = replaced.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F) - replaced.count("\ufffd")
    if multibyte >= _UTF8_MAJORITY * damaged:
        # Valid multi-byte sequences almost never arise by chance in a legacy 8-bit encoding: this is UTF-8 with
        # a few damaged bytes (a truncated copy, a stray Latin-1 byte), and guessing another encoding for the
        # whole file would garble every accented letter of it.
        return replaced, [f"not valid UTF-8: {damaged} damaged byte sequence(s) replaced by \ufffd, the rest is UTF-8"]
    high = sum(1 for byte in data if byte > 0x7F)
    if high <= _FEW_HIGH_BYTES * len(data):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            if control_share(text) == 0.0:
                return text, [f"not UTF-8: decoded as cp1252, the usual encoding of the {high} non-ASCII byte(s) in "
                              "mostly-ASCII text; check accented letters and quotes"]
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    best = from_bytes(data).best()
    if best is None:
        raise coded_error("E104", path=path)
    text = str(best)
    # Encodings that decode these bytes to the very same text are equivalent here; name the most common one.
    encoding = next((name for name in _COMMON if name in best.could_be_from_charset), best.encoding)
    return text, [f"not UTF-8: decoded as {encoding} (detected by charset-normalizer); check accented letters"]
