"""The HTML pages: Jinja2 shells that draw themselves from the JSON API (one template per page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from realpolitik.errors import UnknownIdError
from realpolitik.web.state import AppState

__all__ = ["PAGES", "router"]

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
#: The pages that need no argument: path, template name, title.
PAGES = (("/", "index", "Corpus and documents"), ("/network", "network", "Actor network"),
         ("/causal-map", "causal_map", "Causal map"), ("/timeline", "timeline", "Timeline"),
         ("/scenarios", "scenarios", "Scenarios"), ("/forecasts", "forecasts", "Forecasts"),
         ("/changes", "changes", "Changes from an update"),
         ("/report", "report", "Report"))
router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, title: str, **context: Any) -> HTMLResponse:
    state: AppState = request.app.state.realpolitik
    model, _version = state.model()
    return _TEMPLATES.TemplateResponse(request, f"{name}.html", {"title": title, "model_title": model.title,
                                                                 "page": name, **context})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    state: AppState = request.app.state.realpolitik
    try:
        document = state.document(document_id)
    except UnknownIdError as exc:
        return HTMLResponse(_TEMPLATES.get_template("missing.html").render(
            message=str(exc), model_title=state.model()[0].title, title="Not found", page="missing"),
            status_code=404)
    return _render(request, "document", document.title, document_id=document.id)


def _page(name: str, title: str):
    def show(request: Request) -> HTMLResponse:
        return _render(request, name, title)

    show.__name__ = f"{name}_page"
    return show


for _path, _name, _title in PAGES:
    router.add_api_route(_path, _page(_name, _title), methods=["GET"], response_class=HTMLResponse)
