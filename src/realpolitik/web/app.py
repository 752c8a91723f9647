"""The FastAPI app: HTML pages (Jinja2 shells that draw themselves from the JSON API) and the API.

Every route is a thin shell over the library: the model file is read and changed through
:class:`~realpolitik.model.ModelFile` and the review actions of :mod:`realpolitik.model.edit`, drafts are added by
:mod:`realpolitik.draft.into` and :mod:`realpolitik.batch.model`, what the pages show comes from
:mod:`realpolitik.report.page_data`, the report from :mod:`realpolitik.report`. Errors become HTTP statuses by their
type, in one table (:data:`HTTP_STATUS`).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match
from starlette.types import Receive, Scope, Send

from realpolitik import errors
from realpolitik.errors import EditRefusedError, Errors, InputFileError, RealpolitikError
from realpolitik.files import load_json, utf8_text
from realpolitik.web import api, pages
from realpolitik.web.state import AppState, WebSettings

__all__ = ["HTTP_STATUS", "MIN_TOKEN_LENGTH", "TOKEN_COOKIE", "TOKEN_HEADER", "WebSettings", "check_token",
           "create_app", "is_loopback_host", "local_path", "plotly_js_path", "status_of"]

TOKEN_HEADER = "X-Realpolitik-Token"
TOKEN_COOKIE = "realpolitik_token"
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")

_HERE = Path(__file__).parent
#: The shortest token accepted: 16 characters of a random token leave nothing to guess in any useful time.
MIN_TOKEN_LENGTH = 16


def check_token(token: str | None) -> str | None:
    """``token`` if it is good enough to guard the app (None stays None).

    Raises
    ------
    EditRefusedError
        E274 when it is shorter than :data:`MIN_TOKEN_LENGTH` or holds whitespace (a pasted line break, a space
        that a shell split).

    Examples
    --------
    >>> check_token("k3Wn8x0pQ2rT5vY7zA9b")
    'k3Wn8x0pQ2rT5vY7zA9b'
    """
    if token is None:
        return None
    spaces = any(char.isspace() for char in token)
    if len(token) < MIN_TOKEN_LENGTH or spaces:
        raise EditRefusedError.coded("E274", minimum=MIN_TOKEN_LENGTH, length=len(token),
                                     spaces=" with whitespace" if spaces else "")
    return token


def local_path(path: str) -> str:
    r"""``path`` as a path on this site: a browser reads ``//host/x`` and ``/\host/x`` as another site.

    Examples
    --------
    >>> local_path("//evil.example/x"), local_path("/\\evil.example"), local_path("/review")
    ('/evil.example/x', '/evil.example', '/review')
    """
    return "/" + path.lstrip("/\\")


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinity written as text, so that an error about one can be sent as JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


class _BodyGuard:
    """ASGI middleware: request bodies above ``limit`` bytes get 413 (E275) before the app reads them, and JSON
    bodies holding NaN or Infinity (which Python's parser accepts) or nested too deeply get 422 (E276, E271)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1").strip()
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, 413, Errors.E275.format(size=int(declared), limit=self.limit))
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                too_big = Errors.E275.format(size=f"more than {self.limit}", limit=self.limit)
                await self._refuse(scope, receive, send, 413, too_big)
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        kind = headers.get(b"content-type", b"")
        # FastAPI reads a body without a content type as JSON too, with json.loads on the bytes; a body of any
        # other type reaches a validation error as bytes, which its answer decodes as UTF-8
        problem = self._problem(body, json_body=not kind.strip() or b"json" in kind) if body else None
        if problem is not None:
            await self._refuse(scope, receive, send, 422, problem)
            return
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    def _problem(body: bytes, json_body: bool) -> str | None:
        try:
            if json_body:
                load_json(body, where="the request body", strict=True)
            else:
                utf8_text(body, where="the request body")
        except json.JSONDecodeError:
            return None  # malformed JSON is FastAPI's to describe
        except InputFileError as exc:
            return str(exc)
        return None

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
        await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)


def is_loopback_host(host: str) -> bool:
    """True when ``host`` only reaches this machine (``localhost``, ``127.x.x.x``, ``::1``).

    Examples
    --------
    >>> is_loopback_host("127.0.0.1"), is_loopback_host("localhost"), is_loopback_host("0.0.0.0")
    (True, True, False)
    """
    if host.strip("[]").lower() in ("localhost", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def plotly_js_path() -> Path:
    """The ``plotly.min.js`` shipped inside the installed ``plotly`` Python package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


#: The HTTP status of each kind of error, the first matching type winning; a few codes within a type differ.
HTTP_STATUS: tuple[tuple[type[RealpolitikError], int], ...] = (
    (errors.VersionConflictError, 409),
    (errors.UnknownIdError, 404),
    (errors.EditRefusedError, 422),
    (errors.SimulationError, 422),
    (errors.ModelValidationError, 409),  # the file on disk turned invalid: the client cannot fix that by resending
    (errors.CorpusStoreError, 500),
    (errors.InputFileError, 500),
    (errors.ReportError, 500),
    (errors.RealpolitikError, 500),
)
#: Codes whose status differs from their type's: no version named (E244), nothing to undo (E246), a bulk
#: review that chooses nothing in the model as it is (E261), and a press whose worker process stopped (E285: the
#: server could not answer this time, the request was fine).
_STATUS_BY_CODE = {"E244": 428, "E246": 409, "E261": 409, "E285": 503}


def status_of(exc: RealpolitikError) -> int:
    """The HTTP status for an error: by its code where :data:`_STATUS_BY_CODE` names it, else by its type.

    Examples
    --------
    >>> status_of(errors.UnknownIdError("no actor 'x'")), status_of(EditRefusedError.coded("E246"))
    (404, 409)
    """
    if exc.code in _STATUS_BY_CODE:
        return _STATUS_BY_CODE[exc.code]
    return next(status for kind, status in HTTP_STATUS if isinstance(exc, kind))


def _detail(exc: RealpolitikError) -> str:
    if isinstance(exc, errors.ModelValidationError):
        first = str(exc.problems[0]) if exc.problems else "unreadable"
        return (f"the model file has {len(exc.problems)} problem(s) now, e.g. {first}; fix it (or undo) and reload")
    return str(exc)


def create_app(settings: WebSettings) -> FastAPI:
    """The web app over one model file.

    Parameters
    ----------
    settings
        The model file, where its documents are, the token and the bound host.

    Raises
    ------
    ModelValidationError, InputFileError
        If the model file cannot be loaded (checked once here, so a bad file fails at start).
    EditRefusedError
        E274 when the token is too short or holds whitespace.
    """
    check_token(settings.token)
    state = AppState(settings)
    state.model()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()  # the press workers end with the app, not at the interpreter's exit

    # No /docs or /redoc: FastAPI's pages for them load Swagger UI and ReDoc from a CDN, and nothing here may
    # reach the network. The schema itself is at /openapi.json.
    app = FastAPI(title="realpolitik", version="1", description="Review, explore and run a realpolitik model. "
                  "Changes need the model's current version in If-Match; a stale version gets 409.",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.realpolitik = state
    if is_loopback_host(settings.host):
        # A page on another site cannot reach this server through a name that resolves to 127.0.0.1 (DNS rebinding).
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1", "[::1]", "::1",
                                                                 *settings.extra_hosts])
    app.add_middleware(_BodyGuard, limit=settings.max_body_bytes)

    @app.middleware("http")
    async def require_token(request: Request, call_next):
        token = settings.token
        if not token:
            return await call_next(request)
        given = request.query_params.get("token")
        if given is not None and request.method == "GET" and hmac.compare_digest(given.encode(), token.encode()):
            query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
            target = local_path(request.url.path) + (f"?{query}" if query else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return response
        sent = request.headers.get(TOKEN_HEADER) or request.cookies.get(TOKEN_COOKIE) or ""
        authorization = request.headers.get("authorization", "")
        if not sent and authorization.lower().startswith("bearer "):
            sent = authorization[7:]
        if not hmac.compare_digest(sent.encode(), token.encode()):
            return JSONResponse({"detail": Errors.E249}, status_code=401)
        return await call_next(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # One path has a route per method; Allow names the methods of all of them, not only the first.
            allowed = set()
            for route in app.router.routes:
                if isinstance(route, APIRoute) and route.matches(request.scope)[0] != Match.NONE:
                    allowed |= set(route.methods or ())
            headers["Allow"] = ", ".join(sorted(allowed))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        problems = exc.errors()
        if any(tuple(e.get("loc", ())) == ("header", "if-match") and e.get("type") == "missing" for e in problems):
            return JSONResponse({"detail": Errors.E244}, status_code=428)
        return JSONResponse({"detail": _finite(jsonable_encoder(problems))}, status_code=422)

    @app.exception_handler(RealpolitikError)
    async def realpolitik_error(_request: Request, exc: RealpolitikError):
        headers = {"ETag": f'"{state.file.version()}"'} if isinstance(exc, errors.VersionConflictError) else None
        return JSONResponse({"detail": _detail(exc)}, status_code=status_of(exc), headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception):
        # A bug, but the answer is still one coded sentence in JSON rather than a bare "Internal Server Error".
        reason = (str(exc).strip().splitlines() or ["no message"])[0][:300]
        return JSONResponse({"detail": Errors.E280.format(kind=type(exc).__name__, reason=reason)}, status_code=500)

    # static assets: our own from the package, Plotly's from the plotly package -----------------------------
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js():
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "max-age=86400"})

    app.include_router(pages.router)
    app.include_router(api.router)
    return app
