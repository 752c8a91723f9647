"""The README's walk-through "Your own article", run as a user would: extract, draft, validate with the text at
hand, a scenario kept in the model and simulated. On the made-up Karsland briefing (our own text)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from realpolitik.model import load_model, validate_file

ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "draft" / "karsland_coup.txt"


def test_from_a_file_to_a_model_with_its_text_at_hand_then_a_scenario(cli, tmp_path):
    article = tmp_path / "article.txt"
    shutil.copy(ARTICLE, article)
    extracted = cli("extract", article, "-o", tmp_path / "article.json", cwd=tmp_path)
    assert extracted.code == 0, extracted.output
    assert json.loads((tmp_path / "article.json").read_text(encoding="utf-8"))["document"]["filename"] == "article.txt"
    drafted = cli("draft", "article.json", "-o", "model.yaml", cwd=tmp_path)
    assert drafted.code == 0, drafted.output
    model = load_model(tmp_path / "model.yaml")
    assert model.documents[0].filename == "article.txt"
    report = validate_file(tmp_path / "model.yaml")
    assert report.missing_documents == [] and model.documents[0].id in report.texts

    cause = model.causal_links[0].cause
    ad_hoc = cli("simulate", "model.yaml", "--clamp", f"{cause}=1", "--json", cwd=tmp_path)
    assert ad_hoc.code == 0, ad_hoc.output
    added = cli("scenario", "add", "model.yaml", "pushed", "--name", "Pushed", "--clamp", f"{cause}=1", cwd=tmp_path)
    assert added.code == 0, added.output
    ran = cli("simulate", "model.yaml", "--scenario", "pushed", "--json", cwd=tmp_path)
    assert ran.code == 0, ran.output
    assert any(o["scenario"] == "pushed" for o in json.loads(ran.stdout)["outcomes"])
