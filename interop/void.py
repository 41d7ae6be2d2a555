"""The VoID + DCAT description of an instance (``/.well-known/void``): what a harvester reads first.

One ``void:Dataset`` that is also a ``dcat:Dataset``: title, publisher and licence (settings), the SPARQL
endpoint (also as a ``dcat:DataService``), the vocabularies of the model, the IRI space of the data,
the total triple count and one ``void:subset`` per named graph with its own count, and the dumps as
``void:dataDump`` and as ``dcat:Distribution`` (download URL, media type, size, modification time).

>>> import pyoxigraph as ox
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> from spbe_kg.settings import Settings
>>> s = EmbeddedStore(None)
>>> s.add_quads([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/g"))])
>>> t = void_triples(s, "http://127.0.0.1:8000/", Settings(store="memory", publisher_name="Pemkab X"), dump=None)
>>> any(x.predicate.value.endswith("#triples") and x.object.value == "1" for x in t)
True
"""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg.ontology.iris import slug
from spbe_kg.ontology.namespaces import ONTOLOGY_IRI, PREFIXES

VOID = PREFIXES["void"]
DCAT = PREFIXES["dcat"]
DCT = PREFIXES["dcterms"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
FOAF = "http://xmlns.com/foaf/0.1/"
SD = "http://www.w3.org/ns/sparql-service-description#"
XSD = PREFIXES["xsd"]
IANA = "http://www.iana.org/assignments/media-types/"
VOCABULARIES = [ONTOLOGY_IRI, PREFIXES["skos"].rstrip("#"), "http://www.w3.org/ns/org", "http://www.w3.org/ns/prov",
                "http://www.w3.org/ns/dcat", "http://purl.org/dc/terms/", "https://schema.org/",
                "http://purl.org/vocab/cpsv", "http://www.w3.org/ns/adms"]
DUMP_PATHS = {"nt.gz": "dumps/spbe-kg.nt.gz", "trig": "dumps/spbe-kg.trig"}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_n(XSD + "integer"))


def graph_counts(store, timeout_s: float | None = 60.0) -> dict[str, int]:
    """Triples per named graph (one grouped query)."""
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    out = {}
    for r in store.query(q, union_default=False, timeout_s=timeout_s):
        if isinstance(r["g"], ox.NamedNode):
            out[r["g"].value] = int(r["n"].value)
    return out


def publisher_iri(settings) -> str | None:
    if settings.publisher_iri:
        return settings.publisher_iri
    if settings.publisher_name:
        return settings.base_iri + "instansi/" + slug(settings.publisher_name)
    return None


def void_triples(store, instance: str, settings, *, dump=None, counts: dict[str, int] | None = None) -> list[ox.Triple]:
    """The description; ``instance`` is the service's own base URL (ends with ``/``); ``dump`` a
    :class:`~spbe_kg.interop.dumps.Dump` (or None when none is built yet)."""
    counts = graph_counts(store) if counts is None else counts
    ds = _n(instance + ".well-known/void#dataset")
    svc = _n(instance + "sparql")
    t: list[ox.Triple] = []

    def add(s, p, o):
        t.append(ox.Triple(s, _n(p), o))

    for c in (VOID + "Dataset", DCAT + "Dataset"):
        add(ds, RDF_TYPE.value, _n(c))
    add(ds, DCT + "title", ox.Literal(settings.dataset_title, language="id"))
    add(ds, DCT + "description", ox.Literal(
        "Arsitektur SPBE (instansi, perangkat daerah, layanan, aplikasi, kode referensi) sebagai data tertaut.", language="id"))
    add(ds, DCT + "description", ox.Literal(
        "SPBE architecture (agencies, units, services, applications, reference codes) as linked data.", language="en"))
    add(ds, DCT + "license", _n(settings.licence_iri))
    pub = publisher_iri(settings)
    if pub:
        add(ds, DCT + "publisher", _n(pub))
        add(_n(pub), RDF_TYPE.value, _n(FOAF + "Agent"))
        if settings.publisher_name:
            add(_n(pub), FOAF + "name", ox.Literal(settings.publisher_name))
    add(ds, VOID + "sparqlEndpoint", svc)
    add(ds, VOID + "uriSpace", ox.Literal(settings.base_iri))
    add(ds, VOID + "triples", _int(sum(counts.values())))
    for v in VOCABULARIES:
        add(ds, VOID + "vocabulary", _n(v))
    add(ds, DCAT + "distribution", _n(instance + "sparql#service"))
    add(svc, RDF_TYPE.value, _n(DCAT + "DataService"))
    add(svc, DCT + "title", ox.Literal("Titik akhir SPARQL — " + settings.dataset_title, language="id"))
    add(svc, DCAT + "endpointURL", svc)
    add(svc, DCAT + "servesDataset", ds)
    add(svc, DCT + "conformsTo", _n("https://www.w3.org/TR/sparql11-protocol/"))
    add(_n(instance + "sparql#service"), RDF_TYPE.value, _n(DCAT + "Distribution"))
    add(_n(instance + "sparql#service"), DCAT + "accessService", svc)
    add(_n(instance + "sparql#service"), DCAT + "accessURL", svc)
    for kind, path in DUMP_PATHS.items():
        url = _n(instance + path)
        add(ds, VOID + "dataDump", url)
        dist = _n(instance + path + "#distribution")
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF_TYPE.value, _n(DCAT + "Distribution"))
        add(dist, DCAT + "downloadURL", url)
        add(dist, DCAT + "accessURL", url)
        add(dist, DCT + "license", _n(settings.licence_iri))
        if kind == "nt.gz":
            add(dist, DCAT + "mediaType", _n(IANA + "application/n-triples"))
            add(dist, DCAT + "compressFormat", _n(IANA + "application/gzip"))
        else:
            add(dist, DCAT + "mediaType", _n(IANA + "application/trig"))
        if dump is not None:
            add(dist, DCAT + "byteSize", ox.Literal(str(dump.sizes[kind]), datatype=_n(XSD + "nonNegativeInteger")))
            add(dist, DCT + "modified", ox.Literal(dump.modified.isoformat(), datatype=_n(XSD + "dateTime")))
    for i, (g, n) in enumerate(sorted(counts.items())):
        sub = _n(instance + f".well-known/void#graph-{i}")
        add(ds, VOID + "subset", sub)
        add(sub, RDF_TYPE.value, _n(VOID + "Dataset"))
        add(sub, SD + "name", _n(g))
        add(sub, VOID + "triples", _int(n))
    return t


def dumps_of(triples_or_graph, void_url: str) -> list[str]:
    """The dump URLs a VoID description names (``void:dataDump``), N-Triples gzip first."""
    urls = [t.object.value for t in triples_or_graph
            if t.predicate.value == VOID + "dataDump" and isinstance(t.object, ox.NamedNode)]
    return sorted(set(urls), key=lambda u: (not u.endswith(".nt.gz"), not u.endswith(".nt"), u))
