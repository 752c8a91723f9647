"""Hypothesis fuzzing of the model loader, the date reader and the web app's JSON bodies (issue 19, item 7).

Three targets, each run for ``--examples`` generated inputs (default 100,000):

* ``loader``: :func:`realpolitik.model.load_model` on files written from arbitrary text and bytes, from text built
  of YAML and JSON tokens, and from structured mutations of a small model cut from the bundled one (random values
  in random fields, NaN and infinities, deep nesting, aliases, wrong types, duplicated items, text cut and
  pasted); a model that loads must also dump and load again.
* ``dates``: the date reader of :mod:`realpolitik.extract.dates`, in the order the date component calls it
  (absolute dates, dates without a year, phrases placed by the reference date, relative phrases), on phrases of
  date-ish tokens and arbitrary text, with and without a publication date; every value it gives must be one the
  model's EDTF reader places on the calendar.
* ``web``: the app of :func:`realpolitik.web.create_app` in process (Starlette's TestClient), on a temporary copy
  of a model, sent generated JSON bodies (and some that are not JSON) on every route that takes one, and on the
  change routes without a body, with a good, stale, garbled or missing If-Match; the file must still load after.

A crash is an exception that is not realpolitik's own (:class:`realpolitik.errors.RealpolitikError`; for
:func:`realpolitik.model.edtf.parse_date` its :class:`~realpolitik.model.edtf.InvalidDateError`), or, for the web
app, any answer of 500 or more. Crashes are recorded and the run goes on; the first few distinct ones (by kind and
place) are kept with their input. Run from the repository root::

    PYTHONPATH=src python benchmarks/fuzz.py                          # every target, 100,000 inputs each
    PYTHONPATH=src python benchmarks/fuzz.py --target web --examples 20000 --full-model

The numbers go to ``benchmarks/results/fuzz-TARGET.json`` (``--output`` to change the folder) and a Markdown
table is printed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = ("loader", "dates", "web")
#: The seed op-ed lives outside the repository; when it is there the web app's copy gets it (evidence spans).
SEEDS = ROOT.parent / "shared" / "seeds"
#: Distinct crashes kept with their input per target.
KEPT = 10


# --- the tally ----------------------------------------------------------------------------------------------
@dataclass
class Tally:
    """What one target's run did: inputs executed, outcomes by kind, crashes and the first distinct ones."""

    target: str
    examples: int = 0
    crashes: int = 0
    outcomes: Counter = field(default_factory=Counter)
    first: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def crash(self, kind: str, detail: str, where: str, given: Any) -> None:
        """Count a crash; keep it with its input when it is the first of its kind and place."""
        self.crashes += 1
        key = f"{kind} at {where}"
        if len(self.first) < KEPT and all(c["key"] != key for c in self.first):
            self.first.append({"key": key, "detail": detail[:500], "input": repr(given)[:3000]})

    def exception(self, exc: BaseException, given: Any) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "realpolitik" in f.filename] or frames
        where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        self.crash(type(exc).__name__, str(exc), where, given)

    def summary(self) -> dict[str, Any]:
        return {"target": self.target, "examples": self.examples, "crashes": self.crashes,
                "seconds": round(self.seconds, 1),
                "per_second": round(self.examples / self.seconds, 1) if self.seconds else None,
                "outcomes": dict(self.outcomes.most_common(40)), "first_crashes": self.first, "notes": self.notes}


class OutOfTime(Exception):
    """Raised by a test body once the run's time is up (``--max-minutes``): the one way to stop hypothesis early."""


#: When the current run stops (``time.perf_counter()``), set by :func:`run`.
STOP_AT = [float("inf")]


def run_hypothesis(test: Callable[..., None], strategy: st.SearchStrategy, examples: int, derandomize: bool,
                   tally: Tally) -> None:
    """Run ``test`` on ``examples`` inputs drawn from ``strategy``; generation only, nothing stored or shrunk
    (the body never fails: it counts), stopping early when the run's time is up.

    The web app's model changes as requests change it, and what is drawn from it with it; when hypothesis finds
    that a replayed choice sequence drew differently (``Flaky``) the run goes on in a fresh engine for the inputs
    left, and a note says so."""
    def timed(case: Any) -> None:
        if time.perf_counter() > STOP_AT[0]:
            raise OutOfTime
        test(case)

    progress = -1
    while progress < tally.examples < examples:
        progress = tally.examples
        configured = settings(max_examples=examples - tally.examples, deadline=None, database=None,
                              derandomize=derandomize, suppress_health_check=list(HealthCheck),
                              phases=[Phase.generate], print_blob=False)
        try:
            configured(given(strategy)(timed))()
        except OutOfTime:
            return
        except Flaky as exc:
            tally.notes.append(f"hypothesis restarted after {tally.examples} inputs: {type(exc).__name__}")
            continue
        return


# --- values that go where they should not -------------------------------------------------------------------
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([float("nan"), float("inf"), -float("inf"), 0.0,
                                                                      -0.0, 1e308, 5e-324, 1.0, -1.0, 0.5]),
    st.text(max_size=30), st.sampled_from(["", " ", "\t", "\n", "null", "~", "NaN", ".nan", ".inf", "-.inf", "1e999",
                                           "0x1F", "0o17", "yes", "no", "on", "2021", "2021-02-30", "199X", "../..",
                                           "2021/2019", "[2021..2020]", "0000", "9999-12-31", "--", "\x00", "\ufeff",
                                           "é" * 3, "a" * 81, "proposed", "accepted", "state", "-1", "1.5"]),
)


def _nested(depth: int, leaf: Any = 0) -> Any:
    value = leaf
    for index in range(depth):
        value = [value] if index % 2 else {"k": value}
    return value


JSON_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)
HOSTILE = st.one_of(JSON_VALUES, st.integers(min_value=1, max_value=90).map(_nested),
                    st.integers(min_value=1, max_value=3_000).map(lambda n: "x" * n))


# --- the model loader ---------------------------------------------------------------------------------------
def _bundled_tree() -> dict[str, Any]:
    from realpolitik.data import bundled_model_path
    from realpolitik.files import strict_yaml
    from realpolitik.model.io import _plain

    return _plain(strict_yaml("rt").load(bundled_model_path().read_text(encoding="utf-8")))


def small_model_tree(per_section: int = 3) -> dict[str, Any]:
    """A valid model cut from the bundled one: its header, documents, and a few items of each section whose
    references stay inside the cut (items a check finds fault with are dropped until none is left).

    The bundled model takes half a second to parse; fuzzing needs a model that takes milliseconds.
    """
    from realpolitik.model.schema import SECTIONS

    tree = _bundled_tree()
    kept = {name: list(tree.get(name) or [])[:per_section] for name in SECTIONS if name != "documents"}
    for _ in range(5):  # add what the kept items name (actors, concepts, parent scenarios), until nothing is new
        named = set(_strings(kept))
        for name in kept:
            have = {item.get("id") for item in kept[name]}
            kept[name] += [item for item in tree.get(name) or [] if item.get("id") in named - have]
    tree.update(kept)
    return _consistent(tree)


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [str(key) for key in node] + [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return [node] if isinstance(node, str) else []


def _consistent(tree: dict[str, Any]) -> dict[str, Any]:
    from realpolitik.model.checks import check_model
    from realpolitik.model.io import parse_model
    from realpolitik.model.schema import SECTIONS

    for _ in range(50):
        model, problems, lines = parse_model(json.dumps(tree))
        if model is not None and not problems:
            problems = [p for p in check_model(model, lines=lines) if p.severity == "error"]
        if not problems:
            return tree
        faulty = {(p.path[0], p.path[1]) for p in problems
                  if p.path and len(p.path) > 1 and p.path[0] in SECTIONS and isinstance(p.path[1], int)}
        if not faulty:
            raise RuntimeError(f"cannot cut a valid model: {problems[:3]}")
        for name, index in sorted(faulty, reverse=True):
            del tree[name][index]
    raise RuntimeError("cannot cut a valid model")


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a tree (the root excluded) as a tuple of keys and indexes."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((*prefix, index))
            found += _paths(value, (*prefix, index))
    return found


def _at(tree: Any, path: tuple) -> Any:
    for key in path:
        tree = tree[key]
    return tree


def _mutate(draw: Callable, tree: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Apply a few random mutations to a copy of ``tree``; return it and what was done."""
    tree = json.loads(json.dumps(tree))
    done = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        paths = _paths(tree)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _at(tree, path[:-1]), path[-1]
        action = draw(st.sampled_from(["set", "set", "set", "delete", "add", "duplicate", "alias", "wrap", "swap"]))
        if action == "set":
            parent[key] = draw(HOSTILE)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12) | st.sampled_from(["id", "evidence", "format", "<<", "title"]))] = \
                draw(HOSTILE)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif action == "alias":  # the same container in two places: the YAML writer makes an anchor and an alias
            other = draw(st.sampled_from(paths))
            target = _at(tree, other)
            # an alias may not put a container inside itself: the tree would become a cycle (after an earlier
            # alias one object sits at several paths, so the paths alone cannot tell)
            if isinstance(target, (dict, list)) and not _inside(path, other) and not _holds(target, parent):
                parent[key] = target
        elif action == "wrap":
            parent[key] = _nested(draw(st.integers(min_value=1, max_value=80)), parent[key])
        elif action == "swap":
            value = parent[key]
            parent[key] = list(value.values()) if isinstance(value, dict) else {"0": value}
        done.append(f"{action} {'/'.join(map(str, path))}")
    return tree, done


def _subset(draw: Callable, tree: dict[str, Any]) -> dict[str, Any]:
    """The header and documents of ``tree`` with at most two items of each section (references may break)."""
    cut = dict(tree)
    for name, items in tree.items():
        if isinstance(items, list) and name != "documents" and items:
            chosen = draw(st.lists(st.integers(min_value=0, max_value=len(items) - 1), max_size=2))
            cut[name] = [items[index] for index in chosen]
    return cut


def _holds(container: Any, wanted: Any, seen: set[int] | None = None) -> bool:
    """Whether ``wanted`` is ``container`` or sits anywhere inside it (by identity)."""
    if container is wanted:
        return True
    seen = set() if seen is None else seen
    if id(container) in seen or not isinstance(container, (dict, list)):
        return False
    seen.add(id(container))
    values = container.values() if isinstance(container, dict) else container
    return any(_holds(value, wanted, seen) for value in values)


def _inside(path: tuple, other: tuple) -> bool:
    return path[:len(other)] == other or other[:len(path)] == path


_YAML_TOKENS = ["title:", "format: realpolitik/1", "actors:", "concepts:", "causal_links:", "documents:", "- id: a",
                "  name: A", "  kind: state", "weight: .nan", "weight: 1e999", "&a ", "*a", "<<: *a", "!!python/object",
                "!!binary", "!tag", "---", "...", "%YAML 1.1", "%TAG ! x", "{", "}", "[", "]", ",", ":", "? ", "- ",
                "|", ">", "\t", "\n", "  ", "#", "'", '"', "\\", "null", "~", "2021-08-15", "199X", "\x85", "\u2028",
                "\ufeff", "\r", "\x00", "@", "`", "source: a", "target: a", "polarity: 2"]


def yaml_like_text() -> st.SearchStrategy[str]:
    tokens = st.sampled_from(_YAML_TOKENS) | st.text(max_size=8)
    return st.lists(tokens, max_size=60).map("".join)


def _dump_yaml(tree: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")  # the C emitter: the pure one took half the time of a run
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(tree, buffer)
    return buffer.getvalue()


def _cut_and_paste(draw: Callable, text: str) -> str:
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=min(len(text), start + 200)))
        what = draw(st.sampled_from(["delete", "insert", "repeat"]))
        if what == "delete":
            text = text[:start] + text[end:]
        elif what == "insert":
            text = text[:start] + draw(st.sampled_from(_YAML_TOKENS) | st.text(max_size=10)) + text[start:]
        else:
            text = text[:end] + text[start:end] + text[end:]
    return text


def fuzz_loader(examples: int, derandomize: bool = False) -> Tally:
    """Load generated model files; anything but a RealpolitikError is a crash, and so is a model that loads but
    does not dump and load again."""
    from realpolitik.errors import RealpolitikError
    from realpolitik.model import load_model
    from realpolitik.model.io import check_text, dump_model

    tally = Tally("loader")
    base = small_model_tree(1)
    folder = Path(tempfile.mkdtemp(prefix="realpolitik-fuzz-loader-"))

    @st.composite
    def inputs(draw):
        kind = draw(st.sampled_from(["mutation", "mutation", "mutation", "tokens", "text", "bytes"]))
        suffix = draw(st.sampled_from([".yaml", ".json"]))
        done: list[str] = []
        if kind == "bytes":
            return kind, suffix, draw(st.binary(max_size=300)), done
        if kind == "text":
            text = draw(st.text(max_size=300))
        elif kind == "tokens":
            text = draw(yaml_like_text())
        else:
            whole = draw(st.booleans())
            tree, done = _mutate(draw, base if whole else _subset(draw, base))
            suffix = ".json" if whole else suffix  # YAML is read a hundred times slower than JSON: on small cuts
            try:
                text = (json.dumps(tree, allow_nan=True) if suffix == ".json" and draw(st.booleans())
                        else _dump_yaml(tree))
            except (RecursionError, ValueError, TypeError) as exc:  # the writer's limit, not the reader's
                text = json.dumps({"unwritable": str(exc)[:50]})
            if not whole:  # a cut JSON text is read by the YAML parser: slow on the whole model
                text = _cut_and_paste(draw, text)
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16"]))
        return kind, suffix, text.encode(encoding, errors="surrogatepass"), done

    def test(case) -> None:
        kind, suffix, data, done = case
        tally.examples += 1
        path = folder / f"model{suffix}"
        path.write_bytes(data)
        try:
            model = load_model(path)
        except RealpolitikError as exc:
            tally.outcomes[f"{kind}: {getattr(exc, 'code', None) or _first_code(exc)}"] += 1
            return
        except Exception as exc:  # noqa: BLE001 -- what the fuzzing is for
            tally.exception(exc, (kind, data[:2000], done))
            return
        tally.outcomes[f"{kind}: loaded"] += 1
        try:
            check_text(dump_model(model, fmt=suffix.lstrip(".")))
        except Exception as exc:  # noqa: BLE001 -- a model that loads must load again once written
            tally.exception(exc, ("round trip", kind, data[:2000], done))

    started = time.perf_counter()
    try:
        run_hypothesis(test, inputs(), examples, derandomize, tally)
    finally:
        tally.seconds = time.perf_counter() - started
        shutil.rmtree(folder, ignore_errors=True)
    return tally


def _first_code(exc: BaseException) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return "problems " + ",".join(sorted({p.code for p in problems})[:3])
    return type(exc).__name__


# --- the date reader ----------------------------------------------------------------------------------------
_DATE_TOKENS = ["the 1990s", "1990s", "the '90s", "'90s", "90s", "the 2020s", "in", "on", "of", "the", "by", "before",
                "until", "till", "since", "after", "from", "to", "between", "and", "through", "–", "—", "-", "/", ",",
                ".", ";", ":", "!", "?", "(", ")", '"', "'", "%", "$", "3,000", "20-year", "early", "mid", "mid-",
                "late", "century", "19th", "21st", "twentieth", "summer", "winter", "spring", "autumn", "fall",
                "last", "this", "next", "month", "months", "week", "weeks", "year", "years", "day", "days", "hours",
                "decade", "decades", "ago", "later", "earlier", "within", "following", "previous", "recently",
                "recent", "in recent months", "earlier this year", "last month", "last week", "next year", "a",
                "few", "two", "forty", "one", "twelve", "hundred", "January", "Feb.", "March", "May", "June",
                "Sept.", "Sep", "December", "Dec", "1st", "2nd", "22nd", "31st", "29", "30", "31", "0", "00", "12",
                "\n", "\n\n", "  ", "\t", "١٩٩٠", "²", "٣", "Q3", "AD", "BC", "afternoon", "morning", "today",
                "yesterday", "tomorrow", "the afternoon of", "Today", "Kestria Today", "2021-08-15", "2021/22"]


def date_text() -> st.SearchStrategy[str]:
    years = st.integers(min_value=0, max_value=12000).map(str) | st.integers(min_value=1490, max_value=2110).map(str)
    token = st.sampled_from(_DATE_TOKENS) | years | st.integers(min_value=-50, max_value=10**25).map(str) \
        | st.text(max_size=6)
    phrase = st.lists(token, max_size=30).map(" ".join)
    glued = st.lists(token, max_size=20).map("".join)
    return st.one_of(phrase, phrase, glued, st.text(max_size=200))


def reference_dates() -> st.SearchStrategy[str | None]:
    day = st.dates().map(lambda d: d.isoformat())
    month = st.dates().map(lambda d: d.isoformat()[:7])
    year = st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}")
    odd = st.sampled_from(["0000", "0001", "9999", "9999-12", "9999-12-31", "0001-01-01", "2021/..", "../2021", "..",
                           "199X", "20XX", "2021?", "2021~", "[2021..2022]", "2021-13", "", "soon", "15 August 2021"])
    return st.one_of(st.none(), day, month, year, odd, st.text(max_size=20))


def fuzz_dates(examples: int, derandomize: bool = False) -> Tally:
    """Read dates from generated text as :class:`realpolitik.extract.date_component.DateRecognizer` does, and
    check that the model's EDTF reader takes every value found."""
    from realpolitik.errors import RealpolitikError
    from realpolitik.extract import dates as reader
    from realpolitik.extract.date_component import latest
    from realpolitik.model.edtf import InvalidDateError, parse_date

    tally = Tally("dates")
    allowed = (RealpolitikError,)

    def values_of(text: str, published: str | None, future: bool) -> list[str]:
        found = reader.find_dates(text)
        partials = reader.find_partial_dates(text, found)
        if published and not reader.is_valid_edtf(published):
            published = reader.parse_date(published)
        reference = published or latest([d.edtf for d in found if ".." not in d.edtf])
        values = [d.edtf for d in found]
        values += [v for p in partials if (v := reader.resolve_partial(p, reference, future)) is not None]
        values += [d.edtf for d in reader.find_deictic(text, reference)]
        anchors = [reference, *values[:3]] if reference else values[:3]
        for kind, match in reader.relative_matches(text):
            for anchor in anchors:
                value = reader.resolve_relative(kind, match.group("n"), match.group("unit"), anchor)
                if value is not None:
                    values.append(value)
        return values

    @st.composite
    def inputs(draw):
        return draw(date_text()), draw(reference_dates()), draw(st.booleans()), draw(st.text(max_size=25)), \
            draw(st.integers(min_value=-(10**20), max_value=10**20)), draw(st.sampled_from(
                ["hour", "hours", "day", "days", "week", "month", "months", "year", "decade", "evening", "x", ""]))

    def test(case) -> None:
        text, published, future, loose, amount, unit = case
        tally.examples += 1
        try:
            values = values_of(text, published, future)
            for value in (reader.parse_date(text), reader.parse_date(loose)):
                if value is not None:
                    values.append(value)
            reader.is_valid_edtf(loose)
            reader.bounds_of(loose)
            for anchor in [*values[:3], loose]:
                moved = reader.shift(anchor, amount, unit)
                if moved is not None:
                    values.append(moved)
        except allowed as exc:
            tally.outcomes[type(exc).__name__] += 1
            return
        except Exception as exc:  # noqa: BLE001 -- what the fuzzing is for
            tally.exception(exc, case)
            return
        tally.outcomes["read" if values else "no date"] += 1
        for value in values:  # what the extractor writes, the model must read
            if not reader.is_valid_edtf(value):
                tally.crash("InvalidValue", f"{value!r} is not valid EDTF", "dates.py", case)
                continue
            try:
                parse_date(value)
            except InvalidDateError as exc:
                tally.crash("InvalidDateError", str(exc), "model/edtf.py", (case, value))
            except Exception as exc:  # noqa: BLE001
                tally.exception(exc, (case, value))
        try:
            parse_date(loose)
        except InvalidDateError:
            pass
        except Exception as exc:  # noqa: BLE001
            tally.exception(exc, ("model.edtf.parse_date", loose))

    started = time.perf_counter()
    try:
        run_hypothesis(test, inputs(), examples, derandomize, tally)
    finally:
        tally.seconds = time.perf_counter() - started
    return tally


# --- the web app --------------------------------------------------------------------------------------------
_BODY_ROUTES = ("simulate", "press", "patch", "merge", "bulk", "selection", "scenario")
_BARE_ROUTES = ("accept", "reject", "undo")


def _serve_copy(folder: Path, full: bool) -> Path:
    """A copy of the bundled model (or of the small model cut from it) with the seed beside it when at hand."""
    from realpolitik.data import bundled_model_path

    target = folder / "model.yaml"
    if full:
        shutil.copyfile(bundled_model_path(), target)
    else:
        target.write_text(_dump_yaml(small_model_tree()), encoding="utf-8")
    if SEEDS.is_dir():
        for seed in SEEDS.glob("*.txt"):
            shutil.copyfile(seed, folder / seed.name)
    return target


def _field_values(tree: dict[str, Any]) -> dict[str, list[Any]]:
    """Every value each field name holds in the bundled model: plausible values for the generated bodies."""
    pool: dict[str, list[Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                bucket = pool.setdefault(str(key), [])
                if len(bucket) < 40 and value not in bucket:
                    bucket.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return pool


def fuzz_web(examples: int, derandomize: bool = False, full_model: bool = False) -> Tally:
    """Send generated bodies to the app in process; any status of 500 or more, or an exception that escapes the
    app, is a crash. The file is put back as it was every 400 inputs, so that rejected items come back."""
    from fastapi.testclient import TestClient

    from realpolitik.model import load_model
    from realpolitik.model.edit import REVIEWABLE_SECTIONS
    from realpolitik.model.schema import SECTIONS
    from realpolitik.web import WebSettings, create_app

    tally = Tally("web")
    folder = Path(tempfile.mkdtemp(prefix="realpolitik-fuzz-web-"))
    model_path = _serve_copy(folder, full_model)
    original = model_path.read_bytes()
    tally.notes.append(f"model served: {'the bundled model' if full_model else 'a small model cut from it'} "
                       f"({len(original):,} bytes); seed beside it: {SEEDS.is_dir()}")
    pool = _field_values(_bundled_tree())
    fields_of = {name: list(cls.model_fields) for name, cls in SECTIONS.items()}
    app = create_app(WebSettings(model=model_path))
    state = app.state.realpolitik
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    texts_length = max((len(t) for t in state.texts().values()), default=100)

    def pick(draw, options: list[Any]) -> Any:
        # one draw whatever the model holds now: the model changes during the run, and hypothesis wants the same
        # draws when it replays a choice sequence
        index = draw(st.integers(min_value=0, max_value=2**16))
        return options[index % len(options)] if options else None

    def plausible(draw, name: str) -> Any:
        choices = pool.get(name)
        if choices and draw(st.integers(min_value=0, max_value=2)):
            return draw(st.sampled_from(choices))
        return draw(HOSTILE)

    def ids(draw, section: str) -> str:
        model = state.model()[0]
        known = [str(item.id) for item in getattr(model, section, [])] if section in SECTIONS else []
        chosen = pick(draw, known)
        other = draw(st.text(max_size=12) | st.sampled_from(["", ".", "..", "%2e", "a" * 100, "x y", "é"]))
        known_first = draw(st.integers(min_value=0, max_value=3))  # drawn whether or not the section is empty
        return chosen if chosen is not None and known_first else other

    def section(draw) -> str:
        return draw(st.sampled_from(REVIEWABLE_SECTIONS) | st.sampled_from(["documents", "people", "", "Actors"])
                    | st.text(max_size=8))

    def shaped(draw, keys: dict[str, Callable[[], Any]]) -> dict[str, Any]:
        body = {key: make() for key, make in keys.items() if draw(st.integers(min_value=0, max_value=4))}
        if not draw(st.integers(min_value=0, max_value=5)):
            body[draw(st.text(max_size=8))] = draw(HOSTILE)
        return body

    def field_dict(draw, sec: str) -> dict[str, Any]:
        names = fields_of.get(sec) or ["name"]
        chosen = draw(st.lists(st.sampled_from(names) | st.text(max_size=8), max_size=4))
        return {name: plausible(draw, name) for name in chosen}

    def concept_ids(draw) -> list[str]:
        return [str(c.id) for c in state.model()[0].concepts] or ["x"]

    def concept(draw) -> str:
        return pick(draw, concept_ids(draw))

    def clamps(draw, most: int) -> dict[str, Any]:
        keys = [concept(draw) if draw(st.booleans()) else draw(st.text(max_size=6))
                for _ in range(draw(st.integers(min_value=0, max_value=most)))]
        return {key: draw(st.floats(min_value=0, max_value=1) | _SCALARS) for key in keys}

    def body_for(draw, route: str) -> Any:
        if not draw(st.integers(min_value=0, max_value=9)):
            return draw(HOSTILE)
        if route == "simulate":
            return shaped(draw, {
                "scenario": lambda: pick(draw, [s.id for s in state.model()[0].scenarios] or ["x"])
                if draw(st.booleans()) else draw(_SCALARS),
                "clamps": lambda: clamps(draw, 4)})
        if route == "press":
            return shaped(draw, {
                "concept": lambda: concept(draw) if draw(st.booleans()) else draw(_SCALARS),
                "direction": lambda: draw(st.sampled_from([-1, 1, 0, 2, "1", 1.0, True]) | _SCALARS),
                "draws": lambda: draw(st.sampled_from([100, 101, 200]) | st.integers() | _SCALARS),
                "seed": lambda: draw(st.integers(min_value=0, max_value=2**31 - 1) | st.integers() | _SCALARS)})
        if route == "patch":
            return shaped(draw, {"fields": lambda: field_dict(draw, draw(st.sampled_from(REVIEWABLE_SECTIONS)))})
        if route == "merge":
            sec = draw(st.sampled_from(["actors", "concepts"]) | st.text(max_size=6))
            return shaped(draw, {"section": lambda: sec, "kept": lambda: ids(draw, sec),
                                 "merged": lambda: ids(draw, sec)})
        if route == "bulk":
            return shaped(draw, {
                "action": lambda: draw(st.sampled_from(["accept", "reject", "delete"]) | _SCALARS),
                "sections": lambda: draw(st.lists(st.sampled_from(REVIEWABLE_SECTIONS) | st.text(max_size=6),
                                                  max_size=3) | _SCALARS),
                "ids": lambda: [{"section": (s := section(draw)), "id": ids(draw, s)}
                                for _ in range(draw(st.integers(min_value=0, max_value=3)))],
                "confidence_below": lambda: draw(st.floats(min_value=0, max_value=1) | _SCALARS),
                "confidence_at_least": lambda: draw(st.floats(min_value=0, max_value=1) | _SCALARS),
                "include_curated": lambda: draw(st.booleans() | _SCALARS)})
        if route == "selection":
            sec = section(draw)
            start = draw(st.integers(min_value=0, max_value=texts_length) | st.integers())
            return shaped(draw, {
                "section": lambda: sec, "fields": lambda: field_dict(draw, sec),
                "start": lambda: start,
                "end": lambda: draw(st.integers(min_value=start - 5, max_value=start + 400) | _SCALARS),
                "paraphrase": lambda: draw(st.text(max_size=40) | _SCALARS),
                "new_concepts": lambda: {draw(st.sampled_from(["cause", "effect", "other"])): field_dict(draw,
                                                                                                       "concepts")}})
        return shaped(draw, {  # scenario
            "name": lambda: draw(st.text(max_size=30) | _SCALARS), "id": lambda: ids(draw, "scenarios"),
            "description": lambda: draw(st.text(max_size=30) | _SCALARS),
            "clamps": lambda: clamps(draw, 3)})

    def encoded(draw, body: Any) -> bytes:
        how = draw(st.integers(min_value=0, max_value=19))
        if how == 0:
            return draw(st.binary(max_size=60))
        if how == 1:
            return draw(st.sampled_from([b"", b"{", b"[" * 3000, b'{"a": ' + b"[" * 70 + b"]" * 70 + b"}",
                                         b'{"draws": 1e999}', b'{"a": 1, "a": 2}', b"null", b'"\\ud800"', b"NaN"]))
        try:
            return json.dumps(body, allow_nan=True).encode("utf-8", errors="surrogatepass")
        except (ValueError, RecursionError):
            return b"{}"

    def if_match(draw) -> dict[str, str]:
        how = draw(st.integers(min_value=0, max_value=9))
        if how <= 5:
            return {"If-Match": f'"{state.file.version()}"' if how % 2 else state.file.version()}
        if how == 6:
            return {}
        text = draw(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20)).strip()
        return {"If-Match": text} if text else {}

    @st.composite
    def requests(draw):
        route = draw(st.sampled_from(_BODY_ROUTES + _BODY_ROUTES + _BARE_ROUTES))
        headers = {"Content-Type": draw(st.sampled_from(["application/json"] * 8 + ["text/plain", ""]))}
        headers.update(if_match(draw))
        if route in _BARE_ROUTES:
            sec = draw(st.sampled_from(REVIEWABLE_SECTIONS))
            path = {"accept": f"/api/items/{sec}/{ids(draw, sec)}/accept", "reject": f"/api/items/{sec}/"
                    f"{ids(draw, sec)}", "undo": "/api/undo"}[route]
            method = "DELETE" if route == "reject" else "POST"
            content = encoded(draw, draw(HOSTILE)) if draw(st.booleans()) else b""
            return method, path, headers, content
        body = body_for(draw, route)
        if route == "patch":
            sec = section(draw)
            path, method = f"/api/items/{sec}/{ids(draw, sec)}", "PATCH"
        elif route == "selection":
            documents = [d.id for d in state.model()[0].documents] or ["x"]
            document = pick(draw, documents) if draw(st.booleans()) else draw(st.text(max_size=6))
            path, method = f"/api/documents/{document}/items", "POST"
        else:
            path, method = {"simulate": "/api/simulate", "press": "/api/press", "merge": "/api/merge",
                            "bulk": "/api/bulk", "scenario": "/api/scenarios"}[route], "POST"
        return method, path, headers, encoded(draw, body)

    def test(request) -> None:
        method, path, headers, content = request
        tally.examples += 1
        if tally.examples % 400 == 0:  # back to the model as it was, so that rejected items come back
            model_path.write_bytes(original)
            shutil.rmtree(model_path.with_name(f".{model_path.name}.history"), ignore_errors=True)
        try:
            response = client.request(method, _quoted(path), headers=headers, content=content)
        except Exception as exc:  # noqa: BLE001 -- an exception that escapes the app
            tally.exception(exc, request)
            return
        tally.outcomes[f"{path.split('/')[2]} {method} {response.status_code}"] += 1
        if response.status_code >= 500:
            tally.crash(f"HTTP {response.status_code}", response.text[:400], f"{method} {path.split('/')[2]}",
                        request)

    started = time.perf_counter()
    try:
        run_hypothesis(test, requests(), examples, derandomize, tally)
    finally:
        tally.seconds = time.perf_counter() - started
        client.close()
        try:
            load_model(model_path)
            tally.notes.append("the model file loads after the run")
        except Exception as exc:  # noqa: BLE001
            tally.crash(type(exc).__name__, str(exc), "the file after the run", None)
            tally.notes.append("the model file does NOT load after the run")
        shutil.rmtree(folder, ignore_errors=True)
    return tally


def _quoted(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


# --- the run ------------------------------------------------------------------------------------------------
def markdown(tallies: list[Tally]) -> str:
    lines = ["| target | inputs | crashes | wall time | inputs/s |", "|---|---:|---:|---:|---:|"]
    for tally in tallies:
        rate = tally.examples / tally.seconds if tally.seconds else 0
        lines.append(f"| {tally.target} | {tally.examples:,} | {tally.crashes} | {tally.seconds:,.0f} s "
                     f"| {rate:,.0f} |")
    for tally in tallies:
        for crash in tally.first:
            lines.append(f"\n- {tally.target}: {crash['key']}: {crash['detail'][:200]}")
    return "\n".join(lines)


def run(target: str, examples: int, *, derandomize: bool = False, full_model: bool = False,
        max_minutes: float | None = None) -> Tally:
    """Fuzz one target for ``examples`` inputs, or until ``max_minutes`` have passed."""
    STOP_AT[0] = time.perf_counter() + max_minutes * 60 if max_minutes else float("inf")
    if target == "loader":
        return fuzz_loader(examples, derandomize)
    if target == "dates":
        return fuzz_dates(examples, derandomize)
    if target == "web":
        return fuzz_web(examples, derandomize, full_model)
    raise ValueError(f"unknown target {target!r}; choose from {', '.join(TARGETS)}")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=(*TARGETS, "all"), default="all")
    parser.add_argument("--examples", type=int, default=100_000, help="inputs per target")
    parser.add_argument("--derandomize", action="store_true", help="the same inputs on every run")
    parser.add_argument("--full-model", action="store_true",
                        help="serve the whole bundled model to the web target (half a second a parse) instead of a "
                             "small model cut from it")
    parser.add_argument("--max-minutes", type=float, help="stop a target after this long (the count says how far)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="folder of the JSON results")
    args = parser.parse_args(argv)
    tallies = []
    for target in TARGETS if args.target == "all" else (args.target,):
        started = datetime.now(UTC)
        tally = run(target, args.examples, derandomize=args.derandomize, full_model=args.full_model,
                    max_minutes=args.max_minutes)
        tallies.append(tally)
        result = {**tally.summary(), "started": f"{started:%Y-%m-%d %H:%M} UTC", "asked": args.examples,
                  "derandomize": args.derandomize, "load": os.getloadavg(), "python": sys.version.split()[0],
                  "command": "PYTHONPATH=src python benchmarks/fuzz.py " + " ".join(argv or sys.argv[1:])}
        args.output.mkdir(parents=True, exist_ok=True)
        suffix = "-full" if target == "web" and args.full_model else ""
        (args.output / f"fuzz-{target}{suffix}.json").write_text(json.dumps(result, indent=2, default=str) + "\n",
                                                                 encoding="utf-8")
        print(f"{target}: {tally.examples:,} inputs, {tally.crashes} crashes, {tally.seconds:,.0f} s", flush=True)
    text = markdown(tallies)
    print(text)
    return {"results": [t.summary() for t in tallies], "markdown": text}


if __name__ == "__main__":
    main(sys.argv[1:])
