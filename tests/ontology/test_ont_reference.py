"""The reference graph in a real pyoxigraph store: loaded once, reloaded only when the bundled Turtle changed."""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import REFERENCE_GRAPH, SPBE
from spbe_kg.ontology.reference import ensure_reference, reference_hash, reference_quads, stored_hash
from spbe_kg.service.store.embedded import EmbeddedStore


def _count(store, graph=REFERENCE_GRAPH) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(q)))["n"].value)


def test_all_quads_are_in_the_reference_graph():
    qs = reference_quads()
    assert len(qs) > 8000
    assert {q.graph_name.value for q in qs} == {REFERENCE_GRAPH}
    assert reference_quads() is not reference_quads()  # callers may mutate their list


def test_ensure_loads_once_and_keeps_other_graphs(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    other = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/g"))
    store.add_quads([other])
    assert ensure_reference(store) is True
    assert stored_hash(store) == reference_hash()
    assert _count(store) == len(set(reference_quads()))
    assert ensure_reference(store) is False
    assert _count(store, "http://e/g") == 1
    store.close()
    del store
    reopened = EmbeddedStore(tmp_path / "store")
    assert ensure_reference(reopened) is False  # persisted with its marker


def test_a_different_version_marker_triggers_a_full_replace():
    store = EmbeddedStore(None)
    ensure_reference(store)
    n = _count(store)
    store.update(f"""DELETE {{ GRAPH <{REFERENCE_GRAPH}> {{ <{REFERENCE_GRAPH}> <{SPBE.sha256}> ?h }} }}
                    INSERT {{ GRAPH <{REFERENCE_GRAPH}> {{ <{REFERENCE_GRAPH}> <{SPBE.sha256}> "old" .
                                                           <http://e/stale> <http://e/p> "stale" }} }}
                    WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ <{REFERENCE_GRAPH}> <{SPBE.sha256}> ?h }} }}""")
    assert stored_hash(store) == "old"
    assert ensure_reference(store) is True
    assert stored_hash(store) == reference_hash()
    assert _count(store) == n  # the stale triple is gone


def test_version_marker_triples(ask):
    rows = ask(f"SELECT ?v ?h WHERE {{ <{REFERENCE_GRAPH}> owl:versionInfo ?v ; spbe:sha256 ?h }}")
    assert rows == [{"v": "0.1.0", "h": reference_hash()}]


def test_ensure_reference_over_the_sparql_protocol_on_a_real_oxigraph_server(oxigraph_base):
    from spbe_kg.service.store.remote import RemoteStore

    store = RemoteStore(oxigraph_base + "/query", oxigraph_base + "/update", oxigraph_base + "/store")
    assert ensure_reference(store) is True
    assert ensure_reference(store) is False
    assert stored_hash(store) == reference_hash()
    assert _count(store) == len(set(reference_quads()))
    store.close()
