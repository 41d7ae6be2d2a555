"""Fixtures of the ontology tests: the bundled Turtle in one pyoxigraph store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks import servers
from spbe_kg.ontology.namespaces import sparql_prefixes
from spbe_kg.ontology.reference import reference_quads
from tests.support import require_shared


@pytest.fixture(scope="session")
def ref_store() -> ox.Store:
    s = ox.Store()
    s.extend(reference_quads())
    return s


@pytest.fixture(scope="session")
def ask(ref_store):
    """Run a SELECT (prefixes prepended) over the reference graph; returns a list of dicts of str values."""

    def run(q: str) -> list[dict[str, str | None]]:
        res = ref_store.query(sparql_prefixes() + q, use_default_graph_as_union=True)
        return [{v.value: (r[v].value if r[v] is not None else None) for v in res.variables} for r in res]

    return run


@pytest.fixture(scope="session")
def shared():
    """``shared("inventories", "x.csv")``: a path inside ../shared, or skip where ../shared is absent."""
    return require_shared


@pytest.fixture(scope="session")
def oxigraph_base(tmp_path_factory):
    """A real ``oxigraph serve`` for this folder's tests."""
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base
