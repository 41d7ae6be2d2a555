"""The SPARQL 1.1 Service Description of ``/sparql`` (https://www.w3.org/TR/sparql11-service-description/).

>>> import pyoxigraph as ox
>>> from spbe_kg.settings import Settings
>>> ttl = describe("http://127.0.0.1:8000/sparql", Settings(store="memory"), ["http://g"], ox.RdfFormat.TURTLE)
>>> b"UnionDefaultGraph" in ttl and b"http://g" in ttl
True
"""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg import __version__
from spbe_kg.settings import Settings

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"sd": SD, "formats": FORMATS, "void": "http://rdfs.org/ns/void#", "dcterms": "http://purl.org/dc/terms/"}


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def describe(endpoint: str, settings: Settings, named_graphs, fmt: ox.RdfFormat) -> bytes:
    svc = ox.NamedNode(endpoint + "#service")
    ds = ox.BlankNode("dataset")
    dg = ox.BlankNode("defaultGraph")
    t = [
        ox.Triple(svc, RDF_TYPE, _sd("Service")),
        ox.Triple(svc, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(svc, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(svc, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(svc, _sd("feature"), _sd("BasicFederatedQuery")),
        ox.Triple(svc, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("spbe-kg SPARQL endpoint")),
        ox.Triple(svc, ox.NamedNode("http://purl.org/dc/terms/hasVersion"), ox.Literal(__version__)),
        ox.Triple(svc, _sd("defaultDataset"), ds),
        ox.Triple(ds, RDF_TYPE, _sd("Dataset")),
        ox.Triple(ds, _sd("defaultGraph"), dg),
        ox.Triple(dg, RDF_TYPE, _sd("Graph")),
    ]
    if settings.enable_updates:
        t.append(ox.Triple(svc, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML"):
        t.append(ox.Triple(svc, _sd("resultFormat"), ox.NamedNode(FORMATS + f)))
    for i, g in enumerate(named_graphs):
        ng = ox.BlankNode(f"ng{i}")
        t += [ox.Triple(ds, _sd("namedGraph"), ng), ox.Triple(ng, _sd("name"), ox.NamedNode(g))]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3) else None
    return ox.serialize(t, format=fmt, prefixes=prefixes) or b""
