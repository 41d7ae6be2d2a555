"""Duplicate findings as RDF (MODEL.md terms) in their own named graph, so they can be queried and published.

Shape of the graph ``B graph/temuan-duplikasi``::

    <B temuan/klaster/a-…> a spbe:KlasterDuplikasi ; spbe:jenisDuplikasi "satu-aplikasi-banyak-pencatat" ;
        spbe:anggota <app> … ; spbe:skor 0.95 ; spbe:targetKonsolidasi <app or nas:…> ;
        spbe:alasan "…"@id, "…"@en ; spbe:bukti [ a spbe:Bukti ; spbe:jenisBukti "host-url" ; spbe:nilaiBukti "…" ] ;
        spbe:rekomendasi <…/rekomendasi/1> .
    <…/rekomendasi/1> a spbe:Rekomendasi ; spbe:untukAnggota <app> ; spbe:disposisi "migrate" ; spbe:alasan "…"@id .
    <B temuan/kandidat/…> a spbe:KandidatDuplikasi ; spbe:anggotaA <a> ; spbe:anggotaB <b> ; spbe:skor 0.9 ;
        spbe:bukti <…/bukti/1> ; dcterms:isPartOf <cluster> .
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from spbe_kg.i18n import t
from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.settings import Settings

SPBE = PREFIXES["spbe"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
RDFS_COMMENT = ox.NamedNode(PREFIXES["rdfs"] + "comment")
IS_PART_OF = ox.NamedNode(PREFIXES["dcterms"] + "isPartOf")
XSD_DECIMAL = ox.NamedNode(PREFIXES["xsd"] + "decimal")


def _p(local: str) -> ox.NamedNode:
    return ox.NamedNode(SPBE + local)


def findings_graph(settings: Settings) -> str:
    return settings.base_iri + "graph/temuan-duplikasi"


def findings_quads(report, settings: Settings) -> list[ox.Quad]:
    g = ox.NamedNode(findings_graph(settings))
    base = settings.base_iri + "temuan/"
    out: list[ox.Quad] = []

    def add(s, p, o):
        out.append(ox.Quad(s, p, o, g))

    def dec(x: float) -> ox.Literal:
        return ox.Literal(f"{x:.4f}", datatype=XSD_DECIMAL)

    for c in report.clusters:
        cn = ox.NamedNode(base + "klaster/" + c.id)
        add(cn, RDF_TYPE, _p("KlasterDuplikasi"))
        add(cn, _p("jenisDuplikasi"), ox.Literal(c.kind))
        add(cn, RDFS_LABEL, ox.Literal(f"{c.recommendation.target_name} ({len(c.members)})"))
        add(cn, RDFS_COMMENT, ox.Literal(t("duplicates.label", "id"), language="id"))
        add(cn, RDFS_COMMENT, ox.Literal(t("duplicates.label", "en"), language="en"))
        add(cn, _p("skor"), dec(c.score))
        add(cn, _p("targetKonsolidasi"), ox.NamedNode(c.recommendation.target_iri))
        for lang, text in c.recommendation.rationale.items():
            add(cn, _p("alasan"), ox.Literal(text, language=lang))
        for k, m in enumerate(c.members, 1):
            app = ox.NamedNode(m.record.iri)
            add(cn, _p("anggota"), app)
            rn = ox.NamedNode(f"{cn.value}/rekomendasi/{k}")
            add(cn, _p("rekomendasi"), rn)
            add(rn, RDF_TYPE, _p("Rekomendasi"))
            add(rn, _p("untukAnggota"), app)
            add(rn, _p("disposisi"), ox.Literal(m.disposition))
            for lang, text in m.reason.items():
                add(rn, _p("alasan"), ox.Literal(text, language=lang))
        for kind, values in c.evidence.items():
            for v in values:
                bn = ox.NamedNode(f"{cn.value}/bukti/{hashlib.sha1((kind + v).encode()).hexdigest()[:10]}")
                add(cn, _p("bukti"), bn)
                add(bn, RDF_TYPE, _p("Bukti"))
                add(bn, _p("jenisBukti"), ox.Literal(kind))
                add(bn, _p("nilaiBukti"), ox.Literal(v))
        recs = report.records
        for p in c.pairs:
            a, b = recs[p.a].iri, recs[p.b].iri
            pn = ox.NamedNode(base + "kandidat/" + hashlib.sha1(f"{a}\n{b}".encode()).hexdigest()[:16])
            add(pn, RDF_TYPE, _p("KandidatDuplikasi"))
            add(pn, _p("anggotaA"), ox.NamedNode(a))
            add(pn, _p("anggotaB"), ox.NamedNode(b))
            add(pn, _p("skor"), dec(p.score))
            add(pn, IS_PART_OF, cn)
            for n, e in enumerate(p.evidence, 1):
                en = ox.NamedNode(f"{pn.value}/bukti/{n}")
                add(pn, _p("bukti"), en)
                add(en, RDF_TYPE, _p("Bukti"))
                add(en, _p("jenisBukti"), ox.Literal(e.kind))
                add(en, _p("nilaiBukti"), ox.Literal(e.value))
                add(en, _p("skor"), dec(e.contribution))
    return out


def write_findings(store, report, settings: Settings) -> int:
    """Atomically replace the findings graph with this report's findings; returns the number of quads."""
    quads = findings_quads(report, settings)
    store.replace_graphs([findings_graph(settings)], quads)
    return len(quads)
