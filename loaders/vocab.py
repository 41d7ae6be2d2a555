"""pyoxigraph terms of the model (MODEL.md), made once: the hot path builds quads from these."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import PROV, RDF, RDFS, REF, SPBE, XSD
from spbe_kg.ontology.namespaces import DCTERMS  # noqa: F401

_SPBE = str(SPBE)


class _Spbe:
    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(_SPBE + name)
        setattr(self, name, node)
        return node


S = _Spbe()  # S.nama, S.Aplikasi, ...
TYPE = ox.NamedNode(str(RDF.type))
LABEL = ox.NamedNode(str(RDFS.label))
IDENTIFIER = ox.NamedNode(str(DCTERMS.identifier))
DCTYPE = ox.NamedNode(str(DCTERMS.type))
PROV_ENTITY = ox.NamedNode(str(PROV.Entity))
PROV_ACTIVITY = ox.NamedNode(str(PROV.Activity))
PROV_USED = ox.NamedNode(str(PROV.used))
PROV_GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))
PROV_GENERATED_AT = ox.NamedNode(str(PROV.generatedAtTime))
PROV_STARTED_AT = ox.NamedNode(str(PROV.startedAtTime))
PROV_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
XSD_ANYURI = ox.NamedNode(str(XSD.anyURI))
XSD_GYEAR = ox.NamedNode(str(XSD.gYear))
XSD_INTEGER = ox.NamedNode(str(XSD.integer))
XSD_DATETIME = ox.NamedNode(str(XSD.dateTime))


@lru_cache(maxsize=8192)
def ref(code_or_path: str) -> ox.NamedNode:
    """``ref:RAL.02.04`` / ``ref:status-aplikasi/aktif``."""
    return ox.NamedNode(str(REF) + code_or_path)


@lru_cache(maxsize=65536)
def node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)
