"""The web app: review a model against its documents, explore it and run it in the browser.

:func:`create_app` builds the FastAPI app over one model file; ``realpolitik serve`` runs it with
uvicorn.  :class:`ModelStore` is the model file behind it: versioned, changed atomically, with undo.
"""

from realpolitik.web.app import TOKEN_COOKIE, TOKEN_HEADER, WebSettings, create_app, is_loopback_host, plotly_js_path
from realpolitik.web.store import (
    EDITABLE_SECTIONS,
    REVIEWABLE_SECTIONS,
    Change,
    EditRefusedError,
    ModelStore,
    VersionConflictError,
    file_version,
    reject_references,
)

__all__ = [
    "EDITABLE_SECTIONS",
    "REVIEWABLE_SECTIONS",
    "TOKEN_COOKIE",
    "TOKEN_HEADER",
    "Change",
    "EditRefusedError",
    "ModelStore",
    "VersionConflictError",
    "WebSettings",
    "create_app",
    "file_version",
    "is_loopback_host",
    "plotly_js_path",
    "reject_references",
]
