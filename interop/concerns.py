"""What concerns a resource beyond its own statements, for its HTML page: duplicate findings it is
a member of, code suggestions for it (graph ``B graph/saran-kode``, with the architects' decisions on
them from ``B graph/keputusan``; see the decisions contract), and for a reference concept the
applications that carry that code (declared, or accepted by a decision).

Every function takes a checked IRI and returns plain dicts, newest/highest first.

>>> import pyoxigraph as ox
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> S = "https://w3id.org/spbe/ontology#"
>>> s = EmbeddedStore(None)
>>> g = ox.NamedNode("http://e/g")
>>> s.add_quads([ox.Quad(ox.NamedNode("http://e/app"), ox.NamedNode(S + "kodeRAL"), ox.NamedNode("https://w3id.org/spbe/ref/RAL.01"), g),
...              ox.Quad(ox.NamedNode("http://e/app"), ox.NamedNode(S + "nama"), ox.Literal("SIMPEG"), g)])
>>> [(a["iri"], a["label"], a["how"]) for a in applications_with_code(s, "https://w3id.org/spbe/ref/RAL.01")]
[('http://e/app', 'SIMPEG', 'declared')]
"""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import PREFIXES

SPBE = PREFIXES["spbe"]
CODE_PROPERTIES = ("kodeReferensi", "kodeRAL", "kodeRAB", "kodeRAD", "kodeRAA", "kodeRAI", "kodeRAK", "jenisAplikasi")
MAX_ROWS = 200


def _v(t) -> str:
    return "" if t is None else t.value


def _rows(store, sparql: str, timeout_s: float | None) -> list:
    return list(store.query(f"PREFIX spbe: <{SPBE}>\nPREFIX rdfs: <{PREFIXES['rdfs']}>\n" + sparql, timeout_s=timeout_s))


def findings(store, iri: str, *, timeout_s: float | None = 10.0) -> list[dict]:
    """Duplicate clusters and candidate pairs with ``iri`` as a member: kind, score, other members."""
    node = f"<{iri}>"
    q = ("SELECT ?f ?type ?jenis ?skor (GROUP_CONCAT(DISTINCT STR(?other); SEPARATOR=' ') AS ?others) WHERE { "
         f"{{ ?f spbe:anggota {node} . OPTIONAL {{ ?f spbe:anggota ?other FILTER(?other != {node}) }} }} UNION "
         f"{{ ?f spbe:anggotaA {node} . OPTIONAL {{ ?f spbe:anggotaB ?other }} }} UNION "
         f"{{ ?f spbe:anggotaB {node} . OPTIONAL {{ ?f spbe:anggotaA ?other }} }} "
         "OPTIONAL { ?f a ?type FILTER(STRSTARTS(STR(?type), STR(spbe:))) } OPTIONAL { ?f spbe:jenisDuplikasi ?jenis } "
         f"OPTIONAL {{ ?f spbe:skor ?skor }} }} GROUP BY ?f ?type ?jenis ?skor ORDER BY DESC(?skor) LIMIT {MAX_ROWS}")
    out = []
    for r in _rows(store, q, timeout_s):
        out.append({"iri": _v(r["f"]), "type": _v(r["type"]).rsplit("#", 1)[-1], "kind": _v(r["jenis"]),
                    "score": _v(r["skor"]), "others": [o for o in _v(r["others"]).split() if o]})
    return out


def code_suggestions(store, iri: str, *, timeout_s: float | None = 10.0) -> list[dict]:
    """Code suggestions for an application, with the latest decision on each (accepted / rejected / open)."""
    node = f"<{iri}>"
    q = ("SELECT ?s ?kode ?label ?skor ?peringkat ?metode (GROUP_CONCAT(DISTINCT ?bukti; SEPARATOR=' · ') AS ?buktiTeks) "
         "(MAX(?waktu) AS ?when) WHERE { "
         f"?s a spbe:SaranKode ; spbe:untukAplikasi {node} ; spbe:kode ?kode . "
         "OPTIONAL { ?s spbe:skor ?skor } OPTIONAL { ?s spbe:peringkat ?peringkat } OPTIONAL { ?s spbe:metode ?metode } "
         "OPTIONAL { ?s spbe:buktiTeks ?bukti } OPTIONAL { ?kode <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } "
         f"OPTIONAL {{ ?k a spbe:Keputusan ; spbe:tentang {node} ; spbe:kode ?kode ; <http://www.w3.org/ns/prov#endedAtTime> ?waktu }} "
         f"}} GROUP BY ?s ?kode ?label ?skor ?peringkat ?metode ORDER BY ?peringkat DESC(?skor) LIMIT {MAX_ROWS}")
    rows = _rows(store, q, timeout_s)
    decided = _decisions(store, iri, timeout_s)
    out, seen = [], set()
    for r in rows:
        if _v(r["s"]) in seen:
            continue
        seen.add(_v(r["s"]))
        out.append({"iri": _v(r["s"]), "code": _v(r["kode"]), "label": _v(r["label"]), "score": _v(r["skor"]),
                    "rank": _v(r["peringkat"]), "method": _v(r["metode"]), "evidence": _v(r["buktiTeks"]),
                    "decision": decided.get(_v(r["kode"]), "")})
    return out


def _decisions(store, iri: str, timeout_s) -> dict[str, str]:
    """Latest code decision per code for an application: ``terima-kode`` / ``tolak-kode``."""
    q = ("SELECT ?kode ?jenis ?t WHERE { "
         f"?k a spbe:Keputusan ; spbe:tentang <{iri}> ; spbe:kode ?kode ; spbe:jenisKeputusan ?jenis . "
         "OPTIONAL { ?k <http://www.w3.org/ns/prov#endedAtTime> ?t } } ORDER BY ?t")
    latest: dict[str, str] = {}
    for r in _rows(store, q, timeout_s):
        latest[_v(r["kode"])] = _v(r["jenis"])
    return latest


def applications_with_code(store, concept: str, *, timeout_s: float | None = 10.0) -> list[dict]:
    """Applications that carry ``concept`` (declared by a code property, or accepted by a decision)."""
    node = f"<{concept}>"
    props = " ".join(f"spbe:{p}" for p in CODE_PROPERTIES)
    q = ("SELECT ?app (SAMPLE(?n) AS ?name) (SAMPLE(?inst) AS ?i) (SAMPLE(?instName) AS ?iname) "
         "(MIN(?how0) AS ?how) WHERE { "
         f"{{ VALUES ?p {{ {props} }} ?app ?p {node} . BIND('declared' AS ?how0) }} UNION "
         f"{{ ?k a spbe:Keputusan ; spbe:jenisKeputusan 'terima-kode' ; spbe:kode {node} ; spbe:tentang ?app . "
         "BIND('accepted' AS ?how0) } "
         "OPTIONAL { ?app spbe:nama|rdfs:label ?n } "
         "OPTIONAL { ?app spbe:instansi|spbe:instansiPengelola ?inst OPTIONAL { ?inst spbe:nama|rdfs:label ?instName } } "
         f"}} GROUP BY ?app ORDER BY ?name LIMIT {MAX_ROWS + 1}")
    out = []
    for r in _rows(store, q, timeout_s):
        if not isinstance(r["app"], ox.NamedNode):
            continue
        out.append({"iri": r["app"].value, "label": _v(r["name"]), "instansi": _v(r["i"]),
                    "instansi_label": _v(r["iname"]), "how": _v(r["how"])})
    return out
