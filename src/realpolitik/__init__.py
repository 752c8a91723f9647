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

docs/tutorial.md walks through them.
"""


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
    validate,
)
from realpolitik.data import bundled_model_path
from realpolitik.errors import (
    InputFileError,
    ModelValidationError,
    RealpolitikError,
    ReportError,
    SimulationError,
    UnknownIdError,
)
from realpolitik.model import (
    Model,
    check_model,
    dump_model,
    load_model,
    save_model,
    validate_file,
)
from realpolitik.simulate import simulate_scenarios

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
    "validate",
    "validate_file",
]
