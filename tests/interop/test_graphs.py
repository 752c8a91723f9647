"""GraphML and GEXF: networkx reads them, GEXF has the 1.3 structure, and both read back to the same model."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from realpolitik.errors import InputFileError
from realpolitik.interop import export_model, import_model, model_to_graph
from realpolitik.model import SECTIONS, Model, check_model, load_model, validate_file
from realpolitik.model.edtf import parse_date

GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def model(bundled_path) -> Model:
    return load_model(bundled_path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_keeps_every_section(model, tmp_path, fmt):
    path = tmp_path / f"model.{fmt}"
    export_model(model, fmt, path)
    back = import_model(path, fmt)
    assert back.title == model.title and back.description == model.description
    for section in SECTIONS:
        assert [item.model_dump() for item in getattr(back, section)] == [
            item.model_dump() for item in getattr(model, section)], section
    assert not [p for p in check_model(back) if p.severity == "error"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_tripped_model_validates_against_the_seed(model, tmp_path, fmt, seed_path):
    export_model(model, fmt, tmp_path / f"model.{fmt}")
    from realpolitik.model import save_model

    save_model(import_model(tmp_path / f"model.{fmt}", fmt), tmp_path / "back.yaml")
    shutil.copy(seed_path, tmp_path / seed_path.name)
    report = validate_file(tmp_path / "back.yaml")
    assert report.ok and not report.missing_documents


def test_networkx_reads_graphml_with_signs_weights_and_time_scopes(model, tmp_path):
    export_model(model, "graphml", tmp_path / "m.graphml")
    graph = nx.read_graphml(tmp_path / "m.graphml", force_multigraph=True)
    assert graph.number_of_nodes() == len(model.actors) + len(model.concepts)
    assert graph.number_of_edges() == len(model.relations) + len(model.causal_links)
    edges = {data["item_id"]: data for _, _, data in graph.edges(data=True)}
    for link in model.causal_links:
        assert edges[link.id]["weight"] == link.weight
        assert edges[link.id]["sign"] == (1 if link.weight > 0 else -1)
    for relation in model.relations:
        data = edges[relation.id]
        assert (data["relation_type"], data["polarity"]) == (relation.type, relation.polarity)
        assert data.get("valid_from") == relation.valid_from and data.get("valid_to") == relation.valid_to


def test_gexf_is_version_1_3_with_spells_and_dynamic_polarity(model, tmp_path):
    export_model(model, "gexf", tmp_path / "m.gexf")
    root = ET.parse(tmp_path / "m.gexf").getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert graph.get("defaultedgetype") == "directed"
    declared = {(attributes.get("class"), attributes.get("mode"), a.get("title")): a.get("id")
                for attributes in graph.findall(f"{GEXF}attributes") for a in attributes}
    polarity_id = declared[("edge", "dynamic", "polarity_over_time")]
    assert {key for key in declared if key[2].startswith("polarity")} == {
        ("edge", "dynamic", "polarity_over_time"), ("edge", "static", "polarity")}
    # every attvalue refers to a declared attribute, every edge to declared nodes
    nodes = {node.get("id") for node in graph.iter(f"{GEXF}node")}
    ids = set(declared.values())
    dated = {r.id: r for r in model.relations if r.valid_from or r.valid_to}
    seen = 0
    for edge in graph.iter(f"{GEXF}edge"):
        assert edge.get("source") in nodes and edge.get("target") in nodes
        values = {v.get("for"): v for v in edge.iter(f"{GEXF}attvalue")}
        assert set(values) <= ids
        item = next(v.get("value") for k, v in values.items() if k == declared[("edge", "static", "item_id")])
        if item in dated:
            seen += 1
            relation = dated[item]
            spell = edge.find(f"{GEXF}spells/{GEXF}spell")
            if relation.valid_from:
                assert spell.get("start") == parse_date(relation.valid_from).lower.isoformat()
            if relation.valid_to:
                assert spell.get("end") == parse_date(relation.valid_to).upper.isoformat()
            assert float(values[polarity_id].get("value")) == relation.polarity
    assert seen == len(dated) > 0
    read = nx.read_gexf(tmp_path / "m.gexf", version="1.3")
    assert read.number_of_edges() == len(model.relations) + len(model.causal_links)


def test_a_foreign_graphml_becomes_a_causal_map_with_provenance(tmp_path):
    graph = nx.DiGraph()
    graph.add_node("n1", label="Sanctions")
    graph.add_node("n2", label="Inflation")
    graph.add_node("n3", label="Unrest")
    graph.add_edge("n1", "n2", weight=0.6)
    graph.add_edge("n2", "n3", weight=0.4)
    path = tmp_path / "map.graphml"
    nx.write_graphml(graph, path)
    model = import_model(path, "graphml")
    assert [c.id for c in model.concepts] == ["sanctions", "inflation", "unrest"]
    assert [(link.cause, link.effect, link.weight) for link in model.causal_links] == [
        ("sanctions", "inflation", 0.6), ("inflation", "unrest", 0.4)]
    text = path.read_text(encoding="utf-8")
    (document,) = model.documents
    for item in [*model.concepts, *model.causal_links]:
        (evidence,) = item.evidence
        assert evidence.document == document.id
        span = text[evidence.start : evidence.end]
        assert span.startswith("<node" if item in model.concepts else "<edge")
    from realpolitik.model import save_model

    save_model(model, tmp_path / "model.yaml")
    report = validate_file(tmp_path / "model.yaml")
    assert report.ok and not report.missing_documents


def test_graphml_without_edges_is_refused(tmp_path):
    graph = nx.DiGraph()
    graph.add_nodes_from(["a", "b"])
    nx.write_graphml(graph, tmp_path / "lonely.graphml")
    with pytest.raises(InputFileError, match="no edges"):
        import_model(tmp_path / "lonely.graphml", "graphml")


def test_malformed_graphml_is_refused(tmp_path):
    (tmp_path / "broken.graphml").write_text("<graphml><graph><node id='a'>", encoding="utf-8")
    with pytest.raises(InputFileError, match="cannot read"):
        import_model(tmp_path / "broken.graphml", "graphml")


def test_graph_separates_actors_from_concepts(model):
    graph = model_to_graph(model)
    sections = {data["section"] for _, data in graph.nodes(data=True)}
    assert sections == {"actor", "concept"}
    for source, target, data in graph.edges(data=True):
        expected = "actor:" if data["section"] == "relation" else "concept:"
        assert source.startswith(expected) and target.startswith(expected)


def test_a_foreign_gexf_becomes_a_causal_map(tmp_path):
    graph = nx.DiGraph()
    graph.add_node("1", label="Drought")
    graph.add_node("2", label="Migration")
    graph.add_edge("1", "2", weight=0.8)
    nx.write_gexf(graph, tmp_path / "map.gexf", version="1.2draft")
    model = import_model(tmp_path / "map.gexf", "gexf")
    assert [(link.cause, link.effect, link.weight) for link in model.causal_links] == [("drought", "migration", 0.8)]
    assert model.documents[0].filename == "map.gexf"


def test_the_sd_options_have_one_set_of_defaults_and_a_misspelt_one_is_refused_for_any_format(tmp_path):
    import pytest

    from realpolitik.data import bundled_model_path
    from realpolitik.interop import export_model, sd_spec, to_vensim
    from realpolitik.model import load_model

    model = load_model(bundled_model_path())
    [written] = export_model(model, "vensim", tmp_path / "map.mdl", scenario="aid_resumed", steps=20)
    assert written.read_text(encoding="utf-8") == to_vensim(sd_spec(model, "aid_resumed", steps=20))
    with pytest.raises(TypeError, match="stepz"):
        export_model(model, "graphml", tmp_path / "map.graphml", stepz=20)  # type: ignore[call-arg]
