"""People: PERSON entities with their role and the actor they act for, read from titles and appositions.

:class:`PeopleRecognizer` (factory ``realpolitik_people_v1``) handles "the Russian Ambassador to Kabul,
<name>" (role ambassador, affiliation Russia), "<name>, the Foreign Minister of X", "X's envoy <name>" and
"President <name>"; people of general renown named bare ("Putin said") take role and affiliation from the
leaders gazetteer. A surname alone refers back to the person named in full earlier.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span

from realpolitik.extract.actors import ActorMention, ActorRecord, actor_lexicon, title_words, titled_names
from realpolitik.extract.gazetteer import load_gazetteer, slugify
from realpolitik.extract.sentences import sentence_of

__all__ = ["PeopleRecognizer", "find_title"]

_POSTING = {"to", "in", "for", "at", "on"}
#: "<name>, who heads Y": the verb's lemma and the role it gives.
_LEADING_VERBS = {"head": "head", "lead": "leader", "run": "head", "chair": "chair", "found": "founder",
                  "command": "commander", "direct": "director", "co-found": "co-founder"}
#: Endings of agent nouns that spaCy may tag as adjectives before a name ("the terrorist", "the historian").
_AGENT_ENDINGS = ("ist", "ian")
#: Endings of a people's adjective ("Lornian", "Vessese", "Kurdish"), which spaCy tags NORP like a name.
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic")


def _unpossessed(span: Span) -> str:
    """A span's text without a trailing possessive ("al-Sharaa’s" -> "al-Sharaa")."""
    words = [t for t in span if t.lower_ not in ("'s", "’s", "'", "’")]
    return span.doc[words[0].i:words[-1].i + 1].text if words else ""


def _only_modifiers(span: Span | None) -> bool:
    """Whether a stretch before a title only qualifies it: an article, adjectives, a possessor ("the", "a
    former", "Lornia's chief"), so that the phrase is an apposition naming the person's office."""
    if span is None:
        return True
    return all(t.pos_ in ("DET", "ADJ", "PART", "PROPN", "NUM") or t.dep_ in ("poss", "case", "amod")
               for t in span) and span[0].pos_ != "VERB"


def _head_noun(doc: Doc, phrase: Span, found: tuple[int, int, str], role: str) -> str:
    """A title that only qualifies the noun after it takes that noun: in "Lornia's chief bomb-maker" the role
    is "chief bomb-maker", not "chief"."""
    if " of " in role:
        return role
    after = doc.char_span(phrase.start_char + found[1], phrase.end_char, alignment_mode="expand")
    if after is None or not len(after):
        return role
    end = after.start
    while end < after.end and (doc[end].pos_ == "NOUN" and doc[end].is_lower or doc[end].text == "-"
                               and end + 1 < after.end and doc[end + 1].is_lower):
        end += 1
    if end == after.start or doc[end - 1].text == "-":
        return role
    return f"{role} {doc[after.start:end].text.lower()}"


def _join_surnames(doc: Doc) -> None:
    """One person per individual: a surname named before the full name ("Kessavic ... Lorn Kessavic") joins it."""
    records = doc._.rp_actors
    people = [r for r in records.values() if r.kind == "person"]
    for short in [r for r in people if " " not in r.name]:
        full = [r for r in people if r is not short and " " in r.name and r.name.split()[-1] == short.name]
        if len(full) != 1:
            continue
        person = full[0]
        person.aliases |= short.aliases | {short.name}
        person.role = person.role or short.role
        person.affiliation = person.affiliation or short.affiliation
        for mention in doc._.rp_mentions:
            if mention.actor == short.id:
                mention.actor = person.id
        for other in records.values():
            if other.affiliation == short.id:
                other.affiliation = person.id
        del records[short.id]


def _drop_bare_words(doc: Doc, known: AbstractSet[str]) -> None:
    """A "person" who is one capitalised word, never named in full, with no role the text gives and no entry in
    the leaders table is most often something else the tagger took for a name: a school of thought ("Salafi"), a
    demonym ("Kandaharis"), a company or a drug. Such records are dropped with their mentions."""
    records = doc._.rp_actors
    bare = {r.id for r in records.values()
            if r.kind == "person" and " " not in r.name.strip() and not r.role and r.id not in known}
    if not bare:
        return
    doc._.rp_mentions = [m for m in doc._.rp_mentions if m.actor not in bare]
    for other in records.values():
        if other.affiliation in bare:
            other.affiliation = None
    for ident in bare:
        del records[ident]


def find_title(phrase: str, titles: dict[str, str]) -> tuple[int, int, str] | None:
    """The first title of office in ``phrase`` (longest at a position): its start, end and the role it records.

    Examples
    --------
    >>> find_title("The Russian Ambassador to Kabul", {"ambassador": "ambassador"})
    (12, 22, 'ambassador')
    >>> find_title("the special envoy of President X", {"envoy": "envoy", "special envoy": "special envoy",
    ...                                                  "president": "president"})
    (4, 17, 'special envoy')
    """
    lowered = phrase.lower()
    best = None
    for title, role in titles.items():
        for match in re.finditer(r"\b" + re.escape(title) + r"\b", lowered):
            key = (match.start(), -(match.end() - match.start()))
            if best is None or key < best[0]:
                best = (key, (match.start(), match.end(), role))
    return best[1] if best else None


class PeopleRecognizer:
    """Turn PERSON entities into person actors with role and affiliation."""

    def __init__(self, nlp, name: str = "realpolitik_people") -> None:
        self.name = name
        self.gazetteer = load_gazetteer()
        lexicon = actor_lexicon()
        self.titles: dict[str, str] = lexicon["titles"]
        self.not_people = set(lexicon["not_people"])
        self.title_words = title_words()
        self.leaders = {form for form, (_, how) in self.gazetteer.surface.items() if how == "leader"}
        self.governance = {"government", "administration", "regime", "cabinet"}

    def __call__(self, doc: Doc) -> Doc:
        author = (doc._.rp_author or "").strip()
        surnames: dict[str, str] = {}
        found: list[tuple[Span, ActorRecord]] = []
        taken = {i for m in doc._.rp_mentions for i in range(m.token_start, m.token_end)}
        full_names = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 and ent[0].is_title
                      and not any(t.text in self.gazetteer.surface for t in ent)]
        # the last written word, not the last token: "Ahmed al-Sharaa" ends in "al-Sharaa"
        surnames_in_full = {_unpossessed(ent).split()[-1] for ent in full_names if _unpossessed(ent)}
        # tagged a place or an organisation somewhere; a surname of a full name ("Lorn Kessa") stays a person,
        # and so does a person of renown the leaders table knows
        places = {ent.text for ent in doc.ents if ent.label_ in ("GPE", "ORG", "NORP", "LOC")}
        places -= surnames_in_full | self.leaders | {form + end for form in surnames_in_full for end in ("’s", "'s")}
        titled = [doc[start:end] for start, end in titled_names(doc, self.title_words, self.gazetteer.surface)]
        places -= {span.text for span in titled}
        candidates = [ent for ent in doc.ents if ent.label_ == "PERSON"] + titled
        for ent in sorted(candidates, key=lambda e: e.start):
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            span = self._strip_titles(ent)
            if span is None or span.text in self.not_people or (author and span.text in author):
                continue
            if span.text in places or span.text.split()[-1] in places:
                continue  # tagged a person here, a place or an organisation elsewhere
            record = self._person(doc, span, surnames)
            if record is None:
                continue
            entry = self.gazetteer.entries.get(record.id)
            if entry is not None:  # people of renown: role and affiliation from the gazetteer
                record.role = record.role or entry.role
                record.affiliation = record.affiliation or entry.affiliation
            record.aliases.add(span.text)
            found.append((span, record))
        found.extend(self._named_governments(doc, taken | {i for s, _ in found for i in range(s.start, s.end)},
                                             surnames))
        doc._.rp_mentions = sorted(
            doc._.rp_mentions + [ActorMention(s.start_char, s.end_char, r.id, "person", s.start, s.end)
                                 for s, r in found], key=lambda m: m.start)
        for span, record in found:  # roles once every person is known ("the envoy of President X")
            if record.role is None or record.affiliation is None:
                role, affiliation = self._role(doc, span)
                record.role = record.role or role
                record.affiliation = record.affiliation or affiliation
        for span, record in found:  # weaker cues, where no title gave a role
            if record.role is None:
                record.role, affiliation = self._governing(doc, span)
                record.affiliation = record.affiliation or affiliation
            if record.role is None:
                record.role, affiliation = self._who_heads(doc, span)
                record.affiliation = record.affiliation or affiliation
            if record.affiliation is None:
                record.affiliation = self._of_body(doc, span)
        for span, record in found:  # "men loyal to X, such as <name>": after the others have their affiliation
            if record.role is None:
                record.role, affiliation = self._exemplar(doc, span)
                record.affiliation = record.affiliation or affiliation
        for span, record in found:
            self._leaders_government(doc, span, record)
        _join_surnames(doc)
        _drop_bare_words(doc, self.gazetteer.entries.keys())
        return doc

    def _leaders_government(self, doc: Doc, span: Span, record: ActorRecord) -> None:
        """"the Putin regime", "Putin's government": a leader of renown's government is the state's (as "the
        Lornian government" is), where no regime table dates that state's governments."""
        at = span.end
        if at < len(doc) and doc[at].lower_ in ("'s", "’s"):
            at += 1
        if at >= len(doc) or doc[at].lower_ not in self.governance or record.id not in self.gazetteer.entries:
            return
        state = doc._.rp_actors.get(record.affiliation or "")
        entry = self.gazetteer.entries.get(record.affiliation or "")
        if state is None or state.kind != "state" or entry is None or entry.iso3 in self.gazetteer.regimes:
            return
        state.aliases.add(doc[span.start:at + 1].text)

    def _who_heads(self, doc: Doc, span: Span) -> tuple[str | None, str | None]:
        """"<name>, who heads the Lorn Basin Authority," -> (head, its actor)."""
        at = span.end
        if at + 2 >= len(doc) or doc[at].text != "," or doc[at + 1].lower_ != "who":
            return None, None
        verb = doc[at + 2]
        role = _LEADING_VERBS.get(verb.lemma_)
        if role is None:
            return None, None
        for mention in doc._.rp_mentions:
            if verb.idx < mention.start <= doc[min(len(doc) - 1, at + 10)].idx:
                record = doc._.rp_actors.get(mention.actor)
                if record is not None and record.kind != "person":
                    return role, mention.actor
        return role, None

    def _of_body(self, doc: Doc, span: Span) -> str | None:
        """"<name> of the Lorn Institute", "<name> at the Lorn Basin Authority": the body named right after."""
        at = span.end
        if at + 1 >= len(doc) or doc[at].lower_ not in ("of", "at", "from"):
            return None
        after = doc[at + 1:at + 3]
        for mention in doc._.rp_mentions:
            if after.start_char <= mention.start < after.end_char:
                record = doc._.rp_actors.get(mention.actor)
                if record is not None and record.kind not in ("person", "state", "region"):
                    return mention.actor
        return None

    def _exemplar(self, doc: Doc, span: Span) -> tuple[str | None, str | None]:
        """"men loyal to X, such as <name> or <name>": the noun phrase the names exemplify is the role, and its
        actor (or the affiliation of a person in it) the affiliation."""
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ != "pobj" or root.head.lower_ != "as" or root.head.i < 1 or doc[root.head.i - 1].lower_ != "such":
            return None, None
        head = root.head.head
        steps = 0
        while head.pos_ != "NOUN" and head.head.i != head.i and steps < 4:
            head, steps = head.head, steps + 1
        if head.pos_ != "NOUN":
            return None, None
        end = root.head.i - 1
        while end > head.i and doc[end - 1].is_punct:
            end -= 1
        phrase = doc[head.i:end]
        if not 1 <= len(phrase) <= 8:
            return None, None
        records = doc._.rp_actors
        for mention in doc._.rp_mentions:
            record = records.get(mention.actor)
            if record is None or not (phrase.start_char <= mention.start < phrase.end_char):
                continue
            if record.kind != "person":
                return phrase.text.lower(), mention.actor
            if record.affiliation:
                return phrase.text.lower(), record.affiliation
        words = {t.text for t in phrase}  # a surname spaCy left untagged: the person named in full elsewhere
        for record in records.values():
            if record.kind == "person" and record.affiliation and record.name.split()[-1] in words:
                return phrase.text.lower(), record.affiliation
        return phrase.text.lower(), None

    def _named_governments(self, doc: Doc, taken: set[int], surnames: dict[str, str]) -> list[tuple[Span, ActorRecord]]:
        """"the Lorn Kessa government": a name spaCy missed, read as a person heading a government."""
        found = []
        for token in doc:
            if token.lower_ not in self.governance or token.i < 2:
                continue
            start = token.i
            while start > 0 and (doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title or
                                 doc[start - 1].text == "-" and start > 1 and doc[start - 2].pos_ == "PROPN"):
                start -= 1
            if start == token.i or doc[start - 1].lower_ != "the" or doc[start].text == "-":
                continue
            span = doc[start:token.i]
            if any(i in taken for i in range(span.start, span.end)) or any(t.ent_type_ in ("GPE", "LOC")
                                                                           for t in span):
                continue
            if any(t.ent_type_ == "NORP" and t.lower_.endswith(_DEMONYM_ENDINGS) for t in span):
                continue  # "the Lornian government": a people's adjective, not a name
            if any(t.text in self.gazetteer.surface or t.lower_ in self.title_words for t in span):
                continue
            record = self._person(doc, span, surnames)
            if record is None:
                continue
            record.aliases.add(span.text)
            record.role = record.role or "head of government"
            record.affiliation = record.affiliation or self._state_near(doc, span)
            found.append((span, record))
        return found

    def _governing(self, doc: Doc, span: Span) -> tuple[str | None, str | None]:
        """"the <name> government" (head of government of the state the sentence or the one before names),
        "<name>'s leadership", "<name> at the helm" (leader)."""
        after = doc[span.end:span.end + 3]
        words = [t.lower_ for t in after]
        if words and words[0] in self.governance:
            return "head of government", self._state_near(doc, span)
        if words[:2] in (["'s", "leadership"], ["’s", "leadership"]) or \
                "helm" in [t.lower_ for t in sentence_of(doc, span.start)]:
            return "leader", self._body_near(doc, span)
        return None, None

    def _body_near(self, doc: Doc, span: Span) -> str | None:
        """The organisation or armed group named nearest the person, in the sentence or the one before."""
        sent = sentence_of(doc, span.start)
        records = doc._.rp_actors
        for bounds in ((sent.start_char, sent.end_char), (max(0, sent.start_char - 400), sent.start_char)):
            bodies = [m for m in doc._.rp_mentions if bounds[0] <= m.start < bounds[1] and m.actor in records
                      and records[m.actor].kind in ("organisation", "armed_group", "alliance")]
            if bodies:
                return min(bodies, key=lambda m: abs(m.start - span.start_char)).actor
        return None

    def _state_near(self, doc: Doc, span: Span) -> str | None:
        """The state named in the person's sentence (nearest first), else in the sentence before."""
        sent = sentence_of(doc, span.start)
        records = doc._.rp_actors
        for bounds in ((sent.start_char, sent.end_char), (max(0, sent.start_char - 400), sent.start_char)):
            states = [m for m in doc._.rp_mentions if bounds[0] <= m.start < bounds[1]
                      and m.actor in records and records[m.actor].kind == "state"]
            if states:
                return min(states, key=lambda m: abs(m.start - span.start_char)).actor
        return None

    def _strip_titles(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        doc = ent.doc
        # "Foreign Minister, Sameh Shoukry": spaCy sometimes leaves the given name out
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and \
                doc[start - 1].lower_ not in self.title_words and not doc[start - 1].ent_type_:
            start -= 1
        while start < end and (ent.doc[start].lower_ in self.title_words or ent.doc[start].pos_ in ("ADJ", "ADV")):
            start += 1
        while end > start and ent.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
            end -= 1
        if start == end or not ent.doc[end - 1].is_title:
            return None
        return ent.doc[start:end]

    def _person(self, doc: Doc, span: Span, surnames: dict[str, str]) -> ActorRecord | None:
        known = self.gazetteer.surface.get(span.text)
        records = doc._.rp_actors
        if known and known[1] == "leader":
            entry = self.gazetteer.entries[known[0]]
            record = records.setdefault(entry.id, ActorRecord(entry.id, entry.name, "person"))
            surnames.setdefault(entry.name.split()[-1], entry.id)
            return record
        if len(span) == 1 and span.text in surnames:
            return records[surnames[span.text]]
        if known:  # a gazetteer name that spaCy took for a person ("Taliban")
            return None
        person = slugify(span.text)
        if not person:
            return None
        record = records.setdefault(person, ActorRecord(person, span.text, "person"))
        if len(span) > 1:
            surnames.setdefault(span[-1].text, person)
        return record

    def _role(self, doc: Doc, span: Span) -> tuple[str | None, str | None]:
        sent = sentence_of(doc, span.start)
        # "President Joe Biden", "Russia's envoy Zamir X": a title right before the name
        i = span.start
        while i > sent.start and doc[i - 1].lower_ in self.title_words:
            i -= 1
        if i < span.start:
            found = find_title(doc[i:span.start].text, self.titles)
            if found:
                role = self._portfolio(doc, doc[i:span.start], found)
                return role, self._affiliation(doc, doc[max(sent.start, i - 3):span.start], doc[i].idx)
        # "the Russian Ambassador to Kabul, <name>": the phrase before a comma
        if span.start - 1 > sent.start and doc[span.start - 1].text == ",":
            j = span.start - 1
            while j > sent.start and doc[j - 1].text not in (",", ";", ":") and doc[j - 1].pos_ != "VERB":
                j -= 1
            phrase = doc[j:span.start - 1]
            found = find_title(phrase.text, self.titles)
            if found:
                return self._portfolio(doc, phrase, found), self._affiliation(doc, phrase, phrase.start_char + found[0])
        # "<name>, the Foreign Minister of X,", "<name>, Lornia's chief negotiator,": the phrase after
        if span.end < sent.end - 1 and doc[span.end].text == ",":
            j = span.end + 1
            while j < sent.end and doc[j].text not in (",", ";", ":", ".") and doc[j].pos_ not in ("VERB", "AUX"):
                j += 1
            phrase = doc[span.end + 1:j]
            found = find_title(phrase.text, self.titles)
            if found and _only_modifiers(doc.char_span(phrase.start_char, phrase.start_char + found[0],
                                                       alignment_mode="expand") if found[0] else None):
                role = self._portfolio(doc, phrase, found)
                return _head_noun(doc, phrase, found, role), self._affiliation(doc, phrase,
                                                                                phrase.start_char + found[0])
        # "the journalist <name>": a common noun between an article and the name
        # (spaCy tags some agent nouns adjectives: "the terrorist <name>")
        noun = doc[span.start - 1] if span.start - 2 >= sent.start else None
        if noun is not None and noun.is_lower and doc[span.start - 2].lower_ in ("the", "a", "an") and (
                noun.pos_ == "NOUN" or noun.pos_ == "ADJ" and noun.lower_.endswith(_AGENT_ENDINGS)):
            return noun.lower_, None
        # "<name> and other dignitaries of X": the name is one of the kind the noun phrase names
        return self._one_of_others(doc, span, sent)

    def _one_of_others(self, doc: Doc, span: Span, sent: Span) -> tuple[str | None, str | None]:
        at = span.end
        if at + 2 >= sent.end or doc[at].lower_ not in ("and", "or") or doc[at + 1].lower_ != "other":
            return None, None
        head = at + 2
        while head < sent.end and doc[head].pos_ in ("ADJ", "NOUN") and doc[head].is_lower:
            head += 1
        if head == at + 2 or doc[head - 1].pos_ != "NOUN":
            return None, None
        end = head
        if end + 1 < sent.end and doc[end].lower_ == "of":  # "... of the former regime"
            end += 1
            while end < sent.end and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX", "CCONJ"):
                end += 1
        phrase = doc[at + 2:end]
        affiliation = None
        records = doc._.rp_actors
        for mention in doc._.rp_mentions:
            record = records.get(mention.actor)
            if record is not None and record.kind != "person" and doc[head].idx <= mention.start < phrase.end_char:
                affiliation = mention.actor
                break
        return phrase.text.lower(), affiliation

    def _portfolio(self, doc: Doc, phrase: Span, found: tuple[int, int, str]) -> str:
        """The role with the portfolio a title of office names after "of": "Minister of Defence" is a minister
        of defence, while "President of Lornia" stays a president (Lornia is an actor, read as affiliation)."""
        role = found[2]
        after = doc.char_span(phrase.start_char + found[1], phrase.end_char, alignment_mode="expand")
        tail = doc[after.start:] if after is not None else None
        if tail is None or len(tail) < 2 or tail[0].lower_ != "of":
            return role
        taken = {i for m in doc._.rp_mentions for i in range(m.token_start, m.token_end)}
        words = []
        for token in tail[1:]:
            if not token.is_title or token.ent_type_ in ("GPE", "NORP", "PERSON") or token.i in taken or \
                    token.lower_ in self.titles:
                break  # "envoy of President <name>" serves the president: no portfolio
            words.append(token.lower_)
        return f"{role} of {' '.join(words)}" if words and len(words) <= 3 else role

    def _affiliation(self, doc: Doc, phrase: Span, title_at: int) -> str | None:
        """The actor a title belongs to: a demonym or possessor before it, or the object of "of" after it."""
        # "Lorn officials and the Vessese envoy": an actor before a conjunction qualifies another noun, unless
        # the title has none of its own ("the Lorn agency and then Director <name>")
        joins = [t.i for t in phrase if t.pos_ == "CCONJ" and t.idx < title_at]
        if joins and max(joins) + 1 < phrase.end:
            own = self._affiliation(doc, doc[max(joins) + 1:phrase.end], title_at)
            if own is not None:
                return own
        records = doc._.rp_actors
        for mention in doc._.rp_mentions:
            if not (phrase.start_char <= mention.start and mention.end <= phrase.end_char):
                continue
            before = doc[phrase.start:mention.token_start]
            preps = [t.lower_ for t in before if t.pos_ == "ADP" and t.idx >= title_at]
            record = records.get(mention.actor)
            if preps and preps[-1] in _POSTING and (record is None or record.kind in ("state", "region")):
                continue  # "ambassador to Kabul": where the person is posted, not whom they serve ("fellow at Y" is)
            if record is not None and record.kind == "person":
                if record.affiliation:
                    return record.affiliation
                entry = self.gazetteer.entries.get(record.id)
                if entry and entry.affiliation:
                    return entry.affiliation
                continue
            return mention.actor
        return None
