"""The seed's second act: the bundled model updated with later documents, and its report with what changed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from realpolitik.corpus import ingest_file
from realpolitik.data import bundled_model_path
from realpolitik.errors import UpdateError
from realpolitik.model import load_model, reviewed_only
from realpolitik.report import write_report
from realpolitik.report.data import DEFAULT_DRAWS, add_presses, add_scenarios, report_data_without_runs
from realpolitik.report.demo import DemoResult
from realpolitik.report.summary import headline
from realpolitik.updates.documents import later_documents
from realpolitik.updates.summary import changes_section
from realpolitik.updates.update import update_model

__all__ = ["DOCUMENT_SUFFIXES", "run_update_demo"]

#: The files of a folder of later documents that the demo reads.
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


def run_update_demo(later: str | Path, output: str | Path, *, model_path: str | Path | None = None,
                    fmt: str | None = None, figure_format: str = "png", draws: int = DEFAULT_DRAWS,
                    seed: int = 0) -> DemoResult:
    """Update a copy of the model (the bundled one by default) with the documents of ``later`` (a folder, or its
    ``texts/`` subfolder, dated by an index.csv) and write the report to ``output``: the reviewed part of the
    updated model, with the "what changed since the model" section listing the proposals. The copy and the update
    sit beside the report.

    Raises
    ------
    UpdateError
        E305 when ``later`` holds no document; the errors of :func:`realpolitik.updates.update_model`.
    """
    folder = Path(later)
    found = sorted(p for p in [*folder.glob("*"), *(folder / "texts").glob("*")]
                   if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
    if not found:
        raise UpdateError.coded("E305", reason=f"{folder} holds no txt, md, html or pdf file")
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    model_copy, updated = target.parent / "model.yaml", target.parent / "updated.yaml"
    shutil.copy(bundled_model_path() if model_path is None else model_path, model_copy)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    documents = later_documents(found)
    result = update_model(model_copy, documents, updated)
    timings["update"] = time.perf_counter() - start
    start = time.perf_counter()
    before, after = load_model(model_copy), load_model(updated)
    # The report shows the reviewed model (every proposal awaits review) and lists the proposals in its own
    # section; simulating and enumerating the loops of a map grown by a hundred unreviewed links takes minutes.
    data = report_data_without_runs(reviewed_only(after), source=updated.name)
    add_scenarios(data)
    add_presses(data, draws=draws, seed=seed)
    texts = {}
    for document in documents:
        ingested = ingest_file(document.path, published=document.published)
        texts[ingested.id] = ingested.text
    data.changes = changes_section(before, after, result, texts)
    files = write_report(data, target, fmt=fmt, figure_format=figure_format)
    timings["report"] = time.perf_counter() - start
    proposed = sum(len(ids) for section, ids in result.added.items() if section != "documents")
    summary = (f"update: {proposed} item(s) proposed, {len(result.changes)} change(s), "
               f"{result.proposed_resolutions} forecast resolution(s) proposed")
    lines = [*headline(data), summary]
    return DemoResult(model_path=updated, files=[*files, updated, result.record], headline=lines,
                      timings=timings, warnings=result.warnings)
