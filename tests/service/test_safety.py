"""Safe by default: runaway queries are stopped, writes need a token, SERVICE is allow-listed,
bodies and results are capped, CORS is never ``*`` with credentials, errors carry no traceback."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from spbe_kg.benchmarks.servers import app_server
from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.service.store.remote import RemoteStore
from spbe_kg.settings import Settings
from tests.support import TOKEN

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LOOKUP = "SELECT ?o WHERE { <http://example.org/app/17> ?p ?o }"


def _fill(store, n=20_000):
    g = ox.NamedNode("http://example.org/g")
    store.add_quads(
        ox.Quad(ox.NamedNode(f"http://example.org/app/{i // 4}"), ox.NamedNode(f"http://example.org/p{i % 4}"), ox.Literal(f"v{i}"), g)
        for i in range(n)
    )


@pytest.fixture(scope="module")
def runaway_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("runaway")
    store = EmbeddedStore(d / "store")
    _fill(store)
    settings = Settings(store="embedded", data_dir=d / "store", query_timeout_s=2.0, query_workers=2)
    with app_server(create_app(settings, store=store)) as url:
        yield url
    store.close()


def test_runaway_query_is_stopped_and_server_keeps_answering(runaway_server):
    lookups: list[tuple[int, float]] = []
    stop = threading.Event()

    def other_clients():
        with httpx.Client(base_url=runaway_server, timeout=10) as c:
            while not stop.is_set():
                t = time.monotonic()
                r = c.get("/sparql", params={"query": LOOKUP})
                lookups.append((r.status_code, time.monotonic() - t))
                h = c.get("/health")
                lookups.append((h.status_code, 0.0))
                time.sleep(0.05)

    th = threading.Thread(target=other_clients)
    th.start()
    try:
        t0 = time.monotonic()
        r = httpx.get(runaway_server + "/sparql", params={"query": RUNAWAY, "lang": "en"}, timeout=30)
        elapsed = time.monotonic() - t0
    finally:
        stop.set()
        th.join()
    assert r.status_code == 503
    assert "time limit" in r.text and "Traceback" not in r.text
    # bounds an order of magnitude looser than the targets (measured in benchmarks/bench_admission):
    # without the limit the runaway never ends; queued behind it, a lookup would wait for it
    assert elapsed < 2.0 + 8.0, f"answered after {elapsed:.2f} s"
    assert len(lookups) >= 5 and all(code == 200 for code, _ in lookups)  # answered while the runaway ran
    # the killed worker was replaced: queries keep working
    r = httpx.get(runaway_server + "/sparql", params={"query": LOOKUP}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.count("\n") == 5


def test_runaway_over_a_memory_store_is_answered_in_time():
    # memory stores have no worker processes: the answer still comes on time (the thread is
    # abandoned; kept small here, 27M rows, so the abandoned thread ends within a few seconds; 8M rows
    # took 0.61 s on a faster machine, inside the 0.5 + 0.5 s deadline: no runaway at all there)
    store = EmbeddedStore(None)
    _fill(store, 300)
    app = create_app(Settings(store="memory", query_timeout_s=0.5), store=store)
    with app_server(app) as url:
        t0 = time.monotonic()
        r = httpx.get(url + "/sparql", params={"query": RUNAWAY}, timeout=30)
        assert r.status_code == 503 and time.monotonic() - t0 < 0.5 + 5.0  # unlimited: minutes


@pytest.fixture
def client(tmp_path):
    def make(**kw):
        base = dict(store="memory", enable_updates=True, write_token=TOKEN, query_timeout_s=5.0)
        base.update(kw)
        return TestClient(create_app(Settings(**base), store=EmbeddedStore(None)))
    return make


def test_read_only_by_default(client):
    with client(enable_updates=False) as c:
        r = c.post("/sparql", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and "hanya-baca" in r.text
        r = c.put("/store", params={"graph": "http://g"}, content=b"", headers={"Content-Type": "text/turtle"})
        assert r.status_code == 403


def test_updates_enabled_without_token_refuse_writes(client):
    with client(write_token=None) as c:
        r = c.post("/sparql", data={"update": "CLEAR ALL"}, params={"lang": "en"})
        assert r.status_code == 403 and "SPBE_WRITE_TOKEN" in r.text


def test_bearer_token(client):
    upd = {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}
    with client() as c:
        assert c.post("/sparql", data=upd).status_code == 401
        assert c.post("/sparql", data=upd, headers={"Authorization": "Basic abc"}).status_code == 401
        assert c.post("/sparql", data=upd, headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert c.post("/sparql", data=upd, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 204
        assert c.get("/sparql", params={"query": "ASK { <http://a> ?p ?o }"}).json()["boolean"] is True


def test_service_only_to_allow_listed_endpoints(client):
    q = "SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { ?s ?p ?o } }"
    with client() as c:
        r = c.get("/sparql", params={"query": q})
        assert r.status_code == 403 and "169.254.169.254" in r.text
        r = c.get("/sparql", params={"query": "SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }"})
        assert r.status_code == 403
        r = c.post("/sparql", data={"update": "LOAD <http://127.0.0.1:22/x>"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403


def test_allow_listed_service_is_called(oxigraph_url, client):
    remote = RemoteStore(oxigraph_url + "/query", oxigraph_url + "/update")
    remote.update("INSERT DATA { GRAPH <http://example.org/fed> { <http://example.org/fed/s> <http://example.org/p> \"remote\" } }")
    q = f"SELECT ?o WHERE {{ SERVICE <{oxigraph_url}/query> {{ <http://example.org/fed/s> ?p ?o }} }}"
    with client(federation_allowlist=[oxigraph_url + "/query"]) as c:
        r = c.get("/sparql", params={"query": q})
        assert r.status_code == 200, r.text
        assert r.json()["results"]["bindings"][0]["o"]["value"] == "remote"


def test_body_size_cap(client):
    with client(max_body_bytes=1000) as c:
        r = c.post("/sparql", content=b"ASK {}" + b" " * 2000, headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413


def test_body_size_cap_without_content_length(client):
    def chunks():
        for _ in range(10):
            yield b" " * 500
    with client(max_body_bytes=1000) as c:
        r = c.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413


def test_result_row_cap(client):
    with client(max_result_rows=10) as c:
        c.post("/sparql", data={"update": "INSERT DATA { " + " ".join(f"<http://e/{i}> <http://p> {i} ." for i in range(50)) + " }"},
               headers={"Authorization": f"Bearer {TOKEN}"})
        r = c.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
        assert len(r.json()["results"]["bindings"]) == 10 and r.headers["x-result-truncated"] == "true"
        r = c.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"})
        assert r.text.count("\n") == 10 and r.headers["x-result-truncated"] == "true"


def test_cors_never_wildcard_with_credentials(client):
    with client(cors_origins=["https://arsitektur.example.go.id"]) as c:
        r = c.get("/health", headers={"Origin": "https://arsitektur.example.go.id"})
        assert r.headers["access-control-allow-origin"] == "https://arsitektur.example.go.id"
        assert r.headers["access-control-allow-credentials"] == "true"
        assert "access-control-allow-origin" not in c.get("/health", headers={"Origin": "https://evil.example"}).headers
    with client(cors_origins=["*"]) as c:
        r = c.get("/health", headers={"Origin": "https://x.example"})
        assert r.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in r.headers
    with client() as c:
        assert "access-control-allow-origin" not in c.get("/health", headers={"Origin": "https://x.example"}).headers


def test_store_failure_has_no_traceback():
    # a remote store whose server is gone: the user gets a 502 with a plain message, no internals
    dead = RemoteStore("http://127.0.0.1:9/query", timeout_s=2)
    with TestClient(create_app(Settings(store="remote"), store=dead)) as c:
        r = c.get("/sparql", params={"query": "ASK {}"})
        assert r.status_code == 502
        assert "Traceback" not in r.text and "httpx" not in r.text and "File \"" not in r.text
        h = c.get("/health")
        assert h.status_code == 503 and h.json()["status"] == "error"


def test_access_log_one_line_per_request(client, caplog):
    with caplog.at_level("INFO", logger="spbe.access"), client() as c:
        r = c.get("/health", headers={"X-Request-ID": "abc-123"})
        assert r.headers["x-request-id"] == "abc-123"
        c.get("/sparql", params={"query": "ASK {"})
    lines = [json.loads(rec.getMessage()) for rec in caplog.records if rec.name == "spbe.access"]
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [("GET", "/health", 200), ("GET", "/sparql", 400)]
    assert lines[0]["id"] == "abc-123" and isinstance(lines[1]["ms"], float) and len(lines[1]["id"]) == 16


def test_health(client):
    with client() as c:
        h = c.get("/health").json()
        assert h["store"] == "memory" and h["triples"] == 0 and h["version"] and h["status"] == "ok"
