"""Plain summaries of a model: counts, the timeline in date order, people with their roles."""

from __future__ import annotations

from realpolitik.model.dates import InvalidDateError, parse_date
from realpolitik.model.schema import SECTIONS, Actor, Event, Model

__all__ = ["counts", "people", "timeline"]


def counts(model: Model) -> dict[str, int]:
    """Number of items per section, with people counted apart from other actors.

    Examples
    --------
    >>> from realpolitik.model.schema import Model
    >>> counts(Model(title="empty"))["actors"]
    0
    """
    result = {section: len(getattr(model, section)) for section in SECTIONS}
    result["people"] = len(people(model))
    return result


def people(model: Model) -> list[Actor]:
    """The actors of kind ``person``, in file order."""
    return [actor for actor in model.actors if actor.kind == "person"]


def timeline(model: Model) -> list[Event]:
    """Events in date order (by earliest possible day, then latest); undatable ones last."""

    def key(event: Event) -> tuple:
        try:
            span = parse_date(event.date)
        except InvalidDateError:
            return (1, event.date, event.date)
        return (0, span.lower.isoformat(), span.upper.isoformat())

    return sorted(model.events, key=key)
