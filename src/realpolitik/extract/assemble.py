"""A whole document's extraction in one pass of the pipeline: actors, people, events, relations, causes, forecasts.

:func:`extract_document` is the one entry point the other stages use; :func:`extract_text` and
:func:`extract_file` wrap it for a string or a path.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from realpolitik.corpus import (
    MAX_TEXT_BYTES,
    IngestedDocument,
    check_published,
    find_author_note,
    ingest_file,
    sha256_hex,
)
from realpolitik.errors import Errors, InputFileError
from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.dates import is_valid_edtf
from realpolitik.extract.forecasts import find_forecasts
from realpolitik.extract.pipeline import load_pipeline
from realpolitik.extract.sentences import as_text_doc, text_of
from realpolitik.record import (
    ExtractedActor,
    ExtractedDocument,
    ExtractedEvent,
    ExtractedRelation,
    ExtractedSection,
    Extraction,
    Mention,
    SpanEvidence,
)

__all__ = ["extract_document", "extract_file", "extract_text", "run_pipeline"]

#: A letter of any script: a text without one holds no sentence to read.
_WORD = re.compile(r"[^\W\d_]")


def _title_end(text: str, title: str | None) -> int:
    """Where a title line that opens the text ends (0 if the text does not open with the title)."""
    if not title:
        return 0
    first = text.split("\n", 1)[0]
    return len(first) if first.strip().startswith(title.strip()[:40]) else 0


def _byline(title: str | None) -> str | None:
    """The author's name in a "Title | Author" title line, if it has one (two to four capitalised words).

    Examples
    --------
    >>> _byline("Nile talks stall again | Amara Mensah")
    'Amara Mensah'
    >>> _byline("Markets | Europe") is None
    True
    """
    if not title or " | " not in title:
        return None
    name = title.rsplit(" | ", 1)[1].strip()
    words = name.split()
    return name if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) else None


def run_pipeline(text: str, *, nlp: Language | None = None, published: str | None = None,
                 author: str | None = None, title: str | None = None) -> Doc:
    """Run the extraction pipeline over ``text`` once and return the annotated spaCy doc.

    The title line, when the text opens with it, names actors but states no events or relations.
    """
    nlp = nlp or load_pipeline()
    if len(text) > nlp.max_length:  # spaCy's own guard (E088) would escape as a ValueError from make_doc
        raise InputFileError.coded("E279", length=len(text), limit=nlp.max_length)
    doc: Doc = as_text_doc(nlp.make_doc(text))
    doc._.rp_published = published
    doc._.rp_author = author
    doc._.rp_title_end = _title_end(text, title)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _evidence(text: str, start: int, end: int) -> SpanEvidence:
    return SpanEvidence(start=start, end=end, text=text[start:end])


def _actors(doc: Doc) -> list[ExtractedActor]:
    mentions: dict[str, list[Mention]] = {}
    for mention in doc._.rp_mentions:
        mentions.setdefault(mention.actor, []).append(Mention(start=mention.start, end=mention.end))
    actors = []
    for actor, record in doc._.rp_actors.items():
        if actor not in mentions:
            continue
        actors.append(ExtractedActor(id=actor, name=record.name, kind=record.kind,
                                     aliases=sorted(a for a in record.aliases if a != record.name),
                                     role=record.role if record.kind == "person" else None,
                                     affiliation=record.affiliation if record.kind == "person" else None,
                                     mentions=mentions[actor], iso3=record.iso3 or None))
    return sorted(actors, key=lambda a: a.mentions[0].start)


def _events(doc: Doc) -> list[ExtractedEvent]:
    events, used = [], set()
    for event in doc._.rp_events:
        base = event.known or f"{event.trigger}_{event.date.split('/')[0].replace('..', 'open')}"
        ident, n = base.replace("-", "_"), 2
        while ident in used:
            ident, n = f"{base}_{n}", n + 1
        used.add(ident)
        events.append(ExtractedEvent(id=ident, date=event.date, date_text=event.date_text,
                                     description=event.description or text_of(doc)[event.start:event.end],
                                     type=event.type,
                                     actors=event.actors, evidence=_evidence(text_of(doc), event.start, event.end),
                                     trigger=event.trigger, date_inferred=bool(event.inferred)))
    return events


def _relations(doc: Doc) -> list[ExtractedRelation]:
    return [ExtractedRelation(source=r.source, target=r.target, type=r.type, polarity=r.polarity,
                              valid_from=r.valid_from, valid_to=r.valid_to,
                              evidence=_evidence(text_of(doc), r.start, r.end), cue=r.cue)
            for r in doc._.rp_relations]


def _fill_forecast_actors(doc: Doc, forecasts: list) -> list:
    for forecast in forecasts:
        inside = [m.actor for m in doc._.rp_mentions
                  if forecast.evidence.start <= m.start and m.end <= forecast.evidence.end]
        forecast.actors = list(dict.fromkeys(inside))
    return forecasts


def extract_document(document: IngestedDocument, *, nlp: Language | None = None) -> Extraction:
    """Extract actors, people, dated events, relations, causal links and forecasts from an ingested document.

    Parameters
    ----------
    document
        The document, as the ingest stage returns it; every offset in the result indexes ``document.text``.
    nlp
        A pipeline from :func:`realpolitik.extract.load_pipeline` (built once and cached when omitted).

    Returns
    -------
    Extraction
        Every item with its evidence span.

    Raises
    ------
    InputFileError
        If the document has no text (E165), or no word in it (E166).

    A document in another language than English is not read: the extraction holds its document section and a
    note saying so, and no item (an English-tuned parse of it would be noise, not a draft).
    """
    if not document.text.strip():
        raise InputFileError(Errors.E165)
    if not _WORD.search(document.text):
        raise InputFileError.coded("E166")
    if document.language and document.language != "en":
        return Extraction(document=_document_record(document, reference_date=document.published, body_end=None),
                          notes=[*document.notes, f"the document's language is '{document.language}' and the "
                                 "extractor reads English only: nothing was extracted"])
    author = document.author or _byline(document.title)
    # the author's note that closes many analyses is not the argument: parse the text before it (a prefix, so
    # every offset still indexes ``document.text``)
    body_end = find_author_note(document.text)
    body = document.text if body_end is None else document.text[:body_end]
    doc = run_pipeline(body, nlp=nlp, published=document.published, author=author, title=document.title)
    notes = list(document.notes)
    if body_end is not None:
        notes.append(f"the author's note at the end (from character {body_end}) is left out of the extraction")
    if document.published is None:
        notes.append("no publication date is known: relative dates ('last week', 'on 27 July') are left unplaced; "
                     "give it with --published YYYY-MM-DD")
    causal = find_causal_links(doc)
    forecasts = _fill_forecast_actors(doc, find_forecasts(doc))
    return Extraction(
        document=_document_record(document, reference_date=doc._.rp_reference_date, body_end=body_end),
        actors=_actors(doc), events=_events(doc), relations=_relations(doc), causal_links=causal,
        forecasts=forecasts, notes=notes)


def _document_record(document: IngestedDocument, *, reference_date: str | None,
                     body_end: int | None) -> ExtractedDocument:
    return ExtractedDocument(id=document.id, title=document.title, author=document.author,
                             published=document.published, language=document.language,
                             sections=[ExtractedSection(title=s.title, start=s.start, end=s.end)
                                       for s in document.sections],
                             reference_date=reference_date, body_end=body_end,
                             filename=document.path.name if document.path is not None else None)


def extract_text(text: str, *, document_id: str | None = None, title: str | None = None,
                 author: str | None = None, published: str | None = None,
                 nlp: Language | None = None) -> Extraction:
    """Extract from a string; the document id defaults to the sha256 of its UTF-8 bytes.

    ``published`` is an ISO date or any EDTF value (a model document's date, "2021-09/2022-06").

    Raises
    ------
    InputFileError
        If ``text`` is empty (E165).
    """
    ident = document_id or sha256_hex(text.encode("utf-8"))
    if published is not None and not is_valid_edtf(published):  # a model's document may carry any EDTF date
        published = check_published(published)
    return extract_document(IngestedDocument(id=ident, text=text, title=title, author=author, published=published,
                                             language="en"), nlp=nlp)


def extract_file(path: str | Path, *, nlp: Language | None = None, published: str | None = None,
                 limit: int = MAX_TEXT_BYTES) -> Extraction:
    """Read a document through the ingest stage and extract from it.

    ``published`` (ISO date) is the publication date when the caller knows it; otherwise the one the document
    states, if any, is the reference of relative dates. ``limit`` is the largest file read, in bytes (E103 above it).

    Raises
    ------
    InputFileError
        If the file cannot be read as a document, or ``published`` is not an ISO date (E115).
    """
    return extract_document(ingest_file(Path(path), limit=limit, published=published), nlp=nlp)
