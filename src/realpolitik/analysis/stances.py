"""The actor network over time: each pair's net stance at a date, what changed between dates, time slices.

A *stance* collapses the relations that hold between two actors at a date into one signed number
(the sum of their polarities), so that "Russia and the US in 2010" reads as one friendly or hostile
tie however many relations the model records for the pair.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from realpolitik.analysis.network import relation_holds_at
from realpolitik.model.edtf import InvalidDateError, parse_date
from realpolitik.model.schema import Model

__all__ = ["PairStance", "StanceChange", "TimelineStep", "pair_stances", "stance_changes", "stance_timeline"]

#: Net polarities closer to zero than this count as no stance (the relations cancel out).
NEUTRAL = 1e-9


@dataclass(frozen=True)
class PairStance:
    """The relations that hold between two actors at one time, and their net polarity."""

    actors: tuple[str, str]
    polarity: float
    relations: tuple[str, ...]
    types: tuple[str, ...]

    @property
    def sign(self) -> int:
        """+1 friendly, -1 hostile, 0 when the relations cancel out."""
        if abs(self.polarity) <= NEUTRAL:
            return 0
        return 1 if self.polarity > 0 else -1


def pair_stances(model: Model, at: dt.date | str | None = None) -> dict[tuple[str, str], PairStance]:
    """Each actor pair's net stance, from the relations that hold at ``at`` (all relations when None).

    Pairs are keyed with their ids sorted, since a stance is read in both directions.

    Raises
    ------
    InvalidDateError
        If ``at`` is not a valid EDTF expression.

    Examples
    --------
    >>> from realpolitik.model import Actor, Model, Relation
    >>> m = Model(title="t", actors=[Actor(id=i, name=i, kind="state") for i in "ab"],
    ...           relations=[Relation(id="old", source="a", target="b", type="partnership", polarity=0.5,
    ...                               valid_to="2013"),
    ...                      Relation(id="new", source="b", target="a", type="rivalry", polarity=-0.6,
    ...                               valid_from="2014")])
    >>> stance = pair_stances(m, "2010")[("a", "b")]
    >>> stance.sign, stance.relations
    (1, ('old',))
    >>> pair_stances(m, "2020")[("a", "b")].types
    ('rivalry',)
    """
    if at is not None and not isinstance(at, dt.date):
        parse_date(str(at))  # a bad date is an error even when no relation would be tested against it
    grouped: dict[tuple[str, str], list] = {}
    for relation in model.relations:
        if relation.source == relation.target:
            continue
        if at is not None and not relation_holds_at(relation, at):
            continue
        pair = tuple(sorted((relation.source, relation.target)))
        grouped.setdefault(pair, []).append(relation)  # type: ignore[arg-type]
    return {
        pair: PairStance(
            actors=pair,
            polarity=round(sum(r.polarity for r in relations), 10),
            relations=tuple(r.id for r in relations),
            types=tuple(dict.fromkeys(r.type for r in relations)),
        )
        for pair, relations in sorted(grouped.items())
    }


@dataclass(frozen=True)
class StanceChange:
    """How one pair's stance differs between two dates (``None``: no relation held then)."""

    actors: tuple[str, str]
    before: PairStance | None
    after: PairStance | None

    @property
    def kind(self) -> str:
        """``began``, ``ended``, ``turned hostile``, ``turned friendly``, ``became neutral`` or ``reworked``.

        ``reworked`` means the sign stayed but the relations behind it changed.
        """
        if self.before is None:
            return "began"
        if self.after is None:
            return "ended"
        old, new = self.before.sign, self.after.sign
        if new < 0 <= old:
            return "turned hostile"
        if new > 0 >= old:
            return "turned friendly"
        if new == 0 and old != 0:
            return "became neutral"
        return "reworked"


def stance_changes(model: Model, before: dt.date | str, after: dt.date | str) -> list[StanceChange]:
    """Every pair whose relations differ between two dates, sign changes first.

    Raises
    ------
    InvalidDateError
        If either date is not a valid EDTF expression.

    Examples
    --------
    >>> from realpolitik.model import Actor, Model, Relation
    >>> m = Model(title="t", actors=[Actor(id=i, name=i, kind="state") for i in "ab"],
    ...           relations=[Relation(id="old", source="a", target="b", type="partnership", polarity=0.5,
    ...                               valid_to="2013"),
    ...                      Relation(id="new", source="a", target="b", type="rivalry", polarity=-0.6,
    ...                               valid_from="2014")])
    >>> [(c.actors, c.kind) for c in stance_changes(m, "2010", "2015")]
    [(('a', 'b'), 'turned hostile')]
    """
    then, now = pair_stances(model, before), pair_stances(model, after)
    changes = []
    for pair in sorted(set(then) | set(now)):
        old, new = then.get(pair), now.get(pair)
        if old is not None and new is not None and set(old.relations) == set(new.relations):
            continue
        changes.append(StanceChange(pair, old, new))
    sign_flips = {"turned hostile", "turned friendly", "became neutral"}
    return sorted(changes, key=lambda c: (c.kind not in sign_flips, c.actors))


@dataclass(frozen=True)
class TimelineStep:
    """The network on a day when relations begin or end, and what changed since the step before."""

    date: str
    """The EDTF date(s) that make this day a change point, ``after X`` for a relation that ended with X."""
    day: dt.date
    """The day the network is read at: a relation's first day, or the first day after it ended."""
    changes: tuple[StanceChange, ...]


def _change_days(model: Model) -> dict[dt.date, list[str]]:
    days: dict[dt.date, list[str]] = {}
    for relation in model.relations:
        for text, opening in ((relation.valid_from, True), (relation.valid_to, False)):
            if not text:
                continue
            try:
                span = parse_date(text)
            except InvalidDateError:
                continue
            if opening:
                day = span.lower
            elif span.upper < dt.date.max:
                day = span.upper + dt.timedelta(days=1)
            else:
                continue
            label = text if opening else f"after {text}"
            labels = days.setdefault(day, [])
            if label not in labels:
                labels.append(label)
    return days


def stance_timeline(model: Model) -> list[TimelineStep]:
    """The actor network's history: one step per day on which some pair's stance changed.

    Change days are the first day of each relation's ``valid_from`` and the day after its
    ``valid_to`` ends; the network is read on each and compared with the one read on the previous
    change day (the first with the day before it).  A relation "to 2014" and its successor "from
    2014" overlap during 2014, so the step dated 2014 shows their sum and the next step, on the
    first day of 2015, shows the successor alone.

    Examples
    --------
    >>> from realpolitik.model import Actor, Model, Relation
    >>> m = Model(title="t", actors=[Actor(id=i, name=i, kind="state") for i in "ab"],
    ...           relations=[Relation(id="old", source="a", target="b", type="partnership", polarity=0.5,
    ...                               valid_from="2001", valid_to="2013"),
    ...                      Relation(id="new", source="a", target="b", type="rivalry", polarity=-0.6,
    ...                               valid_from="2014")])
    >>> [(step.date, [c.kind for c in step.changes]) for step in stance_timeline(m)]
    [('2001', ['began']), ('after 2013 / 2014', ['turned hostile'])]
    """
    days = _change_days(model)
    steps = []
    previous: dt.date | None = None
    for day in sorted(days):
        before = previous if previous is not None else (day - dt.timedelta(days=1) if day > dt.date.min else day)
        changes = tuple(stance_changes(model, before, day))
        if changes:
            steps.append(TimelineStep(date=" / ".join(days[day]), day=day, changes=changes))
        previous = day
    return steps
