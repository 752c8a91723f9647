"""The ``realpolitik`` command: one Typer app, each command in its own module, imported only when it runs.

Importing every command module up front cost 1.7 s on each start (spaCy, matplotlib, scipy, DuckDB...), for
``--help`` as much as for ``corpus query``.  The top-level group therefore knows each command by name and summary
alone (:data:`COMMANDS`) and imports a command's module the first time that command is resolved: ``realpolitik
validate`` imports the validate module and the model, nothing else.  ``tests/cli/test_startup.py`` keeps the
summaries equal to the commands' own help and the heavy libraries out of the start.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from realpolitik.cli.common import EXIT_PROBLEMS, err_console
from realpolitik.errors import Errors, RealpolitikError

__all__ = ["ALIASES", "COMMANDS", "app", "load_command", "main"]

#: Command name -> (its module under ``realpolitik.cli``, the one line the top-level ``--help`` shows), in the
#: order ``--help`` lists them.  A new command module adds its line here.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "Check a model file: structure, ids and references, dates, bands and evidence spans."),
    "show": ("show", ("Show a model: actors by kind, people, relations, the timeline, causal links, forecasts, "
                     "scenarios.")),
    "simulate": ("simulate", ("Run scenarios through the model's fuzzy cognitive map and compare each with the "
                             "baseline.")),
    "press": ("press", ("Predict the sign of every concept's response to a sustained press (loop analysis and Monte "
                       "Carlo).")),
    "analyse": ("analyse", ("Measure a model's structure: actors over time and their balance, the causal map, loops, "
                           "levers, forecasts.")),
    "forecasts": ("forecasts", ("List forecasts with band and status, score the resolved ones, or record a resolution "
                               "in the file.")),
    "schema": ("schema", ("Print the JSON Schema of the model file format (or, with --extraction, of an extraction "
                         "record).")),
    "merge": ("merge", "Merge models drafted from different sources: shared actors and concepts become one item."),
    "report": ("report", ("Write a report: summary, actor network, causal map, timeline, scenarios, press, forecasts, "
                         "evidence.")),
    "demo": ("demo", "Validate, summarise, simulate every scenario, press the main levers and write the report."),
    "export": ("export", ("Export a model: GraphML/GEXF networks, XMILE/Vensim SD models, FCM matrices, tables or "
                         "JSON.")),
    "import": ("import_model", ("Import a causal map (edge list, matrix, FCMpy survey, GraphML, GEXF) as a "
                               "realpolitik model.")),
    "ingest": ("ingest", ("Read documents and show, per document, its id, format, title, author, sections, words, "
                         "language and notes.")),
    "extract": ("extract", ("Extract actors, people, dated events, relations, causal links and forecasts from "
                           "documents.")),
    "draft": ("draft", "Draft a model from an extraction: every item proposed for review, evidence paraphrased."),
    "serve": ("serve", "Serve the web app: review the model against its documents, explore it, run its scenarios."),
    "update": ("update", ("Propose what later documents add to a model (review: proposed), and the evidence on its "
                         "open forecasts.")),
    "scenario": ("scenario", "List, add and remove the model's scenarios (what-ifs kept in the model file)."),
    "eval": ("evaluate", "Score extraction against gold data."),
    "corpus": ("corpus", ("A store of documents and their extractions (DuckDB), batch extraction, cross-document "
                         "questions.")),
}

#: Hidden second names -> the command whose module registers them (not listed in ``--help``).
ALIASES: dict[str, str] = {"analyze": "analyse"}

_loaded: dict[str, Any] = {}


def load_command(name: str) -> Any:
    """The click command (or group) ``name``, importing its module and letting it register itself."""
    if name not in _loaded:
        module = importlib.import_module(f"realpolitik.cli.{COMMANDS[ALIASES.get(name, name)][0]}")
        holder = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        module.register(holder)
        if not holder.registered_groups:  # one plain command: give the holder a callback so it becomes a group
            holder.callback()(lambda: None)
        _loaded[name] = typer.main.get_group(holder).commands[name]
    return _loaded[name]


class _LazyGroup(TyperGroup):
    """The top-level group: lists every command from :data:`COMMANDS`, imports one only to run it (or show its own
    help); the listing in ``--help`` uses the summary alone."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        # stand-ins carrying the summary, so that the listing and the "did you mean" of a typo import nothing
        self.commands = {name: TyperCommand(name=name, help=summary, short_help=summary)
                         for name, (_, summary) in COMMANDS.items()}

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _loaded.get(cmd_name) or self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and (args[0] in COMMANDS or args[0] in ALIASES):
            load_command(args[0])
        return super().resolve_command(ctx, args)

__all__ = ["DEBUG_ENV", "app", "main"]

app = typer.Typer(
    name="realpolitik",
    cls=_LazyGroup,
    help="Geopolitical analysis as evidence-linked, executable models.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _top() -> None:
    """Geopolitical analysis as evidence-linked, executable models."""


#: Set to 1 to let an unexpected exception show its traceback instead of the one-line E280.
DEBUG_ENV = "REALPOLITIK_DEBUG"


def main() -> None:
    """Entry point: run the app, turning the project's own errors into one line and exit code 1.

    Anything else that escapes (a dependency's error no stage translated, a RecursionError, MemoryError) is a bug,
    but a user still gets one coded line (E280) and exit code 1, not a traceback, unless ``$REALPOLITIK_DEBUG``
    asks for it.
    """
    try:
        app()
    except RealpolitikError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
        sys.exit(EXIT_PROBLEMS)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
        message = Errors.E280.format(kind=type(exc).__name__, reason=reason[:300])
        err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
        sys.exit(EXIT_PROBLEMS)
