"""Fixtures of the web app's tests: a copy of the bundled model with the seed beside it, the app, a live server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.data import bundled_model_path
from realpolitik.web import WebSettings, create_app
from tests.conftest import start_chromium


@pytest.fixture
def model_copy(tmp_path: Path, seed_path: Path) -> Path:
    """A copy of the bundled model in its own folder, the seed beside it (the bundled file is never written)."""
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "model.yaml"
    shutil.copyfile(bundled_model_path(), target)
    shutil.copyfile(seed_path, folder / seed_path.name)
    return target


@pytest.fixture
def client(model_copy: Path):
    from fastapi.testclient import TestClient

    app = create_app(WebSettings(model=model_copy))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a thread of the test process."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(model_copy: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(WebSettings(model=model_copy))) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium(window="1400,1000")
    yield driver
    driver.quit()


#: A short article of our own whose text holds markup that would run if a page put it in as HTML.
HOSTILE_TEXT = (
    "Ministers of Arland met in the capital.\n\n"
    "<script>window.__pwned = true; document.title = 'owned'</script> was pasted into the article by a careless "
    "editor, and so was <img src=x onerror=\"window.__pwned = true\"> this broken image.\n\n"
    "Arland distrusts Borovia & its allies; talks stalled.\n"
)


@pytest.fixture
def hostile_model(tmp_path: Path) -> Path:
    """A small model whose document text carries a <script> tag, with an actor's evidence spanning it."""
    from realpolitik.corpus import read_source_text
    from realpolitik.model import Actor, Document, Evidence, Model, Relation, save_model

    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    source = read_source_text(folder / "hostile.txt")
    start = source.text.index("<script>")
    end = source.text.index("</script>") + len("</script>")
    arland = source.text.index("Arland distrusts")
    model = Model(
        title="Arland <script>window.__pwned = true</script> and Borovia",
        documents=[Document(id=source.id, title="Hostile <b>markup</b> test", filename="hostile.txt")],
        actors=[
            Actor(id="arland", name="Arland <img src=x onerror=alert(1)>", kind="state", review="proposed",
                  evidence=[Evidence(document=source.id, start=start, end=end, paraphrase="A tag in the text.")]),
            Actor(id="borovia", name="Borovia", kind="state",
                  evidence=[Evidence(document=source.id, start=arland, end=arland + 24, paraphrase="Named.")]),
        ],
        relations=[Relation(id="distrust", source="arland", target="borovia", type="rivalry", polarity=-0.6,
                            review="proposed",
                            evidence=[Evidence(document=source.id, start=arland, end=arland + 30,
                                               paraphrase="Arland distrusts Borovia.")])],
    )
    return save_model(model, folder / "model.yaml")
