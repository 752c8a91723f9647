"""The public surface is what we meant it to be, and stages only import downwards."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import realpolitik

PACKAGE = Path(realpolitik.__file__).parent

#: Stage -> the stages it may import. `corpus → extract → model → simulate/analysis → report/web`; cli on top.
ALLOWED = {
    "errors": set(),
    "corpus": {"errors"},
    "extract": {"errors", "corpus", "lang"},
    "model": {"errors", "corpus", "data", "lang"},
    "data": set(),
    "lang": {"errors"},
    "simulate": {"errors", "model"},
    "analysis": {"errors", "model"},
    "report": {"errors", "corpus", "model", "simulate", "analysis", "data"},
    # a draft model from an extraction; evaluation against gold models; batch extraction over a corpus store
    "draft": {"errors", "corpus", "extract", "model", "data", "lang"},
    "evaluate": {"errors", "corpus", "extract", "model", "draft", "data", "lang"},
    "batch": {"errors", "corpus", "extract", "model", "draft", "data"},
    "web": {"errors", "corpus", "extract", "draft", "model", "simulate", "analysis", "report", "interop", "batch", "data"},
    "interop": {"errors", "corpus", "model", "simulate", "analysis", "data"},
    # the `import realpolitik as rp` verbs sit on every stage below the CLI
    "api": {"errors", "corpus", "extract", "draft", "model", "simulate", "analysis", "report", "interop", "data"},
}


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "realpolitik" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stages_import_only_downwards(stage):
    folder = PACKAGE / stage
    files = list(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{stage}.py"]
    for path in files:
        if not path.exists():
            continue
        for module in _imports(path):
            used = _stage_of(module)
            if used is not None and used != stage:
                assert used in ALLOWED[stage], f"{path.relative_to(PACKAGE)} imports {module}"


def test_top_level_api():
    assert set(realpolitik.__all__) >= {
        "Model", "load_model", "save_model", "dump_model", "validate_file", "check_model", "bundled_model_path",
        "RealpolitikError", "InputFileError", "ModelValidationError", "UnknownIdError", "SimulationError",
        "load", "validate", "simulate_scenarios", "press", "analyse", "make_report", "export", "import_file",
        "ingest", "extract_file", "extract_text", "draft_model",
    }


@pytest.mark.parametrize("name", ["realpolitik", "realpolitik.model", "realpolitik.corpus", "realpolitik.interop",
                                  "realpolitik.batch"])
def test_every_exported_name_exists_once(name):
    module = importlib.import_module(name)
    for exported in module.__all__:
        assert hasattr(module, exported), f"{name}.{exported}"
    assert len(set(module.__all__)) == len(module.__all__)


def test_model_api_is_the_documented_one():
    import realpolitik.model as model

    assert set(model.__all__) == {
        "FORMAT_VERSION", "SECTIONS", "Actor", "CausalLink", "Concept", "DateSpan", "Document", "Event", "Evidence",
        "Forecast", "InvalidDateError", "Model", "Problem", "Relation", "Resolution", "Scenario", "ValidationReport",
        "band_for_term", "check_model", "counts", "dump_model", "estimative_terms", "load_model", "parse_date",
        "parse_model", "people", "read_model", "save_model", "timeline", "validate_file",
    }


def test_interop_api_is_the_documented_one():
    from realpolitik import interop

    assert interop.__all__ == sorted(interop.__all__, key=lambda n: (not n.isupper(), n))
    assert {"EXPORT_FORMATS", "IMPORT_FORMATS", "export_model", "import_model", "pysd_check"} <= set(interop.__all__)
    assert set(interop.EXPORT_FORMATS) == {"csv", "fcmpy", "gexf", "graphml", "json", "mentalmodeler", "parquet",
                                           "vensim", "xlsx", "xmile"}
    assert set(interop.IMPORT_FORMATS) == {"csv", "csv-matrix", "fcmpy", "gexf", "graphml", "xlsx", "xlsx-matrix"}


def test_every_verb_has_a_docstring_with_an_example_or_a_pointer():
    for verb in ("load", "validate", "simulate_scenarios", "press", "analyse", "make_report", "export", "import_file",
                 "ingest", "extract_file", "extract_text", "draft_model"):
        doc = getattr(realpolitik, verb).__doc__
        assert doc and ("Examples" in doc or "realpolitik." in doc), verb


def test_no_top_level_name_hides_a_stage():
    for stage in ALLOWED:
        if (PACKAGE / stage).is_dir():
            module = importlib.import_module(f"realpolitik.{stage}")
            assert getattr(realpolitik, stage, module) is module, stage
            assert stage not in realpolitik.__all__
