"""A whole document's extraction in one pass of the pipeline: actors, people, events, relations, causes, forecasts.

:func:`extract_document` is the one entry point the other stages use; :func:`extract_text` and
:func:`extract_file` wrap it for a string or a path.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
from json_stream import streamable_list
from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from realpolitik.corpus import (
    MAX_TEXT_BYTES,
    IngestedDocument,
    author_note_name,
    check_published,
    find_author_note,
    ingest_file,
    sha256_hex,
)
from realpolitik.errors import InputFileError
from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.dates import is_valid_edtf
from realpolitik.extract.forecasts import find_forecasts
from realpolitik.extract.pipeline import load_pipeline
from realpolitik.extract.sentences import as_text_doc, text_of
from realpolitik.files import MB
from realpolitik.progress import progress_bar
from realpolitik.record import (
    ExtractedActor,
    ExtractedCausalLink,
    ExtractedDocument,
    ExtractedEvent,
    ExtractedForecast,
    ExtractedRelation,
    ExtractedSection,
    Extraction,
    Mention,
    SpanEvidence,
)

__all__ = ["BATCH_SIZE", "PARSE_CHARS", "SECTION_CHARS", "extract_document", "extract_documents", "extract_file",
           "extract_text", "run_pipeline", "streamed_extraction"]

#: The most characters parsed at once by default. spaCy's memory grows with the text parsed in one go (a
#: 1,000,000-character parse peaked at 3.5 GB, the same text in 100,000-character sections at 0.8 GB and in less
#: than half the time); an analysis of a few thousand words is far below it and is read whole.
SECTION_CHARS = 100_000
#: The most characters spaCy's statistical components (tagger, parser, entities) read at once: a longer text
#: is parsed in pieces at paragraph breaks (their memory grows some 3 KB a character), while our components
#: still read each section whole. Every analysis we have (7,000-14,000 characters) is parsed in one piece.
PARSE_CHARS = 20_000
#: The first of realpolitik's own components in the pipeline; spaCy's come before it.
FIRST_OWN_COMPONENT = "realpolitik_reset"
#: Documents parsed together by :func:`extract_documents` (spaCy's networks run faster over a batch).
BATCH_SIZE = 16

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
    return _annotated(_unparsed_doc(text, nlp, published=published, author=author, title=title), nlp)


def _annotated(doc: Doc, nlp: Language) -> Doc:
    """``doc`` through every component of ``nlp``, in order (one document; ``nlp.pipe`` does it for a batch).

    spaCy's statistical components (tagger, parser, entities) read a text longer than :data:`PARSE_CHARS` in
    pieces cut at paragraph breaks, and their annotations are copied onto ``doc``; ours read it whole.
    """
    components = nlp.pipeline
    if len(text_of(doc)) > PARSE_CHARS and FIRST_OWN_COMPONENT in nlp.pipe_names:
        ours = nlp.pipe_names.index(FIRST_OWN_COMPONENT)
        _parse_in_pieces(doc, components[:ours])
        components = components[ours:]
    for _, component in components:
        doc = component(doc)
    return doc


#: The annotations spaCy's components before ours set on a token, copied from each piece of a long text.
_PARSED: list[int | str] = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]


def _parse_in_pieces(doc: Doc, components: list[tuple[str, Any]]) -> None:
    """Run ``components`` over ``doc`` piece by piece (:data:`PARSE_CHARS` at most, cut where
    :func:`section_bounds` cuts) and set what they found on ``doc`` itself.

    spaCy's networks hold some 15 KB a token while they read a doc (300 MB for 100,000 characters), so a long
    section read in one go costs more than everything else the extraction holds. A sentence never spans a
    paragraph break (``realpolitik_paragraphs`` starts one there), so no parse tree or entity crosses a cut.
    """
    starts = doc.to_array("IDX")
    pieces, tensors = [], []
    for start, end in section_bounds(text_of(doc), PARSE_CHARS):
        first, last = int(np.searchsorted(starts, start)), int(np.searchsorted(starts, end))
        if first == last:
            continue
        piece = doc[first:last].as_doc()
        for _, component in components:
            piece = component(piece)
        pieces.append(piece.to_array(_PARSED))
        tensors.append(piece.tensor)
        del piece
    # spaCy's stubs type the array as thinc's Ints2d, which a numpy array is at run time
    doc.from_array(_PARSED, np.concatenate(pieces))  # type: ignore[arg-type]
    if all(t is not None and len(t) for t in tensors):
        doc.tensor = np.concatenate(tensors)


def _unparsed_doc(text: str, nlp: Language, *, published: str | None, author: str | None,
                  title: str | None) -> Doc:
    """``text`` tokenised, with what the components read about its document, before any component ran."""
    if len(text) > nlp.max_length:  # spaCy's own guard (E088) would escape as a ValueError from make_doc
        raise InputFileError.coded("E279", length=len(text), limit=nlp.max_length)
    doc: Doc = as_text_doc(nlp.make_doc(text))
    doc._.rp_published = published
    doc._.rp_author = author
    doc._.rp_title_end = _title_end(text, title)
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


def extract_document(document: IngestedDocument, *, nlp: Language | None = None, section_chars: int | None = None,
                     show_progress: bool = False) -> Extraction:
    """Extract actors, people, dated events, relations, causal links and forecasts from an ingested document.

    Parameters
    ----------
    document
        The document, as the ingest stage returns it; every offset in the result indexes ``document.text``.
    nlp
        A pipeline from :func:`realpolitik.extract.load_pipeline` (built once and cached when omitted).
    section_chars
        The most characters parsed at once (default :data:`SECTION_CHARS`; never more than the pipeline's
        ``max_length``).
        A longer text is read in sections cut at paragraph breaks (:func:`section_bounds`) and joined into one
        record whose offsets index the whole text; the extraction's notes say so.
    show_progress
        Show a bar on stderr while the sections of a long text are read.

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
    nlp = nlp or load_pipeline()
    plan = _plan(document, nlp, section_chars)
    if isinstance(plan, Extraction):
        return plan
    joined = _Joined()
    reference = _read_sections(plan, nlp, joined, show_progress)
    return joined.extraction(plan.document_record(reference), plan.notes)


@contextlib.contextmanager
def streamed_extraction(document: IngestedDocument, *, nlp: Language | None = None,
                        section_chars: int | None = None, show_progress: bool = False) -> Iterator[dict[str, Any]]:
    """The record :func:`extract_document` makes, as the JSON data its ``model_dump(mode="json")`` would be,
    without holding it: for a text so long that its record outgrows the parse.

    Every item but the actors goes to a spool file as its section is read, and each list of items is read back
    from it while the data is encoded (json-stream's ``streamable_list``, which ``json.dump`` and
    ``JSONEncoder.iterencode`` write item by item); the actors' mentions are held as bare offsets. Encode the
    data within the ``with`` block; ``realpolitik extract`` writes its records this way.

    Raises
    ------
    InputFileError
        As :func:`extract_document` does.
    """
    nlp = nlp or load_pipeline()
    plan = _plan(document, nlp, section_chars)
    if isinstance(plan, Extraction):
        yield plan.model_dump(mode="json")
        return
    with _Joined.spooled() as joined:
        reference = _read_sections(plan, nlp, joined, show_progress)
        yield joined.data(plan.document_record(reference), plan.notes)


def _read_sections(plan: _Plan, nlp: Language, joined: _Joined, show_progress: bool) -> str | None:
    """Parse the plan's sections one after the other into ``joined``; the reference date found."""
    reference = plan.document.published
    with progress_bar(len(plan.bounds), "sections", enabled=len(plan.bounds) > 1 and show_progress) as bar:
        for index, (start, end) in enumerate(plan.bounds):
            doc = _annotated(plan.section_doc(nlp, index), nlp)
            reference = reference or doc._.rp_reference_date
            # only the section's items are kept: holding every parsed section made memory grow with the text
            joined.add(start, _items(doc))
            _release(doc)
            del doc
            bar.advance(words=len(plan.body[start:end].split()))
    return reference


@dataclass
class _Plan:
    """How one document is to be read: the body parsed (the text before the author's note), its sections, the
    author the components should know, and the notes the record will carry."""

    document: IngestedDocument
    body: str
    body_end: int | None
    author: str | None
    bounds: list[tuple[int, int]]
    notes: list[str]

    def section_doc(self, nlp: Language, index: int) -> Doc:
        """Section ``index`` tokenised, ready for the pipeline's components."""
        start, end = self.bounds[index]
        return _unparsed_doc(self.body[start:end], nlp, published=self.document.published, author=self.author,
                             title=self.document.title if index == 0 else None)

    def document_record(self, reference: str | None) -> ExtractedDocument:
        """The record's document section, with the reference date found."""
        return _document_record(self.document, reference_date=reference, body_end=self.body_end, author=self.author)


def _plan(document: IngestedDocument, nlp: Language, section_chars: int | None) -> _Plan | Extraction:
    """What :func:`extract_document` will parse in ``document``; the whole record when nothing is to be parsed
    (a text in another language). Raises E165/E166 as :func:`extract_document` documents."""
    if not document.text.strip():
        raise InputFileError.coded("E165")
    if not _WORD.search(document.text):
        raise InputFileError.coded("E166")
    if document.language and document.language != "en":
        return Extraction(document=_document_record(document, reference_date=document.published, body_end=None),
                          notes=[*document.notes, f"the document's language is '{document.language}' and the "
                                 "extractor reads English only: nothing was extracted"])
    # the author's note that closes many analyses is not the argument: parse the text before it (a prefix, so
    # every offset still indexes ``document.text``)
    body_end = find_author_note(document.text)
    # the author is nobody the analysis is about, wherever the body names them ("As Jane Roe explains, ...")
    author = (document.author or _byline(document.title)
              or (author_note_name(document.text, body_end) if body_end is not None else None))
    body = document.text if body_end is None else document.text[:body_end]
    limit = min(section_chars or SECTION_CHARS, nlp.max_length)  # more would be refused by run_pipeline (E279)
    notes = list(document.notes)
    if body_end is not None:
        notes.append(f"the author's note at the end (from character {body_end}) is left out of the extraction")
    if document.published is None:
        notes.append("no publication date is known: relative dates ('last week', 'on 27 July') are left unplaced; "
                     "give it with --published YYYY-MM-DD")
    bounds = section_bounds(body, limit)
    if len(bounds) > 1:
        notes.append(f"the text is {len(body):,} characters long, more than the {limit:,} parsed at once: it was "
                     f"read in {len(bounds)} sections split at paragraph breaks; an actor named in several is one "
                     "actor, but a pronoun or a relative date does not reach across a section break")
    return _Plan(document=document, body=body, body_end=body_end, author=author, bounds=bounds, notes=notes)


def extract_documents(documents: Iterable[IngestedDocument], *, nlp: Language | None = None,
                      section_chars: int | None = None, batch_size: int = BATCH_SIZE,
                      ) -> Iterator[tuple[IngestedDocument, Extraction | Exception]]:
    """Extract from many documents, parsing the short ones together; one bad document does not stop the rest.

    Each document gets the record :func:`extract_document` would give it. Documents read in one section are
    parsed ``batch_size`` at a time through spaCy's ``nlp.pipe``, which runs its networks over a batch faster
    than over one document at a time; longer ones are read section by section as :func:`extract_document` does.

    Yields
    ------
    tuple of (IngestedDocument, Extraction or Exception)
        In the order given: each document with its extraction, or with the error that stopped it (the coded
        :class:`~realpolitik.errors.InputFileError` for an empty text, say).
    """
    if batch_size < 1:
        raise ValueError("a batch holds at least one document")
    nlp = nlp or load_pipeline()
    batch: list[IngestedDocument] = []
    for document in documents:
        batch.append(document)
        if len(batch) == batch_size:
            yield from _extract_batch(batch, nlp, section_chars)
            batch = []
    if batch:
        yield from _extract_batch(batch, nlp, section_chars)


def _extract_batch(documents: list[IngestedDocument], nlp: Language, section_chars: int | None,
                   ) -> list[tuple[IngestedDocument, Extraction | Exception]]:
    results: list[Extraction | Exception | None] = [None] * len(documents)
    plans: dict[int, _Plan] = {}
    for index, document in enumerate(documents):
        try:
            plan = _plan(document, nlp, section_chars)
        except Exception as exc:  # noqa: BLE001 - this document's failure, reported with it
            results[index] = exc
            continue
        if isinstance(plan, Extraction):
            results[index] = plan
        elif len(plan.bounds) == 1 and len(plan.body) <= PARSE_CHARS:
            plans[index] = plan
        else:  # a long text is read section by section and parsed in pieces, as on its own
            results[index] = _extract_alone(document, nlp, section_chars)
    try:
        docs = list(nlp.pipe((plan.section_doc(nlp, 0) for plan in plans.values()), batch_size=len(documents)))
    except Exception:  # noqa: BLE001 - one document broke the batch: read each alone to find which
        docs = None
    for number, (index, plan) in enumerate(plans.items()):
        if docs is None:
            results[index] = _extract_alone(plan.document, nlp, section_chars)
            continue
        try:
            doc = docs[number]
            joined = _Joined()
            joined.add(0, _items(doc))
            results[index] = joined.extraction(
                plan.document_record(plan.document.published or doc._.rp_reference_date), plan.notes)
        except Exception as exc:  # noqa: BLE001 - this document's failure, reported with it
            results[index] = exc
        finally:
            if docs is not None:
                _release(docs[number])
    return list(zip(documents, results, strict=True))  # type: ignore[arg-type]  # every slot is filled above


def _extract_alone(document: IngestedDocument, nlp: Language, section_chars: int | None) -> Extraction | Exception:
    try:
        return extract_document(document, nlp=nlp, section_chars=section_chars)
    except Exception as exc:  # noqa: BLE001 - this document's failure, reported with it
        return exc


def _release(doc: Doc) -> None:
    """Let ``doc`` go as soon as its last reference does. Our components keep tokens and spans of the doc in its
    extension attributes (``doc.user_data``), a cycle back to the doc, so a parsed doc otherwise waited for the
    garbage collector's full pass, which a process holding the pipeline makes rarely: a 1 MB text in 100
    sections grew by some 60 MB that the allocator then kept."""
    doc.user_data.clear()


def _items(doc: Doc) -> dict[str, list]:
    """Everything extracted from one parsed text, by section of the extraction record."""
    return {"actors": _actors(doc), "events": _events(doc), "relations": _relations(doc),
            "causal_links": find_causal_links(doc), "forecasts": _fill_forecast_actors(doc, find_forecasts(doc))}


def section_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    r"""``text`` cut into consecutive sections of at most ``limit`` characters: (start, end) of each.

    Sections end at a paragraph break (a blank line) where one falls inside the limit, else at a line break, else
    after a sentence's full stop, else at the limit itself; a text within the limit is one section.

    Examples
    --------
    >>> text = "One para.\n\nTwo para here.\n\nThree."
    >>> [text[s:e] for s, e in section_bounds(text, 20)]
    ['One para.\n\n', 'Two para here.\n\n', 'Three.']
    >>> section_bounds("abcdefgh", 3)
    [(0, 3), (3, 6), (6, 8)]
    """
    if limit < 1:
        raise ValueError("a section holds at least one character")
    bounds, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit  # no break inside the limit: cut at it
        for pattern in _SECTION_BREAKS:
            found = _last_match(pattern, window)
            if found is not None and found.end() > 0:
                cut = found.end()
                break
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


#: Where a section may end, best first: a blank line, a line break, a full stop before a space.
_SECTION_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n"), re.compile(r"[.!?]\s+"))


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


#: The record's lists of items other than actors, with the class of their items.
_ITEM_TYPES: dict[str, type[BaseModel]] = {
    "events": ExtractedEvent, "relations": ExtractedRelation, "causal_links": ExtractedCausalLink,
    "forecasts": ExtractedForecast}


class _Joined:
    """The items of a text's sections as one record's: offsets moved to the whole text, one actor per id (its
    mentions and aliases pooled), event ids kept unique.

    Items are kept in memory, or with :meth:`spooled` written to one spool file per list as they come, each a
    line of JSON; an actor's mentions are held as bare offsets either way (a long text names one actor
    hundreds of thousands of times, and a ``Mention`` object is some 400 bytes where two offsets are 16).
    """

    def __init__(self, spools: dict[str, IO[str]] | None = None) -> None:
        self.spools = spools
        self.actors: dict[str, dict[str, Any]] = {}
        self.mentions: dict[str, array[int]] = {}
        self.event_ids: set[str] = set()
        self.items: dict[str, list[Any]] = {kind: [] for kind in _ITEM_TYPES}

    @classmethod
    @contextlib.contextmanager
    def spooled(cls) -> Iterator[_Joined]:
        with contextlib.ExitStack() as stack:
            yield cls({kind: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n"))
                       for kind in _ITEM_TYPES})

    def add(self, offset: int, items: dict[str, list]) -> None:
        """One section's items (:func:`_items`), the section starting at ``offset`` in the text."""
        for actor in items["actors"]:
            offsets = self.mentions.setdefault(actor.id, array("q"))
            for mention in actor.mentions:
                offsets.extend((mention.start + offset, mention.end + offset))
            held = self.actors.get(actor.id)
            if held is None:
                self.actors[actor.id] = {name: getattr(actor, name) for name in ExtractedActor.model_fields
                                         if name != "mentions"}
                continue
            held["aliases"] = sorted(set(held["aliases"]) | set(actor.aliases))
            for name in ("role", "affiliation", "iso3"):
                held[name] = held[name] or getattr(actor, name)
        for kind, model in _ITEM_TYPES.items():
            for item in items[kind]:
                if offset:
                    item = model.model_validate(_shifted(item.model_dump(), offset))
                if kind == "events":
                    item = self._unique_event(item)
                if self.spools is None:
                    self.items[kind].append(item)
                else:
                    self.spools[kind].write(json.dumps(item.model_dump(mode="json"), ensure_ascii=False) + "\n")

    def _unique_event(self, event: Any) -> Any:
        ident, n = event.id, 2
        while ident in self.event_ids:
            ident, n = f"{event.id}_{n}", n + 1
        self.event_ids.add(ident)
        return event if ident == event.id else event.model_copy(update={"id": ident})

    def _actor_ids(self) -> list[str]:
        """The actors in the order of their first mention."""
        return sorted(self.actors, key=lambda ident: self.mentions[ident][0])

    def _pairs(self, ident: str) -> Iterator[tuple[int, int]]:
        offsets = self.mentions[ident]
        return zip(offsets[::2], offsets[1::2], strict=True)

    def extraction(self, document: ExtractedDocument, notes: list[str]) -> Extraction:
        """The record (of items kept in memory)."""
        actors = [ExtractedActor(**self.actors[ident], mentions=[Mention(start=start, end=end)
                                                                 for start, end in self._pairs(ident)])
                  for ident in self._actor_ids()]
        return Extraction(document=document, actors=actors, notes=notes, **self.items)

    def data(self, document: ExtractedDocument, notes: list[str]) -> dict[str, Any]:
        """The record as JSON data whose lists are read from the spool files as they are encoded."""
        lists = {"actors": streamable_list(self._actor_data()),
                 **{kind: streamable_list(self._read_back(kind)) for kind in _ITEM_TYPES}}
        given = {"document": document.model_dump(mode="json"), "notes": notes, **lists}
        return {name: given[name] for name in Extraction.model_fields}

    def _actor_data(self) -> Iterator[dict[str, Any]]:
        for ident in self._actor_ids():
            data = ExtractedActor(**self.actors[ident]).model_dump(mode="json")
            data["mentions"] = streamable_list({"start": start, "end": end} for start, end in self._pairs(ident))
            yield data

    def _read_back(self, kind: str) -> Iterator[Any]:
        assert self.spools is not None
        spool = self.spools[kind]
        spool.flush()
        spool.seek(0)
        for line in spool:
            yield json.loads(line)


def _shifted(data, offset: int):
    """``data`` (a dumped record item) with every character offset moved by ``offset``."""
    if isinstance(data, dict):
        return {key: value + offset if key in ("start", "end") and isinstance(value, int) else _shifted(value, offset)
                for key, value in data.items()}
    if isinstance(data, list):
        return [_shifted(value, offset) for value in data]
    return data


def _document_record(document: IngestedDocument, *, reference_date: str | None,
                     body_end: int | None, author: str | None = None) -> ExtractedDocument:
    """``author``: the one the extraction found (a byline, the author's note) where the document gave none."""
    return ExtractedDocument(id=document.id, title=document.title, author=document.author or author,
                             published=document.published, language=document.language,
                             sections=[ExtractedSection(title=s.title, start=s.start, end=s.end)
                                       for s in document.sections],
                             reference_date=reference_date, body_end=body_end,
                             filename=document.path.name if document.path is not None else None)


def extract_text(text: str, *, document_id: str | None = None, title: str | None = None,
                 author: str | None = None, published: str | None = None,
                 nlp: Language | None = None, limit: int = MAX_TEXT_BYTES,
                 section_chars: int | None = None) -> Extraction:
    """Extract from a string; the document id defaults to the sha256 of its UTF-8 bytes.

    ``published`` is an ISO date or any EDTF value (a model document's date, "2021-09/2022-06"). ``limit`` is
    the largest text read, in UTF-8 bytes (the same default as the file limit of :func:`extract_file`); a text
    longer than ``section_chars`` is read in sections (see :func:`extract_document`).

    Raises
    ------
    InputFileError
        If ``text`` is empty (E165), or longer than ``limit`` (E283).
    """
    encoded = text.encode("utf-8")
    if len(encoded) > limit:
        raise InputFileError.coded("E283", size=len(encoded), size_mb=len(encoded) / MB, limit=limit)
    ident = document_id or sha256_hex(encoded)
    if published is not None and not is_valid_edtf(published):  # a model's document may carry any EDTF date
        published = check_published(published)
    return extract_document(IngestedDocument(id=ident, text=text, title=title, author=author, published=published,
                                             language="en"), nlp=nlp, section_chars=section_chars)


def extract_file(path: str | Path, *, nlp: Language | None = None, published: str | None = None,
                 limit: int = MAX_TEXT_BYTES, section_chars: int | None = None,
                 show_progress: bool = False) -> Extraction:
    """Read a document through the ingest stage and extract from it.

    ``published`` (ISO date) is the publication date when the caller knows it; otherwise the one the document
    states, if any, is the reference of relative dates. ``limit`` is the largest file read, in bytes (E103 above it,
    ``--max-mb`` on the command line); a text longer than ``section_chars`` is read in sections, with a bar on
    stderr when ``show_progress``.

    Raises
    ------
    InputFileError
        If the file cannot be read as a document, or ``published`` is not an ISO date (E115).
    """
    return extract_document(ingest_file(Path(path), limit=limit, published=published), nlp=nlp,
                            section_chars=section_chars, show_progress=show_progress)
