"""Files on disk, for every stage: the one durable atomic write, and what a megabyte is.

Every file realpolitik writes (model files, extractions, ingested texts, histories, reports) goes through
:func:`write_atomically`, so each either appears whole or not at all, survives a crash once written, and keeps
the mode a user gave the file it replaces.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from realpolitik.errors import InputFileError

__all__ = ["MB", "write_atomically"]

#: A megabyte as sizes are shown and limits given (``--max-mb``): 2**20 bytes.
MB = 1024 * 1024


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


def write_atomically(path: str | Path, data: str | bytes, *, code: str = "E009", encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` whole or not at all.

    The data goes to a temporary file beside ``path``, is flushed to disk, takes the mode of the file it replaces
    (or the usual mode of a new file), and is renamed over ``path``; the folder is then synced. On failure the
    temporary file is removed and ``path`` is as it was. Missing parent folders are made.

    Parameters
    ----------
    path
        The file to write.
    data
        Text (written in ``encoding``, newlines as given) or bytes.
    code
        The error code to raise with, from :class:`realpolitik.errors.Errors`; its message takes ``path`` and
        ``reason`` (each stage keeps its own documented code).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    InputFileError
        With ``code`` when ``path`` is a folder or cannot be written.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> target = write_atomically(folder / "sub" / "a.txt", "one\\n")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('one\\n', ['a.txt'])
    """
    path = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    if path.is_dir():
        raise InputFileError.coded(code, path=path, reason="it is a directory")
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else _NEW_FILE_MODE
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # mkstemp makes the file private
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise InputFileError.coded(code, path=path, reason=exc.strerror or str(exc)) from exc
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)
    return path
