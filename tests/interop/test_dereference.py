"""Dereferenceable IRIs on a real uvicorn: every kind of resource, every format, parsed back with rdflib
and required to mention the resource; content negotiation (q-values, extensions, Vary, HEAD); the
answers for unknown and malformed IRIs and for formats we do not serve."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urlsplit

import httpx
import pytest
import rdflib

from .conftest import KAB_BASE, SPBE

KINDS = ["application", "opd", "pemda", "source row", "finding", "service", "suggestion", "decision",
         "ontology term", "reference concept", "national application"]
RDF_FORMATS = {  # media type -> (extension, rdflib parser)
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "nt"),
    "application/rdf+xml": ("rdf", "xml"),
}


def own_path(iri: str) -> str | None:
    """The path of an IRI on the instance (the data base and w3id.org/spbe/ are served at their paths)."""
    for root in (KAB_BASE, "https://w3id.org/spbe/"):
        if iri.startswith(root) and "#" not in iri:
            return urlsplit(iri).path
    return None


def mentions(body: bytes, parser: str, iri: str) -> int:
    g = rdflib.Graph().parse(io.BytesIO(body), format=parser)
    node = rdflib.URIRef(iri)
    return sum(1 for _ in g.triples((node, None, None))) + sum(1 for _ in g.triples((None, None, node)))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_every_format_at_resource_and_at_its_own_path(kab, kind):
    iri = kab.iris[kind]
    urls = [("/resource", {"iri": iri})]
    if own_path(iri):
        urls.append((own_path(iri), {}))
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        for path, params in urls:
            for media, (ext, parser) in RDF_FORMATS.items():
                r = c.get(path, params=params, headers={"Accept": media})
                assert r.status_code == 200, (kind, path, media, r.text[:300])
                assert r.headers["content-type"].startswith(media)
                assert "Accept" in r.headers["vary"]
                assert mentions(r.content, parser, iri) > 0, (kind, path, media)
                loc = r.headers["content-location"]
                assert loc.endswith(f".{ext}") or f"/resource.{ext}?" in loc
                by_ext = c.get(loc)  # the document URL of that format serves the same format
                assert by_ext.status_code == 200 and by_ext.headers["content-type"].startswith(media)
                assert mentions(by_ext.content, parser, iri) > 0
            page = c.get(path, params=params, headers={"Accept": "text/html"})
            assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
            assert iri in page.text


def test_ontology_at_its_iri_is_pylode_html_and_turtle(kab):
    with httpx.Client(base_url=kab.url, timeout=60) as c:
        html = c.get("/spbe/ontology", headers={"Accept": "text/html"})
        assert html.status_code == 200 and "pyLODE" in html.text and "Aplikasi Umum" in html.text
        ttl = c.get("/spbe/ontology", headers={"Accept": "text/turtle"})
        g = rdflib.Graph().parse(data=ttl.text, format="turtle")
        assert (rdflib.URIRef("https://w3id.org/spbe/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in g
        for media, (ext, parser) in RDF_FORMATS.items():
            r = c.get(f"/spbe/ontology.{ext}")
            assert r.status_code == 200 and r.headers["content-type"].startswith(media)
            assert mentions(r.content, parser, "https://w3id.org/spbe/ontology") > 0


def test_html_page_shows_labels_provenance_findings_suggestions_and_yasgui(kab):
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        html = c.get(own_path(kab.iris["application"]), params={"lang": "en"}, headers={"Accept": "text/html"}).text
    assert "<h1>E-Kinerja</h1>" in html
    assert "Recorded in file aplikasi_kab_simalungun.csv, sheet -, row 2." in html
    assert ">Bagian Hukum<" in html  # the managing unit by its label, not its IRI
    findings = re.search(r'<table class="props" id="findings">.*?</table>', html, re.S)
    suggestions = re.search(r'<table class="props" id="suggestions">.*?</table>', html, re.S).group(0)
    assert "0.82" in suggestions and "terima-kode" in suggestions and "kinerja, pegawai" in suggestions
    link = re.search(r'id="yasgui-link"[^>]*|href="([^"]+)" id="yasgui-link"', html).group(0)
    assert "/query?query=" in link
    assert findings is None or "DuplikasiKlaster" in findings.group(0) or "Duplikasi" in findings.group(0)
    # a member of a duplicate cluster: its page lists the cluster, its kind and the other members by label
    member = next(iter(kab.store.query(
        f"SELECT ?a WHERE {{ <{kab.iris['finding']}> <{SPBE}anggota> ?a }} LIMIT 1")))["a"].value
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        page = c.get("/resource", params={"iri": member, "lang": "en"}, headers={"Accept": "text/html"}).text
    table = re.search(r'<table class="props" id="findings">.*?</table>', page, re.S).group(0)
    assert "KlasterDuplikasi" in table and kab.iris["finding"].rsplit("/", 1)[-1] in table
    assert re.search(r'title="https://data[^"]+">[^<h]', table), "other members shown by their labels"


def test_reference_concept_page_lists_the_applications_that_serve_it(kab):
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        html = c.get("/spbe/ref/RAL.02.04.03", params={"lang": "en"}, headers={"Accept": "text/html"}).text
    apps = re.search(r'<table class="props" id="apps">.*?</table>', html, re.S).group(0)
    assert "E-Kinerja" in apps and "declared code" in apps


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ("text/html;q=0.1, application/n-triples;q=0.9", "application/n-triples"),
    ("application/rdf+xml;q=1, text/turtle;q=0.99", "application/rdf+xml"),
    ("text/*;q=0.8, application/*;q=0.2", "text/html"),
    ("application/*", "application/ld+json"),
    ("*/*", "text/html"),
    (None, "text/html"),
    ("text/html;q=0, */*;q=0.1", "text/turtle"),
])
def test_q_values_decide(kab, accept, expected):
    headers = {"Accept": accept} if accept else {}
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        r = c.get(own_path(kab.iris["application"]), headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected)


def test_extension_wins_over_accept_and_head_answers_headers_only(kab):
    path = own_path(kab.iris["pemda"])
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        r = c.get(path + ".ttl", headers={"Accept": "text/html"})
        assert r.headers["content-type"].startswith("text/turtle")
        get = c.get(path, headers={"Accept": "application/ld+json"})
        json.loads(get.text)
        head = c.head(path, headers={"Accept": "application/ld+json"})
        assert head.status_code == 200 and head.content == b""
        for h in ("content-type", "content-location", "vary", "link"):
            assert head.headers[h] == get.headers[h], h
        assert c.head(path + "-tidak-ada").status_code == 404


def test_unknown_malformed_and_unacceptable(kab):
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        before = kab.store.triple_count()
        r = c.get("/spbe/aplikasi/tidak-ada", headers={"Accept": "text/turtle"})
        assert r.status_code == 404 and "tidak memuat apa pun" in r.text
        r = c.get("/resource", params={"iri": "https://example.org/x", "lang": "en"}, headers={"Accept": "text/turtle"})
        assert r.status_code == 404 and "holds nothing about https://example.org/x" in r.text
        for bad in ("not an iri", "http://x/> } DROP ALL #", ""):
            r = c.get("/resource", params={"iri": bad}, headers={"Accept": "text/turtle"})
            assert r.status_code == 400 and "harus berupa IRI lengkap" in r.text
        r = c.get(own_path(kab.iris["application"]), headers={"Accept": "image/png", "Accept-Language": "en"})
        assert r.status_code == 406 and "text/turtle" in r.text and "not available" in r.text
        assert c.get("/resource.png", params={"iri": kab.iris["application"]}).status_code == 406
        assert c.get("/tidak/ada").status_code == 404  # paths outside the served namespaces
        assert kab.store.triple_count() == before


def test_a_pemda_base_and_w3id_share_the_path_space(kab):
    """Under a pemda's own base ``/spbe/`` both its own IRIs and w3id.org/spbe/ ones are answered."""
    with httpx.Client(base_url=kab.url, timeout=30) as c:
        own = c.get(own_path(kab.iris["application"]), headers={"Accept": "text/turtle"})
        w3 = c.get("/spbe/id/aplikasi-nasional/sp4n-lapor", headers={"Accept": "text/turtle"})
    assert kab.iris["application"].startswith(KAB_BASE) and own.status_code == 200
    assert mentions(w3.content, "turtle", kab.iris["national application"])


def test_dereferencing_over_a_remote_store(oxigraph_url, tmp_path):
    """The same answers when the store is a real Oxigraph server (shared by the session: own base IRI)."""
    import uuid

    from fastapi.testclient import TestClient

    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.remote import RemoteStore
    from spbe_kg.settings import Settings

    from .conftest import KAB_CSV, load_csv

    base = f"https://data.example.go.id/uji-{uuid.uuid4().hex[:8]}/"
    settings = Settings(store="memory", base_iri=base, dump_dir=tmp_path / "dumps")
    store = RemoteStore(oxigraph_url + "/query", oxigraph_url + "/update", oxigraph_url + "/store")
    result = load_csv(store, KAB_CSV, settings)
    try:
        app = next(r.resource for r in result.rows if r.status == "loaded")
        with TestClient(create_app(settings, store=store)) as c:
            for media, (_ext, parser) in RDF_FORMATS.items():
                r = c.get(urlsplit(app).path, headers={"Accept": media})
                assert r.status_code == 200 and mentions(r.content, parser, app) > 0, media
            page = c.get(urlsplit(app).path, params={"lang": "en"}, headers={"Accept": "text/html"}).text
            assert "<h1>E-Kinerja</h1>" in page and "row 2" in page
    finally:
        store.update("".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in result.graphs).rstrip(" ;\n"))
        store.close()
