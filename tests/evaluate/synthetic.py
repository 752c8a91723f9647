"""Extractions made from a gold model's own items, so that the right scores are known in advance."""

from __future__ import annotations

from realpolitik.model import Model


def _span(item, document: str) -> dict:
    evidence = next(e for e in item.evidence if e.document == document)
    return {"start": evidence.start, "end": evidence.end, "text": ""}


def extraction_from(model: Model, document: str, *, every: int = 1) -> dict:
    """An extraction holding every ``every``-th item of each section of ``model`` (1: a perfect extraction)."""

    def pick(items):
        return [item for item in items if any(e.document == document for e in item.evidence)][::every]

    def ref(actor_id: str) -> str:
        return f"x_{actor_id}"

    return {
        "document": {"id": document, "title": "synthetic"},
        "actors": [
            {"id": ref(a.id), "name": a.name, "kind": a.kind, "aliases": a.aliases[:1],
             "mentions": [{"start": e.start, "end": e.end} for e in a.evidence if e.document == document]}
            for a in model.actors  # all actors, so that relations can name them
        ][::every],
        "events": [
            {"id": e.id, "date": e.date, "type": e.type, "description": "an event",
             "actors": [ref(p) for p in e.participants], "evidence": _span(e, document)}
            for e in pick(model.events)
        ],
        "relations": [
            {"source": ref(r.source), "target": ref(r.target), "type": r.type, "polarity": r.polarity,
             "evidence": _span(r, document)}
            for r in pick(model.relations)
        ],
        "causal_links": [
            {"cause": c.cause, "effect": c.effect, "polarity": 1 if c.weight >= 0 else -1, "hedge": c.hedge,
             "evidence": _span(c, document)}
            for c in pick(model.causal_links)
        ],
        "forecasts": [
            {"statement": f.statement, "estimative_term": f.estimative_term, "band": f.band,
             "probability": list(f.probability), "actors": [ref(s) for s in f.subjects], "evidence": _span(f, document)}
            for f in pick(model.forecasts)
        ],
    }
