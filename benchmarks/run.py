"""Benchmarks of the simulation stage against FCMpy 0.0.21, side by side in one run.

Usage (the environment is made by ``bash benchmarks/setup.sh``)::

    .venv-bench/bin/python benchmarks/run.py            # writes docs/benchmarks.md
    .venv-bench/bin/python benchmarks/run.py --quick    # fewer repeats, prints only
    .venv-bench/bin/python benchmarks/run.py --all      # every benchmark script here, one report

Every FCM case runs the same random map from the same start for 100 steps (modified Kosko, sigmoid λ = 1,
no early stop) in both libraries, checks that the final states agree, and reports the best of several
repeats of each, so that a burst of load from another process on a shared machine counts against neither.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import scipy
import scipy.sparse as sp

from realpolitik.simulate import press_montecarlo, run_fcm

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
STEPS = 100


def random_map(n: int, links: int, seed: int) -> sp.csr_array:
    """A random signed map: ``links`` distinct links (no self-loops), weights uniform in [-1, 1]."""
    rng = np.random.default_rng(seed)
    chosen: set[int] = set()
    while len(chosen) < links:
        draw = rng.integers(0, n * n, size=2 * (links - len(chosen)))
        chosen.update(int(x) for x in draw if x // n != x % n)
    flat = np.array(sorted(chosen)[:links])
    rng.shuffle(flat)
    flat = flat[:links]
    return sp.csr_array((rng.uniform(-1, 1, links), (flat // n, flat % n)), shape=(n, n))


def best_of(repeats: int, function: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def fcmpy_run(weights: np.ndarray, initial: np.ndarray) -> np.ndarray:
    import pandas as pd
    from fcmpy import FcmSimulator

    names = [f"c{i}" for i in range(weights.shape[0])]
    frame = pd.DataFrame(weights, index=names, columns=names)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = FcmSimulator.simulate(initial_state=dict(zip(names, initial.tolist(), strict=True)),
                                       weight_matrix=frame, transfer="sigmoid", inference="mKosko",
                                       thresh=-1.0, iterations=STEPS, l=1)
    return result.to_numpy()[-1]


def ours_run(weights: object, initial: np.ndarray) -> np.ndarray:
    return run_fcm(weights, initial, rule="modified_kosko", transfer="sigmoid", steps=STEPS, tolerance=-1.0).run(0)[-1]


def machine() -> dict[str, str]:
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")),
                     platform.processor())
    except OSError:
        model = platform.processor()
    import pandas

    try:
        from importlib.metadata import version

        fcmpy_version = version("fcmpy")
    except Exception:  # noqa: BLE001 - the report says so instead of failing
        fcmpy_version = "not installed"
    return {"cpu": model, "cores": str(os.cpu_count()), "python": platform.python_version(), "numpy": np.__version__,
            "scipy": scipy.__version__, "pandas": pandas.__version__, "fcmpy": fcmpy_version,
            "os": f"{platform.system()} {platform.release()}",
            "load": " / ".join(f"{x:.2f}" for x in os.getloadavg())}


def fcm_cases(quick: bool) -> list[dict[str, object]]:
    cases = [("20 concepts, 80 links", 20, 80, 30), ("1,000 concepts, 5,000 links", 1000, 5000, 5),
             ("5,000 concepts, 25,000 links", 5000, 25_000, 3), ("1,000 concepts, 200,000 links (dense, 20 %)", 1000,
                                                                 200_000, 5)]
    rows = []
    for label, n, links, repeats in cases:
        repeats = 2 if quick else repeats
        weights = random_map(n, links, seed=n + links)
        initial = np.random.default_rng(n).uniform(0, 1, n)
        dense = weights.toarray()
        ours_time, ours_final = best_of(repeats, lambda w=weights, x=initial: ours_run(w, x))
        peer_time, peer_final = best_of(max(1, repeats // 2), lambda w=dense, x=initial: fcmpy_run(w, x))
        rows.append({"case": label, "ours": ours_time, "fcmpy": peer_time, "ratio": peer_time / ours_time,
                     "agree": float(np.abs(np.asarray(ours_final) - np.asarray(peer_final)).max())})
        print(f"{label}: ours {ours_time * 1e3:.2f} ms, FCMpy {peer_time * 1e3:.1f} ms, "
              f"{peer_time / ours_time:.0f}x, max |diff| {rows[-1]['agree']:.1e}", flush=True)
    return rows


def batch_case(quick: bool, n: int, links: int, scenarios: int) -> dict[str, float]:
    weights = random_map(n, links, seed=11)
    rng = np.random.default_rng(2)
    initial = np.full((scenarios, n), 0.5)
    mask = np.zeros((scenarios, n), dtype=bool)
    mask[np.arange(scenarios), rng.integers(0, n, scenarios)] = True
    values = np.where(mask, 1.0, 0.5)

    def batched() -> object:
        return run_fcm(weights, initial, clamp_mask=mask, clamp_values=values, steps=STEPS, tolerance=-1.0)

    def looped() -> object:
        return [run_fcm(weights, initial[r], clamp_mask=mask[r], clamp_values=values[r], steps=STEPS,
                        tolerance=-1.0) for r in range(scenarios)]

    batch_time, _ = best_of(2 if quick else 3, batched)
    loop_time, _ = best_of(1 if quick else 2, looped)
    print(f"{scenarios} scenarios x {n} concepts: batch {batch_time:.3f} s, loop {loop_time:.3f} s", flush=True)
    return {"batch": batch_time, "loop": loop_time, "scenarios": scenarios, "n": n, "links": links}


def large_case(quick: bool) -> float:
    weights = random_map(100_000, 1_000_000, seed=5)
    initial = np.random.default_rng(5).uniform(0, 1, 100_000)
    elapsed, _ = best_of(2 if quick else 3, lambda: ours_run(weights, initial))
    print(f"100,000 concepts, 1,000,000 links, 100 steps: {elapsed:.3f} s", flush=True)
    return elapsed


def blas_case(quick: bool) -> dict[str, float]:
    """A dense 1,000-concept single run with BLAS held to one thread (what run_fcm does) and with BLAS's own
    thread count (the limit switched off), interleaved."""
    from threadpoolctl import threadpool_info

    from realpolitik.simulate import fcm

    weights = random_map(1000, 200_000, seed=1200).toarray()
    initial = np.random.default_rng(12).uniform(0, 1, 1000)
    limited, free = float("inf"), float("inf")
    default_min = fcm.BLAS_ONE_THREAD_MIN
    for _ in range(2 if quick else 5):
        limited = min(limited, best_of(1, lambda: ours_run(weights, initial))[0])
        fcm.BLAS_ONE_THREAD_MIN = 10**9
        try:
            free = min(free, best_of(1, lambda: ours_run(weights, initial))[0])
        finally:
            fcm.BLAS_ONE_THREAD_MIN = default_min
    threads = max((int(i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"), default=1)
    print(f"dense 1,000 concepts: one BLAS thread {limited * 1e3:.1f} ms, {threads} threads {free * 1e3:.1f} ms",
          flush=True)
    return {"limited": limited, "free": free, "threads": threads}


def montecarlo_case(quick: bool) -> dict[str, float]:
    # a 30-concept map sparse enough that a good share of draws is stable, so the eigenvalue test runs often
    rng = np.random.default_rng(30)
    signs = np.sign(rng.uniform(-1, 1, (30, 30)) * (rng.random((30, 30)) < 0.04)).astype(int)
    np.fill_diagonal(signs, -1)
    press = np.zeros(30)
    press[0] = 1
    elapsed, tally = best_of(2 if quick else 3, lambda: press_montecarlo(signs, press, draws=10_000, seed=1))
    print(f"Monte Carlo, 30 concepts, 10,000 draws: {elapsed:.3f} s, {tally.stable} stable", flush=True)
    return {"time": elapsed, "stable": tally.stable, "links": int((signs != 0).sum() - 30)}


def report(info: dict[str, str], rows: list[dict[str, object]], batch: list[dict[str, float]], large: float,
           mc: dict[str, float], blas: dict[str, float]) -> str:
    lines = [
        "# Benchmarks of the simulation stage",
        "",
        ("Produced by `.venv-bench/bin/python benchmarks/run.py` (set up with `bash benchmarks/setup.sh`); every "
        "number below comes from that one run. Times are the best of several repeats (the machine is shared "
        "with other work), in the same process for both libraries."),
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} cores; {info['os']}",
        (f"- Python {info['python']}, numpy {info['numpy']}, scipy {info['scipy']}, pandas {info['pandas']}, "
        f"FCMpy {info['fcmpy']}"),
        (f"- Load average (1 / 5 / 15 min) when the run started: {info['load']}; at its end: {os.getloadavg()[0]:.2f}. "
        "The machine is shared, so single numbers move from run to run; the ratios are taken within one run."),
        "",
        "## FCM inference against FCMpy",
        "",
        (f"Random signed maps (weights uniform in [-1, 1], no self-loops), one run from a random start, "
        f"{STEPS} steps of modified Kosko with a sigmoid (λ = 1), no early stop in either library. Our engine picks "
        "dense numpy or scipy.sparse by itself (`use_sparse`); FCMpy gets the same map as a dense DataFrame. "
        "\"max |diff|\" is the largest difference between the two final states."),
        "",
        "| map | realpolitik | FCMpy 0.0.21 | speed-up | max \\|diff\\| |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(f"| {row['case']} | {row['ours'] * 1e3:.2f} ms | {row['fcmpy'] * 1e3:.1f} ms | "
                     f"{row['ratio']:.0f}× | {row['agree']:.1e} |")
    lines += [
        "",
        ("Targets: ≥100× at 20 concepts, ≥20× at 1,000 and 5,000 concepts (sparse maps, mean five links per concept, "
        "as causal maps are). The dense row is there for honesty: when most links exist the work is one dense "
        "matrix–vector product per step in both libraries, and the speed-up is FCMpy's per-step pandas overhead only."),
        "",
        "## Many scenarios as one batch",
        "",
        (f"Each scenario clamps one concept; {STEPS} steps. One batch is one state matrix; the loop runs the same "
        "scenarios one call at a time."),
        "",
        "| map | scenarios | one batch | loop of single runs | speed-up |",
        "|---|---:|---:|---:|---:|",
        *[f"| {b['n']:,.0f} concepts, {b['links']:,.0f} links | {b['scenarios']:,.0f} | {b['batch']:.3f} s | "
          f"{b['loop']:.3f} s | {b['loop'] / b['batch']:.1f}× |" for b in batch],
        "",
        "## A large sparse map",
        "",
        f"100,000 concepts, 1,000,000 links, {STEPS} steps (full trajectory kept): **{large:.3f} s** (target < 1 s).",
        "",
        "## Monte Carlo press perturbation",
        "",
        (f"10,000 draws of a 30-concept map ({mc['links']:.0f} links plus self-limitation), stability-filtered by "
        f"eigenvalues: **{mc['time']:.3f} s** (target < 2 s), {mc['stable']:.0f} stable draws."),
        "",
        "## BLAS threads on a dense map",
        "",
        (f"One run of a dense 1,000-concept map (200,000 links), {STEPS} steps: **{blas['limited'] * 1e3:.1f} ms** "
        f"with BLAS held to one thread (what `run_fcm` does for dense single runs of 256 concepts or more), "
        f"{blas['free'] * 1e3:.1f} ms with BLAS's own {blas['threads']:.0f} threads: "
        f"{blas['free'] / blas['limited']:.1f}× (best of interleaved repeats)."),
        "",
    ]
    return "\n".join(lines)


def corpus_section(results: dict) -> str:
    """The corpus benchmark's runs as a table, with the scaling efficiency taken in the same run."""
    add = results["add"]
    lines = ["## Corpus store and batch extraction", "",
             (f"{add['documents']:,} made-up briefs ({add['words']:,} words) written and added to a fresh store in "
              f"{add['seconds_write_and_add']:.1f} s, then extracted four times from copies of it with the real "
              "extractor, results written back (`benchmarks/corpus.py`)."), "",
             "| run | workers | seconds | words / s |", "|---|---:|---:|---:|"]
    for run in results["runs"]:
        lines.append(f"| {run['run']} | {run.get('workers', '')} | {run.get('seconds', float('nan')):.1f} | "
                     f"{run.get('words_per_second', 0):,.0f} |")
    lines += ["", (f"Scaling efficiency (two workers' speed over twice one worker's): "
                   f"{results.get('scaling_efficiency_local')} on the LocalCluster, "
                   f"{results.get('scaling_efficiency_vs_in_process')} against the in-process run."), ""]
    return "\n".join(lines)


def everything_else(quick: bool, corpus_documents: int) -> list[str]:
    """The sections of the other benchmark scripts beside this one, each run here, one after the other."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus
    import extract
    import length
    import startup
    import web

    sections = ["## Start-up of the command line\n\n`benchmarks/startup.py`. "
                + startup.main(["--repeats", "3" if quick else "10"])["markdown"],
                "## The web app under 20 clients\n\n`benchmarks/web.py`. "
                + web.main(["--simulate", "2" if quick else "10", "--press", "1" if quick else "5"])["markdown"],
                "## Extraction time against document length\n\n`benchmarks/length.py`.\n\n"
                + length.main(["--lengths", "600", "1200"] if quick else [])["markdown"],
                extract._section(extract.measure(1 if quick else 5)),
                corpus_section(corpus.main(["--documents", str(corpus_documents)]))]
    return [section.rstrip("\n") + "\n" for section in sections]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; print only, do not write the report")
    parser.add_argument("--all", action="store_true",
                        help="run every benchmark script beside this one too, and write them all into one report")
    parser.add_argument("--corpus-documents", type=int, default=2000, help="corpus size for --all")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    info = machine()
    print(info, flush=True)
    rows = fcm_cases(args.quick)
    batch = [batch_case(args.quick, 30, 150, 1000), batch_case(args.quick, 1000, 5000, 200)]
    large = large_case(args.quick)
    mc = montecarlo_case(args.quick)
    blas = blas_case(args.quick)
    text = report(info, rows, batch, large, mc, blas)
    if args.all:
        text = text.replace("# Benchmarks of the simulation stage", "# Benchmarks", 1)
        text = text.replace("Produced by `.venv-bench/bin/python benchmarks/run.py`",
                            "Produced by `.venv-bench/bin/python benchmarks/run.py --all`", 1)
        text = text.rstrip("\n") + "\n\n" + "\n".join(everything_else(args.quick, args.corpus_documents))
        text = text.replace("## Machine\n\n", f"## Machine\n\n- Run: {started:%Y-%m-%d %H:%M} to "
                                               f"{datetime.now(UTC):%H:%M} UTC, every section below in this run\n", 1)
    if args.quick:
        print(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main(sys.argv[1:])
