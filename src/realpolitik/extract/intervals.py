"""Disjoint spans kept in order, so that "does this overlap anything taken?" costs a bisection, not a pass.

Several stages claim stretches of a text one by one and skip a candidate that overlaps an earlier claim (dates,
relative dates, actor names inside longer names). Read naively, each check walks every earlier claim, which makes
a stage quadratic in the length of the document; a long report then takes minutes where a short one takes
seconds. :class:`SpanSet` keeps the positions claimed as disjoint runs, and :func:`enclosing` finds the one of a
doc's entities (which never overlap) that holds a match.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

__all__ = ["SpanSet", "enclosing"]


class SpanSet:
    """The positions covered by half-open spans ``[start, end)``, kept as disjoint runs in order.

    A span added over runs already held is merged with them, so the question "does ``[start, end)`` share a
    position with a span added?" has the same answer as a pass over every span added, for one bisection.
    Empty spans cover no position and are not kept (the stages never add one).

    Examples
    --------
    >>> taken = SpanSet([(10, 20)])
    >>> taken.overlaps(15, 30), taken.overlaps(20, 25), taken.overlaps(0, 10)
    (True, False, False)
    >>> taken.add(30, 40); taken.add(18, 32); taken.add(40, 45)
    >>> taken.runs(), taken.overlaps(25, 26)
    ([(10, 40), (40, 45)], True)
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans or []:
            self.add(start, end)

    def runs(self) -> list[tuple[int, int]]:
        """The disjoint runs held, in order."""
        return list(zip(self._starts, self._ends, strict=True))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a position with a span added."""
        # runs beginning before ``end`` are the first ``before``; being disjoint, the last of them ends latest
        before = bisect_left(self._starts, end)
        return before > 0 and self._ends[before - 1] > start

    def add(self, start: int, end: int) -> None:
        """Cover ``[start, end)``, merging it with the runs it overlaps."""
        if end <= start:
            return
        # runs that share a position with it; runs that only touch it stay apart, so that an empty span asked
        # about at their meeting point overlaps neither, as it overlaps none of the spans added
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        if first < last:
            start, end = min(start, self._starts[first]), max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]


def enclosing(starts: list[int], ends: list[int], start: int, end: int) -> int | None:
    """The index of the disjoint, ordered span (``starts[i]``, ``ends[i]``) that holds ``[start, end)``, if any.

    Examples
    --------
    >>> enclosing([0, 5, 9], [3, 8, 12], 6, 8), enclosing([0, 5, 9], [3, 8, 12], 7, 10)
    (1, None)
    """
    index = bisect_right(starts, start) - 1
    if index >= 0 and end <= ends[index]:
        return index
    return None
