"""The storage protocol, the same tests on every backend: embedded (on disk), memory, a real
Oxigraph server and a real Virtuoso (both started once per session by the fixtures)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spbe_kg.service.store.base import StoreSyntaxError

P = ox.NamedNode("http://example.org/p")


def q(s: str, o: str, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"http://example.org/{s}"), P, ox.Literal(o, language="id"), ox.NamedNode(g))


def values(store, sparql, **kw) -> set[str]:
    return {sol["o"].value for sol in store.query(sparql, **kw)}


def test_replace_graphs_and_query(any_store, graph_iri):
    g2 = graph_iri + "/2"
    any_store.replace_graphs([graph_iri, g2], [q("a", "satu", graph_iri), q("b", "dua", graph_iri), q("c", "tiga", g2)])
    any_store.replace_graphs([graph_iri], [q("a", "empat", graph_iri)])
    assert values(any_store, f"SELECT ?o WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}") == {"empat"}
    assert values(any_store, f"SELECT ?o WHERE {{ GRAPH <{g2}> {{ ?s ?p ?o }} }}") == {"tiga"}
    assert {graph_iri, g2} <= set(any_store.named_graphs())
    assert any_store.has_graph(graph_iri) and not any_store.has_graph(graph_iri + "/none")


def test_union_default_graph_and_dataset(any_store, graph_iri):
    g2 = graph_iri + "/2"
    any_store.replace_graphs([graph_iri, g2], [q("u1", "x", graph_iri), q("u2", "y", g2)])
    filt = "FILTER(STRSTARTS(STR(?s), 'http://example.org/u'))"
    assert values(any_store, f"SELECT ?o WHERE {{ ?s ?p ?o {filt} }}") >= {"x", "y"}
    assert values(any_store, f"SELECT ?o WHERE {{ ?s ?p ?o {filt} }}", default_graphs=[g2]) == {"y"}


def test_update_with_using(any_store, graph_iri):
    g2 = graph_iri + "/copy"
    any_store.replace_graphs([graph_iri], [q("w", "asal", graph_iri)])
    any_store.update(f"INSERT {{ GRAPH <{g2}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}", using_graphs=[graph_iri])
    assert values(any_store, f"SELECT ?o WHERE {{ GRAPH <{g2}> {{ ?s ?p ?o }} }}") == {"asal"}


def test_add_quads_and_export(any_store, graph_iri):
    any_store.add_quads([q("e", "ekspor", graph_iri)])
    nt = any_store.export_graph(graph_iri, ox.RdfFormat.N_TRIPLES)
    assert nt.strip() == b'<http://example.org/e> <http://example.org/p> "ekspor"@id .'
    assert b"ekspor" in any_store.export_dataset(ox.RdfFormat.N_QUADS)
    assert any_store.triple_count() >= 1


def test_ask_and_construct(any_store, graph_iri):
    any_store.replace_graphs([graph_iri], [q("k", "v", graph_iri)])
    assert bool(any_store.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p 'v'@id }} }}"))
    triples = list(any_store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"))
    assert [t.object for t in triples] == [ox.Literal("v", language="id")]


def test_syntax_error_is_a_store_syntax_error(any_store):
    with pytest.raises(StoreSyntaxError):
        any_store.query("SELECT * WHERE { ?s ?p }")
    with pytest.raises(StoreSyntaxError):
        any_store.update("INSERT DATA { <http://a> <http://b> ")


def test_blank_nodes_load_on_every_backend(any_store, graph_iri):
    # the loaders write column mappings as blank nodes; Virtuoso refuses them in INSERT DATA
    b = ox.BlankNode()
    g = ox.NamedNode(graph_iri)
    any_store.replace_graphs([graph_iri], [
        ox.Quad(ox.NamedNode("http://example.org/sheet"), ox.NamedNode("http://example.org/map"), b, g),
        ox.Quad(b, ox.NamedNode("http://example.org/kolom"), ox.Literal("Nama Aplikasi"), g),
    ])
    rows = list(any_store.query(f"SELECT ?k WHERE {{ GRAPH <{graph_iri}> {{ ?s <http://example.org/map> ?m . ?m <http://example.org/kolom> ?k }} }}"))
    assert [r["k"].value for r in rows] == ["Nama Aplikasi"]


def test_only_user_graphs_are_seen(any_store, graph_iri):
    # Virtuoso's own system graphs (virtrdf#, ldp#, ...) stay out of the union and GRAPH ?g
    from spbe_kg.service.store.dialects import GRAPHS_GRAPH, SYSTEM_GRAPHS

    any_store.replace_graphs([graph_iri], [q("v", "lihat", graph_iri)])
    seen = {s["g"].value for s in any_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graph_iri in seen and not seen & {*SYSTEM_GRAPHS, GRAPHS_GRAPH}
    assert not set(any_store.named_graphs()) & {*SYSTEM_GRAPHS, GRAPHS_GRAPH}
    preds = {s["p"].value for s in any_store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    assert not any(p.startswith("http://www.openlinksw.com/schemas/virtrdf#") for p in preds)


def test_created_empty_graph_exists_until_dropped(any_store, graph_iri):
    any_store.update(f"CREATE GRAPH <{graph_iri}>")
    assert any_store.has_graph(graph_iri) and graph_iri in any_store.named_graphs()
    any_store.update(f"DROP GRAPH <{graph_iri}>")
    assert not any_store.has_graph(graph_iri)
