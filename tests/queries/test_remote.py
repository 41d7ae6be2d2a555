"""The duplicate finder and the named queries against a remote SPARQL server (real ``oxigraph serve``)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from spbe_kg.queries.duplicates import analyse
from spbe_kg.service.cli import main
from spbe_kg.settings import Settings

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@pytest.fixture(scope="module")
def endpoint(sumut_store, tmp_path_factory):
    d = tmp_path_factory.mktemp("oxigraph")
    dump = d / "data.nq"
    dump.write_bytes(sumut_store.export_dataset(ox.RdfFormat.N_QUADS))
    subprocess.run([str(OXIGRAPH), "load", "--location", str(d / "db"), "--file", str(dump)], check=True,
                   capture_output=True, timeout=120)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(d / "db"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while True:
            try:
                httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError as e:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from e
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.remote
@pytest.mark.slow
def test_same_clusters_on_remote_and_embedded(endpoint, sumut_store, capsys):
    local = analyse(sumut_store, Settings())
    assert main(["duplicates", "--endpoint", endpoint + "/query", "--format", "json"]) == 0
    cap = capsys.readouterr()
    remote = json.loads(cap.out)
    assert remote["ringkasan"]["klaster"] == len(local.clusters)
    assert sorted(c["id"] for c in remote["klaster"]) == sorted(c.id for c in local.clusters)
    # the findings were written through SPARQL Update, and the named query reads them back
    assert "quad temuan ditulis" in cap.err
    assert main(["query", "temuan-duplikasi", "--endpoint", endpoint + "/query", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["results"]["bindings"]) == len(local.clusters)
