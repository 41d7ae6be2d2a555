"""The decision store: architects' decisions as RDF with PROV in their own graph ``<base>graph/keputusan``.

One generic API for every kind of decision (clusters and roadmap edits here; code suggestions of
issue 10 use the same ``record``/``load``), following the shared contract (docs/roadmap.md)::

    <B keputusan/{16 hex}> a spbe:Keputusan ; spbe:jenisKeputusan "tolak-pasangan" ;
        spbe:tentang <app a>, <app b> ; spbe:alasan "..."@id ;
        prov:wasAssociatedWith <B agen/admin> ; prov:endedAtTime "2026-12-02T21:00:00Z"^^xsd:dateTime ;
        prov:used <B temuan/kandidat/...> ; spbe:sidikBukti "sha256 of the evidence" ;
        spbe:ringkasanBukti "a|b|host-url=simpeg.x.go.id" .

Decisions are only ever added (a re-load or re-run never deletes them); the latest decision per
(kind family, subject set[, code or roadmap item]) wins.

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> from spbe_kg.settings import Settings
>>> import datetime as dt
>>> st, s = EmbeddedStore(None), Settings()
>>> d = record(st, s, "tolak-pasangan", ["http://x/b", "http://x/a"], reason="beda aplikasi",
...            evidence_lines=["http://x/a|http://x/b|nama=simpeg"], now=dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc))
>>> d.iri.startswith("https://w3id.org/spbe/id/keputusan/"), d.subjects
(True, ('http://x/a', 'http://x/b'))
>>> [x.kind for x in load(st, s)], load(st, s)[0].evidence_lines
(['tolak-pasangan'], ('http://x/a|http://x/b|nama=simpeg',))
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from spbe_kg.ontology.iris import slug
from spbe_kg.ontology.namespaces import PREFIXES

from .messages import KINDS, DecisionError

SPBE = PREFIXES["spbe"]
PROV = PREFIXES["prov"]
XSD = PREFIXES["xsd"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")

#: Family of each kind: the latest decision per (family, subjects, key) wins.
FAMILY = {
    "konfirmasi-klaster": "klaster", "tolak-klaster": "klaster", "tolak-pasangan": "pasangan",
    "pisah-klaster": "pisah", "gabung-klaster": "gabung", "ubah-target": "target", "ubah-disposisi": "disposisi",
    "ubah-rencana": "rencana", "terima-kode": "kode", "tolak-kode": "kode",
}
#: Payload properties (local names under spbe:) and how their values are written.
VALUE_PROPS = {
    "targetKonsolidasi": "iri", "disposisi": "str", "jenisDuplikasi": "str", "idKlaster": "str",
    "dipisahDari": "iri", "tahunTarget": "year", "opdPenanggungJawab": "iri", "statusRencana": "str",
    "butirRencana": "str",
}


def _p(local: str) -> ox.NamedNode:
    return ox.NamedNode(SPBE + local)


def decisions_graph(settings) -> str:
    return settings.base_iri + "graph/keputusan"


def agent_iri(settings, name: str | None) -> str:
    return settings.base_iri + "agen/" + (slug(name) if name and name != "admin" else "admin")


def hash_evidence(lines: Iterable[str]) -> str:
    """sha256 of the sorted evidence lines (the fingerprint that tells a changed evidence)."""
    return hashlib.sha256("\n".join(sorted(set(lines))).encode()).hexdigest()


@dataclass(frozen=True)
class Decision:
    iri: str
    kind: str
    subjects: tuple[str, ...]
    agent: str
    time: dt.datetime
    reason: str | None = None
    evidence: tuple[str, ...] = ()          # prov:used IRIs
    evidence_hash: str | None = None
    evidence_lines: tuple[str, ...] = ()
    code: str | None = None
    values: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def family(self) -> str:
        return FAMILY.get(self.kind, self.kind)

    @property
    def key(self) -> tuple:
        extra = self.code or self.value("butirRencana") or (
            self.value("idKlaster") if self.family in ("target", "disposisi") else None)
        return (self.family, self.subjects, extra)

    def value(self, name: str) -> str | None:
        v = self.values.get(name)
        return v[0] if v else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def decision_quads(settings, kind: str, subjects: Sequence[str], *, agent: str | None = "admin",
                   reason: str | None = None, reason_lang: str = "id", evidence: Sequence[str] = (),
                   evidence_hash: str | None = None, evidence_lines: Sequence[str] = (), code: str | None = None,
                   values: dict[str, str | Sequence[str]] | None = None,
                   now: dt.datetime | None = None) -> tuple[Decision, list[ox.Quad]]:
    """The decision and its quads, without writing anything (``record`` writes them)."""
    if kind not in KINDS:
        raise DecisionError("unknown-kind", kind=kind)
    subs = tuple(sorted(set(subjects)))
    when = (now or _now()).astimezone(dt.UTC)
    stamp = when.isoformat().replace("+00:00", "Z")
    iri = settings.base_iri + "keputusan/" + hashlib.sha256(f"{kind}|{' '.join(subs)}|{stamp}".encode()).hexdigest()[:16]
    lines = tuple(sorted(set(evidence_lines)))
    ehash = evidence_hash or (hash_evidence(lines) if lines else None)
    g = ox.NamedNode(decisions_graph(settings))
    n = ox.NamedNode(iri)
    ag = ox.NamedNode(agent_iri(settings, agent))
    q = [ox.Quad(n, RDF_TYPE, _p("Keputusan"), g), ox.Quad(n, _p("jenisKeputusan"), ox.Literal(kind), g),
         ox.Quad(n, ox.NamedNode(PROV + "wasAssociatedWith"), ag, g),
         ox.Quad(ag, RDF_TYPE, ox.NamedNode(PROV + "Agent"), g),
         ox.Quad(ag, RDFS_LABEL, ox.Literal(agent or "admin"), g),
         ox.Quad(n, ox.NamedNode(PROV + "endedAtTime"), ox.Literal(stamp, datatype=ox.NamedNode(XSD + "dateTime")), g)]
    q += [ox.Quad(n, _p("tentang"), ox.NamedNode(s), g) for s in subs]
    if reason:
        q.append(ox.Quad(n, _p("alasan"), ox.Literal(reason, language=reason_lang), g))
    q += [ox.Quad(n, ox.NamedNode(PROV + "used"), ox.NamedNode(e), g) for e in evidence]
    if ehash:
        q.append(ox.Quad(n, _p("sidikBukti"), ox.Literal(ehash), g))
    q += [ox.Quad(n, _p("ringkasanBukti"), ox.Literal(line), g) for line in lines]
    if code:
        q.append(ox.Quad(n, _p("kode"), ox.NamedNode(code), g))
    vals: dict[str, tuple[str, ...]] = {}
    for name, v in (values or {}).items():
        if v is None:
            continue
        seq = (v,) if isinstance(v, str) or isinstance(v, int) else tuple(v)
        vals[name] = tuple(str(x) for x in seq)
        for x in vals[name]:
            typ = VALUE_PROPS[name]
            obj = (ox.NamedNode(x) if typ == "iri" else
                   ox.Literal(x, datatype=ox.NamedNode(XSD + "gYear")) if typ == "year" else ox.Literal(x))
            q.append(ox.Quad(n, _p(name), obj, g))
    d = Decision(iri, kind, subs, agent or "admin", when, reason, tuple(evidence), ehash, lines, code, vals)
    return d, q


def record(store, settings, kind: str, subjects: Sequence[str], **kw) -> Decision:
    """Add one decision to the decisions graph (one transaction); returns it.

    Keywords: ``agent`` (token name; "admin"), ``reason``, ``reason_lang``, ``evidence`` (IRIs decided on),
    ``evidence_hash`` (given) or ``evidence_lines`` (hashed here), ``code`` (a reference concept),
    ``values`` (payload: keys of :data:`VALUE_PROPS`), ``now``.
    """
    d, quads = decision_quads(settings, kind, subjects, **kw)
    store.add_quads(quads)
    return d


def _sparql(settings) -> str:
    return f"""SELECT ?d ?p ?o WHERE {{ GRAPH <{decisions_graph(settings)}> {{
        ?d a <{SPBE}Keputusan> ; ?p ?o }} }}"""


def load(store, settings, kinds: Iterable[str] | None = None) -> list[Decision]:
    """Every decision of the graph (oldest first); ``kinds`` narrows to those kinds."""
    if not store.has_graph(decisions_graph(settings)):
        return []
    rows: dict[str, dict[str, list]] = {}
    for sol in store.query(_sparql(settings)):
        d, p, o = sol["d"].value, sol["p"].value, sol["o"]
        rows.setdefault(d, {}).setdefault(p, []).append(o)
    agents: dict[str, str] = {}
    for sol in store.query(f"""SELECT ?a ?l WHERE {{ GRAPH <{decisions_graph(settings)}> {{
            ?a a <{PROV}Agent> ; <{PREFIXES['rdfs']}label> ?l }} }}"""):
        agents[sol["a"].value] = sol["l"].value
    want = set(kinds) if kinds else None
    out = []
    for iri, props in rows.items():
        def one(local, ns=SPBE, props=props):
            v = props.get(ns + local)
            return v[0].value if v else None

        kind = one("jenisKeputusan")
        if kind is None or (want and kind not in want):
            continue
        ag = one("wasAssociatedWith", PROV)
        vals = {name: tuple(sorted(x.value for x in props[SPBE + name])) for name in VALUE_PROPS if SPBE + name in props}
        out.append(Decision(
            iri, kind, tuple(sorted(x.value for x in props.get(SPBE + "tentang", []))), agents.get(ag, ag or "?"),
            dt.datetime.fromisoformat(one("endedAtTime", PROV).replace("Z", "+00:00")), one("alasan"),
            tuple(sorted(x.value for x in props.get(PROV + "used", []))), one("sidikBukti"),
            tuple(sorted(x.value for x in props.get(SPBE + "ringkasanBukti", []))), one("kode"), vals))
    out.sort(key=lambda d: (d.time, d.iri))
    return out


def latest(decisions: Iterable[Decision]) -> dict[tuple, Decision]:
    """The decision in force per (family, subjects, key): the latest one."""
    out: dict[tuple, Decision] = {}
    for d in sorted(decisions, key=lambda d: (d.time, d.iri)):
        out[d.key] = d
    return out
