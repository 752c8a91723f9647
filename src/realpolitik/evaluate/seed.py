"""Scoring an extraction against a gold model of the same document (by default the seed and its curated model).

Items are paired one to one, best pair first, so that one extracted item never counts for two gold items:

- actors (people included): an extracted actor matches a gold actor sharing a normalised name or alias
  (:func:`realpolitik.model.merge.normalise_name`; a possessive "'s" ignored); a second extracted actor
  naming the same gold actor is a duplicate, counted as spurious;
- dated events: evidence spans overlap, then the EDTF dates must be equal (same calendar bounds);
- causal links: evidence spans overlap;
- forecasts: evidence spans overlap and the band is the same;
- relations: the same source and target (through the actor pairing) and the same sign of polarity.

A boilerplate check lists any extracted item whose evidence lies past the document's main body (beyond the
text, or in the comment form or share links trailing the article) or on a boilerplate line inside it, as the
ingest stage finds them (:func:`realpolitik.corpus.drop_boilerplate`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.corpus.boilerplate import drop_boilerplate
from realpolitik.corpus.text import read_source_text, sha256_hex
from realpolitik.data import bundled_model_path
from realpolitik.draft.io import load_extraction, load_model_one_line, read_extraction
from realpolitik.errors import Errors, RealpolitikError
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.file import DOCUMENTS_ENV
from realpolitik.model.merge import normalise_name
from realpolitik.model.schema import Model

if TYPE_CHECKING:  # the extract package loads spaCy on import
    from realpolitik.record import Extraction

__all__ = [
    "ITEM_TYPES",
    "TARGETS",
    "evaluate_against_model",
    "evaluate_document",
    "find_gold_document",
    "main_body_end",
]

#: The rows of the score table, in order.
ITEM_TYPES = ("actors", "people", "events", "relations", "causal_links", "forecasts")

#: (item type, measure, least value) that an extractor should reach on the seed.
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("actors", "recall", 0.95),
    ("actors", "precision", 0.9),
    ("events", "recall", 0.9),
    ("causal_links", "recall", 0.75),
    ("forecasts", "recall", 0.9),
)


def main_body_end(text: str) -> int:
    """Offset where the main body of ``text`` ends: before trailing page boilerplate and blank lines.

    The boilerplate is what the ingest stage drops (:func:`realpolitik.corpus.drop_boilerplate`,
    patterns in ``lang/en/boilerplate.yaml``): comment forms, share and cookie notices.

    Examples
    --------
    >>> text = "Title\\n\\nThe argument.\\n\\nLeave a Reply\\nPost Comment\\n"
    >>> text[: main_body_end(text)]
    'Title\\n\\nThe argument.'
    >>> main_body_end("Nothing trails.")
    15
    """
    return len(drop_boilerplate(text).text.rstrip())


def _boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """Spans of boilerplate lines inside the main body (blanked by ingest, offsets kept)."""
    return [(line.start, line.end) for line in drop_boilerplate(text).dropped if not line.cut]


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> int:
    b = list(b)
    return max((min(e1, e2) - max(s1, s2) for s1, e1 in a for s2, e2 in b), default=0)


def _pair(
    gold: Sequence[Any], found: Sequence[Any], score: Callable[[Any, Any], tuple | None]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, found index), the best-scoring first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            value = score(g, f)
            if value is not None:
                candidates.append((value, i, j))
    candidates.sort(key=lambda c: (c[0], -c[1], -c[2]), reverse=True)
    used_gold, used_found, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_found:
            used_gold.add(i)
            used_found.add(j)
            pairs.append((i, j))
    return pairs


def _row(gold: list[dict], found: list[dict], matched: list[tuple[int, int]], wrong: list[dict] | None = None) -> dict:
    hit_gold, hit_found = {i for i, _ in matched}, {j for _, j in matched}
    row = {
        "gold": len(gold),
        "found": len(found),
        "matched": len(matched),
        "recall": _ratio(len(matched), len(gold)),
        "precision": _ratio(len(matched), len(found)),
        "missed": [g for i, g in enumerate(gold) if i not in hit_gold],
        "spurious": [f for j, f in enumerate(found) if j not in hit_found],
    }
    if wrong is not None:
        row["wrong"] = wrong
    return row


def _spans(item: Any, document: str) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in item.evidence if e.document == document]


def _keys(names: Iterable[str]) -> set[str]:
    keys = set()
    for name in names:
        keys.add(normalise_name(name))
        keys.add(normalise_name(re.sub(r"['’]s$", "", name.strip())))
    return keys - {""}


def _same_date(a: str, b: str | None) -> bool:
    if b is None:
        return False
    try:
        first, second = parse_date(a), parse_date(b)
    except InvalidDateError:
        return a.strip() == b.strip()
    return (first.lower, first.upper) == (second.lower, second.upper)


def _actors(x: Extraction, gold: Model, document: str) -> tuple[dict, dict, dict[str, str]]:
    gold_actors = [a for a in gold.actors if _spans(a, document)] or list(gold.actors)
    gold_keys = [_keys([a.id.replace("_", " "), a.name, *a.aliases]) for a in gold_actors]
    found_keys = [_keys([a.name, *a.aliases]) for a in x.actors]
    pairs: list[tuple[int, int]] = []
    scores = []
    for i in range(len(gold_actors)):
        for j in range(len(x.actors)):
            shared = gold_keys[i] & found_keys[j]
            if shared:
                name_hit = normalise_name(x.actors[j].name) in gold_keys[i]
                scores.append(((name_hit, len(shared)), i, j))
    scores.sort(key=lambda c: (c[0], -c[1], -c[2]), reverse=True)
    used_gold, used_found = set(), set()
    for _, i, j in scores:
        if i not in used_gold and j not in used_found:
            used_gold.add(i)
            used_found.add(j)
            pairs.append((i, j))
    actor_map = {x.actors[j].id: gold_actors[i].id for i, j in pairs}
    for _, i, j in scores:  # duplicates still stand for their gold actor in relations
        actor_map.setdefault(x.actors[j].id, gold_actors[i].id)
    gold_rows = [{"id": a.id, "name": a.name, "kind": a.kind} for a in gold_actors]
    found_rows = [
        {"id": a.id, "name": a.name, "kind": a.kind}
        | ({"duplicate_of": actor_map[a.id]} if a.id in actor_map and j not in used_found else {})
        for j, a in enumerate(x.actors)
    ]
    actors = _row(gold_rows, found_rows, pairs)
    people_gold = [i for i, a in enumerate(gold_actors) if a.kind == "person"]
    people_found = [j for j, a in enumerate(x.actors) if a.kind == "person"]
    people_pairs = [(people_gold.index(i), people_found.index(j)) for i, j in pairs
                    if i in people_gold and j in people_found]
    people = _row([gold_rows[i] for i in people_gold], [found_rows[j] for j in people_found], people_pairs)
    return actors, people, actor_map


def _events(x: Extraction, gold: Model, document: str) -> tuple[dict, list[str]]:
    gold_events = [e for e in gold.events if _spans(e, document)]
    dated = [e for e in x.events if e.date]
    undated = [e.id for e in x.events if not e.date]

    def score(g, f):
        overlap = _overlap(_spans(g, document), [(f.evidence.start, f.evidence.end)])
        return (_same_date(g.date, f.date), overlap) if overlap > 0 else None

    pairs = _pair(gold_events, dated, score)
    right = [(i, j) for i, j in pairs if _same_date(gold_events[i].date, dated[j].date)]
    wrong = [{"gold": gold_events[i].id, "gold_date": gold_events[i].date,
              "found": dated[j].id, "found_date": dated[j].date}
             for i, j in pairs if (i, j) not in right]
    gold_rows = [{"id": e.id, "date": e.date, "description": e.description} for e in gold_events]
    found_rows = [{"id": e.id, "date": e.date, "start": e.evidence.start, "end": e.evidence.end} for e in dated]
    row = _row(gold_rows, found_rows, right, wrong)
    # the analysis-dev scorer's date rule over the same pairs: the found date, unspecified digits dropped, starts
    # with the gold one ("2001/2021" for "2001", "2021-08" for "2021"); what its "dated events" figure counts
    by_prefix = [(i, j) for i, j in pairs
                 if str(dated[j].date).replace("X", "").startswith(str(gold_events[i].date).replace("X", ""))]
    row["date_prefix_matched"] = len(by_prefix)
    row["date_prefix_recall"] = _ratio(len(by_prefix), len(gold_events))
    return row, undated


def _by_span(gold_items: list, found: list, document: str, same: Callable[[Any, Any], bool] | None = None):
    def score(g, f):
        overlap = _overlap(_spans(g, document), [(f.evidence.start, f.evidence.end)])
        if overlap <= 0:
            return None
        return (same(g, f) if same else True, overlap)

    pairs = _pair(gold_items, found, score)
    right = [(i, j) for i, j in pairs if same is None or same(gold_items[i], found[j])]
    return pairs, right


def _relations(x: Extraction, gold: Model, document: str, actor_map: dict[str, str]) -> dict:
    gold_relations = [r for r in gold.relations if _spans(r, document)] or list(gold.relations)

    def sign(value: float) -> int:
        return (value > 0) - (value < 0)

    def score(g, f):
        found = (actor_map.get(f.source), actor_map.get(f.target), sign(f.polarity))
        same = found == (g.source, g.target, sign(g.polarity))
        return (g.type == f.type,) if same else None

    pairs = _pair(gold_relations, x.relations, score)
    gold_rows = [{"id": r.id, "source": r.source, "target": r.target, "type": r.type} for r in gold_relations]
    found_rows = [{"source": r.source, "target": r.target, "type": r.type, "polarity": r.polarity} for r in x.relations]
    return _row(gold_rows, found_rows, pairs)


def _past_body(x: Extraction, body_end: int, inside: Sequence[tuple[int, int]] = ()) -> list[dict]:
    spans: list[tuple[str, str, int, int]] = []
    for actor in x.actors:
        spans += [("actors", actor.id, m.start, m.end) for m in actor.mentions]
    spans += [("events", e.id, e.evidence.start, e.evidence.end) for e in x.events]
    spans += [("relations", f"{r.source}->{r.target}", r.evidence.start, r.evidence.end) for r in x.relations]
    spans += [("causal_links", f"{c.cause} -> {c.effect}", c.evidence.start, c.evidence.end) for c in x.causal_links]
    spans += [("forecasts", f.estimative_term, f.evidence.start, f.evidence.end) for f in x.forecasts]
    return [
        {"type": t, "item": i, "start": s, "end": e,
         "where": "past the main body" if e > body_end else "boilerplate line"}
        for t, i, s, e in spans
        if e > body_end or any(min(e, b_end) > max(s, b_start) for b_start, b_end in inside)
    ]


def evaluate_against_model(
    extraction: Extraction, gold: Model, *, text: str | None = None, body_end: int | None = None
) -> dict[str, Any]:
    """Recall and precision of an extraction per item type, against a gold model of the same document.

    Parameters
    ----------
    extraction
        What the extractor found.
    gold
        A curated model whose evidence points into the extraction's document.
    text
        The document's normalised text; with it the boilerplate check finds the main body's end
        (:func:`main_body_end`). Without it, and without ``body_end``, the check is skipped.
    body_end
        The main body's end offset, when known otherwise (overrides ``text``).

    Returns
    -------
    dict
        ``rows`` (per item type: gold, found, matched, recall, precision, missed, spurious, and for
        events the pairs with a wrong date), ``targets`` (each with its value and whether it is met),
        ``boilerplate`` (body end, items past it, ok) and ``undated_events``.

    Examples
    --------
    >>> from realpolitik.record import Extraction
    >>> from realpolitik.model import Actor, Document, Evidence, Model
    >>> doc = "ab" * 32
    >>> gold = Model(title="g", documents=[Document(id=doc, title="d")], actors=[
    ...     Actor(id="ruritania", name="Ruritania", kind="state", aliases=["Strelsau"],
    ...           evidence=[Evidence(document=doc, start=0, end=9, paraphrase="named")])])
    >>> x = Extraction.model_validate({"document": {"id": doc}, "actors": [
    ...     {"id": "a1", "name": "Strelsau", "kind": "state"}, {"id": "a2", "name": "Elphberg", "kind": "person"}]})
    >>> row = evaluate_against_model(x, gold)["rows"]["actors"]
    >>> row["recall"], row["precision"], [s["name"] for s in row["spurious"]]
    (1.0, 0.5, ['Elphberg'])
    """
    document = extraction.document.id
    actors, people, actor_map = _actors(extraction, gold, document)
    events, undated = _events(extraction, gold, document)
    gold_links = [c for c in gold.causal_links if _spans(c, document)]
    pairs, _ = _by_span(gold_links, extraction.causal_links, document)
    links = _row([{"id": c.id, "cause": c.cause, "effect": c.effect} for c in gold_links],
                 [{"cause": c.cause, "effect": c.effect, "start": c.evidence.start, "end": c.evidence.end}
                  for c in extraction.causal_links], pairs)
    gold_forecasts = [f for f in gold.forecasts if _spans(f, document)]
    pairs, right = _by_span(gold_forecasts, extraction.forecasts, document, lambda g, f: g.band == f.band)
    forecasts = _row([{"id": f.id, "band": f.band, "statement": f.statement} for f in gold_forecasts],
                     [{"estimative_term": f.estimative_term, "band": f.band, "start": f.evidence.start,
                       "end": f.evidence.end} for f in extraction.forecasts], right,
                     [{"gold": gold_forecasts[i].id, "gold_band": gold_forecasts[i].band,
                       "found_band": extraction.forecasts[j].band} for i, j in pairs if (i, j) not in right])
    rows = {
        "actors": actors, "people": people, "events": events,
        "relations": _relations(extraction, gold, document, actor_map), "causal_links": links, "forecasts": forecasts,
    }
    targets = []
    for kind, measure, least in TARGETS:
        value = rows[kind][measure]
        targets.append({"type": kind, "measure": measure, "target": least, "value": value,
                        "met": value is not None and value >= least})
    if body_end is None and text is not None:
        body_end = main_body_end(text)
    inside = _boilerplate_lines(text) if text is not None else []
    past = _past_body(extraction, body_end, inside) if body_end is not None else []
    return {
        "document": document,
        "gold": gold.title,
        "rows": rows,
        "targets": targets,
        "boilerplate": {"body_end": body_end, "text_length": len(text) if text is not None else None,
                        "past_body": past, "ok": None if body_end is None else not past},
        "undated_events": undated,
    }


def _folders(near: Path | None) -> list[Path]:
    folders = [Path(part) for part in os.environ.get(DOCUMENTS_ENV, "").split(os.pathsep) if part]
    if near is not None:
        folders.append(near)
    repo = Path(__file__).resolve().parents[3]
    folders += [repo.parent / "shared" / "seeds", Path.cwd().parent / "shared" / "seeds", Path.cwd()]
    return folders


def find_gold_document(gold: Model, *, near: Path | None = None, document_id: str | None = None) -> Path | None:
    """The local copy of the gold model's document (its first, or ``document_id``), looked up by file name.

    Folders searched, in order: those in ``$REALPOLITIK_DOCUMENTS``, ``near``, the shared seeds folder
    beside the repository (``../shared/seeds``, from the package or the working directory), the working
    directory. A file whose sha256 differs from the document id is passed over.
    """
    wanted = [d for d in gold.documents if document_id in (None, d.id) and d.filename]
    for document in wanted[:1]:
        for folder in _folders(near):
            candidate = folder / str(document.filename)
            if candidate.is_file() and sha256_hex(candidate.read_bytes()) == document.id:
                return candidate
    return None


def evaluate_document(document: str | Path | None = None, *, gold: str | Path | None = None) -> dict[str, Any]:
    """Evaluate the extractor on a document (default: the seed) against a gold model (default: the bundled one).

    ``document`` may also be an extraction JSON file, scored as it is. The result is that of
    :func:`evaluate_against_model`, with ``document_path`` and ``gold_path`` added.

    Raises
    ------
    RealpolitikError
        If no document is given and the gold document is not found (E186), if the extraction is of a
        document the gold model does not list (E187), or if the extractor is missing (E185).
    InputFileError
        If a file cannot be read.
    """
    gold_path = Path(gold) if gold is not None else bundled_model_path()
    model = load_model_one_line(gold_path)
    if document is None:
        found = find_gold_document(model)
        if found is None:
            names = ", ".join(str(d.filename) for d in model.documents if d.filename) or "none"
            raise RealpolitikError(Errors.E186.format(
                reason=f"the gold model's document ({names}) is in none of ../shared/seeds, ${DOCUMENTS_ENV} "
                "or the working directory; name it on the command line"))
        document = found
    path = Path(document)
    if path.suffix.lower() == ".json":
        extraction = read_extraction(path)
        source = find_gold_document(model, near=path.parent, document_id=extraction.document.id)
        text = read_source_text(source).text if source is not None else None
    else:
        text = read_source_text(path).text
        extraction = load_extraction(path)
    known = {d.id for d in model.documents}
    if extraction.document.id not in known:
        raise RealpolitikError(Errors.E187.format(document=extraction.document.id[:12],
                                                  known=", ".join(sorted(k[:12] for k in known)) or "none"))
    result = evaluate_against_model(extraction, model, text=text)
    return {"document_path": str(path), "gold_path": str(gold_path), **result}
