"""Reference path: pySHACL without inference (``advanced=True`` for SPARQL targets).

Slow at national scale (see benchmarks/results/validation.md) but the semantic reference: the fast
path is tested against it, and it is used whenever the shapes leave the compiled subset.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from .result import RawResult


def to_rdflib(quads: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """All triples of ``quads`` (graph names dropped: the union) as an rdflib Graph."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    if data:
        g.parse(data=data, format="nt")
    return g


def _ox(t):
    if t is None:
        return None
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(t)


def run_pyshacl(data: Graph, shapes: Graph) -> list[RawResult]:
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, abort_on_first=False,
        allow_infos=False, allow_warnings=False, meta_shacl=False,
    )
    out = []
    from .compile import path_key

    for r in report.objects(None, SH.result):
        path = report.value(r, SH.resultPath)
        if path is not None and not isinstance(path, URIRef):
            path = path_key(shapes, shapes.value(report.value(r, SH.sourceShape), SH.path))
        out.append(RawResult(
            focus=_ox(report.value(r, SH.focusNode)),
            path=str(path) if path is not None else None,
            value=_ox(report.value(r, SH.value)),
            shape=str(report.value(r, SH.sourceShape)),
            severity=str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            component=str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
        ))
    return out
