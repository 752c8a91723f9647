"""SpanSet answers "does this overlap a span added?" as a pass over every span added would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.extract.intervals import SpanSet, enclosing


def _spans(shortest: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    pairs = st.tuples(st.integers(0, 60), st.integers(shortest, 12))
    return st.lists(pairs.map(lambda p: (p[0], p[0] + p[1])), max_size=25)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(added=_spans(1), asked=_spans(0))  # the stages add no empty span; they may ask about one
def test_overlap_answers_match_a_pass_over_every_span(added, asked):
    held = SpanSet()
    seen: list[tuple[int, int]] = []
    for start, end in added:
        held.add(start, end)
        seen.append((start, end))
        for q_start, q_end in asked:
            expected = any(s < q_end and q_start < e for s, e in seen)
            assert held.overlaps(q_start, q_end) == expected
    runs = held.runs()
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(runs, runs[1:], strict=False))


def test_enclosing_finds_the_entity_that_holds_a_match():
    starts, ends = [0, 5, 9], [3, 8, 12]
    assert [enclosing(starts, ends, s, e) for s, e in [(0, 3), (1, 2), (5, 8), (9, 10), (3, 4), (7, 10)]] == [
        0, 0, 1, 2, None, None]
    assert enclosing([], [], 0, 1) is None
