"""A bulk load leaves the store compacted (issue 13): without it every load added overlapping SST files
that each lookup of a returned term probes, and reads grew faster than the data
(benchmarks/results/growth.md). Checked on the files: compacting a freshly loaded store again changes
nothing, where an uncompacted one would be rewritten."""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg.service.store.embedded import EmbeddedStore

P = ox.NamedNode("http://example.org/p")


def nq(graph: str, n: int) -> bytes:
    quads = [ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), P, ox.Literal(f"a literal long enough to be stored {i}"),
                     ox.NamedNode(graph)) for i in range(n)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def sst_files(path) -> list[str]:
    return sorted(p.name for p in path.glob("*.sst"))


def assert_compacted(path) -> None:
    """Compacting the store at ``path`` again changes none of its files."""
    loaded = sst_files(path)
    raw = ox.Store(str(path))
    raw.optimize()
    raw.flush()
    del raw
    assert sst_files(path) == loaded


def test_a_store_loaded_twice_is_compacted(tmp_path):
    path = tmp_path / "store"
    a, b = "http://example.org/a", "http://example.org/b"
    store = EmbeddedStore(path, lazy=True)
    assert store.bulk_replace([a], nq(a, 300)) == "swap"
    assert store.bulk_replace([b], nq(b, 300)) == "swap"  # a second bulk load beside graph a
    store.close()
    assert_compacted(path)  # already compacted: nothing left to merge
    reopened = EmbeddedStore(path, read_only=True)
    assert reopened.triple_count() == 600


def test_the_live_swap_of_a_served_store_is_compacted_too(tmp_path):
    path = tmp_path / "store"
    a, b = "http://example.org/a", "http://example.org/b"
    store = EmbeddedStore(path)
    store.bulk_replace([a], nq(a, 300))
    assert store.triple_count() == 300  # opened: the next load is a live swap
    assert store.bulk_replace([b], nq(b, 300)) == "swap"
    store.close()
    assert_compacted(path)
