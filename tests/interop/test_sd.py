"""PySD runs the XMILE and Vensim exports and reproduces realpolitik's FCM trajectory to 1e-9."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.errors import SimulationError, UnknownIdError
from realpolitik.interop import export_model, pysd_check, sd_spec, to_vensim, to_xmile
from realpolitik.model import Model, load_model
from realpolitik.simulate import simulate_scenarios

pysd = pytest.importorskip("pysd")

STEPS = 40
SUFFIX = {"xmile": ".xmile", "vensim": ".mdl"}


@pytest.fixture(scope="module")
def model(bundled_path) -> Model:
    return load_model(bundled_path)


def _pysd_trajectory(path, fmt, names):
    sd_model = pysd.read_xmile(str(path)) if fmt == "xmile" else pysd.read_vensim(str(path))
    frame = sd_model.run(return_columns=list(names))
    assert frame.index.tolist() == list(range(STEPS + 1))
    return frame[list(names)].to_numpy()


CASES = [
    ("baseline", "modified_kosko", "sigmoid", 1.0),
    ("aid_resumed", "modified_kosko", "sigmoid", 1.0),
    ("aid_resumed", "rescaled", "tanh", 1.0),
    ("broad_recognition", "kosko", "sigmoid", 2.5),
]


@pytest.mark.parametrize("fmt", ["xmile", "vensim"])
@pytest.mark.parametrize(("scenario", "rule", "transfer", "steepness"), CASES)
def test_pysd_reproduces_every_concept_at_every_step(model, tmp_path, fmt, scenario, rule, transfer, steepness):
    options = {"rule": rule, "transfer": transfer, "steepness": steepness}
    path = tmp_path / f"map{SUFFIX[fmt]}"
    export_model(model, fmt, path, scenario=scenario, steps=STEPS, **options)
    # a negative tolerance makes the FCM run every step, so both trajectories have STEPS + 1 states
    ours = simulate_scenarios(model, [scenario], steps=STEPS, tolerance=-1.0, **options).outcome(scenario).trajectory
    names = sd_spec(model, scenario, steps=STEPS, **options).names
    theirs = _pysd_trajectory(path, fmt, names)
    assert theirs.shape == ours.shape == (STEPS + 1, len(model.concepts))
    assert np.abs(theirs - ours).max() <= 1e-9
    # the scenario's clamps really are held, and the map really moves
    clamps = simulate_scenarios(model, [scenario]).outcome(scenario).clamps
    ids = [concept.id for concept in model.concepts]
    for concept, value in clamps.items():
        assert np.all(theirs[:, ids.index(concept)] == value)
    assert np.abs(theirs[-1] - theirs[0]).max() > 0.05


def test_pysd_check_helper_agrees(model, tmp_path):
    assert pysd_check(model, "vensim", scenario="aid_resumed", steps=10, folder=tmp_path) <= 1e-9


def test_free_sources_are_updated_like_the_fcm(model, tmp_path):
    path = tmp_path / "map.xmile"
    export_model(model, "xmile", path, scenario="aid_resumed", steps=STEPS, hold_sources=False)
    ours = simulate_scenarios(model, ["aid_resumed"], steps=STEPS, tolerance=-1.0,
                              hold_sources=False).outcome("aid_resumed").trajectory
    names = sd_spec(model, "aid_resumed", steps=STEPS, hold_sources=False).names
    assert np.abs(_pysd_trajectory(path, "xmile", names) - ours).max() <= 1e-9


def test_the_files_name_their_stocks_and_clock(model):
    spec = sd_spec(model, "baseline", steps=7)
    xmile, mdl = to_xmile(spec), to_vensim(spec)
    assert "<dt>1</dt>" in xmile and "<stop>7</stop>" in xmile and 'method="Euler"' in xmile
    assert "FINAL TIME = 7" in mdl and "TIME STEP = 1" in mdl
    for name in spec.names:
        assert f'<stock name="{name}">' in xmile
        assert f"{name} = INTEG({name}_change," in mdl
    # each clamped concept's flow is zero, so its stock keeps the clamp value
    clamps = simulate_scenarios(model, ["baseline"]).outcome("baseline").clamps
    ids = [concept.id for concept in model.concepts]
    for concept in clamps:
        assert spec.flows[ids.index(concept)] == "0"


def test_names_are_made_safe_and_unique():
    model = Model.model_validate({"title": "t", "concepts": [
        {"id": "time", "label": "Time"}, {"id": "a-b", "label": "A"}, {"id": "a_b", "label": "B"},
        {"id": "9lives", "label": "C"}],
        "causal_links": [{"id": "l", "cause": "time", "effect": "a-b", "weight": 0.5}]})
    assert sd_spec(model).names == ("time_2", "a_b", "a_b_2", "c_9lives")


def test_bad_options_are_refused(model):
    with pytest.raises(UnknownIdError, match="E033|unknown scenario"):
        sd_spec(model, "no_such_scenario")
    with pytest.raises(UnknownIdError, match="transfer function"):
        sd_spec(model, transfer="relu")
    with pytest.raises(SimulationError, match="steps"):
        sd_spec(model, steps=0)
    held_too_high = model.model_copy(update={"scenarios": [
        model.scenarios[0].model_copy(update={"clamps": {"aid_and_assets": 2.0}})]})
    with pytest.raises(SimulationError, match="clamp value 2.0"):
        sd_spec(held_too_high, model.scenarios[0].id)


@st.composite
def _maps(draw):
    n = draw(st.integers(3, 6))
    cells = [(i, j) for i in range(n) for j in range(n) if i != j]
    chosen = draw(st.lists(st.sampled_from(cells), min_size=1, max_size=len(cells), unique=True))
    weight = st.floats(-1, 1, allow_nan=False).filter(lambda w: abs(w) > 1e-3)
    transfer = draw(st.sampled_from(["sigmoid", "tanh"]))
    low = 0.0 if transfer == "sigmoid" else -1.0
    clamped = draw(st.lists(st.integers(0, n - 1), max_size=2, unique=True))
    model = Model.model_validate({
        "title": "random", "concepts": [{"id": f"c{i}", "label": f"C{i}"} for i in range(n)],
        "causal_links": [{"id": f"l{i}_{j}", "cause": f"c{i}", "effect": f"c{j}", "weight": draw(weight)}
                         for i, j in chosen],
        "scenarios": [{"id": "s", "name": "S", "clamps": {f"c{i}": draw(st.floats(low, 1.0)) for i in clamped}}],
    })
    options = {"rule": draw(st.sampled_from(["kosko", "modified_kosko", "rescaled"])), "transfer": transfer,
               "steepness": draw(st.sampled_from([0.5, 1.0, 3.0])), "hold_sources": draw(st.booleans())}
    return model, options


@settings(max_examples=6, deadline=None)
@given(case=_maps())
def test_pysd_reproduces_random_maps(tmp_path_factory, case):
    model, options = case
    path = tmp_path_factory.mktemp("sd") / "map.xmile"
    export_model(model, "xmile", path, scenario="s", steps=15, **options)
    ours = simulate_scenarios(model, ["s"], steps=15, tolerance=-1.0, **options).outcome("s").trajectory
    sd_model = pysd.read_xmile(str(path))
    names = list(sd_spec(model, "s", steps=15, **options).names)
    theirs = sd_model.run(return_columns=names)[names].to_numpy()
    assert np.abs(theirs - ours).max() <= 1e-9
