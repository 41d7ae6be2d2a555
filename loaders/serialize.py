"""Write quads as RDF in the format an output file's extension names, deterministically.

N-Triples / N-Quads output is sorted line by line, so the same input always gives identical bytes
(apart from the load time, which ``--loaded-at`` / ``SOURCE_DATE_EPOCH`` fixes). Triple formats
(.ttl, .nt) merge all graphs; quad formats (.nq, .trig, .jsonld) keep each file's graph.

>>> import pyoxigraph as ox
>>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g"))
>>> serialize([q, q], ".nt")
b'<http://e/s> <http://e/p> "o" .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import PREFIXES

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
           ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD}


def serialize(quads: Iterable[ox.Quad], ext: str) -> bytes:
    fmt = FORMATS[ext]
    if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        if fmt == ox.RdfFormat.N_TRIPLES:
            lines = {f"{q.subject} {q.predicate} {q.object} ." for q in quads}
        else:
            lines = {f"{q.subject} {q.predicate} {q.object} {q.graph_name} ." for q in quads}
        return ("\n".join(sorted(lines)) + "\n").encode() if lines else b""
    if fmt.supports_datasets:
        ds = ox.Dataset(quads)
        items = sorted(ds, key=_key)
        kw = {} if fmt == ox.RdfFormat.JSON_LD else {"prefixes": PREFIXES}
        return ox.serialize(items, format=fmt, **kw)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_key)
    return ox.serialize(triples, format=fmt, prefixes=PREFIXES)


def _key(t) -> tuple[str, ...]:
    g = getattr(t, "graph_name", None)
    return (str(g) if g is not None else "", str(t.subject), str(t.predicate), str(t.object))
