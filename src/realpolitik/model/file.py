"""The model file on disk: the one owner of reading, checking, editing, writing, versions, history and undo.

:class:`ModelFile` is what the CLI, the draft stage, the corpus and the web app use to touch a model file.
Its version is a hash of the file's bytes, so a change made by another tab or by an editor outside realpolitik
is noticed the same way. A hand edit (:meth:`ModelFile.change`) is made on the file's round-trip tree, so the
curator's comments and layout survive, and the new text is checked as a whole model before it replaces the
file. Every write goes through :func:`realpolitik.files.write_atomically`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from realpolitik.corpus.text import read_bytes_checked, read_source_text
from realpolitik.errors import EditRefusedError, Errors, InputFileError, ModelValidationError, VersionConflictError
from realpolitik.files import MB, write_atomically
from realpolitik.model.checks import check_model
from realpolitik.model.io import check_text, dump_model, dump_tree, parse_model, parse_tree
from realpolitik.model.problems import LineMap, Problem
from realpolitik.model.schema import Model

__all__ = [
    "DOCUMENTS_ENV",
    "MAX_JSON_MODEL_BYTES",
    "MAX_MODEL_BYTES",
    "UNCHECKED",
    "Change",
    "ModelFile",
    "ValidationReport",
    "file_version",
    "find_document_texts",
    "load_model",
    "model_size_limit",
    "read_model",
    "save_model",
    "validate_file",
]

#: YAML model files above this size are refused before parsing: the round-trip parser that
#: keeps every line number needs some 40 times the file's size in memory.
MAX_MODEL_BYTES = 20 * 1024 * 1024
#: JSON model files, read by the standard library's parser, may be larger (maps generated or
#: imported by programs: 100,000 concepts and 300,000 links take some 27 MB).
MAX_JSON_MODEL_BYTES = 200 * 1024 * 1024

T = TypeVar("T")


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


#: ``expect=UNCHECKED``: change the file whatever its version (the CLI's own edits); ``expect=None`` means the
#: caller should have named the version it read and did not (E244).
UNCHECKED: Any = _Unchecked()


def model_size_limit(path: Path) -> int:
    """The largest model file read at ``path``: JSON files may be larger than YAML ones."""
    return MAX_JSON_MODEL_BYTES if path.suffix.lower() == ".json" else MAX_MODEL_BYTES


def file_version(data: bytes) -> str:
    """The version of a model file: the first 16 hex digits of the sha256 of its bytes.

    Examples
    --------
    >>> file_version(b"title: t\\n")
    'f81b9dc885f47a0f'
    """
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class Change:
    """What one change did: the new version, and the items it removed or updated besides its own."""

    action: str
    section: str | None
    item_id: str | None
    version: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)


class ModelFile:
    """One model file (YAML, or JSON when the suffix is ``.json``).

    Parameters
    ----------
    path
        The file.
    history
        Folder for the copies :meth:`undo` restores; by default ``.<file name>.history`` beside the file. Only
        changes made with ``record=True`` are kept there.

    Examples
    --------
    >>> import tempfile
    >>> file = ModelFile(Path(tempfile.mkdtemp()) / "m.yaml")
    >>> version = file.write(Model(title="Dam talks"))
    >>> file.load().title, file.version() == version
    ('Dam talks', True)
    """

    def __init__(self, path: str | Path, *, history: str | Path | None = None) -> None:
        self.path = Path(path)
        self.history = Path(history) if history is not None else self.path.with_name(f".{self.path.name}.history")
        self.fmt = "json" if self.path.suffix.lower() == ".json" else "yaml"
        self._lock = threading.RLock()
        self._cache: tuple[str, Model] | None = None

    # reading -----------------------------------------------------------------------------------------------
    def read_bytes(self) -> bytes:
        """The file's bytes, refusing a missing, empty, binary or oversized file (InputFileError)."""
        return read_bytes_checked(self.path, limit=model_size_limit(self.path))

    def read_text(self) -> str:
        """The file's text (UTF-8, a byte-order mark allowed)."""
        return _decode(self.read_bytes(), self.path)

    def version(self) -> str:
        """The version of the file as it is now."""
        return file_version(self.read_bytes())

    def read(self) -> tuple[Model | None, list[Problem], LineMap | None]:
        """The model of the file's valid items, its structural problems and its line map (nothing raised for
        problems of the model; see :func:`realpolitik.model.parse_model`)."""
        return parse_model(self.read_text(), file=str(self.path))

    def load(self, *, check: bool = True) -> Model:
        """The model, raising if it has any problem (cross-reference checks too unless ``check=False``).

        Raises
        ------
        InputFileError
            If the file cannot be read as text.
        ModelValidationError
            Listing every problem, each with file and line.
        """
        if not check:
            model, problems, _lines = self.read()
            if model is None or problems:
                raise ModelValidationError(problems)
            return model
        return self.load_versioned()[0]

    def load_versioned(self) -> tuple[Model, str]:
        """The checked model and the version it was read at; parsed again only when the file changed."""
        with self._lock:
            data = self.read_bytes()
            version = file_version(data)
            if self._cache is not None and self._cache[0] == version:
                return self._cache[1], version
            model, _lines = check_text(_decode(data, self.path), file=str(self.path))
            self._cache = (version, model)
            return model, version

    def validate(self, *, documents: Iterable[str | Path] = ()) -> ValidationReport:
        """Every problem of the file: structure, cross-references and, for the source documents at hand,
        evidence spans against their text (see :func:`find_document_texts` for where they are looked for).

        Raises
        ------
        InputFileError
            If the model file (or a document file named explicitly) cannot be read as text.
        """
        model, problems, lines = self.read()
        report = ValidationReport(path=self.path, model=model, problems=list(problems))
        if model is None:
            return report
        texts, missing, document_problems = find_document_texts(model, self.path, documents)
        report.texts, report.missing_documents = texts, missing
        report.problems += document_problems
        report.problems += check_model(model, texts=texts, file=str(self.path), lines=lines)
        report.problems.sort(key=lambda problem: (problem.line or 0, problem.code))
        return report

    def check_version(self, given: str | None) -> str:
        """Raise unless ``given`` is the file's current version; return it.

        Raises
        ------
        VersionConflictError
            E244 when no version was given, E243 when it is not the current one.
        """
        current = self.version()
        if not given:
            raise VersionConflictError.coded("E244")
        if given != current:
            raise VersionConflictError.coded("E243", given=given, current=current)
        return current

    # writing -----------------------------------------------------------------------------------------------
    def write(self, model: Model, *, code: str = "E009") -> str:
        """Write ``model`` whole (JSON for ``.json``, else YAML) and return the new version.

        ``code`` is the error code raised when the file cannot be written (each command keeps its own).
        """
        data = dump_model(model, fmt=self.fmt).encode("utf-8")
        self._check_size(len(data))
        with self._lock:
            write_atomically(self.path, data, code=code)
            version = file_version(data)
            self._cache = (version, model)
            return version

    def _check_size(self, size: int) -> None:
        """Refuse to write what :meth:`read_bytes` would refuse to read back: one oversized edit would otherwise
        leave a file that no later request, undo included, and no command can open.

        Raises
        ------
        EditRefusedError
            E273, before anything is written.
        """
        limit = model_size_limit(self.path)
        if size > limit:
            raise EditRefusedError.coded("E273", size_mb=size / MB, limit_mb=limit / MB, path=self.path)

    def change(self, edit: Callable[[Any], T], *, expect: str | None = UNCHECKED, record: str | None = None,
               section: str | None = None, item_id: str | None = None) -> tuple[T, Model, str]:
        """Change the file by hand, on its round-trip tree, and write it if the result is a valid model.

        Parameters
        ----------
        edit
            Called with the file's tree (mappings and lists); changes it in place and returns anything.
        expect
            The version the caller read; the change is refused unless the file still is at it (see
            :meth:`check_version`; None, no version named, is refused with E244). :data:`UNCHECKED` (the default)
            changes the file whatever its version.
        record
            The name of the action to keep in the history for :meth:`undo` ("accept", "reject" …); None keeps
            no copy.
        section, item_id
            What the recorded action was about.

        Returns
        -------
        (result, model, version)
            What ``edit`` returned, the new model and the new version.

        Raises
        ------
        VersionConflictError
            When ``expect`` is not the current version.
        ModelValidationError
            When the changed text is not a valid model; nothing is written.
        EditRefusedError
            E273 when the changed file would be larger than the model files realpolitik reads; nothing is written.
        """
        with self._lock:
            before = self.read_bytes()
            if expect is not UNCHECKED:
                self.check_version(expect)
            root = parse_tree(_decode(before, self.path), fmt=self.fmt)
            result = edit(root)
            text = dump_tree(root, fmt=self.fmt)
            self._check_size(len(text.encode("utf-8")))  # before parsing it: the text may be huge
            model, _lines = check_text(text, file=str(self.path))
            data = text.encode("utf-8")
            if record is not None:
                self._record(before, record, section, item_id)
            write_atomically(self.path, data)
            version = file_version(data)
            self._cache = (version, model)
            return result, model, version

    # history -----------------------------------------------------------------------------------------------
    def _log_path(self) -> Path:
        return self.history / "log.json"

    def history_entries(self) -> list[dict[str, Any]]:
        """The changes undo can take back, oldest first: ``action``, ``section``, ``id``, ``at``, ``file``."""
        try:
            entries = json.loads(self._log_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [entry for entry in entries
                if isinstance(entry, dict) and (self.history / str(entry.get("file"))).is_file()]

    def _record(self, before: bytes, action: str, section: str | None, item_id: str | None) -> None:
        entries = self.history_entries()
        number = max((int(str(e["file"]).split(".")[0]) for e in entries), default=0) + 1
        name = f"{number:06d}{self.path.suffix or '.yaml'}"
        write_atomically(self.history / name, before)
        entries.append({"file": name, "action": action, "section": section, "id": item_id,
                        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                        "version_before": file_version(before)})
        write_atomically(self._log_path(), json.dumps(entries, indent=1))

    def undo(self, expect: str | None) -> Change:
        """Put back the file as it was before the newest recorded change.

        Raises
        ------
        VersionConflictError
            When ``expect`` is not the current version.
        EditRefusedError
            E246 when there is nothing to undo.
        """
        with self._lock:
            self.check_version(expect)
            entries = self.history_entries()
            if not entries:
                raise EditRefusedError.coded("E246")
            last = entries.pop()
            copy = self.history / str(last["file"])
            data = copy.read_bytes()
            write_atomically(self.path, data)
            copy.unlink()
            write_atomically(self._log_path(), json.dumps(entries, indent=1))
            self._cache = None
            return Change(f"undo {last['action']}", last.get("section"), last.get("id"), file_version(data))


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(Errors.E004.format(path=path, reason=f"byte {exc.start}")) from exc


def read_model(path: str | Path) -> tuple[Model | None, list[Problem], LineMap | None]:
    """Read a model file; return the model of its valid items, its structural problems and its line map.

    Raises
    ------
    InputFileError
        If the file is missing, empty, binary, too large or not UTF-8.
    """
    return ModelFile(path).read()


def load_model(path: str | Path, *, check: bool = True) -> Model:
    """Load a model file, raising if it has any problem: :meth:`ModelFile.load` on a file read once.

    Parameters
    ----------
    path
        A YAML or JSON model file.
    check
        Also run the cross-reference checks of :func:`realpolitik.model.checks.check_model`.

    Raises
    ------
    InputFileError, ModelValidationError
        As :meth:`ModelFile.load` says: an unreadable file, or every problem of the model with file and line.
    """
    return ModelFile(path).load(check=check)


def save_model(model: Model, path: str | Path, *, code: str = "E009") -> Path:
    """Write a model to ``path`` (JSON if the suffix is ``.json``, else YAML), atomically and durably.

    Raises
    ------
    InputFileError
        With ``code`` (default E009) when the file cannot be written; ``path`` is then unchanged.
    """
    file = ModelFile(path)
    file.write(model, code=code)
    return file.path


#: Extra folders (separated like PATH) where source documents are looked for by file name.
DOCUMENTS_ENV = "REALPOLITIK_DOCUMENTS"


@dataclass
class ValidationReport:
    """The outcome of validating one model file."""

    path: Path
    model: Model | None
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    missing_documents: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.model is not None and not self.errors


def _search_folders(model_path: Path, documents: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    files: list[Path] = []
    folders = [model_path.parent]
    for entry in documents:
        (folders if Path(entry).is_dir() else files).append(Path(entry))
    folders += [Path(part) for part in os.environ.get(DOCUMENTS_ENV, "").split(os.pathsep) if part]
    return files, folders


def find_document_texts(
    model: Model, model_path: Path, documents: Iterable[str | Path] = ()
) -> tuple[dict[str, str], list[str], list[Problem]]:
    """Find the model's source documents on disk and return their texts by id.

    A document is found when one of ``documents`` is that file (same sha256), or when
    a folder in ``documents``, beside the model, or in ``$REALPOLITIK_DOCUMENTS`` holds
    a file with the document's ``filename``.  A file found by name whose bytes do not
    hash to the document's id is reported (E016), not used.

    Returns
    -------
    (texts, missing, problems)
    """
    files, folders = _search_folders(model_path, documents)
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for file in files:
        source = read_source_text(file)
        texts[source.id] = source.text
    for index, document in enumerate(model.documents):
        if document.id in texts or not document.filename:
            continue
        for folder in folders:
            candidate = folder / document.filename
            if not candidate.is_file():
                continue
            try:
                source = read_source_text(candidate)
            except InputFileError as exc:
                problems.append(Problem("E001", str(exc), path=("documents", index), file=str(model_path)))
                break
            if source.id == document.id:
                texts[source.id] = source.text
            else:
                message = Errors.E016.format(actual=source.id[:12] + "…", expected=document.id[:12] + "…")
                problems.append(
                    Problem("E016", f"{message} ({candidate})", path=("documents", index, "id"), file=str(model_path))
                )
            break
    missing = [document.id for document in model.documents if document.id not in texts]
    return texts, missing, problems


def validate_file(path: str | Path, *, documents: Iterable[str | Path] = ()) -> ValidationReport:
    """Validate a model file and return every problem found (:meth:`ModelFile.validate`).

    Parameters
    ----------
    path
        The model file (YAML or JSON).
    documents
        Source document files or folders to check evidence spans against.

    Raises
    ------
    InputFileError
        If the model file (or a document file named explicitly) cannot be read as text.
    """
    return ModelFile(path).validate(documents=documents)
