"""The endpoint benchmark's peers serve the same data: Virtuoso, bulk-loaded like the others, answers the
bench's queries in every format it is asked for, and a format a server cannot serve is reported, not hidden."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks import bench_endpoint as be
from spbe_kg.benchmarks import endpoint_peers as peers

pytestmark = pytest.mark.remote


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return peers.prepare(tmp_path_factory.mktemp("peers"), 40)


@pytest.fixture(scope="module")
def virtuoso(data, tmp_path_factory):
    server = peers.virtuoso_server(data, tmp_path_factory.mktemp("virt"))
    yield server
    peers.stop(server)


@pytest.fixture(scope="module")
def oxigraph(data):
    server = peers.oxigraph_server(data)
    yield server
    peers.stop(server)


def _count(url: str, graphs: list[str]) -> int:
    """Quads in the data's own graphs (Virtuoso also holds its system graphs)."""
    import httpx

    values = " ".join(f"<{g}>" for g in graphs)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    r = httpx.get(url, params={"query": query},
                  headers={"Accept": "application/sparql-results+json"}, timeout=60)
    r.raise_for_status()
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_virtuoso_holds_every_quad_the_others_serve(data, virtuoso, oxigraph):
    graphs = sorted({q.graph_name.value for q in ox.parse(path=data.nquads, format=ox.RdfFormat.N_QUADS)})
    assert graphs
    assert _count(virtuoso.url, graphs) == data.quads == _count(oxigraph.url, graphs)


@pytest.mark.parametrize("index", range(8))
def test_virtuoso_answers_every_scenario_in_the_asked_format(data, virtuoso, index):
    name, fmt, make = be.scenarios(data)[index]
    assert be.probe(virtuoso.url, make, be.FORMATS[fmt]) is None, (name, fmt)


def test_a_format_a_server_cannot_serve_is_reported(data, oxigraph):
    construct = next(make for name, _, make in be.scenarios(data) if name == "construct")
    answer = be.probe(oxigraph.url, construct, "text/csv")
    assert answer is not None and ("HTTP" in answer or "answers" in answer)


def test_a_lookup_cell_counts_answers_without_errors(data, virtuoso):
    name, fmt, make = be.scenarios(data)[0]
    cell = be.hammer(virtuoso.url, make, be.FORMATS[fmt], clients=2, seconds=0.5)
    assert cell["n"] > 0 and cell["errors"] == 0
