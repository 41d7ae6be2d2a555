"""Service description, VoID, dump, the browser page at GET /sparql, and result formats."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

SD = "http://www.w3.org/ns/sparql-service-description#"
G = "http://example.org/graph/desc"


@pytest.fixture(scope="module")
def c():
    store = EmbeddedStore(None)
    store.replace_graphs([G], [
        ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/nama"), ox.Literal('Aplikasi "A", baru', language="id"), ox.NamedNode(G)),
        ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/tahun"), ox.Literal("2021", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), ox.NamedNode(G)),
        ox.Quad(ox.BlankNode("b1"), ox.NamedNode("http://example.org/nama"), ox.Literal("tab\there"), ox.NamedNode(G)),
    ])
    with TestClient(create_app(Settings(store="memory"), store=store)) as client:
        yield client


@pytest.mark.parametrize("media,fmt", [("text/turtle", ox.RdfFormat.TURTLE), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                                       ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/n-triples", ox.RdfFormat.N_TRIPLES)])
def test_service_description(c, media, fmt):
    r = c.get("/sparql", headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    triples = list(ox.parse(r.content, format=fmt))
    preds = {t.predicate.value for t in triples}
    assert SD + "endpoint" in preds and SD + "defaultDataset" in preds
    assert ox.NamedNode(G) in {t.object for t in triples}
    features = {t.object.value for t in triples if t.predicate.value == SD + "feature"}
    assert SD + "UnionDefaultGraph" in features
    langs = {t.object.value for t in triples if t.predicate.value == SD + "supportedLanguage"}
    assert langs == {SD + "SPARQL11Query"}  # read-only: no SPARQL11Update


def test_browser_gets_a_page(c):
    r = c.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<html" in r.text.lower()


def test_service_description_406(c):
    assert c.get("/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_void(c):
    r = c.get("/void", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    counts = [t.object.value for t in triples if t.predicate.value == "http://rdfs.org/ns/void#triples"]
    assert counts == ["3", "3"]  # the dataset, and its one named graph (a void:subset with its own count)
    assert any(t.object == ox.NamedNode(G) for t in triples)


def test_dump(c):
    r = c.get("/dump")
    assert r.headers["content-type"].startswith("application/n-quads")
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.N_QUADS))) == 3


Q = "SELECT ?s ?n ?t WHERE { ?s <http://example.org/nama> ?n OPTIONAL { ?s <http://example.org/tahun> ?t } } ORDER BY ?n"


def test_results_json_terms(c):
    b = c.get("/sparql", params={"query": Q}).json()["results"]["bindings"]
    assert b[0]["n"] == {"type": "literal", "value": 'Aplikasi "A", baru', "xml:lang": "id"}
    assert b[0]["t"] == {"type": "literal", "value": "2021", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert b[1]["s"]["type"] == "bnode" and "t" not in b[1]


def test_results_xml(c):
    r = c.get("/sparql", params={"query": Q}, headers={"Accept": "application/sparql-results+xml"})
    root = ET.fromstring(r.content)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "n", "t"]
    lit = root.find("r:results/r:result/r:binding[@name='n']/r:literal", ns)
    assert lit.text == 'Aplikasi "A", baru' and lit.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"


def test_results_csv_and_tsv(c):
    r = c.get("/sparql", params={"query": Q}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["s", "n", "t"] and rows[1] == ["http://example.org/a", 'Aplikasi "A", baru', "2021"]
    r = c.get("/sparql", params={"query": Q}, headers={"Accept": "text/tab-separated-values"})
    lines = r.text.splitlines()
    assert lines[0] == "?s\t?n\t?t"
    assert lines[1].split("\t")[1] == '"Aplikasi \\"A\\", baru"@id'
    assert len(lines[2].split("\t")) == 3  # the tab inside a literal is escaped


def test_construct_formats(c):
    q = "CONSTRUCT WHERE { ?s ?p ?o }"
    for media, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/trig", ox.RdfFormat.TRIG),
                       ("application/n-quads", ox.RdfFormat.N_QUADS), ("application/ld+json", ox.RdfFormat.JSON_LD)):
        r = c.get("/sparql", params={"query": q}, headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        assert len(list(ox.parse(r.content, format=fmt))) == 3
