"""``realpolitik export`` and ``realpolitik import`` as a user runs them."""

from __future__ import annotations

import json

import networkx as nx

from realpolitik.model import load_model


def test_export_then_import_then_validate(cli, tmp_path, bundled_path):
    result = cli("export", "--to", "graphml", "-o", tmp_path / "m.graphml", "--json")
    assert result.code == 0, result.output
    assert json.loads(result.stdout)["files"] == [str(tmp_path / "m.graphml")]
    assert nx.read_graphml(tmp_path / "m.graphml").number_of_edges() > 0
    result = cli("import", tmp_path / "m.graphml", "--from", "graphml", "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.output
    assert "wrote" in result.stdout
    assert load_model(tmp_path / "back.yaml") == load_model(bundled_path)
    assert cli("validate", tmp_path / "back.yaml").code == 0


def test_sd_export_takes_scenario_and_options(cli, tmp_path):
    result = cli("export", "--to", "vensim", "-o", tmp_path / "m.mdl", "--scenario", "aid_resumed",
                 "--rule", "rescaled", "--transfer", "tanh", "--steps", "12")
    assert result.code == 0, result.output
    text = (tmp_path / "m.mdl").read_text(encoding="utf-8")
    assert "FINAL TIME = 12" in text and "aid_and_assets = INTEG(aid_and_assets_change, 1.0)" in text


def test_import_edge_list_keeps_provenance(cli, tmp_path):
    (tmp_path / "edges.csv").write_text("from,to,weight\nDrought,Migration,0.7\n", encoding="utf-8")
    result = cli("import", tmp_path / "edges.csv", "--from", "csv", "-o", tmp_path / "m.yaml", "--json")
    assert result.code == 0, result.output
    assert json.loads(result.stdout)["counts"]["causal_links"] == 1
    model = load_model(tmp_path / "m.yaml")
    assert model.documents[0].filename == "edges.csv"
    assert model.causal_links[0].evidence[0].document == model.documents[0].id


def test_usage_and_input_errors_have_distinct_exit_codes(cli, tmp_path):
    result = cli("export", "--to", "dot", "-o", tmp_path / "m.dot")
    assert result.code == 2 and "unknown export format 'dot'" in result.stderr
    result = cli("export", "--to", "xmile", "-o", tmp_path / "m.xmile", "--scenario", "nope")
    assert result.code == 2 and "unknown scenario 'nope'" in result.stderr
    (tmp_path / "m.csv").write_text(",a,b\na,0,1\n", encoding="utf-8")
    result = cli("import", tmp_path / "m.csv", "--from", "csv-matrix", "-o", tmp_path / "out.yaml")
    assert result.code == 1 and "not square" in result.stderr
    assert not (tmp_path / "out.yaml").exists()
    result = cli("import", tmp_path / "m.csv", "--from", "pajek", "-o", tmp_path / "out.yaml")
    assert result.code == 2 and "unknown import format 'pajek'" in result.stderr
