"""No run of a third-party text's words is committed: the seed, the dev articles and the later articles stay in
../shared; the model holds offsets and our own paraphrases only."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Runs this long are sentences or clauses, not names or short hedges ("will eventually have no choice").
RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shared_texts(seed_path: Path) -> list[Path]:
    datasets = seed_path.parent.parent / "datasets"
    return [seed_path, *sorted(datasets.glob("*/texts/*.txt"))]


def test_no_committed_file_repeats_a_shared_text(seed_path):
    runs = set()
    for source in _shared_texts(seed_path):
        words = _words(source.read_text(encoding="utf-8"))
        runs |= {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
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
    assert not offenders, "third-party text found:\n" + "\n".join(offenders)
