"""Fixtures of the duplicate/queries tests: real pyoxigraph stores loaded by the real loaders.

* ``sumut_dir``: the bundled example inventory (``examples/sumut``) or, where it is not generated yet,
  the same deterministic files written by ``spbe_kg.benchmarks.example_inventory`` into a temp dir;
* ``sumut_store`` / ``madiun_store``: in-memory stores holding the reference graph and the inventory;
* ``sumut_store_dir``: the same example in an on-disk store directory (for the CLI).
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from spbe_kg.settings import Settings
from tests.support import ROOT
from tests.support import require_shared as require_shared_file


def inventory_files(d: Path) -> list[Path]:
    return sorted(d.glob("*.xlsx")) + sorted(d.glob("aplikasi_*.csv"))


@pytest.fixture(scope="session")
def sumut_dir(tmp_path_factory) -> Path:
    d = ROOT / "examples" / "sumut"
    if (d / "duplikat_kebenaran.csv").is_file() and inventory_files(d):
        return d
    from spbe_kg.benchmarks.example_inventory import write_all

    out = tmp_path_factory.mktemp("sumut")
    write_all(out)
    return out


def _load(store, files, **kw):
    from spbe_kg.loaders.api import convert_files, load_into_store

    settings = Settings(store="memory")
    result = convert_files(files, settings=settings, partial=True, **kw)
    load_into_store(store, result, settings=settings)
    return store


@pytest.fixture(scope="session")
def sumut_store(sumut_dir):
    from spbe_kg.service.store.embedded import EmbeddedStore

    return _load(EmbeddedStore(None), inventory_files(sumut_dir))


@pytest.fixture(scope="session")
def madiun_store():
    csv_path = require_shared_file("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")
    from spbe_kg.service.store.embedded import EmbeddedStore

    return _load(EmbeddedStore(None), [csv_path], instansi="Pemerintah Kabupaten Madiun")


@pytest.fixture(scope="session")
def sumut_store_dir(sumut_dir, tmp_path_factory) -> Path:
    from spbe_kg.service.store.embedded import EmbeddedStore

    d = tmp_path_factory.mktemp("store") / "data"
    s = _load(EmbeddedStore(d), inventory_files(sumut_dir))
    s.close()
    del s
    gc.collect()  # release the RocksDB lock so the CLI can open the directory
    return d


@pytest.fixture(scope="session")
def madiun_source() -> Path:
    return require_shared_file("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")
