"""What an upload is validated against: the upload itself plus the reference data it points to.

Starting from every IRI the upload uses (as object or type), the reference triples about it are added,
following only the links that matter for the rules: ``rdf:type``/``rdfs:subClassOf`` (class axioms),
``skos:broader``/``skos:inScheme``/``skos:topConceptOf`` (a code, its ancestors and scheme),
``spbe:instansiPengelola``. For codes below the national levels their national ancestors are added by
code prefix, and the national applications whose RAL/RAB codes an uploaded code equals or descends from
(the rule "an Aplikasi Khusus duplicates an Aplikasi Umum" needs them). Other uploads in the store are
never part of it.

>>> import pyoxigraph as ox
>>> T = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
>>> ref = [ox.Quad(ox.NamedNode("https://e/C"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
...                ox.NamedNode("https://e/D")), ox.Quad(ox.NamedNode("https://e/X"), T, ox.NamedNode("https://e/C"))]
>>> up = [ox.Quad(ox.NamedNode("https://e/a"), T, ox.NamedNode("https://e/C"))]
>>> len(scoped_quads(up, ref))  # the upload + C's axiom, not X
2
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import REF, SPBE

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
FOLLOW = {
    _RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#subClassOf", _SKOS + "broader", _SKOS + "inScheme",
    _SKOS + "topConceptOf", str(SPBE.instansiPengelola),
    *(str(SPBE[f"kode{x}"]) for x in ("RAL", "RAB", "RAD", "RAA", "RAI", "RAK")),
}
_CODE_PROPS = {str(SPBE.kodeRAL), str(SPBE.kodeRAB)}
_REF = str(REF)


class ReferenceIndex:
    """Reference quads by subject, plus the national applications by code (built once per reference set)."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
        self.national_by_code: dict[str, set[str]] = defaultdict(set)
        for q in quads:
            s = q.subject.value if isinstance(q.subject, ox.NamedNode) else str(q.subject)
            self.by_subject[s].append(q)
            if q.predicate.value in _CODE_PROPS and isinstance(q.object, ox.NamedNode):
                self.national_by_code[q.object.value].add(s)


def _code_prefixes(iri: str) -> list[str]:
    """``ref:RAL.02.04.06.01`` -> the IRIs of RAL, RAL.02, RAL.02.04, RAL.02.04.06 (national ancestors first)."""
    if not iri.startswith(_REF):
        return []
    code = iri[len(_REF):]
    parts = code.split(".")
    return [_REF + ".".join(parts[:i]) for i in range(1, len(parts))]


def scoped_quads(upload: Sequence[ox.Quad], reference: Sequence[ox.Quad] | ReferenceIndex) -> list[ox.Quad]:
    """The upload's quads plus the reference quads it points to (see the module docstring)."""
    index = reference if isinstance(reference, ReferenceIndex) else ReferenceIndex(reference)
    todo: list[str] = []
    for q in upload:
        o = q.object
        if isinstance(o, ox.NamedNode):
            todo.append(o.value)
            if q.predicate.value in _CODE_PROPS or o.value.startswith(_REF):
                todo.extend(_code_prefixes(o.value))
                for code in [o.value, *_code_prefixes(o.value)]:
                    todo.extend(index.national_by_code.get(code, ()))
    seen: set[str] = set()
    out = list(upload)
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for q in index.by_subject.get(s, ()):
            out.append(q)
            if q.predicate.value in FOLLOW and isinstance(q.object, ox.NamedNode):
                todo.append(q.object.value)
    return out
