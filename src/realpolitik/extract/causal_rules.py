"""The parse rules of causal claims: cue words from the lexicon, their cause and effect read from the tree.

For every cue of ``lang/en/causal_cues.yaml`` found in a parsed ``Doc`` the cause and the effect are taken
from the tree around it:

* a causal verb ("fuels", "undermined") has its subject as cause and its object as effect; in the passive
  ("was driven by") the agent is the cause and the subject the effect; a relative clause ("a vacuum, which
  would destabilise ...") takes the noun it hangs on as subject, a participle ("..., resulting in X") the
  clause it modifies;
* a connective ("because", "due to", "in order to", "if") joins the clause or phrase it introduces with the
  clause it attaches to, the cue's direction saying which is the cause;
* a linking adverb ("as a result", "therefore") makes its clause the effect of the clause or sentence before.

Polarity is the cue's sign, flipped when the claim is negated ("did not lead to"); the hedge is the first
modal or hedge word on the claim's verb chain ("may", "likely", "expected"). The sentence classifier's score
is :mod:`realpolitik.extract.causal`'s part: this module imports no classifier, so the classifier's features
can read these rules without an import loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any

from realpolitik.errors import Errors, RealpolitikError
from realpolitik.extract.cues import CueLexicon, CueMatch
from realpolitik.record import ExtractedCausalLink, Mention, SpanEvidence

__all__ = ["check_parsed", "find_rule_links"]

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_OBJECTS = ("dobj", "attr", "oprd")
_CLIMB = ("xcomp", "acomp", "conj", "ccomp", "aux", "auxpass")
_RELATIVE = {"which", "that", "who", "whom", "whose"}
_EDGE_TRIM = {"PUNCT", "CCONJ", "SCONJ", "SPACE"}
_MARK_ONLY = {"as", "since", "if", "unless", "because", "so that", "so long as", "as long as"}


def check_parsed(doc: Any) -> None:
    if not doc.has_annotation("DEP"):
        raise RealpolitikError(Errors.E192.format(what="find_causal_links"))


def _trim(doc: Any, lo: int, hi: int) -> tuple[int, int] | None:
    while lo < hi and (doc[lo].pos_ in _EDGE_TRIM or doc[lo].tag_ == "TO"
                       or doc[lo].lower_ in _RELATIVE and doc[lo].tag_ in ("WDT", "WP")):
        lo += 1
    while hi > lo and doc[hi - 1].pos_ in _EDGE_TRIM:
        hi -= 1
    return (lo, hi) if hi > lo else None


def _block(token: Any, exclude: AbstractSet[int] = frozenset()) -> tuple[int, int] | None:
    """The contiguous run of ``token``'s subtree around it, leaving out ``exclude``, trimmed."""
    return _run_around(token.doc, {t.i for t in token.subtree} - set(exclude), token.i)


def _run_around(doc: Any, ids: AbstractSet[int], centre: int) -> tuple[int, int] | None:
    """The contiguous run of token indices in ``ids`` that holds ``centre``, trimmed (None if ``centre`` is out)."""
    if centre not in ids:
        return None
    lo = hi = centre
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return _trim(doc, lo, hi + 1)


def _subtree_ids(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


def _noun_without(noun: Any, clause: Any) -> tuple[int, int] | None:
    return _block(noun, _subtree_ids(clause))


def _subject(verb: Any, depth: int = 0) -> tuple[int, int] | None:
    """The cause side of an active causal verb: its subject, or what stands for it."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS or depth and child.dep_ in _PASSIVE_SUBJECTS:  # "X is expected to fuel"
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return _noun_without(verb.head, verb)
            return _block(child)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:  # "..., resulting in"
        return _block(verb.head, _subtree_ids(verb))
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:  # "a policy leading to", "which fuels"
        if any(child.tag_ == "TO" for child in verb.children):  # "a desire to curb": whose desire is unsaid
            return None
        return _noun_without(verb.head, verb)
    if verb.dep_ in _CLIMB and verb.head.i != verb.i and depth < 4:
        return _subject(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and depth < 4:
        governor = verb.head.head  # "X has been effective in quelling Y", "X succeeded in curbing Y"
        if governor.i != verb.head.i and governor.pos_ in ("VERB", "AUX", "ADJ"):
            return _subject(governor, depth + 1)
    return None


def _object(verb: Any, cue_heads: set[int]) -> tuple[int, int] | None:
    for dep in _OBJECTS:
        for child in verb.children:
            if child.dep_ == dep:
                complement = _object_complement(verb, child)
                if complement is not None:  # "allowed the firm to profit": the object and what it is let do
                    return _trim(verb.doc, min(t.i for t in child.subtree), max(t.i for t in complement.subtree) + 1)
                return _block(child)
    if verb.dep_ == "amod" and any(child.dep_ in _SUBJECTS for child in verb.children):
        return _block(verb.head, _subtree_ids(verb))  # "A strike fuelled shortages" misparsed as an adjective
    for child in verb.children:  # "helped (to) fuel X": the inner cue makes the link, not the outer
        if child.dep_ in ("xcomp", "ccomp") and (child.i not in cue_heads or not _has_own_object(child)):
            return _block(child)  # "leaving the coast exposed", "needs steady funding": the outer one does
    return None


def _has_own_object(verb: Any) -> bool:
    """Whether an inner cue verb has an object of its own, to make its own link (a participle adjective has none)."""
    return any(child.dep_ in _OBJECTS for child in verb.children) and not _participle_adjective(verb)


def _participle_adjective(verb: Any) -> bool:
    """Whether a past participle the parser made a clause is an adjective on the noun after it ("requires
    *sustained* pressure"): nothing of a clause on it, and its "object" starts right after it."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("xcomp", "ccomp"):
        return False
    if any(child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "agent") for child in verb.children):
        return False
    return any(child.dep_ == "dobj" and min(t.i for t in child.subtree) == verb.i + 1 for child in verb.children)


_RESULT_PREPOSITIONS = {"from", "with", "into", "to"}


def _object_complement(verb: Any, obj: Any) -> Any | None:
    """The predicate after a verb's object ("forced *the army* to retreat", "made *farmers* poorer"), if any."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp", "oprd", "acomp") and child.i > obj.i:
            return child
        if child.dep_ == "prep" and child.i > obj.i and (
                child.lower_ in _RESULT_PREPOSITIONS and any(grandchild.dep_ in ("pobj", "pcomp")
                                                             for grandchild in child.children)):
            return child  # "deterred the rebels from attacking", "provided X with Y", "pushed X into recession"
    return None


def _prep_object(doc: Any, match: CueMatch) -> tuple[int, int] | None:
    """The object of a verb's preposition ("lead *to X*"), or what follows the cue in the verb's subtree."""
    cue_ids = set(range(match.start, match.end))
    for position in reversed(range(match.start, match.end)):
        for child in doc[position].children:
            if child.dep_ in ("pobj", "pcomp", "dobj") and child.i not in cue_ids and child.i > position:
                block = _block(child)
                return None if block is None else _with_trailing_phrases(doc, match, block)
    verb = doc[match.start]
    ids = {t.i for t in verb.subtree if t.i >= match.end}
    if not ids:
        return None
    hi = match.end
    while hi in ids:
        hi += 1
    return _trim(doc, match.end, hi)


def _with_trailing_phrases(doc: Any, match: CueMatch, block: tuple[int, int]) -> tuple[int, int]:
    """The object of "lead to" and the phrases the parser hung on the verb right after it: "leading to injuries
    mostly to the face" is one effect. A phrase holding another cue ("… after the raid") stays out."""
    verb, end = doc[match.start], block[1]
    for child in sorted(verb.children, key=lambda token: token.i):
        if child.i < end or child.dep_ not in ("prep", "advmod", "npadvmod"):
            continue
        ids = sorted(t.i for t in child.subtree)
        if ids[0] != end or ids[-1] - ids[0] + 1 != len(ids) or child.lower_ in _CUE_PREPOSITIONS:
            break
        end = ids[-1] + 1
    return block if end == block[1] else (_trim(doc, block[0], end) or block)


#: prepositions that open a cause or a time of their own ("… after the raid", "… because of X")
_CUE_PREPOSITIONS = {"after", "because", "following", "since", "amid", "amidst", "over", "through", "by", "due",
                     "despite", "before", "during", "until"}


def _passive(verb: Any) -> bool:
    return any(child.dep_ in _PASSIVE_SUBJECTS + ("auxpass",) for child in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl")


def _agent(verb: Any) -> tuple[int, int] | None:
    """The passive's agent; "driven by X, but mostly by Y" gives the run from X to the end of Y."""
    agents = [child for child in verb.children
              if child.dep_ == "agent" or child.dep_ in ("prep", "conj") and child.lower_ == "by"]
    for child in agents:
        if child.dep_ != "agent":
            continue
        for grandchild in child.children:
            if grandchild.dep_ in ("pobj", "pcomp"):
                first = _block(grandchild)
                last = max((t.i for other in agents if other.i > child.i for t in other.subtree), default=None)
                if first is None or last is None:
                    return first
                return _trim(verb.doc, first[0], last + 1)
    return None


def _passive_subject(verb: Any) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in _PASSIVE_SUBJECTS:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return _noun_without(verb.head, verb)
            return _block(child)
    if verb.dep_ in ("acl", "relcl") and verb.head.i != verb.i:  # "instability caused by X"
        return _noun_without(verb.head, verb)
    if verb.dep_ in _CLIMB and verb.head.i != verb.i:  # "appear to be driven by"
        return _subject(verb.head)
    return None


def _has_complement(verb: Any) -> bool:
    """Whether a verb has a predicate of its object: "made farmers poorer" (however the parser attaches it)."""
    if any(child.dep_ in ("ccomp", "xcomp", "oprd", "acomp") for child in verb.children):
        return True
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        after = [g for g in child.children if g.i > child.i]
        if child.pos_ != "NOUN" and any(g.dep_ in ("amod", "acl") for g in after):
            return True
        # an adjective straight after a noun object is its predicate ("making any common front hard to build")
        if any(g.i == child.i + 1 and g.dep_ in ("amod", "advmod")
               and (g.pos_ == "ADJ" or any(gg.dep_ == "xcomp" for gg in g.children)) for g in after):
            return True  # (or "hard" taken for an adverb with its infinitive)
    return False


def _verb_sides(doc: Any, match: CueMatch, cue_heads: set[int],
                lexicon: CueLexicon) -> tuple[Any, Any, Any] | None:
    """(cause, effect, anchor verb) of a verb cue."""
    verb = doc[match.start]
    if match.cue.cue in lexicon.complement_verbs and not _has_complement(verb):
        return None  # "made a decision", "made its way": a light verb, no claim
    if match.cue.kind == "verb" and _passive(verb):
        cause, effect = _agent(verb), _passive_subject(verb)
        return (cause, effect, verb) if cause and effect else None
    if match.cue.kind == "verb_prep" and match.cue.direction == "effect-first" and _passive(verb):
        first = _passive_subject(verb)  # "the rise is attributed to X"
    else:
        first = _subject(verb)
    second = _prep_object(doc, match) if match.cue.kind == "verb_prep" else _object(verb, cue_heads)
    if first is None or second is None:
        return None
    return (first, second, verb) if match.cue.direction == "cause-first" else (second, first, verb)


def _purpose_infinitive(verb: Any, lexicon: CueLexicon) -> bool:
    """Whether an infinitive states a purpose: an adverbial clause, a clause on the verb's object, or the
    complement of a verb of use ("utilised the threats to emphasise ...")."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in lexicon.intention_nouns:
        return False  # "the decision to build a dam": what was decided, not what it was for
    if verb.dep_ == "advcl" or (verb.dep_ == "acl" and verb.head.dep_ == "dobj"):
        return True
    governor = verb.head
    return (verb.dep_ == "xcomp" and governor.lemma_.lower() in lexicon.means_verbs
            and any(child.dep_ == "dobj" for child in governor.children))


_NOT_MEANS = {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"}


def _means_phrase(preposition: Any) -> bool:
    """'through X' on a verb, X not a place or a time ("through the mountains", "through 2022")."""
    if preposition.dep_ != "prep" or preposition.head.pos_ not in ("VERB", "AUX"):
        return False
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    return bool(objects) and all(obj.ent_type_ not in _NOT_MEANS for obj in objects)


_TEMPORAL_PREPOSITIONS = {"over", "after", "following", "since", "amid", "amidst"}
_NOT_CAUSE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC", "FAC"}
_TIME_WORDS = {"while", "time", "period", "year", "years", "month", "months", "week", "weeks", "day", "days",
               "decade", "decades", "summer", "winter", "spring", "autumn", "course", "past", "half", "horizon"}


def _names_time(preposition: Any, kinds: set[str]) -> bool:
    """Whether a preposition's object is a time, a number or a place ("over the summer", "after a while")."""
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    return bool(objects) and all(obj.ent_type_ in kinds or obj.lower_ in _TIME_WORDS for obj in objects)


def _means_gerund(preposition: Any) -> bool:
    """Whether "by" introduces a gerund ("by holding talks", or "by occupying mines" parsed as a noun phrase)."""
    return preposition.dep_ == "prep" and any(
        child.dep_ == "pcomp" and child.tag_ == "VBG" or child.dep_ == "pobj" and _gerund_first(child)
        for child in preposition.children)


def _gerund_first(noun: Any) -> bool:
    """Whether a noun phrase opens with a gerund the parser took for an adjective ("by *occupying* mines")."""
    first = min(noun.subtree, key=lambda token: token.i)
    return first.tag_ == "VBG" and first.i == noun.i - 1 or (first.tag_ == "VBG" and first.dep_ == "amod")


def _connective_sides(doc: Any, match: CueMatch, lexicon: CueLexicon) -> tuple[Any, Any, Any] | None:
    """(cause, effect, anchor) of a connective: the part it introduces and the clause it attaches to."""
    cue_ids = set(range(match.start, match.end))
    last = doc[match.end - 1]
    text = match.cue.cue
    if text in _MARK_ONLY and last.dep_ != "mark":
        return None
    if text == "to" and not (last.tag_ == "TO" and _purpose_infinitive(last.head, lexicon)):
        return None
    if text == "through" and not _means_phrase(last):
        return None
    if text in _TEMPORAL_PREPOSITIONS and last.dep_ == "prep" and _names_time(last, _NOT_CAUSE):
        return None  # "over the summer", "after a while", "since 2021": a time or a place, not a cause
    if text == "as" and match.start > 0 and doc[match.start - 1].pos_ in ("ADV", "ADJ"):  # "as soon as"
        return None
    if text == "by" and not _means_gerund(last):  # "by holding talks, X did Y" (an agent is the passive's business)
        return None
    intro = None
    if last.dep_ in ("aux", "mark"):
        intro = last.head
    else:
        for position in reversed(range(match.start, match.end)):
            intro = next((c for c in doc[position].children if c.dep_ in ("pobj", "pcomp") and c.i not in cue_ids),
                         None)
            if intro is not None:
                break
    if intro is None or intro.i in cue_ids:
        # "Absent a settlement, war will follow" with "Absent" parsed as a verb: the clause up to the comma
        split = _opening_clause(doc, match)
        return None if split is None else _ordered(match, _kept(doc, match, split[0]), split[1],
                                                   doc[match.start].sent.root)
    intro_ids = _subtree_ids(intro) - cue_ids
    attach = intro.head
    while (attach.i in cue_ids or attach.i in intro_ids or attach.pos_ == "ADP") and attach.head.i != attach.i:
        attach = attach.head
    if attach.i in cue_ids or attach.i in intro_ids:
        return None
    while (attach.dep_ == "acl" and attach.tag_ == "VBN" and attach.head.i != attach.i
           and all(child.i in intro_ids or child.i in cue_ids for child in attach.children)):
        attach = attach.head  # "raise the aid sent in order to X": the clause, not "sent"
    if attach.dep_ == "dobj" and attach.head.i != attach.i:  # "used the talks to gain time": the whole clause
        attach = attach.head
    if attach.dep_ == "pobj" and (attach.ent_type_ in ("DATE", "TIME") or attach.lower_ in _TIME_WORDS):
        attach = attach.head.head  # "closed for some weeks due to X": the clause, not the time
    top = min((doc[i] for i in cue_ids), key=lambda t: len(list(t.ancestors)))
    inner = _block(intro, cue_ids)
    outer = _block(attach, intro_ids | cue_ids | _subtree_ids(top))
    if (outer is not None and outer[1] - outer[0] == 1 and doc[outer[0]].dep_ in ("advcl", "amod", "parataxis")
            and outer[0] > 0 and doc[outer[0] - 1].is_punct and attach.head.i != attach.i
            and attach.head.i < attach.i):
        # "Trade is steady — predictable given X": the comment is on the clause before it
        outer = _block(attach.head, _subtree_ids(attach))
    if outer is not None and not _contentful(doc, outer) and attach.dep_ == "conj" and attach.pos_ == "AUX":
        # "That X happened was a consequence of Y", parsed as two coordinated clauses: the first one is the side
        outer = _block(attach.head, _subtree_ids(attach))
    if last.dep_ == "mark":
        split = _opening_clause(doc, match)
        if split is not None:  # "If A, B": the parse may hang the mark on a word inside A
            inner, outer = split
    return _ordered(match, None if inner is None else _kept(doc, match, inner), outer, attach)


def _ordered(match: CueMatch, inner: tuple[int, int] | None, outer: tuple[int, int] | None,
             anchor: Any) -> tuple[Any, Any, Any] | None:
    """(cause, effect, anchor) from the part a connective introduces and the clause it attaches to."""
    if inner is None or outer is None:
        return None
    return (inner, outer, anchor) if match.cue.direction == "effect-first" else (outer, inner, anchor)


def _kept(doc: Any, match: CueMatch, inner: tuple[int, int]) -> tuple[int, int] | None:
    """The side a cue introduces, from the cue's kept word on ("in the absence of X": "absence of X")."""
    if match.cue.keeps is None:
        return inner
    kept = next(i for i in range(match.start, match.end) if doc[i].lower_ == match.cue.keeps)
    return _trim(doc, kept, inner[1])


def _opening_clause(doc: Any, match: CueMatch) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A sentence that opens with a subordinator ("If the loans are not repaid, the lender will seize the port"):
    the clause up to the comma before the main clause's subject or verb, and the main clause; None for any other
    sentence."""
    sentence = doc[match.start].sent
    if any(not (t.is_punct or t.is_space) for t in doc[sentence.start:match.start]):
        return None
    root = sentence.root
    if root.i < match.end:
        return None
    opens_main = {root.i} | {t.i for child in root.children if child.dep_ in (*_SUBJECTS, *_PASSIVE_SUBJECTS,
                                                                          "expl", "aux", "auxpass", "neg")
                             for t in child.subtree}
    commas = [i for i in range(match.end, root.i) if doc[i].text == "," and i + 1 in opens_main]
    if not commas:
        return None
    inner, outer = _trim(doc, match.end, commas[-1]), _trim(doc, commas[-1] + 1, sentence.end)
    return (inner, outer) if inner is not None and outer is not None else None


_COPULAS = {"be", "become", "remain", "prove", "seem", "appear", "serve", "act", "represent", "constitute"}


def _predicate_sides(doc: Any, match: CueMatch) -> tuple[Any, Any, Any] | None:
    """(cause, effect, anchor) of a predicate noun or adjective: "X is a driver of Y", "X, a result of Y",
    "X proved key to Y", "X served as a catalyst for Y"; the preposition's object is one side, what the
    predicate is said of the other."""
    head, preposition = doc[match.start], doc[match.end - 1]
    objects = [child for child in preposition.children if child.dep_ in ("pobj", "pcomp")]
    if preposition.head.i != head.i or not objects:
        return None
    other = _block(objects[0])
    holder = None
    governor = head.head
    if head.dep_ == "pobj" and governor.lower_ == "as":  # "served as a catalyst for"
        head, governor = governor, governor.head
    if (head.dep_ in ("attr", "acomp", "oprd", "xcomp") or head.lower_ == "as") and governor.lemma_.lower() in _COPULAS:
        subject = next((c for c in governor.children if c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS), None)
        if subject is not None:
            holder = (_noun_without(governor.head, governor) if subject.lower_ in _RELATIVE and governor.dep_ ==
                      "relcl" else _block(subject))
        elif governor.dep_ in _CLIMB:
            holder = _subject(governor.head)
    elif (head.dep_ == "appos" or head.lower_ == "as") and governor.i != head.i:
        holder = _block(governor, _subtree_ids(head))  # "the coup, a result of neglect", "raids as revenge for X"
    elif head.dep_ in ("nsubj", "nsubjpass") and governor.lemma_.lower() in _COPULAS:  # "the driver of X is Y"
        attribute = next((c for c in governor.children if c.dep_ in ("attr", "acomp")), None)
        holder = _block(attribute) if attribute is not None else None
    if holder is None or other is None:
        return None
    if match.cue.direction == "effect-first":
        return other, holder, governor
    return holder, other, governor


def _adverbial_sides(doc: Any, match: CueMatch) -> tuple[Any, Any, Any] | None:
    """(cause, effect, anchor) of a linking adverb: its clause is the effect of what came before."""
    cue_ids = set(range(match.start, match.end))
    if match.cue.cue == "so" and not _linking_so(doc, match.start):
        return None
    top = min((doc[i] for i in cue_ids), key=lambda t: len(list(t.ancestors)))
    verb = top.head
    if verb.i in cue_ids:
        return None
    effect = _block(verb, cue_ids | _subtree_ids(top))
    if effect is not None and effect[1] <= match.start and not _contentful(doc, effect):
        # "There is therefore a gap": the adverb splits the clause; the side runs over it
        effect = _trim(doc, effect[0], max(t.i for t in verb.subtree) + 1)
    # a coordinated or subordinate clause, or a verbless "X has been neglected, hence the crisis": the clause above
    clause = verb.head
    if verb.pos_ in ("NOUN", "PROPN"):
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
    if (verb.dep_ in ("conj", "advcl", "xcomp") or verb.pos_ in ("NOUN", "PROPN")) and clause.i != verb.i:
        cause = _block(clause, _subtree_ids(verb))
    else:
        sentence = doc[match.start].sent
        if sentence.start == 0:
            return None
        previous = doc[sentence.start - 1].sent
        cause = _trim(doc, previous.start, previous.end)
    if cause is None or effect is None:
        return None
    return cause, effect, verb


def _linking_so(doc: Any, position: int) -> bool:
    """Whether "so" links two statements ("prices rose, so people protested"), not "so far", "so much", "do so",
    "in so doing" or "the more so"."""
    after = doc[position + 1] if position + 1 < len(doc) else None
    before = doc[position - 1] if position > 0 else None
    if after is not None and (after.pos_ in ("ADJ", "ADV") or after.lower_ == "doing"):
        return False
    return not (before is not None and (before.lemma_.lower() == "do" or before.lower_ in ("more", "less", "even")))


def _chain(anchor: Any) -> Iterable[Any]:
    token, steps = anchor, 0
    while True:
        yield token
        if token.dep_ not in _CLIMB or token.head.i == token.i or steps >= 4:
            return
        token, steps = token.head, steps + 1


def _hedge_and_negation(anchor: Any, lexicon: CueLexicon) -> tuple[str | None, bool]:
    hedge, negated = None, False
    for token in _chain(anchor):
        if token.i != anchor.i and hedge is None and token.lemma_.lower() in lexicon.hedges:
            hedge = token.lower_
        for child in token.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
                negated = True
            elif hedge is None and child.dep_ in ("aux", "advmod", "auxpass") and (
                    child.lower_ in lexicon.hedges or child.lemma_.lower() in lexicon.hedges):
                hedge = child.lower_
        if token.i != anchor.i and token.lemma_.lower() in lexicon.negators:  # "failed to prevent"
            negated = True
    return hedge, negated


_MAX_WORDS = 30
#: what a long side sheds first, in this order: asides and clauses hanging on its head, then its other parts
_SHED = (("parataxis", "appos", "relcl", "advcl", "cc", "conj", "punct"),
         ("acl", "ccomp", "prep", "npadvmod", "advmod"))


def _words(doc: Any, side: tuple[int, int]) -> int:
    return sum(1 for token in doc[side[0]:side[1]] if not token.is_punct)


def _shorten(doc: Any, side: tuple[int, int]) -> tuple[int, int] | None:
    """A side of at most 30 words: a longer one sheds the clauses and asides on its head ("the talks, which
    began in spring after months of delay, ..." keeps "the talks"); None when even that is too long."""
    if _words(doc, side) <= _MAX_WORDS:
        return side
    inside = range(*side)
    root = next((doc[i] for i in inside if doc[i].head.i not in inside or doc[i].head.i == i), doc[side[0]])
    shed: set[int] = set()
    for deps in _SHED:
        shed |= {t.i for child in root.children if child.dep_ in deps for t in child.subtree}
        ids = set(inside) - shed
        if root.i not in ids:
            return None  # the root itself is shed: no phrase is left to name the side
        block = _run_around(doc, ids, root.i)
        if block is not None and _words(doc, block) <= _MAX_WORDS:
            return block
    return None


_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


_EMPTY_PREDICATES = ({"the", "case"}, {"true"}, {"so"})


def _contentful(doc: Any, side: tuple[int, int]) -> bool:
    """Whether a side names something: a content word other than a pronoun ("It", "this" and "before" don't),
    and not only a pronoun said to hold ("if that holds true", "if this is so")."""
    tokens = [token for token in doc[side[0]:side[1]] if not token.is_punct]
    if (len(tokens) >= 3 and tokens[0].pos_ in ("PRON", "DET") and tokens[1].lemma_.lower() == "be"
            and {token.lower_ for token in tokens[2:]} in _EMPTY_PREDICATES):
        return False
    return any(token.pos_ in _CONTENT and token.tag_ not in ("PRP", "PRP$", "WP") for token in tokens)


_DEMONSTRATIVES = {"this", "that"}
_PERSONAL = {"it", "they"}


def _previous_subject(doc: Any, previous: Any, *, plural: bool) -> tuple[int, int] | None:
    """What "it" or "they" opening a sentence most often stands for: the subject of the sentence before, when
    that is a noun phrase of the same number ("The river council's plans … . They have …")."""
    subject = next((child for child in previous.root.children if child.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    many = subject.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in subject.children)
    if many != plural:
        return None
    block = _block(subject)
    return None if block is None else _shorten(doc, block)


def _antecedent(doc: Any, side: tuple[int, int], anchor: Any) -> tuple[int, int]:
    """A side that is a lone "this" or "that" opening its sentence ("This will cede the initiative") stands for
    the sentence before: its main clause, shortened like any side. Any other side is returned as it is."""
    lo, hi = side
    if hi - lo != 1 or doc[lo].lower_ not in _DEMONSTRATIVES | _PERSONAL or doc[lo].dep_ not in (
            _SUBJECTS + _PASSIVE_SUBJECTS):
        return side
    sentence = doc[lo].sent
    verb = doc[lo].head
    # only punctuation, or adjuncts of its verb ("In May, this led to ..."), before it
    adjuncts = {t.i for child in verb.children if child.dep_ in ("advmod", "prep", "npadvmod", "cc", "punct")
                and child.i < lo for t in child.subtree}
    if sentence.start == 0 or any(not t.is_punct and not t.is_space and t.i not in adjuncts
                                  for t in doc[sentence.start:lo]):
        return side
    previous = doc[sentence.start - 1].sent
    if previous.root.pos_ not in ("VERB", "AUX"):
        return side  # a heading, not a statement
    if doc[lo].lower_ in _PERSONAL:
        return _previous_subject(doc, previous, plural=doc[lo].lower_ == "they") or side
    whole = _trim(doc, previous.start, previous.end)
    return side if whole is None else (_shorten(doc, whole) or side)


def _with_antecedent(doc: Any, side: tuple[int, int]) -> tuple[int, int]:
    """A side that opens with "whose" ("whose importance has grown") reaches back to the noun the
    clause hangs on: "the southern canal, whose importance has grown" names what it is about."""
    first = doc[side[0]]
    if first.lower_ != "whose":
        return side
    clause = next((t for t in first.ancestors if t.dep_ == "relcl"), None)
    if clause is None or clause.head.i >= side[0]:
        return side
    noun = clause.head
    start = min(t.i for t in noun.subtree)
    return _trim(doc, start, side[1]) or side


def _mention(doc: Any, lo: int, hi: int) -> Mention:
    return Mention(start=doc[lo].idx, end=doc[hi - 1].idx + len(doc[hi - 1].text))


def find_rule_links(doc: Any, matches: list[CueMatch], lexicon: CueLexicon, *,
                    score_of: Callable[[CueMatch], float] | None = None,
                    threshold: float = 0.0) -> list[ExtractedCausalLink]:
    """The claims the parse rules read around each cue match, in text order.

    ``score_of`` gives a match's sentence score (the classifier's, in :func:`realpolitik.extract.find_causal_links`);
    a link on a *weak* cue whose score is below ``threshold`` is left out. Without it every link is kept and its
    ``score`` is None; the classifier's structure features call it so.
    """
    links: list[ExtractedCausalLink] = []
    seen: set[tuple] = set()
    cue_heads = {match.start for match in matches}
    for match in matches:
        kind = match.cue.kind
        sides = (_verb_sides(doc, match, cue_heads, lexicon) if kind in ("verb", "verb_prep") else
                 _connective_sides(doc, match, lexicon) if kind == "connective" else
                 _predicate_sides(doc, match) if kind == "predicate" else _adverbial_sides(doc, match))
        if sides is None:
            continue
        cause, effect, anchor = sides
        cause, effect = _antecedent(doc, cause, anchor), _antecedent(doc, effect, anchor)
        cause, effect = _with_antecedent(doc, cause), _with_antecedent(doc, effect)
        cause, effect = _shorten(doc, cause), _shorten(doc, effect)
        if cause is None or effect is None:
            continue  # a side still longer than a phrase after shedding its clauses names no concept
        cause_text, effect_text = doc[cause[0]:cause[1]].text.lower(), doc[effect[0]:effect[1]].text.lower()
        if cause_text in effect_text or effect_text in cause_text:
            continue  # one side inside the other says nothing
        if set(range(*cause)) & set(range(*effect)) or (cause, effect) in seen:
            continue
        if not (_contentful(doc, cause) and _contentful(doc, effect)):
            continue  # "It -> their concerns", "the US -> before": no claim a reader could use
        score = None if score_of is None else score_of(match)
        if score is not None and match.cue.strength == "weak" and score < threshold:
            continue
        seen.add((cause, effect))
        hedge, negated = _hedge_and_negation(anchor, lexicon)
        lo = min(cause[0], effect[0], match.start)
        hi = max(cause[1], effect[1], match.end)
        evidence = _mention(doc, lo, hi)
        cause_span, effect_span = _mention(doc, *cause), _mention(doc, *effect)
        links.append(ExtractedCausalLink(
            cause=doc[cause[0]:cause[1]].text,
            effect=doc[effect[0]:effect[1]].text,
            polarity=match.cue.polarity * (-1 if negated else 1),
            hedge=hedge,
            evidence=SpanEvidence(start=evidence.start, end=evidence.end, text=doc[lo:hi].text),
            cue=doc[match.start:match.end].text,
            cue_kind=kind,
            strength=match.cue.strength,
            score=None if score is None else round(score, 4),
            negated=negated,
            cause_span=cause_span,
            effect_span=effect_span,
        ))
    links.sort(key=lambda link: (link.evidence.start, link.evidence.end))
    return links
