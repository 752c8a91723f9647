"""Event coding of a sentence, PLOVER style: who did what to whom.

:func:`code_sentence` picks the sentence's event predicate (the root verb, or the clause a reporting verb
introduces, typed by ``lang/en/events.yaml``), its source (actors in the subject, or the agent of a
passive) and its target (actors in the object and prepositional complements). :func:`actor_codes` turns
actor ids into the three-letter codes event data sets use: ISO 3166 alpha-3 for states and people acting
for them, ``IGO`` and the like for organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from realpolitik.extract.events import event_lexicon, event_rules
from realpolitik.extract.gazetteer import load_data_file, load_gazetteer
from realpolitik.extract.relations import actors_in

__all__ = ["CodedEvent", "actor_codes", "code_sentence"]

_SUBJECTS = ("nsubj", "csubj")
_OBJECTS = ("dobj", "dative", "attr", "oprd", "pobj", "prep", "ccomp", "xcomp", "acomp", "npadvmod")


@dataclass
class CodedEvent:
    """The coded event of one sentence: trigger word, PLOVER type, source and target actor ids."""

    trigger: str | None
    type: str
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)


def _reporting() -> set[str]:
    return set(load_data_file("lang/en", "actors.yaml").get("reporting_verbs", ()))


def _trigger(sent: Span, lexicon: dict[str, str], reporting: set[str]) -> Token | None:
    root = sent.root
    for _ in range(3):  # "officials said that X attacked Y": the reported clause carries the event
        if root.lemma_.lower() not in reporting:
            break
        clause = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        if clause is None:
            break
        root = clause
    if root.lemma_.lower() in lexicon and lexicon[root.lemma_.lower()] != "other":
        return root
    typed = [t for t in root.subtree if t.lemma_.lower() in lexicon and lexicon[t.lemma_.lower()] != "other"
             and t.pos_ in ("VERB", "NOUN")]
    # the root's own object or complement first ("issued an ultimatum to halt …" is the ultimatum)
    typed.sort(key=lambda t: (t.head.i != root.i, t.pos_ != "VERB", abs(t.i - root.i)))
    return typed[0] if typed else root


def _adjusted(trigger: Token, kind: str) -> str:
    """The type once modifiers ("hunger strike") and intentions ("will give", "offered to help") are read."""
    rules = event_rules()
    modified = rules.get("modified", {}).get(trigger.lemma_.lower(), {})
    for child in trigger.children:
        if child.lower_ in modified:
            return modified[child.lower_]
    intended = any(c.lower_ in rules.get("intent_aux", ()) for c in trigger.children) or (
        trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in rules.get("intent_verbs", ()))
    if intended and kind in rules.get("positive_types", ()):
        return "agree"
    if intended and kind in rules.get("negative_types", ()):
        return "threaten"
    return kind


def code_sentence(doc: Doc, sent: Span | None = None) -> CodedEvent:
    """Code the event of ``sent`` (the doc's first sentence by default) of a doc run through the pipeline.

    Parameters
    ----------
    doc
        A doc from :func:`realpolitik.extract.run_pipeline` (its actor mentions are used).
    sent
        The sentence to code.

    Returns
    -------
    CodedEvent
        ``type`` is ``other`` when no predicate of the lexicon is found.
    """
    sent = sent or next(doc.sents)
    lexicon = event_lexicon()
    by_token = {i: m.actor for m in doc._.rp_mentions for i in range(m.token_start, m.token_end)}
    trigger = _trigger(sent, lexicon, _reporting())
    if trigger is None:
        return CodedEvent(None, "other")
    kind = _adjusted(trigger, lexicon.get(trigger.lemma_.lower(), lexicon.get(trigger.lower_, "other")))
    passive = any(c.dep_ == "nsubjpass" for c in trigger.children)
    source: list[str] = []
    target: list[str] = []
    if passive:  # "X was attacked by Y"
        for child in trigger.children:
            if child.dep_ == "agent":
                source += actors_in(child.subtree, by_token)
            if child.dep_ == "nsubjpass":
                target += actors_in(child.subtree, by_token)
    # the doer: the first subject naming an actor on the way from the predicate up to the sentence's root
    # ("the rebels said they will release …": the speakers, when the reported subject names no one)
    head, steps = trigger, 0
    while not source and steps < 6:
        for child in head.children:
            if child.dep_ in _SUBJECTS:
                source += actors_in(child.subtree, by_token)
        if trigger.pos_ == "NOUN" and head.i == trigger.i:  # "the Hungarian–Romanian agreement": modifiers act
            source += actors_in([c for c in trigger.children if c.dep_ in ("poss", "amod", "compound")], by_token)
        if head.head.i == head.i:
            break
        head, steps = head.head, steps + 1
    for child in trigger.children:
        if child.dep_ in _OBJECTS and not (passive and child.dep_ == "agent"):
            target += actors_in(child.subtree, by_token)
    source = list(dict.fromkeys(source))
    target = [a for a in dict.fromkeys(target) if a not in source]
    if not target:  # no actor in the predicate's objects: the next actor the sentence names after it
        after = sorted(i for i in by_token if i > trigger.i and sent.start <= i < sent.end)
        target = [by_token[i] for i in after if by_token[i] not in source][:1]
    return CodedEvent(trigger.lemma_.lower(), kind, source, target)


def actor_codes(doc: Doc, actors: list[str]) -> list[str]:
    """The three-letter codes of actor ids: a state's ISO alpha-3, a person's affiliation's, an IGO's ``IGO``."""
    gaz = load_gazetteer()
    codes = []
    for actor in actors:
        entry = gaz.entries.get(actor)
        record = doc._.rp_actors.get(actor)
        if record is not None and record.kind == "person" and record.affiliation:
            entry = gaz.entries.get(record.affiliation)
        code = (entry.iso3 or entry.code) if entry is not None else None
        if code and code not in codes:
            codes.append(code)
    return codes
