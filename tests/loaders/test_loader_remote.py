"""``spbe load --endpoint``: into a real Oxigraph server over SPARQL 1.1 (started by the test)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.remote
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
SPBE = "https://w3id.org/spbe/ontology#"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    exe = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    assert exe, "the oxigraph server (pip package 'oxigraph', a test dependency) is not installed"
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            pytest.fail("oxigraph server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def ask(base: str, q: str) -> bool:
    r = httpx.get(base + "/query", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    return r.json()["boolean"]


def test_load_into_remote_server(oxigraph_server, tmp_path, cli):
    inv = tmp_path / "medan.csv"
    inv.write_text("pemda,opd_pengelola,nama_aplikasi,url\nKota Medan,Dinas Sosial,Srikandi,https://srikandi.arsip.go.id\n"
                   "Kota Medan,Dinas Sosial,SIMPEG,\n")
    r = cli("load", str(inv), "--endpoint", oxigraph_server + "/query")
    assert r.returncode == 0, r.stderr.decode()
    g = "https://w3id.org/spbe/id/graph/medan-csv"
    assert ask(oxigraph_server, f'ASK {{ GRAPH <{g}> {{ ?a <{SPBE}nama> "SIMPEG" }} }}')
    assert ask(oxigraph_server, "ASK { GRAPH <https://w3id.org/spbe/graph/referensi> { ?s ?p ?o } }")
    # a re-load of the changed file replaces the graph on the server too
    inv.write_text(inv.read_text().replace("SIMPEG", "SIMPEG v2"))
    assert cli("load", str(inv), "--endpoint", oxigraph_server + "/query").returncode == 0
    assert not ask(oxigraph_server, f'ASK {{ ?a <{SPBE}nama> "SIMPEG" }}')
    assert ask(oxigraph_server, f'ASK {{ ?a <{SPBE}nama> "SIMPEG v2" }}')
    # an unreachable endpoint is a clear error, not a traceback
    r = cli("load", str(inv), "--endpoint", "http://127.0.0.1:9/query")
    assert r.returncode == 2 and b"Traceback" not in r.stderr
