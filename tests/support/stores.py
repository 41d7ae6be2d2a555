"""Store fixtures for EVERY test folder (re-exported by tests/conftest.py), over the real servers of
``spbe_kg.benchmarks.servers``:

- ``oxigraph_url`` (session): base URL of a real ``oxigraph serve`` (``/query``, ``/update``, ``/store``).
- ``virtuoso_url`` (session): SPARQL URL of a real Debian Virtuoso (query and update).
- ``any_store``: parametrised over ``embedded`` (on disk), ``memory``, ``oxigraph``, ``virtuoso``:
  one test, every kind of store ("works on both kinds of store").
- ``graph_iri``: a graph IRI no other test uses (the remote servers are shared by the session).

Example, in any tests/<folder>/test_x.py::

    def test_load_on_every_store(any_store, graph_iri):
        any_store.replace_graphs([graph_iri], quads)
"""

from __future__ import annotations

import uuid

import pytest

from spbe_kg.benchmarks import servers


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    """Base URL of a real ``oxigraph serve`` (union default graph) for the whole session."""
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory):
    """SPARQL URL of a real Debian Virtuoso for the whole session."""
    with servers.virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


def make_store(kind: str, request, tmp_path):
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.service.store.remote import RemoteStore

    if kind == "memory":
        return EmbeddedStore(None)
    if kind == "embedded":
        return EmbeddedStore(tmp_path / "store")
    if kind == "oxigraph":
        base = request.getfixturevalue("oxigraph_url")
        return RemoteStore(base + "/query", base + "/update", base + "/store")
    if kind == "virtuoso":
        return RemoteStore(request.getfixturevalue("virtuoso_url"))
    raise ValueError(kind)


@pytest.fixture(params=["embedded", "memory", "oxigraph", "virtuoso"])
def any_store(request, tmp_path):
    store = make_store(request.param, request, tmp_path)
    yield store
    store.close()


@pytest.fixture
def graph_iri():
    """A graph IRI no other test uses."""
    return f"http://example.org/test/{uuid.uuid4().hex}"
