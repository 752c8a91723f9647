"""Actor–actor relations from cue words and the dependency tree.

:class:`RelationRecognizer` (factory ``realpolitik_relations_v1``) finds, in each sentence, cue lemmas
from ``lang/en/relations.yaml`` ("partnership", "recognise", "contain" …); the source is the actor at the
head of the clause (its subject, or the possessor of a cue noun), the target an actor in the cue's own
phrase (its object or prepositional complement); "between X and Y" gives both. A negated cue takes the
cue's ``negated`` type ("did not recognise" -> ``non_recognition``) or flips the polarity. Dates stated in
the clause give ``valid_from`` (or both ends for a range).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from realpolitik.extract.sentences import sentence_of, sentences, text_of
from realpolitik.extract.gazetteer import load_data_file

__all__ = ["RelationCandidate", "RelationRecognizer", "relation_lexicon"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent")


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
            "reversal": set(data.get("reversal", ()))}


def _negated(token: Token) -> bool:
    chain = [token, token.head] if token.pos_ == "NOUN" else [token]
    return any(child.dep_ == "neg" or child.lower_ in ("not", "never", "n't", "no") for t in chain
               for child in t.children)


def _phrase(token: Token) -> list[Token]:
    """A cue's own phrase: its subtree without subordinate or coordinated clauses ("…, while Russia watched")."""
    kept = [token]
    for child in token.children:
        if child.dep_ in ("advcl", "relcl", "ccomp", "parataxis") or (child.dep_ == "conj" and child.pos_ == "VERB"):
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
            for token in sent:
                cue = self.cues.get(token.lemma_.lower()) or self.cues.get(token.lower_)
                if cue is None or token.i in by_token:
                    continue
                if cue[1] > 0 and self._reversed(token):
                    continue  # "suspended its aid", "cut part of its aid": the governing verb says the opposite
                relation = self._read(doc, token, cue, by_token)
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
            if current.dep_ not in ("dobj", "nsubjpass", "pobj", "prep", "conj") or current.head is current:
                return False
            current = current.head
            if current.pos_ == "VERB":
                return current.lemma_.lower() in self.reversal
        return False

    @staticmethod
    def _actors_in(tokens, by_token: dict[int, str]) -> list[str]:
        actors = []
        for token in tokens:
            actor = by_token.get(token.i)
            if actor and actor not in actors:
                actors.append(actor)
        return actors

    def _source(self, token: Token, by_token: dict[int, str]) -> str | None:
        """The actor doing the cue: the possessor of a cue noun, else the subject of the governing verb."""
        for child in token.children:
            if child.dep_ == "poss" and by_token.get(child.i):
                return by_token[child.i]
        verb = token
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
            for subject in subjects:
                actors = self._actors_in([subject, *subject.subtree], by_token) if subject.dep_ != "agent" else []
                if actors:
                    return actors[0]
            if verb.head is verb:
                break
            verb = verb.head
        return None

    def _read(self, doc: Doc, token: Token, cue, by_token: dict[int, str]) -> RelationCandidate | None:
        kind, polarity, negated_kind = cue
        sent = sentence_of(doc, token.i)
        pair: tuple[str, str] | None = None
        for child in token.children:  # "ties between X and Y"
            if child.lower_ in self.between:
                sides = self._actors_in(child.subtree, by_token)
                if len(sides) >= 2:
                    pair = (sides[0], sides[1])
        if pair is None:
            source = self._source(token, by_token)
            if source is None:
                return None
            inside = [t for t in _phrase(token) if t.i != token.i]
            targets = [a for a in self._actors_in(inside, by_token) if a != source]
            if not targets and token.head is not token and token.dep_ in ("dobj", "pobj", "attr", "xcomp"):
                verb = token.head
                siblings = [t for c in verb.children if c.i != token.i and c.dep_ not in _SUBJECTS
                            and c.dep_ not in ("advcl", "relcl", "ccomp", "parataxis", "conj") for t in c.subtree]
                targets = [a for a in self._actors_in(siblings, by_token) if a != source]
            if not targets:
                return None
            pair = (source, targets[0])
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
            if start <= date.start and date.end <= end and date.kind != "named":
                if "/" in date.edtf:
                    first, _, last = date.edtf.partition("/")
                    valid_from, valid_to = (first if first != ".." else None), (last if last != ".." else None)
                else:
                    valid_from = date.edtf
                break
        return RelationCandidate(pair[0], pair[1], kind, polarity, start, end, token.lemma_.lower(), valid_from,
                                 valid_to)
