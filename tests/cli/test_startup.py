"""A command starts without the heavy libraries it does not use: ``--help`` and ``import realpolitik`` load none of
them, ``validate`` loads the model alone, and a command's module is imported only when the command runs."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys

import pytest
import typer

from realpolitik.cli.app import ALIASES, COMMANDS, load_command

#: Libraries that cost tenths of a second each to import and that only some commands need.
HEAVY = ("spacy", "thinc", "matplotlib", "scipy", "duckdb", "pyarrow", "dask", "networkx", "pandas", "jinja2",
         "sklearn", "fastapi", "uvicorn")


def _imported_by(*args: str) -> set[str]:
    """The top-level names of every module a fresh ``python -X importtime`` imports while running ``args``."""
    completed = subprocess.run([sys.executable, "-X", "importtime", *args], check=False, capture_output=True, text=True,
                               env={**os.environ, "COLUMNS": "120"}, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    lines = [line for line in completed.stderr.splitlines() if line.startswith("import time:") and "|" in line]
    assert lines, "python -X importtime printed nothing"
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in lines}


@pytest.mark.parametrize("args", [("-c", "import realpolitik"), ("-c", "import realpolitik.cli"),
                                  ("-m", "realpolitik", "--help")], ids=["package", "cli", "help"])
def test_start_imports_no_heavy_library(args):
    loaded = _imported_by(*args)
    assert "realpolitik" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_validate_imports_only_what_a_model_needs(bundled_path):
    loaded = _imported_by("-m", "realpolitik", "validate", str(bundled_path))
    assert "pydantic" in loaded  # it did load and check the model
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_top_level_help_lists_every_command_with_its_own_summary(cli):
    result = cli("--help")
    assert result.code == 0, result.output
    for name, (_, summary) in COMMANDS.items():
        command = load_command(name)
        own = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0].replace("\n", " ")
        assert own == summary, f"COMMANDS[{name!r}] drifted from the command's help"
        assert f" {name} " in result.stdout


def test_every_command_a_module_registers_is_known_to_the_app():
    for module_name in {module for module, _ in COMMANDS.values()}:
        holder = typer.Typer()
        importlib.import_module(f"realpolitik.cli.{module_name}").register(holder)
        names = {c.name for c in holder.registered_commands} | {g.name for g in holder.registered_groups}
        assert names <= set(COMMANDS) | set(ALIASES), (module_name, names)


def test_the_hidden_alias_runs_its_command(cli, bundled_path):
    result = cli("analyze", str(bundled_path), "--json", "--max-loops", "10")
    assert result.code == 0, result.output
    assert "analyze" not in cli("--help").stdout


def test_a_typo_is_answered_with_the_command_meant(cli):
    result = cli("validat")
    assert result.code == 2
    assert "Did you mean 'validate'?" in result.output


def test_package_names_resolve_when_first_used():
    code = ("import sys, realpolitik as rp; assert 'realpolitik.api' not in sys.modules; "
            "print(rp.load().title, rp.__version__, 'simulate_scenarios' in dir(rp))")
    completed = subprocess.run([sys.executable, "-c", code],
                               check=False, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip().endswith("True")
    with pytest.raises(AttributeError, match="no attribute 'no_such_verb'"):
        import realpolitik

        _ = realpolitik.no_such_verb
