"""A reader never sees half a load, and ``kill -9`` during a load leaves the store as it was."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import httpx
import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks.servers import app_server
from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

G = "http://example.org/graph/inventaris.xlsx"


def quads(n: int, tag: str, graph: str = G) -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [ox.Quad(ox.NamedNode(f"http://example.org/app/{i // 10}"), ox.NamedNode(f"http://example.org/p{i % 10}"),
                    ox.Literal(f"{tag} {i}"), g) for i in range(n)]


def count(store: EmbeddedStore, graph: str = G) -> int:
    res = store.query(f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(next(iter(res))["c"].value)


CHILD = textwrap.dedent("""
    import sys, pyoxigraph as ox
    from spbe_kg.service.store.embedded import EmbeddedStore
    store = EmbeddedStore(sys.argv[1])
    g = ox.NamedNode(sys.argv[2])
    qs = [ox.Quad(ox.NamedNode(f"http://example.org/new/{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(f"new {i}"), g)
          for i in range(int(sys.argv[3]))]
    print("begin", flush=True)
    store.replace_graphs([sys.argv[2]], qs)
    print("done", flush=True)
""")


NEW_G = "http://example.org/graph/baru.csv"


@pytest.mark.parametrize("delay,target,n", [(0.2, G, 250_000), (1.0, G, 250_000), (0.4, NEW_G, 600_000)],
                         ids=["reload-early", "reload-mid", "first-load-mid"])
@pytest.mark.slow
def test_kill_9_during_a_load_leaves_the_store_as_it_was(tmp_path, delay, target, n):
    """Killed mid-load, the store reopens in the old state or (if the commit won the race) the
    complete new one, never anything between. Reload: DROP + INSERT DATA update; first load of a
    new graph: Store.extend. Sizes and delays put the kill inside the transaction on this machine."""
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_graphs([G], quads(50, "old"))
    store.close()
    del store
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), target, str(n)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "begin"
    time.sleep(delay)
    child.kill()  # SIGKILL
    child.wait()
    finished = "done" in child.stdout.read()
    reopened = EmbeddedStore(path)
    try:
        total = reopened.triple_count()
        old_state = total == 50 and reopened.named_graphs() == [G] and count(reopened) == 50 and {
            str(r["o"].value).split()[0] for r in reopened.query(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")} == {"old"}
        new_total = n if target == G else n + 50
        new_state = total == new_total and count(reopened, target) == n
        assert old_state or new_state, f"partial state after kill -9: {total} quads"
        if finished:
            assert new_state
    finally:
        reopened.close()


def test_replace_graphs_replaces_only_the_named_graphs(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    other = "http://example.org/graph/lain.csv"
    store.replace_graphs([G, other], quads(30, "a") + quads(5, "b", other))
    store.replace_graphs([G], quads(7, "c"))
    assert count(store) == 7 and count(store, other) == 5
    store.replace_graphs([G], [])
    assert count(store) == 0 and store.named_graphs() == [other]
    store.close()


def test_readers_see_before_or_after_never_between(tmp_path):
    """Through the HTTP service (worker processes over snapshots) while a 30k-quad load runs."""
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graphs([G], quads(1000, "old"))
    settings = Settings(store="embedded", data_dir=tmp_path / "store", query_workers=2, query_timeout_s=30)
    seen: list[int] = []
    with app_server(create_app(settings, store=store)) as url:
        done = threading.Event()

        def load():
            store.replace_graphs([G], quads(30_000, "new"))
            done.set()

        t = threading.Thread(target=load)
        t.start()
        q = f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
        with httpx.Client(base_url=url, timeout=30) as c:
            while not done.is_set():
                seen.append(int(c.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["c"]["value"]))
                time.sleep(0.01)
            t.join()
            seen.append(int(c.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["c"]["value"]))
    store.close()
    assert set(seen) <= {1000, 30_000}
    assert seen[0] == 1000 and seen[-1] == 30_000
