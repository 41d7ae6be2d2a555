"""The national applications: designations, hosts, aliases, agencies and codes."""

from __future__ import annotations

import csv

import pytest

from spbe_kg.ontology.build_codelists import SOURCES_DIR
from spbe_kg.ontology.build_national import designation, hosts_of
from spbe_kg.ontology.codes import known_codes
from spbe_kg.ontology.national import NationalApp, national_apps


@pytest.fixture(scope="module")
def apps() -> dict[str, NationalApp]:
    return {a.name: a for a in national_apps()}


def test_one_app_per_csv_row(apps):
    rows = list(csv.DictReader((SOURCES_DIR / "aplikasi_nasional_dipakai_pemda.csv").open(encoding="utf-8")))
    assert len(apps) == len(rows) == 28
    assert len({a.iri for a in apps.values()}) == 28


def test_srikandi_is_the_one_designated_common_application(apps):
    s = apps["SRIKANDI"]
    assert s.iri == "https://w3id.org/spbe/id/aplikasi-nasional/srikandi"
    assert (s.designation, s.is_umum) == ("ditetapkan", True)
    assert [a.name for a in apps.values() if a.designation == "ditetapkan"] == ["SRIKANDI"]
    assert s.agency == "ANRI" and s.agency_iri == "https://w3id.org/spbe/id/instansi/anri"
    assert s.long_name == "Sistem Informasi Kearsipan Dinamis Terintegrasi"
    assert {"srikandi.arsip.go.id", "srikandi.layanan.go.id"} <= set(s.hosts)
    assert "srikandi.arsip" in s.aliases


def test_umum_exactly_when_designated_or_claimed(apps):
    for a in apps.values():
        assert a.is_umum == (a.designation in ("ditetapkan", "diklaim")), a.name
    assert {a.name for a in apps.values() if a.designation == "diklaim"} == {"SP4N-LAPOR!", "SPSE", "SIASN", "SIPD"}
    assert apps["SPLP"].designation == "bukan-umum"  # infrastructure, not an application
    assert apps["SIKS-NG"].designation == "bukan-umum"


def test_hosts_from_several_urls_and_none_for_dash(apps):
    assert set(apps["E-Katalog"].hosts) == {"e-katalog.lkpp.go.id", "katalog.inaproc.id"}
    assert apps["Siskeudes"].hosts == ()
    for a in apps.values():
        for h in a.hosts:
            assert h == h.lower() and "/" not in h and " " not in h


def test_known_name_variants(apps):
    assert {"MyASN", "My SAPK", "ASN Digital"} <= set(apps["SIASN"].aliases)
    assert "asndigital.bkn.go.id" in apps["SIASN"].hosts
    assert {"SIPD RI", "SIPD-RI", "SIPD Kemendagri"} <= set(apps["SIPD"].aliases)
    assert "LPSE" in apps["SPSE"].aliases and "INAPROC" in apps["E-Katalog"].aliases
    assert "SIKS_NG" in apps["SIKS-NG"].aliases and "OSS" in apps["OSS-RBA"].aliases


def test_codes_are_real_and_rab_is_the_ral_twin(apps):
    ral, rab = known_codes("RAL"), known_codes("RAB")
    for a in apps.values():
        assert a.ral_codes, a.name
        assert all(c in ral and ral[c][1] == 3 for c in a.ral_codes), a.name
        assert all(c in rab and rab[c][1] == 3 for c in a.rab_codes), a.name
    assert apps["SRIKANDI"].ral_codes == ("RAL.02.04.06",) and apps["SRIKANDI"].rab_codes == ("RAB.09.06.06",)
    assert apps["SPSE"].ral_codes == ("RAL.02.02.11",)
    assert ral["RAL.02.02.11"][0] == "Pengadaan Barang/Jasa Pemerintah"


def test_agencies_are_typed_central_agencies(ask):
    rows = ask("SELECT DISTINCT ?i ?t WHERE { ?a spbe:instansiPengelola ?i . OPTIONAL { ?i a ?t } }")
    assert rows and all(r["t"].endswith("#KementerianLembaga") for r in rows)
    assert all(r["i"].startswith("https://w3id.org/spbe/id/instansi/") for r in rows)


def test_every_app_records_designation_reason_legal_basis_where_known(ask):
    rows = ask("SELECT ?a WHERE { ?a a spbe:AplikasiNasional FILTER NOT EXISTS { ?a spbe:alasan ?r ; spbe:penetapanUmum ?p } }")
    assert rows == []
    srikandi = ask("SELECT ?d WHERE { nas:srikandi spbe:dasarHukum ?d }")
    assert {"KepmenPANRB No. 679 Tahun 2020"} <= {r["d"] for r in srikandi}


@pytest.mark.parametrize("kategori,status,expected", [
    ("Aplikasi Umum (ditetapkan)", "VERIFIED designation", "ditetapkan"),
    ("Aplikasi Umum (ditetapkan)", "UNVERIFIED", "tidak-terverifikasi"),
    ("Aplikasi Umum (dinyatakan oleh sumber pihak ketiga)", "PARTIAL", "diklaim"),
    ("Kandidat/klaim Aplikasi Umum", "UNVERIFIED as formal Aplikasi Umum", "diklaim"),
    ("Aplikasi Khusus K/L", "usage observed", "bukan-umum"),
    ("Infrastruktur SPBE nasional (bukan aplikasi)", "PARTIAL", "bukan-umum"),
    ("Aplikasi nasional K/L dipakai pemda", "usage observed", "tidak-terverifikasi"),
])
def test_designation_rule(kategori, status, expected):
    assert designation(kategori, status) == expected


def test_hosts_of_handles_bare_hosts_and_paths():
    assert hosts_of("srikandi.arsip.go.id/beranda ; HTTPS://WWW.Lapor.go.id/x") == ["srikandi.arsip.go.id",
                                                                                 "www.lapor.go.id"]
    assert hosts_of("-") == [] and hosts_of("") == []
