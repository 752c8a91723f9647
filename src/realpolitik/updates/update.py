"""``update``: later documents become proposals on a model, each with its evidence in the later document.

For each later document (oldest first) the extractor runs and the draft is merged into the model as it stands
(:func:`realpolitik.draft.draft_model`, which matches actors and concepts by name, alias and spelling, and
leaves out relations, events and forecasts the model already holds): what the draft adds is proposed
(``review: proposed``). Relation turns and contradictions follow :mod:`realpolitik.updates.changes`; the open
forecasts get their evidence from :mod:`realpolitik.updates.evidence`.

The updated model is the original file's text with the proposals appended, written through
:class:`realpolitik.model.ModelFile`, so an analyst reviews it like any draft. Nothing already in the file is
changed: a turned relation's successor names it in ``supersedes`` and ends it only when accepted, and the
later documents go again when every item citing them is rejected, so rejecting all gives back the file.
Forecast evidence and proposed resolutions go to the update record beside it (``NAME.update.json``): a
resolution is never written into the model by ``update``; ``forecasts --resolve`` applies one after review.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realpolitik.analysis import brier_score
from realpolitik.corpus import ingest_file
from realpolitik.draft import draft_model
from realpolitik.errors import UpdateError
from realpolitik.files import write_atomically
from realpolitik.model import REVIEWABLE_SECTIONS, Model, ModelFile
from realpolitik.progress import progress_bar
from realpolitik.updates.changes import RelationChange, find_changes
from realpolitik.updates.documents import LaterDocument, latest_model_date
from realpolitik.updates.embedding import load_similarity
from realpolitik.updates.evidence import (
    ForecastEvidence,
    Passage,
    actor_names,
    find_forecast_evidence,
    split_passages,
)

__all__ = ["UpdateResult", "read_record", "record_path", "update_model"]

_SECTIONS = ("documents", *REVIEWABLE_SECTIONS)


@dataclass
class UpdateResult:
    """What an update proposed, and where it wrote it."""

    output: Path
    record: Path
    added: dict[str, list[str]] = field(default_factory=dict)
    changes: list[RelationChange] = field(default_factory=list)
    forecasts: list[ForecastEvidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    retrieval: str = ""
    brier_before: float | None = None
    brier_after: float | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def proposed_resolutions(self) -> int:
        return sum(1 for evidence in self.forecasts if evidence.proposed is not None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "output": str(self.output),
            "added": self.added,
            "changes": [change.as_dict() for change in self.changes],
            "forecasts": [evidence.as_dict() for evidence in self.forecasts],
            "warnings": self.warnings,
            "retrieval": self.retrieval,
            "brier_before": self.brier_before,
            "brier_after": self.brier_after,
            "seconds": self.seconds,
        }


def record_path(output: str | Path) -> Path:
    """Where the update record of an updated model ``output`` is written: ``NAME.update.json`` beside it."""
    output = Path(output)
    return output.with_name(f"{output.stem}.update.json")


#: The keys a record holds that its readers use, with the type each must have.
_RECORD_KEYS: dict[str, type] = {"added": dict, "changes": list, "forecasts": list}


def read_record(output: str | Path) -> dict[str, Any] | None:
    """The update record of the updated model ``output`` (:func:`record_path`), or ``None`` when it has none.

    Raises
    ------
    UpdateError
        E309 when the record is there but is not JSON or lacks what :func:`update_model` writes.
    """
    path = record_path(output)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UpdateError.coded("E309", path=path, reason=str(exc)) from exc
    if not isinstance(data, dict):
        raise UpdateError.coded("E309", path=path, reason="it is not a JSON object")
    for key, kind in _RECORD_KEYS.items():
        if not isinstance(data.get(key), kind):
            raise UpdateError.coded("E309", path=path, reason=f"'{key}' is missing or not a {kind.__name__}")
    return data


def _entry(item: Any) -> dict[str, Any]:
    entry = item.model_dump(mode="json", exclude_none=True)
    return {key: value for key, value in entry.items() if value not in ([], {})}


def _with(model: Model, additions: dict[str, list[Any]]) -> Model:
    return model.model_copy(update={s: [*getattr(model, s), *additions.get(s, [])] for s in _SECTIONS})


def update_model(
    model_path: str | Path,
    documents: Sequence[LaterDocument],
    output: str | Path,
    *,
    retrieval: str = "auto",
    step: Callable[[str], None] | None = None,
    show_progress: bool = True,
) -> UpdateResult:
    """Propose what ``documents`` add to and change in the model at ``model_path``; write them to ``output``.

    Parameters
    ----------
    model_path
        The model file; it is read, never written.
    documents
        The later documents with their publication dates (:func:`realpolitik.updates.later_documents`).
    output
        The updated model (YAML, or JSON for ``.json``); the update record goes beside it (:func:`record_path`).
    retrieval
        ``"auto"`` (MiniLM when bundled, else TF-IDF), ``"minilm"`` or ``"tfidf"``.

    Returns
    -------
    UpdateResult

    Raises
    ------
    UpdateError
        E305 when there is no document, E304 when ``output`` is the model file, E303 when the model file
        changed on disk while the update ran (nothing is written then), E308 when the record cannot be written.
    """
    source, target = ModelFile(model_path), Path(output)
    if not documents:
        raise UpdateError.coded("E305", reason="name at least one document")
    if target.resolve() == source.path.resolve():
        raise UpdateError.coded("E304", path=target)
    started = time.perf_counter()
    model, version = source.load_versioned()
    original = source.read_bytes()
    result = UpdateResult(output=target, record=record_path(target))
    model_day = latest_model_date(model)
    current = model
    additions: dict[str, list[Any]] = {section: [] for section in _SECTIONS}
    passages: list[Passage] = []
    from realpolitik.extract import extract_document  # loads spaCy, so only when an update runs

    with progress_bar(len(documents), "reading later documents", enabled=show_progress) as bar:
        for later in documents:
            if model_day is not None and later.day < model_day:
                result.warnings.append(f"{later.path.name} ({later.published}) is dated before the model's "
                                       f"documents ({model_day}); it is still used as evidence")
            ingested = ingest_file(later.path, published=later.published)
            if any(d.id == ingested.id for d in current.documents):
                result.warnings.append(f"{later.path.name} is already one of the model's documents; skipped")
                bar.advance()
                continue
            drafted = draft_model(extract_document(ingested), existing=current, filename=later.path.name).model
            new = {s: [item for item in getattr(drafted, s) if item.id not in {i.id for i in getattr(current, s)}]
                   for s in _SECTIONS}
            changes, new["relations"], new["causal_links"] = find_changes(
                current, new["relations"], new["causal_links"], published=later.published)
            result.changes += changes
            for section, items in new.items():
                additions[section] += items
            # a turned relation is closed here, in memory only, so a later document does not turn it a second
            # time; in the file its successor's ``supersedes`` closes it once accepted
            turned = {c.old: c.date for c in changes if c.kind == "turn"}
            closed = [r.model_copy(update={"valid_to": turned[r.id]}) if r.id in turned else r
                      for r in current.relations]
            current = _with(current.model_copy(update={"relations": closed}), new)
            passages += split_passages(ingested.text, document=ingested.id, published=later.published,
                                       title=ingested.title or later.path.stem)
            bar.advance(words=len(ingested.text.split()))
    result.seconds["extract_and_draft"] = round(time.perf_counter() - started, 2)
    if step:
        step("forecast evidence")
    similarity = load_similarity(retrieval)
    result.retrieval = similarity.name
    open_forecasts = [forecast for forecast in model.forecasts if forecast.resolution is None]
    if not model.forecasts:
        result.warnings.append("the model has no forecasts, so there is no forecast evidence to find")
    evidence_started = time.perf_counter()
    result.forecasts = find_forecast_evidence(open_forecasts, passages, similarity, names=actor_names(current))
    result.seconds["forecast_evidence"] = round(time.perf_counter() - evidence_started, 2)
    result.brier_before = brier_score(model.forecasts)
    proposed = {e.forecast: e.proposed for e in result.forecasts if e.proposed is not None}
    result.brier_after = brier_score([f.model_copy(update={"resolution": proposed.get(f.id, f.resolution)})
                                      for f in model.forecasts])
    result.added = {section: [item.id for item in items] for section, items in additions.items() if items}

    if source.read_bytes() != original or source.version() != version:
        raise UpdateError.coded("E303", path=source.path)
    write_atomically(target, original, code="E308")
    if any(additions.values()):
        def edit(root: Any) -> None:
            for section, items in additions.items():
                if items and root.get(section) is None:
                    root[section] = []
                for item in items:
                    root[section].append(_entry(item))

        ModelFile(target).change(edit)
    data = json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    write_atomically(result.record, data.encode("utf-8"), code="E308")
    result.seconds["total"] = round(time.perf_counter() - started, 2)
    return result
