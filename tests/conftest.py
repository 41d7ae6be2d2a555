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
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
