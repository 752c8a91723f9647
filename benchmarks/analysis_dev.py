"""Extraction on the ten analysis-dev articles, scored by the data set's own scorer; one command.

Usage: .venv/bin/python benchmarks/analysis_dev.py [--dev DIR] [--out DIR] [--only SLUG] [--write-docs]

Each text of ``DIR/texts/`` (default ``../shared/datasets/analysis-dev``) is extracted in this process with its
publication date from ``DIR/index.csv`` (as ``realpolitik extract TEXT --published DATE --format json`` would),
the results are written to ``--out`` as ``<slug>.json`` (default ``out/analysis-dev``), and ``DIR/score.py``
scores them: recall of actors, people, dated events, causal links and forecasts, and the two precision lower
bounds, per article and macro. ``--write-docs`` puts the table, with the seed's row from ``realpolitik eval
seed`` and the targets of issue 14, into ``docs/extraction.md`` between the markers there.

The data set is read, never copied: its texts and gold files stay in ``../shared``.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from machine import cpu_name

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "datasets" / "analysis-dev"
DOCS = ROOT / "docs" / "extraction.md"
BEGIN, END = "<!-- analysis-dev table: begin -->", "<!-- analysis-dev table: end -->"
KINDS = ("actors", "people", "events", "causal", "forecasts")
PRECISION = ("actor_precision", "causal_precision")
#: Issue 14's targets (macro over the ten articles).
TARGETS = {"actors": 0.90, "people": 0.85, "events": 0.60, "causal": 0.55, "forecasts": 0.85,
           "actor_precision": 0.85, "causal_precision": 0.45}


def published_dates(dev: Path) -> dict[str, str]:
    with (dev / "index.csv").open(encoding="utf-8", newline="") as handle:
        return {row["slug"]: row["published"] for row in csv.DictReader(handle)}


def extract_all(dev: Path, out: Path, only: str | None) -> dict[str, float]:
    """Extract every text (or those whose slug holds ``only``) into ``out``; seconds per article."""
    from realpolitik.extract import extract_file, load_pipeline

    nlp = load_pipeline()
    dates = published_dates(dev)
    out.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for path in sorted((dev / "texts").glob("*.txt")):
        slug = path.stem
        if only and only not in slug:
            continue
        start = time.perf_counter()
        extraction = extract_file(path, nlp=nlp, published=dates.get(slug))
        seconds[slug] = time.perf_counter() - start
        (out / f"{slug}.json").write_text(json.dumps(extraction.model_dump(mode="json"), indent=1, ensure_ascii=False),
                                          encoding="utf-8")
        print(f"  {slug}: {seconds[slug]:.1f} s", file=sys.stderr)
    return seconds


def score(dev: Path, out: Path) -> tuple[dict, str]:
    """score.py's per-article figures (JSON) and its printed table."""
    run = [sys.executable, str(dev / "score.py"), str(out)]
    figures = json.loads(subprocess.run([*run, "--json"], check=True, capture_output=True, text=True).stdout)
    printed = subprocess.run(run, check=True, capture_output=True, text=True).stdout
    return figures, printed


def macro(figures: dict) -> dict[str, float]:
    """Macro averages as score.py computes them: recall over articles that have gold items of the kind,
    precision over every article (an article with no extracted item counting 0)."""
    result = {}
    for kind in KINDS:
        values = [row[kind] for row in figures.values() if row.get(kind) is not None]
        result[kind] = sum(values) / len(values) if values else 0.0
    for kind in PRECISION:
        result[kind] = sum(row.get(kind) or 0.0 for row in figures.values()) / max(1, len(figures))
    return result


def seed_row() -> dict[str, float] | None:
    """The seed op-ed's recall from ``realpolitik eval seed`` (scored against the curated model), if at hand."""
    from realpolitik.errors import RealpolitikError
    from realpolitik.evaluate import evaluate_document

    try:
        rows = evaluate_document()["rows"]
    except RealpolitikError as exc:  # the seed is not at hand: the table goes without its row
        print(f"  no seed row: {exc}", file=sys.stderr)
        return None
    pick = {"actors": "actors", "people": "people", "events": "events", "causal": "causal_links",
            "forecasts": "forecasts"}
    found = {kind: rows[name]["recall"] for kind, name in pick.items()}
    found["causal_precision"] = rows["causal_links"]["precision"]
    found["events_by_date_prefix"] = rows["events"].get("date_prefix_recall")
    return found


def markdown(figures: dict, averages: dict, seed: dict | None, seconds: dict[str, float]) -> str:
    cell = lambda value: "–" if value is None else f"{value:.2f}"  # noqa: E731
    head = "| article | " + " | ".join(KINDS) + " | actor precision | causal precision |"
    lines = [head, "|" + "---|" * (len(KINDS) + 3)]
    for slug, row in figures.items():
        lines.append(f"| {slug} | " + " | ".join(cell(row.get(k)) for k in (*KINDS, *PRECISION)) + " |")
    lines.append("| **macro (ten articles)** | " + " | ".join(f"**{averages[k]:.2f}**" for k in (*KINDS, *PRECISION))
                 + " |")
    lines.append("| target (issue 14) | " + " | ".join(f"≥ {TARGETS[k]:.2f}" for k in (*KINDS, *PRECISION)) + " |")
    if seed:
        cells = {k: cell(seed.get(k)) for k in KINDS}
        if seed.get("events_by_date_prefix") is not None:  # the dev scorer's date rule beside the strict one
            cells["events"] += f" ({cell(seed['events_by_date_prefix'])} by date prefix)"
        lines.append("| the seed op-ed (`eval seed`, against the curated model) | "
                     + " | ".join(cells[k] for k in KINDS) + " | – | " + cell(seed.get("causal_precision")) + " |")
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    total = sum(seconds.values())
    lines += ["", f"Measured {when} on {cpu_name()}: {len(seconds)} articles extracted in {total:.0f} s "
                  f"(`python benchmarks/analysis_dev.py --write-docs`)."]
    return "\n".join(lines)


def write_docs(table: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = f"{before}{BEGIN}\n{table}\n{END}{after}"
    else:
        text = text.rstrip("\n") + f"\n\n## Scores on the analysis-dev articles\n\n{BEGIN}\n{table}\n{END}\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="the analysis-dev folder (texts/, gold/, score.py)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "analysis-dev", help="where the extractions go")
    parser.add_argument("--only", help="only the articles whose slug holds this")
    parser.add_argument("--score-only", action="store_true", help="score the extractions already in --out")
    parser.add_argument("--write-docs", action="store_true", help="put the table into docs/extraction.md")
    args = parser.parse_args(argv)
    if not (args.dev / "score.py").is_file():
        print(f"error: no analysis-dev data set at {args.dev} (expected texts/, gold/ and score.py)", file=sys.stderr)
        return 1
    seconds = {} if args.score_only else extract_all(args.dev, args.out, args.only)
    figures, printed = score(args.dev, args.out)
    print(printed, end="")
    if args.write_docs:
        if args.only or args.score_only:
            print("error: --write-docs needs a full run (no --only, no --score-only)", file=sys.stderr)
            return 2
        write_docs(markdown(figures, macro(figures), seed_row(), seconds))
        print(f"wrote the table into {DOCS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
