"""The verbs of ``import realpolitik as rp``: one call per stage, each delegating to that stage's package.

No verb may take the name of a subpackage (``simulate``, ``report``, ``extract``): ``rp.simulate`` would then
be a function, and ``from realpolitik import simulate`` would no longer give the package.  Scenarios run with
:func:`realpolitik.simulate.simulate_scenarios`, re-exported as ``rp.simulate_scenarios``; the report is
:func:`make_report`.

These are conveniences for notebooks and scripts: every one has a fuller form in its stage
(:mod:`realpolitik.model`, :mod:`realpolitik.simulate`, :mod:`realpolitik.analysis`,
:mod:`realpolitik.report`, :mod:`realpolitik.interop`) with more options.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.analysis import ModelAnalysis, analyse_model
from realpolitik.corpus import IngestedDocument, ingest_file
from realpolitik.data import bundled_model_path
from realpolitik.interop import export_model, import_model
from realpolitik.model import Model, ValidationReport, load_model, validate_file
from realpolitik.report import build_report_data, write_report
from realpolitik.simulate import PressResult, press_perturbation

if TYPE_CHECKING:  # the extractor loads spaCy, so it is imported only when a verb needs it
    from realpolitik.record import Extraction
    from realpolitik.updates import UpdateResult

__all__ = ["analyse", "draft_model", "export", "extract_file", "extract_text", "import_file", "ingest", "load",
           "make_report", "press", "update", "validate"]


def load(path: str | Path | None = None) -> Model:
    """Load and check a model file; the bundled model of the seed op-ed when ``path`` is ``None``.

    Raises
    ------
    InputFileError
        If the file cannot be read.
    ModelValidationError
        If the model has errors; ``problems`` lists them all.

    Examples
    --------
    >>> import realpolitik as rp
    >>> model = rp.load()
    >>> len(model.concepts) > 10 and len(model.causal_links) > len(model.concepts)
    True
    """
    return load_model(bundled_model_path() if path is None else path)


def ingest(path: str | Path) -> IngestedDocument:
    """Read a txt, md, html or pdf file into clean, normalised text with its title, author and sections.

    See :func:`realpolitik.corpus.ingest_file` (limits, encodings, what is dropped as boilerplate).

    Examples
    --------
    >>> import tempfile, realpolitik as rp
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     page = Path(tmp) / "brief.md"
    ...     text = "# Dam talks stall\\n\\nEgypt and Ethiopia met in Cairo in May 2023.\\n"
    ...     _ = page.write_text(text, encoding="utf-8")
    ...     document = rp.ingest(page)
    >>> document.title, len(document.id)
    ('Dam talks stall', 64)
    """
    return ingest_file(path)


def extract_file(path: str | Path) -> Extraction:
    """Draft a document's system: actors, people, dated events, relations, causal links, forecasts, with spans.

    The NLP pipeline is loaded on first use (a few seconds) and cached. See
    :func:`realpolitik.extract.extract_document` and docs/extraction.md.
    """
    from realpolitik.extract import extract_file as _extract_file

    return _extract_file(path)


def extract_text(text: str, *, title: str | None = None) -> Extraction:
    """Extract from a string instead of a file (the document id is the sha256 of its UTF-8 bytes).

    Examples
    --------
    >>> import realpolitik as rp
    >>> found = rp.extract_text("In March 2023 Egypt accused Ethiopia of filling the dam without an agreement.")
    >>> sorted(actor.id for actor in found.actors)
    ['egypt', 'ethiopia']
    >>> found.events[0].date
    '2023-03'
    """
    from realpolitik.extract import extract_text as _extract_text

    return _extract_text(text, title=title)


def draft_model(extraction: Extraction, *, existing: Model | None = None) -> Model:
    """Turn an extraction into a model whose every item is proposed for review, merged into ``existing`` if given.

    See :func:`realpolitik.draft.draft_model` for the report of what was created, merged and left out.

    Examples
    --------
    >>> import realpolitik as rp
    >>> found = rp.extract_text("In March 2023 Egypt accused Ethiopia of filling the dam without an agreement.")
    >>> model = rp.draft_model(found)
    >>> {actor.review for actor in model.actors}
    {'proposed'}
    """
    from realpolitik.draft import draft_model as _draft_model

    return _draft_model(extraction, existing=existing).model


def validate(path: str | Path | None = None, *, documents: Iterable[str | Path] = ()) -> ValidationReport:
    """Every problem of a model file, with evidence spans checked against the documents found.

    Examples
    --------
    >>> import realpolitik as rp
    >>> report = rp.validate()
    >>> report.ok, report.errors
    (True, [])
    """
    return validate_file(bundled_model_path() if path is None else path, documents=documents)


def press(model: Model, pressed: dict[str, int], **options: Any) -> PressResult:
    """Signed responses of every concept to a sustained press.

    See :func:`realpolitik.simulate.press_perturbation` for the options (``draws``, ``seed``, ``weights``,
    ``observed``).

    Examples
    --------
    >>> import realpolitik as rp
    >>> result = rp.press(rp.load(), {"aid_and_assets": 1}, draws=200, seed=1)
    >>> result.concepts == tuple(c.id for c in rp.load().concepts)
    True
    """
    return press_perturbation(model, pressed, **options)


def analyse(model: Model, *, at: str | None = None, compare: tuple[str, str] | None = None) -> ModelAnalysis:
    """The actor network at a date and over time, balance, causal structure, loops, levers, forecast scores.

    ``at`` defaults to today; ``compare`` names two dates whose networks are compared. See
    :func:`realpolitik.analysis.analyse_model` for the bounds and docs/analysis.md for the measures.

    Examples
    --------
    >>> import realpolitik as rp
    >>> result = rp.analyse(rp.load(), at="2022", compare=("2010", "2016"))
    >>> result.actors.triad("russia", "taliban", "iskp").balanced
    True
    >>> result.loops.capped, result.forecasts.resolved >= 10
    (False, True)
    """
    return analyse_model(model, at=at, compare=compare)


def make_report(
    model: Model, path: str | Path, *, fmt: str | None = None, draws: int = 2_000, seed: int = 0
) -> list[Path]:
    """Simulate, press the main levers and write the report (HTML, or Markdown for a ``.md`` path).

    Returns the files written, the report first.  ``draws`` is per press; the CLI's report uses more.

    Examples
    --------
    >>> import tempfile, realpolitik as rp
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = rp.make_report(rp.load(), Path(tmp) / "report.html", draws=100)
    ...     html = written[0].read_text(encoding="utf-8")
    >>> "<html" in html and rp.load().title in html
    True
    """
    return write_report(build_report_data(model, draws=draws, seed=seed), path, fmt=fmt)


def export(model: Model, fmt: str, path: str | Path, **options: Any) -> list[Path]:
    """Write the model for another tool (see :func:`realpolitik.interop.export_model` for formats and options).

    Examples
    --------
    >>> import tempfile, realpolitik as rp
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = rp.export(rp.load(), "graphml", Path(tmp) / "map.graphml")
    ...     back = rp.import_file(files[0], "graphml")
    >>> back == rp.load()
    True
    """
    return export_model(model, fmt, path, **options)


def import_file(path: str | Path, fmt: str, *, title: str | None = None) -> Model:
    """Read another tool's file as a model (see :func:`realpolitik.interop.import_model` for formats).

    Examples
    --------
    >>> import tempfile, realpolitik as rp
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     matrix = Path(tmp) / "map.csv"
    ...     _ = matrix.write_text(",Aid,Crisis\\nAid,0,-0.8\\nCrisis,0,0\\n", encoding="utf-8")
    ...     model = rp.import_file(matrix, "csv-matrix")
    >>> [(link.cause, link.effect, link.weight) for link in model.causal_links]
    [('aid', 'crisis', -0.8)]
    """
    return import_model(path, fmt, title=title)


def update(model: str | Path | None, documents: Iterable[str | Path], output: str | Path, *,
           published: Iterable[str] = (), index: str | Path | None = None, retrieval: str = "auto") -> UpdateResult:
    """Propose what later documents add to a model and the evidence on its open forecasts; write ``output``.

    ``model`` is a model file (the bundled one when None); it is never written. Each document needs a
    publication date: ``published`` (one per document, in order), ``index`` (a CSV), or an ``index.csv`` beside
    the documents. New items are appended with ``review: proposed``; forecast evidence and proposed
    resolutions go to the record beside ``output`` (:func:`realpolitik.updates.record_path`), applied to
    nothing. See :func:`realpolitik.updates.update_model` and docs/update.md.

    Raises
    ------
    UpdateError
        E300-E308 (no date, no documents, the model changed during the update …).
    """
    from realpolitik.updates import later_documents, update_model  # the update loads the extractor

    later = later_documents(list(documents), published=list(published), index=index)
    return update_model(bundled_model_path() if model is None else model, later, output, retrieval=retrieval,
                        show_progress=False)
