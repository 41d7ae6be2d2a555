"""The W3C SHACL validation report (sh:ValidationReport) in Turtle, with messages in both languages and
the source cell (``spbe:barisSumber``-style location as ``spbe:berkas``/``spbe:namaLembar``/``spbe:nomorBaris``/
``spbe:hurufKolom`` on each result)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from spbe_kg.ontology.namespaces import SPBE

from ..result import Report


def _value(r):
    if r.value is None:
        return None
    if r.value_kind == "iri":
        return URIRef(r.value)
    if r.value_kind == "bnode":
        return BNode(r.value)
    return Literal(r.value)


def render(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> str:
    sources = sources or {}
    g = Graph()
    g.bind("sh", SH)
    g.bind("spbe", SPBE)
    rep = BNode()
    g.add((rep, RDF.type, SH.ValidationReport))
    g.add((rep, SH.conforms, Literal(report.conforms)))
    for r in report.results:
        n = BNode()
        g.add((rep, SH.result, n))
        g.add((n, RDF.type, SH.ValidationResult))
        g.add((n, SH.focusNode, URIRef(r.focus) if not r.focus.startswith("_:") else BNode(r.focus[2:])))
        if r.path and not r.path.startswith(("(", "^", "<")):
            g.add((n, SH.resultPath, URIRef(r.path)))
        elif r.path:  # a complex path: its SPARQL form (the path structure lives in the shapes graph)
            g.add((n, RDFS.comment, Literal(f"sh:resultPath {r.path}")))
        v = _value(r)
        if v is not None:
            g.add((n, SH.value, v))
        g.add((n, SH.sourceShape, URIRef(r.rule_id)))
        g.add((n, SH.resultSeverity, SH[r.severity]))
        if r.component:
            g.add((n, SH.sourceConstraintComponent, SH[r.component]))
        g.add((n, SH.resultMessage, Literal(r.message_id, lang="id")))
        g.add((n, SH.resultMessage, Literal(r.message_en, lang="en")))
        if r.file:
            g.add((n, SPBE.namaBerkas, Literal(sources.get(r.file, r.file))))
        if r.sheet:
            g.add((n, SPBE.namaLembar, Literal(r.sheet)))
        if r.row is not None:
            g.add((n, SPBE.nomorBaris, Literal(r.row, datatype=XSD.integer)))
        if r.column:
            g.add((n, SPBE.hurufKolom, Literal(r.column)))
        if r.header:
            g.add((n, SPBE.kolom, Literal(r.header)))
    return g.serialize(format="turtle")
