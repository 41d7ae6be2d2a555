"""``spbe load`` while ``spbe serve`` holds the store: the files go to the server's ``POST /load``
(found through the file the server writes next to the store), same summary and exit codes as a
local load, and the same quads as a local load of the same file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks.servers import free_port, wait_http

SPBE = [str(Path(sys.executable).parent / "spbe")]
GOOD = ("pemda,opd_pengelola,nama_aplikasi,url\n"
        "Kab. Madiun,Dinas Sosial,SIKS-NG,https://siks.kemensos.go.id\n"
        "Kab. Madiun,Dinas Sosial,-,\n")
BAD = ("pemda,opd_pengelola,nama_aplikasi,tahun_pembuatan\n"
       "Kota Medan,Dinas A,SIMPEG,2020\n")
ENV = {"SPBE_LOADED_AT": "2026-01-02T03:04:05+00:00", "SPBE_LANG": "en"}


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("SPBE_WRITE_TOKEN", "SPBE_TOKEN")}
    env.update(ENV)
    env.update(extra)
    return env


def _spbe(*args, **env):
    return subprocess.run(SPBE + list(args), capture_output=True, text=True, env=_env(**env), timeout=300)


@pytest.fixture
def server(tmp_path):
    port = free_port()
    store = tmp_path / "served"
    proc = subprocess.Popen(SPBE + ["serve", "--store", str(store), "--port", str(port), "--enable-updates"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(SPBE_WRITE_TOKEN="rahasia"))
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        yield store, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    assert not (tmp_path / ".served.spbe-serve.json").exists(), "the server's address file was left behind"


@pytest.mark.slow
def test_load_goes_through_the_running_server(server, tmp_path):
    store, url = server
    inv = tmp_path / "madiun.csv"
    inv.write_text(GOOD, encoding="utf-8")
    assert (tmp_path / ".served.spbe-serve.json").exists()
    # no token: refused by the server, exit 2, nothing written
    r = _spbe("load", str(inv), "--store", str(store))
    assert r.returncode == 2 and "Authorization" in r.stderr
    r = _spbe("load", str(inv), "--store", str(store), SPBE_TOKEN="rahasia")
    assert r.returncode == 0, r.stderr
    assert "sending 1 files" in r.stderr and "Traceback" not in r.stderr
    assert "madiun.csv, row 3, column C" in r.stderr  # the same summary as a local load
    assert f"1 records loaded into {url}" in r.stderr
    q = httpx.post(url + "/sparql", data={"query": "ASK { ?a ?p 'SIKS-NG' }"},
                   headers={"Accept": "application/sparql-results+json"}).json()
    assert q["boolean"] is True
    # rows in error: exit 1, nothing written
    bad = tmp_path / "medan.json"
    bad.write_text('[{"pemda": "Kota Medan", "nama_aplikasi": "X", "url": {"n": 1}}]', encoding="utf-8")
    r = _spbe("load", str(bad), "--store", str(store), SPBE_TOKEN="rahasia")
    assert r.returncode == 1 and "rows in error" in r.stderr


@pytest.mark.slow
def test_cli_and_post_load_give_the_same_result(server, tmp_path):
    store, url = server
    inv = tmp_path / "madiun.csv"
    inv.write_text(GOOD, encoding="utf-8")
    local = tmp_path / "local"
    r = _spbe("load", str(inv), "--store", str(local))
    assert r.returncode == 0, r.stderr
    local_out = r.stderr
    r = _spbe("load", str(inv), "--server", url, "--token", "rahasia")
    assert r.returncode == 0, r.stderr
    # same summary table and skip lines; only the target differs
    assert local_out.replace(str(local), "<T>") == r.stderr.split("\n", 1)[1].replace(url, "<T>")
    graph = "https://w3id.org/spbe/id/graph/madiun-csv"
    export = httpx.get(url + "/store", params={"graph": graph}, headers={"Accept": "application/n-triples"}).text
    served = {line for line in export.splitlines() if line.strip()}
    assert served and served == _nt(local, graph)


def _nt(store_dir: Path, graph: str) -> set[str]:
    st = ox.Store.read_only(str(store_dir))
    data = st.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)).decode()
    return {line for line in data.splitlines() if line.strip()}
