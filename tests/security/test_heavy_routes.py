"""Issue 12 item 4: /validate and /duplicates run in killable, memory-capped processes;
/duplicates is computed once per store state (cached by write generation)."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from tests.support import TOKEN


def _csv(n: int) -> bytes:
    lines = ["pemda,opd_pengelola,nama_aplikasi,url,deskripsi"]
    lines += [f"Kab. Madiun,Dinas {i % 40},Aplikasi {i},https://app{i}.madiunkab.go.id,layanan nomor {i}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def test_validate_time_limit_answers_503_with_retry_after():
    app = create_app(Settings(store="memory", job_timeout_s=0.5, retry_after_s=7), store=EmbeddedStore(None))
    with TestClient(app) as c:
        r = c.post("/validate", params={"lang": "en"}, files={"file": ("big.csv", _csv(3000))})
        assert r.status_code == 503 and r.headers["retry-after"] == "7" and "time limit" in r.text, r.text[:300]
        assert c.get("/health").status_code == 200


def test_validate_memory_limit_answers_413():
    app = create_app(Settings(store="memory", job_memory_mb=450), store=EmbeddedStore(None))
    with TestClient(app) as c:
        r = c.post("/validate", params={"lang": "en"}, files={"file": ("big.csv", _csv(3000))})
        assert r.status_code == 413 and "memory limit" in r.text, r.text[:300]


@pytest.fixture
def dup_app(tmp_path):
    from spbe_kg.loaders.api import convert_files, load_into_store

    store = EmbeddedStore(tmp_path / "store")
    (tmp_path / "inv.csv").write_bytes(_csv(40) + b"Kab. Madiun,Dinas 1,Aplikasi 1,https://app1.madiunkab.go.id,layanan nomor 1\n")
    settings = Settings(store="embedded", data_dir=tmp_path / "store", query_workers=0, enable_updates=True, write_token=TOKEN)
    load_into_store(store, convert_files([tmp_path / "inv.csv"], settings=settings, partial=True), settings=settings)
    yield create_app(settings, store=store)
    store.close()


def test_duplicates_computed_once_per_store_state(dup_app):
    with TestClient(dup_app) as c:
        answers = []
        ths = [threading.Thread(target=lambda: answers.append(c.get("/duplicates").status_code)) for _ in range(3)]
        for t in ths:
            t.start()
        for t in ths:
            t.join()
        assert answers == [200, 200, 200]
        assert c.get("/duplicates").json() == c.get("/duplicates").json()
        cache = dup_app.state.cache["duplicates"]
        assert cache.computed == 1
        r = c.put("/store", params={"graph": "http://example.org/extra"}, content=b"<http://a> <http://b> <http://c> .",
                  headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"})
        assert r.status_code == 201
        assert c.get("/duplicates").status_code == 200
        assert cache.computed == 2  # recomputed after the write


def test_duplicates_time_limit_answers_503(dup_app):
    dup_app.state.settings = dup_app.state.settings.model_copy(update={"job_timeout_s": 0.05})
    with TestClient(dup_app) as c:
        r = c.get("/duplicates", params={"lang": "en"})
        assert r.status_code == 503 and "retry-after" in r.headers
