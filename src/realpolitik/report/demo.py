"""The demo pipeline: validate -> summary -> all scenarios -> press on the main levers -> report."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.data import bundled_model_path
from realpolitik.errors import ModelValidationError
from realpolitik.model.file import validate_file
from realpolitik.report.data import DEFAULT_DRAWS, add_presses, add_scenarios, report_data_without_runs
from realpolitik.report.render import write_report
from realpolitik.report.summary import headline

__all__ = ["DEFAULT_OUTPUT", "DEMO_STEPS", "DemoResult", "run_demo"]

#: Where the demo writes its report unless told otherwise: beside wherever it is run, easy to find.
DEFAULT_OUTPUT = Path("realpolitik-report") / "report.html"
#: The demo's steps, in order, as passed to the ``step`` callback.
DEMO_STEPS = ("validate", "summary", "scenarios", "press", "report")


@dataclass
class DemoResult:
    """What the demo did: the model, the files written (the report first), the headline and each step's seconds."""

    model_path: Path
    files: list[Path]
    headline: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def report(self) -> Path:
        """The report file."""
        return self.files[0]


StepContext = Callable[[str], AbstractContextManager[object]]


def run_demo(
    model_path: str | Path | None = None,
    output: str | Path = DEFAULT_OUTPUT,
    *,
    fmt: str | None = None,
    figure_format: str = "png",
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    step: StepContext | None = None,
) -> DemoResult:
    """Run the whole pipeline on a model (the bundled seed model by default) and write its report.

    Parameters
    ----------
    model_path
        The model file; ``None`` for the bundled model of the seed op-ed.
    output
        The report file (see :data:`DEFAULT_OUTPUT`); ``.md`` writes Markdown unless ``fmt`` says otherwise.
    fmt, figure_format
        As for :func:`realpolitik.report.write_report`.
    draws, seed
        Press perturbation draws and seed.
    step
        Called with each step's name (:data:`DEMO_STEPS`) to give a context the step runs in, so
        that a caller can show progress; the demo times each step itself.

    Raises
    ------
    ModelValidationError
        If the model has errors (warnings are returned in :attr:`DemoResult.warnings`).
    ReportError
        If the report cannot be written.
    """
    path = Path(model_path) if model_path is not None else bundled_model_path()
    timings: dict[str, float] = {}

    @contextmanager
    def timed(name: str) -> Iterator[None]:
        start = time.perf_counter()
        with step(name) if step is not None else nullcontext():
            yield
        timings[name] = time.perf_counter() - start

    with timed("validate"):
        validation = validate_file(path)
        if not validation.ok or validation.model is None:
            raise ModelValidationError(validation.errors)
        model = validation.model
    with timed("summary"):
        data = report_data_without_runs(model, source=path.name)
    with timed("scenarios"):
        add_scenarios(data)
    with timed("press"):
        add_presses(data, draws=draws, seed=seed)
    with timed("report"):
        files = write_report(data, output, fmt=fmt, figure_format=figure_format)
    warnings = [str(problem) for problem in validation.problems if problem.severity != "error"]
    return DemoResult(model_path=path, files=files, headline=headline(data), timings=timings, warnings=warnings)
