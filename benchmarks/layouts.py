"""Census layouts and ground-truth files for generated records.

Layout 1: provincial census workbook; layout 2: database-export csv; layout 4: OPD list (see the
cross-team brief). ``truth_rows`` / ``problem_rows`` turn placed records (file, sheet, row) into the
rows of ``duplikat_kebenaran.csv`` and ``masalah_tertanam.csv``.

>>> from spbe_kg.benchmarks.common import Instansi, Opd, Record
>>> inst = Instansi("Pemerintah Kota Contoh", "Contoh", "kota", "contoh.go.id", "9999", [])
>>> rec = Record(opd="Dinas Kesehatan", nama="SIMPUS", pusat=False, pick=0)
>>> to_layout2(rec, inst)["klasifikasi"], jenis_text(rec)
('khusus', 'Aplikasi Khusus/Daerah')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from spbe_kg.benchmarks.common import Instansi, Opd, Record

# ---- the census layouts (see briefs: layouts 1, 2 and 4) ----------------------------------------
LAYOUT1_HEADERS = [
    "No", "Nama Pemda", "Nama Perangkat Daerah", "Nama Aplikasi", "Nama Singkat", "Deskripsi / Uraian", "Fungsi",
    "Luaran", "Alamat URL", "Jenis Aplikasi", "Basis Aplikasi", "Tipe Lisensi", "Basis Data", "Bahasa Pemrograman",
    "Pengembang", "Hosting", "Integrasi", "OPD Pengguna", "Kode RAL", "Kode RAB", "Kode RAD", "Kode RAA", "Status",
    "Alasan Tidak Aktif", "Tahun Pembuatan",
]
LAYOUT2_HEADERS = [
    "pemda", "opd_pengelola", "opd_pengguna", "nama_aplikasi", "nama_singkat", "deskripsi", "fungsi", "klasifikasi",
    "kategori", "media", "url", "status", "penyebab_tidak_aktif", "tahun_pembuatan", "dasar_hukum", "kode_ral",
    "kode_rab",
]
LAYOUT4_HEADERS = ["pemda", "kode_opd", "nama_opd", "induk", "jenis"]

# record field -> header, per layout (used to name the column of a planted problem)
FIELD_HEADER = {
    1: {"nama": "Nama Aplikasi", "url": "Alamat URL", "jenis": "Jenis Aplikasi", "ral": "Kode RAL", "rab": "Kode RAB",
        "status": "Status", "alasan": "Alasan Tidak Aktif", "opd": "Nama Perangkat Daerah"},
    2: {"nama": "nama_aplikasi", "url": "url", "jenis": "klasifikasi", "ral": "kode_ral", "rab": "kode_rab",
        "status": "status", "alasan": "penyebab_tidak_aktif", "opd": "opd_pengelola"},
}

TRUTH_HEADERS = ["berkas", "lembar", "baris", "pemda", "opd", "nama_aplikasi", "url", "id_aplikasi",
                 "aplikasi_nasional", "kelompok_fungsi", "jenis_duplikasi", "catatan"]
PROBLEM_HEADERS = ["berkas", "lembar", "baris", "kolom", "nilai", "masalah"]

SAME_APP = "satu-aplikasi-banyak-pencatat"
SAME_JOB = "aplikasi-berbeda-fungsi-sama"
UMUM_TEXT = ("Aplikasi Pusat/Umum",) * 6 + ("Umum", "umum", "Pusat", "Aplikasi Umum")
KHUSUS_TEXT = ("Aplikasi Khusus/Daerah",) * 6 + ("Khusus", "khusus", "Daerah", "Aplikasi Khusus")
SCOPE_ONLY = ("Pusat", "Daerah")  # says central/regional, not Umum/Khusus: a planted gap


# ---- layouts ---------------------------------------------------------------------------------
def jenis_text(rec: Record) -> str:
    if rec.jenis_text or rec.placeholder:
        return rec.jenis_text
    pool = UMUM_TEXT if rec.pusat else KHUSUS_TEXT
    return pool[rec.pick % len(pool)]


def status_text(rec: Record) -> str:
    if rec.placeholder:
        return "Aktif" if rec.pick % 2 else ""
    if rec.aktif:
        return ("Aktif", "Aktif", "Aktif", "aktif")[rec.pick % 4]
    return ("Tidak Aktif", "Tidak Aktif", "Tidak aktif", "Non Aktif")[rec.pick % 4]


def to_layout1(rec: Record, inst: Instansi, no: int) -> list[object]:
    """One row of the provincial census workbook (layout 1); tahun stays a number."""
    return [no, inst.name, rec.opd, rec.nama, rec.singkat, rec.deskripsi, rec.fungsi, rec.luaran, rec.url,
            jenis_text(rec), rec.basis, rec.lisensi, rec.basis_data, rec.bahasa, rec.pengembang, rec.hosting,
            rec.integrasi, "; ".join(rec.pengguna), rec.ral, rec.rab, rec.rad, rec.raa, status_text(rec), rec.alasan,
            rec.tahun if rec.tahun else ""]


def to_layout2(rec: Record, inst: Instansi) -> dict[str, str]:
    """One row of the database export (layout 2): lower-case, normalised vocabulary."""
    if rec.placeholder:
        klas, kat, status = "", "", ""
    else:
        klas = "umum" if (rec.pusat and not rec.jenis_text) or rec.jenis_text == "Aplikasi Pusat/Umum" else "khusus"
        kat = "pusat" if rec.pusat else "daerah"
        status = "aktif" if rec.aktif else "tidak aktif"
    media = {"Web": "web", "Web & Mobile": "web,mobile", "Desktop": "desktop", "Mobile": "mobile"}.get(rec.basis, "")
    return {"pemda": inst.name, "opd_pengelola": rec.opd, "opd_pengguna": ";".join(rec.pengguna),
            "nama_aplikasi": rec.nama, "nama_singkat": rec.singkat, "deskripsi": rec.deskripsi, "fungsi": rec.fungsi,
            "klasifikasi": klas, "kategori": kat, "media": media, "url": rec.url, "status": status,
            "penyebab_tidak_aktif": rec.alasan, "tahun_pembuatan": str(rec.tahun or ""),
            "dasar_hukum": rec.dasar_hukum, "kode_ral": rec.ral, "kode_rab": rec.rab}


def to_layout4(inst: Instansi, o: Opd) -> list[str]:
    return [inst.name, o.kode, o.name, o.induk, o.jenis]


# ---- ground truth ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Placed:
    """A record as written: file, sheet ("" for csv), 1-based row as a spreadsheet shows it, layout."""

    berkas: str
    lembar: str
    baris: int
    layout: int
    inst: Instansi
    rec: Record


def truth_rows(placed: list[Placed]) -> list[dict[str, str]]:
    """One row per application record: which records are one application, which do the same job."""
    ids = Counter(p.rec.app_id for p in placed if p.rec.app_id)
    apps_in_group: dict[str, set[str]] = defaultdict(set)
    for p in placed:
        for g in p.rec.groups:
            apps_in_group[g].add(p.rec.app_id)
    out = []
    for p in placed:
        r = p.rec
        kinds = []
        if r.app_id and ids[r.app_id] > 1:
            kinds.append(SAME_APP)
        live = [g for g in r.groups if len(apps_in_group[g]) > 1]
        if live:
            kinds.append(SAME_JOB)
        note = "baris isian kosong" if r.placeholder else r.note or (
            "Aplikasi Khusus yang menjalankan fungsi Aplikasi Umum" if any(g.endswith(":naskah-dinas") for g in live)
            and not r.pusat else "")
        out.append({"berkas": p.berkas, "lembar": p.lembar, "baris": str(p.baris), "pemda": p.inst.name,
                    "opd": r.opd, "nama_aplikasi": r.nama, "url": r.url, "id_aplikasi": r.app_id,
                    "aplikasi_nasional": r.nasional, "kelompok_fungsi": ";".join(live),
                    "jenis_duplikasi": ";".join(kinds), "catatan": note})
    return out


def problem_rows(placed: list[Placed]) -> list[dict[str, str]]:
    """The mistakes planted on purpose (codes, classification, missing reasons, empty rows)."""
    out = []
    for p in placed:
        problems = list(p.rec.problems)
        if p.layout == 1 and not p.rec.placeholder and jenis_text(p.rec) in SCOPE_ONLY:
            problems.append(("jenis", "jenis hanya menyebut lingkup (Pusat/Daerah), bukan Umum/Khusus"))
        for fld, what in problems:
            value = {"ral": p.rec.ral, "rab": p.rec.rab, "jenis": jenis_text(p.rec) if p.layout == 1 else
                     to_layout2(p.rec, p.inst)["klasifikasi"], "alasan": p.rec.alasan, "nama": p.rec.nama}[fld]
            out.append({"berkas": p.berkas, "lembar": p.lembar, "baris": str(p.baris),
                        "kolom": FIELD_HEADER[p.layout][fld], "nilai": value, "masalah": what})
    return out
