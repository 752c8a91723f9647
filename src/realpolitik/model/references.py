"""Which field of which item points to which other item: the one table, and the walks over it.

:data:`REFERENCES` is read by the checks (every reference must name an existing item) and by the removal of an
item (what cannot stand without it goes too, what merely names it forgets it). A new reference in the format is a
new row here, and both follow.

Evidence names documents too, but the other way round: a document does not need an item, so it is not a row of
the table. Removal still takes a document with it when the document is left *drafted only*: the removed items
cited it, every one of them carried a review mark (drafted, not curated by hand), and no item left cites it. So
rejecting everything a draft or an update proposed takes away the documents it added, and a document listed by
hand, or cited by an item curated by hand, is never removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from realpolitik.errors import Errors, UnknownIdError
from realpolitik.model.problems import Location

__all__ = ["REFERENCES", "Reference", "references_in", "remove_with_dependents"]


@dataclass(frozen=True)
class Reference:
    """Items of ``section`` name items of ``target`` in ``field``.

    ``shape`` is how the field holds them: ``one`` id, a list of ``many``, or the ``keys`` of a mapping.
    ``on_remove`` is what removing the named item does to the naming one: ``remove`` it too (a relation cannot
    stand without its source), or ``forget`` the name (an event keeps its other participants).
    """

    section: str
    field: str
    target: str
    shape: Literal["one", "many", "keys"]
    on_remove: Literal["remove", "forget"]


REFERENCES: tuple[Reference, ...] = (
    Reference("relations", "source", "actors", "one", "remove"),
    Reference("relations", "target", "actors", "one", "remove"),
    Reference("relations", "supersedes", "relations", "one", "forget"),
    Reference("events", "participants", "actors", "many", "forget"),
    Reference("forecasts", "subjects", "actors", "many", "forget"),
    Reference("actors", "affiliation", "actors", "one", "forget"),
    Reference("causal_links", "cause", "concepts", "one", "remove"),
    Reference("causal_links", "effect", "concepts", "one", "remove"),
    Reference("causal_links", "contradicts", "causal_links", "many", "forget"),
    Reference("forecasts", "concepts", "concepts", "many", "forget"),
    Reference("scenarios", "clamps", "concepts", "keys", "forget"),
    Reference("scenarios", "expected", "concepts", "keys", "forget"),
    Reference("scenarios", "extends", "scenarios", "one", "forget"),
)


def _value(item: Any, field: str) -> Any:
    return item.get(field) if isinstance(item, dict) else getattr(item, field, None)


def _named(value: Any, shape: str) -> list[Any]:
    if value is None:
        return []
    if shape == "one":
        return [value]
    if shape == "keys":
        return list(value) if isinstance(value, dict) else []
    return list(value) if isinstance(value, list) else []


def references_in(model: Any, target: str) -> Iterator[tuple[str, Location]]:
    """Every id that items of a model name in ``target`` (``"actors"``, ``"concepts"`` …), with its field path.

    ``model`` is a :class:`~realpolitik.model.Model` or a plain mapping of sections to item mappings.

    Examples
    --------
    >>> tree = {"relations": [{"id": "r", "source": "a", "target": "b"}],
    ...         "events": [{"id": "e", "participants": ["c"]}]}
    >>> sorted(references_in(tree, "actors"))
    [('a', ('relations', 0, 'source')), ('b', ('relations', 0, 'target')), ('c', ('events', 0, 'participants', 0))]
    """
    for ref in REFERENCES:
        if ref.target != target:
            continue
        items = model.get(ref.section) if isinstance(model, dict) else getattr(model, ref.section, None)
        for i, item in enumerate(items or []):
            for j, name in enumerate(_named(_value(item, ref.field), ref.shape)):
                path: Location = (ref.section, i, ref.field) if ref.shape == "one" else (
                    ref.section, i, ref.field, name if ref.shape == "keys" else j)
                yield name, path


def _index_of(items: list, item_id: str) -> int | None:
    return next((i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == item_id), None)


def _forget(item: dict, ref: Reference, gone: str) -> bool:
    value = item.get(ref.field)
    if ref.shape == "one" and value == gone:
        del item[ref.field]
        return True
    if ref.shape == "many" and isinstance(value, list) and gone in value:
        while gone in value:
            value.remove(gone)
        return True
    if ref.shape == "keys" and isinstance(value, dict) and gone in value:
        del value[gone]
        return True
    return False


def remove_with_dependents(tree: dict, section: str, item_id: str) -> tuple[list[tuple[str, str]],
                                                                            list[tuple[str, str]]]:
    """Remove an item from a model tree (plain or round-trip mappings), with what cannot stand without it.

    Items that reference it with ``on_remove="remove"`` go too (and what depends on them, in turn); items that
    merely name it forget the name; documents left drafted only go last (see the module's notes). The tree is
    changed in place, keeping the layout of everything else.

    Returns
    -------
    (removed, updated)
        ``(section, id)`` of the other items removed, and of those changed, in the order met.

    Raises
    ------
    UnknownIdError
        If ``section`` holds no item ``item_id`` (E242).

    Examples
    --------
    >>> tree = {"actors": [{"id": "a"}, {"id": "b"}],
    ...         "relations": [{"id": "r", "source": "a", "target": "b"}],
    ...         "events": [{"id": "e", "participants": ["a", "b"]}]}
    >>> remove_with_dependents(tree, "actors", "a")
    ([('relations', 'r')], [('events', 'e')])
    >>> tree["actors"], tree["events"][0]["participants"]
    ([{'id': 'b'}], ['b'])
    """
    items = tree.get(section) or []
    index = _index_of(items, item_id)
    if index is None:
        raise UnknownIdError(Errors.E242.format(kind=section.rstrip("s").replace("_", " "), id=item_id))
    gone_entries = [items[index]]
    del items[index]
    removed: list[tuple[str, str]] = []
    updated: list[tuple[str, str]] = []
    pending = [(section, item_id)]
    while pending:
        gone_section, gone = pending.pop(0)
        for ref in _pointing_to(gone_section):
            entries = tree.get(ref.section) or []
            for i in range(len(entries) - 1, -1, -1):
                entry = entries[i]
                if not isinstance(entry, dict) or gone not in _named(entry.get(ref.field), ref.shape):
                    continue
                key = (ref.section, str(entry.get("id")))
                if ref.on_remove == "remove":
                    gone_entries.append(entry)
                    del entries[i]
                    removed.append(key)
                    pending.append(key)
                elif _forget(entry, ref, gone) and key not in updated:
                    updated.append(key)
    updated = [key for key in updated if key not in removed]
    removed += _remove_drafted_only_documents(tree, gone_entries)
    return removed, updated


def _cited_documents(item: Any) -> list[str]:
    evidence = item.get("evidence") if isinstance(item, dict) else None
    return [str(e.get("document")) for e in evidence or [] if isinstance(e, dict) and e.get("document")]


def _remove_drafted_only_documents(tree: dict, gone: list[Any]) -> list[tuple[str, str]]:
    """Remove the documents that only drafted items among ``gone`` cited and no item left in ``tree`` cites."""
    drafted_only: dict[str, bool] = {}
    for entry in gone:
        for document in _cited_documents(entry):
            drafted_only[document] = drafted_only.get(document, True) and entry.get("review") is not None
    if not any(drafted_only.values()):
        return []
    still_cited = {document for section, entries in tree.items() if section != "documents"
                   and isinstance(entries, list) for entry in entries for document in _cited_documents(entry)}
    documents = tree.get("documents") or []
    removed: list[tuple[str, str]] = []
    for document, drafted in drafted_only.items():
        index = _index_of(documents, document)
        if drafted and document not in still_cited and index is not None:
            del documents[index]
            removed.append(("documents", document))
    return removed


def _pointing_to(section: str) -> Iterable[Reference]:
    return (ref for ref in REFERENCES if ref.target == section)
