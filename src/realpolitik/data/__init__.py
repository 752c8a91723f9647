"""Data shipped with the package: the bundled models and the exported JSON Schemas."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["BUNDLED_MODEL", "bundled_model_path", "schema_path"]

#: File name of the default model: the system described in the seed op-ed.
BUNDLED_MODEL = "russia_afghanistan_2021.yaml"


def bundled_model_path(name: str = BUNDLED_MODEL) -> Path:
    """Path of a model bundled with the package (the seed's system by default)."""
    return Path(str(files("realpolitik.data") / "models" / name))


def schema_path(kind: str = "model") -> Path:
    """Path of the committed JSON Schema of the model format, or of the extraction record (``"extraction"``)."""
    return Path(str(files("realpolitik.data") / "schema" / f"{kind}.schema.json"))
