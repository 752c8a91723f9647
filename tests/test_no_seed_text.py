"""No run of the seed's words is committed: the model holds offsets and our own paraphrases only."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Runs this long are sentences or clauses, not names or short hedges ("will eventually have no choice").
RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_no_committed_file_repeats_the_seed(seed_path):
    seed = _words(seed_path.read_text(encoding="utf-8"))
    runs = {tuple(seed[i : i + RUN]) for i in range(len(seed) - RUN + 1)}
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True, text=True)
    files = listed.stdout.split() if listed.returncode == 0 else [str(p.relative_to(REPO)) for p in REPO.rglob("*.py")]
    offenders = []
    for name in files:
        path = REPO / name
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        hits = {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1) if tuple(words[i : i + RUN]) in runs}
        if hits:
            offenders.append(f"{name}: {sorted(hits)[:3]}")
    assert not offenders, "seed text found:\n" + "\n".join(offenders)
