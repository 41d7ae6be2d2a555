"""Shared fixtures. SHARED points at ../shared (the read-only domain material, present in CI).

Helpers live in the ``tests.support`` package (imported, never loaded by file path).
"""

from __future__ import annotations

from pathlib import Path

import pytest

# Real SPARQL servers and stores of every kind for any test folder (oxigraph_url, virtuoso_url,
# any_store, graph_iri): see tests/support/stores.py.
from tests.support import ARTIFACTS, require_shared
from tests.support.stores import any_store, graph_iri, oxigraph_url, virtuoso_url

__all__ = ["any_store", "graph_iri", "oxigraph_url", "virtuoso_url"]


@pytest.fixture
def madiun_csv() -> Path:
    return require_shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# --- markers -------------------------------------------------------------------------------------------
# `remote` and `browser` follow from what a test uses, so a new test is marked without anyone remembering:
# a real SPARQL server (a fixture below, or a store/app parametrised "oxigraph"/"virtuoso") or headless
# Chromium. A test on Virtuoso is also `slow` (a Virtuoso starts in 20-35 s, once per module or session).
# Otherwise `slow` is set by hand on tests that take many seconds (pytest -m "not slow": a quick loop).
REMOTE_FIXTURES = frozenset({"oxigraph_url", "virtuoso_url", "oxigraph_base", "oxigraph_server"})
REMOTE_PARAMS = frozenset({"oxigraph", "virtuoso"})
BROWSER_FIXTURES = frozenset({"browser", "page"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        params = callspec.params.values() if callspec else ()
        if names & REMOTE_FIXTURES or any(isinstance(p, str) and p in REMOTE_PARAMS for p in params):
            item.add_marker(pytest.mark.remote)
        if "virtuoso_url" in names or "virtuoso" in [p for p in params if isinstance(p, str)]:
            item.add_marker(pytest.mark.slow)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)

