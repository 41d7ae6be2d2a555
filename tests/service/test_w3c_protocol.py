"""W3C SPARQL 1.1 Protocol test suite (w3c/rdf-tests sparql/sparql11/protocol), transcribed.

Each case carries the suite's name; the requests follow the suite's descriptions, run against our
app on a real uvicorn server (embedded on-disk store, updates enabled with a token). The suite's
data documents (kasei.us data1.rdf ... data4.rdf) are put into graphs of the same IRIs first.
"""

from __future__ import annotations

import json

import httpx
import pytest

from tests.support import TOKEN

D = "http://kasei.us/2009/09/sparql/data/"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FORM = "application/x-www-form-urlencoded"
RESULT_TYPES = ("application/sparql-results+xml", "application/sparql-results+json", "text/csv", "text/tab-separated-values")
RDF_TYPES = ("text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json", "application/trig", "application/n-quads")

DATA = {
    "data1.rdf": '<http://kasei.us/2009/09/sparql/data/data1.rdf> <http://purl.org/dc/terms/title> "data1" . _:a <http://xmlns.com/foaf/0.1/name> "Alice" .',
    "data2.rdf": '<http://kasei.us/2009/09/sparql/data/data2.rdf> <http://purl.org/dc/terms/title> "data2" . _:b <http://xmlns.com/foaf/0.1/name> "Bob" .',
    "data3.rdf": '<http://kasei.us/2009/09/sparql/data/data3.rdf> <http://purl.org/dc/terms/title> "data3" .',
    "data4.rdf": '<http://kasei.us/2009/09/sparql/data/data4.rdf> <http://purl.org/dc/terms/title> "data4" .',
}


@pytest.fixture(scope="module")
def ep(live_any):
    with httpx.Client(base_url=live_any, timeout=30) as c:
        for name, ttl in DATA.items():
            r = c.put("/store", params={"graph": D + name}, content=ttl, headers={**AUTH, "Content-Type": "text/turtle"})
            assert r.status_code in (201, 204), r.text
        yield c


def ask_true(r: httpx.Response) -> bool:
    return r.status_code == 200 and json.loads(r.text)["boolean"] is True


def titles(r: httpx.Response) -> set[str]:
    assert r.status_code == 200, r.text
    return {b["t"]["value"] for b in r.json()["results"]["bindings"]}


# --- query tests ----------------------------------------------------------------------------------

def test_query_get(ep):
    r = ep.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    assert ask_true(r)


def test_query_post_form(ep):
    r = ep.post("/sparql", content="query=ASK%20%7B%7D", headers={"Content-Type": FORM, "Accept": "application/sparql-results+json"})
    assert ask_true(r)


def test_query_post_direct(ep):
    r = ep.post("/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert ask_true(r)


Q_TITLES = "PREFIX dc: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?s dc:title ?t }"


def test_query_dataset_default_graph_get(ep):
    r = ep.get("/sparql", params={"query": Q_TITLES, "default-graph-uri": D + "data1.rdf"}, headers={"Accept": "application/sparql-results+json"})
    assert titles(r) == {"data1"}


def test_query_dataset_default_graph_post(ep):
    r = ep.post("/sparql", data={"query": Q_TITLES, "default-graph-uri": D + "data1.rdf"}, headers={"Accept": "application/sparql-results+json"})
    assert titles(r) == {"data1"}


def test_query_dataset_named_graphs_post(ep):
    q = "PREFIX dc: <http://purl.org/dc/terms/> SELECT ?t WHERE { GRAPH ?g { ?s dc:title ?t } }"
    r = ep.post("/sparql", content=f"query={httpx.QueryParams({'q': q})['q']}", headers={"Content-Type": FORM})
    r = ep.post("/sparql", data={"query": q, "named-graph-uri": [D + "data1.rdf", D + "data2.rdf"]}, headers={"Accept": "application/sparql-results+json"})
    assert titles(r) == {"data1", "data2"}


def test_query_dataset_named_graphs_get(ep):
    q = "PREFIX dc: <http://purl.org/dc/terms/> SELECT ?t WHERE { GRAPH ?g { ?s dc:title ?t } }"
    r = ep.get("/sparql", params={"query": q, "named-graph-uri": [D + "data3.rdf", D + "data4.rdf"]}, headers={"Accept": "application/sparql-results+json"})
    assert titles(r) == {"data3", "data4"}


def test_query_dataset_full(ep):
    q = ("PREFIX dc: <http://purl.org/dc/terms/> SELECT ?t WHERE { { ?s dc:title ?t } UNION { GRAPH ?g { ?s dc:title ?t } } }")
    r = ep.get("/sparql", params={"query": q, "default-graph-uri": D + "data3.rdf", "named-graph-uri": [D + "data1.rdf", D + "data2.rdf"]},
               headers={"Accept": "application/sparql-results+json"})
    assert titles(r) == {"data1", "data2", "data3"}


def test_query_multiple_dataset(ep):
    # the protocol's dataset overrides the query's FROM
    q = "PREFIX dc: <http://purl.org/dc/terms/> SELECT ?t FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> WHERE { ?s dc:title ?t }"
    r = ep.get("/sparql", params={"query": q, "default-graph-uri": [D + "data1.rdf", D + "data2.rdf"]}, headers={"Accept": "application/sparql-results+json"})
    assert titles(r) == {"data1", "data2"}


def test_query_from_without_protocol_dataset(ep):
    # not in the suite: FROM in the query is honoured when the request names no dataset
    q = "PREFIX dc: <http://purl.org/dc/terms/> SELECT ?t FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> WHERE { ?s dc:title ?t }"
    assert titles(ep.get("/sparql", params={"query": q})) == {"data3"}


def test_query_union_default_graph(ep):
    # not in the suite: with no dataset the default graph is the union of all graphs
    assert titles(ep.get("/sparql", params={"query": Q_TITLES})) >= {"data1", "data2", "data3", "data4"}


def test_query_content_type_select(ep):
    r = ep.get("/sparql", params={"query": "SELECT (1 AS ?value) {}"}, headers={"Accept": ", ".join(RESULT_TYPES)})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] in RESULT_TYPES


def test_query_content_type_ask(ep):
    r = ep.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+xml, application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] in RESULT_TYPES


def test_query_content_type_describe(ep):
    r = ep.get("/sparql", params={"query": f"DESCRIBE <{D}data1.rdf>"}, headers={"Accept": ", ".join(RDF_TYPES)})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] in RDF_TYPES


def test_query_content_type_construct(ep):
    r = ep.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, headers={"Accept": ", ".join(RDF_TYPES)})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] in RDF_TYPES


# --- update tests ---------------------------------------------------------------------------------

def _select(ep, q):
    r = ep.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return r.json()["results"]["bindings"]


def test_update_dataset_default_graph(ep):
    g = "http://example.org/protocol-update-dataset-test/"
    upd = (f"PREFIX dc: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
           f"CLEAR ALL ; INSERT DATA {{ GRAPH <{g}> {{ _:alice a foaf:Person ; foaf:name \"Alice\" . _:bob a foaf:Person ; foaf:name \"Bob\" }} }} ; "
           f"INSERT {{ GRAPH <{g}> {{ ?s a dc:Agent }} }} WHERE {{ ?s a foaf:Person }}")
    r = ep.post("/sparql", data={"update": upd, "using-graph-uri": g}, headers=AUTH)
    assert r.status_code in (200, 204), r.text
    rows = _select(ep, f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{g}> {{ ?s a <http://purl.org/dc/terms/Agent> }} }}")
    assert rows[0]["c"]["value"] == "2"


def test_update_dataset_default_graphs(ep):
    g1, g2 = "http://example.org/protocol-update-dataset-graphs-test/1", "http://example.org/protocol-update-dataset-graphs-test/2"
    upd = (f"PREFIX foaf: <http://xmlns.com/foaf/0.1/> CLEAR ALL ; "
           f"INSERT DATA {{ GRAPH <{g1}> {{ _:a a foaf:Person }} GRAPH <{g2}> {{ _:b a foaf:Person }} }} ; "
           f"INSERT {{ GRAPH <http://example.org/out> {{ ?s a <http://example.org/Found> }} }} WHERE {{ ?s a foaf:Person }}")
    r = ep.post("/sparql", data={"update": upd, "using-graph-uri": [g1, g2]}, headers=AUTH)
    assert r.status_code in (200, 204), r.text
    rows = _select(ep, "SELECT (COUNT(*) AS ?c) WHERE { GRAPH <http://example.org/out> { ?s ?p ?o } }")
    assert rows[0]["c"]["value"] == "2"


def test_update_dataset_named_graphs(ep):
    g1, g2 = "http://example.org/protocol-update-dataset-named-graphs-test/1", "http://example.org/protocol-update-dataset-named-graphs-test/2"
    upd = (f"PREFIX foaf: <http://xmlns.com/foaf/0.1/> CLEAR ALL ; "
           f"INSERT DATA {{ GRAPH <{g1}> {{ _:a a foaf:Person }} GRAPH <{g2}> {{ _:b a foaf:Person }} }} ; "
           f"INSERT {{ GRAPH <http://example.org/out> {{ ?s <http://example.org/in> ?g }} }} WHERE {{ GRAPH ?g {{ ?s a foaf:Person }} }}")
    r = ep.post("/sparql", data={"update": upd, "using-named-graph-uri": [g1]}, headers=AUTH)
    assert r.status_code in (200, 204), r.text
    rows = _select(ep, "SELECT ?g WHERE { GRAPH <http://example.org/out> { ?s ?p ?g } }")
    assert [b["g"]["value"] for b in rows] == [g1]


def test_update_dataset_full(ep):
    g1, g2 = "http://example.org/protocol-update-dataset-full-test/1", "http://example.org/protocol-update-dataset-full-test/2"
    upd = (f"PREFIX foaf: <http://xmlns.com/foaf/0.1/> CLEAR ALL ; "
           f"INSERT DATA {{ GRAPH <{g1}> {{ _:a a foaf:Person }} GRAPH <{g2}> {{ _:b foaf:name \"Bob\" }} }} ; "
           f"INSERT {{ GRAPH <http://example.org/out> {{ ?s <http://example.org/ok> true }} }} "
           f"WHERE {{ ?s a foaf:Person . GRAPH ?g {{ ?o foaf:name ?n }} }}")
    r = ep.post("/sparql", data={"update": upd, "using-graph-uri": g1, "using-named-graph-uri": g2}, headers=AUTH)
    assert r.status_code in (200, 204), r.text
    rows = _select(ep, "SELECT (COUNT(*) AS ?c) WHERE { GRAPH <http://example.org/out> { ?s ?p ?o } }")
    assert rows[0]["c"]["value"] == "1"


def test_update_post_form(ep):
    r = ep.post("/sparql", data={"update": "CLEAR ALL ; INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/s> <http://example.org/p> \"form\" } }"}, headers=AUTH)
    assert r.status_code in (200, 204)
    assert _select(ep, "SELECT ?o WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }")[0]["o"]["value"] == "form"


def test_update_post_direct(ep):
    r = ep.post("/sparql", content="CLEAR ALL ; INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/s> <http://example.org/p> \"direct\" } }",
                headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert r.status_code in (200, 204)
    assert _select(ep, "SELECT ?o WHERE { GRAPH <http://example.org/g1> { ?s ?p ?o } }")[0]["o"]["value"] == "direct"


def test_update_base_uri(ep):
    r = ep.post("/sparql", content="BASE <http://example.org/base/> CLEAR ALL ; INSERT DATA { GRAPH <g> { <s> <p> <o> } }",
                headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert r.status_code in (200, 204), r.text
    rows = _select(ep, "SELECT ?s WHERE { GRAPH <http://example.org/base/g> { ?s ?p ?o } }")
    assert rows[0]["s"]["value"] == "http://example.org/base/s"


# --- negative tests -------------------------------------------------------------------------------

BAD = [
    ("bad_query_method", "PUT", "/sparql?query=ASK%20%7B%7D", {}, b""),
    ("bad_multiple_queries", "GET", "/sparql?query=ASK%20%7B%7D&query=SELECT%20*%20%7B%7D", {}, b""),
    ("bad_query_wrong_media_type", "POST", "/sparql", {"Content-Type": "text/plain"}, b"ASK {}"),
    ("bad_query_missing_form_type", "POST", "/sparql", {"Content-Type": ""}, b"query=ASK%20%7B%7D"),
    ("bad_query_missing_direct_type", "POST", "/sparql", {"Content-Type": ""}, b"ASK {}"),
    ("bad_query_non_utf8", "POST", "/sparql", {"Content-Type": "application/sparql-query; charset=UTF-8"},
     "ASK { <http://example/SÌ¬> ?p ?o }".encode("latin-1", "replace").replace(b"S", b"S\xff")),
    ("bad_query_syntax", "GET", "/sparql?query=ASK%20%7B", {}, b""),
    ("bad_update_get", "GET", "/sparql?update=CLEAR%20ALL", {}, b""),
    ("bad_multiple_updates", "POST", "/sparql", {"Content-Type": FORM}, b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"),
    ("bad_update_wrong_media_type", "POST", "/sparql", {"Content-Type": "text/plain"}, b"CLEAR NAMED"),
    ("bad_update_missing_form_type", "POST", "/sparql", {"Content-Type": ""}, b"update=CLEAR%20NAMED"),
    ("bad_update_non_utf8", "POST", "/sparql", {"Content-Type": "application/sparql-update"}, b"CLEAR GRAPH <http://example/\xff>"),
    ("bad_update_syntax", "POST", "/sparql", {"Content-Type": "application/sparql-update"}, b"INSERT DATA { <s> <p> "),
    ("bad_update_dataset_conflict", "POST", "/sparql?using-graph-uri=http%3A%2F%2Fexample.org%2Fg",
     {"Content-Type": "application/sparql-update"},
     b"PREFIX dc: <http://purl.org/dc/terms/> WITH <http://example.org/protocol-update-dataset-conflict-test/> "
     b"DELETE { ?s dc:title ?t } WHERE { ?s dc:title ?t }"),
]


@pytest.mark.parametrize("name,method,path,headers,body", BAD, ids=[b[0] for b in BAD])
def test_bad_requests(ep, name, method, path, headers, body):
    r = ep.request(method, path, headers={**AUTH, **headers}, content=body)
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert "Traceback" not in r.text


def test_bad_query_syntax_says_where(ep):
    r = ep.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}", "lang": "en"})
    assert r.status_code == 400
    assert "line 3, column 2" in r.text
