"""The web app: review a model against its documents, explore it and run it in the browser.

:func:`create_app` builds the FastAPI app over one model file; ``realpolitik serve`` runs it with uvicorn. The
model file behind it is a :class:`realpolitik.model.ModelFile`, changed through :mod:`realpolitik.model.edit`.
"""

from realpolitik.web.app import (
    HTTP_STATUS,
    TOKEN_COOKIE,
    TOKEN_HEADER,
    WebSettings,
    create_app,
    is_loopback_host,
    plotly_js_path,
    status_of,
)

__all__ = [
    "HTTP_STATUS",
    "TOKEN_COOKIE",
    "TOKEN_HEADER",
    "WebSettings",
    "create_app",
    "is_loopback_host",
    "plotly_js_path",
    "status_of",
]
