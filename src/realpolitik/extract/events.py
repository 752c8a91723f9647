"""Dated events: a date the text places, the predicate that governs it, the actors around it.

:class:`EventRecognizer` (factory ``realpolitik_events_v1``) walks from each date mention up the dependency
tree to the verb or event noun it modifies ("the terrorist attack in Moscow in 2010" -> *attack*), types it
by the PLOVER verb lexicon (``lang/en/events.yaml``), and takes the actors named in that predicate's
phrase as participants. Named events of general knowledge ("the Doha agreement") become events too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from realpolitik.extract.dates import TIME_NOUNS, DateMatch, bounds_of
from realpolitik.extract.describe import describe, noun_phrase, subject_of
from realpolitik.extract.gazetteer import load_data_file
from realpolitik.extract.sentences import sentence_of, sentences, text_of

__all__ = ["EventCandidate", "EventRecognizer", "event_lexicon", "event_rules"]

_MAX_EVIDENCE_TOKENS = 45
# what stands before a later mention of a named event: "after the Doha agreement" is no date in its month
_BEFORE_NAME = re.compile(r"\b(?P<q>before\s+and\s+after|after\s+and\s+before|since|after|following|before|until|"
                          r"prior\s+to|ahead\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
# what stands between a named event and a date that is its own: "the Doha agreement in 2020"
_JUST_IN = re.compile(r",?\s+(?:in|of|on)\s+", re.IGNORECASE)


@dataclass
class EventCandidate:
    """An event read from the text: date, trigger, type, participants and the evidence span."""

    date: str
    date_text: str | None  # None for a date read from the narrative around the clause
    trigger: str
    type: str
    start: int
    end: int
    actors: list[str] = field(default_factory=list)
    known: str | None = None
    inferred: bool = False
    description: str = ""


@lru_cache(maxsize=1)
def event_lexicon() -> dict[str, str]:
    """Lemma -> PLOVER type, from ``lang/en/events.yaml`` (the first type listing a lemma wins)."""
    table: dict[str, str] = {}
    for kind, lemmas in load_data_file("lang/en", "events.yaml").items():
        if kind == "rules":
            continue
        for lemma in lemmas:
            table.setdefault(lemma, kind)
    return table


@lru_cache(maxsize=1)
def event_rules() -> dict:
    """The coder's rules from ``lang/en/events.yaml`` (modifiers that change a type, intention markers)."""
    return load_data_file("lang/en", "events.yaml").get("rules", {})


def _heading(line: str) -> bool:
    """Whether a line reads as a title or heading: short, no closing punctuation, its words mostly capitalised (a
    hard-wrapped line of running text is neither)."""
    words = line.split()
    if not words or len(words) > 14 or line.rstrip()[-1:] in ".!?;:,":
        return False
    capitalised = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(capitalised) >= 0.6 * len(words)


def _block(text: str, at: int) -> tuple[int, int]:
    """The stretch of text around ``at`` between breaks: a blank line, or the line break after a heading."""
    start = at
    while True:
        found = text.rfind("\n", 0, start)
        if found == -1:
            start = 0
            break
        line = text[text.rfind("\n", 0, found) + 1:found]
        if text[found - 1:found] == "\n" or text[found + 1:found + 2] == "\n" or _heading(line):
            start = found + 1
            break
        start = found
    end = at
    while True:
        found = text.find("\n", end)
        if found == -1:
            return start, len(text)
        line = text[text.rfind("\n", 0, found) + 1:found]
        if text[found + 1:found + 2] == "\n" or text[found - 1:found] == "\n" or _heading(line):
            return start, found
        end = found + 1


def _apart(a: Token, b: Token) -> bool:
    """Whether a break lies between two tokens (the parser sometimes joins a title or heading to the next line)."""
    first, last = sorted((a, b), key=lambda t: t.i)
    text = text_of(a.doc)
    if "\n" not in text[first.idx:last.idx]:
        return False
    return _block(text, first.idx)[1] <= last.idx


def _skip(trigger: Token, span) -> set[int]:
    """Tokens a description leaves out: the date's words, and the sentence's words past a break (a title)."""
    sent = sentence_of(trigger.doc, trigger.i)
    start, end = _block(text_of(trigger.doc), trigger.idx)
    return set(range(span.start, span.end)) | {t.i for t in sent if not start <= t.idx < end}


def _trigger(token: Token, lexicon: dict[str, str]) -> Token | None:
    """The predicate a date token hangs from: its nearest verb or lexicon noun among its heads, in its paragraph."""
    current = token.head if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB" else token
    if current.i != token.i:
        return current
    for _ in range(6):
        head = current.head
        if head.i == current.i:  # the root: a verb, an event noun, or a copula ("by noon 30 were hurt")
            return current if current.pos_ in ("VERB", "NOUN", "AUX") else None
        if _apart(current, head):
            return None
        if head.pos_ == "ADP" or head.dep_ in ("prep", "agent"):
            current = head
            continue
        if head.pos_ == "VERB" or head.pos_ in ("NOUN", "PROPN") and (head.lemma_.lower() in lexicon or
                                                                     head.lower_ in lexicon):
            return head  # not an adverb that shares a lexicon word ("back in 2029")
        if head.pos_ == "NOUN" and current.dep_ in ("pobj", "npadvmod", "compound", "nummod", "amod"):
            return head
        if head.pos_ == "NOUN" and current.dep_ == "prep" and current.lower_ == "of" and \
                head.lower_ not in TIME_NOUNS:
            return head  # "the events of 4 May": the date names a happening that is not the clause's
        current = head
    return None


_MODALS = frozenset({"will", "would", "shall", "could", "can", "may", "might", "should", "must", "'ll", "wo", "ca"})


def _after(value: str, reference: str | None) -> bool:
    """Whether an EDTF value lies wholly after the reference date (an open start: its end after it)."""
    if not reference:
        return False
    first, last = bounds_of(value)
    point, ref = (first or last or "").rstrip("~?%").replace("X", "0"), bounds_of(reference)[1] or reference
    size = min(len(point), len(ref))
    return bool(point) and point[:size] > ref[:size]


def _horizon(trigger: Token, value: str, reference: str | None) -> bool:
    """Whether a date is a forecast's horizon rather than an event's: after the reference date, in a clause
    under a modal ("will most likely be fought between 2029 and 2031", "can win by 2030"); a scheduled
    happening without one ("the vote looms in November") stays an event."""
    if not _after(value, reference):
        return False
    current = trigger
    for _ in range(5):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in current.children):
            return True
        if current.dep_ not in ("xcomp", "acomp", "conj") or current.head.i == current.i:
            return False  # a clause of its own ("as the vote looms") has its own tense
        current = current.head
    return False


def _listed_item(doc: Doc, span) -> Token | None:
    """The name a date in brackets right after it belongs to ("Norway (May 2029)"), or None."""
    text = text_of(doc)
    before, after = text[:span.start_char].rstrip(" "), text[span.end_char:].lstrip(" ")
    if not before.endswith("(") or not after.startswith(")") or span.start < 2:
        return None
    item = doc[span.start - 2]
    while item.dep_ in ("compound", "flat") and item.head.i > item.i:
        item = item.head
    return item if item.pos_ in ("PROPN", "NOUN") else None


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause a token sits in, within its paragraph: its nearest verb head, else its sentence's
    root when that is a verb of the same paragraph."""
    current = token
    for _ in range(12):
        head = current.head
        if head.i == current.i or _apart(current, head):
            break
        if head.pos_ == "VERB" or head.pos_ == "AUX" and head.dep_ not in ("ccomp", "xcomp", "advcl"):
            return head  # a copula in a complement ("said there to be no sign") is not the happening
        current = head
    root = sentence_of(token.doc, token.i).root
    return root if root.pos_ in ("VERB", "AUX") and not _apart(root, token) else None


def _type_of(trigger: Token, lexicon: dict[str, str]) -> str:
    head = trigger.head
    if trigger.dep_ == "acl" and head.pos_ == "NOUN" and lexicon.get(head.lemma_.lower(), "other") != "other":
        return lexicon[head.lemma_.lower()]  # "the deal struck with X" is the deal's type, not a strike
    if trigger.pos_ == "VERB":  # "precipitating the provinces' demise": an event noun as object carries the meaning
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in lexicon and \
                    lexicon[child.lemma_.lower()] != "other":
                return lexicon[child.lemma_.lower()]
    for word in (trigger.lower_, trigger.lemma_.lower()):
        if word in lexicon:
            return lexicon[word]
    return "other"


def _paragraph(text: str, start: int, end: int, inside: int) -> tuple[int, int]:
    """Clip ``start..end`` to the paragraph holding ``inside`` (a heading is never part of a sentence's evidence).

    Examples
    --------
    >>> _paragraph("Heading\\n\\nBody text here.", 0, 22, 12)
    (9, 22)
    """
    before = text.rfind("\n\n", start, inside)
    if before != -1:
        start = before + 2
    after = text.find("\n\n", inside, end)
    if after != -1:
        end = after
    return start, end


def _clause_head(trigger: Token) -> Token:
    """Climb from a complement verb to the verb whose subject it shares ("began to shift" -> *began*)."""
    current = trigger
    while current.dep_ in ("xcomp",) and current.head.i != current.i:
        current = current.head
    return current


def _around_named(text: str, date):
    """The date a later mention of a named event gives its clause: its month, or the open interval after or
    before it ("after the Doha agreement" -> ``2020-02-29/..``); None for "both before and after" it."""
    found = _BEFORE_NAME.search(text[max(0, date.start - 40):date.start])
    value = date.edtf[:7] if len(date.edtf) == 10 else date.edtf
    if found:
        word = " ".join(found.group("q").lower().split())
        if "before and after" in word or "after and before" in word:
            return None
        if "/" in date.edtf:
            value = date.edtf
        elif word in ("since", "after", "following"):
            value = f"{date.edtf}/.."
        else:
            value = f"../{date.edtf}"
    return DateMatch.checked(date.start, date.end, date.text, value, date.kind)


#: The longest gap between a named event and a date that follows it "at once" (", in " with spaces around it).
_JUST_IN_LONGEST = 64


def _dates_a_named_event(doc: Doc, span, named_ends: list[int]) -> bool:
    """Whether a stated date follows a named event's mention at once ("the Doha agreement in 2020").

    ``named_ends`` holds the named events' end offsets, sorted: only those ending just before the date are read,
    so a long document costs a bisection per date, not a pass over every named event.
    """
    text = text_of(doc)
    first = bisect_left(named_ends, span.start_char - _JUST_IN_LONGEST)
    last = bisect_left(named_ends, span.start_char + 1)
    return any(_JUST_IN.fullmatch(text[end:span.start_char]) for end in named_ends[first:last])


class EventRecognizer:
    """Build dated events from the date mentions and named events of a doc."""

    def __init__(self, nlp, name: str = "realpolitik_events") -> None:
        self.name = name
        self.lexicon = event_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        events: list[EventCandidate] = []
        seen: set[tuple] = set()
        named_seen: set[str | None] = set()
        # sentence start -> the predicate its dated list items share, and the items' words
        lists: dict[int, tuple[Token | None, set[int]]] = {}
        skip_until = doc._.rp_title_end or 0
        # indexes over the doc's named events and dates, so each date is read in constant or logarithmic time
        named_at: dict[int, str] = {}
        for named in doc._.rp_named_events:
            named_at.setdefault(named.start, named.event.id)
        named_ends = sorted(n.end for n in doc._.rp_named_events)
        stated = sorted((d.start, d.edtf) for d in doc._.rp_dates if d.kind != "named")
        stated_starts = [start for start, _ in stated]
        for date in doc._.rp_dates:
            span = doc.char_span(date.start, date.end, alignment_mode="expand")
            if span is None or date.start < skip_until:
                continue
            event, item = None, None
            if date.kind == "named":
                known = named_at.get(date.start)
                sent = sentence_of(doc, span.start)
                in_sentence = stated[bisect_left(stated_starts, sent.start_char):
                                     bisect_left(stated_starts, sent.end_char)]
                restated = any(date.edtf.startswith(edtf) for _, edtf in in_sentence)
                if known not in named_seen or restated:  # the named event itself: first named, or named with its date
                    named_seen.add(known)
                    event = self._named(doc, span, date)
            if event is None:  # a later mention dates what the sentence says happened around then: to the month
                if date.kind == "named":
                    date = _around_named(text_of(doc), date)
                elif _dates_a_named_event(doc, span, named_ends):
                    continue  # "the Doha agreement in 2020": the year is the agreement's, not the clause's
                item = _listed_item(doc, span)
                if date is None:
                    event = None
                elif item is not None:
                    event = self._listed(doc, span, date, item, lists)
                else:
                    event = self._dated(doc, span, date)
            key = None if event is None else (event.start, event.end, event.date,
                                              tuple(event.actors) if item is not None else ())
            if event is None or key is None or key in seen:
                continue
            seen.add(key)
            events.append(event)
        events += self._narrative(doc, events, skip_until)
        doc._.rp_events = sorted(events, key=lambda e: e.start)
        return doc

    def _narrative_type(self, predicate: Token, with_conj: bool = False) -> str:
        """The type of a clause's predicate: the verb, a verb of purpose or complement it governs ("was there to
        meet"), a verb coordinated with it (``with_conj``), or its subject noun."""
        if predicate.pos_ not in ("VERB", "AUX"):
            return "other"
        deps = ("xcomp", "advcl") + (("conj",) if with_conj else ())
        candidates = [predicate, *(c for c in predicate.children if c.dep_ in deps and c.pos_ == "VERB")]
        candidates += [c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
        for token in candidates:
            kind = _type_of(token, self.lexicon)
            if kind != "other":
                return kind
        return "other"

    def _narrative(self, doc: Doc, events: list[EventCandidate], skip_until: int) -> list[EventCandidate]:
        """Undated past-tense events take the month of the paragraph's dated event ("narrative time").

        Each clause of a sentence (its root, and each verb coordinated with the root) is read on its own: one
        that no event covers yet, with a past-tense predicate of the lexicon (not ``other``) and an actor,
        qualifies; the paragraph must hold an event dated to one month or a day of it (the nearest before the
        clause, else after it). The result says ``inferred``: the date is the paragraph's, not the clause's.
        """
        text = text_of(doc)
        dated = []
        for event in events:
            first, last = bounds_of(event.date) if event.date else (None, None)
            if first and last and len(first) >= 7 and first[:7] == last[:7]:  # one month, not a stretch of them
                dated.append((event.start, first[:7]))
        spans = sentences(doc)[0]
        starts = [sent.start_char for sent in spans]
        # the spans events already cover, by sentence: a clause is compared only with those of its own sentence
        taken: list[list[tuple[int, int]]] = [[] for _ in spans]
        for event in events:
            home = max(bisect_right(starts, event.start) - 1, 0)  # the sentence the event starts in
            for index in range(home, max(bisect_left(starts, event.end), home + 1)):
                taken[index].append((event.start, event.end))
        found: list[EventCandidate] = []
        for index, sent in enumerate(spans):
            if sent.start_char < skip_until:
                continue
            root = sent.root
            others = [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            for predicate in [root, *others]:
                tokens = set(predicate.subtree)
                if predicate is root:  # the root's clause without the clauses coordinated with it
                    tokens -= {t for c in others for t in c.subtree}
                kept = [t for t in sorted(tokens, key=lambda t: t.i) if not (t.is_punct or t.is_space)]
                if not kept:
                    continue
                start, end = kept[0].idx, kept[-1].idx + len(kept[-1])
                if any(s < end and start < e for s, e in taken[index]):
                    continue
                clause_event = self._narrative_clause(doc, text, predicate, root, start, end, dated)
                if clause_event is not None:
                    found.append(clause_event)
                    taken[index].append((clause_event.start, clause_event.end))
        return found

    def _narrative_clause(self, doc: Doc, text: str, predicate: Token, root: Token, start: int, end: int,
                          dated: list[tuple[int, str]]) -> EventCandidate | None:
        aux = {c.lower_ for c in [*predicate.children, *root.children] if c.dep_ in ("aux", "auxpass")}
        past = predicate.tag_ == "VBD" or bool(aux & {"has", "had", "have", "was", "were"}) or \
            predicate.tag_ == "VBN" and predicate is not root and root.tag_ in ("VBD", "VBN")
        if predicate is root:
            past = root.tag_ in ("VBD", "VBN") or any(c.lower_ in ("has", "had", "have") for c in root.children)
        kind = self._narrative_type(predicate, with_conj=False)
        if not past or kind == "other" or aux & {"will", "would", "may", "might", "could"}:
            return None
        start, end = _paragraph(text, start, end, predicate.idx)
        while end > start and text[end - 1] in " \n":
            end -= 1
        para_start = text.rfind("\n\n", 0, start) + 1
        para_end = text.find("\n\n", end)
        para_end = len(text) if para_end == -1 else para_end
        around = [(abs(at - start) + (0 if at < start else 1), date) for at, date in dated
                  if para_start <= at < para_end]
        actors = self._participants(doc, start, end)
        if not around or not actors:
            return None
        return EventCandidate(min(around)[1], None, predicate.lemma_.lower(), kind, start, end, actors, inferred=True,
                              description=describe(predicate, skip=_skip(predicate, doc[predicate.i:predicate.i])))

    def _participants(self, doc: Doc, start: int, end: int) -> list[str]:
        """Actors named in ``start..end``; a place there ("in Moscow") counts for its state if that is an actor.

        Mentions come first, in their order, then places: a search in the doc's index of them by start (built once
        per doc), so that a document's events cost time in proportion to its length, not to its square."""
        starts, entries = _participant_index(doc)
        hits = []
        for position in range(bisect_left(starts, start), len(starts)):
            mention_start, order, mention_end, actor = entries[position]
            if mention_start >= end:
                break
            if mention_end <= end:
                hits.append((order, actor))
        actors: list[str] = []
        for _order, actor in sorted(hits):
            if actor not in actors:
                actors.append(actor)
        return actors

    def _evidence(self, trigger: Token, span) -> tuple[int, int]:
        sent = sentence_of(trigger.doc, trigger.i)
        if trigger.pos_ == "VERB":
            tokens = list(_clause_head(trigger).subtree)
        elif trigger.head.pos_ == "VERB" and trigger.dep_ in ("nsubj", "nsubjpass"):
            tokens = list(trigger.subtree)
        else:  # an event noun inside a clause: the clause says who ("as the agency says in its 2029 report")
            verb = _clause_verb(trigger)
            inside = verb is not None and sent.start <= verb.i < sent.end
            tokens = list(_clause_head(verb).subtree) if verb is not None and inside else list(trigger.subtree)
        pronoun = trigger.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON"
                                                 for c in trigger.children)
        doer = subject_of(trigger) if pronoun else None
        if doer is not None and sent.start <= doer.i < sent.end and not _apart(doer, trigger):
            tokens += list(doer.subtree)  # "the valley ... when it joined": the pronoun's antecedent is evidence
        first = min(min(t.i for t in tokens), span.start)
        last = max(max(t.i for t in tokens), span.end - 1)
        first, last = max(first, sent.start), min(last, sent.end - 1)
        if last - first > _MAX_EVIDENCE_TOKENS:  # keep the words nearest the trigger and the date
            first = max(first, min(trigger.i, span.start) - 12)
            last = min(last, max(trigger.i, span.end - 1) + 12)
        while last > first and (trigger.doc[last].is_punct or trigger.doc[last].is_space):
            last -= 1
        doc = trigger.doc
        return _paragraph(text_of(doc), doc[first].idx, doc[last].idx + len(doc[last]), trigger.idx)

    def _dated(self, doc: Doc, span, date) -> EventCandidate | None:
        anchor = span.root
        trigger = _trigger(anchor, self.lexicon)
        value = date.edtf
        if trigger is None or trigger.lemma_.lower() not in self.lexicon and trigger.pos_ not in ("VERB", "AUX"):
            # the date names no happening of its own ("a role in the events of 4 May"): it dates the
            # clause around it, to the month, as a later mention of a named event does
            trigger = _clause_verb(anchor)
            if trigger is None:
                return None
            value = value[:7] if len(value) == 10 else value
        if _horizon(trigger, value, doc._.rp_reference_date):
            return None  # the forecast finder reads it; a horizon is no event
        start, end = self._evidence(trigger, span)
        actors = self._participants(doc, start, end)
        if not actors:  # no actor in the predicate's phrase: the sentence's actors took part
            sent = sentence_of(doc, trigger.i)
            actors = self._participants(doc, sent.start_char, sent.end_char)
        return EventCandidate(value, date.text, trigger.lemma_.lower(), _type_of(trigger, self.lexicon), start,
                              end, actors, description=describe(trigger, skip=_skip(trigger, span)))

    def _listed(self, doc: Doc, span, date, item: Token, lists: dict) -> EventCandidate | None:
        """One item of a list dated item by item ("hosted by X (May 2019) and Y (June 2020)"): the list's
        predicate, found from its first item, with this item's actors and date."""
        sent = sentence_of(doc, span.start)
        if sent.start not in lists:
            trigger = _trigger(item, self.lexicon)
            if trigger is not None and trigger.lemma_.lower() not in self.lexicon and \
                    trigger.pos_ not in ("VERB", "AUX"):
                trigger = _clause_verb(item)
            items: set[int] = set()  # every item's words and date: the shared description leaves them out
            for other in doc._.rp_dates:
                if sent.start_char <= other.start < sent.end_char:
                    other_span = doc.char_span(other.start, other.end, alignment_mode="expand")
                    listed = _listed_item(doc, other_span) if other_span is not None else None
                    if listed is not None:
                        items |= {t.i for t in listed.subtree}
            lists[sent.start] = trigger, items
        trigger, items = lists[sent.start]
        if trigger is None:
            return self._dated(doc, span, date)
        start, end = self._evidence(trigger, span)
        first = min(t.i for t in item.subtree if t.i < span.start)
        actors = self._participants(doc, doc[first].idx, item.idx + len(item))
        actors = actors or self._participants(doc, start, end)
        if not actors:
            return None
        skip = _skip(trigger, span)
        base = describe(trigger, skip=skip | items)
        who = noun_phrase(item, skip=skip, conj=False)
        description = f"{who}: {base}" if base else who
        return EventCandidate(date.edtf, date.text, trigger.lemma_.lower(), _type_of(trigger, self.lexicon), start,
                              end, actors, description=description)

    def _named(self, doc: Doc, span, date) -> EventCandidate | None:
        known = next((n.event for n in doc._.rp_named_events if n.start == date.start), None)
        if known is None:
            return None
        sent = sentence_of(doc, span.start)
        actors = [a for a in known.participants if a in doc._.rp_actors]
        start, end = span.start_char, span.end_char
        # the phrase around the name: "the fall of Kabul to the Taliban"
        root = span.root
        tokens = list(root.subtree) if root.dep_ not in ("ROOT",) else list(span)
        first, last = max(min(t.i for t in tokens), sent.start), min(max(t.i for t in tokens), sent.end - 1)
        if last - first <= _MAX_EVIDENCE_TOKENS:
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
        for actor in self._participants(doc, start, end):
            if actor not in actors:
                actors.append(actor)
        return EventCandidate(known.date, date.text, known.id, known.type, start, end, actors, known=known.id,
                              description=describe(span.root, skip=_skip(span.root, span[0:0])) or span.text)


def _participant_index(doc: Doc) -> tuple[list[int], list[tuple[int, int, int, str]]]:
    """The doc's actor mentions and the places of named actors as ``(start, order, end, actor)`` sorted by start,
    with the starts alone beside them for bisection; ``order`` is the mention's rank in the mentions-then-places
    order. Kept in ``doc.user_data`` and made again when the mentions or places change in number."""
    mentions, places = doc._.rp_mentions, doc._.rp_places
    cached = doc.user_data.get("rp_participant_index")
    if cached is not None and cached[0] == (len(mentions), len(places)):
        return cached[1], cached[2]
    named = {m.actor for m in mentions}
    ordered = [*mentions, *(p for p in places if p.actor in named)]
    entries = sorted((m.start, order, m.end, m.actor) for order, m in enumerate(ordered))
    starts = [entry[0] for entry in entries]
    doc.user_data["rp_participant_index"] = ((len(mentions), len(places)), starts, entries)
    return starts, entries
