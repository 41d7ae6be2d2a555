"""An uploaded mapping file can read no file of the server: its joins name only lookup files uploaded
with it (``POST /load`` field ``lookup``). Before the fix a join naming an absolute path or ``..`` read
that file on the server and loaded its contents into the writer's graph."""

from __future__ import annotations

import httpx
import pytest

from spbe_kg.benchmarks import servers
from tests.service.conftest import write_settings
from tests.support import TOKEN

INVENTORY = b"Nama App,Kode Unit\nSIMPEG,K1\n"
LOOKUP = "kode_opd,nama_opd\nK1,{name}\n"


def _mapping(join_file: str) -> bytes:
    return (f"kind: aplikasi\ncolumns:\n  Nama App: nama\n  Kode Unit: opd_pengelola\n"
            f"constants:\n  pemda: Pemerintah Kota Medan\n"
            f"joins:\n  - field: opd_pengelola\n    file: '{join_file}'\n    key: kode_opd\n    value: nama_opd\n").encode()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from spbe_kg.service.app import create_app

    d = tmp_path_factory.mktemp("confined")
    secret = d / "rahasia.csv"  # a file of the server, outside any upload
    secret.write_text(LOOKUP.format(name="RAHASIA SERVER"), encoding="utf-8")
    with servers.app_server(create_app(write_settings(d))) as url:
        yield url, secret


def _post(url, mapping: bytes, lookups=()):
    files = [("file", ("inventaris.csv", INVENTORY, "text/csv")), ("mapping", ("peta.yaml", mapping, "text/yaml"))]
    files += [("lookup", (name, body.encode(), "text/csv")) for name, body in lookups]
    return httpx.post(url + "/load?lang=en", files=files, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)


def _has(url, text: str) -> bool:
    r = httpx.post(url + "/sparql", data={"query": f'ASK {{ GRAPH ?g {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{text}")) }} }}'},
                   headers={"Accept": "application/sparql-results+json"}, timeout=60)
    return r.json()["boolean"]


@pytest.mark.parametrize("how", ["absolute", "dotdot"])
def test_a_join_cannot_read_a_server_file(served, how):
    url, secret = served
    name = str(secret) if how == "absolute" else "../" * 8 + str(secret).lstrip("/")
    r = _post(url, _mapping(name))
    assert r.status_code == 400, r.text
    assert "lookup" in r.text and "Traceback" not in r.text
    assert not _has(url, "RAHASIA")  # nothing of the server's file reached the store
    assert not _has(url, "SIMPEG")  # and nothing else was loaded


def test_a_join_reads_the_lookup_uploaded_with_it(served):
    url, _ = served
    r = _post(url, _mapping("opd.csv"), lookups=[("opd.csv", LOOKUP.format(name="Dinas Kominfo"))])
    assert r.status_code == 200, r.text
    assert _has(url, "Dinas Kominfo") and _has(url, "SIMPEG")
