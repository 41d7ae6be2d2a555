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
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from spbe_kg import __version__

# Module names under service/routes/, each exposing ``router``. Append yours (one line).
ROUTERS: list[str] = [
    "health",
    "graph_store",
    "ui",
    "ontology_page",
    "resource_page",
    "validate",
    "duplicates",
    "saran",
]


def create_app(settings=None, store=None) -> FastAPI:
    """Build the app. ``store=None`` opens the store the settings name at start-up (and closes it
    at shutdown); a given store is used as is and left open (tests pass in-memory stores)."""
    from spbe_kg.settings import get_settings

    from . import errors, security
    from .logging import AccessLogMiddleware
    from .sparql.router import router as sparql_router

    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = app.state.store is None
        if own:
            from .store import open_store

            app.state.store = await run_in_threadpool(open_store, settings)
        st = app.state.store
        if getattr(st, "kind", None) == "embedded" and settings.query_workers > 0 and hasattr(st, "snapshot"):
            from .sparql.workers import WorkerPool

            app.state.pool = await run_in_threadpool(WorkerPool, st, settings.query_workers)
        try:
            yield
        finally:
            pool = getattr(app.state, "pool", None)
            if pool is not None:
                await run_in_threadpool(pool.close)
                app.state.pool = None
            if own:
                await run_in_threadpool(st.close)
                app.state.store = None
            elif hasattr(st, "drop_snapshots"):
                await run_in_threadpool(st.drop_snapshots)  # uvicorn may re-raise SIGTERM after this

    app = FastAPI(title="spbe-kg", version=__version__, docs_url="/api", redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.pool = None
    errors.install(app)
    app.include_router(sparql_router)
    for name in ROUTERS:
        try:
            mod = importlib.import_module(f"spbe_kg.service.routes.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"spbe_kg.service.routes.{name}":
                continue  # listed but not committed yet
            raise
        app.include_router(mod.router)
    security.install(app, settings)
    app.add_middleware(AccessLogMiddleware)
    return app
