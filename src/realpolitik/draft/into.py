"""Drafting into a model file: the new items drafted from one document, added as proposals in one change.

The web app's "draft" and "add from corpus" actions, as library calls: each drafts against the model the file
holds now (:func:`~realpolitik.draft.draft_additions`, so an item the model has already is never added twice) and
adds the result through :func:`realpolitik.model.add_items`, every item ``review: proposed``; undo takes it back.
"""

from __future__ import annotations

from realpolitik.draft.build import draft_additions
from realpolitik.errors import EditRefusedError
from realpolitik.model import Change, Document, ModelFile, add_items
from realpolitik.record import Extraction

__all__ = ["add_drafted", "draft_document"]


def add_drafted(file: ModelFile, extraction: Extraction, expect: str | None, *, about: str,
                filename: str | None = None, action: str = "draft") -> Change:
    """Add to ``file`` what drafting ``extraction`` adds to its model (its document too when the model lacks it),
    as one change recorded as ``action`` about document ``about``.

    ``filename`` is the source file's name, kept on a new document item.

    Raises
    ------
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version.
    EditRefusedError
        E245 when the result is not a valid model (nothing is written then).
    """
    model, _version = file.load_versioned()
    items = draft_additions(extraction, existing=model, filename=filename)
    return add_items(file, items, expect, action=action, about=about)


def draft_document(file: ModelFile, document: Document, text: str | None, expect: str | None) -> Change:
    """Run the extractor on ``text``, the normalised text of ``document`` (one the model holds), and add the items
    it drafts that the model lacks (:func:`add_drafted`); items matched to ones the model holds stay as they are.

    Raises
    ------
    VersionConflictError
        E244 or E243 when ``expect`` is not the file's version, checked first.
    EditRefusedError
        E250 when the document's text is not at hand (``text`` is None), E245 when the result is not valid.
    """
    file.check_version(expect)
    if text is None:
        raise EditRefusedError.coded("E250", id=document.id[:12] + "…")
    from realpolitik.extract import extract_text  # the NLP pipeline loads only here

    extraction = extract_text(text, document_id=document.id, title=document.title, author=document.author,
                              published=document.published)
    return add_drafted(file, extraction, expect, about=document.id, filename=document.filename)
