"""The SKOS code lists: counts match the sources, the hierarchy is sound, RAL/RAD link to RAB."""

from __future__ import annotations

import csv

import pytest

from spbe_kg.ontology.build_codelists import SOURCES_DIR
from spbe_kg.ontology.codes import known_codes

COUNTS = {  # scheme -> {level: count}, as the reference README states
    "RAB": {1: 9, 2: 45, 3: 304},
    "RAL": {1: 2, 2: 53, 3: 302},
    "RAD": {1: 10, 2: 49},
    "RAA": {1: 2, 2: 4},
    "RAI": {1: 3},
    "RAK": {1: 3},
}


@pytest.mark.parametrize("scheme", sorted(COUNTS))
def test_counts_per_level(ask, scheme):
    rows = ask(f"""SELECT ?level (COUNT(?c) AS ?n) WHERE {{
        ?c a skos:Concept ; skos:inScheme ref:{scheme} ; spbe:level ?level }} GROUP BY ?level""")
    assert {int(r["level"]): int(r["n"]) for r in rows} == COUNTS[scheme]


@pytest.mark.parametrize("scheme,file", [("RAB", "spbe_rab_l1-l3.csv"), ("RAL", "spbe_ral_l1-l3.csv"),
                                         ("RAD", "spbe_rad_l1-l2.csv"), ("RAA", "spbe_raa_l1-l2.csv")])
def test_every_source_row_is_a_concept_with_its_label(scheme, file):
    path = SOURCES_DIR / file
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    codes = known_codes(scheme)
    assert len(codes) == len(rows)
    for r in rows:
        assert codes[r["kode"]] == (r["nama"], int(r["level"]), r["kode_induk"] or None)


def test_every_non_top_concept_has_one_broader_in_its_scheme_equal_to_code_minus_last_segment(ask):
    rows = ask("""SELECT ?c ?n ?level (COUNT(DISTINCT ?b) AS ?nb) (SAMPLE(?bn) AS ?bnote) (SAMPLE(?bs) AS ?bscheme)
                         (SAMPLE(?s) AS ?scheme) WHERE {
        ?c a skos:Concept ; skos:notation ?n ; spbe:level ?level ; skos:inScheme ?s .
        FILTER(?level > 1)
        OPTIONAL { ?c skos:broader ?b . OPTIONAL { ?b skos:notation ?bn } OPTIONAL { ?b skos:inScheme ?bs } }
    } GROUP BY ?c ?n ?level""")
    assert len(rows) > 700
    for r in rows:
        assert int(r["nb"]) == 1, r
        assert r["bnote"] == r["n"].rsplit(".", 1)[0], r
        assert r["bscheme"] == r["scheme"], r


def test_narrower_is_exactly_the_inverse_of_broader(ask):
    missing = ask("SELECT ?c ?b WHERE { ?c skos:broader ?b FILTER NOT EXISTS { ?b skos:narrower ?c } }")
    extra = ask("SELECT ?c ?b WHERE { ?b skos:narrower ?c FILTER NOT EXISTS { ?c skos:broader ?b } }")
    assert missing == [] and extra == []


def test_top_concepts_are_exactly_level_one(ask):
    wrong = ask("""SELECT ?c WHERE { ?c skos:topConceptOf ?s ; spbe:level ?l FILTER(?l != 1) }""")
    assert wrong == []
    level1_without = ask("""SELECT ?c WHERE { ?c spbe:level 1 ; skos:inScheme ?s
        FILTER NOT EXISTS { ?c skos:topConceptOf ?s . ?s skos:hasTopConcept ?c } }""")
    assert level1_without == []


def test_code_list_concepts_have_notation_label_and_scheme(ask):
    bad = ask("""SELECT ?c WHERE { ?c a skos:Concept FILTER(STRSTARTS(STR(?c), STR(ref:)))
        FILTER NOT EXISTS { ?c skos:notation ?n ; skos:prefLabel ?l ; skos:inScheme ?s . ?s a skos:ConceptScheme } }""")
    assert bad == []
    iri_mismatch = ask("""SELECT ?c ?n WHERE { ?c spbe:level ?l ; skos:notation ?n
        FILTER(STR(?c) != CONCAT(STR(ref:), ?n)) }""")
    assert iri_mismatch == []


def test_every_level3_ral_links_to_a_level3_rab_concept(ask):
    rows = ask("""SELECT ?c ?rab ?rl WHERE { ?c skos:inScheme ref:RAL ; spbe:level 3 .
        OPTIONAL { ?c spbe:padananRAB ?rab . OPTIONAL { ?rab skos:inScheme ?rs ; spbe:level ?rl } } }""")
    assert len(rows) == 302
    for r in rows:
        assert r["rab"] and r["rl"] == "3", r
        assert r["rab"].startswith("https://w3id.org/spbe/ref/RAB."), r


def test_ral_level3_twin_has_the_same_function_name(ask):
    rows = ask("""SELECT ?a ?b WHERE { ?c skos:inScheme ref:RAL ; spbe:level 3 ; skos:prefLabel ?a ;
        spbe:padananRAB/skos:prefLabel ?b }""")
    same = sum(r["a"] == r["b"] for r in rows)
    assert same / len(rows) > 0.95


def test_rad_links_point_at_existing_rab_concepts_of_the_same_level(ask):
    rows = ask("""SELECT ?c ?l ?rl WHERE { ?c skos:inScheme ref:RAD ; spbe:level ?l ; spbe:padananRAB ?r .
        OPTIONAL { ?r spbe:level ?rl } }""")
    assert len(rows) == 54
    assert all(r["rl"] == r["l"] for r in rows)


def test_schemes_record_source_version_and_replacement_note(ask):
    rows = ask("""SELECT ?s (COUNT(DISTINCT ?src) AS ?n) (SAMPLE(?v) AS ?ver) (SAMPLE(?note) AS ?en) WHERE {
        VALUES ?s { ref:RAB ref:RAL ref:RAD ref:RAA ref:RAI ref:RAK }
        ?s a skos:ConceptScheme ; dcterms:source ?src ; owl:versionInfo ?v ; dcterms:issued ?i ;
           skos:editorialNote ?note FILTER(LANG(?note) = "en") } GROUP BY ?s""")
    assert len(rows) == 6
    for r in rows:
        assert int(r["n"]) >= 3 and "sha256:" in r["ver"] and "make ontology" in r["en"]
    perpres = ask("SELECT ?s WHERE { ?s dcterms:source ?x FILTER(CONTAINS(?x, 'Perpres') || CONTAINS(?x, '132 Tahun 2022')) }")
    assert len(perpres) == 6


def test_enumerations_match_the_contract(ask):
    rows = ask("""SELECT ?s ?v WHERE { ?c skos:inScheme ?s ; skos:notation ?v ; skos:prefLabel ?lid, ?len
        FILTER(LANG(?lid) = "id" && LANG(?len) = "en") FILTER(!CONTAINS(STR(?c), "RA")) }""")
    got: dict[str, set[str]] = {}
    for r in rows:
        got.setdefault(r["s"].rsplit("/", 1)[-1], set()).add(r["v"])
    got.pop("fungsi-aplikasi", None)  # the lexicon's application jobs (leksikon.ttl), not an enumeration
    assert got["status-aplikasi"] == {"aktif", "tidak-aktif"}
    assert got["penetapan-umum"] == {"ditetapkan", "diklaim", "tidak-terverifikasi", "bukan-umum"}
    assert got["hosting"] == {"pdn", "server-sendiri", "cloud", "pihak-ketiga"}
    assert got["cakupan-pengguna"] == {"seluruh-perangkat-daerah", "seluruh-kecamatan", "seluruh-desa-kelurahan",
                                       "seluruh-asn"}  # issue 11: "all units" is a scope, not a unit
    assert set(got) == {"status-aplikasi", "basis-aplikasi", "tipe-lisensi", "lingkup-aplikasi", "hosting",
                        "target-layanan", "metode-layanan", "penetapan-umum", "jenis-integrasi", "cakupan-pengguna"}
