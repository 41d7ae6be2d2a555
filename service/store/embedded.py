"""The embedded on-disk store (pyoxigraph), the default backend.

Every write is ONE pyoxigraph transaction (RocksDB write batch): a reader sees the state before or
after, never between, and a process killed with ``kill -9`` mid-write leaves the store as it was.
``replace_graphs`` is ``Store.extend`` when the graphs are new, else a single SPARQL update
``DROP SILENT GRAPH ... ; INSERT DATA { GRAPH ... }`` (``extend`` cannot remove, and a drop followed
by an extend would be two transactions). Both are slow at national scale (see
benchmarks/results/sparql.md): big offline loads go through ``spbe load``, whose loader builds a
copy with pyoxigraph's bulk loader and swaps directories atomically (``loaders/bulk.py``).

Queries that must be killable run in worker processes over a *snapshot* (a RocksDB checkpoint:
hard links, ~10-20 ms) of the committed state; see :meth:`EmbeddedStore.snapshot` and
``service/sparql/workers.py``.

>>> import pyoxigraph as ox
>>> s = EmbeddedStore(None)  # in memory
>>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g"))
>>> s.replace_graphs(["http://e/g"], [q])
>>> [str(r["s"]) for r in s.query("SELECT ?s WHERE { ?s ?p ?o }")]
['<http://e/s>']
>>> s.triple_count()
1
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from .base import StoreError, StoreSyntaxError

_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |\s*column\s*)(\d+)", re.I)


def syntax_error(e: SyntaxError) -> StoreSyntaxError:
    """pyoxigraph's ``SyntaxError`` ("error at 2:9: expected ...") as a StoreSyntaxError with position."""
    msg = str(e)
    m = _POS.search(msg)
    if m:
        return StoreSyntaxError(msg, int(m.group(1)), int(m.group(2)))
    return StoreSyntaxError(msg)


_syntax_error = syntax_error  # backwards-compatible name


def query_kwargs(default_graphs, named_graphs, union_default) -> dict:
    """pyoxigraph ``Store.query`` keyword arguments for a SPARQL protocol dataset."""
    kwargs: dict = {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = union_default
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return kwargs


class EmbeddedStore:
    """pyoxigraph ``Store`` behind the storage protocol. ``path=None`` keeps it in memory."""

    def __init__(self, path: Path | str | None, *, read_only: bool = False) -> None:
        self.kind = "memory" if path is None else "embedded"
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self.generation = 0  # bumped after every committed write (snapshots follow it)
        self.snapshots_enabled = False  # set by the query worker pool: checkpoint after each write
        self._count_cache: tuple[int, int] | None = None  # (generation, quad count)
        self._write_lock = threading.Lock()
        self._snap_lock = threading.Lock()
        self._snapshots: dict[int, Path] = {}
        self._snap_root: Path | None = None
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            raise StoreError(f"Tidak dapat membuka store di {path} / cannot open the store: {e}") from e

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk work inside this package)."""
        return self._store

    # --- reads -------------------------------------------------------------------------------
    def query(self, sparql, *, default_graphs=None, named_graphs=None, union_default=True, timeout_s=None):
        """Run a query in this thread. ``timeout_s`` is NOT enforced here (pyoxigraph cannot be
        interrupted); the HTTP service runs queries in killable worker processes instead."""
        try:
            return self._store.query(sparql, **query_kwargs(default_graphs, named_graphs, union_default))
        except SyntaxError as e:
            raise syntax_error(e) from e
        except OSError as e:
            raise StoreError(str(e)) from e

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str | None) -> bool:
        """True for the default graph and for every named graph the store holds."""
        return graph is None or self._store.contains_named_graph(ox.NamedNode(graph))

    def triple_count(self) -> int:
        """Number of quads. ``len(store)`` scans the whole store (0.7 s at national scale), so the
        count is kept per write generation: this process is the store's only writer while it holds
        it open, so the cached figure is exact. A read-only handle always counts afresh."""
        if self.read_only:
            return len(self._store)
        cached = self._count_cache
        if cached is not None and cached[0] == self.generation:
            return cached[1]
        gen = self.generation
        n = len(self._store)
        self._count_cache = (gen, n)
        return n

    def export_graph(self, graph, fmt):
        g = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        if fmt.supports_datasets:
            quads = self._store.quads_for_pattern(None, None, None, g)
            return ox.serialize((ox.Quad(q.subject, q.predicate, q.object) for q in quads), format=fmt)
        return self._store.dump(format=fmt, from_graph=g)

    def export_dataset(self, fmt):
        return self._store.dump(format=fmt)

    # --- writes (each ONE transaction) -------------------------------------------------------
    def _write(self, fn):
        if self.read_only:
            raise StoreError("Store dibuka hanya-baca / the store is open read-only")
        with self._write_lock:
            try:
                fn()
            except SyntaxError as e:
                raise syntax_error(e) from e
            except OSError as e:
                raise StoreError(str(e)) from e
            finally:
                self.generation += 1
                if self.snapshots_enabled:
                    self._checkpoint_locked()

    def update(self, sparql, *, using_graphs=None, using_named_graphs=None):
        if using_graphs or using_named_graphs:
            sparql = inject_using(sparql, using_graphs or (), using_named_graphs or ())
        self._write(lambda: self._store.update(sparql))

    def replace_graphs(self, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None:
        """Atomically clear ``graphs`` and add ``quads``, in one transaction.

        When none of ``graphs`` exists yet (a first load) that transaction is ``Store.extend``
        (~2.5x faster than the update); otherwise one SPARQL update ``DROP ...; INSERT DATA ...``.
        """
        quads = quads if isinstance(quads, list) else list(quads)

        def run():
            if not any(self._store.contains_named_graph(ox.NamedNode(g)) for g in graphs):
                self._store.extend(quads)
            else:
                self._store.update(replace_update(graphs, quads))

        self._write(run)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._write(lambda: self._store.extend(quads))

    def add_graph(self, graph: str) -> None:
        """Create an empty named graph (Graph Store PUT of an empty document)."""
        self._write(lambda: self._store.add_graph(ox.NamedNode(graph)))

    def drop_graph(self, graph: str | None) -> None:
        """Remove a named graph (``None``: clear the default graph), one transaction."""
        target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        self._write(lambda: self._store.update(f"DROP SILENT {target}"))

    # --- snapshots for killable query workers ------------------------------------------------
    def snapshot(self) -> Path:
        """A read-only checkpoint of the committed state at the current generation.

        Checkpoints are hard links next to the store (``.<name>.snapshots/``); older ones are
        removed by :meth:`prune_snapshots` once no worker uses them.
        """
        if self.path is None:
            raise StoreError("in-memory stores have no snapshots")
        gen = self.generation
        snap = self._snapshots.get(gen)
        if snap is not None:
            return snap
        with self._write_lock:  # no write may interleave with the checkpoint
            return self._checkpoint_locked()

    def _checkpoint_locked(self) -> Path:
        """Checkpoint the current generation; the caller holds the write lock."""
        with self._snap_lock:
            gen = self.generation
            if gen in self._snapshots:
                return self._snapshots[gen]
            if self._snap_root is None:
                self._snap_root = self.path.parent / f".{self.path.name}.snapshots" / str(os.getpid())
                shutil.rmtree(self._snap_root.parent, ignore_errors=True)  # stale, from a dead process
                self._snap_root.mkdir(parents=True)
            target = self._snap_root / f"g{gen}"
            if not target.exists():
                try:
                    self._store.backup(str(target))
                except OSError as e:
                    raise StoreError(f"snapshot failed: {e}") from e
            self._snapshots[gen] = target
            return target

    def prune_snapshots(self, in_use: Iterable[Path]) -> None:
        """Delete snapshots that are neither the newest nor in ``in_use``."""
        keep = set(in_use)
        with self._snap_lock:
            newest = max(self._snapshots, default=None)
            for gen, p in list(self._snapshots.items()):
                if gen != newest and p not in keep:
                    shutil.rmtree(p, ignore_errors=True)
                    del self._snapshots[gen]

    def close(self) -> None:
        """Flush, remove this process's checkpoints and release the store (its RocksDB lock goes
        once no result iterator refers to it any more); the object is unusable afterwards."""
        if self._store is None:
            return
        if self.kind == "embedded" and not self.read_only:
            try:
                self._store.flush()
            except OSError:
                pass
        self.drop_snapshots()
        self._store = None
        gc.collect()

    def drop_snapshots(self) -> None:
        """Remove every checkpoint this process made (no worker may be using them)."""
        with self._snap_lock:
            if self._snap_root is not None:
                shutil.rmtree(self._snap_root, ignore_errors=True)
                try:
                    self._snap_root.parent.rmdir()  # only when no other process keeps its own there
                except OSError:
                    pass
                self._snap_root = None
                self._snapshots.clear()


def replace_update(graphs: Sequence[str | None], quads: Iterable[ox.Quad], *, create: bool = False,
                   template_for_bnodes: bool = False) -> str:
    """The single SPARQL update that replaces ``graphs`` (``None``: the default graph) with ``quads``;
    ``create`` keeps the named graphs in existence even when no quad lands in them;
    ``template_for_bnodes`` writes ``INSERT {...} WHERE {}`` when there are blank nodes (Virtuoso).

    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g"))
    >>> print(replace_update(["http://e/g"], [q]))
    DROP SILENT GRAPH <http://e/g> ;
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/s> <http://e/p> "o" .
    }
    }
    """
    by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q.triple)
    ops = ["DROP SILENT DEFAULT" if g is None else f"DROP SILENT GRAPH <{g}>" for g in graphs]
    if create:
        ops += [f"CREATE SILENT GRAPH <{g}>" for g in graphs if g is not None]
    blocks = []
    for g, triples in by_graph.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
        if isinstance(g, ox.DefaultGraph):
            blocks.append(body)
        elif isinstance(g, ox.BlankNode):
            raise StoreError("a blank node cannot name a graph in a load")
        else:
            blocks.append(f"GRAPH {g} {{\n{body}}}")
    if blocks:
        if template_for_bnodes and any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                                       for ts in by_graph.values() for t in ts):
            # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE is equivalent
            ops.append("INSERT {\n" + "\n".join(blocks) + "\n} WHERE {}")
        else:
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(ops) or "CLEAR SILENT GRAPH <urn:x-spbe:none>"


def inject_using(sparql: str, using: Iterable[str], using_named: Iterable[str]) -> str:
    """Add USING / USING NAMED clauses before each WHERE of a DELETE/INSERT operation (protocol
    ``using-graph-uri`` / ``using-named-graph-uri``).

    >>> inject_using("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g"], [])
    'DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }'
    >>> inject_using("INSERT { ?s a ?t } WHERE { { SELECT ?s ?t WHERE { ?s a ?t } } }", [], ["http://n"])
    'INSERT { ?s a ?t } USING NAMED <http://n> WHERE { { SELECT ?s ?t WHERE { ?s a ?t } } }'
    """
    from ..security import top_level_where_offsets

    clause = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    for at in reversed(top_level_where_offsets(sparql)):
        sparql = sparql[:at] + clause + sparql[at:]
    return sparql


_inject_using = inject_using
