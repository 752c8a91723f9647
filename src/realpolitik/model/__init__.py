"""The model stage: the file format, reading and writing it, and checking it."""

from realpolitik.model.checks import check_model
from realpolitik.model.dates import DateSpan, InvalidDateError, parse_date
from realpolitik.model.estimative import band_for_term, estimative_terms
from realpolitik.model.edit import (
    EDITABLE_SECTIONS,
    REVIEWABLE_SECTIONS,
    accept_item,
    add_items,
    edit_item,
    reject_item,
    resolve_forecast,
)
from realpolitik.model.file import UNCHECKED, Change, ModelFile, file_version, load_model, read_model, save_model
from realpolitik.model.io import check_text, dump_model, parse_model
from realpolitik.model.references import REFERENCES, Reference, references_in, remove_with_dependents
from realpolitik.model.problems import Problem
from realpolitik.model.schema import (
    FORMAT_VERSION,
    SECTIONS,
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
)
from realpolitik.model.summary import counts, people, resolve_clamps, timeline
from realpolitik.model.validate import ValidationReport, validate_file

__all__ = [
    "EDITABLE_SECTIONS",
    "FORMAT_VERSION",
    "REFERENCES",
    "REVIEWABLE_SECTIONS",
    "SECTIONS",
    "UNCHECKED",
    "Actor",
    "CausalLink",
    "Change",
    "Concept",
    "DateSpan",
    "Document",
    "Event",
    "Evidence",
    "Forecast",
    "InvalidDateError",
    "Model",
    "ModelFile",
    "Problem",
    "Reference",
    "Relation",
    "Resolution",
    "Scenario",
    "ValidationReport",
    "accept_item",
    "add_items",
    "band_for_term",
    "check_model",
    "check_text",
    "counts",
    "dump_model",
    "edit_item",
    "estimative_terms",
    "file_version",
    "load_model",
    "parse_date",
    "parse_model",
    "people",
    "read_model",
    "references_in",
    "reject_item",
    "remove_with_dependents",
    "resolve_clamps",
    "resolve_forecast",
    "save_model",
    "timeline",
    "validate_file",
]
