"""Peak memory and time of `realpolitik ingest` or `realpolitik extract` on a large made-up text.

Issue 19 asks for under 400 MB at 50 MB. Run:
``PYTHONPATH=src python benchmarks/hostile_input.py [MEGABYTES] [--command ingest|extract]``; prints one JSON
line with the text's size, the command's exit status, the child's peak resident memory (``ru_maxrss`` of the
finished subprocess) and its wall time. The text is one short paragraph of our own, repeated.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = ("The river council met in Vell on Monday and agreed to share the water of the upper dam, "
             "while the downstream towns asked for a second gauge. ") * 6 + "\n\n"


def main(megabytes: float = 50.0, command: str = "ingest") -> dict:
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as folder:
        text = Path(folder) / "big.txt"
        text.write_text(PARAGRAPH * int(megabytes * 1024 * 1024 / len(PARAGRAPH)), encoding="utf-8")
        output = ["--output-dir", str(Path(folder) / "out")] if command == "ingest" else \
            ["-o", str(Path(folder) / "big.json")]
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "realpolitik", command, str(text), "--max-mb",
                               str(megabytes + 10), *output], capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return {"command": command, "text_mb": round(text.stat().st_size / 2**20, 1), "exit": done.returncode,
                "peak_mb": round(peak_kb / 1024), "seconds": round(seconds, 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("megabytes", nargs="?", type=float, default=50.0)
    parser.add_argument("--command", choices=("ingest", "extract"), default="ingest")
    arguments = parser.parse_args()
    print(json.dumps(main(arguments.megabytes, arguments.command)))
