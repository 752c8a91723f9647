"""Start-up of the command line: wall time of ``import realpolitik``, ``realpolitik --help`` and ``realpolitik
validate`` of the bundled model, each in a fresh interpreter, repeated and interleaved.

Run from the repository root::

    python benchmarks/startup.py                                  # this tree
    python benchmarks/startup.py --before /tmp/old/src            # and an older tree's sources, side by side

``--before`` takes another ``src`` folder (``git archive <commit> src | tar -x -C /tmp/old``): both trees run in
the same loop, one after the other, so that load from other work on a shared machine falls on both alike; the
ratio is the older median over this one's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = "src/realpolitik/data/models/russia_afghanistan_2021.yaml"
COMMANDS = {
    "import realpolitik": ["-c", "import realpolitik"],
    "realpolitik --help": ["-m", "realpolitik", "--help"],
    "realpolitik validate (bundled model)": ["-m", "realpolitik", "validate", BUNDLED],
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(src: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds one fresh interpreter takes to run ``args`` with ``src`` first on its path (CPU time
    is what a busy machine stretches least)."""
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "120"}
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def measure(trees: dict[str, Path], repeats: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    times: dict[str, dict[str, list[tuple[float, float]]]] = {name: {c: [] for c in COMMANDS} for name in trees}
    for src in trees.values():  # one warm-up each, so that the file cache is not what is measured
        for args in COMMANDS.values():
            timed(src, args)
    for _ in range(repeats):
        for command, args in COMMANDS.items():
            for name, src in trees.items():
                times[name][command].append(timed(src, args))
    return times


def summary(times: dict[str, dict[str, list[tuple[float, float]]]]) -> list[dict[str, object]]:
    rows = []
    for command in COMMANDS:
        row: dict[str, object] = {"command": command}
        for name, by_command in times.items():
            walls = [wall for wall, _ in by_command[command]]
            row[f"{name}_min"] = min(walls)
            row[f"{name}_median"] = statistics.median(walls)
            row[f"{name}_cpu"] = statistics.median(cpu for _, cpu in by_command[command])
        if "before" in times:
            row["ratio"] = row["before_median"] / row["now_median"]  # type: ignore[operator]
            row["cpu_ratio"] = row["before_cpu"] / row["now_cpu"]  # type: ignore[operator]
        rows.append(row)
    return rows


def markdown(rows: list[dict[str, object]], repeats: int) -> str:
    before = "before_median" in rows[0]
    lines = [f"Each command in a fresh interpreter, {repeats} repeats: min / median wall time, and median CPU time "
             "(user + system, what load from other work stretches least)."
             + (" *Before* is the tree given with `--before`, run in the same loop." if before else ""), "",
             "| command | " + ("before (wall; CPU) | " if before else "") + "now (wall; CPU) | "
             + ("speed-up (wall; CPU) |" if before else ""),
             "|---|" + ("---:|" if before else "") + "---:|" + ("---:|" if before else "")]
    for row in rows:
        cells = [str(row["command"])]
        if before:
            cells.append(f"{row['before_min']:.2f} / {row['before_median']:.2f} s; {row['before_cpu']:.2f} s")
        cells.append(f"{row['now_min']:.2f} / {row['now_median']:.2f} s; {row['now_cpu']:.2f} s")
        if before:
            cells.append(f"{row['ratio']:.1f}×; {row['cpu_ratio']:.1f}×")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree's src folder, measured in the same loop")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args(argv)
    trees = {"now": ROOT / "src"}
    if args.before is not None:
        trees["before"] = args.before.resolve()
    rows = summary(measure(trees, args.repeats))
    result = {"repeats": args.repeats, "load": os.getloadavg(), "rows": rows, "markdown": markdown(rows, args.repeats)}
    print(result["markdown"])
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
