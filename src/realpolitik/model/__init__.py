"""The model stage: the file format, reading and writing it, and checking it."""

from realpolitik.model.checks import check_model
from realpolitik.model.dates import DateSpan, InvalidDateError, parse_date
from realpolitik.model.estimative import band_for_term, estimative_terms
from realpolitik.model.io import dump_model, load_model, parse_model, read_model, save_model
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
from realpolitik.model.summary import counts, people, timeline
from realpolitik.model.validate import ValidationReport, validate_file

__all__ = [
    "FORMAT_VERSION",
    "SECTIONS",
    "Actor",
    "CausalLink",
    "Concept",
    "DateSpan",
    "Document",
    "Event",
    "Evidence",
    "Forecast",
    "InvalidDateError",
    "Model",
    "Problem",
    "Relation",
    "Resolution",
    "Scenario",
    "ValidationReport",
    "band_for_term",
    "check_model",
    "counts",
    "dump_model",
    "estimative_terms",
    "load_model",
    "parse_date",
    "parse_model",
    "people",
    "read_model",
    "save_model",
    "timeline",
    "validate_file",
]
