"""The W3C SHACL validation report (sh:ValidationReport) in Turtle, with messages in both languages and
the source cell (``spbe:barisSumber``-style location as ``spbe:berkas``/``spbe:namaLembar``/``spbe:nomorBaris``/
``spbe:hurufKolom`` on each result)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from spbe_kg.ontology.namespaces import SPBE

from ..result import Report


def _path_node(g: Graph, text: str):
    """Rebuild a SHACL path node from the SPARQL form the results carry (``(<a>|(<b>/<c>))``, ``^<p>``, ``<p>*``)."""
    import re

    from rdflib.collection import Collection

    tokens = re.findall(r"<[^>]*>|[()|/^*+?]", text)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def lst(items):
        head = BNode()
        Collection(g, head, items)
        return head

    def primary():
        t = take()
        if t == "^":
            n = BNode()
            g.add((n, SH.inversePath, primary()))
            return n
        if t == "(":
            node = alternative()
            take()  # ")"
        else:
            node = URIRef(t[1:-1])
        while peek() in ("*", "+", "?"):
            mod = {"*": SH.zeroOrMorePath, "+": SH.oneOrMorePath, "?": SH.zeroOrOnePath}[take()]
            n = BNode()
            g.add((n, mod, node))
            node = n
        return node

    def sequence():
        items = [primary()]
        while peek() == "/":
            take()
            items.append(primary())
        return items[0] if len(items) == 1 else lst(items)

    def alternative():
        items = [sequence()]
        while peek() == "|":
            take()
            items.append(sequence())
        if len(items) == 1:
            return items[0]
        n = BNode()
        g.add((n, SH.alternativePath, lst(items)))
        return n

    return alternative()


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
        elif r.path:  # a complex path, rebuilt as a SHACL path node from its SPARQL form
            g.add((n, SH.resultPath, _path_node(g, r.path)))
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
