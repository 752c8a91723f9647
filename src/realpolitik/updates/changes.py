"""What a later document changes in the model's relations and links: turns, endings and contradictions.

A drafted relation between two actors the model already relates, in the same direction, is compared with the
model's relation that is still open on the document's date:

* a **different type** (partnership → recognition, support → conflict) means the relation turned: the drafted
  one becomes its successor, with ``valid_from`` (the document's date unless the draft dated it) and
  ``supersedes`` naming the old one. The old relation is not touched: accepting the successor ends it at the
  successor's ``valid_from`` (:func:`realpolitik.model.accept_item`), so ``analyse --at`` shows the network as
  it was on either side, and rejecting the successor leaves the old relation as it was;
* the **same type with the other sign** of polarity is a contradiction: both are kept, and the pair is flagged.

A drafted causal link between the same two concepts as a model link but with the other sign is kept too, and
names the model's link in ``contradicts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from realpolitik.model import CausalLink, Model, Relation
from realpolitik.model.edtf import InvalidDateError, parse_date

__all__ = ["RelationChange", "find_changes"]


@dataclass(frozen=True)
class RelationChange:
    """One change a later document proposes: ``kind`` is ``"turn"`` or ``"contradiction"``."""

    kind: str
    section: str
    old: str
    new: str
    date: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "section": self.section, "old": self.old, "new": self.new, "date": self.date}


def _open_on(relation: Relation, day: dt.date) -> bool:
    try:
        started = relation.valid_from is None or parse_date(relation.valid_from).lower <= day
        ended = relation.valid_to is not None and parse_date(relation.valid_to).upper < day
    except InvalidDateError:
        return False
    return started and not ended


def find_changes(model: Model, relations: list[Relation], links: list[CausalLink], *, published: str
                 ) -> tuple[list[RelationChange], list[Relation], list[CausalLink]]:
    """Compare drafted relations and links of one later document with the model's.

    Returns
    -------
    (changes, relations, links)
        The changes found, and the drafted relations and links with ``valid_from`` and ``supersedes`` set on
        successors and ``contradicts`` on contradicting links (the model's own items are never touched: a
        turn's ``valid_to`` is written when the successor is accepted).
    """
    day = parse_date(published).upper
    changes: list[RelationChange] = []
    kept_relations = []
    for relation in relations:
        for old in model.relations:
            if (old.source, old.target) != (relation.source, relation.target) or not _open_on(old, day):
                continue
            if old.type != relation.type:
                changes.append(RelationChange("turn", "relations", old.id, relation.id, published))
                relation = relation.model_copy(update={"valid_from": relation.valid_from or published,
                                                       "supersedes": old.id})
                break
            if (old.polarity > 0) != (relation.polarity > 0) and old.polarity and relation.polarity:
                changes.append(RelationChange("contradiction", "relations", old.id, relation.id, published))
                break
        kept_relations.append(relation)
    kept_links = []
    for link in links:
        against = [old.id for old in model.causal_links if (old.cause, old.effect) == (link.cause, link.effect)
                   and (old.weight > 0) != (link.weight > 0) and old.weight and link.weight]
        if against:
            link = link.model_copy(update={"contradicts": list(dict.fromkeys([*link.contradicts, *against]))})
            changes += [RelationChange("contradiction", "causal_links", old, link.id, published) for old in against]
        kept_links.append(link)
    return changes, kept_relations, kept_links
