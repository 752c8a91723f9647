"""Benchmark of the corpus store and batch extraction: words per second in-process (documents parsed in batches
through ``nlp.pipe``, and one at a time as before), on 1 and 2 local workers, and on a LocalCluster reached
through its scheduler address, over a corpus this script writes itself.

Run from the repository root::

    .venv/bin/python benchmarks/corpus.py                # 2,000 documents (the figures in docs/benchmarks.md)
    .venv/bin/python benchmarks/corpus.py --documents 200 --json out.json

Each run starts from a copy of the same freshly filled store, extracts every document with the real
extractor (spaCy pipeline included) and writes the results back. Peak RSS is each worker process's
high-water mark (``getrusage``), the current RSS is psutil's reading after its last document. The in-process
runs use a pipeline loaded before they start; the cluster runs include starting the workers and their pipelines.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil
from machine import cpu_name

from realpolitik.batch import extract_corpus
from realpolitik.batch.worker import cached_pipeline, default_loader
from realpolitik.store import CorpusStore, add_paths, run_query

STATES = ["Norway", "Sweden", "Finland", "Poland", "Turkey", "Iran", "Pakistan", "India", "China", "Japan",
          "Kazakhstan", "Uzbekistan", "Egypt", "Ethiopia", "Sudan", "Brazil", "Argentina", "Chile", "Canada", "Mexico"]
GROUPS = ["the European Union", "NATO", "the United Nations", "the African Union", "the World Bank"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
THINGS = ["the pipeline", "the border crossing", "grain exports", "the river treaty", "fishing rights",
          "the new port", "the rail corridor", "gas prices", "the dam project", "the trade deal"]
DRIVERS = ["higher tariffs", "the sanctions", "the drought", "rising fuel costs", "the naval exercises",
           "the refugee flows", "the loan programme", "the arms sales"]
OUTCOMES = ["trade", "regional stability", "public support for the government", "investment", "food prices",
            "the risk of clashes", "cooperation on water"]
HEDGES = ["will likely", "may", "is expected to", "could", "will almost certainly", "might"]
VERBS_UP = ["raise", "increase", "boost", "strengthen"]
VERBS_DOWN = ["reduce", "weaken", "lower", "undermine"]

TEMPLATES = [
    "{a} and {b} signed an agreement on {thing} in {month} {year}.",
    "In {month} {year}, officials from {a} met their counterparts from {b} to discuss {thing}.",
    "{a} accused {b} of blocking {thing}, and {b} rejected the claim.",
    "{group} urged {a} and {b} to settle the dispute over {thing}.",
    "{driver} {up} {outcome}, according to analysts in {a}.",
    "Observers in {b} argue that {driver} {down} {outcome}.",
    "{a} {hedge} seek support from {group} before the end of {year}.",
    "Talks between {a} and {b} broke down on {day} {month} {year}.",
    "{b} {hedge} answer with new restrictions on {thing}.",
    "The government of {a} said that {thing} matters more than its quarrel with {b}.",
    "Because of {driver}, {outcome} in {b} fell sharply last year.",
    "{group} is expected to send observers to {a} in {month}.",
]


def write_corpus(folder: Path, count: int, *, seed: int = 7) -> int:
    """Write ``count`` documents of 8 to 14 sentences from the templates above; return the words written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(count):
        a, b = rng.sample(STATES, 2)
        sentences = []
        for _ in range(rng.randint(8, 14)):
            sentences.append(rng.choice(TEMPLATES).format(
                a=a, b=b, group=rng.choice(GROUPS), thing=rng.choice(THINGS), month=rng.choice(MONTHS),
                year=rng.randint(2015, 2024), day=rng.randint(1, 28), driver=rng.choice(DRIVERS),
                outcome=rng.choice(OUTCOMES), hedge=rng.choice(HEDGES), up=rng.choice(VERBS_UP),
                down=rng.choice(VERBS_DOWN)))
            if rng.random() < 0.3:
                a, b = b, a
        sentences[0] = sentences[0][0].upper() + sentences[0][1:]
        body = " ".join(s[0].upper() + s[1:] for s in sentences)
        text = f"Brief {i}: {a} and {b}\n\n{body}\n"
        words += len(text.split())
        (folder / f"brief_{i:05d}.txt").write_text(text, encoding="utf-8")
    return words


def _machine() -> dict:
    cpu = cpu_name()
    import dask
    import duckdb
    import spacy

    memory = round(psutil.virtual_memory().total / 2**30)
    return {"cpu": cpu, "cores": psutil.cpu_count(logical=True), "memory_gb": memory,
            "python": platform.python_version(), "duckdb": duckdb.__version__, "dask": dask.__version__,
            "spacy": spacy.__version__, "system": f"{platform.system()} {platform.release()}"}


def one_at_a_time(document, *, nlp=None):
    """The project's extractor called on each document alone (another extractor than the default is never
    batched): the speed ``corpus extract`` had before it parsed documents together."""
    from realpolitik.extract import extract_document

    return extract_document(document, nlp=nlp)


def _run(template: Path, work: Path, name: str, **options) -> dict:
    db = work / f"{name}.duckdb"
    shutil.copy(template, db)
    started = time.perf_counter()
    report = extract_corpus(CorpusStore(db), progress=False, **options)
    wall = time.perf_counter() - started
    done = run_query(CorpusStore(db), "SELECT count(*) FROM extractions").rows[0][0]
    row = {"run": name, "mode": report.mode, "workers": report.workers, "documents": report.saved, "stored": done,
           "failed": report.failed, "words": report.words, "seconds": round(wall, 2),
           "words_per_second": round(report.words / wall, 1),
           "peak_rss_mb": {w: round(s["peak_rss"] / 2**20) for w, s in report.per_worker.items()},
           "pipeline_loads": {w: s["pipeline_loads"] for w, s in report.per_worker.items()},
           "documents_per_worker": {w: s["documents"] for w, s in report.per_worker.items()},
           # the store after the batch, which compacts it when a quarter of its blocks are free
           "compacted": report.compacted,
           "store_mb_per_1000_documents": round(db.stat().st_size / 2**20 / max(done, 1) * 1000, 1)}
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it (default: a temporary one).")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="rp-corpus-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": _machine(), "load_average_start": os.getloadavg(), "runs": []}
    try:
        started = time.perf_counter()
        results["words_written"] = write_corpus(work / "corpus", args.documents)
        template = work / "template.duckdb"
        added = add_paths(CorpusStore(template), [work / "corpus"])
        seconds = time.perf_counter() - started
        results["add"] = {"documents": len(added.added), "failed": len(added.failed), "words": added.words,
                          "seconds_write_and_add": round(seconds, 2)}
        print(json.dumps(results["add"]), file=sys.stderr, flush=True)
        runs = results["runs"]
        # both in-process runs share this process's pipeline: load it before either is timed, so neither pays it
        cached_pipeline(default_loader)
        runs.append(_run(template, work, "in-process", workers=1))
        runs.append(_run(template, work, "in-process-one-at-a-time", workers=1, extractor=one_at_a_time,
                         loader=default_loader))
        runs.append(_run(template, work, "local-1", workers=1, in_process=False, timeout=120))
        runs.append(_run(template, work, "local-2", workers=2, timeout=120))
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster:
            runs.append(_run(template, work, "scheduler-2", scheduler=cluster.scheduler_address, timeout=60))
        by_name = {r["run"]: r for r in runs}
        one, two = by_name["local-1"]["words_per_second"], by_name["local-2"]["words_per_second"]
        results["scaling_efficiency_local"] = round(two / (2 * one), 3) if one else None
        base = by_name["in-process"]["words_per_second"]
        results["scaling_efficiency_vs_in_process"] = round(two / (2 * base), 3) if base else None
        results["two_workers_over_one"] = round(two / one, 3) if one else None
        alone = by_name["in-process-one-at-a-time"]["words_per_second"]
        results["batched_over_one_at_a_time"] = round(base / alone, 3) if alone else None
        results["load_average_end"] = os.getloadavg()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
