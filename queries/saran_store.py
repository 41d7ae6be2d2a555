"""Code suggestions and architects' code decisions as RDF (DECISIONS-CONTRACT, MODEL.md).

Graphs (B = ``settings.base_iri``):

* ``B graph/saran-kode`` — the suggestions of the last run, replaced as a whole by every run::

      B saran-kode/{hash} a spbe:SaranKode ; spbe:untukAplikasi <app> ; spbe:kode <concept> ;
          spbe:skor 0.93 ; spbe:peringkat 1 ; spbe:metode "leksikon-sastrawi" ; spbe:versiMetode "1.0/1.0" ;
          spbe:buktiTeks "nama: simpeg", ... ; prov:generatedAtTime "..."^^xsd:dateTime .
      <app> spbe:kodeRABDisarankan <concept> .        # rank 1 only: what ``--saran`` queries read

* ``B graph/keputusan`` — decisions, only ever added to (a re-load or a new suggestion run never touches it)::

      B keputusan/{16 hex} a spbe:Keputusan ; spbe:jenisKeputusan "terima-kode" | "tolak-kode" ;
          spbe:tentang <app> ; spbe:kode <concept> ; spbe:alasan "..."@id ;
          prov:wasAssociatedWith B agen/{slug} ; prov:endedAtTime "..."^^xsd:dateTime ;
          prov:used B saran-kode/{hash} ; spbe:sidikBukti "{hash of the suggestion's evidence}" .

* ``B graph/kode-diterima`` — derived from the decisions (the latest per application and code wins):
  ``<app> spbe:kodeRAB <concept>`` for every accepted code, so every query reads declared + accepted codes.

>>> from spbe_kg.settings import Settings
>>> saran_graph(Settings()), decision_graph(Settings())
('https://w3id.org/spbe/id/graph/saran-kode', 'https://w3id.org/spbe/id/graph/keputusan')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import sparql_prefixes

from .suggest import Suggestion

SPBE = "https://w3id.org/spbe/ontology#"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
ACCEPT, REJECT = "terima-kode", "tolak-kode"
SHORTCUT = {"RAB": "kodeRABDisarankan", "RAL": "kodeRALDisarankan", "RAA": "kodeRAADisarankan"}
DECLARED = {"RAB": "kodeRAB", "RAL": "kodeRAL", "RAA": "kodeRAA"}


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(SPBE + local)


def saran_graph(settings) -> str:
    return settings.base_iri + "graph/saran-kode"


def decision_graph(settings) -> str:
    return settings.base_iri + "graph/keputusan"


def accepted_graph(settings) -> str:
    return settings.base_iri + "graph/kode-diterima"


def suggestion_iri(settings, s: Suggestion) -> str:
    h = hashlib.sha256(f"{s.app}|{s.code}|{s.method}".encode()).hexdigest()[:16]
    return f"{settings.base_iri}saran-kode/{h}"


def evidence_hash(s: Suggestion) -> str:
    return hashlib.sha256("\n".join([s.code, f"{s.score:.4f}", *s.evidence]).encode()).hexdigest()[:16]


def scheme_of(code: str) -> str:
    return code.rsplit("/", 1)[-1][:3]


def suggestion_quads(sugs: Sequence[Suggestion], settings, when: dt.datetime | None = None) -> list[ox.Quad]:
    g = ox.NamedNode(saran_graph(settings))
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = ox.Literal(when.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    out: list[ox.Quad] = []
    for s in sugs:
        node = ox.NamedNode(suggestion_iri(settings, s))
        app, code = ox.NamedNode(s.app), ox.NamedNode(s.code)
        out += [
            ox.Quad(node, RDF_TYPE, _n("SaranKode"), g),
            ox.Quad(node, _n("untukAplikasi"), app, g),
            ox.Quad(node, _n("kode"), code, g),
            ox.Quad(node, _n("skor"), ox.Literal(f"{s.score:.4f}", datatype=ox.NamedNode(XSD + "decimal")), g),
            ox.Quad(node, _n("peringkat"), ox.Literal(str(s.rank), datatype=ox.NamedNode(XSD + "integer")), g),
            ox.Quad(node, _n("metode"), ox.Literal(s.method), g),
            ox.Quad(node, _n("versiMetode"), ox.Literal(s.version), g),
            ox.Quad(node, _n("sidikBukti"), ox.Literal(evidence_hash(s)), g),
            ox.Quad(node, ox.NamedNode(PROV + "generatedAtTime"), stamp, g),
        ]
        out += [ox.Quad(node, _n("buktiTeks"), ox.Literal(e), g) for e in s.evidence]
        if s.rank == 1:
            out.append(ox.Quad(app, _n(SHORTCUT[s.scheme]), code, g))
    return out


def write_suggestions(store, sugs: Sequence[Suggestion], settings) -> int:
    """Replace the suggestion graph with ``sugs``; returns the number of quads written."""
    quads = suggestion_quads(sugs, settings)
    store.replace_graphs([saran_graph(settings)], quads)
    return len(quads)


# --- decisions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    iri: str
    kind: str
    app: str
    code: str
    when: str
    agent: str
    reason: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "admin").lower()).strip("-") or "admin"


def read_decisions(store, settings, *, timeout_s: float | None = None) -> list[Decision]:
    """Every code decision (terima-kode / tolak-kode), oldest first."""
    q = sparql_prefixes() + f"""PREFIX prov: <{PROV}>
SELECT ?d ?kind ?app ?code ?when ?agent ?reason WHERE {{
  GRAPH <{decision_graph(settings)}> {{
    ?d a spbe:Keputusan ; spbe:jenisKeputusan ?kind ; spbe:tentang ?app ; spbe:kode ?code ; prov:endedAtTime ?when .
    OPTIONAL {{ ?d prov:wasAssociatedWith ?agent }} OPTIONAL {{ ?d spbe:alasan ?reason }}
    FILTER(?kind IN ("{ACCEPT}", "{REJECT}"))
  }} }}"""
    out = [Decision(r["d"].value, r["kind"].value, r["app"].value, r["code"].value, r["when"].value,
                    r["agent"].value if r["agent"] else "", r["reason"].value if r["reason"] else "")
           for r in store.query(q, timeout_s=timeout_s)]
    return sorted(out, key=lambda d: (d.when, d.iri))


def latest(decisions: Sequence[Decision]) -> dict[tuple[str, str], Decision]:
    """The decision in force per (application, code): the latest one wins."""
    out: dict[tuple[str, str], Decision] = {}
    for d in decisions:  # oldest first
        out[(d.app, d.code)] = d
    return out


def accepted_quads(decisions: Sequence[Decision], settings) -> list[ox.Quad]:
    g = ox.NamedNode(accepted_graph(settings))
    return [ox.Quad(ox.NamedNode(d.app), _n(DECLARED[scheme_of(d.code)]), ox.NamedNode(d.code), g)
            for d in latest(decisions).values() if d.kind == ACCEPT and scheme_of(d.code) in DECLARED]


def record_decision(store, settings, *, kind: str, app: str, code: str, reason: str = "", agent: str = "admin",
                    suggestion: Suggestion | None = None, when: dt.datetime | None = None) -> str:
    """Add one decision to the decisions graph and refresh the accepted-codes graph; returns its IRI."""
    if kind not in (ACCEPT, REJECT):
        raise ValueError(kind)
    when = when or dt.datetime.now(dt.UTC)
    stamp = when.isoformat()
    iri = settings.base_iri + "keputusan/" + hashlib.sha256(f"{kind}|{app}|{code}|{stamp}".encode()).hexdigest()[:16]
    g = ox.NamedNode(decision_graph(settings))
    d = ox.NamedNode(iri)
    quads = [
        ox.Quad(d, RDF_TYPE, _n("Keputusan"), g),
        ox.Quad(d, _n("jenisKeputusan"), ox.Literal(kind), g),
        ox.Quad(d, _n("tentang"), ox.NamedNode(app), g),
        ox.Quad(d, _n("kode"), ox.NamedNode(code), g),
        ox.Quad(d, ox.NamedNode(PROV + "wasAssociatedWith"), ox.NamedNode(f"{settings.base_iri}agen/{_slug(agent)}"), g),
        ox.Quad(d, ox.NamedNode(PROV + "endedAtTime"), ox.Literal(stamp, datatype=ox.NamedNode(XSD + "dateTime")), g),
    ]
    if reason:
        quads.append(ox.Quad(d, _n("alasan"), ox.Literal(reason, language="id"), g))
    if suggestion is not None:
        quads.append(ox.Quad(d, ox.NamedNode(PROV + "used"), ox.NamedNode(suggestion_iri(settings, suggestion)), g))
        quads.append(ox.Quad(d, _n("sidikBukti"), ox.Literal(evidence_hash(suggestion)), g))
    store.add_quads(quads)
    after_code_decision(store, settings, kind, [app], code)
    return iri


def after_code_decision(store, settings, kind: str, apps: Sequence[str], code: str) -> None:
    """Bring the derived graphs up to date after a code decision, whichever path recorded it
    (``spbe saran``, ``POST /saran/...`` or ``spbe decide`` / ``POST /decisions``): the accepted-codes
    graph is rebuilt from the decisions; a rejected code leaves the stored suggestions at once."""
    store.replace_graphs([accepted_graph(settings)], accepted_quads(read_decisions(store, settings), settings))
    if kind != REJECT:
        return
    sg = saran_graph(settings)
    for app in apps:
        store.update(f"""DELETE {{ GRAPH <{sg}> {{ ?s ?p ?o . <{app}> ?short <{code}> }} }}
WHERE {{ GRAPH <{sg}> {{ ?s <{SPBE}untukAplikasi> <{app}> ; <{SPBE}kode> <{code}> ; ?p ?o .
  OPTIONAL {{ <{app}> ?short <{code}> }} }} }}""")


def read_suggestions(store, settings, app: str | None = None, *, timeout_s: float | None = None) -> list[Suggestion]:
    """Stored suggestions (of one application, or all), by application, scheme and rank."""
    where = f"VALUES ?app {{ <{app}> }}" if app else ""
    q = sparql_prefixes() + f"""SELECT ?s ?app ?code ?skor ?rank ?m ?v (GROUP_CONCAT(?b; separator="\\u001f") AS ?bukti) WHERE {{
  {where}
  GRAPH <{saran_graph(settings)}> {{ ?s a spbe:SaranKode ; spbe:untukAplikasi ?app ; spbe:kode ?code ; spbe:skor ?skor ;
     spbe:peringkat ?rank ; spbe:metode ?m ; spbe:versiMetode ?v . OPTIONAL {{ ?s spbe:buktiTeks ?b }} }}
}} GROUP BY ?s ?app ?code ?skor ?rank ?m ?v"""
    out = []
    for r in store.query(q, timeout_s=timeout_s):
        code = r["code"].value
        ev = [x for x in (r["bukti"].value if r["bukti"] else "").split("\u001f") if x]
        out.append(Suggestion(r["app"].value, scheme_of(code), code, float(r["skor"].value), int(r["rank"].value),
                              sorted(ev), r["m"].value, r["v"].value))
    return sorted(out, key=lambda s: (s.app, s.scheme, s.rank))


def fetch_national_codes(store, *, timeout_s: float | None = None) -> dict[str, tuple[str, ...]]:
    """National application IRI -> its RAB/RAL codes (from the reference graph)."""
    q = sparql_prefixes() + """SELECT ?n ?k WHERE { ?n a spbe:AplikasiNasional .
      { ?n spbe:kodeRAB ?k } UNION { ?n spbe:kodeRAL ?k } }"""
    out: dict[str, set[str]] = {}
    for r in store.query(q, timeout_s=timeout_s):
        out.setdefault(r["n"].value, set()).add(r["k"].value)
    return {k: tuple(sorted(v)) for k, v in out.items()}
