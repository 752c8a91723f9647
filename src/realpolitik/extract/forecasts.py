"""Forecasts: the author's future or hedged statements, read as ICD 203 bands through the estimative-term table.

A forecast is found from one of five anchors, each giving the clause the forecast is about:

* a **modal** on a verb ("will", "would", "may", "can", "could still", "cannot afford") or a **hedge** taking a
  *to*-infinitive ("is expected to", "are likely to", "aims to"), where the words from the modal or hedge up to
  the verb contain a term of the table (``lang/en/estimative.yaml``, or the user's table); the longest wins;
* a **predicate** adjective of chance or of the future ("a defeat is very unlikely", "it is conceivable that
  X", "this is only temporary");
* a **noun of chance** with what may happen ("the risk of escalation", "the potential for reform", "one
  scenario is that X") or an adjective of chance on a happening ("a potential war");
* an **idiom** of the future ("is not on the cards");
* a **time** that lies ahead, in a present-tense clause ("difficult decisions over the coming weeks", a date
  after the text's reference date).

The cue words are data (``lang/en/forecast_cues.yaml``); a cue that is not an estimative term names the term
it reads like, so its band follows the table in use. One forecast is kept per clause: a term that governs the
clause from outside ("it is likely that ...") over one inside it, a modal over a predicate, a predicate over a
noun, a noun over a time.

Not forecasts: a clause reported under a past-tense reporting verb ("officials believed the truce would hold"),
a past modal ("could have avoided"), a past hedge ("was expected to"), a question, "would" of a wish or opinion
("would rather", "would argue"), "can" of ability or a general truth ("one can see", "tanks can be held",
"can be considered"), and "should" of advice: someone told what to do ("the allies should act", "X should be
told to leave"); "should" is an expectation only with an expletive subject, or a copula under a subject that
is not an agent, or a time ahead ("prices should fall next year"). A negated forecast keeps the author's
polarity: "X will not engage" is a *very likely* forecast that X will not engage (``negated`` is set), as in
the model format. A conditional forecast ("if A, B will ...") keeps its condition in ``condition``.

The statement is a readable clause with its subject: the subject is borrowed from a coordinated clause, from
the noun a relative clause hangs on ("a corridor which would bypass X" -> "a corridor would bypass X"), or
from the noun phrase the modal follows; a heading the parser ran into the sentence, a leading "that" or "how"
and a quotation closed before the clause are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from realpolitik.errors import Errors, RealpolitikError
from realpolitik.lang.estimative import ICD203_BANDS, read_term_table
from realpolitik.record import ExtractedForecast, Mention, SpanEvidence

__all__ = ["find_forecasts"]

_WINDOW = 6  # tokens after the verb that may still belong to the term ("have no choice but to")
_TRIM = {"PUNCT", "CCONJ", "SPACE"}
_PAST_AUX = {"was", "were", "had", "did"}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_CLAUSAL = ("ccomp", "csubj", "acl", "advcl", "relcl", "xcomp", "appos")
_RANK = {"modal": 0, "predicate": 1, "nominal": 2, "idiom": 2, "time": 3}
_OPEN_QUOTES, _CLOSE_QUOTES = {"“", "‘", '"'}, {"”", "’", '"'}
_AGENT_ENTITIES = {"PERSON", "NORP", "ORG", "GPE"}


@dataclass(frozen=True)
class _Cues:
    """The words of ``forecast_cues.yaml``, as sets and mappings."""

    reporting: frozenset[str]
    reporting_nouns: frozenset[str]
    factive_nouns: frozenset[str]
    conditions: frozenset[str]
    not_after_would: frozenset[str]
    generic_subjects: frozenset[str]
    interpretive: frozenset[str]
    agent_nouns: frozenset[str]
    personal_pronouns: frozenset[str]
    copulas: frozenset[str]
    intention: frozenset[str]
    predicate_adjectives: Mapping[str, str]
    chance_nouns: Mapping[str, frozenset[str]]
    chance_like: str
    chance_modifiers: Mapping[str, str]
    attributive: Mapping[str, str]
    happenings: frozenset[str]
    idioms: tuple[tuple[str, ...], ...]
    idiom_like: str
    future_time: tuple[tuple[str, ...], ...]
    time_nouns: frozenset[str]
    time_like: str


def _happenings(lang: str) -> frozenset[str]:
    """The lemmas of the event lexicon (``lang/<code>/events.yaml``): nouns that name a happening."""
    resource = files("realpolitik") / "lang" / lang / "events.yaml"
    table = YAML(typ="safe").load(resource.read_text(encoding="utf-8"))
    return frozenset(str(lemma).lower() for key, lemmas in table.items() if isinstance(lemmas, list)
                     for lemma in lemmas)


@lru_cache(maxsize=2)
def _cues(lang: str = "en") -> _Cues:
    resource = files("realpolitik") / "lang" / lang / "forecast_cues.yaml"
    t = YAML(typ="safe").load(resource.read_text(encoding="utf-8"))
    words = lambda key: frozenset(str(w).lower() for w in t[key])  # noqa: E731
    return _Cues(
        reporting=words("reporting_verbs"), reporting_nouns=words("reporting_nouns"),
        factive_nouns=words("factive_nouns"), conditions=words("conditions"),
        not_after_would=words("not_after_would"), generic_subjects=words("generic_subjects"),
        interpretive=words("interpretive_verbs"), agent_nouns=words("agent_nouns"),
        personal_pronouns=words("personal_pronouns"), copulas=words("copulas"), intention=words("intention_verbs"),
        predicate_adjectives=dict(t["predicate_adjectives"]),
        chance_nouns={noun: frozenset(c) for noun, c in t["chance_nouns"].items()},
        chance_like=t["chance_nouns_read_like"], chance_modifiers=dict(t["chance_modifiers"]),
        attributive=dict(t["attributive_adjectives"]),
        happenings=_happenings(lang),
        idioms=tuple(tuple(i) for i in t["future_idioms"]), idiom_like=t["future_idioms_read_like"],
        future_time=tuple(tuple(i) for i in t["future_time"]), time_nouns=words("time_nouns"),
        time_like=t["future_time_read_like"])


@dataclass
class _Candidate:
    """One reading of a forecast before the choice of one per clause."""

    first: int  # first token of the term
    end: int  # token after the term
    verb: Any  # the predicate the term bears on (negation, condition)
    head: Any  # the token whose clause is the statement
    band: str
    kind: str
    negated: bool = False
    subject_from: int | None = None  # where the statement starts when its subject stands apart ("with X expected")

    @property
    def outer(self) -> bool:
        """Whether the term governs the clause from outside it ("it is likely that ...", "the risk that ...")."""
        return not self.head.left_edge.i <= self.first <= self.head.right_edge.i


def _text(doc: Any, lo: int, hi: int) -> str:
    return doc[lo:hi].text  # the span's own words: joining the whole doc's text each time is slow


# --- modals and hedges ----------------------------------------------------------------------------------------


def _main_verb(token: Any) -> Any:
    """A modal's verb: through auxiliaries the parser made heads ("might feel attracted" -> attracted)."""
    head = token.head
    while head.dep_ in ("aux", "auxpass") and head.head.i != head.i and head.head.i > head.i:
        head = head.head
    return head


def _anchors(doc: Any) -> list[tuple[int, Any]]:
    """(first token of the term, the forecast's verb): modals on a verb, hedges with a to-infinitive."""
    found = []
    for token in doc:
        if token.tag_ == "MD" and token.dep_ in ("aux", "auxpass") and token.head.i > token.i:
            found.append((token.i, _main_verb(token)))
        for child in token.children:
            if child.dep_ == "xcomp" and child.i > token.i and any(c.tag_ == "TO" for c in child.children):
                group = {c.i for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")}
                if token.dep_ == "acomp" and token.head.lemma_ == "be":  # "are (also) likely to"
                    group |= {token.head.i} | {c.i for c in token.head.children if c.dep_ in ("aux", "neg", "advmod")}
                first = token.i
                while first - 1 in group:  # the verb group right before the hedge, not "However, it would be"
                    first -= 1
                found.append((first, child))
    return found


def _term(doc: Any, first: int, verb: Any, terms: Mapping[str, str]) -> tuple[str, str, int] | None:
    """The longest table term that begins between ``first`` and the verb: (term, band, token after it).

    The words after the verb count too, so that "will have no choice but to" is read whole; a term is found by
    its words or by their lemmas ("aims to" by "aim to").
    """
    hi = min(verb.i + 1 + _WINDOW, doc[first].sent.end)
    forms = [doc[i].lower_ for i in range(first, hi)]
    lemmas = [doc[i].lemma_.lower() for i in range(first, hi)]
    best = None
    for begin in range(0, verb.i - first + 1):
        for stop in range(begin + 1, len(forms) + 1):
            for tokens in (forms, lemmas):
                words = " ".join(tokens[begin:stop]).replace(" n't", "n't").replace("can not", "cannot")
                band = terms.get(words)
                if band is None and stop - begin == 2 and tokens[begin:stop] == ["can", "not"]:
                    band = terms.get("cannot")
                if band is not None and (best is None or len(words) > len(best[0])):
                    best = (words, band, first + stop)
    return best


def _absolute(token: Any) -> bool:
    """A participle after "with NP" ("with prices expected to rise"): untensed, whatever its tag says."""
    if any(c.dep_ == "mark" and c.lower_ in ("with", "without") for c in token.children):
        return True
    i = token.i - 1
    while i >= 0 and token.doc[i].pos_ == "ADV":
        i -= 1
    if i < 0:
        return False
    noun = token.doc[i]
    while noun.dep_ in ("conj", "compound", "amod", "appos") and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ == "pobj" and noun.head.lower_ in ("with", "without")


def _past(token: Any) -> bool:
    """A past-tense verb or copula ("was expected", "aimed to", "were likely"), not a participle after "with"."""
    if _absolute(token):
        return False
    if token.tag_ == "VBD":
        return True
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if token.tag_ == "VBN" and not auxiliaries and any(c.dep_ == "nsubj" for c in token.children):
        return True  # "whose mission aimed to": a past tense the tagger read as a participle
    return any(c.lower_ in _PAST_AUX for c in auxiliaries)


def _present(token: Any) -> bool:
    """A present-tense verb or copula with its own subject ("aims to", "is determined to", "are planning to")."""
    verb = token.head if token.dep_ == "acomp" else token
    if not any(c.dep_ in _SUBJECTS for c in verb.children) and verb.dep_ != "relcl":
        return False
    return verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
                                              for c in verb.children)


def _reported(verb: Any, cues: _Cues) -> bool:
    """Under a past-tense reporting verb ("officials believed it would hold"), or a reporting noun in a past
    clause ("made in the expectation that it would be refused")."""
    token = verb
    while token.head.i != token.i:
        dep, token = token.dep_, token.head
        if dep in ("ccomp", "xcomp", "advcl", "conj") and token.lemma_.lower() in cues.reporting \
                and not _absolute(token) and (token.tag_ == "VBD" or token.tag_ == "VBN" and any(
                    c.lower_ in _PAST_AUX for c in token.children)):
            return True
        if dep in ("acl", "ccomp", "appos") and token.pos_ == "NOUN" and token.lemma_.lower() in cues.factive_nouns:
            return True
        if dep in ("acl", "ccomp", "appos", "relcl") and token.pos_ == "NOUN" \
                and token.lemma_.lower() in cues.reporting_nouns:
            finite = _finite(token)
            if finite is not None and (_past(finite) or _past_modal(finite)):
                return True
    return False


def _past_modal(verb: Any) -> bool:
    return verb.tag_ == "VBN" and any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)


def _subject(verb: Any) -> Any | None:
    """The verb's subject, or for a relative clause whose pronoun is its subject, the noun it hangs on."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    if subject is None and verb.dep_ in ("relcl", "acl"):
        return verb.head
    return subject


def _agentive(subject: Any, cues: _Cues, mentioned: set[int]) -> bool:
    """Whether a subject names someone who acts: an actor or person, a personal pronoun, an agent noun."""
    if subject.lower_ in cues.personal_pronouns or subject.lemma_.lower() in cues.agent_nouns:
        return True
    return any(t.ent_type_ in _AGENT_ENTITIES or t.i in mentioned for t in subject.subtree)


def _generic(subject: Any | None, cues: _Cues) -> bool:
    """A subject that states a general truth: "one", "you", a bare or indefinite common noun ("tanks", "a power")."""
    if subject is None:
        return False
    if subject.lower_ in cues.generic_subjects:
        return True
    if subject.pos_ != "NOUN":
        return False
    determiners = [c for c in subject.children if c.dep_ in ("det", "poss", "nummod")]
    return not determiners or all(d.lower_ in ("a", "an", "any") for d in determiners)


def _interpretive(verb: Any, cues: _Cues) -> bool:
    """A passive verb of seeing, judging or describing ("could be seen as"), also as a participle the tagger read
    as an adjective ("can be exaggerated"); in the active, "X might consider leaving" is a forecast."""
    words = {verb.lemma_.lower()} if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) else set()
    if verb.lemma_ == "be":
        for child in verb.children:
            if child.dep_ == "acomp" and child.lower_.endswith("ed"):
                words |= {child.lower_[:-1], child.lower_[:-2]}  # "can be exaggerated"
    return bool(words & cues.interpretive)


def _in_relative(verb: Any) -> bool:
    """Whether the verb's clause is a relative or question clause ("the drones it can field", "how X can")."""
    token = verb
    while token.dep_ in ("conj", "xcomp") and token.head.i != token.i:
        token = token.head
    if token.dep_ in ("relcl", "acl"):
        return True
    return any(c.tag_ in ("WDT", "WP", "WRB") and c.i < token.i and (
        c.head.i == token.i or c.head.dep_ == "prep" and c.head.head.i == token.i) for c in token.subtree)


def _after_past_narrative(doc: Any, modal: Any) -> bool:
    """A sentence with no present-tense verb right after a past-tense sentence of the same paragraph, or after
    one such "would" sentence that follows it ("They formed cells. A team would find recruits. Another would
    then ...")."""
    sentence = modal.sent
    for _ in range(6):
        if any(t.tag_ in ("VBZ", "VBP") or t.tag_ == "MD" and t.lower_ not in ("would", "'d", "could", "might")
               for t in sentence):
            return False
        if sentence.start == 0 or "\n" in doc[sentence.start - 1].text + doc[sentence.start - 1].whitespace_:
            return False
        before = doc[sentence.start - 1].sent
        root = before.root
        if _past(root) or any(c.dep_ == "aux" and c.lower_ == "had" for c in root.children):
            return True
        if not any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in root.children):
            return False
        sentence = before
    return False


def _modal_reading(doc: Any, modal: Any, verb: Any, cues: _Cues, mentioned: set[int], ahead: set[int]) -> bool:
    """Whether "would", "can", "could", "may", "might" or "should" is a forecast here; "will" always is."""
    word = modal.lower_
    subject = _subject(verb)
    negated = any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in modal.children)
    if word in ("would", "'d"):
        between = {doc[i].lemma_.lower() for i in range(modal.i + 1, verb.i + 1)}
        if between & cues.not_after_would:
            return False
        if subject is not None and subject.lower_ == "it" and verb.lemma_ == "be" and any(
                t.tag_ == "TO" and t.head.i != verb.i for t in verb.subtree if t.i > verb.i):
            return False  # "it would be an error to treat X as Y": a judgement
        return not _after_past_narrative(doc, modal)
    if word in ("can", "ca", "could", "may", "might") and not negated:
        if subject is not None and subject.lower_ in cues.generic_subjects or _interpretive(verb, cues):
            return False  # "one could speculate", "may be seen as": the writer's reading
        if word in ("can", "ca"):
            return not _generic(subject, cues) and not _in_relative(verb)
        return True
    if word == "should":
        if subject is not None and subject.i > modal.i and subject.head.i == verb.i:
            return False  # "Should the truce fail, ...": a condition
        in_clause = {t.i for t in verb.subtree}
        if in_clause & ahead:
            return subject is None or not _agentive(subject, cues, mentioned) or verb.lemma_ in cues.copulas
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or subject is None:
            return False  # "X should be told to leave": advice
        if subject.dep_ == "expl" or subject.lower_ in ("it", "there") and verb.lemma_ in cues.copulas:
            return True
        predicate = any(c.dep_ in ("acomp", "attr") for c in verb.children)
        return verb.lemma_ in cues.copulas and predicate and not _agentive(subject, cues, mentioned)
    return True


def _modal_candidates(doc: Any, table: Mapping[str, str], cues: _Cues, mentioned: set[int],
                      ahead: set[int]) -> list[_Candidate]:
    found = []
    for first, verb in _anchors(doc):
        if _past_modal(verb) or _past_modal(verb.head) and verb.dep_ == "xcomp" or _reported(verb, cues):
            continue  # "might have decided to go" is about the past too
        term = _term(doc, first, verb, table)
        if term is None:
            continue
        words, band, term_end = term
        modal = next((doc[i] for i in range(first, verb.i) if doc[i].tag_ == "MD"), None)
        if modal is not None and not _modal_reading(doc, modal, _main_verb(modal), cues, mentioned, ahead):
            continue
        if any(c.dep_ == "mark" and c.lower_ in cues.conditions for c in _clause_head(verb).children):
            continue  # "if X cannot seize it, Y will": the if-clause is the condition, not a forecast
        if modal is None:  # a hedge: a past one ("was expected to", "aimed to") is history
            hedge = verb.head
            if _past(hedge) or hedge.dep_ == "acomp" and _past(hedge.head):
                continue
            if hedge.lemma_.lower() in cues.intention and not _present(hedge):
                continue  # "a force intended to signal resolve": a purpose, not a plan
        if term_end < len(doc) and doc[term_end].tag_ == "TO" and doc[term_end].head.i == verb.i:
            term_end += 1  # "is unlikely" + "to": the term as the reader sees it
        head = _clause_head(verb)
        subject_from = None
        if _absolute(head):
            noun = doc[head.i - 1]
            while noun.pos_ == "ADV":
                noun = doc[noun.i - 1]
            while noun.dep_ in ("conj", "compound", "amod", "appos"):
                noun = noun.head
            subject_from = noun.left_edge.i
        negated = any(c.dep_ == "neg" for t in (verb, head) for c in t.children) or " not " in f" {words} " \
            or "n't" in words or "cannot" in words
        found.append(_Candidate(first, term_end, verb, head, band, "modal", negated, subject_from))
    return found


# --- predicates, nouns and idioms -----------------------------------------------------------------------------


def _degree_term(doc: Any, adjective: Any, table: Mapping[str, str]) -> tuple[int, str | None]:
    """The adjective with its degree words ("very unlikely"): (first token, its band in the table or None)."""
    first = adjective.i
    while first - 1 >= 0 and doc[first - 1].dep_ == "advmod" and doc[first - 1].head.i == adjective.i:
        first -= 1
    for begin in range(first, adjective.i + 1):
        band = table.get(" ".join(t.lower_ for t in doc[begin:adjective.i + 1]))
        if band is not None:
            return first, band
    return first, None


def _that_clause(*tokens: Any) -> Any | None:
    """A that-clause (or whether-clause) under one of ``tokens``: its verb."""
    for token in tokens:
        for child in token.children:
            if child.dep_ in _CLAUSAL and any(c.dep_ == "mark" and c.lower_ in ("that", "whether")
                                              for c in child.children):
                return child
    return None


def _governor(token: Any) -> Any:
    """The verb a noun phrase belongs to (the clause it stands in)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return _clause_head(current)


def _predicate_candidates(doc: Any, table: Mapping[str, str], cues: _Cues) -> list[_Candidate]:
    found = []
    for token in doc:
        if token.pos_ != "ADJ" or token.dep_ not in ("acomp", "attr"):
            continue
        copula = token.head
        if copula.lemma_.lower() not in cues.copulas or any(c.dep_ == "xcomp" for t in (token, copula)
                                                               for c in t.children):
            continue  # "is likely to" is a hedge, read with the modals; "it is impossible to say" is none
        first, band = _degree_term(doc, token, table)
        if band is None:
            like = cues.predicate_adjectives.get(token.lower_)
            band = table.get(like) if like else None
        if band is None or _past(copula) or _reported(copula, cues):
            continue
        negated = any(c.dep_ == "neg" for c in copula.children) or cues.predicate_adjectives.get(token.lower_) \
            == "cannot"
        if any(c.dep_ == "neg" for c in copula.children) and table.get(f"not {token.lower_}"):
            band, negated = table[f"not {token.lower_}"], False  # "is not likely": unlikely
        clause = _that_clause(token, copula)
        if clause is not None and (_past(clause) or _past_modal(clause)):
            continue  # "it is very likely that they kept their ties": an estimate of the past
        head = clause if clause is not None else _clause_head(copula)
        found.append(_Candidate(min(first, copula.i), max(token.i, copula.i) + 1, copula, head, band, "predicate",
                                negated))
    return found


def _chance_clause(token: Any, allowed: frozenset[str]) -> Any | None:
    """What a noun of chance says may happen: its that-clause, "in which" clause, or the clause it stands in."""
    if "that" in allowed:
        clause = _that_clause(token)
        if clause is None and token.dep_ in ("nsubj", "attr") and token.head.lemma_ == "be":
            clause = _that_clause(token.head)  # "the risk is that X", "one scenario is that X"
        if clause is not None:
            return clause
    for child in token.children:
        if child.dep_ == "relcl" and child.left_edge.lower_ in allowed & {"where", "in"}:
            return child  # "a scenario in which X", "a scenario where X"
        if child.dep_ == "prep" and child.lower_ in allowed & {"of", "for"} and any(
                c.dep_ in ("pobj", "pcomp") for c in child.children):
            return _governor(token)
        if "to" in allowed and child.dep_ in ("acl", "xcomp", "relcl") and any(c.tag_ == "TO" for c in child.children):
            return _governor(token)
    return None


def _nominal_candidates(doc: Any, table: Mapping[str, str], cues: _Cues) -> list[_Candidate]:
    found = []
    default = table.get(cues.chance_like)
    for token in doc:
        lower = token.lower_
        if token.pos_ == "NOUN" and lower in cues.chance_nouns:
            if any(c.lower_ == "no" for c in token.children):
                continue  # "no chance of a deal" states the opposite; left to the clause's own terms
            head = _chance_clause(token, cues.chance_nouns[lower])
            if head is None or head.i not in {t.i for t in token.subtree} and head.i > token.i and (
                    _past(head) or _past_modal(head)):
                continue  # nothing that may happen, or the possibility that something happened
            modifiers = [c for c in token.children if c.dep_ == "amod" and (
                c.lower_ in table or c.lower_ in cues.chance_modifiers)]
            band = next((table.get(c.lower_) or table.get(cues.chance_modifiers[c.lower_]) for c in modifiers), default)
            first = min([token.i] + [c.i for c in modifiers])
            kind = "nominal"
        elif token.dep_ == "amod" and lower in cues.attributive and token.head.pos_ == "NOUN" \
                and token.head.lemma_.lower() in cues.happenings - cues.agent_nouns:
            if any(c.tag_ in ("JJS", "RBS") for c in token.head.children) or any(c.lower_ == "as" for c in
                                                                                   token.children):
                continue  # "the best possible deal", "as soon as possible"
            band = table.get(lower) or table.get(cues.attributive[lower])
            head, first, kind = _governor(token.head), token.i, "nominal"
            if head.lemma_.lower() in cues.interpretive:
                continue  # "one can think of many possible answers"
        else:
            continue
        if band is None or _past(head) or _reported(head, cues):
            continue
        found.append(_Candidate(first, token.i + 1, head, head, band, kind))
    return found


def _sequences(doc: Any, patterns: tuple[tuple[str, ...], ...], time_nouns: frozenset[str] = frozenset()):
    """(start, end) of every token run that reads as one of ``patterns`` (``TIME`` stands for a time noun)."""
    lower = [t.lower_ for t in doc]
    size = len(lower)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for pattern in patterns:
        for word in (time_nouns if pattern[0] == "TIME" else (pattern[0],)):
            by_first.setdefault(word, []).append(pattern)
    for i, word in enumerate(lower):
        for pattern in by_first.get(word, ()):
            if i + len(pattern) <= size and all(lower[i + k] in time_nouns if part == "TIME" else lower[i + k] == part
                                                for k, part in enumerate(pattern)):
                yield i, i + len(pattern)


def _idiom_candidates(doc: Any, table: Mapping[str, str], cues: _Cues) -> list[_Candidate]:
    band = table.get(cues.idiom_like)
    found = []
    for start, end in _sequences(doc, cues.idioms):
        head = _governor(doc[start])
        if band is None or head.i >= start and head.i < end or _past(head) or _reported(head, cues):
            continue
        negated = any(c.dep_ == "neg" for c in head.children)
        found.append(_Candidate(start, end, head, head, band, "idiom", negated))
    return found


def _ahead(doc: Any, cues: _Cues) -> list[tuple[int, int]]:
    """Token ranges of times that lie ahead: future phrases, and dates after the reference date (if known)."""
    spans = list(_sequences(doc, cues.future_time, cues.time_nouns))
    reference = doc._.rp_reference_date if doc.has_extension("rp_reference_date") else None
    if reference and doc.has_extension("rp_dates") and doc._.rp_dates:
        from realpolitik.extract.dates import bounds_of

        last_day = str(reference)[:10]
        for date in doc._.rp_dates:
            first, _ = bounds_of(date.edtf)
            if first and first.replace("X", "0") > last_day and len(first) >= 4:
                span = doc.char_span(date.start, date.end, alignment_mode="expand")
                if span is not None:
                    spans.append((span.start, span.end))
    return spans


def _finite(token: Any) -> Any | None:
    """The nearest tensed verb at or above ``token`` (an infinitive or participle hangs on one)."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and (current.tag_ in ("VBZ", "VBP", "VBD") or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "VBD", "MD") for c in current.children)):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _time_candidates(doc: Any, table: Mapping[str, str], cues: _Cues,
                     spans: list[tuple[int, int]]) -> list[_Candidate]:
    band = table.get(cues.time_like)
    found = []
    for start, end in spans:
        verb = _finite(doc[start:end].root)
        if band is None or verb is None or _past(verb) or _reported(verb, cues):
            continue
        if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lemma_ == "have") for c in verb.children):
            continue  # a modal's clause is read with the modals; a perfect ("has grown over the coming") is not ahead
        if verb.dep_ in ("relcl", "acl"):
            continue  # "the threat it poses in the future" describes a thing; its clause says what is ahead
        head = _clause_head(verb)
        found.append(_Candidate(start, end, verb, head, band, "time"))
    return found


# --- statements -----------------------------------------------------------------------------------------------


def _clause(doc: Any, head: Any, own_heads: set[int]) -> tuple[int, int]:
    """The clause of ``head`` without coordinated clauses that are forecasts of their own."""
    exclude: set[int] = set()
    for child in head.children:
        if child.dep_ == "conj" and child.i in own_heads:
            exclude |= {t.i for t in child.subtree}
            exclude |= {t.i for t in child.lefts if t.dep_ in ("cc", "punct")}
        if child.dep_ == "cc" and any(c.dep_ == "conj" and c.i in own_heads for c in head.children):
            exclude.add(child.i)
    ids = {t.i for t in head.subtree} - exclude
    lo = hi = head.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return lo, hi + 1


def _droppable(token: Any, head: Any) -> bool:
    """A word a statement does not begin with: punctuation, a conjunction, a leading "that", or the relative
    or question word of the clause ("which would ...", "how the state will ...")."""
    if token.pos_ in _TRIM or token.dep_ == "mark" and token.lower_ in ("that", "whether", "with", "without"):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.lower_ == "that" and following is not None and (following.dep_ == "poss" or following.pos_ in (
            "PROPN", "PRON", "DET")):
        return True  # "that Wagner's work would ...": a complementizer, whatever the tagger says
    if token.tag_ in ("WDT", "WP") and token.dep_ in ("nsubj", "nsubjpass") and head.dep_ in ("relcl", "acl"):
        return True
    return token.tag_ in ("WDT", "WP", "WRB") and token.head.i == head.i and token.dep_ not in _SUBJECTS


def _trim(doc: Any, lo: int, hi: int, head: Any) -> tuple[int, int]:
    """The clause without the words it does not begin or end with."""
    while lo < hi and _droppable(doc[lo], head):
        lo += 1
    while hi > lo and doc[hi - 1].pos_ in _TRIM and doc[hi - 1].text not in ("”", "’"):
        hi -= 1
    return lo, hi


def _one_line(doc: Any, lo: int, hi: int, anchor: int) -> tuple[int, int]:
    """The part of lo..hi on the anchor's line: a heading the parser ran into the sentence is not the statement."""
    for i in range(anchor - 1, lo - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            lo = i + 1
            break
    for i in range(max(anchor, lo), hi):
        if "\n" in doc[i].text:
            return lo, i
        if "\n" in doc[i].whitespace_:
            return lo, i + 1
    return lo, hi


def _after_closed_quote(doc: Any, lo: int, anchor: int) -> int:
    """Past a quotation that closes before the statement's term opened inside it (a sentence the parser merged)."""
    depth, start = 0, lo
    for i in range(lo, anchor):
        word = doc[i].text
        if word in _OPEN_QUOTES and doc[i].tag_ == "``":
            depth += 1
        elif word in _CLOSE_QUOTES and doc[i].tag_ == "''":
            if depth == 0:
                start = i + 1
            depth = max(0, depth - 1)
    return start


def _clause_head(verb: Any) -> Any:
    """The token whose subtree is the whole clause: the verb, or the hedge it depends on ("is expected to")."""
    token = verb
    while token.dep_ in ("xcomp", "acomp") and token.head.i != token.i:
        token = token.head
    return token


def _subject_text(head: Any, lo: int) -> str | None:
    """A subject for a clause that has none in its span: a coordinated clause's, or a relative clause's noun."""
    doc = head.doc
    if any(c.dep_ in _SUBJECTS and c.tag_ not in ("WDT", "WP") for c in head.children):
        return None
    if head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN", "PRON") and head.head.i < head.i:
        noun = head.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.dep_ == "acl" \
                and noun.head.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head.head  # "companies linked to the state that could": the companies could
        stop = head.left_edge.i
        left = noun.left_edge.i
        while stop > left and (doc[stop - 1].pos_ in _TRIM or doc[stop - 1].tag_ in ("WDT", "WP")):
            stop -= 1
        return _text(doc, left, stop) if stop > left else None
    token = head
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return None if token.i == head.i else _text(doc, child.left_edge.i, child.right_edge.i + 1)
        if token.dep_ not in ("conj", "xcomp", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _preceding_noun(doc: Any, first: int, lo: int) -> str | None:
    """The noun phrase right before the term on its line, when the parser gave the clause no subject."""
    i = first - 1
    while i >= lo and doc[i].pos_ in ("ADV", "PUNCT") and doc[i].text not in _OPEN_QUOTES | _CLOSE_QUOTES:
        i -= 1
    if i < 0 or "\n" in doc[i].text:
        return None
    for chunk in doc.noun_chunks:
        if chunk.end == i + 1 and chunk.root.pos_ in ("NOUN", "PROPN"):
            start = chunk.start
            while start < chunk.end and "\n" in doc[start].text:
                start += 1
            return _text(doc, start, chunk.end) if start < chunk.end else None
    return None


def _inside(head: Any, heads: set[int]) -> bool:
    """Whether ``head`` lies in the clause of one of ``heads``, not in a clause coordinated with it."""
    current = head
    while current.head.i != current.i:
        if current.head.i in heads:
            return current.dep_ != "conj"
        current = current.head
    return False


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per clause and per term: governing terms first, then modals, predicates, nouns, times."""
    chosen: dict[int, _Candidate] = {}
    taken: set[int] = set()
    for candidate in sorted(candidates, key=lambda c: (not c.outer, _RANK[c.kind], c.first, -(c.end - c.first))):
        if candidate.head.i not in taken:
            chosen[candidate.head.i] = candidate
            taken.add(candidate.head.i)
            if candidate.outer:
                taken.add(candidate.verb.i)  # "in the future it is conceivable that X": the copula is the term's
    stated = {i for i, c in chosen.items() if c.kind in ("modal", "predicate")}
    by_term: dict[int, _Candidate] = {}
    for candidate in chosen.values():
        if candidate.kind in ("nominal", "idiom", "time") and not candidate.outer and _inside(candidate.head, stated):
            continue  # "X can extract benefits worth the risk of Y": the modal's forecast holds the noun
        previous = by_term.get(candidate.first)
        if previous is None or candidate.end - candidate.first > previous.end - previous.first:
            by_term[candidate.first] = candidate  # one forecast per term ("will not seek to engage" once)
    return list(by_term.values())


def _forecast(doc: Any, candidate: _Candidate, heads: set[int], conditions: frozenset[str]) -> ExtractedForecast:
    first, term_end, verb, head = candidate.first, candidate.end, candidate.verb, candidate.head
    lo, hi = _clause(doc, head, heads - {head.i, verb.i})
    if candidate.subject_from is not None:
        lo = min(lo, candidate.subject_from)
    lo, hi = _one_line(doc, lo, hi, head.i)
    lo = _after_closed_quote(doc, lo, min(head.i, first) if not candidate.outer else head.i)
    if candidate.subject_from is not None and lo < candidate.subject_from:
        lo = candidate.subject_from
    lo, hi = _trim(doc, lo, hi, head)
    statement = _text(doc, lo, hi)
    subject = _subject_text(head, lo)
    if subject is None and not any(t.dep_ in _SUBJECTS for t in doc[lo:hi]) and not candidate.outer:
        subject = _preceding_noun(doc, min(first, lo), doc[first].sent.start)
    if subject and subject not in statement:
        statement = f"{subject} {statement}"
    ev_lo, ev_hi = lo, max(hi, term_end)
    if first < lo and not any("\n" in doc[i].text for i in range(first, lo)):
        ev_lo = first  # the evidence holds the term ("it is likely that ...") as well as the clause
    condition = next((t for t in verb.subtree if t.dep_ == "mark" and t.lower_ in conditions), None)
    start, end = doc[ev_lo].idx, doc[ev_hi - 1].idx + len(doc[ev_hi - 1].text)
    sentence = doc[first].sent
    return ExtractedForecast(
        statement=statement,
        actors=[],
        estimative_term=_text(doc, first, term_end),
        band=candidate.band,
        probability=ICD203_BANDS[candidate.band],
        evidence=SpanEvidence(start=start, end=end, text=_text(doc, ev_lo, ev_hi)),
        negated=candidate.negated,
        condition=None if condition is None else _text(doc, condition.head.left_edge.i,
                                                       condition.head.right_edge.i + 1),
        term_span=Mention(start=doc[first].idx, end=doc[term_end - 1].idx + len(doc[term_end - 1].text)),
        sentence=Mention(start=sentence.start_char, end=sentence.end_char),
    )


def _question(doc: Any, candidate: _Candidate) -> bool:
    """Whether the forecast's clause asks: its sentence, or the clause itself, ends with a question mark."""
    if doc[candidate.first].sent.text.rstrip().endswith("?"):
        return True
    i = candidate.head.right_edge.i + 1
    while i < len(doc) and doc[i].text in _CLOSE_QUOTES | {"”", "’"}:
        i += 1
    return i < len(doc) and doc[i].text == "?"


def _mentioned(doc: Any) -> set[int]:
    """Tokens of actor mentions, when the realpolitik pipeline found them."""
    if not doc.has_extension("rp_mentions") or not doc._.rp_mentions:
        return set()
    return {i for m in doc._.rp_mentions for i in range(m.token_start, m.token_end)}


def find_forecasts(doc: Any, *, terms: str | Path | Mapping | None = None) -> list[ExtractedForecast]:
    """The forecasts of a parsed document, each with its estimative term, ICD 203 band and probability.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A document parsed by a spaCy pipeline with a dependency parser (made from the normalised text). When
        it comes from :func:`realpolitik.extract.load_pipeline`, its actor mentions tell agents apart (for
        "should") and its dates after the reference date count as times ahead.
    terms : path or mapping, optional
        The user's estimative terms, laid over the bundled table: a YAML file or a mapping, either
        band -> list of terms or term -> band (a term mapped to None is dropped). See
        :func:`realpolitik.lang.read_term_table`.

    Returns
    -------
    list of ExtractedForecast
        In text order, ``actors`` empty (the assembler fills them). Extra fields: ``negated``,
        ``condition`` (the text of an if-clause, or None), ``term_span`` (where the term stands) and
        ``sentence`` (the sentence's range).

    Raises
    ------
    RealpolitikError
        The doc has no dependency parse (E192).
    InputFileError
        ``terms`` cannot be read or names an unknown band (E191).
    """
    if not doc.has_annotation("DEP"):
        raise RealpolitikError(Errors.E192.format(what="find_forecasts"))
    table = read_term_table(terms)
    cues = _cues()
    spans = _ahead(doc, cues)
    ahead = {i for start, end in spans for i in range(start, end)}
    candidates = (_modal_candidates(doc, table, cues, _mentioned(doc), ahead) + _predicate_candidates(doc, table, cues)
                  + _nominal_candidates(doc, table, cues) + _idiom_candidates(doc, table, cues)
                  + _time_candidates(doc, table, cues, spans))
    candidates = [c for c in candidates if not _question(doc, c)]
    chosen = _choose(candidates)
    heads = {c.head.i for c in chosen} | {c.verb.i for c in chosen}
    forecasts = _outermost([_forecast(doc, c, heads, cues.conditions) for c in chosen])
    return sorted(forecasts, key=lambda f: (f.evidence.start, f.evidence.end))


def _outermost(forecasts: list[ExtractedForecast]) -> list[ExtractedForecast]:
    """Leave out a forecast whose words stand inside another's of the same band ("…a loss from which the
    harbour towns would never recover" holds "the harbour towns would never recover"): the reader would see the
    same claim twice. One of another band says something of its own and stays."""
    def inside(inner: ExtractedForecast, outer: ExtractedForecast) -> bool:
        return (inner is not outer and inner.band == outer.band and outer.evidence.start <= inner.evidence.start
                and inner.evidence.end <= outer.evidence.end and inner.statement in outer.statement
                and len(inner.statement) < len(outer.statement))
    return [f for f in forecasts if not any(inside(f, other) for other in forecasts)]
