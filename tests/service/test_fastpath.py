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
