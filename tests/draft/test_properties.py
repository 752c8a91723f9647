"""Property tests: any extraction of causal claims drafts into a model that passes its checks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.draft import draft_model, shares_run
from realpolitik.model import check_model
from realpolitik.record import Extraction

WORDS = ["aid", "food", "prices", "the", "rising", "unrest", "capital", "army", "morale", "it", "of", "border",
         "refugee", "flows", "sanctions", "new", "trade"]
HEDGES = [None, "may", "will", "could", "is likely to", "hardly", "allegedly"]
DOCUMENT = "ef" * 32

phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
claim = st.fixed_dictionaries({
    "cause": phrase, "effect": phrase, "polarity": st.sampled_from([-1, 0, 1]), "hedge": st.sampled_from(HEDGES),
    "start": st.integers(min_value=0, max_value=500), "length": st.integers(min_value=1, max_value=80),
    "score": st.one_of(st.none(), st.floats(min_value=0.0, max_value=1.0)),
})


def _extraction(claims):
    links = []
    for c in claims:
        text = f"{c['cause']} drives {c['effect']}"
        link = {"cause": c["cause"], "effect": c["effect"], "polarity": c["polarity"], "hedge": c["hedge"],
                "evidence": {"start": c["start"], "end": c["start"] + c["length"], "text": text}}
        if c["score"] is not None:
            link["score"] = c["score"]
        links.append(link)
    return Extraction.model_validate({"document": {"id": DOCUMENT, "title": "t"}, "causal_links": links})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claim, min_size=1, max_size=10))
def test_any_set_of_claims_drafts_into_a_clean_model(claims):
    result = draft_model(_extraction(claims))
    model = result.model
    assert [p for p in check_model(model) if p.severity == "error"] == []
    concepts = {c.id for c in model.concepts}
    for link in model.causal_links:
        assert link.cause in concepts and link.effect in concepts and link.cause != link.effect
        assert -1 <= link.weight <= 1 and link.weight != 0 and 0 <= link.confidence <= 1
        assert link.review == "proposed"
    # every claim is in a link's evidence or reported as left out (identical spans pool into one piece)
    kept = {(e.start, e.end) for link in model.causal_links for e in link.evidence}
    left_out = sum(1 for section, _, _ in result.dropped if section == "causal_links")
    spans = {(c["start"], c["start"] + c["length"]) for c in claims}
    assert kept <= spans and len(kept) + left_out >= len(spans)
    for concept in model.concepts:
        assert concept.terms and all(len(term.split()) <= 5 for term in concept.terms)
        for evidence in concept.evidence:
            assert not shares_run(evidence.paraphrase, " ".join(c["cause"] + " " + c["effect"] for c in claims))
