"""`spbe validate --endpoint URL`: whole-store validation against a real SPARQL server (oxigraph serve)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks.servers import oxigraph_server
from spbe_kg.service.cli import main

from .helpers import turtle

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@pytest.mark.remote
def test_validate_remote_endpoint_equals_embedded(tmp_path, capsys):
    quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://w3id.org/spbe/graph/referensi"))
             for q in turtle("reference-mini.ttl")]
    quads += [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://w3id.org/spbe/id/graph/inventaris-uji-csv"))
              for q in turtle("bad.ttl")]
    nq = tmp_path / "data.nq"
    nq.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    embedded = tmp_path / "store"
    s = ox.Store(str(embedded))
    s.extend(quads)
    s.flush()
    del s
    served = tmp_path / "served"
    subprocess.run([str(OXIGRAPH), "load", "--location", str(served), "--file", str(nq)], check=True,
                   capture_output=True, timeout=120)
    with oxigraph_server(served, union=True) as base:
        assert main(["validate", "--endpoint", base + "/query", "--format", "json"]) == 1
        remote = json.loads(capsys.readouterr().out)
    assert main(["validate", "--store", str(embedded), "--format", "json"]) == 1
    local = json.loads(capsys.readouterr().out)
    key = lambda r: (r["ruleId"], r["focusNode"], r["value"], r["location"]["row"], r["location"]["column"])  # noqa: E731
    assert len(remote["results"]) > 40
    assert sorted(map(key, remote["results"])) == sorted(map(key, local["results"]))
