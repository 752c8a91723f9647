"""Files on disk, for every stage: the one durable atomic write, what a megabyte is, and the guarded readers of
structured text (YAML and JSON) that a user hands in.

Every file realpolitik writes (model files, extractions, ingested texts, histories, reports) goes through
:func:`write_atomically`, so each either appears whole or not at all, survives a crash once written, and keeps
the mode a user gave the file it replaces.

Every YAML or JSON file that comes from a user (model files, extractions, front matter, ``--merge`` inputs) is read
with :func:`strict_yaml` or :func:`load_json`: YAML aliases of lists and mappings are refused (E270; expanding
them is how a few hundred bytes become gigabytes, the "billion laughs"; an alias of a scalar is read), and
nesting deeper than :data:`MAX_NESTING` levels is refused (E271) before a recursive parser or validator can run out
of stack.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scanner import Scanner

from realpolitik.errors import InputFileError

__all__ = ["MAX_NESTING", "MB", "NESTING_ENV", "StructureLimitError", "load_json", "max_nesting", "nesting_depth",
           "open_atomically", "strict_yaml", "utf8_text", "write_atomically"]

#: A megabyte as sizes are shown and limits given (``--max-mb``): 2**20 bytes.
MB = 1024 * 1024

#: The deepest nesting of mappings and lists read from a user's YAML or JSON file. A model file needs about six
#: levels; a few hundred would exhaust the stack of the recursive parsers and validators.
MAX_NESTING = 64
#: Environment variable that raises (or lowers) :data:`MAX_NESTING`, up to 500.
NESTING_ENV = "REALPOLITIK_MAX_NESTING"


def max_nesting() -> int:
    """The nesting limit in force: ``$REALPOLITIK_MAX_NESTING`` when it holds a number 1..500, else 64."""
    try:
        value = int(os.environ.get(NESTING_ENV, ""))
    except ValueError:
        return MAX_NESTING
    return min(max(value, 1), 500)


class StructureLimitError(InputFileError):
    """A YAML or JSON text uses aliases (E270) or is nested too deeply (E271); ``line`` is where, when known."""

    def __init__(self, *args: object, code: str | None = None, line: int | None = None) -> None:
        super().__init__(*args, code=code)
        self.line = line

    @classmethod
    def at_line(cls, code: str, line: int | None, **fields: object) -> StructureLimitError:
        """The coded error, remembering the line it was found at."""
        error = cls.coded(code, **fields)
        error.line = line
        return error


class _GuardedComposer(Composer):
    """ruamel's composer, refusing aliases of lists and mappings (so no billion laughs) and deep nesting.

    An alias of a scalar (a document id written once as ``&doc`` and reused as ``*doc``) is read: each use costs
    one scalar, so it cannot grow a file; only a collection repeated inside collections grows exponentially.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, AliasEvent) and not isinstance(self.anchors.get(event.anchor), ScalarNode):
            raise StructureLimitError.at_line("E270", line, where=f"line {line}", alias=event.anchor)
        depth = getattr(self, "_guard_depth", 0) + 1
        if depth > max_nesting():
            raise StructureLimitError.at_line("E271", line, where=f"line {line}", limit=max_nesting(), env=NESTING_ENV)
        self._guard_depth = depth
        try:
            return super().compose_node(parent, index)
        finally:
            self._guard_depth = depth - 1


def strict_yaml(typ: str = "rt") -> YAML:
    """A ruamel ``YAML`` of kind ``typ`` whose loads refuse aliases of collections (E270) and deep nesting (E271).

    Raises (on ``load``)
    --------------------
    StructureLimitError
        E270 at the first alias, E271 at the first node deeper than :func:`max_nesting`.

    Examples
    --------
    >>> strict_yaml("safe").load("a: [1, 2]")
    {'a': [1, 2]}
    >>> strict_yaml("safe").load("a: &x name\\nb: *x")
    {'a': 'name', 'b': 'name'}
    >>> strict_yaml("safe").load("a: &x [1]\\nb: *x")
    Traceback (most recent call last):
    ...
    realpolitik.files.StructureLimitError: YAML aliases of lists and mappings are not read (line 2 refers to '&x'): ...
    """
    yaml = YAML(typ=typ, pure=True)
    yaml.Composer = _GuardedComposer
    yaml.Scanner = _guarded_scanner(yaml.Scanner or Scanner)  # "safe" names its scanner only when first loading
    return yaml


_SCANNERS: dict[type, type] = {}


def _guarded_scanner(base: type) -> type:
    """``base`` (ruamel's scanner of a YAML kind), stopping at too deep a flow collection (``[[[[…``) as it reads
    it: the scanner's work per token grows with the depth, so a deep line would take seconds before the composer
    ever saw it."""
    if base not in _SCANNERS:

        class GuardedScanner(base):
            def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
                if len(self.flow_context) >= max_nesting():
                    line = self.reader.get_mark().line + 1
                    raise StructureLimitError.at_line("E271", line, where=f"line {line}", limit=max_nesting(),
                                                      env=NESTING_ENV)
                super().fetch_flow_collection_start(TokenClass, to_push)

        _SCANNERS[base] = GuardedScanner
    return _SCANNERS[base]


def nesting_depth(data: Any, *, stop_at: int | None = None) -> int:
    """How deeply mappings and lists nest in ``data`` (a scalar is 0), counted without recursion.

    ``stop_at``: return as soon as the depth passes it (the rest of a huge tree need not be walked).

    Examples
    --------
    >>> nesting_depth({"a": [1, {"b": "[[["}]}), nesting_depth(3)
    (3, 0)
    """
    deepest = 0
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        node, depth = pending.pop()
        children: Iterable[Any]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        if stop_at is not None and deepest > stop_at:
            return deepest
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


class _NotFinite(ValueError):
    """Raised by :func:`_refuse_constant` for ``NaN``, ``Infinity`` or ``-Infinity`` in a strict read."""


def _refuse_constant(name: str) -> float:
    raise _NotFinite(name)


def _has_surrogate(value: Any) -> bool:
    """Whether a string of ``value`` (a key too) holds a lone surrogate, which no UTF-8 text can carry."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_surrogate(key) or _has_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(item) for item in value)
    return False


def utf8_text(data: bytes, *, where: str = "the JSON text") -> str:
    """``data`` decoded as UTF-8 (InputFileError E284, naming the first bad byte, when it is not)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError.coded("E284", where=where, reason=f"byte {exc.start} is not UTF-8") from exc


def load_json(text: str | bytes, *, where: str = "the JSON text", strict: bool = False) -> Any:
    """``json.loads`` for a user's file, refusing nesting deeper than :func:`max_nesting` (E271).

    The standard parser raises RecursionError on very deep input, and input it does read could still overflow the
    stack of the recursive validators after it, so the depth of what it read is checked too. ``strict`` also
    refuses what Python's parser takes but JSON on the wire (RFC 8259) cannot carry: bytes that are not UTF-8
    (``json.loads`` guesses UTF-16 and UTF-32), ``NaN`` and ``Infinity``, and escapes of lone surrogates
    (``"\\ud800"`` reads as a ``str`` that no UTF-8 writer takes).

    Raises
    ------
    StructureLimitError
        E271 when nested too deeply.
    InputFileError
        With ``strict``: E284 for text that is not UTF-8, E276 for a number that is not finite.
    json.JSONDecodeError
        When the text is not JSON.

    Examples
    --------
    >>> load_json('{"a": [1]}')
    {'a': [1]}
    >>> load_json("[" * 100 + "]" * 100)
    Traceback (most recent call last):
    ...
    realpolitik.files.StructureLimitError: the JSON text nests mappings and lists deeper than 64 levels; ...
    >>> load_json(b'{"weight": NaN}', strict=True)
    Traceback (most recent call last):
    ...
    realpolitik.errors.InputFileError: the JSON text holds the number NaN; numbers must be finite ...
    """
    limit = max_nesting()
    if strict and isinstance(text, bytes):
        text = utf8_text(text, where=where)
    try:
        data = json.loads(text, parse_constant=_refuse_constant) if strict else json.loads(text)
    except RecursionError as exc:
        raise StructureLimitError.coded("E271", where=where, limit=limit, env=NESTING_ENV) from exc
    except _NotFinite as exc:
        raise InputFileError.coded("E276", where=where, what=f"the number {exc}") from exc
    if nesting_depth(data, stop_at=limit) > limit:
        raise StructureLimitError.coded("E271", where=where, limit=limit, env=NESTING_ENV)
    if strict and _has_surrogate(data):
        raise InputFileError.coded("E284", where=where,
                                   reason="it holds a lone UTF-16 surrogate (an escape such as \\ud800)")
    return data


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: The mode a new file gets (what ``open()`` would give it under this process's umask).
_NEW_FILE_MODE = _default_mode()


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry of a renamed file to disk, where the platform allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse fsync on folders; the rename itself is still atomic
    finally:
        os.close(handle)


@contextlib.contextmanager
def open_atomically(path: str | Path, *, code: str = "E009", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """A stream whose content becomes ``path`` whole when the ``with`` block ends, or not at all.

    The stream is a temporary file beside ``path``; when the block ends it is flushed to disk, takes the mode of
    the file it replaces (or the usual mode of a new file), and is renamed over ``path``, and the folder is synced.
    When the block raises, the temporary file is removed and ``path`` is as it was. Missing parent folders are
    made. What a long output is written as it is made (``extract`` of many files) never has to be held whole.

    Parameters
    ----------
    path
        The file to write.
    code
        The error code to raise with, from :class:`realpolitik.errors.Errors`; its message takes ``path`` and
        ``reason`` (each stage keeps its own documented code).
    encoding
        Text written to the stream is encoded so (newlines as given); None gives a binary stream.

    Raises
    ------
    InputFileError
        With ``code`` when ``path`` is a folder or cannot be written.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> with open_atomically(folder / "b.txt") as stream:
    ...     _ = stream.write("one\\n")
    ...     (folder / "b.txt").exists()
    False
    >>> (folder / "b.txt").read_text()
    'one\\n'
    """
    path = Path(path)
    if path.is_dir():
        raise InputFileError.coded(code, path=path, reason="it is a directory")
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else _NEW_FILE_MODE
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as raw:
            if encoding is None:
                yield raw
            else:
                text = io.TextIOWrapper(raw, encoding=encoding, newline="")
                yield text
                text.flush()
                text.detach()
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(temporary, mode)  # mkstemp makes the file private
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise InputFileError.coded(code, path=path, reason=exc.strerror or str(exc)) from exc
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def write_atomically(path: str | Path, data: str | bytes, *, code: str = "E009", encoding: str = "utf-8") -> Path:
    """Write ``data`` (text in ``encoding``, newlines as given, or bytes) to ``path`` whole or not at all, and
    return ``path``; the temporary file, the mode kept, ``code`` and its errors are :func:`open_atomically`'s.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> target = write_atomically(folder / "sub" / "a.txt", "one\\n")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('one\\n', ['a.txt'])
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    with open_atomically(path, code=code, encoding=None) as stream:
        stream.write(payload)
    return Path(path)
