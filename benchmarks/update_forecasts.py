"""How well ``update`` resolves the seed's forecasts from the three later documents, and how precise its evidence is.

Run from the repository root: ``PYTHONPATH=src python benchmarks/update_forecasts.py``. Every forecast of the
bundled model is treated as open (its resolution taken away), the model is updated with the later documents in
``../shared/datasets/afghanistan-later/`` (dates from their index.csv), and each proposed resolution is compared
with the resolution the bundled model records (curated from ``../shared/research/outcomes_2021_2026.md``).

Retrieval precision comes from ``update_retrieval_judgements.csv``: our own judgement, passage by passage, of
whether a retrieved passage bears on the forecast, with our paraphrase of the passage (never its text). Passages
are named by document and character span. ``--candidates`` writes the passages to judge (the update's own, with the
subject gate, and the three best without it) to a CSV with empty judgements.

Writes ``update_forecasts.json`` beside this file.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

from realpolitik.corpus import ingest_file
from realpolitik.data import bundled_model_path
from realpolitik.model import ModelFile, load_model
from realpolitik.updates import (
    RESOLVE_THRESHOLD,
    find_forecast_evidence,
    later_documents,
    load_similarity,
    split_passages,
    update_model,
)

HERE = Path(__file__).resolve().parent
LATER = HERE.parent.parent / "shared" / "datasets" / "afghanistan-later"
JUDGEMENTS = HERE / "update_retrieval_judgements.csv"
COLUMNS = ["forecast", "mode", "document", "start", "end", "score", "stance", "relevant", "paraphrase"]


def _precision(rows: list[dict[str, str]], mode: str, threshold: float) -> dict[str, float | int | None]:
    kept = [r for r in rows if r["mode"] == mode and float(r["score"]) >= threshold and r["relevant"] in ("yes", "no")]
    right = sum(r["relevant"] == "yes" for r in kept)
    return {"threshold": threshold, "judged": len(kept), "relevant": right,
            "precision": round(right / len(kept), 3) if kept else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=Path, help="write the passages to judge to this CSV and stop")
    args = parser.parse_args()
    texts = sorted((LATER / "texts").glob("*.txt"))
    if not texts:
        print(f"the later documents are not at {LATER}", file=sys.stderr)
        return 1
    later = later_documents(texts)
    gold = load_model(bundled_model_path())
    slugs = {}
    with tempfile.TemporaryDirectory(prefix="update-bench-") as tmp:
        model = Path(tmp) / "open.yaml"
        shutil.copy(bundled_model_path(), model)

        def reopen(root) -> None:
            for forecast in root["forecasts"]:
                forecast.pop("resolution", None)

        ModelFile(model).change(reopen)
        result = update_model(model, later, Path(tmp) / "updated.yaml", show_progress=False)
        opened = load_model(model)
    for document in later:
        slugs[ingest_file(document.path).id] = document.path.stem
    if args.candidates:
        passages = []
        for document in later:
            ingested = ingest_file(document.path, published=document.published)
            passages += split_passages(ingested.text, document=ingested.id, published=document.published,
                                       title=document.path.stem)
        ungated = find_forecast_evidence(opened.forecasts, passages, load_similarity("auto"))
        with args.candidates.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            for mode, found in (("gated", result.forecasts), ("ungated", ungated)):
                for evidence in found:
                    for passage, stance, score in evidence.passages:
                        writer.writerow({"forecast": evidence.forecast, "mode": mode,
                                         "document": slugs[passage.document], "start": passage.start,
                                         "end": passage.end, "score": round(score, 3), "stance": stance,
                                         "relevant": "", "paraphrase": ""})
        return 0
    truth = {f.id: f.resolution.outcome for f in gold.forecasts if f.resolution is not None}
    rows = list(csv.DictReader(JUDGEMENTS.open(encoding="utf-8"))) if JUDGEMENTS.is_file() else []
    judged = {(r["forecast"], r["document"], int(r["start"])): r["relevant"] for r in rows if r["mode"] == "gated"}
    proposals = []
    for e in result.forecasts:
        if e.proposed is None:
            continue
        grounds = next(p for p, stance, score in e.passages if stance != "mentions" and score >= RESOLVE_THRESHOLD)
        proposals.append({
            "forecast": e.forecast, "proposed": e.proposed.outcome, "date": e.proposed.date,
            "recorded": truth.get(e.forecast),
            "verdict": "unresolved in the model" if e.forecast not in truth
            else ("right" if truth[e.forecast] == e.proposed.outcome else "wrong"),
            # whether the passage it rests on bears on the forecast at all, by our judgement
            "passage_relevant": judged.get((e.forecast, slugs[grounds.document], grounds.start), "unjudged"),
        })
    report = {
        "retrieval": result.retrieval,
        "forecasts": len(opened.forecasts),
        "resolved_in_the_model": len(truth),
        "with_evidence": sum(1 for e in result.forecasts if e.passages),
        "proposed_resolutions": proposals,
        "right": sum(p["verdict"] == "right" for p in proposals),
        "right_on_a_relevant_passage": sum(p["verdict"] == "right" and p["passage_relevant"] == "yes"
                                           for p in proposals),
        "wrong": sum(p["verdict"] == "wrong" for p in proposals),
        "precision": {mode: [_precision(rows, mode, t) for t in (0.45, 0.55, 0.62)] for mode in ("gated", "ungated")},
        "seconds": result.seconds,
    }
    (HERE / "update_forecasts.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
