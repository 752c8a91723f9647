"""``realpolitik serve``: the web app over a model file (and a corpus store), on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Annotated, Optional

import typer

from realpolitik.cli.common import EXIT_PROBLEMS, EXIT_USAGE, err_console, fail
from realpolitik.data import bundled_model_path
from realpolitik.errors import Errors, RealpolitikError
from realpolitik.files import MB

__all__ = ["GENERATED_TOKEN_BYTES", "TOKEN_ENV", "WORK_DIR", "register", "serve_command", "working_copy"]

#: Where ``serve`` without a MODEL keeps its working copy of the bundled model (the bundled file is never written).
WORK_DIR = Path("realpolitik-work")
#: Environment variable holding the token for a non-loopback bind.
TOKEN_ENV = "REALPOLITIK_TOKEN"
#: Random bytes in a generated token: 24 give 32 URL-safe characters, twice the shortest token accepted.
GENERATED_TOKEN_BYTES = 24


def working_copy(folder: Path = WORK_DIR) -> Path:
    """The working copy of the bundled model in ``folder``, made on first use and kept after (edits go there)."""
    bundled = bundled_model_path()
    target = folder / bundled.name
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundled, target)
    return target


def serve_command(
    model: Annotated[Optional[Path], typer.Argument(  # noqa: UP045 - typer needs Optional at runtime on 3.11
        help="Model file to review and run; edits are saved to it. Default: a working copy of the bundled model "
             "in ./realpolitik-work/.", show_default=False)] = None,
    documents: Annotated[Optional[list[Path]], typer.Option(  # noqa: UP045
        "--documents", help="A folder (or file) holding the source documents; repeatable.", show_default=False)] = None,
    corpus: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--corpus", help="A corpus store (the --data-dir of `realpolitik corpus`, or its .duckdb file) whose "
        "documents can be added to the model.", show_default=False)] = None,
    host: Annotated[str, typer.Option(
        help="Address to bind; off loopback every request needs the token (one is generated if none is given).",
    )] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8765,
    token: Annotated[Optional[str], typer.Option(  # noqa: UP045
        help=f"Secret every request must carry (default ${TOKEN_ENV}); off loopback, a random one is made when "
             "neither is given.",
        show_default=False)] = None,
    max_body_mb: Annotated[float, typer.Option(
        "--max-body-mb", help="Largest request body accepted, in MB (bigger ones get 413).", min=0.001, max=1024,
    )] = 1.0,
) -> None:
    """Serve the web app: review the model against its documents, explore it, run its scenarios."""
    import uvicorn

    from realpolitik.web import WebSettings, create_app, is_loopback_host
    from realpolitik.web.app import check_token

    token = token or os.environ.get(TOKEN_ENV) or None
    try:
        check_token(token)
    except RealpolitikError as exc:
        fail(str(exc), EXIT_USAGE)
    generated = not is_loopback_host(host) and not token
    if generated:
        # Off loopback the app is never left open: a fresh secret for this run, shown once on the start-up line.
        token = secrets.token_urlsafe(GENERATED_TOKEN_BYTES)
        err_console.print(f"no --token given for {host}: generated one for this run")
    if model is None:
        model = working_copy()
        err_console.print(f"serving a working copy of the bundled model: {model} (edits are saved there)")
    if not model.is_file():
        fail(Errors.E001.format(path=model), EXIT_PROBLEMS)
    if corpus is not None and not corpus.exists():
        fail(Errors.E001.format(path=corpus), EXIT_PROBLEMS)
    app = create_app(WebSettings(model=model.resolve(), documents=[Path(d) for d in documents or []], token=token,
                                 host=host, corpus=corpus, max_body_bytes=int(max_body_mb * MB)))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if token and (generated or not os.environ.get(TOKEN_ENV)):
        err_console.print(f"open {url}?token={token}", soft_wrap=True)
    else:
        err_console.print(f"open {url}" + (" (with ?token=… from $REALPOLITIK_TOKEN)" if token else ""),
                          soft_wrap=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    try:
        server.run()
    except (OSError, SystemExit) as exc:
        fail(Errors.E253.format(port=port, host=host, reason=exc), EXIT_PROBLEMS)
    if not server.started:
        fail(Errors.E253.format(port=port, host=host, reason="uvicorn could not start"), EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)

