"""Speed and accuracy of ingest: the numbers quoted in docs/ingest.md, measured again.

Usage (the project's own environment)::

    .venv/bin/python benchmarks/ingest.py              # timings on the seed and on generated text and HTML
    .venv/bin/python benchmarks/ingest.py --mb 5       # size of the generated plain-text file

Language and boilerplate accuracy are measured on the Causal News Corpus sentences in ``../shared/datasets``
(English news text), when that folder is there.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from realpolitik.corpus import detect_language, drop_boilerplate, ingest_file
from realpolitik.corpus.structure import find_structure

__all__ = ["main"]

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "ingest"


def _best(run, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _timings(megabytes: float) -> list[tuple[str, float]]:
    rows = []
    seed = SHARED / "seeds" / "000_52eea514bd0a09a1.txt"
    if seed.is_file():
        rows.append(("seed op-ed (txt)", _best(lambda: ingest_file(seed), 10)))
    ingest_file(FIXTURES / "page.html")  # the first call imports trafilatura
    rows.append(("small HTML page", _best(lambda: ingest_file(FIXTURES / "page.html"), 10)))
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        paragraph = (FIXTURES / "brief.txt").read_text(encoding="utf-8")
        with big.open("w", encoding="utf-8") as stream:
            while stream.tell() < megabytes * 2**20:
                stream.write(paragraph)
        rows.append((f"{megabytes:g} MB of plain text", _best(lambda: ingest_file(big, limit=2**31), 1)))
    return rows


def _accuracy() -> list[str]:
    corpus = SHARED / "datasets" / "causal-news-corpus-v2" / "train_subtask1.csv"
    if not corpus.is_file():
        return [f"(no {corpus}: accuracy not measured)"]
    with corpus.open(encoding="utf-8") as stream:
        sentences = [row["text"] for row in csv.DictReader(stream)]
    long = [s for s in sentences if len(s.split()) >= 8]
    codes = [detect_language(s).code for s in long]
    chunks = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences) - 4, 5)]
    chunk_codes = [detect_language(c).code for c in chunks]
    dropped = drop_boilerplate("\n".join(sentences) + "\n").dropped
    laid_out = "Title\n\n" + "\n\n".join(s.strip() for s in sentences) + "\n"
    headings = find_structure(laid_out).sections
    return [
        f"single sentences of 8+ words: {codes.count('en')}/{len(long)} English "
        f"({codes.count('en') / len(long):.1%}), {codes.count(None)} undecided, "
        f"{len(long) - codes.count('en') - codes.count(None)} other",
        f"five-sentence chunks: {chunk_codes.count('en')}/{len(chunks)} English",
        f"boilerplate lines dropped among {len(sentences)} news sentences: {len(dropped)}",
        f"sentences taken for headings when each is a paragraph: {len(headings)}/{len(sentences)} "
        f"({len(headings) / len(sentences):.1%})",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=19.0, help="size of the generated plain-text file")
    args = parser.parse_args()
    print("| case | best time |\n|---|---|")
    for name, seconds in _timings(args.mb):
        print(f"| {name} | {seconds * 1000:.1f} ms |" if seconds < 1 else f"| {name} | {seconds:.2f} s |")
    print()
    for line in _accuracy():
        print(line)


if __name__ == "__main__":
    main()
