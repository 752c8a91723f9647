"""An extraction of the made-up Karsland briefing, built by hand with offsets computed from the text.

The briefing (tests/fixtures/draft/karsland_coup.txt) is our own invention. Every span below is found in
the text at run time, so the offsets are right by construction and move with any edit of the article.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from realpolitik.corpus import read_source_text
from realpolitik.record import Extraction

ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "karsland_coup.txt"


def find(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Start and end of the ``occurrence``-th appearance of ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def sentence(text: str, needle: str) -> dict:
    """Span evidence for the sentence of ``text`` that holds ``needle``."""
    start, end = find(text, needle)
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    match = re.search(r"[.?!](\s|$)", text[end - 1 :])
    right = end - 1 + (match.start() + 1 if match else len(text) - end + 1)
    return {"start": left, "end": right, "text": text[left:right]}


def mentions(text: str, *names: str) -> list[dict]:
    found = []
    for name in names:
        found += [{"start": m.start(), "end": m.end()} for m in re.finditer(re.escape(name), text)]
    kept: list[dict] = []
    for mention in sorted(found, key=lambda m: (m["start"], -m["end"])):
        if not kept or mention["start"] >= kept[-1]["end"]:  # "Meric" inside "Anton Meric" is the same mention
            kept.append(mention)
    return kept


def _actor(text, id_, name, kind, *, aliases=(), role=None, affiliation=None):
    return {"id": id_, "name": name, "kind": kind, "aliases": list(aliases), "role": role,
            "affiliation": affiliation, "mentions": mentions(text, name, *aliases)}


def _cause(text, cause, effect, polarity, *, hedge=None, cue=None, score=None, where=None):
    link = {"cause": cause, "effect": effect, "polarity": polarity, "hedge": hedge,
            "evidence": sentence(text, where or cause)}
    if cue:
        link["cue"] = cue
    if score is not None:
        link["score"] = score
    return link


def extraction_data(text: str, document_id: str) -> dict:
    """The extraction as JSON-ready data (what ``realpolitik extract --format json`` would print)."""
    return {
        "document": {"id": document_id, "title": "Karsland after the March coup: a briefing",
                     "author": "Tomas Reyl", "published": "2025-05", "language": "en",
                     "filename": ARTICLE.name},
        "actors": [
            _actor(text, "karsland", "Karsland", "state"),
            _actor(text, "council", "National Renewal Council", "armed_group", aliases=["the council", "the junta"]),
            _actor(text, "meric", "Anton Meric", "person", aliases=["Meric"], role="general", affiliation="council"),
            _actor(text, "halvorsen", "Lena Halvorsen", "person", role="president", affiliation="karsland"),
            _actor(text, "northern_union", "Northern Union", "organisation", aliases=["the Union"]),
            _actor(text, "velmar", "Velmar", "state"),
            _actor(text, "okonde", "Sara Okonde", "person", role="foreign minister", affiliation="velmar"),
            _actor(text, "tarrow", "Tarrow Minerals", "organisation"),
        ],
        "events": [
            {"id": "palace_seized", "date": "2025-03-14", "date_text": "On 14 March 2025", "type": "assault",
             "description": "Officers seize the palace and detain the president.",
             "actors": ["council", "meric", "halvorsen"], "evidence": sentence(text, "seized the presidential")},
            {"id": "aid_suspended", "date": "2025-04", "date_text": "in April 2025", "type": "sanction",
             "description": "The Union stops its budget support.", "actors": ["northern_union", "karsland"],
             "evidence": sentence(text, "suspended its aid")},
            {"id": "tessin_meeting", "date": "2025-05-02", "date_text": "on 2 May 2025", "type": "consult",
             "description": "Velmar's foreign minister meets Union envoys.", "actors": ["okonde", "northern_union"],
             "evidence": sentence(text, "met Union envoys")},
            {"id": "coup_1987", "date": "1987", "date_text": "in 1987", "type": "other",
             "description": "An earlier coup.", "actors": ["karsland"],
             "evidence": sentence(text, "two earlier coups")},
            {"id": "sanctions_imposed", "date": None, "type": "sanction",
             "description": "Sanctions on the junta's leaders.", "actors": ["northern_union", "council"],
             "evidence": sentence(text, "imposed sanctions")},
            {"id": "airport_closed", "date": None, "type": "coerce", "description": "Troops shut the airport.",
             "actors": [], "evidence": sentence(text, "closed the airport")},
        ],
        "relations": [
            {"source": "northern_union", "target": "council", "type": "sanction", "polarity": -0.7,
             "evidence": sentence(text, "imposed sanctions")},
            {"source": "velmar", "target": "council", "type": "concern", "polarity": -0.6,
             "evidence": sentence(text, "regards the council as a threat")},
            {"source": "tarrow", "target": "council", "type": "support", "polarity": 0.5,
             "evidence": sentence(text, "still supports the council")},
            {"source": "meric", "target": "council", "type": "affiliation", "polarity": 0.0,
             "evidence": sentence(text, "soldiers loyal to General")},
        ],
        "causal_links": [
            _cause(text, "The suspension of foreign aid", "rising food prices", 1, cue="led to"),
            _cause(text, "Higher food prices", "unrest in the capital", 1, cue="fuel"),
            _cause(text, "Growing unrest in the capital", "repression of protesters", 1, cue="pushes"),
            _cause(text, "that repression", "refugee flows into Velmar", 1, hedge="will", cue="increase"),
            _cause(text, "The flow of refugees", "the border economy of Velmar", -1, cue="strains"),
            _cause(text, "these sanctions", "the junta's finances", -1, hedge="could", cue="weaken", score=0.9),
            _cause(text, "A weaker treasury", "army morale", -1, hedge="may", cue="erode", score=0.7),
            _cause(text, "copper exports by Tarrow Minerals", "the soldiers paid", 1, cue="keep", score=0.8),
            _cause(text, "Protests in the capital", "more protests in the capital", 1, cue="breed"),
        ],
        "forecasts": [
            {"statement": "The council keeps power until spring.", "actors": ["council"],
             "estimative_term": "is likely to", "band": "likely", "probability": [0.55, 0.8],
             "evidence": sentence(text, "likely to hold power")},
            {"statement": "Velmar shuts its border once the camps are full.", "actors": ["velmar"],
             "estimative_term": "almost certainly", "band": "almost certain", "probability": [0.95, 0.99],
             "evidence": sentence(text, "almost certainly close")},
            {"statement": "The Union lifts sanctions if a credible election date is set.", "actors": ["northern_union"],
             "estimative_term": "may", "band": "roughly even chance", "probability": [0.45, 0.55],
             "evidence": sentence(text, "may lift its sanctions")},
        ],
    }


def karsland() -> tuple[Path, str, str, Extraction]:
    """The article's path, id, normalised text and its hand-built extraction."""
    source = read_source_text(ARTICLE)
    return ARTICLE, source.id, source.text, Extraction.model_validate(extraction_data(source.text, source.id))


def write_extraction(folder: Path) -> Path:
    """Write the extraction as JSON in ``folder`` (with the article beside it) and return its path."""
    path, document_id, text, _ = karsland()
    (folder / path.name).write_bytes(path.read_bytes())
    out = folder / "karsland.extraction.json"
    out.write_text(json.dumps(extraction_data(text, document_id), indent=2), encoding="utf-8")
    return out
