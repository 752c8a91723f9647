"""Speed of the exports and imports, on the bundled model and on a large random causal map.

Usage (the project's own environment; PySD comes with the ``test`` extra)::

    .venv/bin/python benchmarks/interop.py             # best of 3 per case, printed as a Markdown table
    .venv/bin/python benchmarks/interop.py --concepts 2000 --links 10000

Each case is timed best-of-N, so a burst of load from another process on the shared machine counts against
neither; the PySD case times translating and running the exported XMILE model, the part a modeller waits for.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from realpolitik.data import bundled_model_path
from realpolitik.interop import export_model, import_model, sd_spec
from realpolitik.model import Model, load_model

__all__ = ["main"]


def random_model(concepts: int, links: int, seed: int = 0) -> Model:
    """A model with ``concepts`` concepts and ``links`` distinct random links (no self-loops), weights in -1..1."""
    rng = np.random.default_rng(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < links:
        i, j = (int(x) for x in rng.integers(0, concepts, size=2))
        if i != j:
            pairs.add((i, j))
    return Model.model_validate({
        "title": "random map",
        "concepts": [{"id": f"c{i}", "label": f"Concept {i}"} for i in range(concepts)],
        "causal_links": [{"id": f"l{i}_{j}", "cause": f"c{i}", "effect": f"c{j}",
                          "weight": round(float(rng.uniform(-1, 1)), 3)} for i, j in sorted(pairs)],
    })


def best_of(repeats: int, function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=1000)
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    models = {"bundled": load_model(bundled_model_path()), "random": random_model(args.concepts, args.links)}
    print(f"| case | bundled ({len(models['bundled'].concepts)} concepts) | random ({args.concepts} concepts, "
          f"{args.links} links) |")
    print("|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, Callable[[Model, Path], object]]] = [
            (f"export {fmt}", lambda m, d, fmt=fmt: export_model(m, fmt, d / f"out.{fmt}" if fmt not in (
                "csv", "parquet") else d / fmt)) for fmt in ("graphml", "gexf", "xmile", "vensim", "fcmpy", "csv",
                                                              "xlsx", "parquet", "json")
        ]
        cases += [
            ("import graphml (round trip)", lambda m, d: import_model(d / "out.graphml", "graphml")),
            ("import gexf (round trip)", lambda m, d: import_model(d / "out.gexf", "gexf")),
            ("import csv-matrix", lambda m, d: import_model(d / "out.fcmpy", "csv-matrix")),
        ]
        for name, case in cases:
            cells = []
            for key, model in models.items():
                target = folder / key
                target.mkdir(exist_ok=True)
                seconds = best_of(args.repeats, lambda case=case, model=model, target=target: case(model, target))
                cells.append(f"{seconds:.3f} s")
            print(f"| {name} | {' | '.join(cells)} |")
        try:
            import pysd
        except ImportError:
            return
        cells = []
        for key, model in models.items():
            path = folder / key / "out.xmile"
            names = list(sd_spec(model, steps=100).names)

            def run(path: Path = path, names: list[str] = names) -> None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    pysd.read_xmile(str(path)).run(return_columns=names)

            cells.append(f"{best_of(1 if key == 'random' else args.repeats, run):.3f} s")
        print(f"| PySD: translate and run the XMILE export, 100 steps | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
