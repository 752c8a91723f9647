"""Forecast evidence: the passages of later documents that bear on each open forecast, with a stance and a score.

Retrieval ranks every sentence of the later documents by its similarity to the forecast's statement
(:func:`realpolitik.updates.embedding.load_similarity`). A passage at or above :data:`RETRIEVE_THRESHOLD` bears
on the forecast. Its stance is read from the passage itself:

* ``mentions`` when the passage is itself hedged or about the future (a modal, a verb of expecting): it
  forecasts too, so it is no outcome; also for passages below :data:`STANCE_THRESHOLD`;
* otherwise ``supports`` when the passage and the statement agree in negation (both assert, or both deny),
  ``refutes`` when one negates and the other does not.

A passage bears on a forecast only when it names the forecast's first subject (the actor whose action or
fate is forecast), by name, alias or a person affiliated with it: a sentence about Afghanistan in general is
no evidence on what Russia will do. Questions and headings (no closing full stop) are no evidence either.

A resolution is proposed only when the evidence is clear: the best passage reaches :data:`RESOLVE_THRESHOLD`
with a stance, and no passage above that threshold takes the other stance. Thresholds and their measured
precision: docs/update.md and benchmarks/update_forecasts.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from realpolitik.model import Forecast, Model, Resolution
from realpolitik.updates.embedding import Similarity

__all__ = [
    "RESOLVE_THRESHOLD",
    "RETRIEVE_THRESHOLD",
    "STANCE_THRESHOLD",
    "ForecastEvidence",
    "Passage",
    "actor_names",
    "find_forecast_evidence",
    "read_stance",
    "split_passages",
]

Stance = Literal["supports", "refutes", "mentions"]

#: Cosine similarity (MiniLM) at which a passage bears on a forecast.
RETRIEVE_THRESHOLD = 0.45
#: Similarity at which a passage's stance is read; below it a passage only mentions the forecast's matter.
STANCE_THRESHOLD = 0.55
#: Similarity the best passage must reach for a resolution to be proposed.
RESOLVE_THRESHOLD = 0.62
#: Passages kept per forecast, best first.
TOP_PASSAGES = 3

_MODAL = re.compile(
    r"\b(?i:will|would|shall|might|could|should|likely|unlikely|probably|possibly|perhaps|expects?|expected|"
    r"predicts?|forecasts?|anticipates?|intends?|plans?|hopes?|wants?|if|unless)\b|\b\w+'ll\b"
    # "may" in lower case only (or opening a sentence): the month is no modal
    r"|\bmay\b|^May\b(?! \d)"
)
_NEGATION = re.compile(
    r"\b(not|no|never|neither|nor|none|nothing|without|refuses?|refused|rejects?|rejected|fails?|failed|"
    r"declines?|declined|denies|denied)\b|n't\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
#: Sentences shorter than this (characters) are headings or captions, not evidence.
_MIN_PASSAGE = 40


@dataclass(frozen=True)
class Passage:
    """A sentence of a later document: its span in the document's normalised text."""

    document: str
    start: int
    end: int
    text: str
    published: str
    title: str


@dataclass
class ForecastEvidence:
    """What the later documents say about one open forecast."""

    forecast: str
    passages: list[tuple[Passage, Stance, float]] = field(default_factory=list)
    proposed: Resolution | None = None

    def as_dict(self) -> dict:
        return {
            "forecast": self.forecast,
            "evidence": [
                {"document": p.document, "start": p.start, "end": p.end, "published": p.published,
                 "stance": stance, "score": round(score, 3)}
                for p, stance, score in self.passages
            ],
            "proposed_resolution": self.proposed.model_dump(mode="json", exclude_none=True) if self.proposed else None,
        }


def split_passages(text: str, *, document: str, published: str, title: str) -> list[Passage]:
    """The document's sentences with their offsets (headings and captions left out)."""
    passages, start = [], 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if len(stripped) >= _MIN_PASSAGE:
            offset = start + piece.index(stripped)
            passages.append(Passage(document, offset, offset + len(stripped), stripped, published, title))
        start = match.end() if match else len(text)
    return passages


def actor_names(model: Model) -> dict[str, re.Pattern[str]]:
    """Actor id -> a pattern of its names and aliases and those of the people affiliated with it."""
    names: dict[str, list[str]] = {actor.id: [actor.name, *actor.aliases] for actor in model.actors}
    for actor in model.actors:
        if actor.affiliation in names:
            names[actor.affiliation] += [actor.name, *actor.aliases]
    return {
        actor: re.compile(r"(?<!\w)(" + "|".join(sorted((re.escape(n) for n in set(found) if n), key=len, reverse=True))
                          + r")(?!\w)")
        for actor, found in names.items() if any(found)
    }


def _is_statement(text: str) -> bool:
    return text.rstrip("\"”’)").endswith((".", "!"))


def read_stance(statement: str, passage: str, score: float) -> Stance:
    """The passage's stance towards the statement (see the module's docstring for the rule)."""
    if score < STANCE_THRESHOLD or _MODAL.search(passage):
        return "mentions"
    agrees = bool(len(_NEGATION.findall(statement)) % 2) == bool(len(_NEGATION.findall(passage)) % 2)
    return "supports" if agrees else "refutes"


def _query(forecast: Forecast) -> str:
    # The statement is the future tense of what would settle it; its modal would pull every hedged passage in.
    return re.sub(r"\b(will|would)\s+", "", forecast.statement)


def find_forecast_evidence(forecasts: Sequence[Forecast], passages: Sequence[Passage], similarity: Similarity,
                           *, names: dict[str, re.Pattern[str]] | None = None, top: int = TOP_PASSAGES
                           ) -> list[ForecastEvidence]:
    """For each forecast, the passages that bear on it (best first) and a proposed resolution when clear.

    ``names`` (from :func:`actor_names`) gates passages by the forecast's first subject; without it every
    statement passage is ranked.
    """
    passages = [p for p in passages if _is_statement(p.text)]
    if not forecasts or not passages:
        return [ForecastEvidence(forecast.id) for forecast in forecasts]
    scores = similarity([_query(f) for f in forecasts], [p.text for p in passages])
    found = []
    for row, forecast in enumerate(forecasts):
        pattern = (names or {}).get(forecast.subjects[0]) if forecast.subjects else None
        allowed = [c for c in range(len(passages)) if pattern is None or pattern.search(passages[c].text)]
        ranked = sorted(allowed, key=lambda column: -scores[row, column])
        kept = [(passages[c], read_stance(forecast.statement, passages[c].text, float(scores[row, c])),
                 float(scores[row, c])) for c in ranked[:top] if scores[row, c] >= RETRIEVE_THRESHOLD]
        evidence = ForecastEvidence(forecast.id, kept)
        clear = [(p, stance, score) for p, stance, score in kept if score >= RESOLVE_THRESHOLD and stance != "mentions"]
        if clear and len({stance for _, stance, _ in clear}) == 1:
            passage, stance, score = clear[0]
            evidence.proposed = Resolution(
                outcome=stance == "supports", date=passage.published,
                source=f"{passage.title} (document {passage.document[:12]}, characters {passage.start}-{passage.end})",
                note=f"proposed by realpolitik update: the passage {stance} the forecast (similarity {score:.2f}); "
                "check it before accepting",
            )
        found.append(evidence)
    return found
