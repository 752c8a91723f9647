"""Load/save round trips lose nothing: property-based over generated models, and on the bundled model."""

from __future__ import annotations

import string
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.model import (
    Actor,
    CausalLink,
    Concept,
    Document,
    Event,
    Evidence,
    Forecast,
    Model,
    Relation,
    Resolution,
    Scenario,
    dump_model,
    load_model,
    parse_model,
    save_model,
)
from realpolitik.model.vocabulary import BANDS, ActorKind, EventType, RelationType

ids = st.text(string.ascii_lowercase + "_", min_size=1, max_size=12).filter(lambda s: s[0] != "_")
# Text an analyst might type, including YAML-hostile characters, quotes, unicode and line breaks.
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85")
    | st.sampled_from("\n:#'\"-[]{}"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "")
maybe_texts = st.none() | texts
unit = st.floats(min_value=-1, max_value=1, allow_nan=False)
edtf = st.sampled_from(["2021", "2021-04", "2021-08-15", "199X", "2014-05", "[2021-09..2022-06]", "2018/2021", "2021~"])
digest = st.text("0123456789abcdef", min_size=64, max_size=64)


@st.composite
def evidence(draw):
    start = draw(st.integers(0, 10_000))
    return Evidence(document=draw(digest), start=start, end=start + draw(st.integers(1, 500)), paraphrase=draw(texts))


def item_fields(draw):
    return {"id": draw(ids), "evidence": draw(st.lists(evidence(), max_size=2))}


@st.composite
def models(draw):
    actor_kinds = get_args(ActorKind)
    actors = [
        Actor(**item_fields(draw), name=draw(texts), kind=draw(st.sampled_from(actor_kinds)),
              aliases=draw(st.lists(texts, max_size=3)), description=draw(maybe_texts))
        for _ in range(draw(st.integers(0, 3)))
    ]
    relations = [
        Relation(**item_fields(draw), source=draw(ids), target=draw(ids),
                 type=draw(st.sampled_from(get_args(RelationType))), polarity=draw(unit),
                 valid_from=draw(st.none() | edtf), valid_to=draw(st.none() | edtf))
        for _ in range(draw(st.integers(0, 3)))
    ]
    events = [
        Event(**item_fields(draw), date=draw(edtf), date_text=draw(maybe_texts), description=draw(texts),
              participants=draw(st.lists(ids, max_size=3)), type=draw(st.sampled_from(get_args(EventType))))
        for _ in range(draw(st.integers(0, 3)))
    ]
    concepts = [
        Concept(**item_fields(draw), label=draw(texts), terms=draw(st.lists(texts, max_size=2)))
        for _ in range(draw(st.integers(0, 3)))
    ]
    links = [
        CausalLink(**item_fields(draw), cause=draw(ids), effect=draw(ids), weight=draw(unit),
                   confidence=draw(st.floats(0, 1)), hedge=draw(maybe_texts))
        for _ in range(draw(st.integers(0, 3)))
    ]
    forecasts = [
        Forecast(**item_fields(draw), statement=draw(texts), estimative_term=draw(texts),
                 band=draw(st.sampled_from(list(BANDS))), horizon=draw(st.none() | edtf),
                 resolution=draw(st.none() | st.builds(Resolution, outcome=st.booleans(), date=edtf, source=texts)))
        for _ in range(draw(st.integers(0, 2)))
    ]
    scenarios = [
        Scenario(**item_fields(draw), name=draw(texts), clamps=draw(st.dictionaries(ids, unit, max_size=3)),
                 expected=draw(st.dictionaries(ids, st.sampled_from([-1, 0, 1]), max_size=2)))
        for _ in range(draw(st.integers(0, 2)))
    ]
    documents = [Document(id=draw(digest), title=draw(texts), published=draw(st.none() | edtf))]
    return Model(title=draw(texts), description=draw(maybe_texts), documents=documents, actors=actors,
                 relations=relations, events=events, concepts=concepts, causal_links=links, forecasts=forecasts,
                 scenarios=scenarios)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(), st.sampled_from(["yaml", "json"]))
def test_dump_then_parse_is_lossless(model, fmt):
    parsed, problems, _ = parse_model(dump_model(model, fmt=fmt))
    assert problems == []
    assert parsed == model


def test_bundled_model_survives_save_and_load(tmp_path, bundled_path):
    model = load_model(bundled_path)
    for name in ("copy.yaml", "copy.json"):
        assert load_model(save_model(model, tmp_path / name)) == model


def test_saved_yaml_keeps_lists_on_one_line(tmp_path, bundled_path):
    text = dump_model(load_model(bundled_path))
    assert "aliases: [Moscow," in text
    assert "clamps: {aid_and_assets: 1.0}" in text
