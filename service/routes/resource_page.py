"""``/resource?iri=...``: one resource as a page: what the store says about it, where it was recorded
(file, sheet, row) and what points to it. Every IRI on the page links to its own page, so an architect
can walk from an application to its unit, its agency, its reference codes and back.

The query page opens these pages when a result IRI is clicked (the data IRIs under ``w3id.org`` are not
served by w3id.org itself).

>>> valid_iri("https://w3id.org/spbe/id/instansi/pemerintah-kota-medan"), valid_iri("not an iri"), valid_iri("x:<y>")
(True, False, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from fastapi import APIRouter

from spbe_kg.interop.describe import label_pattern
from spbe_kg.ontology.namespaces import PREFIXES

router = APIRouter(include_in_schema=False)

MAX_OUT = 500  # statements shown about the resource
MAX_IN = 200  # statements shown that point to it
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", PREFIXES["spbe"] + "nama",
          "http://www.w3.org/2004/02/skos/core#prefLabel")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def valid_iri(iri: str) -> bool:
    return bool(_IRI.fullmatch(iri or ""))


def curie(iri: str, base: str) -> str:
    for p, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    if iri.startswith(base):
        return ":" + iri[len(base):]
    return iri


@dataclass
class Term:
    kind: str  # iri | literal | bnode
    value: str
    label: str = ""
    short: str = ""
    lang: str = ""
    datatype: str = ""


@dataclass
class Described:
    iri: str
    label: str = ""
    types: list[Term] = field(default_factory=list)
    out: list[tuple[Term, list[tuple[Term, str]]]] = field(default_factory=list)  # (property, [(value, graph)])
    inc: list[tuple[Term, Term, str]] = field(default_factory=list)  # (subject, property, graph)
    more_out: bool = False
    more_in: bool = False
    source: dict | None = None
    suggestions: list = field(default_factory=list)  # stored code suggestions (issue 10)


def _graph_name(g) -> str:
    return "" if g is None else g.value.rstrip("/").rsplit("/", 1)[-1]


def describe(store, iri: str, lang: str, *, base: str, timeout_s: float) -> Described:
    node = f"<{iri}>"
    q_out = (f"SELECT ?p ?o ?g WHERE {{ {{ GRAPH ?g {{ {node} ?p ?o }} }} UNION {{ {node} ?p ?o }} }} "
             f"LIMIT {MAX_OUT + 1}")
    q_in = (f"SELECT ?s ?p ?g WHERE {{ {{ GRAPH ?g {{ ?s ?p {node} }} }} UNION {{ ?s ?p {node} }} }} "
            f"LIMIT {MAX_IN + 1}")
    out = _once(store.query(q_out, union_default=False, timeout_s=timeout_s), ("p", "o"))
    inc = _once(store.query(q_in, union_default=False, timeout_s=timeout_s), ("s", "p"))
    d = Described(iri, more_out=len(out) > MAX_OUT, more_in=len(inc) > MAX_IN)
    out, inc = out[:MAX_OUT], inc[:MAX_IN]
    iris = {iri} | {r["p"].value for r in out} | {r["o"].value for r in out if isinstance(r["o"], ox.NamedNode)}
    iris |= {r["s"].value for r in inc if isinstance(r["s"], ox.NamedNode)} | {r["p"].value for r in inc}
    labels = _labels(store, sorted(iris), lang, timeout_s)

    def term(t) -> Term:
        if isinstance(t, ox.NamedNode):
            return Term("iri", t.value, labels.get(t.value, ""), curie(t.value, base))
        if isinstance(t, ox.Literal):
            dt = t.datatype.value if t.datatype else ""
            plain = dt in ("", "http://www.w3.org/2001/XMLSchema#string",
                           "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
            return Term("literal", t.value, lang=t.language or "", datatype="" if plain else curie(dt, base))
        return Term("bnode", str(t))

    d.label = labels.get(iri, "")
    grouped: dict[str, list[tuple[Term, str]]] = {}
    props: dict[str, Term] = {}
    for r in sorted(out, key=lambda r: (r["p"].value != RDF_TYPE, r["p"].value, str(r["o"]))):
        p = r["p"].value
        if p == RDF_TYPE and isinstance(r["o"], ox.NamedNode):
            if all(t.value != r["o"].value for t in d.types):
                d.types.append(term(r["o"]))
            continue
        props.setdefault(p, term(r["p"]))
        grouped.setdefault(p, []).append((term(r["o"]), _graph_name(r["g"])))
    d.out = [(props[p], vals) for p, vals in grouped.items()]
    d.inc = [(term(r["s"]), term(r["p"]), _graph_name(r["g"]))
             for r in sorted(inc, key=lambda r: (r["p"].value, str(r["s"])))]
    d.source = _source(store, node, timeout_s)
    return d


def _once(rows, key: tuple[str, str]) -> list:
    """Each statement once: a default-graph row repeating a named-graph one is dropped (a remote server
    whose default graph is the union of its graphs answers both branches of the UNION)."""
    rows = list(rows)
    named = {tuple(str(r[k]) for k in key) for r in rows if r["g"] is not None}
    seen, out = set(), []
    for r in rows:
        k = tuple(str(r[x]) for x in key)
        if (r["g"] is None and k in named) or (k, str(r["g"])) in seen:
            continue
        seen.add((k, str(r["g"])))
        out.append(r)
    return out


def _labels(store, iris: list[str], lang: str, timeout_s: float) -> dict[str, str]:
    if not iris:
        return {}
    nodes = [ox.NamedNode(i) for i in iris if valid_iri(i)]
    rows = []
    for k in range(0, len(nodes), 100):  # one UNION branch per IRI: index lookups, not a scan (see label_pattern)
        q = f"SELECT ?x ?l WHERE {{ {label_pattern(nodes[k:k + 100], LABELS)} }}"
        rows += list(store.query(q, timeout_s=timeout_s))
    best: dict[str, tuple[int, str]] = {}
    for r in rows:
        lit = r["l"]
        if not isinstance(lit, ox.Literal):
            continue
        rank = {lang: 0, "id": 1, "": 2}.get(lit.language or "", 3)
        x = r["x"].value
        if x not in best or rank < best[x][0]:
            best[x] = (rank, lit.value)
    return {x: v for x, (_, v) in best.items()}


def _source(store, node: str, timeout_s: float) -> dict | None:
    """File, sheet and row the resource was loaded from (the loader's provenance), if any."""
    spbe = PREFIXES["spbe"]
    q = (f"PREFIX spbe: <{spbe}>\nSELECT ?baris ?lembar ?berkas WHERE {{ {node} spbe:barisSumber ?b . "
         "?b spbe:nomorBaris ?baris . OPTIONAL { ?b spbe:lembar ?l . OPTIONAL { ?l spbe:namaLembar ?lembar } "
         "OPTIONAL { ?l spbe:berkas/spbe:namaBerkas ?berkas } } } LIMIT 1")
    row = next(iter(store.query(q, timeout_s=timeout_s)), None)
    if row is None:
        return None
    return {k: (row[k].value if row[k] is not None else "") for k in ("baris", "lembar", "berkas")}


# ``/resource`` itself is served by ``linked_data.py`` (content negotiation); this module keeps the
# HTML description (``describe``) it renders.
