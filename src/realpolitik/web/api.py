"""The JSON API of the web app: each route reads the model through the app's state and calls the library.

Routes read and change the model file through :class:`~realpolitik.model.ModelFile` and the review actions of
:mod:`realpolitik.model.edit`; drafts are added by :func:`realpolitik.draft.draft_document` and
:func:`realpolitik.batch.add_from_store`, and what the pages show comes from :mod:`realpolitik.report.page_data`.
Errors are raised as the library's own and turned into statuses in one place (:func:`realpolitik.web.app.status_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from realpolitik.batch import add_from_store, stored_documents
from realpolitik.errors import Errors, UnknownIdError
from realpolitik.model import BULK_ACTIONS, MERGEABLE_SECTIONS, REVIEWABLE_SECTIONS, Change, Evidence, Model
from realpolitik.model import edit as review
from realpolitik.report import page_data
from realpolitik.web.state import AppState

__all__ = ["PRESS_DRAWS", "router"]

#: Press perturbation draws the scenario page asks for unless told otherwise: quick, and steady to two digits.
PRESS_DRAWS = 2000


async def _state(request: Request) -> AppState:
    # async, so that FastAPI does not hand this lookup to a worker thread on every request
    return request.app.state.realpolitik


#: The app's state, as a route parameter.
State = Annotated[AppState, Depends(_state)]
router = APIRouter()


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


class MergeIn(BaseModel):
    """Merge item ``merged`` into item ``kept`` of one section (two actors, or two concepts, that are one)."""

    model_config = ConfigDict(extra="forbid")
    section: Literal[MERGEABLE_SECTIONS]  # type: ignore[valid-type]
    kept: str = Field(max_length=80)
    merged: str = Field(max_length=80)


class BulkIn(BaseModel):
    """Accept or reject many proposed items at once: those of ``sections``, among ``ids`` when given, with a
    confidence below or at least a threshold when one is given."""

    model_config = ConfigDict(extra="forbid")
    action: Literal[BULK_ACTIONS]  # type: ignore[valid-type]
    sections: list[str] | None = None
    ids: list[ItemRef] | None = Field(default=None, max_length=100_000)
    confidence_below: float | None = Field(default=None, ge=0.0, le=1.0)
    confidence_at_least: float | None = Field(default=None, ge=0.0, le=1.0)
    include_curated: bool = False


class SelectionIn(BaseModel):
    """An item marked in a document's text: its fields, the selected span and the analyst's paraphrase of it."""

    model_config = ConfigDict(extra="forbid")
    section: str
    fields: dict[str, Any]
    start: int
    end: int
    paraphrase: str = Field(min_length=1, max_length=2000,
                            description="What the selection says, in your own words (never a pasted quote).")
    new_concepts: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="For a causal link: 'cause' or 'effect' -> a new concept's fields.")


class ScenarioIn(BaseModel):
    """Keep the page's controls as a scenario of the model."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    id: str | None = Field(default=None, max_length=80)
    description: str | None = Field(default=None, max_length=2000)
    clamps: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(min_length=1)


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
    fields: list[dict[str, Any]] = Field(default_factory=list,
                                         description="Every editable field, set or not: kind, bounds, choices.")


class ItemsOut(BaseModel):
    version: str
    reviewable: list[str]
    sections: dict[str, list[dict[str, Any]]]


class HistoryOut(BaseModel):
    version: str
    entries: list[dict[str, Any]]


IfMatch = Annotated[str, Header(min_length=1, description="The ETag of the version you changed (GET /api/model).")]

# FastAPI's `responses=` takes a dict keyed by status code (or "default", "4XX") of OpenAPI response fields
_ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut} for status in (400, 404, 409, 422)}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {**_ERRORS, 428: {"model": ErrorOut}}

def _change_out(change: Change) -> JSONResponse:
    body = ChangeOut(action=change.action, section=change.section, id=change.item_id, version=change.version,
                     removed=[ItemRef(section=s, id=i) for s, i in change.removed],
                     updated=[ItemRef(section=s, id=i) for s, i in change.updated])
    return JSONResponse(body.model_dump(), headers={"ETag": f'"{change.version}"'})


def _if_match(value: str | None) -> str | None:
    if value is None:
        return None
    tag = value.strip().removeprefix("W/").strip('"')
    # a header that was sent but names no version (quotes alone) matches no version: 409, not 428 for a missing one
    return tag or value


# the API: reading --------------------------------------------------------------------------------------
@router.get("/api/model", response_model=ModelOut, tags=["model"])
def get_model(state: State, response: Response) -> ModelOut:
    """The model's title, counts, documents (with whether their text is at hand) and current version."""
    model, version = state.model()
    response.headers["ETag"] = f'"{version}"'
    return ModelOut(**page_data.model_overview(model, state.texts()), file=state.settings.model.name,
                    version=version, history=len(state.file.history_entries()),
                    token_required=bool(state.settings.token))


@router.get("/api/items", response_model=ItemsOut, tags=["review"])
def get_items(state: State, response: Response) -> ItemsOut:
    """Every item of every section, with a display label."""
    model, version = state.model()
    response.headers["ETag"] = f'"{version}"'
    return ItemsOut(version=version, reviewable=list(REVIEWABLE_SECTIONS), sections=page_data.sections_of(model))


@router.get("/api/items/{section}/{item_id}", response_model=ItemOut, responses=_ERRORS, tags=["review"])
def get_item(state: State, section: str, item_id: str, response: Response) -> ItemOut:
    """One item, with each evidence span's text and the text around it when the document is at hand."""
    model, version = state.model()
    view = page_data.item_view(model, section, item_id, state.texts())
    response.headers["ETag"] = f'"{version}"'
    return ItemOut(version=version, **view)


@router.get("/api/fields/{section}", tags=["review"], responses=_ERRORS)
def get_fields(section: str) -> list[dict[str, Any]]:
    """What a form shows for each field of a section's items: kind, whether required, bounds, choices, and the
    section a reference points to (a picker)."""
    return page_data.field_specs(section)


@router.get("/api/documents/{document_id}", response_model=DocumentTextOut, responses=_ERRORS, tags=["documents"])
def get_document(state: State, document_id: str, response: Response) -> DocumentTextOut:
    """A document's text (``null`` when not at hand) and every evidence span into it, in text order."""
    model, version = state.model()
    view = page_data.document_view(model, state.document(document_id), state.texts())
    response.headers["ETag"] = f'"{version}"'
    return DocumentTextOut(**view, version=version)


@router.get("/api/history", response_model=HistoryOut, tags=["review"])
def get_history(state: State) -> HistoryOut:
    """The changes undo can take back, oldest first."""
    return HistoryOut(version=state.file.version(), entries=state.file.history_entries())


#: The views a route serves as they are, computed once per version of the model: path, the route's name (and so
#: its OpenAPI operation), what computes the view, its tag, and what it answers (the operation's description).
_VIEWS = (
    ("/api/network", "get_network", page_data.network_view, "views",
     "Actors with positions for drawing; relations and people's affiliations as edges."),
    ("/api/causal-map", "get_causal_map", page_data.causal_map_view, "views",
     "Concepts with positions for drawing; causal links as signed edges."),
    ("/api/timeline", "get_timeline", page_data.timeline_view, "views",
     "Events in date order with the first and last day each date can mean."),
)


def _view(path: str, make: Callable[[Model], dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    def get_view(state: State) -> dict[str, Any]:
        return state.results.view(path, make)

    return get_view


for _path, _name, _make, _tag, _description in _VIEWS:
    router.add_api_route(_path, _view(_path, _make), methods=["GET"], name=_name, tags=[_tag],
                         description=_description)


@router.get("/api/scenarios", tags=["simulate"])
def get_scenarios(state: State) -> dict[str, Any]:
    """The concepts a control can clamp and every scenario with its clamps (inherited ones included)."""
    # the scenario page reads this before it can send a press: the press workers start importing the library now,
    # which the first press would otherwise wait for (about a second)
    state.pool.start()
    return state.results.view("/api/scenarios", page_data.scenarios_view)


@router.get("/api/forecasts", tags=["views"])
def get_forecasts(state: State) -> dict[str, Any]:
    """Forecasts with probabilities, resolutions and Brier scores, and the report's forecasts figure (SVG); with
    an update record beside the model, each forecast's ``trail``: later passages (stance, score) and the
    resolution proposed."""
    board = state.results.view("forecasts", page_data.forecasts_view)
    # the record is read apart from the cached board: an update writes it beside the model, not into it
    trails = page_data.forecast_evidence_view(state.model()[0], state.update_record(), state.texts())
    return page_data.forecast_board(board, trails)


@router.get("/api/changes", tags=["review"], responses=_ERRORS)
def get_changes(state: State, response: Response) -> dict[str, Any]:
    """The proposals an update made (``NAME.update.json`` beside the model) that await review, by kind, each
    with its evidence in the later document; ``record`` is false when the model has no update record."""
    model, version = state.model()
    response.headers["ETag"] = f'"{version}"'
    return {"version": version, **page_data.changes_view(model, state.update_record(), state.texts())}


@router.post("/api/simulate", responses=_ERRORS, tags=["simulate"])
async def post_simulate(state: State, body: Annotated[SimulateIn, Body()]) -> dict[str, Any]:
    """Run a scenario, or the given clamps, through the FCM: the result against the baseline and every concept's
    trajectory, as data the page draws.  Computed once per version of the model and request; a result already
    computed is answered from the event loop, a new one in a worker thread."""
    key = (body.scenario, tuple(sorted(body.clamps.items())))
    stored = state.results.stored("simulate", key)
    if stored is not None:
        return stored
    return await run_in_threadpool(
        state.results.result, "simulate", key,
        lambda model, _version: page_data.simulate_view(model, scenario=body.scenario, clamps=body.clamps)[0])


@router.post("/api/press", responses={**_ERRORS, 503: {"model": ErrorOut}}, tags=["simulate"])
async def post_press(state: State, body: Annotated[PressIn, Body()]) -> dict[str, Any]:
    """Press perturbation on one concept: the share of stable sampled systems in which each concept moves, as data
    the page draws.  Computed once per version of the model and request (the draws are seeded), in a worker
    process; 503 (E285) when that worker stopped before it answered. A result already computed is answered from
    the event loop."""
    stored = state.results.stored("press", state.press_key(body.concept, body.direction, body.draws, body.seed))
    if stored is not None:
        return stored
    return await run_in_threadpool(lambda: state.press(body.concept, body.direction, draws=body.draws,
                                                       seed=body.seed))


@router.post("/api/documents/{document_id}/draft", response_model=ChangeOut, responses=_WRITE_ERRORS,
          tags=["review"])
def draft_document(state: State, document_id: str, if_match: IfMatch):
    """Run the extractor on a document and add the items it drafts, ``review: proposed``, to the model.

    Only new items are added (``updated`` in the answer lists them); items the draft matches to ones the
    model holds are left as they are. One change: undo takes the whole draft back.
    """
    from realpolitik.draft import draft_document as draft  # spaCy and scikit-learn load only when a draft is asked for

    document = state.document(document_id)
    return _change_out(draft(state.file, document, state.texts().get(document.id), _if_match(if_match)))


@router.get("/api/corpus", tags=["corpus"])
def get_corpus(state: State) -> dict[str, Any]:
    """The corpus store's documents (when one is served), each with whether the model holds it."""
    return {"configured": state.corpus is not None, "documents": stored_documents(state.corpus, state.model()[0])}


@router.post("/api/corpus/{document_id}/add", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["corpus"])
def add_from_corpus(state: State, document_id: str, if_match: IfMatch):
    """Add a corpus document to the model with the items drafted from it (its stored extraction, else a fresh
    one), every item ``review: proposed``. One change: undo takes it all back."""
    if state.corpus is None:
        raise UnknownIdError(Errors.E255)
    return _change_out(add_from_store(state.file, state.corpus, document_id, _if_match(if_match)))


@router.get("/api/report", response_class=HTMLResponse, tags=["report"],
         responses={200: {"content": {"text/html": {}}, "description": "The report, as one HTML file."}})
def get_report(state: State, download: bool = True) -> HTMLResponse:
    """The report of the model as it is now: one self-contained HTML file, as a download by default."""
    html = state.report_html()
    stem = Path(state.settings.model.name).stem or "model"
    headers = {"Content-Disposition": f'attachment; filename="{stem}-report.html"'} if download else {}
    return HTMLResponse(html, headers=headers)

# the API: changing ------------------------------------------------------------------------------------
@router.post("/api/items/{section}/{item_id}/accept", response_model=ChangeOut, responses=_WRITE_ERRORS,
          tags=["review"])
def accept_item(state: State, section: str, item_id: str, if_match: IfMatch):
    """Mark an item ``review: accepted`` in the model file."""
    return _change_out(review.accept_item(state.file, section, item_id, _if_match(if_match)))


@router.patch("/api/items/{section}/{item_id}", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
def edit_item(state: State, section: str, item_id: str, body: Annotated[EditIn, Body()], if_match: IfMatch):
    """Change fields of an item (not its id, evidence or review state); the result must be a valid model."""
    return _change_out(review.edit_item(state.file, section, item_id, body.fields, _if_match(if_match)))


@router.delete("/api/items/{section}/{item_id}", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
def reject_item(state: State, section: str, item_id: str, if_match: IfMatch):
    """Reject an item: remove it, and the items that cannot stand without it (listed in the answer)."""
    return _change_out(review.reject_item(state.file, section, item_id, _if_match(if_match)))


@router.post("/api/undo", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
def undo(state: State, if_match: IfMatch):
    """Put the model file back as it was before the newest change made here."""
    return _change_out(state.file.undo(_if_match(if_match)))


@router.post("/api/merge", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
def merge(state: State, body: Annotated[MergeIn, Body()], if_match: IfMatch):
    """Merge two actors or two concepts: references, evidence and names move to the kept one (the answer lists
    the items changed); refused when a link would loop or duplicate another."""
    return _change_out(review.merge_items(state.file, body.section, body.kept, body.merged, _if_match(if_match)))


@router.post("/api/bulk", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["review"])
def bulk(state: State, body: Annotated[BulkIn, Body()], if_match: IfMatch):
    """Accept or reject every proposed item the selection chooses, as one change (409 when it chooses none)."""
    ids = None if body.ids is None else [(ref.section, ref.id) for ref in body.ids]
    return _change_out(review.bulk_review(state.file, body.action, _if_match(if_match), sections=body.sections,
                                          ids=ids, confidence_below=body.confidence_below,
                                          confidence_at_least=body.confidence_at_least,
                                          include_curated=body.include_curated))


@router.post("/api/documents/{document_id}/items", response_model=ChangeOut, responses=_WRITE_ERRORS,
             tags=["review"])
def add_from_selection(state: State, document_id: str, body: Annotated[SelectionIn, Body()], if_match: IfMatch):
    """Add an actor, person, event, relation, concept, causal link or forecast marked in the document's text,
    with the selection as its evidence."""
    document = state.document(document_id)
    evidence = Evidence.model_construct(document=document.id, start=body.start, end=body.end,
                                        paraphrase=body.paraphrase.strip())
    return _change_out(review.add_from_selection(state.file, body.section, body.fields, evidence,
                                                 state.texts().get(document.id), _if_match(if_match),
                                                 new_concepts=body.new_concepts))


@router.post("/api/scenarios", response_model=ChangeOut, responses=_WRITE_ERRORS, tags=["simulate"])
def save_scenario(state: State, body: Annotated[ScenarioIn, Body()], if_match: IfMatch):
    """Keep clamps (the scenario page's controls) as a scenario of the model; undo takes it back."""
    return _change_out(review.save_scenario(state.file, body.name, body.clamps, _if_match(if_match),
                                            scenario_id=body.id, description=body.description))
