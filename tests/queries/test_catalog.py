"""The named SPARQL queries: headers, parameters, and their results pinned on the example inventory.

Where a result can be recomputed independently (from the records read by ``fetch_records`` in Python),
the test does so; the remaining figures are pinned on the deterministic example (examples/sumut, fixed seed).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from spbe_kg.queries.catalog import QUERY_DIR, get_query, parse_query, sparql_term
from spbe_kg.queries.records import fetch_records
from spbe_kg.service.store.embedded import EmbeddedStore

NAMES = {
    "fungsi-rab-sama", "jumlah-per-kode", "jumlah-per-opd", "jumlah-per-pemda", "khusus-tumpang-tindih-umum",
    "layanan-sama-kelompok", "layanan-sama-pasangan", "nasional-dicatat-lokal", "peta-kode-pemda",
    "tanpa-pemetaan-layanan", "temuan-duplikasi",
}


def run(store, name, **params):
    return list(store.query(get_query(name).bind(params)))


def val(row, var):
    t = row[var]
    return None if t is None else t.value


def test_every_file_has_a_complete_header():
    files = sorted(QUERY_DIR.glob("*.rq"))
    assert {p.stem for p in files} == NAMES
    for p in files:
        q = parse_query(p.read_text(encoding="utf-8"), p)
        assert q.name == p.stem
        assert q.title_id and q.title_en and q.title_id != q.title_en
        assert all(par.default is not None and par.description for par in q.params), q.name


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_query_runs_on_an_empty_store(name):
    assert run(EmbeddedStore(None), name) == []


def test_header_without_title_is_refused():
    with pytest.raises(ValueError, match="title"):
        parse_query("# id: x\n# judul: y\nSELECT * WHERE { ?s ?p ?o }", Path("x.rq"))


def test_bind_rejects_unknown_params_and_quotes_values():
    q = get_query("layanan-sama-pasangan")
    with pytest.raises(ValueError):
        q.bind({"nope": "1"})
    assert sparql_term('RAL"; DROP') == '"RAL\\"; DROP"'
    assert sparql_term("<https://w3id.org/spbe/ref/RAL.02>") == "<https://w3id.org/spbe/ref/RAL.02>"
    assert sparql_term("3") == "3"


@pytest.fixture(scope="module")
def records(sumut_store):
    return fetch_records(sumut_store)


def _code(iri):
    return iri.rsplit("/", 1)[-1]


def test_pairs_same_ral_match_an_independent_count(sumut_store, records):
    expected = set()
    by_code: dict[str, list] = {}
    for r in records:
        for c in r.ral:
            by_code.setdefault(_code(c), []).append(r)
    for code, rs in by_code.items():
        for a, b in combinations(sorted(rs, key=lambda r: r.iri), 2):
            if a.opd and b.opd and a.opd != b.opd:
                expected.add((code, a.iri, b.iri))
    rows = run(sumut_store, "layanan-sama-pasangan")
    got = {(val(s, "kode"), val(s, "app1"), val(s, "app2")) for s in rows}
    assert got == expected and len(rows) == len(got)
    assert len(got) == 2414  # pinned on the example
    narrowed = run(sumut_store, "layanan-sama-pasangan", awalan="RAL.02.04.06")
    assert narrowed and all(val(s, "kode").startswith("RAL.02.04.06") for s in narrowed)


def test_grouped_same_service(sumut_store):
    rows = run(sumut_store, "layanan-sama-kelompok")
    assert len(rows) == 37
    assert all(int(val(s, "jumlahOpd")) >= 2 for s in rows)
    top = rows[0]
    assert (val(top, "kode"), int(val(top, "jumlahOpd")), int(val(top, "jumlahPemda"))) == ("RAL.01.44.02", 36, 7)
    assert len(run(sumut_store, "layanan-sama-kelompok", minOpd="20")) < len(rows)


def test_same_rab_function(sumut_store):
    rows = run(sumut_store, "fungsi-rab-sama")
    assert len(rows) == 35
    kearsipan = [s for s in rows if val(s, "kode") == "RAB.09.06.06"][0]
    assert "SRIKANDI" in val(kearsipan, "aplikasi") and "eOffice" in val(kearsipan, "aplikasi")


def test_khusus_overlapping_umum(sumut_store, records):
    rows = run(sumut_store, "khusus-tumpang-tindih-umum")
    assert len(rows) == 35
    jenis = {r.iri: r.jenis for r in records}
    assert all(jenis[val(s, "app")].endswith("RAA.02") for s in rows)
    assert any(val(s, "namaUmum") == "SRIKANDI" and "office" in val(s, "nama").lower() for s in rows)


def test_national_recorded_as_local(sumut_store, records):
    rows = run(sumut_store, "nasional-dicatat-lokal")
    assert len(rows) == 26
    counts = Counter(n for r in records for n in r.national)
    for s in rows:
        assert int(val(s, "jumlahCatatan")) == counts[val(s, "nasional")]
    assert val(rows[0], "nasional").endswith("/srikandi") and int(val(rows[0], "jumlahCatatan")) == 20


def test_no_service_mapping_matches_records(sumut_store, records):
    got = {val(s, "app") for s in run(sumut_store, "tanpa-pemetaan-layanan")}
    assert got == {r.iri for r in records if not r.ral and not r.rab}
    assert len(got) == 6


def test_counts_per_pemda_opd_code(sumut_store, records):
    per_pemda = run(sumut_store, "jumlah-per-pemda")
    assert len(per_pemda) == 7
    assert sum(int(val(s, "jumlahAplikasi")) for s in per_pemda) == len(records)
    per_opd = run(sumut_store, "jumlah-per-opd")
    assert sum(int(val(s, "jumlahAplikasi")) for s in per_opd) == sum(1 for r in records if r.opd)
    per_code = run(sumut_store, "jumlah-per-kode")
    assert len(per_code) == 118
    ral = Counter(_code(c) for r in records for c in r.ral)
    for s in per_code:
        if val(s, "kode").startswith("RAL"):
            assert int(val(s, "jumlahAplikasi")) == ral[val(s, "kode")]
    heat = run(sumut_store, "peta-kode-pemda")
    assert sum(int(val(s, "jumlah")) for s in heat) == sum(ral.values())
