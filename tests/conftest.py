"""Shared fixtures. SHARED points at ../shared (the read-only domain material, present in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SPBE_SHARED_DIR", ROOT.parent / "shared"))
ARTIFACTS = ROOT / "test-artifacts"


def require_shared(*parts: str) -> Path:
    """Path inside ../shared, or skip with a clear reason where it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared is not present here ({p} missing); this test needs the shared domain material")
    return p


@pytest.fixture
def madiun_csv() -> Path:
    return require_shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Real SPARQL servers and stores of every kind for any test folder (oxigraph_url, virtuoso_url,
# any_store, graph_iri): see tests/service/store_fixtures.py.
def _load_store_fixtures():
    import importlib.util

    spec = importlib.util.spec_from_file_location("spbe_store_fixtures", ROOT / "tests" / "service" / "store_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_sf = _load_store_fixtures()
oxigraph_url, virtuoso_url, any_store, graph_iri = _sf.oxigraph_url, _sf.virtuoso_url, _sf.any_store, _sf.graph_iri
