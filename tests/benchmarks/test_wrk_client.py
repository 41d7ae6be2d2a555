"""The endpoint benchmark's fast client (benchmarks/wrk_client.py): Debian's wrk really drives a server with a
different query per request, and the bench reads its result and the server's CPU per request."""

from __future__ import annotations

import argparse
import random

import pytest

from spbe_kg.benchmarks import bench_endpoint as be
from spbe_kg.benchmarks import endpoint_peers as peers
from spbe_kg.benchmarks import wrk_client

pytestmark = pytest.mark.remote


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = peers.prepare(tmp_path_factory.mktemp("wrk"), 30)
    server = peers.oxigraph_server(data)
    yield data, server
    peers.stop(server)


def test_wrk_is_installed_by_the_set_up():
    assert wrk_client.available(), "make's system-deps step installs Debian's wrk"


def test_wrk_loads_a_real_server_with_varied_queries(served):
    data, server = served
    seen = set()

    def make(r: random.Random) -> str:
        q = f"SELECT ?p ?o WHERE {{ <{r.choice(data.apps)}> ?p ?o }}"
        seen.add(q)
        return q

    r = wrk_client.hammer(server.url, make, "application/sparql-results+json", clients=4, seconds=1, paths=50)
    assert r["n"] > 0 and r["errors"] == 0 and r["rps"] > 0
    assert 0 < r["p50"] <= r["p95"]
    assert len(seen) > 1  # a different query per request, not one repeated


def test_wrk_counts_refusals_as_errors(served):
    data, server = served
    r = wrk_client.hammer(server.url, lambda rnd: "SELECT ?o WHERE {", "application/sparql-results+json", 2, 1, paths=5)
    assert r["n"] > 0 and r["errors"] == r["n"]  # every answer a 400


def test_a_cell_interleaves_the_servers_and_reports_cpu_per_request(served):
    import dataclasses

    data, server = served
    name, fmt, make = be.scenarios(data)[0]
    twin = dataclasses.replace(server, name="twin")  # the same server under a second name: two turns a round
    gone = dataclasses.replace(server, name="gone", url="http://127.0.0.1:9/query")  # nothing listens there
    args = argparse.Namespace(clients=2, seconds=2.0, rounds=2)
    cell = be.measure_cell("wrk", [server, twin, gone], make, be.FORMATS[fmt], args)
    assert cell["gone"] == {"refused": "no answer (ConnectionRefusedError)"}
    for r in (cell[server.name], cell["twin"]):
        assert r["n"] > 0 and r["cpu_ms"] > 0 and r["errors"] == 0
        assert len(r["round_rps"]) == 2 and all(x > 0 for x in r["round_rps"])
        assert min(r["round_rps"]) <= r["rps"] <= max(r["round_rps"])


def test_an_unparseable_wrk_output_is_an_error_not_a_zero():
    with pytest.raises(RuntimeError, match="no result"):
        wrk_client.parse_result("Running 1s test @ http://127.0.0.1:1\n  0 requests")
