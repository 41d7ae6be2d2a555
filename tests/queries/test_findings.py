"""Findings written back as RDF into their own named graph, queryable by SPARQL, replaced on each run."""

from __future__ import annotations

import pytest

from spbe_kg.queries.catalog import get_query
from spbe_kg.queries.duplicates import analyse
from spbe_kg.queries.findings_rdf import findings_graph, write_findings
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

P = "PREFIX spbe: <https://w3id.org/spbe/ontology#>\n"


@pytest.fixture(scope="module")
def store_with_findings(sumut_store):
    # a private copy: the session store stays without findings for the other tests
    copy = EmbeddedStore(None)
    copy.add_quads(sumut_store.raw.quads_for_pattern(None, None, None, None))
    settings = Settings()
    report = analyse(copy, settings)
    n = write_findings(copy, report, settings)
    return copy, report, n, settings


def test_findings_graph_holds_every_cluster(store_with_findings):
    store, report, n, settings = store_with_findings
    assert findings_graph(settings) in store.named_graphs()
    q = P + f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH <{findings_graph(settings)}> {{ ?c a spbe:KlasterDuplikasi }} }}"
    assert int(next(iter(store.query(q)))["n"].value) == len(report.clusters)
    rows = list(store.query(get_query("temuan-duplikasi").bind()))
    assert len(rows) == len(report.clusters)
    kinds = {r["jenisDuplikasi"].value for r in rows}
    assert kinds == {"satu-aplikasi-banyak-pencatat", "aplikasi-berbeda-fungsi-sama"}
    only = list(store.query(get_query("temuan-duplikasi").bind({"jenis": "aplikasi-berbeda-fungsi-sama"})))
    assert 0 < len(only) < len(rows)


def test_every_member_has_a_labelled_recommendation(store_with_findings):
    store, report, _, _ = store_with_findings
    q = P + """SELECT ?c ?app ?d WHERE { ?c a spbe:KlasterDuplikasi ; spbe:anggota ?app .
        OPTIONAL { ?c spbe:rekomendasi ?r . ?r spbe:untukAnggota ?app ; spbe:disposisi ?d } }"""
    rows = list(store.query(q))
    assert rows and all(r["d"] is not None for r in rows)
    assert {r["d"].value for r in rows} <= {"tolerate", "invest", "migrate", "eliminate"}
    q2 = P + """SELECT ?c WHERE { ?c a spbe:KlasterDuplikasi .
        FILTER NOT EXISTS { ?c spbe:targetKonsolidasi ?t ; spbe:alasan ?a ; <http://www.w3.org/2000/01/rdf-schema#comment> ?lbl } }"""
    assert list(store.query(q2)) == []


def test_pairs_carry_scored_evidence(store_with_findings):
    store, _, _, _ = store_with_findings
    q = P + """SELECT ?k (COUNT(*) AS ?n) WHERE { ?p a spbe:KandidatDuplikasi ; spbe:anggotaA ?a ; spbe:anggotaB ?b ;
        spbe:skor ?s ; spbe:bukti ?e . ?e spbe:jenisBukti ?k ; spbe:nilaiBukti ?v } GROUP BY ?k"""
    kinds = {r["k"].value for r in store.query(q)}
    assert {"nama", "host-url", "aplikasi-nasional", "deskripsi", "kode-ral"} <= kinds


def test_rewriting_replaces_not_duplicates(store_with_findings):
    store, report, n, settings = store_with_findings
    before = store.triple_count()
    assert write_findings(store, report, settings) == n
    assert store.triple_count() == before
