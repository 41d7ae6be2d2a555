"""Real SPARQL clients against the endpoint on a real uvicorn: SPARQLWrapper, rdflib's
SPARQLStore and SPARQLUpdateStore."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from tests.support import TOKEN

G = "http://example.org/clients/graph"
EX = "http://example.org/clients/"


@pytest.fixture(scope="module")
def endpoint(live):
    url = live + "/sparql"
    w = SPARQLWrapper(url, updateEndpoint=url)
    w.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    w.setMethod(POST)
    w.setQuery(f'INSERT DATA {{ GRAPH <{G}> {{ <{EX}srikandi> <{EX}nama> "SRIKANDI"@id . <{EX}sipd> <{EX}nama> "SIPD" }} }}')
    w.query()
    return url


def test_sparqlwrapper_select_json_xml_csv(endpoint):
    for fmt in (JSON, XML, CSV):
        w = SPARQLWrapper(endpoint)
        w.setQuery(f"SELECT ?n WHERE {{ ?s <{EX}nama> ?n }} ORDER BY ?n")
        w.setReturnFormat(fmt)
        res = w.query().convert()
        if fmt == JSON:
            assert [b["n"]["value"] for b in res["results"]["bindings"]] == ["SIPD", "SRIKANDI"]
        elif fmt == XML:
            assert [n.firstChild.data for n in res.getElementsByTagName("literal")] == ["SIPD", "SRIKANDI"]
        else:
            assert res.decode().split() == ["n", "SIPD", "SRIKANDI"]


def test_sparqlwrapper_ask_and_construct(endpoint):
    w = SPARQLWrapper(endpoint)
    w.setQuery(f"ASK {{ <{EX}sipd> ?p ?o }}")
    w.setReturnFormat(JSON)
    assert w.query().convert()["boolean"] is True
    w.setQuery(f"CONSTRUCT WHERE {{ <{EX}sipd> ?p ?o }}")
    w.setReturnFormat(TURTLE)
    g = Graph().parse(data=w.query().convert(), format="turtle")
    assert (URIRef(EX + "sipd"), URIRef(EX + "nama"), Literal("SIPD")) in g


def test_sparqlwrapper_update_needs_token(endpoint):
    from SPARQLWrapper.SPARQLExceptions import Unauthorized

    w = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    w.setMethod(POST)
    w.setQuery("CLEAR ALL")
    with pytest.raises(Unauthorized):
        w.query()


def test_rdflib_sparqlstore(endpoint):
    store = SPARQLStore(endpoint)
    g = Graph(store)
    rows = list(g.query(f"SELECT ?n WHERE {{ <{EX}srikandi> <{EX}nama> ?n }}"))
    assert rows[0][0] == Literal("SRIKANDI", lang="id")
    assert len(list(g.triples((URIRef(EX + "sipd"), None, None)))) == 1


def test_rdflib_sparqlupdatestore(endpoint):
    store = SPARQLUpdateStore(endpoint, endpoint, headers={"Authorization": f"Bearer {TOKEN}"})
    g = Graph(store, identifier=URIRef(EX + "rdflib"))
    g.add((URIRef(EX + "x"), URIRef(EX + "nama"), Literal("dari rdflib")))
    assert (URIRef(EX + "x"), URIRef(EX + "nama"), Literal("dari rdflib")) in g
    g.remove((URIRef(EX + "x"), None, None))
    assert len(g) == 0
    g.update(f'INSERT DATA {{ <{EX}y> <{EX}nama> "lagi" }}')
    reader = Graph(SPARQLStore(endpoint))
    assert list(reader.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}y> ?p ?o }} }}"))[0][0] == URIRef(EX + "rdflib")
