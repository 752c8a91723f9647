"""Scoring the event coder on the PLOVER gold-standard records (Open Event Data Alliance, CC BY-SA 4.0).

Each record is one sentence with its source and target actors (three-letter codes) and its PLOVER event
type. :func:`evaluate_plover` codes every sentence with :func:`realpolitik.extract.coding.code_sentence` and
reports how often the source, the target and the type agree with the gold.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from realpolitik.errors import Errors, InputFileError

__all__ = ["CAMEO_CODES", "OLD_TYPES", "default_plover_path", "evaluate_plover", "gold_codes", "gold_type"]

#: CAMEO country codes in the gold file that differ from ISO 3166 alpha-3.
CAMEO_CODES: dict[str, str] = {"JAP": "JPN", "VTN": "VNM"}

#: PLOVER 0.5b1 names that later versions renamed or folded into others.
OLD_TYPES: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
                              "INVESTIGATE": "ACCUSE"}


def default_plover_path() -> Path:
    """Where the shared PLOVER gold file sits beside the repository (``../shared/datasets/plover-gold``)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "plover-gold" / "PLOVER_GSR_CAMEO.txt"


def gold_type(record: dict[str, Any]) -> str | None:
    """A record's event type in the model's vocabulary (lower case, old names mapped).

    Examples
    --------
    >>> gold_type({"event": "DEMAND"}), gold_type({"event": "AGREE"}), gold_type({"event": "DOCUMENT"})
    ('request', 'agree', None)
    """
    event = str(record.get("event", "")).upper()
    if event in ("", "DOCUMENT"):
        return None
    event = OLD_TYPES.get(event, event)
    return event.lower() if event else None


def gold_codes(field: Any) -> list[str]:
    """The actor codes of a record's ``source`` or ``target`` field (a list of actors, or empty).

    Examples
    --------
    >>> gold_codes([{"actorText": "Hungarian", "code": "HUN"}, {"actorText": "Tokyo", "code": "JAP"}])
    ['HUN', 'JPN']
    >>> gold_codes("")
    []
    """
    if not isinstance(field, list):
        return []
    codes = [str(actor["code"]).upper() for actor in field if isinstance(actor, dict) and actor.get("code")]
    return [CAMEO_CODES.get(code, code) for code in codes]


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(Errors.E001.format(path=path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(Errors.E163.format(path=path, reason=exc)) from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputFileError(Errors.E163.format(path=path, reason="expected a JSON list of event records"))
    events = [r for r in records if gold_type(r) and isinstance(r.get("text"), str) and r["text"].strip()]
    if not events:
        raise InputFileError(Errors.E163.format(path=path, reason="no event records with a sentence"))
    return events


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def evaluate_plover(path: str | Path | None = None, *, nlp=None, progress: bool = False) -> dict[str, Any]:
    """Code each PLOVER gold sentence and score source actors, target actors and event types.

    Parameters
    ----------
    path
        The gold file (a JSON list of records); the shared copy by default.
    nlp
        The extraction pipeline (built once when omitted).
    progress
        Show a progress bar on stderr.

    Returns
    -------
    dict
        ``records`` (scored), ``source`` / ``target`` (``scored``: records with gold codes, ``exact``: our
        codes equal the gold set, ``any``: at least one shared, ``found``: we coded some actor, with rates),
        ``type`` (``correct``, ``accuracy``, per-type ``by_type`` counts and a ``confusion`` of the commonest
        mistakes).

    Raises
    ------
    InputFileError
        The file is missing or not a PLOVER gold file (E001, E163).
    """
    from rich.progress import Progress

    from realpolitik.extract import load_pipeline, run_pipeline
    from realpolitik.extract.coding import actor_codes, code_sentence

    path = Path(path) if path is not None else default_plover_path()
    records = _read(path)
    nlp = nlp or load_pipeline()
    sides = {side: {"scored": 0, "exact": 0, "any": 0, "found": 0} for side in ("source", "target")}
    by_type: dict[str | None, Counter[str]] = {}
    confusion: Counter[tuple[str | None, str]] = Counter()
    correct = 0
    with Progress(transient=True, disable=not progress) as bar:
        task = bar.add_task("coding PLOVER sentences", total=len(records))
        for record in records:
            doc = run_pipeline(record["text"], nlp=nlp)
            coded = code_sentence(doc)
            expected = gold_type(record)
            counts = by_type.setdefault(expected, Counter())
            counts["gold"] += 1
            if coded.type == expected:
                correct += 1
                counts["correct"] += 1
            else:
                confusion[(expected, coded.type)] += 1
            for side, actors in (("source", coded.source), ("target", coded.target)):
                gold = set(gold_codes(record.get(side)))
                if not gold:
                    continue
                ours = set(actor_codes(doc, actors))
                sides[side]["scored"] += 1
                sides[side]["found"] += bool(ours)
                sides[side]["exact"] += ours == gold
                sides[side]["any"] += bool(ours & gold)
            bar.advance(task)
    rates = ("exact", "any", "found")
    scores = {side: {**counts, **{f"{key}_rate": _rate(counts[key], counts["scored"]) for key in rates}}
              for side, counts in sides.items()}
    return {
        "path": str(path),
        "records": len(records),
        "source": scores["source"],
        "target": scores["target"],
        "type": {"correct": correct, "accuracy": _rate(correct, len(records)),
                 "by_type": {kind: {"gold": c["gold"], "correct": c["correct"]} for kind, c in sorted(by_type.items())},
                 "confusion": [{"gold": g, "coded": o, "count": n} for (g, o), n in confusion.most_common(10)]},
    }
