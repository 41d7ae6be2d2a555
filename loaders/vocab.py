"""Terms of the model (MODEL.md) as N-Triples text, made once.

The hot path writes N-Triples lines directly (``"<s> <p> <o>"``): building ~0.8M pyoxigraph ``Quad``
objects in Python costs more than the whole Rust bulk load, so quads are only materialised when a
caller asks for them (``ConversionResult.quads``).

>>> S.nama, lit('a "b"\\n'), lit("2019", XSD_GYEAR)
('<https://w3id.org/spbe/ontology#nama>', '"a \\\\"b\\\\"\\\\n"', '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>')
>>> iri_of(node("https://e/x"))
'https://e/x'
"""

from __future__ import annotations

from functools import lru_cache

from spbe_kg.ontology.namespaces import DCTERMS, PROV, RDF, RDFS, REF, SPBE, XSD

_SPBE = str(SPBE)
_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _Spbe:
    def __getattr__(self, name: str) -> str:
        term = f"<{_SPBE}{name}>"
        setattr(self, name, term)
        return term


S = _Spbe()  # S.nama, S.Aplikasi, ... as "<...>"


def node(iri: str) -> str:
    """``<iri>`` (minted IRIs are slug-based and need no escaping)."""
    return f"<{iri}>"


def iri_of(term: str) -> str:
    return term[1:-1]


def lit(text: str, datatype: str | None = None) -> str:
    """An N-Triples literal; ``datatype`` is a ``<...>`` term."""
    s = '"' + text.translate(_ESC) + '"'
    return s if datatype is None else s + "^^" + datatype


TYPE = node(str(RDF.type))
LABEL = node(str(RDFS.label))
IDENTIFIER = node(str(DCTERMS.identifier))
EXACT_MATCH = node("http://www.w3.org/2004/02/skos/core#exactMatch")
DCTYPE = node(str(DCTERMS.type))
PROV_ENTITY = node(str(PROV.Entity))
PROV_ACTIVITY = node(str(PROV.Activity))
PROV_USED = node(str(PROV.used))
PROV_GENERATED_BY = node(str(PROV.wasGeneratedBy))
PROV_GENERATED_AT = node(str(PROV.generatedAtTime))
PROV_STARTED_AT = node(str(PROV.startedAtTime))
PROV_DERIVED_FROM = node(str(PROV.wasDerivedFrom))
XSD_ANYURI = node(str(XSD.anyURI))
XSD_GYEAR = node(str(XSD.gYear))
XSD_INTEGER = node(str(XSD.integer))
XSD_DATETIME = node(str(XSD.dateTime))


@lru_cache(maxsize=8192)
def ref(code_or_path: str) -> str:
    """``ref:RAL.02.04`` / ``ref:status-aplikasi/aktif`` as ``<...>``."""
    return f"<{REF}{code_or_path}>"
