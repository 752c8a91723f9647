"""Actor mentions: gazetteer names, demonyms, capitals read as governments, generic descriptions and NER.

:class:`ActorRecognizer` (factory ``realpolitik_actors_v1``) finds every mention and records it on
``doc._.rp_mentions``; :class:`MetonymyResolver` (``realpolitik_metonymy_v1``) decides, once the text's
dates are known, whether a capital is a place ("in Kabul") or its government ("Moscow would develop
relations"), and which government: the regime in power at the date the text speaks of.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from realpolitik.extract.collectives import (
    body_before,
    body_id,
    collective_lexicon,
    community_spans,
    defined_acronyms,
    own_body,
    region_phrases,
    span_text,
    state_body,
)
from realpolitik.extract.gazetteer import (
    ActorEntry,
    Gazetteer,
    fold_ascii,
    load_data_file,
    load_gazetteer,
    slugify,
)
from realpolitik.extract.intervals import enclosing
from realpolitik.extract.sentences import text_of

__all__ = ["ActorMention", "ActorRecognizer", "ActorRecord", "MetonymyResolver", "actor_lexicon", "titled_names"]


@dataclass
class ActorMention:
    """One place in the text where an actor is named; ``how`` says how (name, alias, demonym, capital, ner …)."""

    start: int
    end: int
    actor: str
    how: str
    token_start: int
    token_end: int


@dataclass
class ActorRecord:
    """An actor found in one document, with the names it went by there."""

    id: str
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    affiliation: str | None = None
    iso3: str | None = None
    code: str | None = None

    @classmethod
    def from_entry(cls, entry: ActorEntry) -> ActorRecord:
        return cls(entry.id, entry.name, entry.kind, role=None, affiliation=entry.affiliation, iso3=entry.iso3,
                   code=entry.code)


@lru_cache(maxsize=1)
def actor_lexicon() -> dict:
    """The language data for actors (titles, place prepositions, governance nouns), loaded once."""
    return load_data_file("lang/en", "actors.yaml")


#: Bodies of a state that are groups of people rather than organisations.
_GROUP_BODIES = frozenset(("public", "diaspora", "elites", "leadership", "opposition", "protesters", "proxies",
                           "allies", "rebels", "separatists"))


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word of a title of office ("secretary", "of", "defence" ...), lower case."""
    return frozenset(word for title in actor_lexicon()["titles"] for word in title.split())


def _title_at(doc: Doc, start: int, end: int, titles: AbstractSet[str]) -> bool:
    """Whether tokens ``start``..``end`` with up to two words after them spell a title of office."""
    words = [t.lower_ for t in doc[start:min(len(doc), end + 2)]]
    return any(" ".join(words[:n]) in titles for n in range(end - start, len(words) + 1))


def titled_names(doc: Doc, words: frozenset[str], surface: dict) -> list[tuple[int, int]]:
    """Names of people that spaCy tagged as something else, where a title of office marks them as people; the
    bounds (tokens) of each name.

    Three cases: the title's words run into the entity ("Secretary of Defence Lorn Kessa" tagged "Defence
    Lorn Kessa" ORG), the title stands right before it ("Director Lorn Kessa"), or the name is in apposition to
    a title ("the Lornian Ambassador to Vessa, Lorn Kessa"). The name must be two or three capitalised proper
    nouns that no gazetteer knows and that end in no institution's word ("Defence Intelligence Agency" stays an
    organisation).
    """
    institutions = set(collective_lexicon()["institution_words"])
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "GPE", "FAC", "NORP", "LOC"):
            continue
        start = ent.start
        while start < ent.end and doc[start].lower_ in words:
            start += 1
        rest = doc[start:ent.end]
        if not 2 <= len(rest) <= 3 or rest[-1].text in institutions or doc[start - 1].lower_ == "of":
            continue  # "Director of Lorn Operations": after "of" comes the office's portfolio, not a name
        if not all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in words and t.text not in surface
                   for t in rest):
            continue
        titled = start > ent.start or (ent.start > 0 and doc[ent.start - 1].lower_ in words
                                       and doc[ent.start - 1].is_title)
        in_apposition = rest.root.dep_ == "appos" and rest.root.head.lower_ in words and \
            rest.root.head.i < ent.start
        if titled or in_apposition:
            found.append((start, ent.end))
    return found


def _record(doc: Doc, entry: ActorEntry) -> ActorRecord:
    records = doc._.rp_actors
    if entry.id not in records:
        records[entry.id] = ActorRecord.from_entry(entry)
    return records[entry.id]


class _Entities:
    """Some of a doc's entities (which never overlap), in order, asked which one holds a stretch of tokens."""

    def __init__(self, entities: list[Span]) -> None:
        self.entities = sorted(entities, key=lambda ent: ent.start)
        self.starts = [ent.start for ent in self.entities]
        self.ends = [ent.end for ent in self.entities]

    def holder(self, start: int, end: int) -> Span | None:
        """The entity holding tokens ``start`` to ``end`` (``end`` excluded), if one does."""
        index = enclosing(self.starts, self.ends, start, end)
        return None if index is None else self.entities[index]


class ActorRecognizer:
    """Find actor mentions by gazetteer (names, aliases, demonyms, capitals), generic rules and spaCy NER."""

    def __init__(self, nlp, name: str = "realpolitik_actors") -> None:
        self.name = name
        self.gazetteer: Gazetteer = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.forms = sorted(self.gazetteer.surface)
        for form, pattern in zip(self.forms, nlp.tokenizer.pipe(self.forms), strict=True):
            self.matcher.add(form, [pattern])  # the label is the written form: "Taliban 's" in a text is "Taliban's"
        self.lexicon = actor_lexicon()
        self.name_labels = set(self.lexicon["name_labels"])
        self.titles = set(self.lexicon["titles"])
        self.armed_heads = set(self.lexicon["armed_group_heads"])
        self.alliance_words = set(self.lexicon["alliance_words"])
        self.place_preps = set(self.lexicon["place_prepositions"])
        self.collectives = collective_lexicon()
        self.institution_words = set(self.collectives["institution_words"])
        self.not_actor_heads = set(self.collectives["not_actor_heads"])
        self.region_heads = set(self.collectives["region_heads"])
        self.place_heads = self.region_heads | set(self.lexicon["place_nouns"])
        self.group_nouns = set(self.lexicon["group_nouns"])
        self.polity_nouns = set(self.lexicon["polity_nouns"])
        # words that make a place's name a polity's ("the Islamic Republic", "the Lornian government")
        self.polity_words = self.polity_nouns | set(self.lexicon["governance_nouns"])
        self.state_words = set(self.lexicon["state_words"])
        self.body_modifiers = set(self.collectives["body_modifiers"])

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        names = [ent for ent in doc.ents if ent.label_ in self.name_labels]
        # "the Western Military District", "the South Lornian Sea": a named region holds no actor
        names += [ent for ent in doc.ents if ent.label_ == "LOC" and len(ent) > 1 and ent[-1].is_title
                  and ent[-1].lower_ in self.region_heads]
        # "the Alliance of Sahel States", "the Bank of England": a place inside an organisation's name
        bodies = [ent for ent in doc.ents if ent.label_ == "ORG" and _bare(ent) not in gaz.surface
                  and any(t.lower_ == "of" for t in ent)]
        # "the Lornian Armed Forces", "the Lorn Foreign Affairs Committee": a body whose name holds a state's
        institutions = [ent for ent in doc.ents
                        if ent.label_ == "ORG" and len(ent) > 1 and _bare(ent) not in gaz.surface
                        and any(t.text in self.institution_words for t in ent)]
        # entities never overlap, so the one that could hold a match is found by bisection (see _holder)
        people_at, names_at, bodies_at, institutions_at = (
            _Entities(group) for group in (people, names, bodies, institutions))
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=match_id)
            in_person = people_at.holder(start, end)
            if (in_person is not None and (in_person.start, in_person.end) != (start, end)
                    and gaz.surface[span.label_][1] != "leader" and doc[start - 1].lower_ != "of"):
                continue  # a name inside a longer person's name ("Jordan Peterson") is not the state
            in_name = names_at.holder(start, end)
            if in_name is not None and (in_name.start, in_name.end) != (start, end):
                continue  # part of a facility's or a law's name
            in_body = bodies_at.holder(start, end)
            if in_body is not None and in_body.start < start and any(
                    t.lower_ == "of" for t in doc[in_body.start:start]):
                continue
            in_institution = institutions_at.holder(start, end)
            if (gaz.surface[span.label_][1] != "leader" and in_institution is not None
                    and (in_institution.start, in_institution.end) != (start, end)
                    and not any(t.text in self.institution_words for t in span)):
                continue
            spans.append(span)
        spans = filter_spans(spans)
        mentions: list[ActorMention] = []
        consumed: set[int] = set()
        for span in spans:
            actor, how = gaz.surface[span.label_]
            generic = self._generic(doc, span, gaz.entries[actor])
            if generic is not None:
                mentions.append(generic)
                consumed.update(range(generic.token_start, generic.token_end))
                continue
            if how == "leader":
                continue  # people are read by the people component, with their roles
            body = self._body(doc, span, gaz.entries[actor], consumed)
            if body is not None:
                mentions.append(body)
                consumed.update(range(body.token_start, body.token_end))
                continue
            if how != "capital":  # a capital is recorded once read as a government (MetonymyResolver)
                _record(doc, gaz.entries[actor]).aliases.add(span.text)
            mentions.append(ActorMention(span.start_char, span.end_char, actor, how, span.start, span.end))
            consumed.update(range(span.start, span.end))
        mentions = self._shared_heads(doc, mentions, consumed)  # before NER, which may tag "Vessese Empires" ORG
        mentions.extend(self._islamists(doc, consumed))
        mentions.extend(self._acronyms(doc, mentions, consumed))
        mentions.extend(self._communities(doc, consumed))
        mentions.extend(self._ner(doc, consumed))
        mentions.extend(self._unlabelled_regions(doc, consumed))
        mentions.extend(self._own_bodies(doc, mentions, consumed))
        doc._.rp_mentions = sorted(mentions, key=lambda m: m.start)
        return doc

    def _generic(self, doc: Doc, span: Span, entry: ActorEntry) -> ActorMention | None:
        """A kind of actor of a place: "Afghanistan's police and armed forces", "Central Asian terrorist groups"."""
        if entry.kind not in ("state", "region"):
            return None
        i = span.end
        if i < len(doc) and doc[i].lower_ in ("'s", "’s"):
            i += 1
        for rule in self.gazetteer.generic.values():
            if "suffix" not in rule:
                continue
            words = set(rule["modifiers"]) | set(rule["heads"])
            j, last_head = i, None
            while j < len(doc) and j - i < 5 and doc[j].lower_ in words:
                if doc[j].lower_ in rule["heads"]:
                    last_head = j
                j += 1
            if last_head is None or (last_head == i and doc[i].lower_ not in rule["heads"]):
                continue
            if rule.get("requires") and not {t.lower_ for t in doc[i:last_head + 1]} & set(rule["requires"]):
                continue
            base = entry.demonyms[0] if entry.demonyms else entry.name
            actor = f"{slugify(base)}_{rule['suffix']}"
            end = doc[last_head]
            text = text_of(doc)[span.start_char:end.idx + len(end)]
            record = doc._.rp_actors.setdefault(
                actor, ActorRecord(actor, rule["name"].format(Place=base), rule["kind"]))
            record.aliases.add(text)
            return ActorMention(span.start_char, end.idx + len(end), actor, "generic", span.start, last_head + 1)
        return None

    def _body(self, doc: Doc, span: Span, entry: ActorEntry, consumed: set[int]) -> ActorMention | None:
        """A state's body: "the Lornian army", "Lornia's foreign ministry", "the armed forces of Lornia"."""
        if entry.kind != "state":
            return None
        base = entry.demonyms[0] if entry.demonyms else entry.name
        found = state_body(doc, span, entry, self.body_modifiers)
        if found is not None:
            start, end, suffix, display = found
        else:
            before = body_before(doc, span)
            if before is None or any(i in consumed for i in range(before[0], span.start)):
                return None
            start, end, suffix, display = before[0], span.end, before[1], before[2]
        actor = body_id(base, suffix)
        record = doc._.rp_actors.setdefault(actor, ActorRecord(actor, f"{base} {display}", "organisation"))
        if suffix in _GROUP_BODIES:
            record.kind = "group"
        record.aliases.add(span_text(doc, start, end))
        return ActorMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), actor, "body", start, end)

    def _unlabelled_regions(self, doc: Doc, consumed: set[int]) -> list[ActorMention]:
        """Named regions that spaCy left without an entity: proper nouns ending in a capitalised region noun
        ("the Lorn Pass", "the Vessa Valley")."""
        found = []
        for token in doc[1:]:
            if not (token.is_title and token.pos_ == "PROPN" and token.lower_ in self.region_heads) or \
                    token.ent_type_ or token.i in consumed:
                continue
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and \
                    not doc[start - 1].ent_type_ and doc[start - 1].i not in consumed and token.i - start < 3:
                start -= 1
            if start == token.i or start == 0 or (doc._.rp_title_end or 0) >= token.idx or \
                    token.text in self.not_actor_heads:
                continue
            before = doc[start - 1]
            if before.i in consumed or before.text in ("-", "–") or before.pos_ == "PROPN":
                continue  # the end of a longer name ("the Lorn-Vessa Economic Corridor")
            found.append(self._region(doc, doc[start:token.i + 1]))
            consumed.update(range(start, token.i + 1))
        return found

    def _shared_heads(self, doc: Doc, mentions: list[ActorMention], consumed: set[int]) -> list[ActorMention]:
        """Two names sharing one plural head: "the Lornian and Vessese Empires" are the Lornian Empire and the
        Vessese Empire, "the Lorn and Vessa military districts" two districts, not the states or cities named."""
        for token in doc[1:-2]:
            left, right = doc[token.i - 1], doc[token.i + 1]
            if token.lower_ != "and" or not (left.is_title and right.is_title) or doc[token.i - 2].is_title:
                continue
            at = token.i + 2
            while at < len(doc) and at - token.i < 4 and doc[at].is_lower and doc[at].pos_ == "ADJ":
                at += 1
            if at >= len(doc) or at in consumed or doc[at].tag_ not in ("NNS", "NNPS"):
                continue
            head = doc[at]
            singular = _singular(head.text)
            if head.is_lower and singular.lower() not in self.region_heads:
                continue  # "the Lornian and Vessese governments" are the two states' own
            if not head.is_lower and singular.lower() not in self.polity_nouns | self.region_heads:
                continue
            kind = "state" if singular.lower() in self.polity_nouns else "region"
            shared = span_text(doc, token.i - 1, at + 1)
            mentions = [m for m in mentions if not m.token_start <= left.i < m.token_end
                        and not m.token_start <= right.i < m.token_end]
            for name_token in (left, right):
                words = [name_token.text, *(t.text for t in doc[token.i + 2:at]), singular]
                name = " ".join(words)
                actor = slugify(name)
                record = doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, kind))
                record.aliases.add(shared)
                mentions.append(ActorMention(name_token.idx, name_token.idx + len(name_token), actor, "shared",
                                             name_token.i, name_token.i + 1))
            consumed.update(range(token.i - 1, at + 1))
        return mentions

    def _own_bodies(self, doc: Doc, mentions: list[ActorMention], consumed: set[int]) -> list[ActorMention]:
        """"Lorn and its regional allies": a body of an actor, named with it through a pronoun."""
        found = []
        for mention in mentions:
            record = doc._.rp_actors.get(mention.actor)
            if record is None or record.kind == "person":
                continue
            hit = own_body(doc, doc[mention.token_start:mention.token_end], self.body_modifiers)
            if hit is None or any(i in consumed for i in range(hit[0], hit[1])):
                continue
            start, end, suffix, display = hit
            entry = self.gazetteer.entries.get(mention.actor)
            base = entry.demonyms[0] if entry is not None and entry.demonyms else record.name
            actor = body_id(base, suffix)
            body = doc._.rp_actors.setdefault(actor, ActorRecord(actor, f"{base} {display}", "organisation"))
            if suffix in _GROUP_BODIES:
                body.kind = "group"
            body.aliases.add(span_text(doc, mention.token_start, end))  # the phrase says whose body it is
            found.append(ActorMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), actor, "body", start,
                                      end))
            consumed.update(range(start, end))
        return found

    def _acronyms(self, doc: Doc, mentions: list[ActorMention], consumed: set[int]) -> list[ActorMention]:
        """Acronyms the text defines ("the Lorn Basin Authority (LBA)"): an alias of the long name's actor, and
        every later use of the acronym a mention of it."""
        found: list[ActorMention] = []
        for start, end, name, acronym in defined_acronyms(text_of(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            known = [m for m in mentions if m.token_start < span.end and span.start < m.token_end]
            if not known and span.root.lower_ in self.titles:
                continue  # "the National Security Advisor (NSA)": an office, held by a person
            if known:
                actor = max(known, key=lambda m: m.token_end - m.token_start).actor
            elif span[-1].lower_ in self.region_heads or span.root.ent_type_ in ("LOC", "FAC", "GPE") or \
                    any(t.lower_ in self.region_heads for t in span):
                actor = slugify(name)
                doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, "region"))
            elif span[-1].text in self.not_actor_heads or not any(t.ent_type_ for t in span) and \
                    span[-1].text not in self.institution_words:
                continue  # "the Lorn Accord (LA)" is a thing; an unknown run of capitals with no entity, too
            else:
                actor = slugify(name)
                kind = "armed_group" if span[-1].text in self.armed_heads else "organisation"
                doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, kind))
            record = doc._.rp_actors.get(actor)
            if record is None:  # a capital that the metonymy resolver has yet to read
                entry = self.gazetteer.entries.get(actor)
                if entry is None:
                    continue
                record = _record(doc, entry)
            record.aliases.update((name, acronym))
            if not known:
                found.append(ActorMention(span.start_char, span.end_char, actor, "name", span.start, span.end))
                consumed.update(range(span.start, span.end))
            for token in doc:
                if token.text == acronym and token.i not in consumed:
                    found.append(ActorMention(token.idx, token.idx + len(token), actor, "acronym", token.i,
                                              token.i + 1))
                    consumed.add(token.i)
        return found

    def _communities(self, doc: Doc, consumed: set[int]) -> list[ActorMention]:
        """Collectives named by common words ("Sunni militants", "Kurds", "the junta") and region phrases
        ("the tri-border region")."""
        found = []
        for start, end, name in community_spans(doc, consumed):
            actor = slugify(name)
            record = doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, "group"))
            record.aliases.add(span_text(doc, start, end))
            found.append(ActorMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), actor, "collective",
                                      start, end))
            consumed.update(range(start, end))
        for start, end in region_phrases(doc, consumed):
            name = span_text(doc, start, end).lower()
            actor = slugify(name)
            doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, "region")).aliases.add(name)
            found.append(ActorMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), actor, "region",
                                      start, end))
            consumed.update(range(start, end))
        return found

    def _islamists(self, doc: Doc, consumed: set[int]) -> list[ActorMention]:
        rule = self.gazetteer.generic.get("islamists")
        if not rule:
            return []
        found = []
        modifiers = {m.lower() for m in rule["modifiers"]}
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if token.lower_ in modifiers and nxt.lower_ in rule["heads"] and nxt.i not in consumed:
                start = token.i - 1 if token.i and doc[token.i - 1].i in consumed else token.i
                record = doc._.rp_actors.setdefault(rule["id"], ActorRecord(rule["id"], rule["name"], rule["kind"]))
                record.aliases.add(doc[token.i:nxt.i + 1].text)
                found.append(ActorMention(token.idx, nxt.idx + len(nxt), rule["id"], "generic", token.i, nxt.i + 1))
                consumed.update((token.i, nxt.i))
                if start != token.i:  # "Russian Islamic networks": the demonym qualifies the networks
                    doc._.rp_mentions_dropped.add(start)
        return found

    def _ner(self, doc: Doc, consumed: set[int]) -> list[ActorMention]:
        """Organisations and states spaCy finds that the gazetteer does not know.

        An unknown place (GPE) counts as a state only if somewhere it acts: it is not only ever the object
        of a place preposition ("in Lornville").
        """
        found = []
        author = (doc._.rp_author or "").strip()
        votes: dict[str, dict[str, int]] = {}
        acting: set[str] = set()
        for ent in doc.ents:
            text = _bare(ent)
            if ent.label_ in ("ORG", "GPE", "PERSON") and text:
                votes.setdefault(text, {}).setdefault(ent.label_, 0)
                votes[text][ent.label_] += 1
            if ent.label_ == "GPE" and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ in self.place_preps):
                acting.add(text)
        # surnames of people named in full; "Downstream Morvia" is no full name where "downstream" is a common word
        common = {t.text for t in doc if t.is_lower}
        surnames = {_bare(ent).split()[-1] for ent in doc.ents if ent.label_ == "PERSON" and len(_bare(ent).split()) > 1
                    and _bare(ent).split()[0].lower() not in common}
        titled = {end for _, end in titled_names(doc, title_words(), self.gazetteer.surface)}
        cues = self._kind_cues(doc)
        states = self._given_offices(doc)
        for ent in doc.ents:
            if any(i in consumed for i in range(ent.start, ent.end)) or ent.end in titled:
                continue  # a titled name ("Defence Lorn Kessa") is a person: the people component reads it
            if ent.label_ == "ORG" and self._inside_title(doc, ent):
                continue  # "Supreme" of "the Supreme Leader", "Interior" of "Interior Minister": part of an office
            if ent.label_ in ("LOC", "FAC") and len(_bare(ent).split()) > 1 and \
                    any(t.lower_ in self.region_heads for t in ent):
                found.append(self._region(doc, ent))  # "the Strait of Lorn", "the Line of Control"
                continue
            if ent.label_ in ("ORG", "PERSON", "GPE") and len(_bare(ent).split()) > 1 and \
                    (ent[-1].is_title or ent.label_ == "GPE" and ent[-1].is_lower) and \
                    ent[-1].lower_ in self.region_heads and ent[-1].text not in self.not_actor_heads:
                found.append(self._region(doc, ent))  # "the Lorn Pass" tagged a person or a body
                continue
            if ent.label_ in ("LOC", "GPE", "NORP") and ent.end < len(doc) and \
                    doc[ent.end].lower_ in self.region_heads and doc[ent.end].is_lower:
                found.append(self._region(doc, doc[ent.start:ent.end + 1]))  # "the Lorn region"
                continue
            if ent.label_ not in ("ORG", "GPE", "PERSON"):
                continue
            name = _bare(ent)
            if not name or len(name) < 3 or (author and name in author):
                continue
            if name.split()[-1] in self.not_actor_heads:
                continue  # "the Lorn Summit" is an event, "the Lorn Accords" a document
            if " " not in name and name in surnames:
                continue  # a surname of a person named in full elsewhere: the people component reads it
            if ent.end_char <= (doc._.rp_title_end or 0):
                continue  # a headline's capitalised words are no evidence of an organisation
            if ent.label_ == "ORG" and ent.root.lower_ in self.titles:
                continue  # "the National Security Advisor", "Director General of Lorn Operations": an office
            if len(name) > 2 and name[:-1].isupper() and name.endswith("s") and " " not in name:
                continue  # "UAVs": the plural of a thing's acronym; a body is one
            if ent.label_ == "PERSON" and name in cues:  # "groups such as X", "the X area": no person
                if cues[name] == "region":
                    found.append(self._region(doc, ent))
                    continue
                actor = slugify(name)
                doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, cues[name]))
                found.append(ActorMention(ent.start_char, ent.end_char, actor, "ner", ent.start, ent.end))
                continue
            labels = votes.get(name, {})
            if ent.label_ == "PERSON" and not (labels.get("ORG") or labels.get("GPE")):
                continue  # a person: the people component reads them
            label = max(("GPE", "ORG"), key=lambda lab: labels.get(lab, 0))
            if label == "GPE" and (name not in acting or len(name.split()) > 3):
                if len(name.split()) <= 3 and sum(labels.values()) >= 2:
                    found.append(self._region(doc, ent))  # a place the argument keeps coming back to
                continue
            if label == "GPE" and fold_ascii(name) in self.gazetteer.subdivisions:
                found.append(self._region(doc, ent))  # "Nangarhar", "Kursk Oblast": a province acts as a place
                continue
            actor = slugify(name)
            if not actor or not any(c.isupper() for c in name):
                continue
            if " " not in name:  # "the Commission" after "the Lorn Basin Commission": the same body
                actor = next((a for a, r in doc._.rp_actors.items() if r.name.endswith(" " + name)), actor)
            last = name.split()[-1]
            if label == "GPE" and name not in states and not (
                    {w.lower() for w in name.split()} & self.polity_words):
                # every country is in the gazetteer (pycountry): an unknown place that acts is a city, a base or a
                # territory ("Bagram", "Kashgar"), unless its name says it is a polity ("the Islamic Republic")
                # or the text gives it a state's offices ("Valdria's minister of water")
                found.append(self._region(doc, ent))
                continue
            kind = "state" if label == "GPE" else ("armed_group" if last in self.armed_heads else "organisation")
            if kind == "organisation" and self.alliance_words & set(name.split()):
                kind = "alliance"
            doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, kind))
            found.append(ActorMention(ent.start_char, ent.end_char, actor, "ner", ent.start, ent.end))
        return found

    def _given_offices(self, doc: Doc) -> set[str]:
        """Names of places the text gives a national office or institution: "X's minister", "the president of
        X", "the X government" (a word of ``state_words`` right after the name, its possessive, or "of")."""
        named = set()
        for ent in doc.ents:
            if ent.label_ != "GPE":
                continue
            at = ent.end + (1 if ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s") else 0)
            after = at < len(doc) and doc[at].lower_ in self.state_words
            before = ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in \
                self.state_words
            if after or before:
                named.add(_bare(ent))
        return named

    def _inside_title(self, doc: Doc, ent: Span) -> bool:
        """An organisation tag on words of a title ("the Supreme Leader", "Interior Minister X") that name no
        body of their own."""
        return len(ent) <= 2 and _title_at(doc, ent.start, ent.end, self.titles)

    def _kind_cues(self, doc: Doc) -> dict[str, str]:
        """Kinds that the wording gives names spaCy took for people: an example of groups ("groups such as X")
        is a group, and a name before a place noun ("the X area", "the X valley") a region. Name -> kind."""
        cues: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or not _bare(ent):
                continue
            name, root = _bare(ent), ent.root
            if root.dep_ == "compound" and root.head.i == ent.end and root.head.lower_ in self.place_heads:
                cues[name] = "region"
                continue
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.i > 0 and \
                    doc[root.head.i - 1].lower_ == "such" and root.head.head.lemma_.lower() in self.group_nouns:
                cues[name] = "armed_group" if name.split()[-1] in self.armed_heads else "organisation"
        return cues

    def _region(self, doc: Doc, ent: Span) -> ActorMention:
        name = _bare(ent) or ent.text
        actor = slugify(name)
        doc._.rp_actors.setdefault(actor, ActorRecord(actor, name, "region")).aliases.add(name)
        return ActorMention(ent.start_char, ent.end_char, actor, "ner", ent.start, ent.end)


def _singular(word: str) -> str:
    """A plural noun's singular, by its regular English ending ("Empires" -> "Empire", "territories" ->
    "territory")."""
    if word.lower().endswith("ies"):
        return word[:-3] + ("Y" if word.isupper() else "y")
    return word[:-1] if word.lower().endswith("s") and not word.lower().endswith("ss") else word


def _bare(ent: Span) -> str:
    """An entity's name without a leading article or a trailing possessive."""
    words = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
    if words and words[0].i == ent.start and words[0].pos_ in ("ADJ", "ADV") and len(words) > 1 and \
            words[0].text not in load_gazetteer().surface:
        words = words[1:]  # "Downstream Morvia" at the start of a sentence
    if not words:
        return ""
    return ent.doc[words[0].i:words[-1].i + 1].text


class MetonymyResolver:
    """Read capitals as governments or places, and governments by the date the text speaks of.

    A capital after a place preposition ("in Kabul", "to Moscow") or before a place-name noun ("the Doha
    agreement") is a place and is dropped; otherwise it stands for the government, which is the regime the
    regime table gives for the reference date (``doc._.rp_reference_date``) where the state has one, else
    the state.
    """

    def __init__(self, nlp, name: str = "realpolitik_metonymy") -> None:
        self.name = name
        self.gazetteer = load_gazetteer()
        lexicon = actor_lexicon()
        self.place_preps = set(lexicon["place_prepositions"])
        self.governance = set(lexicon["governance_nouns"])
        self.place_nouns = set(lexicon["place_name_nouns"])
        self.former = set(lexicon["former_words"])

    def _former_governments(self, doc: Doc, kept: list[ActorMention]) -> list[ActorMention]:
        """"the then-government", "the former government": the regime before the one ruling at the reference date,
        of the state with a regime table that the text names most."""
        reference = doc._.rp_reference_date
        counts: dict[str, int] = {}
        for mention in kept:
            entry = self.gazetteer.entries.get(mention.actor)
            if entry is not None and entry.iso3 in self.gazetteer.regimes and entry.kind == "state":
                counts[entry.iso3] = counts.get(entry.iso3, 0) + 1
        if not counts or reference is None:
            return []
        iso3 = max(counts, key=counts.__getitem__)
        now = self.gazetteer.regime_at(iso3, reference)
        periods = [r.actor for r in self.gazetteer.regimes[iso3]]
        if now not in periods:
            return []
        at = len(periods) - 1 - periods[::-1].index(now)  # the latest period of the ruling actor
        if at == 0:
            return []
        before = periods[at - 1]
        found = []
        for token in doc:
            lowered = token.lower_
            nxt = token.i + 2 if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" else token.i + 1
            if lowered in self.former and nxt < len(doc) and doc[nxt].lower_ in self.governance:
                end = doc[nxt]
            elif "-" in lowered and lowered.split("-", 1)[0] in self.former and \
                    lowered.split("-", 1)[1] in self.governance:
                end = token
            else:
                continue
            _record(doc, self.gazetteer.entries[before]).aliases.add(text_of(doc)[token.idx:end.idx + len(end)])
            found.append(ActorMention(token.idx, end.idx + len(end), before, "former", token.i, end.i + 1))
        return found

    def _governs(self, doc: Doc, mention: ActorMention) -> bool:
        """Whether a state's name is the possessor of a governance noun ("Afghanistan's (new) government"), or
        its demonym the noun's modifier ("the Afghan government")."""
        at = mention.token_end
        if at < len(doc) and doc[at].lower_ in ("'s", "’s"):
            at += 1
        elif mention.how != "demonym":
            return False
        while at < len(doc) and doc[at].pos_ == "ADJ" and at - mention.token_end <= 3:
            at += 1
        return at < len(doc) and doc[at].lower_ in self.governance

    def _governed(self, doc: Doc, mention: ActorMention) -> bool:
        """Whether a capital mention stands for a government rather than the city."""
        token = doc[mention.token_end - 1]
        nxt = mention.token_end
        if nxt < len(doc) and doc[nxt].lower_ in ("'s", "’s"):
            nxt += 1
        if nxt < len(doc) and doc[nxt].lower_ in self.governance:
            return True
        if nxt < len(doc) and doc[nxt].lower_ in self.place_nouns:
            return False
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ in self.place_preps:
            if "\n\n" in text_of(doc)[token.head.idx:token.idx]:
                return True  # the parser ran a heading into the sentence: no real preposition governs it
            return token.head.head.lower_ in self.governance
        return token.dep_ not in ("compound",) or token.head.lower_ in self.governance

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        kept = []
        for mention in doc._.rp_mentions:
            if mention.token_start in doc._.rp_mentions_dropped:
                continue
            entry = gaz.entries.get(mention.actor)
            if mention.how == "capital":
                if not self._governed(doc, mention):
                    doc._.rp_places.append(mention)  # a place: events there involve its state
                    continue
                regime = (gaz.regime_at(entry.iso3, doc._.rp_reference_date)
                          if entry is not None and entry.iso3 else None)
                actor = regime or mention.actor
                mention.actor, mention.how = actor, "metonym"
                _record(doc, gaz.entries[actor]).aliases.add(text_of(doc)[mention.start:mention.end])
            elif entry is not None and entry.kind == "state" and entry.iso3 and self._governs(doc, mention):
                regime = gaz.regime_at(entry.iso3, doc._.rp_reference_date)
                if regime and regime != mention.actor:  # "Afghanistan's new government" in 2022 is the Taliban's
                    mention.actor, mention.how = regime, "metonym"
                    _record(doc, gaz.entries[regime])
            kept.append(mention)
        kept.extend(self._former_governments(doc, kept))
        doc._.rp_mentions = sorted(kept, key=lambda m: m.start)
        # drop actors whose every mention was a place
        used = {m.actor for m in kept}
        for actor in [a for a in doc._.rp_actors if a not in used and doc._.rp_actors[a].kind != "person"]:
            del doc._.rp_actors[actor]
        return doc
