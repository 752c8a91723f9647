"""Checks that need the whole model: ids, cross-references, dates, bands and evidence spans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from realpolitik.errors import Errors
from realpolitik.model.bands import band_for_term
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.problems import LineMap, Location, Problem
from realpolitik.model.references import references_in
from realpolitik.model.schema import SECTIONS, Model
from realpolitik.model.vocabulary import BANDS

__all__ = ["check_model"]


class _Collector:
    def __init__(self, file: str | None, lines: LineMap | None) -> None:
        self.file, self.lines = file, lines
        self.problems: list[Problem] = []

    def add(
        self, code: str, message: str, path: Location, severity: Literal["error", "warning"] = "error"
    ) -> None:
        line = self.lines.line_of(path) if self.lines is not None else None
        self.problems.append(Problem(code, message, path=path, file=self.file, line=line, severity=severity))


def _check_ids(model: Model, out: _Collector) -> None:
    for section in SECTIONS:
        first_seen: dict[str, int] = {}
        for index, item in enumerate(getattr(model, section)):
            if item.id in first_seen:
                first = f"{section}[{first_seen[item.id]}]"
                out.add("E011", Errors.E011.format(id=item.id, first=first), (section, index, "id"))
            else:
                first_seen[item.id] = index


def _check_refs(refs: Iterable[tuple[str, Location]], known: set[str], kind: str, out: _Collector) -> None:
    for ref, path in refs:
        if ref not in known:
            out.add("E012", Errors.E012.format(kind=kind, ref=ref), path)


def _check_scenario_bases(model: Model, out: _Collector) -> None:
    known = {scenario.id for scenario in model.scenarios}
    for i, scenario in enumerate(model.scenarios):
        if scenario.extends is not None and scenario.extends not in known:
            out.add("E012", Errors.E012.format(kind="scenario", ref=scenario.extends), ("scenarios", i, "extends"))
        seen, current = {scenario.id}, scenario.extends
        while current in known:
            if current in seen:
                out.add("E022", Errors.E022.format(scenario=scenario.id), ("scenarios", i, "extends"))
                break
            seen.add(current)
            current = next(s.extends for s in model.scenarios if s.id == current)


def _dates(model: Model) -> Iterable[tuple[str, Location]]:
    for i, document in enumerate(model.documents):
        if document.published:
            yield document.published, ("documents", i, "published")
    for i, relation in enumerate(model.relations):
        for field in ("valid_from", "valid_to"):
            if getattr(relation, field):
                yield getattr(relation, field), ("relations", i, field)
    for i, event in enumerate(model.events):
        yield event.date, ("events", i, "date")
    for i, forecast in enumerate(model.forecasts):
        if forecast.horizon:
            yield forecast.horizon, ("forecasts", i, "horizon")
        if forecast.resolution:
            yield forecast.resolution.date, ("forecasts", i, "resolution", "date")


def _check_dates(model: Model, out: _Collector) -> None:
    for value, path in _dates(model):
        try:
            parse_date(value)
        except InvalidDateError as exc:
            out.add("E013", Errors.E013.format(value=value, reason=str(exc)), path)
    for i, relation in enumerate(model.relations):
        if relation.valid_from and relation.valid_to:
            try:
                if parse_date(relation.valid_to).upper < parse_date(relation.valid_from).lower:
                    message = Errors.E019.format(valid_to=relation.valid_to, valid_from=relation.valid_from)
                    out.add("E019", message, ("relations", i, "valid_to"))
            except InvalidDateError:
                pass  # already reported above


def _check_people_and_bands(model: Model, out: _Collector) -> None:
    for i, actor in enumerate(model.actors):
        for field in ("role", "affiliation"):
            if getattr(actor, field) and actor.kind != "person":
                out.add("E017", Errors.E017.format(field=field, kind=actor.kind), ("actors", i, field))
    for i, forecast in enumerate(model.forecasts):
        low, high = BANDS[forecast.band]
        plow, phigh = forecast.probability or (low, high)
        if plow < low - 1e-9 or phigh > high + 1e-9:
            message = Errors.E018.format(probability=[plow, phigh], band=forecast.band, low=low, high=high)
            out.add("E018", message, ("forecasts", i, "probability"))
        reading = band_for_term(forecast.estimative_term)
        if reading is not None and reading != forecast.band:
            message = Errors.E023.format(term=forecast.estimative_term, reading=reading, band=forecast.band)
            out.add("E023", message, ("forecasts", i, "band"), severity="warning")
    for i, link in enumerate(model.causal_links):
        if link.cause == link.effect:
            out.add("E020", Errors.E020.format(concept=link.cause), ("causal_links", i), severity="warning")


def _evidence(model: Model) -> Iterable[tuple[Any, Location]]:
    for section in SECTIONS:
        if section == "documents":
            continue
        for i, item in enumerate(getattr(model, section)):
            for j, evidence in enumerate(item.evidence):
                yield evidence, (section, i, "evidence", j)


def _check_evidence(model: Model, texts: Mapping[str, str], out: _Collector) -> None:
    documents = {document.id for document in model.documents}
    for evidence, path in _evidence(model):
        if evidence.document not in documents:
            out.add("E015", Errors.E015.format(document=evidence.document), (*path, "document"))
        if evidence.end <= evidence.start:
            out.add("E021", Errors.E021.format(start=evidence.start, end=evidence.end), (*path, "end"))
        text = texts.get(evidence.document)
        if text is not None and evidence.end > len(text):
            message = Errors.E014.format(
                start=evidence.start, end=evidence.end, document=evidence.document[:12], length=len(text)
            )
            out.add("E014", message, (*path, "end"))


def check_model(
    model: Model,
    *,
    texts: Mapping[str, str] | None = None,
    file: str | None = None,
    lines: LineMap | None = None,
) -> list[Problem]:
    """Check a model as a whole and return every problem found (an empty list when clean).

    Parameters
    ----------
    model
        The model to check.
    texts
        Normalised text of the source documents at hand, by document id; evidence
        spans into these are checked against the text's length.
    file, lines
        The model's file name and line map, to locate each problem.

    Examples
    --------
    >>> from realpolitik.model.schema import Model, Relation
    >>> broken = Model(title="t", relations=[Relation(id="r", source="a", target="b", type="rivalry", polarity=-1)])
    >>> [p.code for p in check_model(broken)]
    ['E012', 'E012']
    """
    out = _Collector(file, lines)
    _check_ids(model, out)
    _check_refs(references_in(model, "actors"), {actor.id for actor in model.actors}, "actor", out)
    _check_refs(references_in(model, "concepts"), {concept.id for concept in model.concepts}, "concept", out)
    _check_refs(references_in(model, "causal_links"), {link.id for link in model.causal_links}, "causal link", out)
    _check_refs(references_in(model, "relations"), {relation.id for relation in model.relations}, "relation", out)
    _check_scenario_bases(model, out)
    _check_dates(model, out)
    _check_people_and_bands(model, out)
    _check_evidence(model, texts or {}, out)
    return out.problems
