"""Same job across agencies and fewer false merges (issue 10, points 3 and 4), on small record sets.

The national applications come from the real reference graph (ontology/aplikasi-nasional.ttl) loaded
into a real in-memory pyoxigraph store.
"""

from __future__ import annotations

import pytest

from spbe_kg.queries.duplicates import analyse_records
from spbe_kg.settings import Settings

from .synthetic import P2, SAME_APP, SAME_JOB, national_refs, rec


@pytest.fixture(scope="module")
def nationals():
    return national_refs()


def clusters(records, nationals, kind):
    rep = analyse_records(records, nationals, Settings())
    return [sorted(m.record.row for m in c.members) for c in rep.clusters if c.kind == kind], rep


def test_kepegawaian_systems_of_three_opds_do_the_same_job(nationals):
    recs = [rec(1, "SIMPEG", "BKPSDM"), rec(2, "SIMPEG Disdik", "Dinas Pendidikan"),
            rec(3, "SIPEG", "Dinas Kesehatan"), rec(4, "E-Presensi", "BKPSDM")]
    jobs, _ = clusters(recs, nationals, SAME_JOB)
    assert [1, 2, 3] in jobs
    assert not any(4 in c for c in jobs)  # attendance is another job


def test_local_eoffice_is_flagged_with_srikandi_as_target_even_alone(nationals):
    recs = [rec(1, "e-Office", "Sekretariat Daerah", description="surat masuk dan surat keluar")]
    rep = analyse_records(recs, nationals, Settings())
    func = [c for c in rep.clusters if c.kind == SAME_JOB]
    assert func and func[0].recommendation.target_iri.endswith("/srikandi")
    assert func[0].members[0].disposition == "migrate"
    assert "aplikasi-umum" in func[0].evidence and "fungsi-aplikasi" in func[0].evidence


def test_local_complaint_channel_targets_sp4n_lapor_and_planning_targets_sipd(nationals):
    recs = [rec(1, "Pengaduan Masyarakat", "Inspektorat"), rec(2, "e-Planning", "Bappeda")]
    rep = analyse_records(recs, nationals, Settings())
    targets = {c.members[0].record.row: c.recommendation.target_iri.rsplit("/", 1)[-1]
               for c in rep.clusters if c.kind == SAME_JOB}
    assert targets == {1: "sp4n-lapor", 2: "sipd"}


def test_same_job_across_pemda(nationals):
    recs = [rec(1, "Sistem Antrian", "RSUD"), rec(2, "e-Antrian", "Disdukcapil", pemda=P2, pemda_name="Pemerintah Kota Beta")]
    jobs, _ = clusters(recs, nationals, SAME_JOB)
    assert jobs == [[1, 2]]


def test_shared_host_with_different_paths_and_names_is_not_one_application(nationals):
    recs = [rec(1, "Sistem Informasi Pelanggan", "PDAM", urls=("https://app.kotaalfa.go.id/pelanggan",),
                hosts=("app.kotaalfa.go.id",)),
            rec(2, "Sistem Informasi Anggaran", "BPKAD", urls=("https://app.kotaalfa.go.id/anggaran",),
                hosts=("app.kotaalfa.go.id",))]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == []


def test_bracketed_qualifier_naming_another_object_discriminates(nationals):
    recs = [rec(1, "Monitoring Bantuan (Program Rumah Layak)", "Dinas Perkim"),
            rec(2, "Monitoring Bantuan (Program Beasiswa)", "Dinas Perkim")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == []
    recs = [rec(1, "Monitoring Bantuan", "Dinas Perkim"), rec(2, "Monitoring Bantuan (Mobile)", "Dinas Perkim")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]


def test_channel_variants_and_sibling_subdomain_deployments_are_one_application(nationals):
    recs = [rec(1, "e-Kinerja", "BKPSDM", hosts=("ekinerja.alfakab.go.id",)),
            rec(2, "e-Kinerja Android", "BKPSDM"), rec(3, "e-Kinerja iOS", "BKPSDM")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2, 3]]
    recs = [rec(1, "Sistem Informasi Kelurahan", "Kelurahan Satu", hosts=("satu.kel.alfakab.go.id",)),
            rec(2, "Sistem Informasi Kelurahan", "Kelurahan Dua", hosts=("dua.kel.alfakab.go.id",))]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]


def test_domain_written_as_the_name_gives_the_host(nationals):
    recs = [rec(1, "simpeg.alfakab.go.id", "BKD", description="data pegawai"),
            rec(2, "SIMPEG Kabupaten Alfa", "BKD", urls=("https://simpeg.alfakab.go.id/login",),
                hosts=("simpeg.alfakab.go.id",))]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == [[1, 2]]


def test_local_application_with_a_national_name_is_not_the_national_one(nationals):
    """The pemda's own e-Kinerja at its own host is not e-Kinerja BKN (host and managing agency decide)."""
    recs = [rec(1, "E-Kinerja", "BKPSDM", hosts=("ekinerja.alfakab.go.id",)),
            rec(2, "e-Kinerja BKN", "Kecamatan Satu", hosts=("kinerja.bkn.go.id",))]
    rep = analyse_records(recs, nationals, Settings())
    assert not [c for c in rep.clusters if c.kind == SAME_APP]


def test_regions_named_in_the_names_discriminate(nationals):
    recs = [rec(1, "Portal Data Kota Beta", "Diskominfo"), rec(2, "Portal Data Kabupaten Alfa", "Diskominfo")]
    same, _ = clusters(recs, nationals, SAME_APP)
    assert same == []
