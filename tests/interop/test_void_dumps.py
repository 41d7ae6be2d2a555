"""VoID + DCAT at /.well-known/void and the dumps at stable URLs, on a real uvicorn: counts per graph,
conditional requests (ETag, Last-Modified, 304), a rebuild after a write, and complete files only."""

from __future__ import annotations

import gzip
import io
import time

import httpx
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF

from spbe_kg.interop.export import SHAPES

from .conftest import TOKEN

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def _void(url: str, path: str = "/.well-known/void") -> rdflib.Graph:
    r = httpx.get(url + path, headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    return rdflib.Graph().parse(data=r.text, format="turtle")


def test_void_describes_graphs_endpoint_dumps_licence_publisher(kab):
    g = _void(kab.url)
    ds = rdflib.URIRef(kab.url + "/.well-known/void#dataset")
    assert (ds, rdflib.RDF.type, VOID.Dataset) in g and (ds, rdflib.RDF.type, DCAT.Dataset) in g
    assert g.value(ds, VOID.sparqlEndpoint) == rdflib.URIRef(kab.url + "/sparql")
    assert {str(d) for d in g.objects(ds, VOID.dataDump)} == {kab.url + "/dumps/spbe-kg.nt.gz", kab.url + "/dumps/spbe-kg.trig"}
    assert g.value(ds, DCTERMS.license) == rdflib.URIRef(kab.settings.licence_iri)
    assert str(g.value(g.value(ds, DCTERMS.publisher), FOAF.name)) == "Pemerintah Kabupaten Simalungun"
    assert rdflib.URIRef("https://w3id.org/spbe/ontology") in set(g.objects(ds, VOID.vocabulary))
    actual = {r["g"].value: int(r["n"].value) for r in kab.store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", union_default=False)}
    described = {str(g.value(s, SD.name)): int(g.value(s, VOID.triples)) for s in g.objects(ds, VOID.subset)}
    assert described == actual and len(actual) >= 5
    assert int(g.value(ds, VOID.triples)) == sum(actual.values())
    assert set(_void(kab.url, "/void")) == set(g)  # the old address serves the same description


def test_void_is_valid_dcat_ap(kab):
    import pyshacl

    g = _void(kab.url)
    conforms, _, text = pyshacl.validate(g, shacl_graph=rdflib.Graph().parse(SHAPES["dcat-ap"]), inference="none")
    assert conforms, text


def test_dumps_are_complete_and_conditional(kab):
    with httpx.Client(base_url=kab.url, timeout=120) as c:
        nt = c.get("/dumps/spbe-kg.nt.gz")
        assert nt.status_code == 200 and nt.headers["content-type"] == "application/gzip"
        lines = gzip.decompress(nt.content).decode().splitlines()
        assert len(lines) == kab.store.triple_count()
        rdflib.Graph().parse(data="\n".join(lines), format="nt")
        etag, modified = nt.headers["etag"], nt.headers["last-modified"]
        assert c.get("/dumps/spbe-kg.nt.gz", headers={"If-None-Match": etag}).status_code == 304
        assert c.get("/dumps/spbe-kg.nt.gz", headers={"If-Modified-Since": modified}).status_code == 304
        assert c.get("/dumps/spbe-kg.nt.gz", headers={"If-None-Match": '"other"'}).status_code == 200
        head = c.head("/dumps/spbe-kg.nt.gz")
        assert head.headers["etag"] == etag and head.content == b""
        trig = c.get("/dumps/spbe-kg.trig")
        ds = rdflib.Dataset()
        ds.parse(io.BytesIO(trig.content), format="trig")
        assert {str(x.identifier) for x in ds.graphs()} - {"urn:x-rdflib:default"} == set(kab.store.named_graphs())
        assert c.get("/dumps/spbe-kg.zip").status_code == 404


def test_dump_is_rebuilt_after_a_write_and_never_half_written(kab):
    with httpx.Client(base_url=kab.url, timeout=120) as c:
        old = c.get("/dumps/spbe-kg.nt.gz").headers["etag"]
        g = kab.settings.base_iri + "graph/uji-dump"
        seen = set()
        for i in range(3):  # writes while clients keep downloading: every download is a whole gzip
            body = f"<{g}#s> <{g}#p> \"versi {i}\" ."
            r = c.put("/store", params={"graph": g}, content=body,
                      headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"})
            assert r.status_code in (201, 204), r.text
            deadline = time.monotonic() + 60
            while True:
                d = c.get("/dumps/spbe-kg.nt.gz")
                text = gzip.decompress(d.content).decode()  # raises on a truncated file
                seen.add(d.headers["etag"])
                if f'"versi {i}"' in text:
                    break
                assert time.monotonic() < deadline, "dump not rebuilt after a write"
                time.sleep(0.2)
        assert old not in {c.get("/dumps/spbe-kg.nt.gz").headers["etag"]}
        assert c.get("/dumps/spbe-kg.nt.gz", headers={"If-None-Match": old}).status_code == 200
        assert len(seen) >= 3
    files = sorted(p.name for p in (kab.settings.data_dir.parent / "store.dumps").iterdir())
    assert "current.json" in files and len([f for f in files if f.startswith("spbe-kg-")]) <= 4, files
