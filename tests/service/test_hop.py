"""The thread-free hop to a query worker (service/sparql/hop.py): same answers as the thread path,
writes seen by the next query, a runaway killed at its limit and its worker replaced, and the
thread path taken whenever the hop could block."""

from __future__ import annotations

import time

import anyio
import pyoxigraph as ox
import pytest

from spbe_kg.service.sparql import hop
from spbe_kg.service.sparql.execute import QueryJob
from spbe_kg.service.sparql.workers import WorkerPool
from spbe_kg.service.store.base import QueryTimeout
from spbe_kg.service.store.embedded import EmbeddedStore

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def pool(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.add_quads(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                            ox.Literal(str(i)), ox.NamedNode("http://example.org/g")) for i in range(300))
    p = WorkerPool(store, size=1, short=1)
    yield p
    p.close()
    store.close()


def run(pool, query, lane="short", timeout=10.0, accept="text/csv", uvloop=False):
    return anyio.run(hop.run_async, pool, QueryJob(query, accept=accept, timeout_s=timeout), lane,
                     backend_options={"use_uvloop": uvloop})


def test_same_answer_as_the_thread_path_and_writes_are_seen(pool):
    q = "SELECT ?o WHERE { <http://example.org/s7> ?p ?o }"
    out = run(pool, q)
    assert out is not None and out.status == 200
    assert out.body == pool.run(QueryJob(q, accept="text/csv", timeout_s=10.0)).body == b'o\r\n7\r\n'
    pool.store.update("INSERT DATA { <http://example.org/s7> <http://example.org/q> 'new' }")
    out = run(pool, q)
    assert out is not None and sorted(out.body.split(b"\r\n")) == sorted([b"o", b"7", b"new", b""])


@pytest.mark.parametrize("uvloop", [False, True])  # uvloop's add_reader leaves the socket non-blocking
def test_large_answer_is_read_whole(pool, uvloop):
    pool.store.update("INSERT { ?s <http://example.org/big> ?big } WHERE { GRAPH ?g { ?s ?p ?o } BIND(CONCAT(STR(?o), '"
                      + "x" * 2000 + "') AS ?big) }")
    for _ in range(3):  # answers that arrive in pieces, read inline and in a thread
        out = run(pool, "SELECT ?s ?big WHERE { ?s <http://example.org/big> ?big }", uvloop=uvloop)
        assert out is not None and len(out.body) > hop.MAX_INLINE and out.body.count(b"\r\n") == 301
        out = run(pool, "SELECT ?s ?big WHERE { ?s <http://example.org/big> ?big } LIMIT 60", uvloop=uvloop)
        assert out is not None and out.status == 200 and out.body.count(b"\r\n") == 61
    assert pool.killed == 0 and len(pool._all) == 2


@pytest.mark.slow
def test_runaway_is_killed_at_its_limit_and_replaced(pool):
    run(pool, "SELECT (1 AS ?x) {}", lane="general")
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):
        run(pool, RUNAWAY, lane="general", timeout=0.5)
    assert time.monotonic() - t0 < 0.5 + 5.0 and pool.killed == 1
    deadline = time.monotonic() + 30
    out = None
    while time.monotonic() < deadline:  # the replacement worker joins the general lane
        out = run(pool, "SELECT (1 AS ?x) {}", lane="general")
        if out is not None:
            break
        time.sleep(0.1)
    assert out is not None and out.status == 200
    time.sleep(2.0)  # a second replacement would have joined by now
    assert len(pool._all) == 2  # the killed worker was replaced exactly once


def test_thread_path_when_no_worker_is_idle_or_the_text_is_long(pool):
    taken = [pool.try_acquire("short"), pool.try_acquire("short")]  # the short worker, then the general one
    assert all(w is not None for w in taken) and pool.try_acquire("short") is None
    assert run(pool, "SELECT (1 AS ?x) {}") is None
    for w in taken:
        pool.release(w)
    assert run(pool, "SELECT (1 AS ?x) {}") is not None
    long_text = "SELECT (1 AS ?x) {} #" + "x" * hop.MAX_INLINE
    assert run(pool, long_text) is None
    assert pool.run(QueryJob(long_text, accept="text/csv", timeout_s=10.0)).status == 200
