"""The "what changed since the model" section of a report: plain values the report's templates show."""

from __future__ import annotations

from typing import Any

from realpolitik.model import Model
from realpolitik.updates.update import UpdateResult

__all__ = ["changes_section"]

#: Items listed per section (the counts cover them all).
LISTED = 12
#: Characters of a passage shown beside its stance (the report shows the later document's own words, as it
#: shows the source document).
EXCERPT = 220


def _label(item: Any) -> str:
    for name in ("name", "label", "statement", "description"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return item.id


def _relation(model: Model, relation_id: str) -> dict[str, Any]:
    relation = model.get("relations", relation_id)
    names = {actor.id: actor.name for actor in model.actors}
    source, target = names.get(relation.source, relation.source), names.get(relation.target, relation.target)
    return {"id": relation.id, "text": f"{source} {relation.type.replace('_', ' ')} {target}",
            "polarity": relation.polarity, "valid_from": relation.valid_from, "valid_to": relation.valid_to}


def changes_section(before: Model, after: Model, result: UpdateResult, texts: dict[str, str]) -> dict[str, Any]:
    """What ``result`` proposed on ``before`` (giving ``after``), for the report; ``texts`` maps document id to
    its normalised text, for the excerpts of forecast evidence."""
    titles = {document.id: document.title for document in after.documents}
    dates = {document.id: document.published for document in after.documents}
    new = []
    for section, ids in result.added.items():
        if section == "documents":
            continue
        items = [after.get(section, item_id) for item_id in ids]
        new.append({"section": section.replace("_", " "), "count": len(ids),
                    "listed": [{"id": item.id, "label": _label(item),
                               "document": titles.get(item.evidence[0].document, "") if item.evidence else ""}
                              for item in items[:LISTED]]})
    changes = [{"kind": change.kind, "section": change.section.replace("_", " "), "date": change.date,
                "old": _relation(after, change.old) if change.section == "relations" else {"id": change.old,
                                                                                              "text": change.old},
                "new": _relation(after, change.new) if change.section == "relations" else {"id": change.new,
                                                                                              "text": change.new}}
               for change in result.changes]
    statements = {forecast.id: forecast.statement for forecast in before.forecasts}
    forecasts = []
    for evidence in result.forecasts:
        if not evidence.passages:
            continue
        forecasts.append({
            "id": evidence.forecast, "statement": statements.get(evidence.forecast, evidence.forecast),
            "evidence": [{"document": titles.get(p.document, p.document[:12]), "published": dates.get(p.document),
                          "stance": stance, "score": score, "start": p.start, "end": p.end,
                          "excerpt": texts.get(p.document, p.text)[p.start:p.end][:EXCERPT]}
                         for p, stance, score in evidence.passages],
            "proposed": None if evidence.proposed is None else {
                "outcome": "happened" if evidence.proposed.outcome else "did not happen",
                "date": evidence.proposed.date, "source": evidence.proposed.source},
        })
    return {
        "documents": [{"title": titles.get(d, d[:12]), "published": dates.get(d)}
                      for d in result.added.get("documents", [])],
        "new": new, "changes": changes, "forecasts": forecasts,
        "open_forecasts": len(result.forecasts), "proposed_resolutions": result.proposed_resolutions,
        "brier_before": result.brier_before, "brier_after": result.brier_after, "retrieval": result.retrieval,
        "warnings": result.warnings,
    }
