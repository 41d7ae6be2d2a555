"""Fixtures for the hardening regression tests (issue 12): a counting listener and app builders."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from tests.security.listener import Listener
from tests.support import TOKEN


@pytest.fixture
def listener():
    ln = Listener()
    yield ln
    ln.close()


@pytest.fixture
def make_client():
    """``make_client(**settings)`` -> a TestClient over a fresh memory store (updates on, TOKEN)."""
    clients = []

    def make(**kw):
        base = dict(store="memory", enable_updates=True, write_token=TOKEN, query_timeout_s=5.0)
        base.update(kw)
        c = TestClient(create_app(Settings(**base), store=EmbeddedStore(None)))
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
