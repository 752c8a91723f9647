"""Several sources, one model: the same actor or concept becomes one item, and nothing is dropped.

Items are matched by id, by a shared name or alias (case, punctuation and a leading "the"
ignored) or by close spelling (difflib ratio); matched items pool their aliases and evidence,
so each keeps pointing at every document that supports it. Links between the same two concepts
are pooled into one with a confidence-weighted weight and an agreement score when their signs
agree; when the signs differ both are kept and each names the other in ``contradicts``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from realpolitik.model.schema import Actor, CausalLink, Concept, Evidence, Model

__all__ = ["MergeReport", "merge_models", "normalise_name", "pool_links"]

Item = TypeVar("Item", Actor, Concept)

#: Two names this similar (difflib ratio) are taken for the same actor or concept.
DEFAULT_SIMILARITY = 0.9


def normalise_name(name: str) -> str:
    """Lower case, no punctuation, no leading article: the key under which names are compared.

    Examples
    --------
    >>> normalise_name("The Taliban's")
    'talibans'
    >>> normalise_name("U.S.")
    'us'
    """
    text = re.sub(r"[^\w\s]", "", name.casefold().replace("’", "'")).strip()
    text = re.sub(r"^(the|a|an)\s+", "", text)
    return re.sub(r"\s+", " ", text)


@dataclass
class MergeReport:
    """What the merge did: which ids became which, pooled links, contradictions, renamed ids, copies kept once."""

    mapped: dict[str, dict[str, str]] = field(default_factory=dict)
    pooled_links: list[str] = field(default_factory=list)
    contradictions: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[tuple[int, str, str, str]] = field(default_factory=list)
    #: Section -> ``"model index:id"`` of the items left out as word-for-word copies of an earlier model's item.
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "duplicates": self.duplicates,
            "mapped": self.mapped,
            "pooled_links": self.pooled_links,
            "contradictions": [list(pair) for pair in self.contradictions],
            "renamed": [{"model": m, "section": s, "from": a, "to": b} for m, s, a, b in self.renamed],
        }


def _names(item: Actor | Concept) -> list[str]:
    # A concept's terms are loose words ("insecurity") shared by different concepts, so only
    # its id and label identify it; an actor's aliases are names, so they count.
    if isinstance(item, Actor):
        return [item.id.replace("_", " "), item.name, *item.aliases]
    return [item.id.replace("_", " "), item.label]


def _merge_evidence(*groups: Iterable[Evidence]) -> list[Evidence]:
    seen: dict[tuple[str, int, int], Evidence] = {}
    for group in groups:
        for evidence in group:
            seen.setdefault((evidence.document, evidence.start, evidence.end), evidence)
    return list(seen.values())


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _match(item: Item, pool: list[Item], similarity: float) -> Item | None:
    """The pooled item (from an earlier model) that ``item`` names, if any."""
    keys = {normalise_name(name) for name in _names(item)} - {""}
    for candidate in pool:
        if candidate.id == item.id or keys & {normalise_name(name) for name in _names(candidate)}:
            return candidate
    label = normalise_name(item.name if isinstance(item, Actor) else item.label)
    for candidate in pool:
        other = normalise_name(candidate.name if isinstance(candidate, Actor) else candidate.label)
        if difflib.SequenceMatcher(None, label, other).ratio() >= similarity:
            return candidate
    return None


def _pool_entities(
    models: Sequence[Model], section: str, combine: Callable[[Item, Item], Item], similarity: float,
    report: MergeReport,
) -> tuple[list[Item], list[dict[str, str]]]:
    pool: list[Item] = []
    id_maps: list[dict[str, str]] = []
    for index, model in enumerate(models):
        id_map: dict[str, str] = {}
        earlier = list(pool)  # two items of the same model are never merged with each other
        for item in getattr(model, section):
            found = _match(item, earlier, similarity)
            if found is not None:
                found = next(p for p in pool if p.id == found.id)
            if found is None:
                pool.append(item)
                id_map[item.id] = item.id
            else:
                position = pool.index(found)
                pool[position] = combine(found, item)
                earlier = [pool[position] if e.id == found.id else e for e in earlier]
                id_map[item.id] = found.id
                if item.id != found.id:
                    report.mapped.setdefault(section, {})[f"{index}:{item.id}"] = found.id
        id_maps.append(id_map)
    return pool, id_maps


def _combine_actors(kept: Actor, other: Actor) -> Actor:
    own = normalise_name(kept.name)
    aliases = [a for a in _unique([*kept.aliases, other.name, *other.aliases]) if normalise_name(a) != own]
    return kept.model_copy(update={
        "aliases": aliases,
        "role": kept.role or other.role,
        "affiliation": kept.affiliation or other.affiliation,
        "description": kept.description or other.description,
        "evidence": _merge_evidence(kept.evidence, other.evidence),
    })


def _combine_concepts(kept: Concept, other: Concept) -> Concept:
    return kept.model_copy(update={
        "terms": _unique([*kept.terms, *other.terms]),
        "description": kept.description or other.description,
        "activation": kept.activation or other.activation,
        "evidence": _merge_evidence(kept.evidence, other.evidence),
    })


class _Ids:
    """Hands out ids unique within a section, recording every rename."""

    def __init__(self, report: MergeReport, section: str) -> None:
        self.used: set[str] = set()
        self.report, self.section = report, section

    def claim(self, wanted: str, model_index: int) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate, n = f"{wanted}_{n}", n + 1
        self.used.add(candidate)
        if candidate != wanted:
            self.report.renamed.append((model_index, self.section, wanted, candidate))
        return candidate


def _pool_links(models: Sequence[Model], concept_maps: list[dict[str, str]], report: MergeReport) -> list[CausalLink]:
    groups: dict[tuple[str, str], list[tuple[int, CausalLink]]] = {}
    for index, model in enumerate(models):
        for link in model.causal_links:
            cause = concept_maps[index].get(link.cause, link.cause)
            effect = concept_maps[index].get(link.effect, link.effect)
            renamed = link.model_copy(update={"cause": cause, "effect": effect})
            groups.setdefault((cause, effect), []).append((index, renamed))
    ids = _Ids(report, "causal_links")
    merged: list[CausalLink] = []
    for members in groups.values():
        by_sign: dict[bool, list[tuple[int, CausalLink]]] = {}
        for index, link in members:
            by_sign.setdefault(link.weight >= 0, []).append((index, link))
        made = [_pool_same_sign(side, ids, report) for side in by_sign.values()]
        if len(made) == 2:
            first, second = made
            made = [first.model_copy(update={"contradicts": [second.id]}),
                    second.model_copy(update={"contradicts": [first.id]})]
            report.contradictions.append((first.id, second.id))
        merged.extend(made)
    return merged


def _pool_same_sign(members: list[tuple[int, CausalLink]], ids: _Ids, report: MergeReport) -> CausalLink:
    index, first = members[0]
    link_id = ids.claim(first.id, index)
    if len(members) == 1:
        return first.model_copy(update={"id": link_id})
    links = [link for _, link in members]
    # weighted by confidence, the same weights above and below the line (so the mean stays within the weights);
    # links that all carry no confidence count alike
    shares = [link.confidence for link in links] if any(link.confidence for link in links) else [1.0] * len(links)
    weight = sum(link.weight * share for link, share in zip(links, shares, strict=True)) / sum(shares)
    spread = sum(abs(link.weight - weight) for link in links) / len(links)
    report.pooled_links.append(link_id)
    return first.model_copy(update={
        "id": link_id,
        "weight": round(weight, 6),
        "confidence": round(max(link.confidence for link in links), 6),
        "agreement": round(max(0.0, 1.0 - spread), 6),
        "hedge": first.hedge or next((link.hedge for link in links if link.hedge), None),
        "evidence": _merge_evidence(*(link.evidence for link in links)),
    })


def pool_links(links: Sequence[CausalLink]) -> tuple[list[CausalLink], MergeReport]:
    """Pool links of one model that join the same two concepts, as :func:`merge_models` pools those of several.

    Links of the same sign become one (confidence-weighted weight, agreement, all evidence); links of
    opposite signs are both kept, each naming the other in ``contradicts``.

    Examples
    --------
    >>> a = CausalLink(id="x", cause="c", effect="e", weight=0.6, confidence=0.5)
    >>> b = CausalLink(id="x", cause="c", effect="e", weight=0.3, confidence=0.5)
    >>> pooled, report = pool_links([a, b])
    >>> [(link.id, link.weight) for link in pooled], report.pooled_links
    ([('x', 0.45)], ['x'])
    """
    report = MergeReport()
    return _pool_links([Model(title="links", causal_links=list(links))], [{}], report), report


def merge_models(models: Sequence[Model], *, title: str | None = None,
                 similarity: float = DEFAULT_SIMILARITY) -> tuple[Model, MergeReport]:
    """Merge models drafted from different sources into one, keeping every item and its evidence.

    Parameters
    ----------
    models
        The models, in order of precedence: where two matched items disagree on a single-valued
        field (an actor's kind, a concept's label), the earlier model's value is kept.
    title
        Title of the merged model (default: the titles joined).
    similarity
        difflib ratio above which two names are taken for the same actor or concept.

    Returns
    -------
    (Model, MergeReport)

    Examples
    --------
    >>> a = Model(title="A", actors=[Actor(id="russia", name="Russia", kind="state")])
    >>> b = Model(title="B", actors=[Actor(id="rus", name="Russian Federation", kind="state", aliases=["Russia"])])
    >>> merged, report = merge_models([a, b])
    >>> [(x.id, x.aliases) for x in merged.actors], report.mapped
    ([('russia', ['Russian Federation'])], {'actors': {'1:rus': 'russia'}})
    """
    if not models:
        raise ValueError("merge_models needs at least one model")
    report = MergeReport()
    actors, actor_maps = _pool_entities(models, "actors", _combine_actors, similarity, report)
    concepts, concept_maps = _pool_entities(models, "concepts", _combine_concepts, similarity, report)
    actor_ids = {actor.id for actor in actors}
    actors = [
        a.model_copy(
            update={"affiliation": next((m[a.affiliation] for m in actor_maps if a.affiliation in m), a.affiliation)}
        )
        if a.affiliation and a.affiliation not in actor_ids else a
        for a in actors
    ]
    documents = list({document.id: document for model in models for document in model.documents}.values())
    sections: dict[str, list] = {"relations": [], "events": [], "forecasts": [], "scenarios": []}
    scenario_maps: list[dict[str, str]] = [{} for _ in models]
    owners: list[int] = []  # the model each kept scenario comes from
    for section, items in sections.items():
        ids = _Ids(report, section)
        # An item that another model already holds word for word (the same model given twice, two drafts of one
        # text) is kept once: without this, merging a model with itself doubles its relations and events.
        seen: dict[str, str] = {}
        for index, model in enumerate(models):
            amap, cmap = actor_maps[index], concept_maps[index]
            for item in getattr(model, section):
                update: dict = {}
                if section == "relations":
                    update |= {"source": amap.get(item.source, item.source),
                               "target": amap.get(item.target, item.target)}
                elif section == "events":
                    update["participants"] = _unique(amap.get(p, p) for p in item.participants)
                elif section == "forecasts":
                    update["subjects"] = _unique(amap.get(p, p) for p in item.subjects)
                    update["concepts"] = _unique(cmap.get(c, c) for c in item.concepts)
                else:
                    update["clamps"] = {cmap.get(c, c): v for c, v in item.clamps.items()}
                    update["expected"] = {cmap.get(c, c): v for c, v in item.expected.items()}
                content = item.model_copy(update=update).model_dump_json(exclude={"id"})
                if content in seen:
                    report.duplicates.setdefault(section, []).append(f"{index}:{item.id}")
                    if section == "scenarios":
                        scenario_maps[index][item.id] = seen[content]
                    continue
                update["id"] = seen[content] = ids.claim(item.id, index)
                if section == "scenarios":
                    scenario_maps[index][item.id] = update["id"]
                    owners.append(index)
                items.append(item.model_copy(update=update))
    # Each model's scenarios extend scenarios of the same model, whatever ids they ended up with.
    for i, (scenario, index) in enumerate(zip(sections["scenarios"], owners, strict=True)):
        if scenario.extends:
            extends = scenario_maps[index].get(scenario.extends, scenario.extends)
            sections["scenarios"][i] = scenario.model_copy(update={"extends": extends})
    merged = Model(
        title=title or " + ".join(model.title for model in models),
        description=f"Merged from {len(models)} models: " + "; ".join(model.title for model in models) + ".",
        documents=documents,
        actors=actors,
        concepts=concepts,
        causal_links=_pool_links(models, concept_maps, report),
        relations=sections["relations"],
        events=sections["events"],
        forecasts=sections["forecasts"],
        scenarios=sections["scenarios"],
    )
    return merged, report
