"""Proof on real data: the Kabupaten Madiun census (../shared) and its OPD list."""

from __future__ import annotations

import csv

import pytest

from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.service.store.embedded import EmbeddedStore

MADIUN = "Pemerintah Kabupaten Madiun"
NAS = "https://w3id.org/spbe/id/aplikasi-nasional/"
SPBE = "https://w3id.org/spbe/ontology#"


@pytest.fixture
def madiun(madiun_csv, settings):
    return convert_files([madiun_csv], settings=settings, instansi=MADIUN)


def test_every_row_accounted_for(madiun, madiun_csv):
    with madiun_csv.open(encoding="utf-8") as f:
        n = sum(1 for _ in csv.DictReader(f))
    assert n == 186
    assert len(madiun.rows) == 186
    assert sorted(r.row for r in madiun.rows) == list(range(2, 188))  # header is row 1
    assert all(r.status in ("loaded", "skipped") for r in madiun.rows)
    assert madiun.ok
    s = madiun.files[0]
    assert (s.rows, s.loaded + s.skipped + s.errors) == (186, 186)


def test_placeholder_rows_reported_not_minted(madiun):
    skipped = [r for r in madiun.rows if r.status == "skipped"]
    assert skipped, "the census has placeholder rows"
    row5 = next(r for r in skipped if r.row == 5)
    assert row5.column == "B" and "tidak ada" in row5.reason and "isian pengganti" in row5.reason
    assert row5.resource is None
    names = {q.object.value for q in madiun.quads if q.predicate.value == SPBE + "nama"}
    assert "tidak ada" not in names
    assert not any("tidakada" in q.object.value for q in madiun.quads if q.predicate.value == SPBE + "url")


def _linked(result) -> dict[str, set[str]]:
    names = {q.subject.value: q.object.value for q in result.quads if q.predicate.value == SPBE + "nama"}
    out: dict[str, set[str]] = {}
    for q in result.quads:
        if q.predicate.value == SPBE + "merupakanAplikasiNasional":
            out.setdefault(q.object.value.removeprefix(NAS), set()).add(names[q.subject.value])
    return out


def test_national_variants_linked(madiun):
    linked = _linked(madiun)
    assert {"Srikandi", "SRIKANDI", "srikandi.arsip"} <= linked["srikandi"]
    assert {"SIPD", "SIPD RI", "SIPD Kemendagri"} <= linked["sipd"]
    assert {"SIASN", "My SAPK", "MyASN BKN", "ASN Digital"} <= linked["siasn"]
    # regional look-alikes stay unlinked
    all_linked = set().union(*linked.values())
    assert not {"SIDA", "SIMPEG", "Portal Satu Data Kabupaten Madiun", "WP-SIPD"} & all_linked


def test_oddities_are_warnings(madiun):
    row9 = next(r for r in madiun.rows if r.row == 9)
    assert row9.status == "loaded" and any("beberapa aplikasi" in w for w in row9.warnings)
    row7 = next(r for r in madiun.rows if r.row == 7)
    assert any("nama domain" in w for w in row7.warnings)


def test_loads_into_store_and_cells_are_traceable(madiun, settings):
    store = EmbeddedStore(None)
    load_into_store(store, madiun, settings=settings)
    g = madiun.graphs[0]
    # which cell holds the name of the SIDA record: row number + the sheet's column mapping
    rows = list(store.query(f"""
        PREFIX spbe: <{SPBE}>
        SELECT ?n ?letter ?header WHERE {{ GRAPH <{g}> {{
          ?app spbe:nama "SIDA" ; spbe:barisSumber ?row .
          ?row spbe:nomorBaris ?n ; spbe:lembar ?sheet .
          ?sheet spbe:pemetaanKolom ?m . ?m spbe:untukProperti spbe:nama ; spbe:hurufKolom ?letter ; spbe:kolom ?header .
        }} }}"""))
    assert [(int(r["n"].value), r["letter"].value, r["header"].value) for r in rows] == [(6, "B", "nama_aplikasi")]
    count = next(iter(store.query(f"PREFIX spbe: <{SPBE}> SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{g}> {{ ?a a spbe:Aplikasi }} }}")))
    assert int(count["c"].value) == 185
    # the national individuals the records link to are in the reference graph
    ask = store.query(f"ASK {{ ?a <{SPBE}merupakanAplikasiNasional> <{NAS}srikandi> . <{NAS}srikandi> a <{SPBE}AplikasiNasional> }}")
    assert bool(ask)


def test_opd_list_loads_as_units(settings, madiun_opd_csv, madiun_csv):
    r = convert_files([madiun_opd_csv], settings=settings, instansi=MADIUN)
    assert len(r.rows) == 61 and all(o.status == "loaded" for o in r.rows)
    units = {q.subject.value for q in r.quads
             if q.predicate.value.endswith("#type") and q.object.value == SPBE + "PerangkatDaerah"}
    assert len(units) == 61
    assert "https://data.example.go.id/spbe/opd/pemerintah-kabupaten-madiun/dinas-sosial" in units
    # the same unit named in the census resolves to the same IRI
    census = convert_files([madiun_csv], settings=settings, instansi="Kab. Madiun")
    census_units = {q.object.value for q in census.quads if q.predicate.value == SPBE + "opdPengelola"}
    assert "https://data.example.go.id/spbe/opd/pemerintah-kabupaten-madiun/dinas-sosial" in census_units
