"""realpolitik: geopolitical analysis as evidence-linked, executable models.

The public API, stage by stage::

    import realpolitik as rp
    model = rp.load_model(rp.bundled_model_path())
"""

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("realpolitik")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = [
    "InputFileError",
    "Model",
    "ModelValidationError",
    "RealpolitikError",
    "ReportError",
    "SimulationError",
    "UnknownIdError",
    "__version__",
    "bundled_model_path",
    "check_model",
    "dump_model",
    "load_model",
    "save_model",
    "validate_file",
]
