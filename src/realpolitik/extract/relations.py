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
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from realpolitik.extract.dates import bounds_of
from realpolitik.extract.gazetteer import load_data_file
from realpolitik.extract.sentences import sentence_of, sentences, text_of

__all__ = ["RelationCandidate", "RelationRecognizer", "actors_in", "relation_lexicon", "resolve_pronouns"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent")



def actors_in(tokens, by_token: dict[int, str]) -> list[str]:
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
    return {"types": list(data["types"]), "cues": cues, "between": set(data["between"]),
            "reversal": set(data.get("reversal", ())), "agentive": set(data.get("agentive", ()))}


_NEGATORS = ("not", "never", "n't", "no")
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
_REFLEXIVE_PRONOUNS = {"itself", "themselves", "himself", "herself"}
_PLACE_PREPOSITIONS = {"in", "at", "into", "across", "near", "within", "inside", "throughout", "around"}


def _negated(token: Token) -> bool:
    chain = [token, token.head] if token.pos_ == "NOUN" else [token]
    return any(child.dep_ == "neg" or child.lower_ in _NEGATORS for t in chain for child in t.children)


def _denied(token: Token) -> bool:
    """A cue noun under a denial of its existence: "no evidence of retaliation", "no sign of an attack"."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "of" or preposition.head.i == preposition.i:
        return False
    noun = preposition.head
    return noun.pos_ == "NOUN" and any(child.lower_ in _NEGATORS for child in noun.children)


def _head_actor(root: Token, by_token: dict[int, str]) -> str | None:
    """The actor a phrase is about: the mention nearest its head ("the envoy of X to Y, Z" -> Z or X)."""
    best = None
    for token in root.subtree:
        actor = by_token.get(token.i)
        if actor is None:
            continue
        depth, current = 0, token
        while current.i != root.i and current.head.i != current.i and depth < 12:
            depth += 2 if current.dep_ == "pobj" else 1
            current = current.head
        if best is None or depth < best[0]:
            best = (depth, actor)
    return best[1] if best else None


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
            resolved[token.i] = _head_actor(subject, by_token) or actor if subject is not None else actor
            break
    return ChainMap(resolved, by_token) if resolved else by_token


def _enclosing_subject(token: Token, position: int) -> Token | None:
    """The subject of a verb above ``token`` whose phrase holds the token at ``position``, if any."""
    for ancestor in token.ancestors:
        for child in ancestor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.left_edge.i <= position <= child.right_edge.i:
                return child
    return None


def _phrase(token: Token, skip: tuple[str, ...] = ()) -> list[Token]:
    """A cue's own phrase: its subtree without subordinate or coordinated clauses ("…, while Russia watched")
    and without the children named in ``skip`` (its subjects, when looking for a target)."""
    kept = [token]
    for child in token.children:
        if child.dep_ in ("advcl", "relcl", "ccomp", "parataxis") or (child.dep_ == "conj" and child.pos_ == "VERB"):
            continue
        if child.dep_ in skip:
            continue
        kept.extend(child.subtree)
    return kept


class RelationRecognizer:
    """Read relations between the actors of a sentence around relation cue words."""

    def __init__(self, nlp, name: str = "realpolitik_relations") -> None:
        self.name = name
        lexicon = relation_lexicon()
        self.cues = lexicon["cues"]
        self.between = lexicon["between"]
        self.reversal = lexicon["reversal"]
        self.agentive = lexicon["agentive"]

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
            referents = resolve_pronouns(sent, by_token)
            for token in sent:
                cue = self.cues.get(token.lemma_.lower()) or self.cues.get(token.lower_)
                if cue is None or token.i in referents:
                    continue
                if cue[1] > 0 and self._reversed(token):
                    continue  # "suspended its aid", "cut part of its aid": the governing verb says the opposite
                if _denied(token):
                    continue  # "saw no evidence of retaliation": the text says it did not happen
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
        current = token
        for _ in range(4):
            if current.dep_ not in ("dobj", "nsubjpass", "pobj", "prep", "conj") or current.head.i == current.i:
                return False
            current = current.head
            if current.pos_ == "VERB":
                return current.lemma_.lower() in self.reversal
        return False

    def _source(self, token: Token, by_token: dict[int, str]) -> str | None:
        """The actor doing the cue: the possessor (or agentive "of") of a cue noun, else the subject of the
        governing verb; an infinitive's subject is its governing verb's object ("compelled Russia to deter")."""
        for child in token.children:
            if child.dep_ == "poss" and by_token.get(child.i):
                return by_token[child.i]
        if token.pos_ == "NOUN" and token.lemma_.lower() in self.agentive:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
                    actor = _head_actor(child, by_token)
                    if actor:
                        return actor
        if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB":
            # a predicative "as": "presents itself as the guarantor of X" names its object in that role
            role_of = next((c for c in token.head.head.children if c.dep_ == "dobj" and by_token.get(c.i)), None)
            if role_of is not None:
                return by_token[role_of.i]
        verb = token
        for _ in range(5):
            subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "agent"]
            for subject in subjects:
                actor = _head_actor(subject, by_token)
                if actor:
                    return actor
            if verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i:  # object control
                controller = next((c for c in verb.head.children if c.dep_ == "dobj" and
                                   _head_actor(c, by_token)), None)
                if controller is not None:
                    return _head_actor(controller, by_token)
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return None

    def _governing_subject(self, token: Token, by_token: dict[int, str]) -> str | None:
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        return self._source(verb, by_token) if verb.i != token.i else None

    def _actor(self, doc: Doc, actor: str) -> str:
        """People stand for whom they act for: an envoy's praise is their state's."""
        record = doc._.rp_actors.get(actor)
        named = {m.actor for m in doc._.rp_mentions}
        if record is not None and record.kind == "person" and record.affiliation in named:
            return record.affiliation  # only an actor the text names, so every relation's ends are actors
        return actor

    def _read(self, doc: Doc, token: Token, cue, by_token: dict[int, str]) -> RelationCandidate | None:
        kind, polarity, negated_kind = cue
        sent = sentence_of(doc, token.i)
        pair: tuple[str, str] | None = None
        for child in token.children:  # "ties between X and Y"
            if child.lower_ in self.between:
                sides = actors_in(child.subtree, by_token)
                if len(sides) >= 2:
                    pair = (sides[0], sides[1])
        if pair is None:
            source = self._source(token, by_token)
            if source is not None and token.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in token.children):
                source = None  # a passive: the doer is the agent, if named
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                source = _head_actor(agent, by_token) if agent is not None else None
            if source is None:
                return None
            inside = [t for t in _phrase(token, skip=_SUBJECTS) if t.i != token.i]
            if token.pos_ == "NOUN" and token.lemma_.lower() in self.agentive:
                inside = [t for t in inside if by_token.get(t.i) != source]
            targets = [a for a in actors_in(inside, by_token) if a != source]
            if not targets and token.pos_ == "NOUN" and token.lemma_.lower() in self.agentive:
                governing = self._governing_subject(token, by_token)  # "deter the threat of X": X threatens them
                targets = [governing] if governing and governing != source else []
            if not targets and token.head.i != token.i and token.dep_ in ("dobj", "pobj", "attr", "xcomp"):
                verb = token.head
                siblings = [t for c in verb.children if c.i != token.i and c.dep_ not in _SUBJECTS
                            and c.dep_ not in ("advcl", "relcl", "ccomp", "parataxis", "conj") for t in c.subtree]
                targets = [a for a in actors_in(siblings, by_token) if a != source]
            if not targets:
                return None
            pair = (source, targets[0])
        pair = (self._actor(doc, pair[0]), self._actor(doc, pair[1]))
        if _negated(token):
            if negated_kind:
                kind, polarity = negated_kind, -abs(polarity) / 2
            else:
                polarity = -polarity
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
                first, last = bounds_of(date.edtf)
                if first == last:
                    valid_from = first
                else:
                    valid_from, valid_to = first, last
                break
        return RelationCandidate(pair[0], pair[1], kind, polarity, start, end, token.lemma_.lower(), valid_from,
                                 valid_to)
