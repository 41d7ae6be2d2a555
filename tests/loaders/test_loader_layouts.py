"""The five inventory layouts of the cross-team notes are recognised without a mapping file."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from spbe_kg.loaders.api import convert_files
from spbe_kg.loaders.errors import LoaderError

SPBE = "https://w3id.org/spbe/ontology#"
REF = "https://w3id.org/spbe/ref/"
B = "https://data.example.go.id/spbe/"


def objs(result, subject_part: str, prop: str) -> set[str]:
    return {q.object.value for q in result.quads if subject_part in q.subject.value and q.predicate.value == SPBE + prop}


CENSUS_HEADERS = ["No", "Nama Pemda", "Nama Perangkat Daerah", "Nama Aplikasi", "Nama Singkat", "Deskripsi / Uraian",
                  "Fungsi", "Luaran", "Alamat URL", "Jenis Aplikasi", "Basis Aplikasi", "Tipe Lisensi", "Basis Data",
                  "Bahasa Pemrograman", "Pengembang", "Hosting", "Integrasi", "OPD Pengguna", "Kode RAL", "Kode RAB",
                  "Kode RAD", "Kode RAA", "Status", "Alasan Tidak Aktif", "Tahun Pembuatan"]


def test_layout1_provincial_census_workbook(tmp_path, settings):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kota Medan"
    ws["A1"] = "INVENTARIS APLIKASI PROVINSI SUMATERA UTARA"
    ws.merge_cells("A1:Y1")
    ws["A2"] = "Pemerintah Kota Medan"
    ws.append(CENSUS_HEADERS)
    ws.append([1, "Kota Medan", "Dinas Komunikasi dan Informatika", "Sistem Informasi Kepegawaian", "SIMPEG",
               "Data pegawai", "Kepegawaian", "Data ASN", "simpeg.pemkomedan.go.id", "Aplikasi Khusus/Daerah",
               "Web & Mobile", "Open Source", "PostgreSQL", "PHP", "Pihak Ketiga", "PDN", "API",
               "Dinas Kesehatan; Dinas Pendidikan", "RAL.02.04.03", "RAB.02.04.03", "RAD.02.01", "RAA.02.01",
               "Aktif", "", 2020])
    ws.append([2, "Kota Medan", "Dinas Komunikasi dan Informatika", "SRIKANDI", "", "Arsip dinamis", "", "",
               "https://srikandi.arsip.go.id", "umum", "Web", "", "", "", "ANRI", "", "", "", "RAL.02.04.06", "", "", "",
               "Tidak Aktif", "diganti", "2021"])
    p = tmp_path / "sumut.xlsx"
    wb.save(p)
    r = convert_files([p], settings=settings)
    assert [o.status for o in r.rows] == ["loaded", "loaded"]
    app = "aplikasi/pemerintah-kota-medan/dinas-komunikasi-dan-informatika/sistem-informasi-kepegawaian"
    assert objs(r, app, "namaSingkat") == {"SIMPEG"}
    assert objs(r, app, "url") == {"https://simpeg.pemkomedan.go.id"}
    assert objs(r, app, "basisAplikasi") == {REF + "basis-aplikasi/web", REF + "basis-aplikasi/mobile"}
    assert objs(r, app, "tipeLisensi") == {REF + "tipe-lisensi/open-source"}
    assert objs(r, app, "hosting") == {REF + "hosting/pdn"}
    assert objs(r, app, "integrasi") == {REF + "jenis-integrasi/api"}
    assert objs(r, app, "kodeRAL") == {REF + "RAL.02.04.03"} and objs(r, app, "kodeRAA") == {REF + "RAA.02.01"}
    assert objs(r, app, "jenisAplikasi") == {REF + "RAA.02"} and objs(r, app, "lingkup") == {REF + "lingkup-aplikasi/daerah"}
    assert objs(r, app, "opdPengguna") == {B + "opd/pemerintah-kota-medan/dinas-kesehatan",
                                           B + "opd/pemerintah-kota-medan/dinas-pendidikan"}
    assert objs(r, app, "tahunPembuatan") == {"2020"}
    sri = "aplikasi/pemerintah-kota-medan/dinas-komunikasi-dan-informatika/srikandi"
    assert objs(r, sri, "statusAplikasi") == {REF + "status-aplikasi/tidak-aktif"}
    assert objs(r, sri, "jenisAplikasi") == {REF + "RAA.01"}
    assert objs(r, sri, "merupakanAplikasiNasional") == {"https://w3id.org/spbe/id/aplikasi-nasional/srikandi"}


def _write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def test_layout2_database_export(tmp_path, settings):
    p = tmp_path / "export.csv"
    _write_csv(p, ["pemda", "opd_pengelola", "opd_pengguna", "nama_aplikasi", "nama_singkat", "deskripsi", "fungsi",
                   "klasifikasi", "kategori", "media", "url", "status", "penyebab_tidak_aktif", "tahun_pembuatan",
                   "dasar_hukum", "kode_ral", "kode_rab"],
               [["Kabupaten Deli Serdang", "Badan Kepegawaian Daerah", "Inspektorat, Bappeda", "MyASN", "", "ASN",
                 "Kepegawaian", "Umum", "Pusat", "Mobile", "https://myasn.bkn.go.id", "aktif", "", "2022",
                 "Perka BKN 1/2022", "RAL.02.04.03; RAL.02.04.01", "RAB.02.04.03"]])
    r = convert_files([p], settings=settings)
    assert r.rows[0].status == "loaded"
    app = "aplikasi/pemerintah-kabupaten-deli-serdang/badan-kepegawaian-daerah/myasn"
    assert objs(r, app, "kodeRAL") == {REF + "RAL.02.04.03", REF + "RAL.02.04.01"}
    assert objs(r, app, "dasarHukum") == {"Perka BKN 1/2022"}
    assert objs(r, app, "lingkup") == {REF + "lingkup-aplikasi/pusat"}
    assert len(objs(r, app, "opdPengguna")) == 2
    assert objs(r, app, "merupakanAplikasiNasional") == {"https://w3id.org/spbe/id/aplikasi-nasional/siasn"}


def test_layout3_madiun_style_needs_instansi(tmp_path, settings):
    p = tmp_path / "census.csv"
    _write_csv(p, ["nama_perangkat_daerah", "nama_aplikasi", "deskripsi_singkat", "alamat_domain_link",
                   "jenis_aplikasi", "status_aplikasi", "penyebab_tidak_aktif"],
               [["Dinas Sosial", "SIKS-NG", "DTKS", "https://siks.kemensos.go.id | Sumber: siks", "Aplikasi Pusat/Umum",
                 "Aktif", ""]])
    with pytest.raises(LoaderError, match="--instansi"):
        convert_files([p], settings=settings)
    r = convert_files([p], settings=settings, instansi="Pemerintah Kabupaten Madiun")
    assert r.rows[0].resource == B + "aplikasi/pemerintah-kabupaten-madiun/dinas-sosial/siks-ng"
    assert objs(r, "siks-ng", "urlAsli") == {"https://siks.kemensos.go.id | Sumber: siks"}


def test_layout4_opd_list_with_parents(tmp_path, settings):
    p = tmp_path / "opd.csv"
    _write_csv(p, ["pemda", "kode_opd", "nama_opd", "induk", "jenis"],
               [["Provinsi Sumatera Utara", "1.01", "Sekretariat Daerah", "", "sekretariat"],
                ["Provinsi Sumatera Utara", "1.01.01", "Biro Pemerintahan dan Otonomi Daerah", "Sekretariat Daerah", "biro"],
                ["Provinsi Sumatera Utara", "2.01", "Dinas Kesehatan", "", "dinas"]])
    r = convert_files([p], settings=settings)
    assert [o.status for o in r.rows] == ["loaded"] * 3
    biro = B + "opd/pemerintah-provinsi-sumatera-utara/biro-pemerintahan-dan-otonomi-daerah"
    assert r.rows[1].resource == biro
    assert objs(r, biro, "indukUnit") == {B + "opd/pemerintah-provinsi-sumatera-utara/sekretariat-daerah"}
    assert objs(r, biro, "bagianDari") == {B + "instansi/pemerintah-provinsi-sumatera-utara"}
    types = {q.object.value for q in r.quads if q.subject.value == B + "instansi/pemerintah-provinsi-sumatera-utara"
             and q.predicate.value.endswith("#type")}
    assert types == {SPBE + "PemerintahProvinsi"}


def test_layout5_sia_spbe_metadata(tmp_path, settings):
    p = tmp_path / "sia.csv"
    _write_csv(p, ["ID", "Nama Aplikasi", "Uraian", "Fungsi", "Luaran", "Basis Aplikasi", "Tipe Lisensi", "Basis Data",
                   "RAA Level 4", "RAA Level 5", "RAA Level 6", "RAA Level 7", "Kode RAL"],
               [["APL-0001", "e-Kinerja", "Penilaian kinerja", "Kinerja", "SKP", "Web", "Proprietary", "MySQL",
                 "RAA.02.02.01", "", "", "", "RAL.02.04.03"]])
    r = convert_files([p], settings=settings, instansi="Kementerian Pendayagunaan Aparatur Negara")
    app = r.rows[0].resource
    assert objs(r, app, "idSiaSpbe") == {"APL-0001"}
    assert objs(r, app, "kodeRAA") == {REF + "RAA.02.02.01"}
    assert objs(r, app, "tipeLisensi") == {REF + "tipe-lisensi/proprietary"}
    assert objs(r, app, "instansi") == {B + "instansi/kementerian-pendayagunaan-aparatur-negara"}


def test_no_name_column_says_what_to_do(tmp_path, settings):
    p = tmp_path / "odd.csv"
    _write_csv(p, ["Kode", "Unit", "Status"], [["1", "x", "aktif"]])
    with pytest.raises(LoaderError, match="mapping suggest"):
        convert_files([p], settings=settings)


def test_same_input_same_iris_across_files(tmp_path, settings):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    _write_csv(a, ["pemda", "nama_opd_pengelola", "opd", "nama_aplikasi"], [["Kab. Karo", "", "Dinas Sosial", "SIMPEG"]])
    _write_csv(b, ["pemda", "nama_opd"], [["Kabupaten Karo", "Dinas Sosial"]])
    r = convert_files([a, b], settings=settings)
    assert len(r.graphs) == 2
    opd = B + "opd/pemerintah-kabupaten-karo/dinas-sosial"
    graphs = {q.graph_name.value for q in r.quads if q.subject.value == opd}
    assert graphs == set(r.graphs)


def test_minted_iris_follow_the_minter(tmp_path, settings):
    from spbe_kg.ontology.iris import Minter

    p = tmp_path / "Inventaris Kota (2025).csv"
    _write_csv(p, ["pemda", "opd_pengelola", "nama_aplikasi"],
               [["Kota Medan", "Dinas Komunikasi & Informatika", "Sistem Informasi Pelayanan Terpadu Satu Pintu (SIMPATI)"],
                ["Kota Medan", "Dinas Komunikasi & Informatika", "Sistem Informasi Pelayanan Terpadu Satu Pintu (SIMPATI)"]])
    r = convert_files([p], settings=settings)
    m = Minter(settings.base_iri)
    args = ("Pemerintah Kota Medan", "Dinas Komunikasi & Informatika", "Sistem Informasi Pelayanan Terpadu Satu Pintu (SIMPATI)")
    assert [o.resource for o in r.rows] == [str(m.aplikasi(*args)), str(m.aplikasi(*args, 2))]
    rows = {q.object.value for q in r.quads if q.predicate.value == SPBE + "barisSumber" and "/aplikasi/" in q.subject.value}
    assert rows == {str(m.row(p.name, "", 2)), str(m.row(p.name, "", 3))}
    assert r.graphs == [str(m.file_graph(p.name))]
