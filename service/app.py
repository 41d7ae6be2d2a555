"""The HTTP application: a thin FastAPI app that mounts one router per concern.

Routers live in ``service/routes/<name>.py`` and expose ``router: APIRouter``; every router in
:data:`ROUTERS` is included (a new one is one import and one list entry: a missing module fails at
import, loudly). The SPARQL protocol router (``service/sparql/``) is always mounted. Handlers reach
the settings, store and worker pool only through ``deps.py``.

>>> from spbe_kg.settings import Settings
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> app = create_app(Settings(store="memory"), store=EmbeddedStore(None))
>>> app.title
'spbe-kg'
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.concurrency import run_in_threadpool

from spbe_kg import __version__
from spbe_kg.settings import Settings

from . import errors, security
from .csp import CspMiddleware
from .logging import AccessLogMiddleware, flush_access_log
from .routes import (
    completeness,
    duplicates,
    graph_store,
    health,
    linked_data,
    load,
    ontology_page,
    resource_page,
    roadmap,
    saran,
    ui,
    ui_upload,
    validate,
)
from .routes.ui_yasgui import yasgui_page
from .sparql import fastpath
from .sparql.router import router as sparql_router
from .store import Capability, Store, open_store

ROUTERS: list[APIRouter] = [
    health.router,
    graph_store.router,
    load.router,
    ui.router,
    ui_upload.router,
    ontology_page.router,
    resource_page.router,
    validate.router,
    duplicates.router,
    roadmap.router,
    saran.router,
    completeness.router,
    linked_data.router,  # keep last: it answers IRI paths under the data base and w3id.org/spbe/
]


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app. ``store=None`` opens the store the settings name at start-up (and closes it
    at shutdown); a given store is used as is and left open (tests pass in-memory stores)."""
    from spbe_kg.settings import get_settings

    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = app.state.store is None
        if own:
            app.state.store = await run_in_threadpool(open_store, settings)
        st: Store = app.state.store
        if settings.query_workers > 0 and st.supports(Capability.SNAPSHOTS):
            from .sparql.workers import WorkerPool

            app.state.pool = await run_in_threadpool(WorkerPool, st, settings.query_workers, settings.sparql_short_lane,
                                                    settings.query_worker_nice)
        try:
            yield
        finally:
            flush_access_log()  # the lines of the last requests (logging.py batches them)
            dumps = app.state.cache.get("dumps")  # linked_data's background dump builder
            if dumps is not None:
                dumps.close()
            pool = app.state.pool
            if pool is not None:
                await run_in_threadpool(pool.close)
                app.state.pool = None
            if own:
                await run_in_threadpool(st.close)
                app.state.store = None
            else:
                await run_in_threadpool(st.drop_snapshots)  # uvicorn may re-raise SIGTERM after this

    app = fastpath.FrontedFastAPI(title="spbe-kg", version=__version__, docs_url="/api", redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.pool = None
    app.state.cache = {}
    app.state.query_page = yasgui_page  # a browser's GET /sparql (deps.get_query_page)
    errors.install(app)
    app.include_router(sparql_router)
    for router in ROUTERS:
        app.include_router(router)
    fastpath.install(app, settings)  # GET /sparql?query= without FastAPI's routing and middlewares (fastpath.py)
    security.install(app, settings)
    app.add_middleware(CspMiddleware)  # every HTML page: scripts from this origin only (service/csp.py)
    app.add_middleware(AccessLogMiddleware)
    return app
