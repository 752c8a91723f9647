"""Wall time of ``realpolitik report`` as a user runs it (a fresh interpreter, HTML output, default 10,000 press
draws), on the bundled model and on drafted models, with its split into analysis and drawing measured in process.

Run from the repository root::

    python benchmarks/report.py                 # bundled model; drafts of the seed and a dev article from ../shared
    python benchmarks/report.py --repeats 5

The drafts are made by ``realpolitik draft`` into a temporary folder first (not timed). Results go to
``benchmarks/results/report.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_52eea514bd0a09a1.txt"
ARTICLE = SHARED / "datasets" / "analysis-dev" / "texts" / "2023-08-02-wagners-next-in-africa.txt"
TARGET_SECONDS = 10.0


def _cli(*args: str | Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "realpolitik", *map(str, args)], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _items(path: Path) -> int:
    from realpolitik.model import load_model

    model = load_model(path)
    return sum(len(getattr(model, section)) for section in ("actors", "relations", "events", "concepts",
                                                             "causal_links", "forecasts"))


def _split(path: Path) -> dict[str, float]:
    """Seconds of analysis and press (build_report_data) and of figures and HTML (render_html), in process."""
    from realpolitik.model import load_model
    from realpolitik.report import build_report_data, render_html

    model = load_model(path)
    start = time.perf_counter()
    data = build_report_data(model, source=path.name)
    middle = time.perf_counter()
    render_html(data)
    return {"analysis_and_press": middle - start, "figures_and_html": time.perf_counter() - middle}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from realpolitik.data import bundled_model_path

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        models = {"bundled (curated)": bundled_model_path()}
        for name, text, published in (("seed op-ed, drafted", SEED, "2021-09-16"),
                                      ("Wagner article, drafted", ARTICLE, "2023-08-02")):
            if text.is_file():
                out = folder / f"{text.stem}.yaml"
                subprocess.run([sys.executable, "-m", "realpolitik", "draft", str(text), "-o", str(out),
                                "--published", published], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
                models[name] = out
        for name, path in models.items():
            _cli("report", path, "-o", folder / "warm-up.html")
            walls = [_cli("report", path, "-o", folder / "report.html") for _ in range(args.repeats)]
            row = {"model": name, "items": _items(path), "wall_median": statistics.median(walls), "walls": walls,
                   **_split(path)}
            rows.append(row)
            print(f"| {name} | {row['items']} items | report {row['wall_median']:.1f} s (median of {args.repeats}) | "
                  f"analysis and press {row['analysis_and_press']:.1f} s | figures and HTML "
                  f"{row['figures_and_html']:.1f} s | target < {TARGET_SECONDS:.0f} s: "
                  f"{'met' if row['wall_median'] < TARGET_SECONDS else 'not met'} |", flush=True)
    load = os.getloadavg()
    result = {"rows": rows, "load_average": load, "cpus": os.cpu_count(), "target_seconds": TARGET_SECONDS}
    out = ROOT / "benchmarks" / "results" / "report.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"load average {load[0]:.1f}; written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
