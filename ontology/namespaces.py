"""Namespaces of the SPBE model (the contract in MODEL.md).

>>> from spbe_kg.ontology.namespaces import SPBE, REF
>>> str(SPBE.Aplikasi)
'https://w3id.org/spbe/ontology#Aplikasi'
>>> str(REF["RAL.02.04.06"])
'https://w3id.org/spbe/ref/RAL.02.04.06'
"""

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY_IRI = "https://w3id.org/spbe/ontology"
SPBE = Namespace(ONTOLOGY_IRI + "#")
REF = Namespace("https://w3id.org/spbe/ref/")
NAS = Namespace("https://w3id.org/spbe/id/aplikasi-nasional/")
INST = Namespace("https://w3id.org/spbe/id/instansi/")
REFERENCE_GRAPH = "https://w3id.org/spbe/graph/referensi"

SCHEMA = Namespace("https://schema.org/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VOID = Namespace("http://rdfs.org/ns/void#")

PREFIXES: dict[str, str] = {
    "spbe": str(SPBE),
    "ref": str(REF),
    "nas": str(NAS),
    "inst": str(INST),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "cpsv": str(CPSV),
    "adms": str(ADMS),
    "void": str(VOID),
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def enum(scheme: str, value: str):
    """IRI of an enumeration concept, e.g. ``enum('status-aplikasi', 'aktif')``."""
    return REF[f"{scheme}/{value}"]
