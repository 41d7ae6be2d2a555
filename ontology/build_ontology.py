"""Write ``ontology/spbe.ttl`` (OWL 2 DL) from the term tables ``ontology/tables/*.yaml`` (read by ``terms``).

Every class and property gets ``rdfs:label`` and ``skos:definition`` in Bahasa Indonesia and English,
its alignments to W3C ORG, CPSV-AP, DCAT/ADMS, SKOS, PROV-O and schema.org, and domain/range where
they hold. The external terms aligned to are declared (class / object / datatype / annotation
property) so the ontology stays in OWL 2 DL and HermiT accepts it.

    python -m spbe_kg.ontology.build_ontology [-o ontology/spbe.ttl] [--tables DIR]

>>> g = build_graph()
>>> from spbe_kg.ontology.namespaces import SPBE
>>> from rdflib.namespace import OWL, RDF
>>> (SPBE.Aplikasi, RDF.type, OWL.Class) in g
True
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from . import ONTOLOGY_DIR
from .meta import CREATED, CREATOR, LICENSE, VANN, VERSION, VERSION_IRI, new_graph, write_turtle
from .namespaces import ONTOLOGY_IRI, PREFIXES, SPBE
from .terms import Tables, Term, TermTableError, load_tables, tables

_KIND = {
    "class": OWL.Class,
    "object": OWL.ObjectProperty,
    "data": OWL.DatatypeProperty,
    "annotation": OWL.AnnotationProperty,
}

_NS = dict(PREFIXES, vann=str(VANN))
SCRIPT = "ontology/build_ontology.py"


def curie(c: str) -> URIRef:
    """Expand a CURIE with the project prefixes (``spbe:Aplikasi`` -> full IRI)."""
    prefix, _, local = c.partition(":")
    if prefix not in _NS:
        known = ", ".join(sorted(_NS))
        raise TermTableError(f"ontology/tables: awalan tidak dikenal di {c!r} (dikenal: {known}).",
                             f"ontology/tables: unknown prefix in {c!r} (known: {known}).")
    return URIRef(_NS[prefix] + local)


def _header(g: Graph) -> None:
    o = URIRef(ONTOLOGY_IRI)
    g.add((o, RDF.type, OWL.Ontology))
    g.add((o, OWL.versionIRI, URIRef(VERSION_IRI)))
    g.add((o, OWL.versionInfo, Literal(VERSION)))
    g.add((o, DCTERMS.title, Literal("Ontologi Arsitektur SPBE", lang="id")))
    g.add((o, DCTERMS.title, Literal("SPBE Architecture Ontology", lang="en")))
    g.add((o, DCTERMS.description, Literal(
        "Model untuk inventaris aplikasi, layanan, proses bisnis dan data pemerintah Indonesia yang dipetakan "
        "ke Referensi Arsitektur SPBE (Perpres 95/2018, Perpres 132/2022), dengan asal-usul tiap sel sumber "
        "dan temuan duplikasi aplikasi.", lang="id")))
    g.add((o, DCTERMS.description, Literal(
        "A model for Indonesian government inventories of applications, services, business processes and data "
        "mapped onto the SPBE reference architecture (Perpres 95/2018, Perpres 132/2022), with the provenance of "
        "every source cell and application-duplication findings.", lang="en")))
    g.add((o, DCTERMS.created, Literal(CREATED, datatype=XSD.date)))
    g.add((o, DCTERMS.license, URIRef(LICENSE)))
    g.add((o, DCTERMS.creator, Literal(CREATOR)))
    g.add((o, VANN.preferredNamespacePrefix, Literal("spbe")))
    g.add((o, VANN.preferredNamespaceUri, Literal(str(SPBE))))


def _term(g: Graph, t: Term) -> None:
    s = SPBE[t.name]
    g.add((s, RDF.type, _KIND[t.kind]))
    g.add((s, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)))
    g.add((s, RDFS.label, Literal(t.label_id, lang="id")))
    g.add((s, RDFS.label, Literal(t.label_en, lang="en")))
    g.add((s, SKOS.definition, Literal(t.def_id, lang="id")))
    g.add((s, SKOS.definition, Literal(t.def_en, lang="en")))
    sup = RDFS.subClassOf if t.kind == "class" else RDFS.subPropertyOf
    for p in t.parents:
        g.add((s, sup, curie(p)))
    if t.domain:
        g.add((s, RDFS.domain, curie(t.domain)))
    if t.range:
        g.add((s, RDFS.range, curie(t.range)))
    for x in t.see_also:
        g.add((s, RDFS.seeAlso, curie(x)))


def build_graph(source: Tables | None = None) -> Graph:
    """The ontology as an rdflib graph, from the term tables (default: the bundled ``ontology/tables``)."""
    t = source or tables()
    g = new_graph()
    _header(g)
    for kind, names in t.external.items():
        for n in names:
            g.add((curie(n), RDF.type, _KIND[kind]))
    for term in t.classes + t.properties:
        _term(g, term)
    g.add((SKOS.narrower, OWL.inverseOf, SKOS.broader))
    for group in t.disjoint:
        if len(group) == 2:
            g.add((SPBE[group[0]], OWL.disjointWith, SPBE[group[1]]))
            continue
        node = BNode(f"disjoint{len(group)}{group[0]}")  # fixed ids keep the Turtle byte-stable
        cells = [BNode(f"{node}m{i}") for i in range(len(group))]
        g.add((node, RDF.type, OWL.AllDisjointClasses))
        g.add((node, OWL.members, cells[0]))
        for i, (cell, name) in enumerate(zip(cells, group)):
            g.add((cell, RDF.first, SPBE[name]))
            g.add((cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil))
    return g


def build(out: Path | None = None, tables_dir: Path | None = None) -> Path:
    """Write the ontology Turtle (from ``tables_dir``, default the bundled tables); returns the path written."""
    g = build_graph(load_tables(tables_dir) if tables_dir else None)
    out = out or ONTOLOGY_DIR / "spbe.ttl"
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_turtle(g, out, SCRIPT, first={URIRef(ONTOLOGY_IRI)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the SPBE OWL ontology (spbe.ttl).")
    ap.add_argument("-o", "--output", type=Path, default=None)
    ap.add_argument("--tables", type=Path, default=None, help="directory of the term tables (default: ontology/tables)")
    args = ap.parse_args(argv)
    try:
        print(build(args.output, args.tables))
    except TermTableError as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
