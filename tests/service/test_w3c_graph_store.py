"""W3C SPARQL 1.1 Graph Store HTTP Protocol tests (w3c/rdf-tests sparql/sparql11/graph-store-protocol),
indirect graph identification (``?graph=``), transcribed in the suite's order and names.

The cases build on each other exactly as in the suite (``GET of PUT`` checks the ``PUT`` before it),
so they run in order against one server.
"""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.support import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}

PERSON1 = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://$HOST$/$GRAPHSTORE$/person/1> a foaf:Person ;
   foaf:businessCard [ a v:VCard ; v:fn "John Doe" ] ."""
PERSON1_V2 = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://$HOST$/$GRAPHSTORE$/person/1> a foaf:Person ;
   foaf:businessCard [ a v:VCard ; v:fn "Jane Doe" ] ."""
PERSON2 = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://$HOST$/$GRAPHSTORE$/person/2> a foaf:Person ;
   foaf:businessCard [ a v:VCard ; v:fn "Jane Doe" ] ."""
PERSON1_ADD = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://$HOST$/$GRAPHSTORE$/person/1> foaf:businessCard [ a v:VCard ; v:given-name "Jane" ] ."""
PERSON1_ADD2 = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://$HOST$/$GRAPHSTORE$/person/1> foaf:businessCard [ a v:VCard ; v:family-name "Doe" ] ."""

G1 = "http://example.org/graphstore/person/1.ttl"
G2 = "http://example.org/graphstore/person/2.ttl"
G3 = "http://example.org/graphstore/person/3.ttl"


def same(text: str, *expected: str) -> bool:
    got = Graph().parse(data=text, format="turtle")
    want = Graph()
    for e in expected:
        want.parse(data=e, format="turtle")
    return isomorphic(got, want)


@pytest.fixture(scope="module")
def gs(live_any):
    with httpx.Client(base_url=live_any, timeout=30) as c:
        c.state = {}
        yield c


def put(c, graph, body, ctype="text/turtle", **params):
    p = {"graph": graph} if graph else {"default": ""}
    return c.put("/store", params=p, content=body, headers={**AUTH, "Content-Type": ctype})


def get(c, graph=None, **kw):
    p = {"graph": graph} if graph else {"default": ""}
    return c.get("/store", params=p, headers={"Accept": "text/turtle"}, **kw)


def test_put_initial_state(gs):  # "PUT - Initial state"
    assert put(gs, G1, PERSON1).status_code == 201


def test_get_of_put_initial_state(gs):  # "GET of PUT - Initial state"
    r = get(gs, G1)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert same(r.text, PERSON1)


def test_put_graph_already_in_store(gs):  # "PUT - graph already in store"
    assert put(gs, G1, PERSON1_V2).status_code == 204


def test_get_of_put_graph_already_in_store(gs):  # "GET of PUT - graph already in store"
    assert same(get(gs, G1).text, PERSON1_V2)


def test_put_default_graph(gs):  # "PUT - default graph"
    assert put(gs, None, PERSON2).status_code in (201, 204)


def test_get_of_put_default_graph(gs):  # "GET of PUT - default graph"
    r = get(gs, None)
    assert r.status_code == 200 and same(r.text, PERSON2)


def test_put_mismatched_payload(gs):  # "PUT - mismatched payload"
    r = put(gs, G1, PERSON1, ctype="application/rdf+xml")
    assert r.status_code == 400
    assert same(get(gs, G1).text, PERSON1_V2)  # unchanged


def test_delete_existing_graph(gs):  # "DELETE - existing graph"
    assert gs.delete("/store", params={"graph": G1}, headers=AUTH).status_code == 204


def test_get_of_delete_existing_graph(gs):  # "GET of DELETE - existing graph"
    assert get(gs, G1).status_code == 404


def test_delete_non_existent_graph(gs):  # "DELETE - non-existent graph"
    assert gs.delete("/store", params={"graph": G1}, headers=AUTH).status_code == 404


def test_post_existing_graph(gs):  # "POST - existing graph"
    assert put(gs, G1, PERSON1).status_code == 201
    r = gs.post("/store", params={"graph": G1}, content=PERSON1_ADD, headers={**AUTH, "Content-Type": "text/turtle"})
    assert r.status_code == 204


def test_get_of_post_existing_graph(gs):  # "GET of POST - existing graph"
    assert same(get(gs, G1).text, PERSON1, PERSON1_ADD)


def test_post_multipart_form_data(gs):  # "POST - multipart/form-data"
    files = [("lastName.ttl", ("lastName.ttl", PERSON1_ADD2.encode(), "text/turtle")),
             ("firstName.ttl", ("firstName.ttl", b"", "text/turtle"))]
    r = gs.post("/store", params={"graph": G1}, files=files, headers=AUTH)
    assert r.status_code == 204, r.text


def test_get_of_post_multipart_form_data(gs):  # "GET of POST - multipart/form-data"
    assert same(get(gs, G1).text, PERSON1, PERSON1_ADD, PERSON1_ADD2)


def test_post_create_new_graph(gs):  # "POST - create new graph"
    r = gs.post("/store", content=PERSON2, headers={**AUTH, "Content-Type": "text/turtle"})
    assert r.status_code == 201 and r.headers["location"]
    gs.state["new"] = r.headers["location"]


def test_get_of_post_create_new_graph(gs):  # "GET of POST - create new graph"
    r = get(gs, gs.state["new"])
    assert r.status_code == 200 and same(r.text, PERSON2)


def test_post_empty_graph_to_existing_graph(gs):  # "POST - empty graph to existing graph"
    r = gs.post("/store", params={"graph": gs.state["new"]}, content=b"", headers={**AUTH, "Content-Type": "text/turtle"})
    assert r.status_code == 204


def test_get_of_post_after_noop(gs):  # "GET of POST - after noop"
    assert same(get(gs, gs.state["new"]).text, PERSON2)


def test_head_on_an_existing_graph(gs):  # "HEAD on an existing graph"
    r = gs.head("/store", params={"graph": G1})
    assert r.status_code == 200 and r.content == b"" and r.headers["content-type"].startswith("text/turtle")


def test_head_on_a_non_existing_graph(gs):  # "HEAD on a non-existing graph"
    assert gs.head("/store", params={"graph": G3}).status_code == 404


def test_put_empty_graph(gs):  # "PUT - empty graph"
    assert put(gs, G3, b"").status_code == 201


def test_get_of_put_empty_graph(gs):  # "GET of PUT - empty graph"
    r = get(gs, G3)
    assert r.status_code == 200 and len(Graph().parse(data=r.text, format="turtle")) == 0


def test_gsp_writes_need_the_token(gs):
    r = gs.put("/store", params={"graph": G2}, content=PERSON2, headers={"Content-Type": "text/turtle"})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    r = gs.delete("/store", params={"graph": G1}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    assert get(gs, G1).status_code == 200


def test_gsp_unsupported_media_type(gs):
    assert put(gs, G2, b"x", ctype="image/png").status_code == 415


def test_gsp_get_formats(gs):
    for media, fmt in (("application/n-triples", ox.RdfFormat.N_TRIPLES), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                       ("application/ld+json", ox.RdfFormat.JSON_LD)):
        r = gs.get("/store", params={"graph": G1}, headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        assert len(list(ox.parse(r.content, format=fmt))) == 10
