"""Issue 10 quality, the generic failure modes one by one, on synthetic names invented for the test (no
inventory row): each mechanism that makes the duplicate finder generalise has a case that fails without it.

The national applications come from the real reference graph (ontology/aplikasi-nasional.ttl) in a real
in-memory pyoxigraph store.
"""

from __future__ import annotations

import pytest

from spbe_kg.queries.duplicates import analyse_records
from spbe_kg.queries.features import prepare
from spbe_kg.queries.normalize import head_key, name_keys, name_urls
from spbe_kg.queries.part_of import part_of_links
from spbe_kg.queries.records import AppRecord
from spbe_kg.settings import Settings

from .synthetic import P2, SAME_APP, SAME_JOB, national_refs, rec


@pytest.fixture(scope="module")
def nationals():
    return national_refs()


def clusters(records, nationals, kind, settings=None):
    rep = analyse_records(records, nationals, settings or Settings())
    return [sorted(m.record.row for m in c.members) for c in rep.clusters if c.kind == kind], rep


# --- modules recorded apart -----------------------------------------------------------------------


def test_module_said_to_be_part_of_another_record_is_one_application(nationals):
    recs = [rec(1, "simantap.alfakab.go.id", "BKD", description="data pegawai, cuti, kenaikan pangkat"),
            rec(2, "SIKEPANG", "BKD", description="Aplikasi kenaikan pangkat. Bagian dari Simantap milik BKD"),
            rec(3, "Arsip PNS", "BKD", description="Arsip dokumen pegawai, modul dari SIMANTAP")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2, 3]]


def test_a_plug_in_supporting_another_system_is_not_part_of_it(nationals):
    recs = [rec(1, "SIMANTAP", "BKD", description="data pegawai"),
            rec(2, "Plugin Simantap", "Diskominfo", description="Aplikasi pendukung dari SIMANTAP untuk laporan")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == []


def test_part_of_needs_the_same_pemda(nationals):
    recs = [rec(1, "SIMANTAP", "BKD"),
            rec(2, "SIKEPANG", "BKD", pemda=P2, pemda_name="Pemerintah Kota Beta", description="Bagian dari SIMANTAP")]
    assert part_of_links(prepare(recs, [], shared_hosts=())) == []


def test_records_naming_each_other_inside_one_opd_are_one_application(nationals):
    recs = [rec(1, "SIMANTAP", "BKD", description="data pegawai, e-arsip, e-Dupak, laporan"),
            rec(2, "e-Dupak (Mobile)", "BKD", description="Datanya dilihat di simantap"),
            rec(3, "e-Dupak (Mobile)", "Dinas Lain", description="Datanya dilihat di simantap")]
    links = part_of_links(prepare(recs, [], shared_hosts=()))
    assert [(a, b) for a, b, _ in links] == [(0, 1)]  # the other OPD's record names it, it does not name that one


# --- addresses and qualifiers in names ---------------------------------------------------------------


def test_an_address_inside_a_name_gives_host_and_path(nationals):
    assert name_urls("Modul Renja (e-rencana.alfakab.go.id/renja)") == ["e-rencana.alfakab.go.id/renja"]
    assert name_urls("Aplikasi v2.1 (beta)") == []
    recs = [rec(1, "Modul Renja untuk RKPD (e-rencana.alfakab.go.id/renja)", "Bappeda"),
            rec(2, "e-rencana.alfakab.go.id", "Bappeda")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]
    # the address in brackets is not taken as a bracketed short name of the application
    assert not any("alfakab" in k for k in name_keys("Modul Renja (e-rencana.alfakab.go.id/renja)"))


def test_the_product_before_a_bar_is_one_application_whatever_unit_or_output_follows(nationals):
    assert head_key("SIMONEV | Laporan RFK") == head_key("SIMONEV | Cetak") == "simonev"
    assert head_key("Portal | Dinas A") == ""  # a generic word before the bar says nothing
    recs = [rec(1, "SIMONEV | Laporan RFK", "Setda"), rec(2, "SIMONEV | Cetak Monev", "Bappeda")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]
    recs = [rec(1, "Portal | Dinas A", "Dinas A"), rec(2, "Portal | Dinas B", "Dinas B")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == []


# --- national platforms -------------------------------------------------------------------------------


def test_a_pemda_tenant_of_a_national_application_is_that_application(nationals):
    from spbe_kg.queries.normalize import tenant_of

    assert tenant_of("kab-alfa.sipd.kemendagri.go.id", {"sipd.kemendagri.go.id"}) == "sipd.kemendagri.go.id"
    assert tenant_of("kanal.lapor.go.id", {"lapor.go.id"}) is None  # a bare agency domain is no parent
    recs = [rec(1, "kab-alfa.sipd.kemendagri.go.id & penatausahaan", "BPKAD"),
            rec(2, "SIPD", "Bappeda", hosts=("sipd.kemendagri.go.id",))]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]


def test_a_platform_doing_several_jobs_is_same_job_with_each_but_they_not_with_each_other(nationals):
    recs = [rec(1, "SIPD", "Bappeda", hosts=("sipd.kemendagri.go.id",)),
            rec(2, "e-Planning", "Sekretariat DPRD"), rec(3, "SIMDA Keuangan", "BPKAD")]
    jobs, rep = clusters(recs, nationals, SAME_JOB)
    assert sorted(jobs) == [[1, 2], [1, 3]]
    from spbe_kg.queries.quality import predicted

    pred = predicted(rep, {("f.csv", i) for i in (1, 2, 3)}, cross=False)
    assert (("f.csv", 2), ("f.csv", 3)) not in pred["same-job"]


# --- lexicon entries and job rules ----------------------------------------------------------------------


def _job(name, description=""):
    from spbe_kg.queries.lexicon import load_lexicon
    from spbe_kg.queries.suggest import job_of

    m = job_of(AppRecord("http://x/a", name, description=description), load_lexicon(),
               min_desc=Settings().dup_job_min_description)
    return m.job.rsplit("/", 1)[-1] if m else None


def test_visitor_register_static_archives_and_school_funds_are_jobs_of_their_own():
    assert _job("e-Buku Tamu") == "buku-tamu" != _job("Mal Pelayanan Publik")
    assert _job("Portal Arsip Statis") == "arsip-statis" != _job("Aplikasi Arsip Inaktif") == "kearsipan"
    assert _job("SIMDA BOS") == "dana-bos" != _job("SIMDA Keuangan") == "keuangan-daerah"


def test_guest_books_of_two_opds_are_same_job_but_not_with_a_service_hall(nationals):
    recs = [rec(1, "Buku Tamu Digital", "Diskominfo"), rec(2, "E-Buku Tamu", "Dinas Sosial"),
            rec(3, "Mal Pelayanan Publik", "DPMPTSP")]
    jobs, _ = clusters(recs, nationals, SAME_JOB)
    assert jobs == [[1, 2]]


def test_a_plug_in_of_a_national_platform_does_not_do_its_job(nationals):
    recs = [rec(1, "SIPD", "Bappeda", hosts=("sipd.kemendagri.go.id",)),
            rec(2, "WP-SIPD Lokal", "BPKAD", description="Aplikasi pendukung dari SIPD berbentuk plugin")]
    jobs, _ = clusters(recs, nationals, SAME_JOB)
    assert not any(2 in c for c in jobs)


def test_the_agency_side_of_a_shared_application_is_that_application(nationals):
    assert name_keys("SIASN-Instansi") == name_keys("SIASN") == {"siasn"}
    recs = [rec(1, "SIASN Instansi", "Kecamatan Satu", hosts=("siasn-instansi.bkn.go.id",)),
            rec(2, "SIASN", "Kecamatan Dua", hosts=("siasn.bkn.go.id",))]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]


def test_spelling_variants_acronyms_and_clinical_words():
    assert _job("Aplikasi Perijinan Online") == _job("Aplikasi Perizinan Online") == "perizinan"  # ijin = izin
    assert _job("e-SUKMA") == "survei-kepuasan"  # SUKMA = survei kepuasan masyarakat
    assert _job("Portal SDI") == "satu-data"  # SDI = Satu Data Indonesia
    assert _job("Rekam Medis Elektronik") is None  # every health facility keeps records: no one facility's job
    assert _job("SIMPKB") is None  # an ambiguous acronym (teachers' development; vehicle tests) names no job


def test_a_passing_word_in_the_description_does_not_overrule_the_name():
    # "server" (ICT infrastructure) is another area than a tax, and far weaker than the name
    assert _job("e-BPHTB", "Dititipkan di server dinas") == "bphtb"
    # planning and its monitoring are one area of government: the description's "monev" does not overrule
    assert _job("e-Planning", "Sudah tidak dipakai, datanya masih dipakai untuk monev") == "perencanaan"
    # a description that clearly does another area's job still does (a civil-registry "e-Office")
    assert _job("e-Office", "Aplikasi penghubung antar dinas kependudukan untuk proses pindah datang penduduk, "
                            "akta kelahiran dan kartu keluarga") is None


def test_a_name_that_says_no_job_takes_the_job_its_description_clearly_says(nationals):
    recs = [rec(1, "SIRAJIN", "DPMPTSP", description="Aplikasi online untuk pengajuan izin non-OSS, permohonan izin usaha"),
            rec(2, "Perizinan Online", "DPMPTSP Kota Beta", pemda=P2, pemda_name="Pemerintah Kota Beta")]
    jobs, _ = clusters(recs, nationals, SAME_JOB)
    assert jobs == [[1, 2]]
    jobs, _ = clusters(recs, nationals, SAME_JOB, Settings(dup_job_min_description=0))
    assert jobs == []


# --- the kinds of system the issue names, each found as one job across OPDs and kept apart from its neighbours


@pytest.mark.parametrize("same, other", [
    (["SIMBADA", "Aplikasi Aset (Desktop)", "e-BMD Dinas"], "SIMGAJI"),  # asset (BMD) systems, not payroll
    (["SISMIOP", "e-PBB", "Aplikasi PBB-P2"], "e-BPHTB"),  # land and building tax, not the acquisition duty
    (["Portal Satu Data", "Open Data Kota Gamma", "Dashboard Statistik Sektoral"], "Website Resmi Dinas"),
    (["Sistem Antrean Online", "e-Antrian", "Antrian Pelayanan"], "e-Buku Tamu"),  # antrian = antrean
])
def test_systems_of_one_kind_in_several_opds_are_same_job(nationals, same, other):
    opds = ["Dinas Satu", "Dinas Dua", "Dinas Tiga"]
    recs = [rec(i, n, opds[i - 1]) for i, n in enumerate(same, 1)] + [rec(9, other, "Dinas Empat")]
    jobs, _ = clusters(recs, nationals, SAME_JOB)
    assert [1, 2, 3] in jobs
    assert not any(9 in c and len(c) > 1 for c in jobs)


def test_an_organisations_acronym_says_who_not_what():
    assert _job("Website BAPPEDA") is None  # a website of the Bappeda, not a planning application
    assert _job("SISMIOP", "Server di Bappeda") == "pbb"  # where it is hosted does not overrule the name
    from spbe_kg.queries.lexicon import load_lexicon
    from spbe_kg.queries.suggest import suggest_records

    # in the managing-OPD field the acronym still says the OPD's function (a weak hint for the codes)
    s = suggest_records([AppRecord("http://x/a", "Aplikasi Internal", opd_name="BKD")], [], lex=load_lexicon())
    assert any(x.notation == "RAB.09.06.03" for x in s if x.scheme == "RAB")


def test_letter_numbering_is_correspondence_not_the_object_it_numbers():
    assert _job("Si Nomor", "Aplikasi penomoran surat") == "naskah-dinas"


def test_one_product_per_unit_on_sibling_subdomains_with_the_unit_in_its_name(nationals):
    recs = [rec(1, "Website Kelurahan Satu", "Kelurahan Satu", hosts=("satu.alfakab.go.id",)),
            rec(2, "Web Kelurahan", "Kelurahan Dua", hosts=("dua.alfakab.go.id",)),
            rec(3, "Website Kelurahan Tiga Kabupaten Alfa", "Kelurahan Tiga", hosts=("tiga.alfakab.go.id",)),
            rec(4, "Website Dinas Kesehatan", "Dinas Kesehatan", hosts=("dinkes.alfakab.go.id",)),
            rec(5, "Website Dinas Pendidikan", "Dinas Pendidikan", hosts=("disdik.alfakab.go.id",)),
            rec(6, "Website Resmi DINSOS", "Dinas Sosial", hosts=("dinsos.alfakab.go.id",)),
            rec(7, "Website Resmi DISHUB", "Dinas Perhubungan", hosts=("dishub.alfakab.go.id",))]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2, 3]]  # the agencies' own websites stay apart, also when each names its agency


def test_a_bracket_saying_who_built_it_is_no_shared_short_name(nationals):
    from spbe_kg.queries.normalize import bracket_acronyms

    assert bracket_acronyms("SIMANTAP (pihak ke3)") == bracket_acronyms("Pasar Online (uji coba)") == []
    recs = [rec(1, "SIMANTAP (pihak ke3)", "BKD"), rec(2, "Pasar Online (pihak ke3)", "Disperindag")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == []
