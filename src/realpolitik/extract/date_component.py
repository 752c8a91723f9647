"""The dates of a document: absolute expressions, named events and relative phrases anchored to them.

:class:`DateRecognizer` (factory ``realpolitik_dates_v1``) records on ``doc._.rp_dates`` every date
mention as a :class:`~realpolitik.extract.dates.DateMatch` (named events and resolved relative phrases
included), on ``doc._.rp_named_events`` the named events mentioned, and on ``doc._.rp_reference_date``
the date the text speaks from: the publication date when known, else the latest date it mentions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from realpolitik.extract.dates import (
    DateMatch,
    bounds_of,
    find_dates,
    find_deictic,
    find_partial_dates,
    is_valid_edtf,
    parse_date,
    relative_matches,
    resolve_partial,
    resolve_relative,
)
from realpolitik.extract.gazetteer import KnownEvent, load_gazetteer
from realpolitik.extract.intervals import SpanSet, enclosing
from realpolitik.extract.sentences import text_of

__all__ = ["DateRecognizer", "NamedEventMention", "latest"]


@dataclass(frozen=True)
class NamedEventMention:
    """A mention of a named event of general knowledge ("the Doha agreement")."""

    start: int
    end: int
    event: KnownEvent


def _sort_key(value: str) -> str:
    last = bounds_of(value)[1]
    return last.replace("X", "9") if last else ""


def latest(values: list[str]) -> str | None:
    """The latest of some EDTF values (by their upper end), or None.

    Examples
    --------
    >>> latest(["2014", "2021-08", "199X", "2010/2013"])
    '2021-08'
    """
    closed = [v for v in values if _sort_key(v)]
    return max(closed, key=_sort_key) if closed else None


_FUTURE_AUX = ("will", "shall", "'ll", "wo", "going")
_PAST_AUX = ("had", "has", "have", "'d", "'ve", "was", "were", "did")


def _looks_ahead(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause a date without a year sits in speaks of the future ("the vote looms in November",
    "talks will resume in June"): a future or present-tense predicate; a past one, or none, looks back."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head.i == token.i:
            return False
        token = token.head
    else:
        return False
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if aux & set(_FUTURE_AUX):
        return True
    if token.tag_ in ("VBD", "VBN") or aux & set(_PAST_AUX):
        return False
    if "to" in aux:  # an infinitive looks where its governing verb does ("expected to meet in May": ahead)
        head = token.head
        return head.i != token.i and head.tag_ not in ("VBD", "VBN") and not \
            {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")} & set(_PAST_AUX)
    return token.tag_ in ("VBZ", "VBP", "VB", "MD") or token.tag_ == "VBG" and bool(aux & {"is", "are", "am"})


def _outside(spans: list[DateMatch], dates: list[DateMatch]) -> list[DateMatch]:
    """The ``dates`` that none of ``spans`` holds, in their order.

    ``spans`` may overlap, so each date is compared with the furthest end reached by the spans starting at or
    before it: one bisection a date instead of a pass over the spans.
    """
    ordered = sorted(spans, key=lambda span: span.start)
    starts = [span.start for span in ordered]
    reach = list(accumulate((span.end for span in ordered), max))
    kept = []
    for date in dates:
        index = bisect_right(starts, date.start)
        if not (index and reach[index - 1] >= date.end):
            kept.append(date)
    return kept


class DateRecognizer:
    """Find absolute dates, named events and relative phrases; set the document's reference date."""

    def __init__(self, nlp, name: str = "realpolitik_dates") -> None:
        self.name = name
        self.gazetteer = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.events: dict[str, KnownEvent] = {}
        for event in self.gazetteer.events:
            self.events[event.id] = event
            self.matcher.add(event.id, list(nlp.tokenizer.pipe(event.names)))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        dates = find_dates(text)
        partials = find_partial_dates(text, dates)
        # the matcher's labels: rebuild spans carrying them
        labelled = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label = match_id
            labelled.append(span)
        present = set(doc._.rp_actors) | {m.actor for m in doc._.rp_mentions}
        named = []
        for span in filter_spans(labelled):
            event = self.events[doc.vocab.strings[span.label]]
            if all(actor in present for actor in event.requires):
                named.append(NamedEventMention(span.start_char, span.end_char, event))
        doc._.rp_named_events = named
        # a date inside an event's name ("the 2020 war") gives way to the event's own date
        by_start = sorted(named, key=lambda n: n.start)  # event names never overlap (filter_spans)
        name_starts, name_ends = [n.start for n in by_start], [n.end for n in by_start]
        dates = [d for d in dates if enclosing(name_starts, name_ends, d.start, d.end) is None]
        # a named event's own mention carries its date unless a stated date overlaps it
        anchors = dates + [m for m in (DateMatch.checked(n.start, n.end, text[n.start:n.end], n.event.date, "named")
                                       for n in named) if m is not None]
        published = doc._.rp_published
        if published and not is_valid_edtf(published):
            published = parse_date(published)
        # the latest closed date stated; "by 2025" or "since 2014" (open intervals) look ahead or back
        reference = published or latest([d.edtf for d in dates if ".." not in d.edtf])
        # dates without a year ("on 12 June") and phrases naming a time by the reference ("last week"): placed
        # against the reference date, or left out when there is none
        claimed = SpanSet([(m.start, m.end) for m in anchors])
        for partial in partials:
            if claimed.overlaps(partial.start, partial.end):
                continue
            value = resolve_partial(partial, reference, _looks_ahead(doc, partial.start, partial.end))
            mention = DateMatch.checked(partial.start, partial.end, partial.text, value, "partial")
            if mention is not None:
                anchors.append(mention)
                claimed.add(mention.start, mention.end)
        deictic = [m for m in find_deictic(text, reference) if not claimed.overlaps(m.start, m.end)]
        for mention in deictic:
            claimed.add(mention.start, mention.end)
        anchors += deictic
        anchors.sort(key=lambda m: m.start)
        anchor_starts = [m.start for m in anchors]
        relative: list[DateMatch] = []
        for kind, match in relative_matches(text):
            if claimed.overlaps(match.start(), match.end()):
                continue
            if kind in ("duration", "ago"):
                anchor = DateMatch.checked(0, 0, "", reference, "reference") if reference else None
            else:
                anchor = self._anchor(kind, match.end(), match.start(), anchors, anchor_starts, text)
            if anchor is None:
                continue
            value = resolve_relative(kind, match.group("n"), match.group("unit"), anchor.edtf)
            end = anchor.end if kind in ("within", "after", "before") else match.end()
            if kind == "duration":
                end = len(text[:match.end()].rstrip())
            mention = DateMatch.checked(match.start(), end, text[match.start():end], value, "relative")
            if mention is not None:
                relative.append(mention)
                claimed.add(mention.start, mention.end)
        everything = _outside(relative, anchors)
        doc._.rp_dates = sorted(everything + relative, key=lambda m: m.start)
        doc._.rp_reference_date = reference
        return doc

    @staticmethod
    def _anchor(kind: str, after: int, before: int, anchors: list[DateMatch], starts: list[int],
                text: str) -> DateMatch | None:
        """The date a relative phrase counts from: the one right after "within"/"after"/"before" ("within 40 hours
        of the takeover"), else the last single date ending before it. ``anchors`` are in order of start, and
        ``starts`` their starts, so only the anchors near the phrase are read."""
        if kind in ("within", "after", "before"):
            for index in range(bisect_left(starts, after), len(anchors)):
                anchor = anchors[index]
                gap = text[after:anchor.start]
                if len(gap) > 12:
                    return None  # the anchors after this one start further away still
                if gap.strip().lower() in ("", "the", "its", "their"):
                    return anchor
            return None
        for index in range(bisect_left(starts, before) - 1, -1, -1):  # the last in order that qualifies
            anchor = anchors[index]
            if anchor.end <= before and "/" not in anchor.edtf and "[" not in anchor.edtf:
                return anchor
        return None
