"""The HTTP application: a thin FastAPI app that mounts one router per concern.

Routers live in ``service/routes/<name>.py`` and expose ``router: APIRouter``; every module named
in :data:`ROUTERS` is included (other engineers append their module name with a one-line edit).
The SPARQL protocol router (``service/sparql/``) is always mounted.

>>> from spbe_kg.settings import Settings
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> app = create_app(Settings(store="memory"), store=EmbeddedStore(None))
>>> app.title
'spbe-kg'
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI

from spbe_kg import __version__

# Module names under service/routes/, each exposing ``router``. Append yours (one line).
ROUTERS: list[str] = [
    "health",
    "graph_store",
    "ui",
]


def create_app(settings=None, store=None) -> FastAPI:
    """Build the app. ``store=None`` opens the store the settings name (on start-up)."""
    from spbe_kg.settings import get_settings

    settings = settings or get_settings()
    app = FastAPI(title="spbe-kg", version=__version__, docs_url="/api", redoc_url=None)
    app.state.settings = settings
    app.state.store = store
    for name in ROUTERS:
        try:
            mod = importlib.import_module(f"spbe_kg.service.routes.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"spbe_kg.service.routes.{name}":
                continue  # listed but not committed yet
            raise
        app.include_router(mod.router)
    return app
