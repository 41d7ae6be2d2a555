"""The storage protocol every backend implements, its optional capabilities, and the errors it raises.

Optional features are explicit: a store answers ``supports(Capability.X)`` and implements every
protocol method (a method whose capability is absent raises :class:`Unsupported` or does nothing, as
documented), so callers never probe with ``getattr``/``hasattr`` nor branch on ``kind``
(a display label only).

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> s = EmbeddedStore(None)
>>> s.supports(Capability.SNAPSHOTS), s.supports(Capability.GRAPH_REPLACE)
(False, True)

Results are pyoxigraph's result objects (``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``)
whatever the backend: a remote store parses the server's answer with
``pyoxigraph.parse_query_results`` / ``pyoxigraph.parse``, so callers never care which is which.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox


class StoreError(Exception):
    """The store failed (I/O, remote server error). Message is safe to show to users."""


class StoreSyntaxError(StoreError):
    """A query or update does not parse. ``line``/``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


class QueryTimeout(StoreError):
    """The query ran past its time limit and was stopped."""


class Unsupported(StoreError):
    """The store lacks the capability a method needs (check :meth:`Store.supports` first)."""


class Capability(enum.Enum):
    """What a store can do beyond reading and writing SPARQL.

    - ``SNAPSHOTS``: :meth:`Store.snapshot` gives read-only checkpoints of the committed state, so
      queries can run in killable worker processes (on-disk embedded store).
    - ``GRAPH_REPLACE``: :meth:`Store.replace_graphs` is atomic in one request or transaction
      (readers see before or after); all backends today (Virtuoso through a staging load).
    - ``IN_MEMORY_COPY``: validation should run on :meth:`Store.in_memory_copy` rather than on the
      store itself (faster than RocksDB lookups; Virtuoso answers some checks wrongly).
    - ``BULK_LOAD``: :meth:`Store.bulk_replace` is faster than ``replace_graphs`` and still atomic
      (on-disk embedded store not open elsewhere: bulk-loaded copy swapped in, see ``bulk.py``).
    """

    SNAPSHOTS = "snapshots"
    GRAPH_REPLACE = "graph-replace"
    IN_MEMORY_COPY = "in-memory-copy"
    BULK_LOAD = "bulk-load"


Prepare = Callable[["Store"], object]  # called on the store (or its staged copy) before a bulk load


@runtime_checkable
class Store(Protocol):
    kind: str  # display label only ("embedded" | "memory" | "remote"): never branch on it

    def supports(self, capability: Capability) -> bool:
        """Whether this store has ``capability``."""
        ...

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union_default: bool = True,
        timeout_s: float | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query. With no ``default_graphs`` the default graph is the union of all graphs."""
        ...

    def update(
        self,
        sparql: str,
        *,
        using_graphs: Sequence[str] | None = None,
        using_named_graphs: Sequence[str] | None = None,
    ) -> None:
        """Run a SPARQL update as one transaction."""
        ...

    def replace_graphs(self, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None:
        """Atomically: clear each graph in ``graphs``, then add ``quads``. Readers see before or after, never between."""
        ...

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction."""
        ...

    def named_graphs(self) -> list[str]:
        ...

    def has_graph(self, graph: str | None) -> bool:
        """True when the named graph exists (``None``, the default graph, always exists)."""
        ...

    def triple_count(self) -> int:
        ...

    def export_graph(self, graph: str | None, fmt: ox.RdfFormat) -> bytes:
        """Serialize one named graph (``None``: the default graph) in ``fmt``."""
        ...

    def export_dataset(self, fmt: ox.RdfFormat) -> bytes:
        """Serialize all graphs (a quad format)."""
        ...

    # --- capabilities (see :class:`Capability`) -------------------------------------------------
    def in_memory_copy(self) -> ox.Store:
        """Every quad of the store in a new in-memory pyoxigraph store (a copy cut short is refused)."""
        ...

    def bulk_replace(self, graphs: Sequence[str], nquads: bytes, *, prepare: Prepare | None = None) -> str:
        """Like :meth:`replace_graphs` with N-Quads bytes, after ``prepare(store)`` ran in the same
        atomic step where the backend can (``BULK_LOAD``), else just before. Returns the strategy
        used (``"swap"`` or ``"transaction"``)."""
        ...

    def snapshot(self) -> Path:
        """A read-only checkpoint of the committed state (``SNAPSHOTS``; else :class:`Unsupported`)."""
        ...

    def enable_snapshots(self, on: bool = True) -> None:
        """Checkpoint after every write while a worker pool reads snapshots (``SNAPSHOTS``)."""
        ...

    def prune_snapshots(self, in_use: Iterable[Path]) -> None:
        """Delete checkpoints neither newest nor in ``in_use`` (no-op without ``SNAPSHOTS``)."""
        ...

    def drop_snapshots(self) -> None:
        """Delete every checkpoint this process made (no-op without ``SNAPSHOTS``)."""
        ...

    def close(self) -> None:
        ...
