"""The embedded on-disk store (pyoxigraph), the default backend.

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

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from .base import StoreError, StoreSyntaxError

_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |\s*column\s*)(\d+)", re.I)


def _syntax_error(e: SyntaxError) -> StoreSyntaxError:
    msg = str(e)
    m = _POS.search(msg)
    if m:
        return StoreSyntaxError(msg, int(m.group(1)), int(m.group(2)))
    return StoreSyntaxError(msg)


class EmbeddedStore:
    """pyoxigraph ``Store`` behind the storage protocol. ``path=None`` keeps it in memory."""

    def __init__(self, path: Path | str | None, *, read_only: bool = False) -> None:
        self.kind = "memory" if path is None else "embedded"
        self.path = None if path is None else Path(path)
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            raise StoreError(f"Tidak dapat membuka store di {path}: {e}") from e

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk work inside this package)."""
        return self._store

    def query(self, sparql, *, default_graphs=None, named_graphs=None, union_default=True, timeout_s=None):
        kwargs: dict = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = union_default
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise _syntax_error(e) from e
        except OSError as e:
            raise StoreError(str(e)) from e

    def update(self, sparql, *, using_graphs=None, using_named_graphs=None):
        if using_graphs or using_named_graphs:
            sparql = _inject_using(sparql, using_graphs or (), using_named_graphs or ())
        try:
            self._store.update(sparql)
        except SyntaxError as e:
            raise _syntax_error(e) from e
        except OSError as e:
            raise StoreError(str(e)) from e

    def replace_graphs(self, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None:
        # One write transaction: pyoxigraph's Store.extend is atomic, and removing a graph's
        # quads inside the same bulk is not possible, so we stage: collect, then a single update.
        quads = list(quads)
        ds = ox.Dataset(quads)
        body = ox.serialize(ds, format=ox.RdfFormat.N_QUADS).decode()
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in graphs)
        # INSERT DATA with GRAPH blocks; N-Quads lines are regrouped per graph.
        by_graph: dict[str, list[str]] = {}
        for q in quads:
            g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
            t = f"{q.subject} {q.predicate} {q.object} ."
            by_graph.setdefault(g, []).append(t)
        del body
        parts = []
        for g, lines in by_graph.items():
            block = "\n".join(lines)
            parts.append(block if g == "" else f"GRAPH {g} {{\n{block}\n}}")
        insert = ("INSERT DATA {\n" + "\n".join(parts) + "\n}") if parts else ""
        self.update(drops + insert if insert else drops.rstrip(" ;\n") or "CLEAR SILENT GRAPH <urn:x-spbe:none>")

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._store.extend(quads)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self) -> int:
        return len(self._store)

    def export_graph(self, graph, fmt):
        g = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        return self._store.dump(format=fmt, from_graph=g)

    def export_dataset(self, fmt):
        return self._store.dump(format=fmt)

    def close(self) -> None:
        self._store.flush() if self.kind == "embedded" else None


def _inject_using(sparql: str, using: Iterable[str], using_named: Iterable[str]) -> str:
    """Add USING / USING NAMED clauses before each WHERE of a DELETE/INSERT operation."""
    clause = "".join(f" USING <{g}>" for g in using) + "".join(f" USING NAMED <{g}>" for g in using_named)
    return re.sub(r"\bWHERE\b", clause + " WHERE", sparql, flags=re.I)
