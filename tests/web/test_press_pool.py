"""Presses computed in the app's worker processes: the same answers and errors as in the server's own thread, one
computation for clients asking at once, a dead worker answered with E285 and replaced, the pool ended with the app."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from realpolitik.model import load_model
from realpolitik.report import page_data, page_worker
from realpolitik.web import WebSettings, create_app

PRESS = {"concept": "aid_and_assets", "direction": 1, "draws": 500, "seed": 3}
#: Where a worker running :func:`_counted_press` notes each press it computes (a file: workers are processes).
LOG_ENV = "REALPOLITIK_TEST_PRESS_LOG"


def _die(*_args: object) -> None:
    """Sent in place of a press: the worker process ends at once, as one killed or out of memory does."""
    os._exit(3)


def _counted_press(*args):
    with open(os.environ[LOG_ENV], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    return page_worker.press_task(*args)


def _ready(client: TestClient, timeout: float = 120.0) -> None:
    """Read the scenario list (which starts the workers) and wait until presses go to them."""
    state = client.app.state.realpolitik
    assert client.get("/api/scenarios").status_code == 200
    deadline = time.monotonic() + timeout
    while not state.pool.ready():
        assert time.monotonic() < deadline, "the press workers did not start"
        time.sleep(0.05)


def _client(model: Path, **settings) -> TestClient:
    return TestClient(create_app(WebSettings(model=model, **settings)), base_url="http://127.0.0.1")


def test_a_press_from_a_worker_is_the_answer_computed_in_process(model_copy):
    expected = page_data.press_view(load_model(model_copy), PRESS["concept"], PRESS["direction"],
                                    draws=PRESS["draws"], seed=PRESS["seed"])[0]
    with _client(model_copy) as client:
        _ready(client)
        pooled = client.post("/api/press", json=PRESS)
        other = client.post("/api/press", json={**PRESS, "direction": -1})
    with _client(model_copy, press_workers=0) as client:
        in_process = client.post("/api/press", json=PRESS)
        assert not client.app.state.realpolitik.pool.made  # nothing was started for it
    assert pooled.status_code == 200 and pooled.json() == expected == in_process.json()
    assert other.status_code == 200 and other.json() != expected


def test_a_press_error_from_a_worker_is_the_same_coded_error(model_copy):
    with _client(model_copy, press_workers=0) as client:
        in_process = client.post("/api/press", json={"concept": "atlantis"})
    with _client(model_copy) as client:
        _ready(client)
        pooled = client.post("/api/press", json={"concept": "atlantis"})
        assert client.post("/api/press", json={**PRESS, "direction": 0}).status_code == 422
    assert pooled.status_code == in_process.status_code == 404
    assert pooled.json() == in_process.json()
    assert pooled.json()["detail"].startswith("unknown concept 'atlantis'; known concepts: ")


def test_clients_pressing_at_once_wait_for_one_computation(model_copy, tmp_path, monkeypatch):
    log = tmp_path / "presses.log"
    monkeypatch.setenv(LOG_ENV, str(log))  # before the pool is made: its workers take the environment then
    monkeypatch.setattr(page_worker, "press_task", _counted_press)
    with _client(model_copy) as client:
        _ready(client)
        answers: list = []
        threads = [threading.Thread(target=lambda: answers.append(client.post("/api/press", json=PRESS)))
                   for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [answer.status_code for answer in answers] == [200] * 8
        assert all(answer.json() == answers[0].json() for answer in answers)
        assert len(log.read_text(encoding="utf-8").splitlines()) == 1
        assert client.post("/api/press", json={**PRESS, "seed": 4}).status_code == 200
        assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_a_worker_that_dies_is_a_503_and_the_next_press_gets_a_fresh_pool(model_copy, monkeypatch):
    with _client(model_copy) as client:
        state = client.app.state.realpolitik
        _ready(client)
        first_pool = state.pool._pool
        monkeypatch.setattr(page_worker, "press_task", _die)
        died = client.post("/api/press", json=PRESS)
        assert died.status_code == 503, died.text
        assert died.json()["detail"].startswith("the press was not computed: the worker process computing it "
                                                "stopped (BrokenProcessPool)")
        monkeypatch.undo()
        again = client.post("/api/press", json=PRESS)  # the same request: the failure was not kept as its answer
        assert again.status_code == 200 and again.json()["draws"] == PRESS["draws"]
        assert state.pool._pool is not None and state.pool._pool is not first_pool
        _ready(client)
        assert client.post("/api/press", json={**PRESS, "seed": 5}).status_code == 200


def test_the_pool_ends_with_the_app(model_copy):
    with _client(model_copy) as client:
        state = client.app.state.realpolitik
        _ready(client)
        assert client.post("/api/press", json=PRESS).status_code == 200
        workers = {state.pool.run(os.getpid) for _ in range(4)}
        assert workers and os.getpid() not in workers
    assert not state.pool.made and not state.pool.ready()
    for pid in workers:
        with pytest.raises(ProcessLookupError):  # ended and reaped, not left running
            os.kill(pid, 0)
