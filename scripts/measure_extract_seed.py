"""Score the extractor on the seed op-ed against the bundled gold model (a development aid; `realpolitik eval seed`
on branch draft is the project's scoring command).

Usage: .venv/bin/python scripts/measure_extract_seed.py [--verbose]
Actors: recall and precision by id. People: role found and affiliation right. Dated events: each gold event
whose evidence overlaps an extracted event's; date right when equal (strict) or when one EDTF value lies
within the other (lenient). Relations: (source, type, target) triples.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from realpolitik.corpus import ingest_file
from realpolitik.data import bundled_model_path
from realpolitik.extract import extract_document
from realpolitik.model import load_model

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_52eea514bd0a09a1.txt"


def _interval(value: str) -> tuple[str, str]:
    first, _, last = value.partition("/")
    last = last or first
    low = first.replace("X", "0") if first != ".." else "0000"
    high = last.replace("X", "9") if last != ".." else "9999"
    return low, high + "\uffff"


def _within(inner: str, outer: str) -> bool:
    a, b = _interval(inner)
    c, d = _interval(outer)
    return c <= a and b <= d


def score(verbose: bool = False) -> dict:
    gold = load_model(bundled_model_path())
    ex = extract_document(ingest_file(SEED))
    gold_ids = {a.id for a in gold.actors}
    got_ids = {a.id for a in ex.actors}
    hit = gold_ids & got_ids
    people = {a.id: a for a in gold.actors if a.kind == "person"}
    got = {a.id: a for a in ex.actors}
    people_ok = sum(1 for p in people if p in got and got[p].role and got[p].affiliation == people[p].affiliation)
    dated = [e for e in gold.events if e.date_text]
    strict = lenient = 0
    misses = []
    for event in gold.events:
        spans = [(ev.start, ev.end) for ev in event.evidence]
        near = [x for x in ex.events if any(x.evidence.start < e and s < x.evidence.end for s, e in spans)]
        dates = [x.date for x in near if x.date]
        s_ok = str(event.date) in dates
        l_ok = s_ok or any(_within(d, str(event.date)) or _within(str(event.date), d) for d in dates)
        if event.date_text:
            strict += s_ok
            lenient += l_ok
        if not l_ok:
            misses.append((event.id, str(event.date), dates))
    all_strict = sum(1 for ev in gold.events if str(ev.date) in [x.date for x in ex.events if any(
        x.evidence.start < e.end and e.start < x.evidence.end for e in ev.evidence)])
    gold_rel = {(r.source, r.type, r.target) for r in gold.relations}
    got_rel = {(r.source, r.type, r.target) for r in ex.relations}
    pairs_gold = {(r.source, r.target) for r in gold.relations}  # pairs of actors, whatever the type
    pairs_got = {(r.source, r.target) for r in ex.relations}
    result = {
        "actors": {"gold": len(gold_ids), "extracted": len(got_ids), "matched": len(hit),
                   "recall": round(len(hit) / len(gold_ids), 3), "precision": round(len(hit) / len(got_ids), 3),
                   "missing": sorted(gold_ids - got_ids), "extra": sorted(got_ids - gold_ids)},
        "people": {"gold": len(people), "role_and_affiliation_right": people_ok},
        "dated_events": {"gold_with_date_text": len(dated), "strict_date_match": strict,
                         "lenient_date_match": lenient, "recall_strict": round(strict / len(dated), 3),
                         "recall_lenient": round(lenient / len(dated), 3),
                         "all_gold_events": len(gold.events), "all_strict": all_strict,
                         "extracted_events": len(ex.events)},
        "relations": {"gold": len(gold_rel), "extracted": len(got_rel), "triples_matched": len(gold_rel & got_rel),
                      "pairs_matched": len(pairs_gold & pairs_got), "pairs_gold": len(pairs_gold),
                      "pairs_extracted": len(pairs_got)},
    }
    if verbose:
        result["event_misses"] = misses
    return result


if __name__ == "__main__":
    print(json.dumps(score("--verbose" in sys.argv), indent=2))
