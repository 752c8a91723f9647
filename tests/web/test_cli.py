"""``realpolitik serve`` as a user runs it: a real process, a real port, the exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from realpolitik.data import bundled_model_path
from tests.web.conftest import free_port


def _start_up_token(process: subprocess.Popen) -> str:
    """The token on the start-up line of a running ``serve`` (printed before uvicorn listens)."""
    for line in process.stderr:
        found = re.search(r"\?token=(\S+)", line)
        if found:
            return found.group(1)
    raise AssertionError("serve printed no token")


@pytest.mark.slow
def test_a_non_loopback_bind_without_a_token_runs_with_a_generated_one(model_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("REALPOLITIK_TOKEN", raising=False)
    tokens = []
    for _run in range(2):
        process, url = _serve([str(model_copy), "--host", "0.0.0.0"], cwd=tmp_path)
        try:
            token = _start_up_token(process)
            assert _get(url + "/api/model")[0] == 401
            assert _get(url + "/api/model", {"X-Realpolitik-Token": token})[0] == 200
            tokens.append(token)
        finally:
            process.terminate()
            process.communicate(timeout=30)
    assert all(len(token) >= 16 for token in tokens) and tokens[0] != tokens[1]  # a new run, a new secret


def test_a_missing_model_file_is_exit_1(cli, tmp_path):
    result = cli("serve", tmp_path / "nothing.yaml", "--port", str(free_port()))
    assert result.code == 1 and "no such file" in result.stderr


def test_a_missing_corpus_is_exit_1(cli, model_copy, tmp_path):
    result = cli("serve", model_copy, "--corpus", tmp_path / "no-such-corpus", "--port", str(free_port()))
    assert result.code == 1 and "no such file" in result.stderr and "no-such-corpus" in result.stderr


def test_a_broken_model_file_is_exit_1(cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    result = cli("serve", broken, "--port", str(free_port()))
    assert result.code == 1 and "error" in result.stderr


def _get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _serve(args: list[str], cwd: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "realpolitik", "serve", *args, "--port", str(port)], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            _get(url + "/openapi.json")
            return process, url
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    process.terminate()
    raise AssertionError("serve did not start in 90 s")


@pytest.mark.slow
def test_serve_without_a_model_uses_a_working_copy_and_a_token_guards_it(tmp_path, seed_path):
    bundled = bundled_model_path().read_bytes()
    process, url = _serve(["--token", "open-sesame-0123456", "--documents", str(seed_path.parent)], cwd=tmp_path)
    try:
        assert _get(url + "/api/model")[0] == 401
        status, body = _get(url + "/api/model", {"X-Realpolitik-Token": "open-sesame-0123456"})
        assert status == 200
        data = json.loads(body)
        assert data["file"] == bundled_model_path().name and data["documents"][0]["has_text"] is True
        status, page = _get(url + "/documents/" + data["documents"][0]["id"],
                            {"X-Realpolitik-Token": "open-sesame-0123456"})
        assert status == 200 and b"document.js" in page
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=30)
    assert (tmp_path / "realpolitik-work" / bundled_model_path().name).read_bytes() == bundled
    assert bundled_model_path().read_bytes() == bundled
    assert "working copy" in err and f"{url}/?token=open-sesame-0123456" in err
