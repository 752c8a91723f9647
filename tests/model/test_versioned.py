"""Results computed once per version of a model file: one computation for callers asking at once, nothing kept
from a failure, a new version after any edit of the file, the newest results kept."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from realpolitik.data import bundled_model_path
from realpolitik.model import ModelFile, VersionedResults


@pytest.fixture
def model_file(tmp_path: Path) -> ModelFile:
    target = tmp_path / "model.yaml"
    shutil.copyfile(bundled_model_path(), target)
    return ModelFile(target)


def _slow_count(calls: list[int]):
    def count(model, _version):
        calls.append(1)
        time.sleep(0.2)  # long enough that every thread below asks while the first computes
        return len(model.concepts)

    return count


def test_callers_asking_at_once_wait_for_one_computation(model_file):
    results, calls, answers = VersionedResults(model_file), [], []
    threads = [threading.Thread(target=lambda: answers.append(results.result("n", "concepts", _slow_count(calls))))
               for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert answers == [len(model_file.load().concepts)] * 6


def test_a_failed_computation_keeps_nothing(model_file):
    results = VersionedResults(model_file)

    def fail(_model, _version):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        results.result("n", "k", fail)
    assert results.stored("n", "k") is None
    assert results.result("n", "k", lambda model, version: version) == model_file.version()


def test_an_edit_of_the_file_is_a_new_version(model_file):
    results = VersionedResults(model_file)
    first = results.result("n", "k", lambda model, version: version)
    views = []
    assert results.view("v", lambda model: views.append(1) or "seen") == "seen"
    assert results.view("v", lambda model: views.append(1) or "seen") == "seen" and len(views) == 1
    model_file.path.write_text(model_file.read_text() + "\n# a comment\n", encoding="utf-8")
    assert results.stored("n", "k") is None
    assert results.result("n", "k", lambda model, version: version) != first
    results.view("v", lambda model: views.append(1) or "seen")
    assert len(views) == 2


def test_the_newest_results_are_kept(model_file):
    results = VersionedResults(model_file, kept=2)
    for key in ("a", "b"):
        results.result("n", key, lambda model, version, key=key: key)
    assert results.stored("n", "a") == "a"  # asked for again: now newer than "b"
    results.result("n", "c", lambda model, version: "c")
    assert results.stored("n", "a") == "a" and results.stored("n", "c") == "c"
    assert results.stored("n", "b") is None
