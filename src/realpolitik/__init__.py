"""realpolitik: geopolitical analysis as evidence-linked, executable models.

The public API, one verb per stage::

    import realpolitik as rp
    model = rp.load()                                # the bundled model of the seed op-ed
    rp.validate().ok                                 # every problem of a model file
    run = rp.simulate_scenarios(model, ["aid_resumed"])  # FCM scenarios against the baseline
    rp.press(model, {"aid_and_assets": 1})           # qualitative press perturbation
    rp.analyse(model, at="2022").loops               # network over time, balance, loops, levers, scores
    rp.make_report(model, "report.html")             # the HTML report
    rp.export(model, "xmile", "map.xmile")           # Gephi, PySD/Vensim/Stella, FCMpy, spreadsheets
    rp.import_file("edges.csv", "csv")               # and back
    found = rp.extract_file("article.html")          # ingest + extract: actors, events, causes, forecasts
    draft = rp.draft_model(found, existing=model)    # a model of proposed items, for review
    rp.update(None, ["later.txt"], "updated.yaml", published=["2024-08-28"])  # later documents as proposals

docs/tutorial.md walks through them.
"""


from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from realpolitik.errors import (
    InputFileError,
    ModelValidationError,
    RealpolitikError,
    ReportError,
    SimulationError,
    UnknownIdError,
)

if TYPE_CHECKING:
    from realpolitik.about import __version__
    from realpolitik.api import (
        analyse,
        draft_model,
        export,
        extract_file,
        extract_text,
        import_file,
        ingest,
        load,
        make_report,
        press,
        update,
        validate,
    )
    from realpolitik.data import bundled_model_path
    from realpolitik.model import Model, check_model, dump_model, load_model, save_model, validate_file
    from realpolitik.simulate import simulate_scenarios

#: Name -> the module that defines it.  ``import realpolitik`` loads none of them (the stages pull in numpy,
#: pydantic, spaCy, matplotlib...): a name is imported the first time it is used, so every command of the CLI,
#: which imports ``realpolitik.cli`` and hence this package, starts without paying for the stages it does not use.
_LAZY = {
    **dict.fromkeys(("analyse", "draft_model", "export", "extract_file", "extract_text", "import_file", "ingest",
                     "load", "make_report", "press", "update", "validate"), "realpolitik.api"),
    "bundled_model_path": "realpolitik.data",
    **dict.fromkeys(("Model", "check_model", "dump_model", "load_model", "save_model", "validate_file"),
                    "realpolitik.model"),
    "simulate_scenarios": "realpolitik.simulate",
    "__version__": "realpolitik.about",  # importlib.metadata alone is 30 ms
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'realpolitik' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "InputFileError",
    "Model",
    "ModelValidationError",
    "RealpolitikError",
    "ReportError",
    "SimulationError",
    "UnknownIdError",
    "__version__",
    "analyse",
    "bundled_model_path",
    "check_model",
    "draft_model",
    "dump_model",
    "export",
    "extract_file",
    "extract_text",
    "import_file",
    "ingest",
    "load",
    "load_model",
    "make_report",
    "press",
    "save_model",
    "simulate_scenarios",
    "update",
    "validate",
    "validate_file",
]
