"""From an extraction to a model: every item proposed for review, with evidence in the project's words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import ValidationError

from realpolitik.analysis import upstream_lever
from realpolitik.draft.paraphrase import keywords, own_words
from realpolitik.draft.phrases import DEFAULT_THRESHOLD, cluster_phrases, normalise_phrase, phrase_term, read_hedge
from realpolitik.errors import Errors, RealpolitikError
from realpolitik.model import REVIEWABLE_SECTIONS
from realpolitik.model.bands import band_for_term
from realpolitik.model.checks import check_model
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.merge import merge_models, pool_links
from realpolitik.model.schema import (
    Actor,
    CausalLink,
    Concept,
    Document,
    Event,
    Evidence,
    Forecast,
    Model,
    Relation,
    Scenario,
)
from realpolitik.model.vocabulary import ACTOR_KINDS, BANDS, EVENT_TYPES, RELATION_TYPES, Band, band_for_probability
from realpolitik.record import ExtractedCausalLink, ExtractedDocument, Extraction, SpanEvidence

__all__ = ["MAX_ACTOR_EVIDENCE", "MAX_LABEL_WORDS", "DraftResult", "draft_model"]

#: An actor's evidence keeps its first mentions only: enough to find it, not every "Moscow" of a long text.
MAX_ACTOR_EVIDENCE = 3
#: A concept's label, and each of its terms, is at most this many words of a phrase: a name, never a clause
#: of the source.
MAX_LABEL_WORDS = 5
_DRAFTED = ("actors", "relations", "events", "concepts", "causal_links", "forecasts", "scenarios")


@dataclass
class DraftResult:
    """A drafted model and what drafting did.

    Attributes
    ----------
    model
        The model, ready to save; every drafted item has ``review: proposed``.
    created
        Section -> ids of the items drafting added to the model.
    matched
        Section -> drafted id -> id of the item of the existing model it was merged into.
    undated_events
        Ids of extracted events with no (valid) date, kept out of the timeline.
    dropped
        ``(section, id, reason)`` for every extracted item or field left out, so nothing goes silently.
    pooled_links
        Ids of causal links supported by several claims.
    """

    model: Model
    created: dict[str, list[str]] = field(default_factory=dict)
    matched: dict[str, dict[str, str]] = field(default_factory=dict)
    undated_events: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str, str]] = field(default_factory=list)
    pooled_links: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per section: how many items were created and how many merged into existing ones."""
        return {
            section: {"created": len(self.created.get(section, [])), "merged": len(self.matched.get(section, {}))}
            for section in _DRAFTED
        }

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (for ``--json``)."""
        return {
            "counts": self.counts(),
            "created": self.created,
            "matched": self.matched,
            "undated_events": self.undated_events,
            "dropped": [{"section": s, "id": i, "reason": r} for s, i, r in self.dropped],
            "pooled_links": self.pooled_links,
        }


def _slug(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:limit].strip("_")
    return slug or "item"


class _Ids:
    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.used = set(taken)

    def claim(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate, n = f"{wanted[:74]}_{n}", n + 1
        self.used.add(candidate)
        return candidate


class _Drafter:
    def __init__(self, extraction: Extraction, document: Document, threshold: float, lang: str) -> None:
        self.x, self.doc, self.threshold, self.lang = extraction, document, threshold, lang
        self.dropped: list[tuple[str, str, str]] = []
        self.undated: list[str] = []
        self.actor_ids: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def evidence(self, start: int, end: int, paraphrase: str) -> Evidence:
        return Evidence(document=self.doc.id, start=start, end=end, paraphrase=paraphrase)

    def span(self, span: SpanEvidence, candidate: str, fallback: str) -> list[Evidence]:
        if span.end <= span.start:
            return []
        return [self.evidence(span.start, span.end, own_words(candidate, span.text, fallback))]

    def keep(self, made: list, cls: type, section: str, label: str, **fields: Any) -> None:
        """Append ``cls(**fields)`` to ``made``; a value the model format refuses is reported, not raised."""
        try:
            made.append(cls(**fields))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "item"
            self.dropped.append((section, label, f"{where}: {first['msg']}"))

    def name_of(self, actor_id: str) -> str:
        return self.names.get(actor_id, actor_id)

    def date(self, value: str | None, section: str, item: str, what: str) -> str | None:
        if value is None:
            return None
        try:
            parse_date(value)
        except InvalidDateError:
            self.dropped.append((section, item, f"{what} '{value}' is not EDTF"))
            return None
        return value

    # -- actors ---------------------------------------------------------------------------------
    def actors(self) -> list[Actor]:
        ids = _Ids()
        for extracted in self.x.actors:
            self.actor_ids[extracted.id] = ids.claim(_slug(extracted.id or extracted.name))
            self.names[self.actor_ids[extracted.id]] = extracted.name
        made: list[Actor] = []
        for extracted in self.x.actors:
            actor_id = self.actor_ids[extracted.id]
            kind = extracted.kind if extracted.kind in ACTOR_KINDS else "group"
            if kind != extracted.kind:
                self.dropped.append(("actors", actor_id,
                                     f"kind '{extracted.kind}' is not an actor kind; drafted as group"))
            role, affiliation = extracted.role, None
            if extracted.affiliation:
                affiliation = self.actor_ids.get(extracted.affiliation)
                if affiliation is None:
                    self.dropped.append(("actors", actor_id,
                                         f"affiliation '{extracted.affiliation}' is no extracted actor"))
            if kind != "person" and (role or affiliation):
                self.dropped.append(("actors", actor_id, "role and affiliation are kept for people only"))
                role = affiliation = None
            own = extracted.name.casefold()
            aliases = list(dict.fromkeys(a for a in extracted.aliases if a.strip() and a.casefold() != own))
            what = f"{kind.replace('_', ' ')}" + (f", {role}" if role else "")
            if affiliation:
                what += f", for {self.name_of(affiliation)}"
            mentions = [m for m in extracted.mentions if m.end > m.start]
            evidence = [
                self.evidence(m.start, m.end, f"Names {extracted.name} ({what}).")
                for m in mentions[:MAX_ACTOR_EVIDENCE]
            ]
            self.keep(made, Actor, "actors", actor_id,
                      id=actor_id, name=extracted.name, kind=kind, aliases=aliases, role=role, affiliation=affiliation,
                      evidence=evidence, review="proposed")
        kept = {actor.id for actor in made}
        self.actor_ids = {key: value for key, value in self.actor_ids.items() if value in kept}
        for index, actor in enumerate(made):
            if actor.affiliation and actor.affiliation not in kept:
                self.dropped.append(("actors", actor.id, f"affiliation '{actor.affiliation}' was left out"))
                made[index] = actor.model_copy(update={"affiliation": None})
        return made

    # -- relations and events ---------------------------------------------------------------------
    def relations(self) -> list[Relation]:
        ids, made = _Ids(), list[Relation]()
        for extracted in self.x.relations:
            source, target = self.actor_ids.get(extracted.source), self.actor_ids.get(extracted.target)
            label = f"{extracted.source} {extracted.type} {extracted.target}"
            if source is None or target is None:
                self.dropped.append(("relations", label, "names an actor the extraction does not list"))
                continue
            if extracted.type not in RELATION_TYPES:
                self.dropped.append(("relations", label, f"'{extracted.type}' is not a relation type"))
                continue
            if source == target:
                self.dropped.append(("relations", label, "an actor's relation to itself"))
                continue
            relation_id = ids.claim(_slug(f"{source}_{extracted.type}_{target}", 76))
            tone = "friendly" if extracted.polarity > 0 else "hostile" if extracted.polarity < 0 else "neutral"
            sentence = (f"The text sets {self.name_of(source)} in a {extracted.type.replace('_', ' ')} stance "
                        f"towards {self.name_of(target)} ({tone}).")
            valid_from = self.date(extracted.valid_from, "relations", relation_id, "valid_from")
            valid_to = self.date(extracted.valid_to, "relations", relation_id, "valid_to")
            if valid_from and valid_to and parse_date(valid_to).upper < parse_date(valid_from).lower:
                self.dropped.append(("relations", relation_id, f"valid_to {valid_to} precedes valid_from {valid_from}"))
                valid_to = None
            self.keep(made, Relation, "relations", relation_id,
                      id=relation_id, source=source, target=target, type=extracted.type, polarity=extracted.polarity,
                      valid_from=valid_from, valid_to=valid_to, description=sentence, review="proposed",
                      evidence=self.span(extracted.evidence, sentence, f"{extracted.type} stance, {tone}."))
        return made

    def events(self) -> list[Event]:
        ids, made = _Ids(), list[Event]()
        for extracted in self.x.events:
            event_id = ids.claim(_slug(extracted.id))
            date = self.date(extracted.date, "events", event_id, "date")
            if date is None:
                self.undated.append(event_id)
                continue
            kind = extracted.type.lower() if extracted.type.lower() in EVENT_TYPES else "other"
            participants = [self.actor_ids[a] for a in extracted.actors if a in self.actor_ids]
            who = ", ".join(self.name_of(a) for a in participants) or "unnamed actors"
            named = "An event" if kind == "other" else f"{'An' if kind[0] in 'aeiou' else 'A'} {kind} event"
            gist = f"{named} dated {date}, involving {who}."
            description = own_words(extracted.description, extracted.evidence.text, gist)
            self.keep(made, Event, "events", event_id,
                      id=event_id, date=date, date_text=extracted.date_text, description=description or gist,
                      participants=participants, type=kind, review="proposed",
                      evidence=self.span(extracted.evidence, gist, f"{named} dated {date}."))
        return made

    # -- forecasts ------------------------------------------------------------------------------
    def forecasts(self) -> list[Forecast]:
        ids, made = _Ids(), list[Forecast]()
        for extracted in self.x.forecasts:
            forecast_id = ids.claim(f"forecast_{extracted.evidence.start}")
            band: Band | None = extracted.band if extracted.band in get_args(Band) else None  # type: ignore[assignment]
            band = band or band_for_term(extracted.estimative_term, lang=self.lang)
            low, high = sorted(min(1.0, max(0.0, p)) for p in extracted.probability)
            band = band or band_for_probability((low + high) / 2)
            band_low, band_high = BANDS[band]
            probability = (max(low, band_low), min(high, band_high))
            if probability[0] > probability[1]:
                probability = (band_low, band_high)
            if probability != (low, high):
                self.dropped.append(("forecasts", forecast_id, f"probability {[low, high]} narrowed to band '{band}'"))
            subjects = [self.actor_ids[a] for a in extracted.actors if a in self.actor_ids]
            gist = keywords(extracted.statement)
            paraphrase = f"Forecast, '{extracted.estimative_term}' ({band}): {gist}."
            statement = own_words(extracted.statement, extracted.evidence.text, gist or band) or gist or band
            self.keep(made, Forecast, "forecasts", forecast_id,
                      id=forecast_id, statement=statement, subjects=subjects, estimative_term=extracted.estimative_term,
                      band=band, probability=probability, review="proposed",
                      evidence=self.span(extracted.evidence, paraphrase, f"Forecast ({band})."))
        return made

    # -- concepts and causal links ------------------------------------------------------------------
    def causal(self, existing: Model | None) -> tuple[list[Concept], list[CausalLink], list[str]]:
        links = []
        for link in self.x.causal_links:
            empty = [role for role, phrase in (("cause", link.cause), ("effect", link.effect))
                     if not normalise_phrase(phrase, lang=self.lang)]
            if link.evidence.end <= link.evidence.start:
                self.dropped.append(("causal_links", f"{link.cause} -> {link.effect}", "empty evidence span"))
            elif empty:
                self.dropped.append(("causal_links", f"{link.cause} -> {link.effect}",
                                     f"the {' and '.join(empty)} phrase names nothing (only pronouns or articles)"))
            else:
                links.append(link)
        phrases = [phrase for link in links for phrase in (link.cause, link.effect)]
        # An existing concept is known by its label and its terms of two words or more: single words
        # ("finance") are loose and shared by different concepts, as merge.py holds for its own matching.
        anchors = [(c.id, term) for c in (existing.concepts if existing else []) for term in [c.label, *c.terms]
                   if term == c.label or len(normalise_phrase(term, lang=self.lang).split()) >= 2]
        clusters = cluster_phrases(phrases + [term for _, term in anchors], threshold=self.threshold, lang=self.lang)
        drafted, anchored = clusters[: len(phrases)], clusters[len(phrases):]
        adopted: dict[int, str] = {}
        for cluster in set(drafted):
            owners = Counter(cid for (cid, _), c in zip(anchors, anchored, strict=True) if c == cluster)
            if owners:
                adopted[cluster] = owners.most_common(1)[0][0]
        ids = _Ids(c.id for c in (existing.concepts if existing else []))
        concept_of: dict[int, Concept] = {}
        for cluster in dict.fromkeys(drafted):
            members = [p for p, c in zip(phrases, drafted, strict=True) if c == cluster]
            readable = [phrase_term(p, lang=self.lang, max_words=MAX_LABEL_WORDS) for p in members]
            terms = list(dict.fromkeys(t for t in readable if t))
            counted = Counter(t for t in readable if t)
            label = max(counted.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
            concept_id = adopted.get(cluster) or ids.claim(_slug(label))
            concept_of[cluster] = Concept(id=concept_id, label=label, terms=terms, review="proposed")
        evidence: dict[int, list[Evidence]] = {c: [] for c in concept_of}
        drafted_links = []
        for index, link in enumerate(links):
            cause, effect = concept_of[drafted[2 * index]], concept_of[drafted[2 * index + 1]]
            evidence[drafted[2 * index]].append(self._phrase_evidence(link, link.cause, "cause", cause.label))
            evidence[drafted[2 * index + 1]].append(self._phrase_evidence(link, link.effect, "effect", effect.label))
            made = self._link(link, cause, effect)
            if made is None:
                self.dropped.append(("causal_links", f"{cause.id} -> {effect.id}", "polarity 0 gives no sign"))
            elif cause.id == effect.id:
                self.dropped.append(("causal_links", made.id, f"cause and effect are one concept ({cause.id})"))
            else:
                drafted_links.append(made)
        concepts = []
        for cluster, concept in concept_of.items():
            unique = list({(e.start, e.end): e for e in evidence[cluster]}.values())
            concepts.append(concept.model_copy(update={"evidence": unique}))
        pooled, report = pool_links(drafted_links)
        return concepts, pooled, report.pooled_links

    def _phrase_evidence(self, link: ExtractedCausalLink, phrase: str, role: str, label: str) -> Evidence:
        """The phrase's own span: the extractor's ``cause_span``/``effect_span`` if given, else found in the claim."""
        span, given = link.evidence, link.cause_span if role == "cause" else link.effect_span
        if given is not None and given.start < given.end:
            start, end = given.start, given.end
        else:
            found = span.text.casefold().find(phrase.casefold()) if phrase.strip() else -1
            start, end = ((span.start + found, span.start + found + len(phrase)) if found >= 0
                          else (span.start, span.end))
        return self.evidence(start, end, f"Names {label} as the {role} in a causal claim.")

    def _link(self, link: ExtractedCausalLink, cause: Concept, effect: Concept) -> CausalLink | None:
        if link.polarity == 0:
            return None
        sign = 1 if link.polarity > 0 else -1
        reading = read_hedge(link.hedge, lang=self.lang)
        confidence = reading.confidence
        if link.score is not None and 0.0 <= link.score <= 1.0:
            confidence *= link.score
        change = "rise" if sign > 0 else "fall"
        sentence = f"The text links {cause.label} to a {change} in {effect.label}"
        sentence += (f" (cue '{link.cue}')" if link.cue else "") + (
            f", hedged '{link.hedge}'." if link.hedge else ".")
        return CausalLink(
            id=_slug(f"{cause.id}_to_{effect.id}", 78), cause=cause.id, effect=effect.id,
            weight=round(sign * reading.strength, 6), confidence=round(confidence, 6), hedge=link.hedge,
            description=f"{cause.label} {'raises' if sign > 0 else 'lowers'} {effect.label}.", review="proposed",
            evidence=self.span(link.evidence, sentence, f"A causal claim: {cause.id} to {effect.id}."),
        )


def _document(extracted: ExtractedDocument, title: str | None, filename: str | None) -> tuple[Document, list[str]]:
    if not re.fullmatch(r"[0-9a-f]{64}", extracted.id or ""):
        raise RealpolitikError(Errors.E181.format(id=extracted.id))
    notes, published = [], extracted.published
    if published is not None:
        try:
            parse_date(published)
        except InvalidDateError:
            notes.append(f"publication date '{published}' is not EDTF")
            published = None
    filename = filename or extracted.filename
    document = Document(
        id=extracted.id, title=extracted.title or title or "Untitled document", author=extracted.author,
        published=published, filename=filename,
    )
    return document, notes


def _same_span_items(existing: Model, drafted: Model) -> dict[str, dict[str, str]]:
    """Drafted relations, events and forecasts the existing model already holds (same span, same type)."""
    found: dict[str, dict[str, str]] = {}
    for section, key in (("relations", "type"), ("events", "type"), ("forecasts", "band")):
        known = {
            (e.document, e.start, e.end, getattr(item, key)): item.id
            for item in getattr(existing, section) for e in item.evidence
        }
        for item in getattr(drafted, section):
            for e in item.evidence:
                hit = known.get((e.document, e.start, e.end, getattr(item, key)))
                if hit is not None:
                    found.setdefault(section, {})[item.id] = hit
                    break
    return found


def draft_model(
    extraction: Extraction,
    *,
    existing: Model | None = None,
    title: str | None = None,
    filename: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    lang: str = "en",
) -> DraftResult:
    """Build a model from an extraction, optionally merged into an existing model.

    Every drafted item has ``review: proposed`` and evidence ``(document, start, end, paraphrase)``
    whose paraphrase is made from a template, never pasted from the text. Cause and effect phrases
    are clustered into concepts (:func:`realpolitik.draft.phrases.cluster_phrases`); a link's weight is
    its polarity times the strength its hedge reads as (:func:`realpolitik.draft.phrases.read_hedge`).

    Parameters
    ----------
    extraction
        What the extractor found in one document.
    existing
        A model to merge the draft into. Actors and concepts are matched as ``realpolitik merge``
        matches them (ids, names, aliases, close spelling); drafted phrases that cluster with an
        existing concept's label or terms join that concept. Relations, events and forecasts the
        existing model already holds (same evidence span and type or band) are not added again.
    title
        Title of the model (default: the existing model's title, else the document's).
    filename
        File name of the local copy of the document, recorded in the model's ``documents``.
    threshold
        Clustering threshold (mean cosine similarity) for causal phrases.

    Returns
    -------
    DraftResult

    Raises
    ------
    RealpolitikError
        If the extraction's document id is not a sha256 (E181), or the drafted model fails its
        own checks (E182).

    Examples
    --------
    >>> from realpolitik.record import Extraction
    >>> x = Extraction.model_validate({"document": {"id": "ab" * 32, "title": "Note"},
    ...     "actors": [{"id": "ruritania", "name": "Ruritania", "kind": "state",
    ...                 "mentions": [{"start": 0, "end": 9}]}]})
    >>> result = draft_model(x)
    >>> [(a.id, a.review, a.evidence[0].paraphrase) for a in result.model.actors]
    [('ruritania', 'proposed', 'Names Ruritania (state).')]
    """
    document, notes = _document(extraction.document, title, filename)
    drafter = _Drafter(extraction, document, threshold, lang)
    drafter.dropped.extend(("documents", document.id[:12], note) for note in notes)
    actors = drafter.actors()
    relations, events, forecasts = drafter.relations(), drafter.events(), drafter.forecasts()
    concepts, links, pooled = drafter.causal(existing)
    model = Model(
        title=title or document.title,
        description=f"Drafted by realpolitik from '{document.title}'; every item awaits review.",
        documents=[document], actors=actors, relations=relations, events=events, concepts=concepts,
        causal_links=links, forecasts=forecasts,
    )
    if existing is None or not existing.scenarios:  # a model that has scenarios needs no starting one
        model = model.model_copy(update={"scenarios": _proposed_scenarios(model)})
    result = DraftResult(model=model, undated_events=drafter.undated, dropped=drafter.dropped, pooled_links=pooled)
    if existing is None:
        result.created = {section: [item.id for item in getattr(model, section)] for section in _DRAFTED}
    else:
        result = _merge_into(existing, result, title)
    problems = [p for p in check_model(result.model) if p.severity == "error"]
    if problems:
        raise RealpolitikError(Errors.E182.format(problems="; ".join(str(p) for p in problems[:3])))
    return result


def _proposed_scenarios(model: Model) -> list[Scenario]:
    """One scenario to start from, so a draft runs as soon as it is saved: its most upstream concept held high.

    The scenario is proposed like every drafted item; its evidence is that of the concept's strongest outgoing
    link, so a reviewer sees why it was chosen. A draft without causal links proposes none.
    """
    lever = upstream_lever(model)
    if lever is None:
        return []
    outgoing = sorted((link for link in model.causal_links if link.cause == lever.concept),
                      key=lambda link: (-abs(link.weight), link.id))
    return [Scenario(
        id=f"press-{lever.concept}"[:80], name=f"What if {lever.label} rises",
        description=f"Proposed by the draft: {lever.label} held high ({lever.reason}).",
        clamps={lever.concept: 1.0}, evidence=list(outgoing[0].evidence[:1]), review="proposed",
    )]


def draft_additions(extraction: Extraction, *, existing: Model, filename: str | None = None
                    ) -> dict[str, list[dict[str, Any]]]:
    """What drafting ``extraction`` into ``existing`` adds: the items (and the document) whose ids it lacks, as
    plain mappings in the model format (for :func:`realpolitik.model.add_items`).

    Items the draft matches to ones the model holds are left out, so adding these never duplicates an item.
    """
    result = draft_model(extraction, existing=existing, filename=filename)
    items: dict[str, list[dict[str, Any]]] = {}
    for section in ("documents", *REVIEWABLE_SECTIONS):
        held = {item.id for item in getattr(existing, section)}
        entries = [item.model_dump(mode="json", exclude_none=True) for item in getattr(result.model, section)
                   if item.id not in held]
        items[section] = [{k: v for k, v in entry.items() if v not in ([], {})} for entry in entries]
    return items


def _merge_into(existing: Model, result: DraftResult, title: str | None) -> DraftResult:
    drafted = result.model
    already = _same_span_items(existing, drafted)
    trimmed = drafted.model_copy(update={
        section: [item for item in getattr(drafted, section) if item.id not in already.get(section, {})]
        for section in already
    })
    merged, report = merge_models([existing, trimmed], title=title or existing.title)
    merged = merged.model_copy(update={"description": existing.description or drafted.description})
    matched: dict[str, dict[str, str]] = {section: dict(ids) for section, ids in already.items()}
    for section in ("actors", "concepts"):
        known = {item.id for item in getattr(existing, section)}
        mapping = {key.split(":", 1)[1]: target for key, target in report.mapped.get(section, {}).items()
                   if key.startswith("1:")}
        mapping |= {item.id: item.id for item in getattr(trimmed, section) if item.id in known}
        if mapping:
            matched[section] = mapping
    concept = {c.id: matched.get("concepts", {}).get(c.id, c.id) for c in trimmed.concepts}
    existing_links = {(link.cause, link.effect, link.weight >= 0): link.id for link in existing.causal_links}
    for link in trimmed.causal_links:
        hit = existing_links.get((concept[link.cause], concept[link.effect], link.weight >= 0))
        if hit is not None:
            matched.setdefault("causal_links", {})[link.id] = hit
    renamed = {(section, old): new for index, section, old, new in report.renamed if index == 1}
    created = {
        section: [renamed.get((section, item.id), item.id) for item in getattr(trimmed, section)
                  if item.id not in matched.get(section, {})]
        for section in _DRAFTED
    }
    return DraftResult(
        model=merged, created=created, matched=matched, undated_events=result.undated_events,
        dropped=result.dropped, pooled_links=list(dict.fromkeys(result.pooled_links + report.pooled_links)),
    )
