"""Draw relations at random from the extractions of the analysis-dev articles, to judge them by hand.

Usage: .venv/bin/python benchmarks/relations_sample.py [--extractions DIR ...] [--seed N] [--size N]
           [--csv FILE] [--show] [--score]

``--extractions`` holds the ``<slug>.json`` files that ``benchmarks/analysis_dev.py --out DIR`` writes (default
``out/analysis-dev``); several folders may be given (the dev articles and held-out ones). The relations of all
articles are pooled in a fixed order (slug, evidence span, source, type, target) and ``--size`` of them (default
50) are drawn with ``random.Random(seed)`` (default seed 14); when the pool is smaller, all of it is the sample.

``--csv FILE`` writes the sample as a table to judge: slug, evidence start and end, source, type, target,
polarity, verdict, reason. Verdicts and reasons already in FILE for the same relation are kept, so the file can
be redrawn after a change without losing the judgements. A verdict is one of ``right``, ``wrong type``, ``wrong
direction``, ``wrong polarity``, ``not a relation``; the reason is the judge's own words. The article text is
never written: ``--show`` prints each relation's sentence on the terminal for the judge, and the offsets in the
table point into the article (``../shared/datasets/analysis-dev/texts/<slug>.txt`` as the ingest stage reads it).

``--score`` prints the precision of the judged rows of ``--csv``: right / judged, in all and per slug prefix given
with ``--part PREFIX`` (repeatable).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("slug", "start", "end", "source", "type", "target", "polarity", "verdict", "reason")
VERDICTS = ("right", "wrong type", "wrong direction", "wrong polarity", "not a relation")


def pool(*folders: Path) -> list[dict]:
    """Every relation of every ``<slug>.json`` in ``folders``, in a fixed order, with its slug and text."""
    rows = []
    for path in sorted(p for folder in folders for p in folder.glob("*.json")):
        for relation in json.loads(path.read_text(encoding="utf-8")).get("relations", []):
            evidence = relation["evidence"]
            rows.append({"slug": path.stem, "start": evidence["start"], "end": evidence["end"],
                         "source": relation["source"], "type": relation["type"], "target": relation["target"],
                         "polarity": relation["polarity"], "text": evidence.get("text", ""),
                         "cue": relation.get("cue", "")})
    return sorted(rows, key=lambda r: (r["slug"], r["start"], r["end"], r["source"], r["type"], r["target"]))


def draw(rows: list[dict], size: int, seed: int) -> list[dict]:
    """``size`` rows drawn without replacement by ``random.Random(seed)``, in the pool's order."""
    picked = sorted(random.Random(seed).sample(range(len(rows)), min(size, len(rows))))
    return [rows[i] for i in picked]


def _key(row: dict) -> tuple:
    return (row["slug"], int(row["start"]), int(row["end"]), row["source"], row["type"], row["target"])


def read_judged(path: Path) -> dict[tuple, dict]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {_key(row): row for row in csv.DictReader(handle)}


def write_csv(sample: list[dict], path: Path) -> None:
    judged = read_judged(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for row in sample:
            old = judged.get(_key(row), {})
            writer.writerow({**{k: row[k] for k in FIELDS[:7]}, "verdict": old.get("verdict", ""),
                             "reason": old.get("reason", "")})


def score(path: Path, prefix: str = "") -> tuple[int, int, Counter]:
    """(right, judged, count of each verdict) of a judged table, over the slugs starting with ``prefix``."""
    verdicts = Counter(row["verdict"] for row in read_judged(path).values()
                       if row.get("verdict") and row["slug"].startswith(prefix))
    unknown = set(verdicts) - set(VERDICTS)
    if unknown:
        raise SystemExit(f"error: {path}: unknown verdicts {sorted(unknown)} (use one of {', '.join(VERDICTS)})")
    return verdicts["right"], sum(verdicts.values()), verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extractions", type=Path, nargs="+", default=[ROOT / "out" / "analysis-dev"])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--csv", type=Path, help="the table of the sample, with verdicts kept across redraws")
    parser.add_argument("--show", action="store_true", help="print each drawn relation with its sentence")
    parser.add_argument("--score", action="store_true", help="precision of the judged rows of --csv")
    parser.add_argument("--part", action="append", default=[], help="with --score: also the slugs starting so")
    args = parser.parse_args(argv)
    if args.score:
        if args.csv is None:
            parser.error("--score needs --csv")
        for prefix in ["", *args.part]:
            right, judged, verdicts = score(args.csv, prefix)
            print(f"{args.csv.name}{' ' + prefix + '*' if prefix else ''}: {right} of {judged} right "
                  f"({right / judged if judged else 0:.2f}); "
                  + ", ".join(f"{v}: {n}" for v, n in verdicts.most_common()))
        return 0
    rows = pool(*args.extractions)
    if not rows:
        print(f"error: no relations in {', '.join(map(str, args.extractions))} (run benchmarks/analysis_dev.py first)",
              file=sys.stderr)
        return 1
    sample = draw(rows, args.size, args.seed)
    print(f"{len(sample)} of {len(rows)} relations drawn (seed {args.seed})", file=sys.stderr)
    if args.csv is not None:
        write_csv(sample, args.csv)
    if args.show:
        for n, row in enumerate(sample, 1):
            print(f"{n:2d}. {row['slug'][:30]} {row['start']}-{row['end']} [{row['cue']}] "
                  f"{row['source']} --{row['type']} {row['polarity']:+.2f}--> {row['target']}")
            print("    " + " ".join(row["text"].split()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
