"""The FastAPI app: HTML pages (Jinja2 shells that draw themselves from the JSON API) and the API.

Every route is a thin shell over the library: the model file is read and changed through
:class:`~realpolitik.model.ModelFile` and the review actions of :mod:`realpolitik.model.edit`, drafts come from
:func:`realpolitik.draft.draft_additions`, what the pages show from :mod:`realpolitik.web.views`, the report from
:mod:`realpolitik.report`. Errors become HTTP statuses by their type, in one table (:data:`HTTP_STATUS`).
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, Header, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Match

from realpolitik.store import open_store
from realpolitik.errors import (
    CorpusStoreError,
    EditRefusedError,
    Errors,
    InputFileError,
    ModelValidationError,
    RealpolitikError,
    ReportError,
    SimulationError,
    UnknownIdError,
    VersionConflictError,
)
from realpolitik.model import REVIEWABLE_SECTIONS, SECTIONS, Change, ModelFile, counts
from realpolitik.model import edit as review
from realpolitik.model.file import find_document_texts
from realpolitik.report import build_report_data, render_html
from realpolitik.report.figures_charts import forecasts_figure, press_figure, trajectories_figure
from realpolitik.analysis import Lever
from realpolitik.report.svg import figure_svg
from realpolitik.web import views

__all__ = ["HTTP_STATUS", "TOKEN_COOKIE", "TOKEN_HEADER", "WebSettings", "create_app", "is_loopback_host",
           "plotly_js_path"]

TOKEN_HEADER = "X-Realpolitik-Token"
TOKEN_COOKIE = "realpolitik_token"
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
#: Press perturbation draws the scenario page asks for unless told otherwise: quick, and steady to two digits.
PRESS_DRAWS = 2000
#: Press draws for the downloadable report (the CLI's report uses 10,000; the page waits for this one).
REPORT_DRAWS = 2000

_HERE = Path(__file__).parent


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


@dataclass
class WebSettings:
    """What one app serves.

    Attributes
    ----------
    model
        The model file the app reads and changes.
    documents
        Extra files or folders where the model's source documents are looked for (as ``validate --documents``).
    token
        When set, every request must carry it (header, cookie, or ``?token=`` once to set the cookie).
    host
        The host the server binds to; on loopback only loopback ``Host`` headers are accepted.
    extra_hosts
        More ``Host`` names to accept on loopback (a name for 127.0.0.1 in ``/etc/hosts``, a test client's).
    corpus
        A corpus store (its data directory, or the ``.duckdb`` file) whose documents can be added to the model.
    """

    model: Path
    documents: list[Path] = field(default_factory=list)
    token: str | None = None
    host: str = "127.0.0.1"
    extra_hosts: list[str] = field(default_factory=list)
    corpus: Path | None = None


# --- request and response bodies -------------------------------------------------------------------------------
class ItemRef(BaseModel):
    section: str
    id: str


class ChangeOut(BaseModel):
    """What a change did, and the version of the file after it (send it as If-Match next time)."""

    action: str
    section: str | None
    id: str | None
    version: str
    removed: list[ItemRef] = Field(default_factory=list)
    updated: list[ItemRef] = Field(default_factory=list)


class EditIn(BaseModel):
    """Fields to change on an item; ``null`` removes an optional field."""

    model_config = ConfigDict(extra="forbid")
    fields: dict[str, Any] = Field(min_length=1,
                                   description="Field name -> new value, validated as the model format says.")


class SimulateIn(BaseModel):
    """Run one of the model's scenarios, or the page's controls as clamps (concept -> value in 0..1)."""

    model_config = ConfigDict(extra="forbid")
    scenario: str | None = Field(default=None, max_length=80)
    clamps: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(
        default_factory=dict, description="Concept id -> value held fixed (the sigmoid's range, 0..1).")


class PressIn(BaseModel):
    """A sustained press on one concept."""

    model_config = ConfigDict(extra="forbid")
    concept: str = Field(max_length=80)
    direction: Literal[-1, 1] = 1
    draws: int = Field(default=PRESS_DRAWS, ge=100, le=20000)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)


class ErrorOut(BaseModel):
    """An error: one sentence; for a malformed request, FastAPI's list of what is wrong where."""

    detail: str | list[dict[str, Any]]


class DocumentOut(BaseModel):
    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    has_text: bool
    items: int
    proposed: int


class ModelOut(BaseModel):
    title: str
    description: str | None
    file: str
    version: str
    counts: dict[str, int]
    documents: list[DocumentOut]
    history: int
    token_required: bool


class DocumentTextOut(DocumentOut):
    text: str | None
    length: int | None
    spans: list[dict[str, Any]]
    version: str


class ItemOut(BaseModel):
    version: str
    section: str
    id: str
    label: str
    item: dict[str, Any]
    evidence: list[dict[str, Any]]


class ItemsOut(BaseModel):
    version: str
    reviewable: list[str]
    sections: dict[str, list[dict[str, Any]]]


class HistoryOut(BaseModel):
    version: str
    entries: list[dict[str, Any]]


IfMatch = Annotated[str, Header(min_length=1, description="The ETag of the version you changed (GET /api/model).")]

_ERRORS = {400: {"model": ErrorOut}, 404: {"model": ErrorOut}, 409: {"model": ErrorOut}, 422: {"model": ErrorOut}}
_WRITE_ERRORS = {**_ERRORS, 428: {"model": ErrorOut}}

#: The HTTP status of each kind of error, the first matching type winning; a few codes within a type differ.
HTTP_STATUS: tuple[tuple[type[RealpolitikError], int], ...] = (
    (VersionConflictError, 409),
    (UnknownIdError, 404),
    (EditRefusedError, 422),
    (SimulationError, 422),
    (ModelValidationError, 409),  # the file on disk turned invalid: the client cannot fix that by resending
    (CorpusStoreError, 500),
    (InputFileError, 500),
    (ReportError, 500),
    (RealpolitikError, 500),
)
#: Codes whose status differs from their type's: no version named (E244) and nothing to undo (E246).
_STATUS_BY_CODE = {"E244": 428, "E246": 409}


def status_of(exc: RealpolitikError) -> int:
    """The HTTP status for an error: by its code where :data:`_STATUS_BY_CODE` names it, else by its type.

    Examples
    --------
    >>> status_of(UnknownIdError("no actor 'x'")), status_of(EditRefusedError.coded("E246"))
    (404, 409)
    """
    if exc.code in _STATUS_BY_CODE:
        return _STATUS_BY_CODE[exc.code]
    return next(status for kind, status in HTTP_STATUS if isinstance(exc, kind))


def _detail(exc: RealpolitikError) -> str:
    if isinstance(exc, ModelValidationError):
        first = str(exc.problems[0]) if exc.problems else "unreadable"
        return (f"the model file has {len(exc.problems)} problem(s) now, e.g. {first}; fix it (or undo) and reload")
    return str(exc)


# --- the app ---------------------------------------------------------------------------------------------------
class _State:
    """The model file, and the document texts and report cached per version of it."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.file = ModelFile(settings.model)
        self._lock = threading.Lock()
        self._texts: tuple[str, dict[str, str]] | None = None
        self._report: tuple[str, str] | None = None
        self._views: dict[str, tuple[str, Any]] = {}
        self.corpus = None
        if settings.corpus is not None:
            if not Path(settings.corpus).exists():
                raise InputFileError(Errors.E001.format(path=settings.corpus))
            self.corpus = open_store(settings.corpus)

    def model(self):
        return self.file.load_versioned()

    def document(self, document_id: str):
        """The model's document ``document_id`` (UnknownIdError E240 when it has none)."""
        model, _version = self.model()
        found = next((d for d in model.documents if d.id == document_id), None)
        if found is None:
            known = ", ".join(d.id[:12] + "…" for d in model.documents) or "none"
            raise UnknownIdError.coded("E240", id=document_id, known=known)
        return found

    def texts(self) -> dict[str, str]:
        model, version = self.model()
        with self._lock:
            if self._texts is None or self._texts[0] != version:
                texts, missing, _problems = find_document_texts(model, self.settings.model, self.settings.documents)
                if missing and self.corpus is not None:
                    # A document added from the corpus: its offsets index the text the store holds.
                    texts.update({doc.id: doc.text for doc in self.corpus.load_documents(missing)})
                self._texts = (version, texts)
            return self._texts[1]

    def view(self, name: str, make) -> Any:
        """``make(model)``, computed once per version of the model file."""
        model, version = self.model()
        cached = self._views.get(name)
        if cached is None or cached[0] != version:
            cached = (version, make(model))
            self._views[name] = cached
        return cached[1]

    def report_html(self) -> str:
        model, version = self.model()
        with self._lock:
            if self._report is None or self._report[0] != version:
                data = build_report_data(model, source=self.settings.model.name, draws=REPORT_DRAWS)
                self._report = (version, render_html(data))
            return self._report[1]


def _change_out(change: Change) -> JSONResponse:
    body = ChangeOut(action=change.action, section=change.section, id=change.item_id, version=change.version,
                     removed=[ItemRef(section=s, id=i) for s, i in change.removed],
                     updated=[ItemRef(section=s, id=i) for s, i in change.updated])
    return JSONResponse(body.model_dump(), headers={"ETag": f'"{change.version}"'})


def _if_match(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') or None


def _svg(figure) -> str:
    return figure_svg(figure, "web")


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
    """
    state = _State(settings)
    state.model()
    # No /docs or /redoc: FastAPI's pages for them load Swagger UI and ReDoc from a CDN, and nothing here may
    # reach the network. The schema itself is at /openapi.json.
    app = FastAPI(title="realpolitik", version="1", description="Review, explore and run a realpolitik model. "
                  "Changes need the model's current version in If-Match; a stale version gets 409.",
                  docs_url=None, redoc_url=None)
    templates = Jinja2Templates(directory=str(_HERE / "templates"))
    if is_loopback_host(settings.host):
        # A page on another site cannot reach this server through a name that resolves to 127.0.0.1 (DNS rebinding).
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1", "[::1]", "::1",
                                                                 *settings.extra_hosts])

    @app.middleware("http")
    async def require_token(request: Request, call_next):
        token = settings.token
        if not token:
            return await call_next(request)
        given = request.query_params.get("token")
        if given is not None and request.method == "GET" and hmac.compare_digest(given.encode(), token.encode()):
            query = "&".join(f"{k}={v}" for k, v in request.query_params.multi_items() if k != "token")
            target = request.url.path + (f"?{query}" if query else "")
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
        errors = exc.errors()
        if any(tuple(e.get("loc", ())) == ("header", "if-match") and e.get("type") == "missing" for e in errors):
            return JSONResponse({"detail": Errors.E244}, status_code=428)
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(RealpolitikError)
    async def realpolitik_error(_request: Request, exc: RealpolitikError):
        headers = {"ETag": f'"{state.file.version()}"'} if isinstance(exc, VersionConflictError) else None
        return JSONResponse({"detail": _detail(exc)}, status_code=status_of(exc), headers=headers)

    # static assets: our own from the package, Plotly's from the plotly package -----------------------------
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js():
        return FileResponse(plotly_js_path(), media_type="text/javascript",
                            headers={"Cache-Control": "max-age=86400"})

    # pages ------------------------------------------------------------------------------------------------
    def page(request: Request, name: str, title: str, **context: Any) -> HTMLResponse:
        model, _version = state.model()
        return templates.TemplateResponse(request, f"{name}.html", {"title": title, "model_title": model.title,
                                                                    "page": name, **context})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index_page(request: Request):
        return page(request, "index", "Corpus and documents")

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, document_id: str):
        try:
            document = state.document(document_id)
        except UnknownIdError as exc:
            return HTMLResponse(templates.get_template("missing.html").render(
                message=str(exc), model_title=state.model()[0].title, title="Not found", page="missing"),
                status_code=404)
        return page(request, "document", document.title, document_id=document.id)

    for path, name, title in (("/network", "network", "Actor network"), ("/causal-map", "causal_map", "Causal map"),
                              ("/timeline", "timeline", "Timeline"), ("/scenarios", "scenarios", "Scenarios"),
                              ("/forecasts", "forecasts", "Forecasts"), ("/report", "report", "Report")):
        def make(name=name, title=title):
            def handler(request: Request):
                return page(request, name, title)
            return handler
        app.add_api_route(path, make(), methods=["GET"], response_class=HTMLResponse, include_in_schema=False)

    # the API: reading --------------------------------------------------------------------------------------
    @app.get("/api/model", response_model=ModelOut, tags=["model"])
    def get_model(response: Response) -> ModelOut:
        """The model's title, counts, documents (with whether their text is at hand) and current version."""
        model, version = state.model()
        texts = state.texts()
        documents = []
        for document in model.documents:
            spans = views.document_spans(model, document.id, REVIEWABLE_SECTIONS)
            documents.append(DocumentOut(
                id=document.id, title=document.title, author=document.author, publisher=document.publisher,
                published=document.published, has_text=document.id in texts,
                items=len({(s["section"], s["id"]) for s in spans}),
                proposed=len({(s["section"], s["id"]) for s in spans if s["review"] == "proposed"})))
        response.headers["ETag"] = f'"{version}"'
        return ModelOut(title=model.title, description=model.description, file=settings.model.name, version=version,
                        counts=counts(model), documents=documents, history=len(state.file.history_entries()),
                        token_required=bool(settings.token))

    @app.get("/api/items", response_model=ItemsOut, tags=["review"])
    def get_items(response: Response) -> ItemsOut:
        """Every item of every section, with a display label."""
        model, version = state.model()
        response.headers["ETag"] = f'"{version}"'
        return ItemsOut(version=version, reviewable=list(REVIEWABLE_SECTIONS), sections=views.sections_of(model))

    @app.get("/api/items/{section}/{item_id}", response_model=ItemOut, responses=_ERRORS, tags=["review"])
    def get_item(section: str, item_id: str, response: Response) -> ItemOut:
        """One item, with each evidence span's text and the text around it when the document is at hand."""
        model, version = state.model()
        item = _get(model, section, item_id)
        response.headers["ETag"] = f'"{version}"'
        return ItemOut(version=version, section=section, id=item_id, item=item.model_dump(mode="json"),
                       label=views.item_label(section, item, views.names_of(model)),
                       evidence=views.evidence_view(model, section, item, state.texts()))

    @app.get("/api/documents/{document_id}", response_model=DocumentTextOut, responses=_ERRORS, tags=["documents"])
    def get_document(document_id: str, response: Response) -> DocumentTextOut:
        """A document's text (``null`` when not at hand) and every evidence span into it, in text order."""
        model, version = state.model()
        document = state.document(document_id)
        text = state.texts().get(document.id)
        spans = views.document_spans(model, document.id, REVIEWABLE_SECTIONS)
        response.headers["ETag"] = f'"{version}"'
        return DocumentTextOut(
            id=document.id, title=document.title, author=document.author, publisher=document.publisher,
            published=document.published, has_text=text is not None, text=text,
            length=None if text is None else len(text), spans=spans, version=version,
            items=len({(s["section"], s["id"]) for s in spans}),
            proposed=len({(s["section"], s["id"]) for s in spans if s["review"] == "proposed"}))

    @app.get("/api/history", response_model=HistoryOut, tags=["review"])
    def get_history() -> HistoryOut:
        """The changes undo can take back, oldest first."""
        return HistoryOut(version=state.file.version(), entries=state.file.history_entries())

    @app.get("/api/network", tags=["views"])
    def get_network() -> dict[str, Any]:
        """Actors with positions for drawing; relations and people's affiliations as edges."""
        return state.view("network", views.network_view)

    @app.get("/api/causal-map", tags=["views"])
    def get_causal_map() -> dict[str, Any]:
        """Concepts with positions for drawing; causal links as signed edges."""
        return state.view("causal-map", views.causal_map_view)

    @app.get("/api/timeline", tags=["views"])
    def get_timeline() -> dict[str, Any]:
        """Events in date order with the first and last day each date can mean."""
        return views.timeline_view(state.model()[0])

    @app.get("/api/forecasts", tags=["views"])
    def get_forecasts() -> dict[str, Any]:
        """Forecasts with probabilities, resolutions and Brier scores, and the report's forecasts figure (SVG)."""
        def make(model):
            data = views.forecasts_view(model)
            data["figure"] = _svg(forecasts_figure(model.forecasts)) if model.forecasts else None
            return data

        return state.view("forecasts", make)

    @app.get("/api/scenarios", tags=["simulate"])
    def get_scenarios() -> dict[str, Any]:
        """The concepts a control can clamp and every scenario with its clamps (inherited ones included)."""
        return views.scenarios_view(state.model()[0])

    @app.post("/api/simulate", responses=_ERRORS, tags=["simulate"])
    def post_simulate(body: Annotated[SimulateIn, Body()]) -> dict[str, Any]:
        """Run a scenario, or the given clamps, through the FCM; the result against the baseline, with a figure."""
        model = state.model()[0]
        view, run = views.simulate_view(model, scenario=body.scenario, clamps=body.clamps)
        view["figure"] = _svg(trajectories_figure(run, views.names_of(model)))
        return view

    @app.post("/api/press", responses=_ERRORS, tags=["simulate"])
    def post_press(body: Annotated[PressIn, Body()]) -> dict[str, Any]:
        """Press perturbation on one concept: the share of stable sampled systems in which each concept moves."""
        model = state.model()[0]
        names = views.names_of(model)
        if body.concept not in {c.id for c in model.concepts}:
            known = ", ".join(c.id for c in model.concepts)
            raise UnknownIdError(Errors.E030.format(concept=body.concept, known=known))
        data, result = views.press_view(model, body.concept, body.direction, draws=body.draws, seed=body.seed)
        lever = Lever(body.concept, names.get(body.concept, body.concept), body.direction, "chosen on the page")
        data["figure"] = _svg(press_figure([(lever, result)], names))
        return data

    @app.post("/api/documents/{document_id}/draft", response_model=ChangeOut, responses=_WRITE_ERRORS,
              tags=["review"])
    def draft_document(document_id: str, if_match: IfMatch):
        """Run the extractor on a document and add the items it drafts, ``review: proposed``, to the model.

        Only new items are added (``updated`` in the answer lists them); items the draft matches to ones the
        model holds are left as they are. One change: undo takes the whole draft back.
        """
        model, _version = state.model()
        document = state.document(document_id)
        state.file.check_version(_if_match(if_match))
        text = state.texts().get(document.id)
        if text is None:
            raise EditRefusedError.coded("E250", id=document.id[:12] + "…")
        from realpolitik.draft import draft_additions
        from realpolitik.extract import extract_text

        extraction = extract_text(text, document_id=document.id, title=document.title, author=document.author,
                                  published=document.published)
        items = draft_additions(extraction, existing=model, filename=document.filename)
        return _change_out(review.add_items(state.file, items, _if_match(if_match), about=document.id))

    @app.get("/api/corpus", tags=["corpus"])
    def get_corpus() -> dict[str, Any]:
        """The corpus store's documents (when one is served), each with whether the model holds it."""
        if state.corpus is None:
            return {"configured": False, "documents": []}
        model = state.model()[0]
        held = {d.id for d in model.documents}
        rows = []
        for row in state.corpus.list_documents():
            rows.append({"id": row["id"], "title": row["title"], "published": row["published"],
                         "file": Path(row["path"]).name if row["path"] else None, "words": row["n_words"],
                         "extracted": bool(row["extracted"]), "in_model": row["id"] in held})
        return {"configured": True, "documents": rows}

    @app.post("/api/corpus/{document_id}/add", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["corpus"])
    def add_from_corpus(document_id: str, if_match: IfMatch):
        """Add a corpus document to the model with the items drafted from it (its stored extraction, else a fresh
        one), every item ``review: proposed``. One change: undo takes it all back."""
        if state.corpus is None:
            raise UnknownIdError(Errors.E255)
        [document] = state.corpus.load_documents([document_id]) or [None]
        if document is None:
            raise UnknownIdError(Errors.E133.format(id=document_id))
        model, _version = state.model()
        if any(d.id == document.id for d in model.documents):
            raise EditRefusedError(Errors.E254.format(id=document.id[:12] + "…"))
        state.file.check_version(_if_match(if_match))
        from realpolitik.draft import draft_additions
        from realpolitik.extract import Extraction, extract_document

        payload = state.corpus.extraction_payloads([document.id]).get(document.id)
        extraction = Extraction.model_validate(payload) if payload is not None else extract_document(document)
        filename = document.path.name if document.path is not None else None
        items = draft_additions(extraction, existing=model, filename=filename)
        return _change_out(review.add_items(state.file, items, _if_match(if_match), action="add from corpus",
                                     about=document.id))

    @app.get("/api/report", response_class=HTMLResponse, tags=["report"],
             responses={200: {"content": {"text/html": {}}, "description": "The report, as one HTML file."}})
    def get_report(download: bool = True) -> HTMLResponse:
        """The report of the model as it is now: one self-contained HTML file, as a download by default."""
        html = state.report_html()
        stem = Path(settings.model.name).stem or "model"
        headers = {"Content-Disposition": f'attachment; filename="{stem}-report.html"'} if download else {}
        return HTMLResponse(html, headers=headers)

    # the API: changing ------------------------------------------------------------------------------------
    @app.post("/api/items/{section}/{item_id}/accept", response_model=ChangeOut, responses=_WRITE_ERRORS,
              tags=["review"])
    def accept_item(section: str, item_id: str, if_match: IfMatch):
        """Mark an item ``review: accepted`` in the model file."""
        return _change_out(review.accept_item(state.file, section, item_id, _if_match(if_match)))

    @app.patch("/api/items/{section}/{item_id}", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
    def edit_item(section: str, item_id: str, body: Annotated[EditIn, Body()], if_match: IfMatch):
        """Change fields of an item (not its id, evidence or review state); the result must be a valid model."""
        return _change_out(review.edit_item(state.file, section, item_id, body.fields, _if_match(if_match)))

    @app.delete("/api/items/{section}/{item_id}", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
    def reject_item(section: str, item_id: str, if_match: IfMatch):
        """Reject an item: remove it, and the items that cannot stand without it (listed in the answer)."""
        return _change_out(review.reject_item(state.file, section, item_id, _if_match(if_match)))

    @app.post("/api/undo", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
    def undo(if_match: IfMatch):
        """Put the model file back as it was before the newest change made here."""
        return _change_out(state.file.undo(_if_match(if_match)))

    return app


def _get(model, section: str, item_id: str):
    if section not in SECTIONS:
        raise UnknownIdError(Errors.E241.format(section=section, known=", ".join(SECTIONS)))
    for item in getattr(model, section):
        if item.id == item_id:
            return item
    raise UnknownIdError(Errors.E242.format(kind=section.rstrip("s").replace("_", " "), id=item_id))

