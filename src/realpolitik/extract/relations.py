"""Actor–actor relations from cue words and the dependency tree.

:class:`RelationRecognizer` (factory ``realpolitik_relations_v1``) finds, in each sentence, cue lemmas
from ``lang/en/relations.yaml`` ("partnership", "recognise", "contain" …); the source is the actor at the
head of the clause (its subject, or the possessor of a cue noun), the target an actor in the cue's own
phrase (its object or prepositional complement); "between X and Y" gives both. A negated cue takes the
cue's ``negated`` type ("did not recognise" -> ``non_recognition``) or flips the polarity. Dates stated in
the clause give ``valid_from`` (or both ends for a range).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from realpolitik.extract.dates import bounds_of
from realpolitik.extract.gazetteer import load_data_file
from realpolitik.extract.sentences import sentence_of, sentences, text_of

__all__ = ["RelationCandidate", "RelationRecognizer", "actors_in", "relation_lexicon", "resolve_pronouns"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent")



def actors_in(tokens, by_token: Mapping[int, str]) -> list[str]:
    """The actor ids that ``tokens`` mention, in order of first mention, each once."""
    actors = []
    for token in tokens:
        actor = by_token.get(token.i)
        if actor and actor not in actors:
            actors.append(actor)
    return actors

@dataclass
class RelationCandidate:
    source: str
    target: str
    type: str
    polarity: float
    start: int
    end: int
    cue: str
    valid_from: str | None = None
    valid_to: str | None = None


@lru_cache(maxsize=1)
def relation_lexicon() -> dict:
    """``{"types": [...], "cues": {lemma: (type, polarity, negated type)}, "between": [...]}`` from the data file."""
    data = load_data_file("lang/en", "relations.yaml")
    cues: dict[str, tuple[str, float, str | None]] = {}
    for kind, info in data["cues"].items():
        for lemma in info["lemmas"]:
            cues.setdefault(lemma, (kind, float(info["polarity"]), info.get("negated")))
    words = lambda key: set(data.get(key, ()))  # noqa: E731
    return {"types": list(data["types"]), "cues": cues, "between": set(data["between"]),
            "reversal": words("reversal"), "reversal_nouns": words("reversal_nouns"), "decline": words("decline"),
            "agentive": words("agentive"), "patient_of": words("patient_of"), "object_cues": words("object_cues"),
            "people_nouns": words("people_nouns"), "negating": words("negating"), "comparison": words("comparison"),
            "reporting": words("reporting"), "receiving": words("receiving"), "control_verbs": words("control_verbs"),
            "recipient_prepositions": words("recipient_prepositions"),
            "object_prepositions": words("object_prepositions")}


_NEGATORS = ("not", "never", "n't", "no")
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
_REFLEXIVE_PRONOUNS = {"itself", "themselves", "himself", "herself"}
_PLACE_PREPOSITIONS = {"in", "at", "into", "across", "near", "within", "inside", "throughout", "around"}


_COMPLEMENTS = ("dobj", "pobj", "prep", "pcomp", "xcomp", "acomp", "attr", "ccomp", "advcl")


def _negated(token: Token, negating: AbstractSet[str] = frozenset()) -> bool:
    """Whether the text denies the cue: "not" on it, or on a word it is the complement of, up to the clause's
    verb ("did not sign an agreement", "was not interested in starting a war"), or a negating governor ("failed
    to recognise"). A cue noun that is the subject of a negated verb is not denied ("the partnership is not
    expected to grow": the partnership is there)."""
    current = token
    for _ in range(6):
        if current.i != token.i and current.pos_ in ("NOUN", "PROPN", "PRON"):
            return False  # "no choice but to back X": the "no" is the other noun's
        if any(child.dep_ == "neg" or child.lower_ in _NEGATORS for child in current.children):
            return True
        if current.i != token.i and current.lemma_.lower() in negating:
            return True
        if current.dep_ not in _COMPLEMENTS or current.head.i == current.i:
            return False
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("xcomp", "pcomp", "acomp", "advcl", "ccomp"):
            return False
        current = current.head
    return False


def _denied(token: Token) -> bool:
    """A cue noun under a denial of its existence: "no evidence of retaliation", "no sign of an attack"."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "of" or preposition.head.i == preposition.i:
        return False
    noun = preposition.head
    return noun.pos_ == "NOUN" and any(child.lower_ in _NEGATORS for child in noun.children)


def _head_actor(root: Token, by_token: Mapping[int, str], *, agents_only: bool = False) -> str | None:
    """The actor a phrase is about: the mention nearest its head ("the envoy of X to Y, Z" -> Z or X).

    With ``agents_only`` a place ("tensions in X"), a likeness ("like X") or an aim ("sanctions against X") is not
    the phrase's actor: it is not who acts.
    """
    best = None
    for token in root.subtree:
        actor = by_token.get(token.i)
        if actor is None:
            continue
        if agents_only and token.i != root.i and _in_place_or_likeness(token, root):
            continue
        depth, current = 0, token
        while current.i != root.i and current.head.i != current.i and depth < 12:
            depth += 2 if current.dep_ == "pobj" else 1
            current = current.head
        if best is None or depth < best[0]:
            best = (depth, actor)
    return best[1] if best else None


def _in_place_or_likeness(token: Token, root: Token) -> bool:
    """Whether ``token`` stands, below ``root``, in a phrase of place ("in X"), of likeness ("like X") or of
    whom the phrase is aimed at ("sanctions against X")."""
    current = token
    while current.i != root.i and current.head.i != current.i:
        lexicon = relation_lexicon()
        if current.dep_ == "pobj" and (current.head.lower_ in _PLACE_PREPOSITIONS or current.head.lower_
                                       in lexicon["comparison"] | lexicon["object_prepositions"]):
            return True
        current = current.head
    return False


def resolve_pronouns(sent, by_token: Mapping[int, str]) -> Mapping[int, str]:
    """``by_token`` plus the possessive and reflexive pronouns of ``sent`` read as the actor they refer back to.

    The antecedent is the nearest actor mentioned before the pronoun in the same sentence, leaving out
    places a preposition of location names ("the situation in Kabul in their fight" is the fight of whoever
    came before Kabul) and, for "its", plural nouns. A pronoun with no such actor stays unresolved. The
    document's own mapping is not copied: the sentence's pronouns are looked up first, then ``by_token``.
    """
    resolved: dict[int, str] = {}
    for token in sent:
        if token.lower_ not in _POSSESSIVE_PRONOUNS | _REFLEXIVE_PRONOUNS or token.tag_ not in ("PRP$", "PRP") \
                or token.i in by_token:
            continue
        owner = _coordinated_possessor(token, by_token)
        if owner is not None:  # "X's and its allies": the allies are X's
            resolved[token.i] = owner
            continue
        for earlier in reversed(range(sent.start, token.i)):
            actor = by_token.get(earlier)
            candidate = sent.doc[earlier]
            if actor is None:
                continue
            if candidate.dep_ == "pobj" and candidate.head.lower_ in _PLACE_PREPOSITIONS:
                continue
            if token.lower_ == "its" and candidate.tag_ in ("NNS", "NNPS"):
                continue
            subject = _enclosing_subject(token, earlier)
            # a pronoun that points into its clause's subject is that subject's ("X and Y finance their
            # activities" is no relation between X and Y)
            if subject is None and _unnamed_subject(token, by_token):
                break  # "another power ... consolidating its influence": its is that power's, whom no actor names
            resolved[token.i] = _head_actor(subject, by_token) or actor if subject is not None else actor
            break
    # ChainMap only ever writes to its first map, and nobody writes to this one: by_token stays read-only
    return ChainMap(resolved, by_token) if resolved else by_token  # type: ignore[arg-type]


def _coordinated_possessor(token: Token, by_token: Mapping[int, str]) -> str | None:
    """The actor of "X's" right before "and its" / "or their", if any."""
    doc = token.doc
    i = token.i
    if i >= 3 and doc[i - 1].lower_ in ("and", "or") and doc[i - 2].lower_ in ("'s", "’s", "'", "’"):
        return by_token.get(doc[i - 3].i)
    return None


def _unnamed_subject(token: Token, by_token: Mapping[int, str]) -> bool:
    """Whether the pronoun's own clause has, before it, a noun subject that names no actor (its antecedent)."""
    for ancestor in token.ancestors:
        subjects = [c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = max(subjects, key=lambda c: (c.i < token.i, c.i if c.i < token.i else -c.i))
        if subject.i > token.i or subject.pos_ != "NOUN":
            return False
        return not any(t.i in by_token for t in subject.subtree)
    return False


def _enclosing_subject(token: Token, position: int) -> Token | None:
    """The subject of a verb above ``token`` whose phrase holds the token at ``position``, if any."""
    for ancestor in token.ancestors:
        for child in ancestor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.left_edge.i <= position <= child.right_edge.i:
                return child
    return None


def _clause_child(token: Token) -> bool:
    return token.dep_ in ("advcl", "relcl", "ccomp", "parataxis") or (token.dep_ == "conj" and token.pos_ == "VERB")


def _phrase(token: Token, skip: tuple[str, ...] = ()) -> list[Token]:
    """A cue's own phrase: its subtree without subordinate or coordinated clauses at any depth ("…, while Russia
    watched", "supply from members whose backing matters as the US votes") and without the children named in
    ``skip`` (its subjects, when looking for a target)."""
    kept = [token]
    stack = [child for child in token.children if child.dep_ not in skip and not _clause_child(child)]
    while stack:
        current = stack.pop()
        kept.append(current)
        stack.extend(child for child in current.children if not _clause_child(child))
    return sorted(kept, key=lambda t: t.i)


#: Where :func:`_named_actors` keeps its answer in ``doc.user_data``.
_NAMED_KEY = "realpolitik.relations.named_actors"


def _named_actors(doc: Doc) -> frozenset[str]:
    """The actors the text names, computed once per doc (a person's relations are read many times over)."""
    mentions = doc._.rp_mentions
    cached = doc.user_data.get(_NAMED_KEY)
    if cached is None or cached[0] != len(mentions):  # mentions added since: read them again
        cached = doc.user_data[_NAMED_KEY] = (len(mentions), frozenset(m.actor for m in mentions))
    return cached[1]


class RelationRecognizer:
    """Read relations between the actors of a sentence around relation cue words."""

    def __init__(self, nlp, name: str = "realpolitik_relations") -> None:
        self.name = name
        lexicon = relation_lexicon()
        self.cues = lexicon["cues"]
        self.between = lexicon["between"]
        self.reversal = lexicon["reversal"]
        self.reversal_nouns = lexicon["reversal_nouns"]
        self.decline = lexicon["decline"]
        self.agentive = lexicon["agentive"]
        self.patient_of = lexicon["patient_of"]
        self.object_cues = lexicon["object_cues"]
        self.people_nouns = lexicon["people_nouns"]
        self.negating = lexicon["negating"]
        self.comparison = lexicon["comparison"]
        self.receiving = lexicon["receiving"]
        self.control = lexicon["control_verbs"]
        self.recipient = lexicon["recipient_prepositions"]
        self.reporting = lexicon["reporting"]

    def __call__(self, doc: Doc) -> Doc:
        by_token: dict[int, str] = {}
        for mention in doc._.rp_mentions:
            for i in range(mention.token_start, mention.token_end):
                by_token[i] = mention.actor
        found: list[RelationCandidate] = []
        seen = set()
        for sent in sentences(doc)[0]:
            if sent.start_char < (doc._.rp_title_end or 0):
                continue
            if not any(i in by_token for i in range(sent.start, sent.end)):
                continue
            if sent.text.rstrip().endswith("?"):
                continue  # a question states no relation ("why should X engage with Y?")
            referents = resolve_pronouns(sent, by_token)
            for token in sent:
                cue = self.cues.get(token.lemma_.lower()) or self.cues.get(token.lower_)
                if cue is None or token.i in referents:
                    continue
                if token.dep_ == "prep":
                    continue  # a verb form used as a preposition: "according to" is no accord
                if self._reversed(token):
                    continue  # "suspended its aid", "the expiry of the sanctions": the text says it has ended
                if _denied(token):
                    continue  # "saw no evidence of retaliation": the text says it did not happen
                if any(c.lower_ in ("respective", "respectively") for c in token.children):
                    continue  # "their respective wars against X and Y" pairs the sides by position
                relation = self._read(doc, token, cue, referents)
                if relation is None:
                    continue
                key = (relation.source, relation.target, relation.type, sent.start)
                if key not in seen and relation.source != relation.target:
                    seen.add(key)
                    found.append(relation)
        doc._.rp_relations = found
        return doc

    def _reversed(self, token: Token) -> bool:
        """A governing verb or noun that undoes the cue ("cut its aid", "lost the support of", "the end of")."""
        current = token
        for _ in range(4):
            if current.dep_ not in ("dobj", "nsubjpass", "pobj", "prep", "conj") or current.head.i == current.i:
                return False
            current = current.head
            if current.pos_ == "NOUN" and current.lemma_.lower() in self.reversal_nouns:
                return True
            if current.pos_ == "VERB":
                return current.lemma_.lower() in self.reversal
        return False

    def _source(self, token: Token, by_token: Mapping[int, str]) -> tuple[str | None, Token | None]:
        """The actor doing the cue and the phrase that names it: the possessor (or a demonym, or the agentive
        "of", "from", "by") of a cue noun, else the subject of the governing verb (not the cue's own phrase); an
        infinitive's subject is its governing verb's object ("compelled Russia to deter")."""
        for child in token.children:
            if child.dep_ == "poss" and by_token.get(child.i):
                return by_token[child.i], child
        if token.pos_ == "NOUN" and token.lemma_.lower() in self.agentive:
            for child in token.children:  # "Russian influence", "US support", "UN sanctions"
                if child.dep_ in ("amod", "compound", "nmod") and child.i < token.i and by_token.get(child.i):
                    return by_token[child.i], child
            for child in token.children:
                if child.dep_ == "prep" and (child.lower_ in ("from", "by") or child.lower_ == "of"
                                             and token.lemma_.lower() not in self.patient_of):
                    actor = _head_actor(child, by_token, agents_only=True)
                    if actor:
                        return actor, child
        if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
            # a predicative "as": "presents itself as the guarantor of X" names its object in that role
            role_of = next((c for c in token.head.head.children if c.dep_ == "dobj" and by_token.get(c.i)), None)
            if role_of is not None:
                return by_token[role_of.i], role_of
        verb = token
        for _ in range(5):
            subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "agent"
                        and c.i != token.i]  # a cue noun that is the subject names no doer by being there
            for subject in subjects:
                actor = _head_actor(subject, by_token, agents_only=True)
                if actor:
                    return actor, subject
            if verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i:  # object control
                controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
                if controller is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.control:
                    # "prompted donors to fund X": the donors act, named or not
                    return _head_actor(controller, by_token, agents_only=True), controller
                if controller is not None and _head_actor(controller, by_token):
                    return _head_actor(controller, by_token), controller
            if verb.head.i == verb.i or verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.reporting:
                break  # who reports a clause is not who acts in it ("the talks failed, an official says")
            verb = verb.head
        return None, None

    def _governing_subject(self, token: Token, by_token: Mapping[int, str]) -> str | None:
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        return self._source(verb, by_token)[0] if verb.i != token.i else None

    def _actor(self, doc: Doc, actor: str) -> str:
        """People stand for whom they act for: an envoy's praise is their state's."""
        record = doc._.rp_actors.get(actor)
        if record is not None and record.kind == "person" and record.affiliation in _named_actors(doc):
            return record.affiliation  # only an actor the text names, so every relation's ends are actors
        return actor

    def _sides(self, token: Token, by_token: Mapping[int, str]) -> tuple[str, str] | None:
        """Two sides a cue noun names before it, not coordinated: "the A–B war", "A-B talks"."""
        if token.pos_ not in ("NOUN", "PROPN") and token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return None  # a noun, or a word in a noun's place the tagger read as a verb ("the A–B talks")
        before = [doc_token for doc_token in token.subtree if doc_token.i < token.i]
        if any(t.pos_ == "CCONJ" for t in before):
            return None  # "Russian and Chinese support": two doers, not two sides
        sides = actors_in([t for t in before if t.dep_ != "poss" and t.head.dep_ != "poss"], by_token)
        return (sides[0], sides[1]) if len(sides) >= 2 else None

    def _received(self, token: Token, by_token: Mapping[int, str]) -> tuple[str, str] | None:
        """"X received support from Y": (Y, X), when the cue noun is the object of a verb of receiving."""
        verb = token.head
        if token.pos_ != "NOUN" or token.dep_ != "dobj" or verb.lemma_.lower() not in self.receiving:
            return None
        giver = next((_head_actor(c, by_token, agents_only=True) for t in (token, verb) for c in t.children
                      if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        taker = _head_actor(subject, by_token, agents_only=True) if subject is not None else None
        return (giver, taker) if giver and taker and giver != taker else None

    def _excluded(self, target: Token, cue: Token) -> bool:
        """A target the text sets apart: after "not" ("not with X but with Y") or in a likeness ("like X")."""
        current = target
        while current.i != cue.i and current.head.i != current.i:
            if (current.dep_ == "prep" or current.pos_ == "ADP") and (
                    current.lower_ in self.comparison or any(c.dep_ == "neg" for c in current.children)
                    or current.i > 0 and current.doc[current.i - 1].lower_ == "not"):
                return True
            if current.dep_ == "conj":
                return False  # "not with X but with Y": the "not" is the first one's
            current = current.head
        return False

    def _object_targets(self, token: Token, by_token: Mapping[int, str]) -> list[str]:
        """For a cue such as "meet": the actor its object names, or whose people its object is."""
        targets = []
        for child in token.children:
            objects = [child] if child.dep_ == "dobj" else [c for c in child.children if c.dep_ == "pobj"] \
                if child.dep_ == "prep" and child.lower_ in ("with", "to") else []
            for noun in objects:
                if by_token.get(noun.i):
                    targets.append(by_token[noun.i])
                elif noun.lemma_.lower() in self.people_nouns or noun.lower_ in self.people_nouns:
                    targets += [by_token[c.i] for c in noun.subtree if by_token.get(c.i)]
        return targets

    def _read(self, doc: Doc, token: Token, cue, by_token: Mapping[int, str]) -> RelationCandidate | None:
        kind, polarity, negated_kind = cue
        sent = sentence_of(doc, token.i)
        pair: tuple[str, str] | None = None
        for child in token.children:  # "ties between X and Y"
            if child.lower_ in self.between:
                sides = actors_in(child.subtree, by_token)
                if len(sides) >= 2:
                    pair = (sides[0], sides[1])
        if pair is None:
            pair = self._sides(token, by_token)
        if pair is None:
            pair = self._received(token, by_token)
        if pair is None and token.dep_ == "amod":
            # "British-trained units": the doer is the participle's own modifier, the target the noun's actor
            doer = next((by_token[c.i] for c in token.subtree if c.i != token.i and by_token.get(c.i)), None)
            targets = [a for a in actors_in([t for t in token.head.subtree if t.i not in {c.i for c in token.subtree}],
                                            by_token) if a != doer]
            if doer is None or not targets:
                return None
            pair = (doer, targets[0])
        if pair is None:
            source, named_by = self._source(token, by_token)
            passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None) \
                if token.pos_ == "VERB" else None
            if source is not None and passive_subject is not None:
                agent = next((c for c in token.children if c.dep_ == "agent"), None)  # a passive: the doer is the
                source = _head_actor(agent, by_token) if agent is not None else None  # agent, if named
            if source is None:
                return None
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in self.object_cues:
                targets = [a for a in self._object_targets(token, by_token) if a != source]
            else:
                skip = _SUBJECTS + (("xcomp", "ccomp") if token.pos_ == "VERB" and polarity > 0 else ())
                # co-doers ("supply from X and Y") are not each other's target; the cue's own phrase may be inside
                named = set() if named_by is None or named_by.left_edge.i <= token.i <= named_by.right_edge.i \
                    else {t.i for t in named_by.subtree}
                inside = [t for t in _phrase(token, skip=skip) if t.i != token.i and t.i not in named
                          and not self._excluded(t, token)]
                if token.pos_ == "NOUN" and lemma in self.agentive:  # the doer's side ("funds from donors in X")
                    doer_side = {t.i for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                                 for t in c.subtree}
                    inside = [t for t in inside if by_token.get(t.i) != source and t.i not in doer_side]
                first = [passive_subject] if passive_subject is not None else []
                targets = [a for a in actors_in([t for p in first for t in p.subtree] + inside, by_token)
                           if a != source]
                if not targets and token.pos_ == "NOUN" and lemma in self.agentive and (
                        token.dep_ == "dobj" or token.dep_ == "pobj" and token.head.head.pos_ == "VERB"):
                    governing = self._governing_subject(token, by_token)  # "deter the threat of X": X threatens them
                    targets = [governing] if governing and governing != source else []
                if not targets and token.head.i != token.i and token.dep_ in ("dobj", "pobj", "attr", "xcomp"):
                    verb = token.head  # "gave aid to X": the recipient hangs on the verb, in a prepositional phrase
                    siblings = [t for c in verb.children if c.i != token.i and (
                                    c.dep_ == "dative" or c.dep_ == "prep" and c.lower_ in self.recipient)
                                for t in c.subtree if t.i not in named and not self._excluded(t, c)]
                    targets = [a for a in actors_in(siblings, by_token) if a != source]
            if not targets:
                return None
            pair = (source, targets[0])
        pair = (self._actor(doc, pair[0]), self._actor(doc, pair[1]))
        if _negated(token, self.negating):
            if not negated_kind:
                return None  # "was not interested in a war with X": the text denies the relation
            kind, polarity = negated_kind, -abs(polarity) / 2
        if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in self.decline:
            polarity = -abs(polarity)  # "relations worsened": the tie is turning bad
        start, end = sent.start_char, sent.end_char
        while end > start and text_of(doc)[end - 1] in " \n":
            end -= 1
        before = text_of(doc).rfind("\n\n", start, token.idx)  # a heading the parser ran into the sentence
        start = before + 2 if before != -1 else start
        after = text_of(doc).find("\n\n", token.idx, end)
        end = after if after != -1 else end
        valid_from = valid_to = None
        for date in doc._.rp_dates:
            own_name = date.kind == "named" and token.lower_ in date.text.lower()
            if start <= date.start and date.end <= end and not own_name:
                first_day, last_day = bounds_of(date.edtf)
                if first_day == last_day:
                    valid_from = first_day
                else:
                    valid_from, valid_to = first_day, last_day
                break
        return RelationCandidate(pair[0], pair[1], kind, polarity, start, end, token.lemma_.lower(), valid_from,
                                 valid_to)
