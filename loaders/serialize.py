"""Write a conversion result as RDF in the format an output file's extension names, deterministically.

N-Triples / N-Quads output is sorted line by line (duplicates dropped), so the same input always gives
identical bytes (apart from the load time, which ``--loaded-at`` / ``SOURCE_DATE_EPOCH`` fixes). Triple
formats (.ttl, .nt) merge all graphs; quad formats (.nq, .trig, .jsonld) keep each file's graph.

>>> from spbe_kg.loaders.outcome import ConversionResult
>>> line = '<http://e/s> <http://e/p> "o" <http://e/g> .\\n'
>>> r = ConversionResult(parts=[("http://e/g", [line, line])])
>>> serialize(r, ".nt")
b'<http://e/s> <http://e/p> "o" .\\n'
>>> serialize(r, ".nq")
b'<http://e/s> <http://e/p> "o" <http://e/g> .\\n'
"""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import PREFIXES

from .outcome import ConversionResult

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
           ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD}


def serialize(result: ConversionResult, ext: str) -> bytes:
    fmt = FORMATS[ext]
    if fmt == ox.RdfFormat.N_TRIPLES:
        return "".join(sorted(set(result.ntriples_lines()))).encode("utf-8")
    if fmt == ox.RdfFormat.N_QUADS:
        return "".join(sorted(set(result.nquads_lines()))).encode("utf-8")
    if fmt.supports_datasets:
        quads = sorted(set(result.quads), key=_key)
        prefixes = None if fmt == ox.RdfFormat.JSON_LD else PREFIXES
        return _bytes(ox.serialize(quads, format=fmt, prefixes=prefixes))
    triples = sorted({q.triple for q in result.quads}, key=_key)
    return _bytes(ox.serialize(triples, format=fmt, prefixes=PREFIXES))


def _bytes(data: bytes | None) -> bytes:
    assert data is not None  # no output file given: pyoxigraph returns the bytes
    return data


def _key(t) -> tuple[str, ...]:
    g = getattr(t, "graph_name", None)
    return (str(g) if g is not None else "", str(t.subject), str(t.predicate), str(t.object))
