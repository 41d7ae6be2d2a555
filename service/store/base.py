"""The storage protocol every backend implements, and the errors it raises.

Results are pyoxigraph's result objects (``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``)
whatever the backend: a remote store parses the server's answer with
``pyoxigraph.parse_query_results`` / ``pyoxigraph.parse``, so callers never care which is which.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


@runtime_checkable
class Store(Protocol):
    kind: str  # "embedded" | "memory" | "remote"

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

    def close(self) -> None:
        ...
