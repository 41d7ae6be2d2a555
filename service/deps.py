"""FastAPI dependencies: the store and the settings of the running app.

Tests override the store by passing one to ``create_app(settings, store=...)`` or with
``app.dependency_overrides[get_store] = lambda: my_store``.
"""

from __future__ import annotations

from fastapi import Request

from spbe_kg.settings import Settings

from .store.base import Store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_pool(request: Request):
    """The killable query-worker pool, or ``None`` (memory/remote stores run queries in threads)."""
    return getattr(request.app.state, "pool", None)
