"""Large graph replacements on Virtuoso (used only by ``VirtuosoDialect``): chunked loads into
staging graphs, then one short switch.

Virtuoso 7.2.5 cannot take a large graph as one SPARQL update: an ``INSERT DATA`` of about 5,000
N-Triples lines fails with "SP030 SPARQL compiler ... memory exhausted" (its parser stack), and an
``INSERT {…} WHERE {}`` template (needed for blank nodes) fails from about 1,100 triples with "SP031
... generated SQL text has exceeded 10000 lines". So :func:`staged_replace`:

1. writes the quads of each target graph into a fresh staging graph
   ``urn:x-spbe:staging:<uuid>:<n>`` in requests of at most ``chunk`` triples (``INSERT DATA``);
   triples with blank nodes go in ``INSERT {…} WHERE {}`` requests of at most ``bnode_chunk``
   triples, a connected group of blank nodes always in one request (so it stays one node);
2. switches with ONE short update: ``DROP SILENT GRAPH <g> ; MOVE SILENT <staging> TO <g>`` for every
   target graph (``ADD`` for a graph that receives quads without being replaced) (Virtuoso runs one request as one transaction; MOVE keeps blank nodes);
3. drops the staging graphs if anything fails (the targets are then unchanged).

A reader that names a target graph (``GRAPH <g>``, or ``default-graph-uri``) sees it before or
after, never between. Queries through the same :class:`RemoteStore` (e.g. ``spbe serve`` loading
over HTTP) leave the staging graphs out of the union (``hide_staging``); other clients' queries over
the union of all graphs can see the staged triples a second time while step 1 runs (Virtuoso cannot
hide a graph from the union without DBA rights).

>>> [len(c) for c in _components([_t("_:a", "_:b"), _t("_:b", "x"), _t("_:c", "y")], 2)]
[2, 1]
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .base import StoreError

if TYPE_CHECKING:
    from .remote import RemoteStore

CHUNK = 2000  # INSERT DATA triples per request (fails near 5,000 on Virtuoso 7.2.5)
BNODE_CHUNK = 500  # INSERT {…} WHERE {} triples per request (fails near 1,100)
STAGING = "urn:x-spbe:staging:"


def _t(s: str, o: str) -> ox.Triple:  # doctest helper
    node = lambda x: ox.BlankNode(x[2:]) if x.startswith("_:") else ox.NamedNode("http://e/" + x)  # noqa: E731
    return ox.Triple(node(s), ox.NamedNode("http://e/p"), node(o))


def needs_staging(quads: Sequence[ox.Quad], chunk: int = CHUNK, bnode_chunk: int = BNODE_CHUNK) -> bool:
    """Whether one update request would be too large for Virtuoso."""
    if len(quads) > chunk:
        return True
    return sum(1 for q in quads if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)) > bnode_chunk


def _components(triples: list[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Triples with blank nodes packed into batches of about ``size``; the triples of one connected
    blank-node group are never split (a group larger than ``size`` is one batch)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in triples:
        ids = [n.value for n in (t.subject, t.object) if isinstance(n, ox.BlankNode)]
        for b in ids[1:]:
            parent[find(b)] = find(ids[0])
    groups: dict[str, list[ox.Triple]] = {}
    for t in triples:
        node = t.subject if isinstance(t.subject, ox.BlankNode) else t.object
        assert isinstance(node, ox.BlankNode)
        groups.setdefault(find(node.value), []).append(t)
    batches: list[list[ox.Triple]] = []
    for g in groups.values():
        if batches and len(batches[-1]) + len(g) <= size:
            batches[-1].extend(g)
        else:
            batches.append(list(g))
    return batches


def _nt(triples: Iterable[ox.Triple]) -> str:
    return (ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def staged_replace(store: RemoteStore, graphs: Sequence[str | None], quads: Iterable[ox.Quad], *, default_graph: str,
                   chunk: int = CHUNK, bnode_chunk: int = BNODE_CHUNK) -> int:
    """Replace ``graphs`` (``None``: the default graph, stored as ``default_graph``) with ``quads``
    on a Virtuoso ``store`` (a :class:`RemoteStore`): staging graphs, then one switch. Returns the
    number of update requests sent."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        gn = q.graph_name
        if isinstance(gn, ox.BlankNode):
            raise StoreError("a blank node cannot name a graph in a load")
        by_graph.setdefault(default_graph if isinstance(gn, ox.DefaultGraph) else gn.value, []).append(q.triple)
    run = uuid.uuid4().hex
    staging = {g: f"{STAGING}{run}:{n}" for n, g in enumerate(by_graph)}
    requests = 0
    store.hide_staging(list(staging.values()))  # this store's own queries leave them out of the union
    try:
        for g, triples in by_graph.items():
            plain = [t for t in triples if not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))]
            blank = [t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]
            for i in range(0, len(plain), chunk):
                store.raw_update(f"INSERT DATA {{ GRAPH <{staging[g]}> {{\n{_nt(plain[i:i + chunk])}}} }}")
                requests += 1
            for batch in _components(blank, bnode_chunk):
                store.raw_update(f"INSERT {{ GRAPH <{staging[g]}> {{\n{_nt(batch)}}} }} WHERE {{}}")
                requests += 1
        ops = [f"DROP SILENT GRAPH <{default_graph if g is None else g}>" for g in graphs]
        cleared = {default_graph if g is None else g for g in graphs}
        for g, s in staging.items():  # MOVE replaces; a graph not being replaced gets the quads added
            ops += [f"MOVE SILENT <{s}> TO <{g}>"] if g in cleared else [f"ADD SILENT <{s}> TO <{g}>", f"DROP SILENT GRAPH <{s}>"]
        store.update(" ;\n".join(ops) or "CLEAR SILENT GRAPH <urn:x-spbe:none>")  # one transaction
        return requests + 1
    except BaseException:
        try:
            store.raw_update(" ;\n".join(f"DROP SILENT GRAPH <{s}>" for s in staging.values()) or
                             "CLEAR SILENT GRAPH <urn:x-spbe:none>")
        except StoreError:
            pass  # the original error is the one to report; the staging graphs stay (named urn:x-spbe:staging:…)
        raise
    finally:
        store.hide_staging(list(staging.values()), False)
