"""GET /sparql?query= answered by the fast path (service/sparql/fastpath.py) inside the app's own
middlewares, with the router's errors; everything else still reaches FastAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings


def _app():
    store = EmbeddedStore(None)
    store.update("INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> 'x' } }")
    return create_app(Settings(store="memory", query_workers=0), store=store)


def _without_get_route(app):
    app.router.routes = [r for r in app.router.routes
                         if not (getattr(r, "path", None) == "/sparql" and "GET" in getattr(r, "methods", ()))]
    return app


def test_get_query_is_answered_without_fastapis_route():
    with TestClient(_without_get_route(_app())) as c:
        r = c.get("/sparql", params={"query": "SELECT ?o { <http://e/a> ?p ?o }"}, headers={"Accept": "text/csv"})
        assert r.status_code == 200 and r.text == "o\r\nx\r\n" and r.headers["content-type"].startswith("text/csv")
        assert r.headers.get("x-request-id")  # the access-log middleware still wraps it


def test_fast_path_errors_are_the_routers():
    with TestClient(_app()) as c:
        bad = "SELECT ?o WHERE {"
        fast = c.get("/sparql", params={"query": bad})
        routed = c.post("/sparql", content=bad, headers={"Content-Type": "application/sparql-query"})
        assert fast.status_code == routed.status_code == 400 and fast.text == routed.text
        r = c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": "image/png"})
        assert r.status_code == 406
        r = c.get("/sparql", params={"query": "SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }"})
        assert r.status_code == 403
        r = c.get("/sparql", params={"update": "DROP ALL"})
        assert r.status_code == 405 and r.headers["allow"] == "POST"


def _without_middlewares(app):
    """The app with its own middlewares removed: whatever the fast path answers then, it did itself."""
    app.user_middleware = [m for m in app.user_middleware if m.cls.__name__ == "SparqlFastPath"]
    return app


def test_outermost_fast_path_logs_ids_and_skips_the_middlewares(caplog):
    import json

    with caplog.at_level("INFO", logger="spbe.access"), TestClient(_without_middlewares(_without_get_route(_app()))) as c:
        mine = c.get("/sparql", params={"query": "SELECT ?o { <http://e/a> ?p ?o }"},
                     headers={"Accept": "text/csv", "X-Request-ID": "abc-7"})
        fresh = [c.get("/sparql", params={"query": "ASK {}"}).headers["x-request-id"] for _ in range(2)]
        bad = c.get("/sparql", params={"query": "ASK {"})
    assert mine.status_code == 200 and mine.text == "o\r\nx\r\n" and mine.headers["x-request-id"] == "abc-7"
    assert len(set(fresh)) == 2 and all(len(f) == 16 for f in fresh)
    assert bad.status_code == 400 and len(bad.headers["x-request-id"]) == 16
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "spbe.access"]
    assert [(x["id"], x["status"]) for x in lines] == [("abc-7", 200), (fresh[0], 200), (fresh[1], 200),
                                                       (bad.headers["x-request-id"], 400)]


def test_a_get_with_a_body_is_left_to_the_body_cap():
    store = EmbeddedStore(None)
    app = create_app(Settings(store="memory", query_workers=0, max_body_bytes=10), store=store)
    with TestClient(app) as c:
        r = c.request("GET", "/sparql", params={"query": "ASK {}"}, content=b"x" * 100)
        assert r.status_code == 413


def test_with_cors_the_fast_path_sits_inside_the_cors_middleware():
    store = EmbeddedStore(None)
    app = create_app(Settings(store="memory", query_workers=0, cors_origins=["https://portal.example.go.id"]), store=store)
    with TestClient(_without_get_route(app)) as c:
        r = c.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://portal.example.go.id"})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://portal.example.go.id"
        assert r.headers.get("x-request-id")


def test_query_strings_decode_as_urllib_decodes_them():
    """``querystring.parse`` is ``parse_qsl(..., keep_blank_values=True)``, faster: compared on 200,000
    random strings of escapes, pluses, separators, backslashes, hex digits and non-ASCII text."""
    import random
    from urllib.parse import parse_qsl, urlencode

    from spbe_kg.service.sparql import querystring

    r = random.Random(13)
    alphabet = "%+&=\\aZ09fF\u00e9\u65e5 xg;"
    for _ in range(200_000):
        s = "".join(r.choice(alphabet) for _ in range(r.randint(0, 12)))
        assert querystring.parse(s) == parse_qsl(s, keep_blank_values=True), repr(s)
    q = urlencode({"query": 'SELECT * { ?s ?p "é\\u0041 日本 %41" }', "default-graph-uri": "http://g/1"})
    assert querystring.parse(q) == parse_qsl(q, keep_blank_values=True)
