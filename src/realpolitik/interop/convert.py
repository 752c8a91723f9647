"""One entry point each way: :func:`export_model` by format name, :func:`import_model` likewise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Unpack

import numpy as np

from realpolitik.errors import Errors, InputFileError, RealpolitikError, UnknownIdError
from realpolitik.files import write_atomically
from realpolitik.interop.graphs import read_graph, write_gexf, write_graphml
from realpolitik.interop.imports import import_edges, import_fcmpy, import_matrix
from realpolitik.interop.sd import SdOptions, sd_spec, to_vensim, to_xmile
from realpolitik.interop.tables import write_csv_tables, write_matrix_csv, write_parquet_tables, write_xlsx_tables
from realpolitik.model.io import dump_model
from realpolitik.model.schema import Model
from realpolitik.simulate import run_fcm

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "export_model", "import_model", "pysd_check"]

#: Export formats: name -> (what it holds, whether PATH is a folder).
EXPORT_FORMATS: dict[str, tuple[str, bool]] = {
    "csv": ("one CSV file per section (actors, relations, events, concepts, causal links, ...) in a folder", True),
    "fcmpy": ("the causal map's weight matrix as CSV, concepts named by id (FCMpy's weight_matrix)", False),
    "gexf": ("actor network and causal map as GEXF 1.3, with spells for dated relations (Gephi)", False),
    "graphml": ("actor network and causal map as GraphML (Gephi, yEd, Cytoscape, networkx)", False),
    "json": ("the model's own JSON (valid against `realpolitik schema`)", False),
    "mentalmodeler": ("the causal map's weight matrix as CSV, concepts named by label (Mental Modeler)", False),
    "parquet": ("one Parquet file per section in a folder", True),
    "vensim": ("the causal map as a Vensim .mdl system-dynamics model (Vensim, PySD)", False),
    "xlsx": ("one workbook with a sheet per section", False),
    "xmile": ("the causal map as an XMILE 1.0 system-dynamics model (Stella, PySD)", False),
}

#: Import formats: name -> what is read.
IMPORT_FORMATS: dict[str, str] = {
    "csv": "an edge list: one row per link, columns cause, effect, weight (or source/target, from/to)",
    "csv-matrix": "an adjacency matrix: names in the first row and column, row = cause, column = effect",
    "fcmpy": "an FCMpy expert survey: a row per expert, columns 'A -> B (+)', linguistic or numeric weights",
    "gexf": "a GEXF file: realpolitik's own, or any graph read as a causal map",
    "graphml": "a GraphML file: realpolitik's own, or any graph read as a causal map",
    "xlsx": "an edge list in a workbook (sheet causal_links or edges, else the first)",
    "xlsx-matrix": "an adjacency matrix in a workbook (first sheet)",
}


def _check(fmt: str, known: dict[str, Any], code: str) -> None:
    if fmt not in known:
        raise UnknownIdError(getattr(Errors, code).format(fmt=fmt, known=", ".join(known)))


def _text(text: str) -> Callable[[Path], list[Path]]:
    def write(path: Path) -> list[Path]:
        return [write_atomically(path, text, code="E210")]

    return write


def _one_file(write: Callable[[Model, Path], None], model: Model, path: Path) -> list[Path]:
    """Run a writer of one file and return it, as the table writers return theirs."""
    write(model, path)
    return [path]


def export_model(
    model: Model,
    fmt: str,
    path: str | Path,
    *,
    scenario: str | None = None,
    **options: Unpack[SdOptions],
) -> list[Path]:
    """Write ``model`` in format ``fmt`` (see :data:`EXPORT_FORMATS`) to ``path``; return the files written.

    The simulation options (``scenario`` whose clamps to hold, and the :class:`~realpolitik.interop.sd.SdOptions`
    ``rule``, ``transfer``, ``steepness``, ``steps``, ``hold_sources``, ``initial``, with the defaults of
    :func:`~realpolitik.interop.sd.sd_spec`) only shape the ``xmile`` and ``vensim`` exports, and mean what they
    mean for :func:`realpolitik.simulate.simulate_scenarios`.

    Raises
    ------
    UnknownIdError
        E203 for an unknown format; E033/E030/E037 for an unknown scenario, concept, rule or transfer.
    SimulationError
        E031, E032, E040 from the SD exports.
    InputFileError
        E210 if the file cannot be written, E213 for a folder format given a file name with a suffix.

    Examples
    --------
    >>> import tempfile, realpolitik as rp
    >>> model = rp.load_model(rp.bundled_model_path())
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in export_model(model, "vensim", Path(tmp) / "map.mdl", scenario="aid_resumed")]
    ['map.mdl']
    """
    unknown = sorted(set(options) - set(SdOptions.__annotations__))
    if unknown:  # a misspelt option is an error for every format, not only for those that use the options
        raise TypeError(f"export_model() got unexpected keyword argument(s): {', '.join(unknown)}")
    _check(fmt, EXPORT_FORMATS, "E203")
    path = Path(path)
    if EXPORT_FORMATS[fmt][1] and path.suffix and not path.is_dir():
        raise InputFileError(Errors.E213.format(fmt=fmt, path=path))
    writers: dict[str, Callable[[Path], list[Path]]] = {
        "csv": lambda p: write_csv_tables(model, p),
        "parquet": lambda p: write_parquet_tables(model, p),
        "xlsx": lambda p: write_xlsx_tables(model, p),
        "fcmpy": lambda p: write_matrix_csv(model, p, names="id"),
        "mentalmodeler": lambda p: write_matrix_csv(model, p, names="label"),
        "graphml": lambda p: _one_file(write_graphml, model, p),
        "gexf": lambda p: _one_file(write_gexf, model, p),
    }
    if fmt in ("xmile", "vensim"):
        spec = sd_spec(model, scenario, **options)
        writers[fmt] = _text(to_xmile(spec) if fmt == "xmile" else to_vensim(spec))
    elif fmt == "json":
        writers[fmt] = _text(dump_model(model, fmt="json"))
    try:
        if not EXPORT_FORMATS[fmt][1]:
            path.parent.mkdir(parents=True, exist_ok=True)
        return writers[fmt](path)
    except OSError as exc:
        raise InputFileError(Errors.E210.format(path=path, reason=exc.strerror or exc)) from exc


def import_model(path: str | Path, fmt: str, *, title: str | None = None) -> Model:
    """Read ``path`` in format ``fmt`` (see :data:`IMPORT_FORMATS`) as a model.

    Raises
    ------
    UnknownIdError
        E204 for an unknown format.
    InputFileError
        E001–E008 for an unreadable file, E200–E213 for content that cannot be imported (see
        :mod:`realpolitik.interop.imports`).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     csv_file = Path(tmp) / "map.csv"
    ...     _ = csv_file.write_text("cause,effect,weight\\nAid,Crisis,-0.7\\n", encoding="utf-8")
    ...     model = import_model(csv_file, "csv")
    >>> [(link.cause, link.effect, link.weight) for link in model.causal_links]
    [('aid', 'crisis', -0.7)]
    """
    _check(fmt, IMPORT_FORMATS, "E204")
    if fmt in ("csv", "xlsx"):
        return import_edges(path, fmt=fmt, title=title)
    if fmt in ("csv-matrix", "xlsx-matrix"):
        return import_matrix(path, fmt=fmt.split("-")[0], title=title)
    if fmt == "fcmpy":
        return import_fcmpy(path, title=title)
    model = read_graph(path, fmt)
    return model.model_copy(update={"title": title}) if title else model


def pysd_check(model: Model, fmt: str = "xmile", *, scenario: str | None = None, steps: int = 30,
               folder: str | Path, **options: Any) -> float:
    """Export the causal map, run it in PySD, and return the largest difference from realpolitik's FCM run.

    Needs the ``pysd`` package (``pip install realpolitik[sd]``).  ``options`` are the simulation options
    of :func:`export_model`; every concept is compared at every step ``0..steps``.

    Raises
    ------
    RealpolitikError
        If PySD is not installed or cannot read the export.
    """
    try:
        import pysd
    except ImportError as exc:
        raise RealpolitikError("the PySD check needs the pysd package: pip install 'realpolitik[sd]'") from exc
    suffix = {"xmile": ".xmile", "vensim": ".mdl"}[fmt]
    target = Path(folder) / f"causal_map{suffix}"
    export_model(model, fmt, target, scenario=scenario, steps=steps, **options)
    spec = sd_spec(model, scenario, steps=steps, **options)
    sd_model = pysd.read_xmile(str(target)) if fmt == "xmile" else pysd.read_vensim(str(target))
    frame = sd_model.run(return_columns=list(spec.names))
    theirs = frame[list(spec.names)].to_numpy()
    held = np.array([flow == "0" for flow in spec.flows])
    ours = run_fcm(_weights(model), np.array(spec.initial), clamp_mask=held, clamp_values=np.array(spec.initial),
                   rule=str(spec.options["rule"]), transfer=str(spec.options["transfer"]),
                   steepness=float(spec.options["steepness"]), steps=steps, tolerance=-1.0,
                   hold_sources=False).run(0)
    return float(np.abs(theirs - ours).max())


def _weights(model: Model) -> np.ndarray:
    from realpolitik.simulate import causal_matrix

    return causal_matrix(model).weights
