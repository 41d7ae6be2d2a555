"""FastAPI dependencies: the one way handlers reach the running app's settings, store, worker pool
and per-app cache. Handlers declare them (``store: Store = Depends(get_store)``); helpers that run
outside dependency injection (exception handlers, template rendering) call the same functions.
Nothing else reads ``app.state``.

Tests swap the store with ``app.dependency_overrides[get_store] = lambda: my_store`` (or pass one to
``create_app(settings, store=...)``).

>>> from fastapi.testclient import TestClient
>>> from spbe_kg.settings import Settings
>>> from spbe_kg.service.app import create_app
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> app = create_app(Settings(store="memory"), store=EmbeddedStore(None))
>>> app.dependency_overrides[get_store] = lambda: EmbeddedStore(None)
>>> TestClient(app).get("/health").json()["triples"]
0
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from spbe_kg.settings import Settings

from .store.base import Store

QueryPage = Callable[[Request, Settings], Awaitable[HTMLResponse]]


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """The app's store (opened at start-up, or the one given to ``create_app``)."""
    return request.app.state.store


def get_pool(request: Request):
    """The killable query-worker pool, or ``None`` (stores without snapshots run queries in threads)."""
    return request.app.state.pool


def get_query_page(request: Request) -> QueryPage:
    """The HTML page a browser gets for ``GET /sparql`` (the UI's YASGUI page, wired by ``create_app``:
    the SPARQL router never imports the UI)."""
    return request.app.state.query_page


def get_cache(request: Request) -> dict[str, Any]:
    """A per-app dictionary for short-lived cached figures (e.g. the home page summary)."""
    return request.app.state.cache
