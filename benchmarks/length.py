"""Time of each extraction stage against document length: 6,000, 25,000 and 50,000 words.

Run from the repository root::

    python benchmarks/length.py                 # prints a table; --json out.json writes the numbers

The text is the made-up briefings under tests/extract/fixtures, joined and repeated until it has the length
asked for (so every length holds the same kind of sentences). Each spaCy component and our own components
are timed one by one, as :func:`realpolitik.extract.run_pipeline` runs them; "assemble" is what
:func:`realpolitik.extract.extract_document` does after the pipeline (causal links, forecasts, the result).
A stage is linear in length when its seconds per 1,000 words stay level from row to row.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "extract" / "fixtures"
LENGTHS = (6_000, 25_000, 50_000)


def text_of(words: int) -> str:
    """Paragraphs of the made-up briefings, repeated until the text has at least ``words`` words."""
    paragraphs = [p.strip() for path in sorted(FIXTURES.glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chosen: list[str] = []
    count = 0
    while count < words:
        for paragraph in paragraphs:
            chosen.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "\n\n".join(chosen)


def stage_times(text: str) -> dict[str, float]:
    """Seconds per pipeline component, and for what follows the pipeline, on one text."""
    from realpolitik.corpus import IngestedDocument
    from realpolitik.extract import extract_document, load_pipeline
    from realpolitik.extract.sentences import as_text_doc

    nlp = load_pipeline()
    times: dict[str, float] = {}
    doc = as_text_doc(nlp.make_doc(text))
    doc._.rp_published = None
    doc._.rp_author = None
    doc._.rp_title_end = 0
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        doc = component(doc)
        times[name] = time.perf_counter() - start
    start = time.perf_counter()
    extract_document(IngestedDocument(id="bench", text=text, language="en"), nlp=nlp)
    total = time.perf_counter() - start
    times["assemble"] = max(0.0, total - sum(times.values()))
    times["total"] = total
    return times


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS), help="words per text")
    args = parser.parse_args(argv)
    lengths = tuple(args.lengths)
    from realpolitik.extract import load_pipeline

    load_pipeline()(text_of(300))  # load and warm once
    rows = {}
    for words in lengths:
        text = text_of(words)
        rows[words] = {"words": len(text.split()), "times": stage_times(text)}
        print(f"{rows[words]['words']:,} words: {rows[words]['times']['total']:.1f} s", flush=True)
    stages = list(rows[lengths[0]]["times"])
    lines = ["| stage | " + " | ".join(f"{w:,} words" for w in lengths)
             + f" | time per word, {lengths[-1]:,} over {lengths[0]:,} words |",
             "|---|" + "---:|" * (len(lengths) + 1)]
    for stage in stages:
        per_k = [rows[w]["times"][stage] / rows[w]["words"] * 1000 for w in lengths]
        growth = per_k[-1] / per_k[0] if per_k[0] > 0 else float("nan")
        lines.append(f"| {stage} | " + " | ".join(f"{rows[w]['times'][stage]:.3f} s" for w in lengths)
                     + f" | {growth:.2f}× |")
    text = "\n".join(lines)
    print(text)
    if args.json is not None:
        args.json.write_text(json.dumps({"rows": rows, "markdown": text}, indent=2), encoding="utf-8")
    return {"rows": rows, "markdown": text}


if __name__ == "__main__":
    main(sys.argv[1:])
