"""Validate a model file end to end: structure, cross-references and, when at hand, evidence against the text."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.corpus.text import read_source_text
from realpolitik.errors import Errors, InputFileError
from realpolitik.model.checks import check_model
from realpolitik.model.file import read_model
from realpolitik.model.problems import Problem
from realpolitik.model.schema import Model

__all__ = ["DOCUMENTS_ENV", "ValidationReport", "find_document_texts", "validate_file"]

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
    files, folders = [], [model_path.parent]
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
    """Validate a model file and return every problem found.

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
    path = Path(path)
    model, problems, lines = read_model(path)
    report = ValidationReport(path=path, model=model, problems=list(problems))
    if model is None:
        return report
    texts, missing, document_problems = find_document_texts(model, path, documents)
    report.texts, report.missing_documents = texts, missing
    report.problems += document_problems
    report.problems += check_model(model, texts=texts, file=str(path), lines=lines)
    report.problems.sort(key=lambda problem: (problem.line or 0, problem.code))
    return report
