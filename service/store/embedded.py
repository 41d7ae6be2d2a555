"""The embedded on-disk store (pyoxigraph), the default backend.

Every write is ONE pyoxigraph transaction (RocksDB write batch): a reader sees the state before or
after, never between, and a process killed with ``kill -9`` mid-write leaves the store as it was.
``replace_graphs`` is ``Store.extend`` when the graphs are new, else a single SPARQL update
``DROP SILENT GRAPH ... ; INSERT DATA { GRAPH ... }`` (``extend`` cannot remove, and a drop followed
by an extend would be two transactions). Both are slow at national scale (see
benchmarks/results/sparql.md): big offline loads use the bulk-load capability
(:meth:`EmbeddedStore.bulk_replace`: a copy built with pyoxigraph's bulk loader, directories swapped
atomically, ``bulk.py``).

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
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from . import checkpoints
from .base import Capability, Prepare, StoreError, StoreSyntaxError, Unsupported
from .bulk import StoreLocked, build_copy, directory_lock, exchange, exchange_supported, swap_load, wait_released
from .sparql_text import inject_using, replace_update

RELEASE_WAIT_S = 30.0  # longest wait for in-process readers of the old state before a live swap gives up
_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |\s*column\s*)(\d+)", re.I)


def syntax_error(e: SyntaxError) -> StoreSyntaxError:
    """pyoxigraph's ``SyntaxError`` ("error at 2:9: expected ...") as a StoreSyntaxError with position."""
    msg = str(e)
    m = _POS.search(msg)
    if m:
        return StoreSyntaxError(msg, int(m.group(1)), int(m.group(2)))
    return StoreSyntaxError(msg)


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
    """pyoxigraph ``Store`` behind the storage protocol. ``path=None`` keeps it in memory.

    ``lazy=True`` opens the directory only when first used: a store opened for a bulk load
    (:meth:`bulk_replace`) never holds the directory while another load swaps it.
    """

    def __init__(self, path: Path | str | None, *, read_only: bool = False, lazy: bool = False) -> None:
        self.kind = "memory" if path is None else "embedded"  # display label only
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self.generation = 0  # bumped after every committed write (snapshots follow it)
        self._snapshots_on = False  # set by the query worker pool: checkpoint after each write
        self._count_cache: tuple[int, int] | None = None  # (generation, quad count)
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()  # held while a served store switches to a swapped-in copy
        self._snap_lock = threading.Lock()
        self._snapshots: dict[int, Path] = {}
        self._made: dict[int, float] = {}  # when each checkpoint was made (monotonic)
        self._snap_root: Path | None = None
        self._ox: ox.Store | None = None
        self._closed = False
        if path is None or not lazy:
            self._ox = self._open()

    def _open(self) -> ox.Store:
        try:
            if self.path is None:
                return ox.Store()
            if self.read_only:
                return ox.Store.read_only(str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as e:
            if self.path is not None and not self.read_only and "lock" in str(e).lower():  # RocksDB's LOCK file
                raise StoreLocked(self.path, str(e)) from e
            raise StoreError(f"Tidak dapat membuka store di {self.path} / cannot open the store: {e}") from e

    @property
    def _store(self) -> ox.Store:
        handle = self._ox
        if handle is not None:
            return handle
        with self._open_lock:  # a reader arriving during a live swap waits here for the new state
            if self._ox is None:
                if self._closed:
                    raise StoreError("store sudah ditutup / the store is closed")
                self._ox = self._open()
            return self._ox

    def _release(self) -> None:
        """Let go of the directory (flushed); a later use opens it again."""
        if self._ox is not None and self.path is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError:
                pass
        self._ox = None
        gc.collect()

    def supports(self, capability: Capability) -> bool:
        """Every capability on disk (``BULK_LOAD`` and ``SNAPSHOTS`` need a writable store); in
        memory only atomic graph replacement.

        >>> [c.name for c in Capability if EmbeddedStore(None).supports(c)]
        ['GRAPH_REPLACE']
        """
        if capability is Capability.GRAPH_REPLACE:
            return True
        if self.path is None:
            return False
        if capability in (Capability.BULK_LOAD, Capability.SNAPSHOTS):
            return not self.read_only
        return True  # IN_MEMORY_COPY: validation runs several times faster in memory than on RocksDB

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
                if self._snapshots_on:
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

    def bulk_replace(self, graphs: Sequence[str], nquads: bytes, *, prepare: Prepare | None = None) -> str:
        """Replace ``graphs`` with ``nquads`` (N-Quads bytes) after ``prepare(store)``, atomically.

        On disk, when this object has not opened the directory (``lazy=True``) and the file system
        can exchange directories: ``prepare`` and a bulk load run on a checkpoint copy that is then
        swapped in (``bulk.py``), under a lock that makes loads into one directory take turns; a
        directory held by another process raises ``StoreLocked``. Otherwise ``prepare`` then one
        :meth:`replace_graphs` transaction. Returns ``"swap"`` or ``"transaction"``.
        """
        def transaction() -> str:
            if prepare is not None:
                prepare(self)
            self.replace_graphs(graphs, list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) if nquads else [])
            return "transaction"

        path = self.path
        if path is None or not self.supports(Capability.BULK_LOAD):
            return transaction()
        if self._ox is not None:  # this process serves the directory: swap a staged copy in, live
            if not exchange_supported(path):
                return transaction()
            return self._live_swap(graphs, nquads, prepare)
        with directory_lock(path):
            if exchange_supported(path):
                swap_load(path, graphs, nquads, prepare=prepare)
                self.generation += 1
                return "swap"
            try:
                return transaction()
            finally:
                self._release()  # the directory is free again before the lock goes

    def _live_swap(self, graphs: Sequence[str], nquads: bytes, prepare: Prepare | None) -> str:
        """``bulk_replace`` for a store this process holds open (``spbe serve``): the copy is built
        from the live handle while readers keep using it; then, for milliseconds, new readers wait
        (``_open_lock``), the old handle is let go once in-flight readers have finished, the
        directories are exchanged and the new state opened. Other writes wait for the whole load."""
        assert self.path is not None
        path = self.path.resolve()
        with directory_lock(path), self._write_lock:
            new = build_copy(self._store, path, graphs, nquads, prepare)
            swapped = False
            with self._open_lock:
                self._ox = None
                try:
                    if not wait_released(path, RELEASE_WAIT_S):
                        raise StoreError("store masih dibaca; muat ulang nanti / the store is still being read; "
                                         "load again later")
                    exchange(new, path)
                    swapped = True
                finally:
                    self._ox = self._open()  # the new state if swapped, else the unchanged old one
                    shutil.rmtree(new, ignore_errors=True)
            if swapped:
                self.generation += 1
                if self._snapshots_on:
                    self._checkpoint_locked()
        return "swap"

    def in_memory_copy(self) -> ox.Store:
        """Every quad in a new in-memory pyoxigraph store (bulk copy: ~0.6 GB at national scale)."""
        mem = ox.Store()
        mem.bulk_extend(self._store.quads_for_pattern(None, None, None, None))
        return mem

    def add_graph(self, graph: str) -> None:
        """Create an empty named graph (Graph Store PUT of an empty document)."""
        self._write(lambda: self._store.add_graph(ox.NamedNode(graph)))

    def drop_graph(self, graph: str | None) -> None:
        """Remove a named graph (``None``: clear the default graph), one transaction."""
        target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        self._write(lambda: self._store.update(f"DROP SILENT {target}"))

    # --- snapshots for killable query workers ------------------------------------------------
    def enable_snapshots(self, on: bool = True) -> None:
        """While on, every write ends with a checkpoint (a worker pool reads snapshots)."""
        if on and not self.supports(Capability.SNAPSHOTS):
            raise Unsupported("in-memory or read-only stores have no snapshots")
        self._snapshots_on = on

    def snapshot(self) -> Path:
        """A read-only checkpoint of the committed state at the current generation.

        Checkpoints are hard links next to the store (``.<name>.snapshots/``); older ones are
        removed by :meth:`prune_snapshots` once no worker uses them.
        """
        if self.path is None:
            raise Unsupported("in-memory stores have no snapshots")
        gen = self.generation
        snap = self._snapshots.get(gen)
        if snap is not None:
            return snap
        with self._write_lock:  # no write may interleave with the checkpoint
            return self._checkpoint_locked()

    def current_snapshot(self) -> Path | None:
        """The checkpoint of the current generation if it exists already (never blocks), else None."""
        return self._snapshots.get(self.generation)

    def has_stale_snapshots(self) -> bool:
        """Are there checkpoints older than the newest (something for :meth:`prune_snapshots`)?"""
        return len(self._snapshots) > 1

    def _checkpoint_locked(self) -> Path:
        """Checkpoint the current generation; the caller holds the write lock."""
        with self._snap_lock:
            gen = self.generation
            if gen in self._snapshots:
                return self._snapshots[gen]
            if self._snap_root is None:
                assert self.path is not None  # snapshot() refuses in-memory stores
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
            self._made[gen] = time.monotonic()
            checkpoints.publish(self._snap_root, target)  # reader processes follow it (checkpoints.py)
            return target

    def prune_snapshots(self, in_use: Iterable[Path]) -> None:
        """Delete snapshots that are neither the newest nor in ``in_use``, nor read by another process
        (``checkpoints.in_use``), nor superseded less than ``checkpoints.GRACE_S`` ago."""
        keep = set(in_use)
        with self._snap_lock:
            if len(self._snapshots) < 2 or self._snap_root is None:
                return
            keep |= checkpoints.in_use(self._snap_root)
            grace = checkpoints.GRACE_S if checkpoints.followed(self._snap_root) else 0.0
            newest = max(self._snapshots)
            now = time.monotonic()
            for gen, p in list(self._snapshots.items()):
                superseded = min((t for g, t in self._made.items() if g > gen), default=now)
                if gen != newest and p not in keep and now - superseded >= grace:
                    shutil.rmtree(p, ignore_errors=True)
                    del self._snapshots[gen]
                    self._made.pop(gen, None)

    def close(self) -> None:
        """Flush, remove this process's checkpoints and release the store (its RocksDB lock goes
        once no result iterator refers to it any more); the object is unusable afterwards."""
        if self._closed:
            return
        self._closed = True
        self._release()
        self.drop_snapshots()

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
                self._made.clear()
