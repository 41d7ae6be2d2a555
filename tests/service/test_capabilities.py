"""Store capabilities are explicit (``Store.supports`` + protocol methods), the same tests on every
backend; the layers import one way; handlers get the store by dependency injection, so a test can
swap it (``app.dependency_overrides``), as Prez's tests do."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from spbe_kg.service.store import Capability, Unsupported
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

P = ox.NamedNode("http://example.org/p")

# what each backend of the any_store fixture can do (the fixture's ids: embedded, memory, oxigraph, virtuoso)
EXPECTED = {
    "embedded": set(Capability),
    "memory": {Capability.GRAPH_REPLACE},
    "oxigraph": {Capability.GRAPH_REPLACE},
    "virtuoso": {Capability.GRAPH_REPLACE, Capability.IN_MEMORY_COPY},  # validated on a copy
}


def nq(graph: str, *objs: str) -> bytes:
    quads = [ox.Quad(ox.NamedNode("http://example.org/s"), P, ox.Literal(o), ox.NamedNode(graph)) for o in objs]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def objects(store, graph: str) -> set[str]:
    return {r["o"].value for r in store.query(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")}


def test_each_backend_declares_its_capabilities(any_store, request):
    kind = request.node.callspec.params["any_store"]
    assert {c for c in Capability if any_store.supports(c)} == EXPECTED[kind]


def test_snapshots_are_refused_or_given(any_store, graph_iri):
    any_store.replace_graphs([graph_iri], list(ox.parse(nq(graph_iri, "a"), format=ox.RdfFormat.N_QUADS)))
    if any_store.supports(Capability.SNAPSHOTS):
        snap = any_store.snapshot()
        assert snap.is_dir()
        ro = EmbeddedStore(snap, read_only=True)
        assert objects(ro, graph_iri) == {"a"}
        ro.close()
    else:
        with pytest.raises(Unsupported):
            any_store.snapshot()
        with pytest.raises(Unsupported):
            any_store.enable_snapshots()
    any_store.prune_snapshots([])  # no-op or housekeeping, never an error
    any_store.drop_snapshots()


def test_in_memory_copy_holds_every_quad(any_store, graph_iri):
    any_store.replace_graphs([graph_iri], list(ox.parse(nq(graph_iri, "x", "y"), format=ox.RdfFormat.N_QUADS)))
    copy = any_store.in_memory_copy()
    assert isinstance(copy, ox.Store)
    got = {q.object.value for q in copy.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))}
    assert got == {"x", "y"}


def test_bulk_replace_runs_prepare_and_replaces(any_store, graph_iri):
    other = graph_iri + "/prepared"
    seen = []

    def prepare(store):
        seen.append(store)
        store.replace_graphs([other], list(ox.parse(nq(other, "p"), format=ox.RdfFormat.N_QUADS)))

    any_store.replace_graphs([graph_iri], list(ox.parse(nq(graph_iri, "old"), format=ox.RdfFormat.N_QUADS)))
    # an on-disk embedded store held open (a server's) swaps a bulk-loaded copy in, live; others: one transaction
    live = isinstance(any_store, EmbeddedStore) and any_store.path is not None
    got = any_store.bulk_replace([graph_iri], nq(graph_iri, "new1", "new2"), prepare=prepare)
    assert got == ("swap" if live else "transaction")
    assert len(seen) == 1
    assert objects(any_store, graph_iri) == {"new1", "new2"} and objects(any_store, other) == {"p"}


def test_lazy_embedded_store_bulk_loads_by_directory_swap(tmp_path):
    path = tmp_path / "store"
    g = "http://example.org/g"
    first = EmbeddedStore(path, lazy=True)
    assert first.bulk_replace([g], nq(g, "1")) == "swap"  # a fresh directory: built and renamed into place
    first.close()
    second = EmbeddedStore(path, lazy=True)
    prepared = []
    assert second.bulk_replace([g], nq(g, "2"), prepare=prepared.append) == "swap"
    assert len(prepared) == 1 and prepared[0] is not second  # prepare ran on the staged copy
    assert objects(second, g) == {"2"}  # opened lazily, after the swap
    second.close()
    assert not (tmp_path / ".store.spbe-baru").exists()


def test_live_swap_waits_for_a_reader_of_the_old_state(tmp_path):
    """A store this process holds open (``spbe serve``) swaps a bulk-loaded copy in: a reader still
    iterating over the old state finishes on the old state, later readers see the new one, the
    query-worker snapshot follows, other graphs are kept."""
    import threading

    path = tmp_path / "store"
    g, keep = "http://example.org/g", "http://example.org/keep"
    store = EmbeddedStore(path)
    store.replace_graphs([g], list(ox.parse(nq(g, "old"), format=ox.RdfFormat.N_QUADS)))
    store.replace_graphs([keep], list(ox.parse(nq(keep, "k"), format=ox.RdfFormat.N_QUADS)))
    store.enable_snapshots()
    first_snapshot = store.snapshot()
    started, release = threading.Event(), threading.Event()
    got: list[set[str]] = []

    def reader():
        it = iter(store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"))
        started.set()
        release.wait()
        got.append({r["o"].value for r in it})

    t = threading.Thread(target=reader)
    t.start()
    started.wait()
    threading.Timer(0.2, release.set).start()  # the swap must wait for this reader, however long it takes
    assert store.bulk_replace([g], nq(g, "new1", "new2")) == "swap"
    t.join()
    assert got == [{"old", "k"}]
    assert objects(store, g) == {"new1", "new2"} and objects(store, keep) == {"k"}
    snap = store.snapshot()
    assert snap != first_snapshot
    ro = ox.Store.read_only(str(snap))
    assert {q.object.value for q in ro.quads_for_pattern(None, None, None, ox.NamedNode(g))} == {"new1", "new2"}
    del ro
    store.close()
    assert not (tmp_path / ".store.spbe-baru").exists()


def test_bulk_load_into_a_directory_held_elsewhere_is_store_locked(tmp_path):
    from spbe_kg.service.store import StoreLocked

    path = tmp_path / "store"
    g = "http://example.org/g"
    EmbeddedStore(path, lazy=True).bulk_replace([g], nq(g, "1"))
    holder = ox.Store(str(path))
    try:
        with pytest.raises(StoreLocked):
            EmbeddedStore(path, lazy=True).bulk_replace([g], nq(g, "2"))
    finally:
        del holder
    ro = EmbeddedStore(path, read_only=True)
    assert objects(ro, g) == {"1"}
    ro.close()


def test_layers_import_one_way():
    """The store layer imports no web framework; loaders and shapes import neither the embedded
    backend, the CLI nor the HTTP app; the SPARQL router imports no UI module (the app gives it the
    browser's query page through ``deps.get_query_page``)."""
    code = (
        "import sys\n"
        "import spbe_kg.service.store.remote, spbe_kg.service.store.embedded, spbe_kg.service.store.dialects\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette')], 'store imports fastapi'\n"
        "import spbe_kg.loaders.api, spbe_kg.shapes.validate\n"
        "bad = [m for m in sys.modules if m.startswith(('spbe_kg.service.cli', 'spbe_kg.service.app',"
        " 'spbe_kg.service.routes', 'spbe_kg.service.sparql'))]\n"
        "assert not bad, bad\n"
        "for m in list(sys.modules):\n"
        "    if m.startswith('spbe_kg.service.store.embedded'): del sys.modules[m]\n"
        "import spbe_kg.service.sparql.router\n"
        "assert not [m for m in sys.modules if m.startswith('spbe_kg.service.routes')]\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_loaders_do_not_import_the_embedded_store():
    code = ("import sys, spbe_kg.loaders.api, spbe_kg.loaders.national_match\n"
            "assert 'spbe_kg.service.store.embedded' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_store_dependency_can_be_overridden():
    """Prez-style: the app built over one store, a route answered from another one given by
    ``app.dependency_overrides[get_store]``."""
    from spbe_kg.service.app import create_app
    from spbe_kg.service.deps import get_store

    app = create_app(Settings(store="memory"), store=EmbeddedStore(None))
    other = EmbeddedStore(None)
    g = "http://example.org/override"
    other.replace_graphs([g], list(ox.parse(nq(g, "dari-override"), format=ox.RdfFormat.N_QUADS)))
    app.dependency_overrides[get_store] = lambda: other
    with TestClient(app) as client:
        r = client.get("/sparql", params={"query": "SELECT ?o WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200
        assert [b["o"]["value"] for b in r.json()["results"]["bindings"]] == ["dari-override"]
        assert client.get("/health").json()["triples"] == 1
        nt = client.get("/store", params={"graph": g}, headers={"Accept": "application/n-triples"}).text
        assert "dari-override" in nt
    app.dependency_overrides.clear()
    with TestClient(app) as client:
        assert client.get("/health").json()["triples"] == 0
