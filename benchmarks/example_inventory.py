"""Write the bundled ILLUSTRATIVE (synthetic) application inventory of Provinsi Sumatera Utara.

``python -m spbe_kg.benchmarks.example_inventory [-o DIR]`` (``make example``) writes into
``examples/sumut/``: a census workbook (layout 1, one sheet per pemda, plus an ``OPD`` sheet in
layout 4), two database-export csv files (layout 2), the ground truth of the duplicates it planted
(``duplikat_kebenaran.csv``), the other mistakes it planted (``masalah_tertanam.csv``) and a README.
Same bytes on every run: a fixed seed, fixed workbook dates, fixed zip timestamps.

Pemda names and Kemendagri codes are real (``ontology/sources/sumut_kabupaten_kota.csv``); OPD
names follow real regional naming; the applications, URLs under the pemda domains, years and
codes assigned to them are invented.

>>> [i.short for i in sumut_instansi()][:3]
['Sumut', 'Medan', 'Deli Serdang']
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from spbe_kg.benchmarks.common import Instansi, Opd, instansi_records
from spbe_kg.benchmarks.layouts import (
    LAYOUT1_HEADERS,
    LAYOUT2_HEADERS,
    LAYOUT4_HEADERS,
    PROBLEM_HEADERS,
    TRUTH_HEADERS,
    Placed,
    problem_rows,
    to_layout1,
    to_layout2,
    to_layout4,
    truth_rows,
)

SEED = 2029  # chosen so that every kind of overlap listed in the README occurs (tests check it)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "examples" / "sumut"
WORKBOOK = "inventaris_aplikasi_sumut_2025.xlsx"
FIXED_TIME = datetime(2025, 12, 1, 8, 0, 0)
PROV = "Provinsi Sumatera Utara"

# (kode, name in the reference list, short, domain, RSUD, kecamatan, puskesmas, rows wanted, file)
KABKOTA = (
    ("1275", "Kota Medan", "Medan", "pemkomedan.go.id", "RSUD dr. Pirngadi",
     ("Medan Baru", "Medan Petisah", "Medan Johor"), ("Padang Bulan", "Teladan"), 60, "Kota Medan"),
    ("1212", "Kabupaten Deli Serdang", "Deli Serdang", "deliserdangkab.go.id", "RSUD Drs. H. Amri Tambunan",
     ("Lubuk Pakam", "Tanjung Morawa", "Percut Sei Tuan"), ("Lubuk Pakam", "Tanjung Morawa"), 50, "Kab Deli Serdang"),
    ("1211", "Kabupaten Karo", "Karo", "karokab.go.id", "RSUD Kabanjahe", ("Kabanjahe", "Berastagi"),
     ("Kabanjahe", "Berastagi"), 36, "Kab Karo"),
    ("1213", "Kabupaten Langkat", "Langkat", "langkatkab.go.id", "RSUD Tanjung Pura", ("Stabat", "Tanjung Pura"),
     ("Stabat",), 40, "Kab Langkat"),
    ("1209", "Kabupaten Simalungun", "Simalungun", "simalungunkab.go.id", "RSUD Tuan Rondahaim", ("Raya", "Siantar"),
     ("Pematang Raya",), 42, "aplikasi_kab_simalungun.csv"),
    ("1273", "Kota Pematangsiantar", "Pematangsiantar", "pematangsiantarkota.go.id", "RSUD dr. Djasamen Saragih",
     ("Siantar Barat", "Siantar Timur"), ("Siantar Barat",), 38, "aplikasi_kota_pematangsiantar.csv"),
)
PROV_ROWS = 96

_PROV_BIRO = (  # (name, kind, acr)
    ("Biro Pemerintahan dan Otonomi Daerah", "bag_pemerintahan", "biropemotda"), ("Biro Hukum", "bag_hukum", "birohukum"),
    ("Biro Kesejahteraan Rakyat", "", "birokesra"), ("Biro Perekonomian", "", "biroperekonomian"),
    ("Biro Administrasi Pembangunan", "", "biroadpem"), ("Biro Pengadaan Barang dan Jasa", "bag_pbj", "biropbj"),
    ("Biro Organisasi", "bag_organisasi", "biroorganisasi"), ("Biro Umum dan Perlengkapan", "bag_umum", "biroumum"),
    ("Biro Administrasi Pimpinan", "bag_adpim", "biroadpim"),
)
_PROV_DINAS = (
    ("Dinas Pendidikan", "disdik", "disdik"), ("Dinas Kesehatan", "dinkes", "dinkes"),
    ("Dinas Bina Marga dan Bina Konstruksi", "pupr", "dbmbk"),
    ("Dinas Sumber Daya Air, Cipta Karya dan Tata Ruang", "perkim", "sdacktr"), ("Dinas Sosial", "sosial", "dinsos"),
    ("Dinas Tenaga Kerja", "naker", "disnaker"),
    ("Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana", "pppa", "dp3akb"),
    ("Dinas Ketahanan Pangan", "pangan", "dkp-pangan"), ("Dinas Lingkungan Hidup dan Kehutanan", "lh", "dlhk"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "pmd", "dpmd"), ("Dinas Perhubungan", "dishub", "dishub"),
    ("Dinas Komunikasi dan Informatika", "kominfo", "diskominfo"),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "koperasi", "diskopukm"),
    ("Dinas Penanaman Modal dan Pelayanan Perizinan Terpadu Satu Pintu", "dpmptsp", "dpmptsp"),
    ("Dinas Pemuda dan Olahraga", "dispora", "dispora"), ("Dinas Perpustakaan dan Kearsipan", "arsip", "perpusarsip"),
    ("Dinas Kebudayaan, Pariwisata dan Ekonomi Kreatif", "pariwisata", "disbudparekraf"),
    ("Dinas Kelautan dan Perikanan", "perikanan", "dkp"), ("Dinas Tanaman Pangan dan Hortikultura", "pertanian", "distph"),
    ("Dinas Perkebunan dan Peternakan", "perkebunan", "disbunnak"),
    ("Dinas Perindustrian, Perdagangan, Energi dan Sumber Daya Mineral", "perdagangan", "disperindag"),
)
_PROV_BADAN = (
    ("Badan Perencanaan Pembangunan Daerah", "bappeda", "bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "bpkad", "bpkad"), ("Badan Pendapatan Daerah", "bapenda", "bapenda"),
    ("Badan Kepegawaian Daerah", "bkd", "bkd"), ("Badan Pengembangan Sumber Daya Manusia", "bpsdm", "bpsdm"),
    ("Badan Penanggulangan Bencana Daerah", "bpbd", "bpbd"), ("Badan Kesatuan Bangsa dan Politik", "kesbangpol", "kesbangpol"),
    ("Badan Penghubung Daerah", "", "penghubung"),
)
KK_BAGIAN = (
    ("Bagian Pemerintahan", "bag_pemerintahan", "bagpem"), ("Bagian Hukum", "bag_hukum", "baghukum"),
    ("Bagian Organisasi", "bag_organisasi", "bagorganisasi"), ("Bagian Umum", "bag_umum", "bagumum"),
    ("Bagian Pengadaan Barang dan Jasa", "bag_pbj", "bagpbj"),
    ("Bagian Perekonomian dan Sumber Daya Alam", "", "bagekonomi"),
    ("Bagian Protokol dan Komunikasi Pimpinan", "bag_adpim", "bagprokopim"),
)
KK_BADAN = (
    ("Badan Perencanaan Pembangunan Daerah", "bappeda", "bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "bpkad", "bpkad"), ("Badan Pendapatan Daerah", "bapenda", "bapenda"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "bkd", "bkpsdm"),
    ("Badan Penanggulangan Bencana Daerah", "bpbd", "bpbd"), ("Badan Kesatuan Bangsa dan Politik", "kesbangpol", "kesbangpol"),
)
KK_DINAS = (
    ("Dinas Pendidikan", "disdik", "disdik"), ("Dinas Kesehatan", "dinkes", "dinkes"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "pupr", "dpupr"),
    ("Dinas Perumahan, Kawasan Permukiman dan Pertanahan", "perkim", "perkim"), ("Dinas Sosial", "sosial", "dinsos"),
    ("Dinas Tenaga Kerja", "naker", "disnaker"), ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "pppa", "dp3a"),
    ("Dinas Ketahanan Pangan", "pangan", "dkpangan"), ("Dinas Lingkungan Hidup", "lh", "dlh"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "dukcapil", "disdukcapil"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "pmd", "dpmd"), ("Dinas Perhubungan", "dishub", "dishub"),
    ("Dinas Komunikasi dan Informatika", "kominfo", "diskominfo"), ("Dinas Koperasi dan Usaha Mikro", "koperasi", "diskop"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dpmptsp", "dpmptsp"),
    ("Dinas Pemuda dan Olahraga", "dispora", "dispora"), ("Dinas Perpustakaan dan Kearsipan", "arsip", "dispusip"),
    ("Dinas Pariwisata", "pariwisata", "dispar"), ("Dinas Pertanian", "pertanian", "distan"),
    ("Dinas Perikanan", "perikanan", "diskan"), ("Dinas Perdagangan", "perdagangan", "disdag"),
)


def province() -> Instansi:
    setda = f"Sekretariat Daerah {PROV}"
    opds = [Opd(setda, "setda", "setda", jenis="sekretariat")]
    opds += [Opd(n, k, a, induk=setda, jenis="biro") for n, k, a in _PROV_BIRO]
    opds += [Opd(f"Sekretariat DPRD {PROV}", "dprd", "setwan", jenis="sekretariat"),
             Opd(f"Inspektorat {PROV}", "inspektorat", "inspektorat", jenis="inspektorat")]
    opds += [Opd(f"{n} {PROV}", k, a, jenis="dinas") for n, k, a in _PROV_DINAS]
    opds += [Opd(f"{n} {PROV}", k, a, jenis="badan") for n, k, a in _PROV_BADAN]
    bapenda = f"Badan Pendapatan Daerah {PROV}"
    opds += [Opd(f"Satuan Polisi Pamong Praja {PROV}", "satpol", "satpolpp", jenis="satuan"),
             Opd("RSUD Haji Abdul Manan Simatupang", "rsud", "rsudhams", jenis="rumah sakit"),
             Opd("Rumah Sakit Jiwa Prof. Dr. M. Ildrem", "rsud", "rsjildrem", jenis="rumah sakit"),
             Opd("UPT Pengelolaan Pendapatan Daerah Medan Utara", "upt", "upt-medanutara", induk=bapenda, jenis="upt"),
             Opd("UPT Pengelolaan Pendapatan Daerah Binjai", "upt", "upt-binjai", induk=bapenda, jenis="upt")]
    return Instansi(f"Pemerintah {PROV}", "Sumut", "prov", "sumutprov.go.id", "12", _numbered(opds, "12"))


def kabkota(kode: str, name: str, short: str, domain: str, rsud: str, kecamatan, puskesmas) -> Instansi:
    kind = "kota" if name.startswith("Kota") else "kab"
    setda = "Sekretariat Daerah"
    opds = [Opd(setda, "setda", "setda", jenis="sekretariat")]
    opds += [Opd(n, k, a, induk=setda, jenis="bagian") for n, k, a in KK_BAGIAN]
    opds += [Opd("Sekretariat DPRD", "dprd", "setwan", jenis="sekretariat"),
             Opd("Inspektorat", "inspektorat", "inspektorat", jenis="inspektorat")]
    opds += [Opd(n, k, a, jenis="badan") for n, k, a in KK_BADAN]
    opds += [Opd(n, k, a, jenis="dinas") for n, k, a in KK_DINAS
             if not (kind == "kota" and k in ("pmd", "perikanan"))]
    opds += [Opd("Satuan Polisi Pamong Praja", "satpol", "satpolpp", jenis="satuan"),
             Opd(rsud, "rsud", "rsud", jenis="rumah sakit")]
    opds += [Opd(f"Puskesmas {p}", "puskesmas", "pkm-" + p.lower().replace(" ", ""), induk="Dinas Kesehatan",
                 jenis="puskesmas") for p in puskesmas]
    opds += [Opd(f"Kecamatan {k}", "kecamatan", "kec-" + k.lower().replace(" ", ""), jenis="kecamatan")
             for k in kecamatan]
    return Instansi(f"Pemerintah {name}", short, kind, domain, kode, _numbered(opds, kode))


def _numbered(opds: list[Opd], kode: str) -> list[Opd]:
    return [Opd(o.name, o.kind, o.acr, o.induk, o.jenis, f"{kode}.{i:02d}") for i, o in enumerate(opds, 1)]


def sumut_instansi() -> list[Instansi]:
    return [province()] + [kabkota(*k[:7]) for k in KABKOTA]


# ---- writing -----------------------------------------------------------------------------------
def build(seed: int = SEED):
    """Everything the example holds, in memory: (sheets, csv files, placed records, instansi)."""
    rng = random.Random(seed)
    insts = sumut_instansi()
    wants = [PROV_ROWS] + [k[7] for k in KABKOTA]
    targets = ["Provinsi Sumut"] + [k[8] for k in KABKOTA]
    sheets: list[tuple[str, Instansi, list]] = []
    csvs: list[tuple[str, Instansi, list]] = []
    for inst, want, target in zip(insts, wants, targets):
        recs = instansi_records(inst, rng, quota=want, pad=False)
        (csvs if target.endswith(".csv") else sheets).append((target, inst, recs))
    return sheets, csvs, insts


def _title_rows(inst: Instansi, variant: int) -> list[str]:
    rows = [f"INVENTARIS APLIKASI SPBE {inst.name.upper()} TAHUN 2025",
            "DATA ILUSTRATIF (SINTETIS) UNTUK CONTOH SPBE-KG - BUKAN DATA RESMI PEMERINTAH DAERAH"]
    if variant:
        rows.append(f"Kode wilayah Kemendagri: {inst.kode}")
    return rows + [""]


def write_workbook(path: Path, sheets, insts: list[Instansi]) -> list[Placed]:
    wb = Workbook()
    wb.remove(wb.active)
    placed: list[Placed] = []
    bold = Font(bold=True)
    last = get_column_letter(len(LAYOUT1_HEADERS))
    for i, (title, inst, recs) in enumerate(sheets):
        ws = wb.create_sheet(title)
        titles = _title_rows(inst, i % 2)
        for r, text in enumerate(titles, 1):
            if text:
                ws.cell(r, 1, text).font = bold
                ws.merge_cells(f"A{r}:{last}{r}")
                ws.cell(r, 1).alignment = Alignment(horizontal="center")
        header_row = len(titles) + 1
        for c, h in enumerate(LAYOUT1_HEADERS, 1):
            ws.cell(header_row, c, h).font = bold
        for n, rec in enumerate(recs, 1):
            row = header_row + n
            for c, v in enumerate(to_layout1(rec, inst, n), 1):
                if v != "":
                    ws.cell(row, c, v)
            placed.append(Placed(path.name, title, row, 1, inst, rec))
        for col, width in zip("ABCDEFGHI", (5, 34, 40, 34, 14, 50, 30, 30, 36)):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws = wb.create_sheet("OPD")
    ws.append(LAYOUT4_HEADERS)
    for c in range(1, len(LAYOUT4_HEADERS) + 1):
        ws.cell(1, c).font = bold
    for inst in insts:
        for o in inst.opds:
            ws.append(to_layout4(inst, o))
    for col, width in zip("ABCDE", (40, 10, 60, 45, 14)):
        ws.column_dimensions[col].width = width
    wb.properties.creator = "spbe-kg (spbe_kg.benchmarks.example_inventory)"
    wb.properties.title = "Inventaris aplikasi SPBE Sumatera Utara - data ilustratif (sintetis)"
    wb.properties.created = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_reproducible_zip(buf.getvalue()))
    return placed


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite an xlsx with fixed entry timestamps and a fixed dcterms:modified (openpyxl stamps 'now')."""
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", body)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def write_csv(path: Path, headers: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=headers, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write_all(out: Path, seed: int = SEED) -> dict[str, int]:
    """Write every file of the example into ``out``; returns counts for the report."""
    out.mkdir(parents=True, exist_ok=True)
    sheets, csvs, insts = build(seed)
    placed = write_workbook(out / WORKBOOK, sheets, insts)
    for name, inst, recs in csvs:
        write_csv(out / name, LAYOUT2_HEADERS, [to_layout2(r, inst) for r in recs])
        placed += [Placed(name, "", n, 2, inst, r) for n, r in enumerate(recs, 2)]
    truth = truth_rows(placed)
    write_csv(out / "duplikat_kebenaran.csv", TRUTH_HEADERS, truth)
    write_csv(out / "masalah_tertanam.csv", PROBLEM_HEADERS, problem_rows(placed))
    (out / "README.md").write_text(readme(sheets, csvs, insts, placed, truth), encoding="utf-8")
    return {"aplikasi": len(placed), "opd": sum(len(i.opds) for i in insts), "pemda": len(insts)}


def readme(sheets, csvs, insts, placed, truth) -> str:
    same = sum(1 for t in truth if "satu-aplikasi" in t["jenis_duplikasi"])
    job = sum(1 for t in truth if "fungsi-sama" in t["jenis_duplikasi"])
    ph = sum(1 for p in placed if p.rec.placeholder)
    lines = [
        "# Contoh inventaris aplikasi SPBE Provinsi Sumatera Utara — DATA ILUSTRATIF (SINTETIS)",
        "",
        "**Bukan data resmi.** Semua baris aplikasi di folder ini dihasilkan oleh program",
        "(`python -m spbe_kg.benchmarks.example_inventory`, seed tetap, `make example`) untuk mencoba spbe-kg.",
        "Nama pemda dan kode wilayah Kemendagri nyata (dari daftar referensi); nama perangkat daerah mengikuti",
        "penamaan daerah yang lazim; aplikasi, URL di bawah domain pemda, tahun dan kode referensi yang",
        "diberikan kepada aplikasi adalah rekaan. Kode RAL/RAB/RAD sendiri adalah kode referensi nyata.",
        "",
        "*English: an ILLUSTRATIVE, synthetic inventory generated for spbe-kg; pemda names and codes are real,",
        "the application records are invented. It is not official data of any government.*",
        "",
        "## Berkas",
        "",
        "| berkas | lembar | tata letak | isi |",
        "|---|---|---|---|",
    ]
    for title, inst, recs in sheets:
        lines.append(f"| `{WORKBOOK}` | {title} | sensus (baris judul + sel judul digabung di atas header) | "
                     f"{len(recs)} baris aplikasi {inst.name} (kode {inst.kode}) |")
    lines.append(f"| `{WORKBOOK}` | OPD | daftar OPD (pemda, kode_opd, nama_opd, induk, jenis) | "
                 f"{sum(len(i.opds) for i in insts)} OPD dari {len(insts)} pemda; biro/bagian ber-induk Sekretariat Daerah |")
    for name, inst, recs in csvs:
        lines.append(f"| `{name}` | - | ekspor basis data (csv, UTF-8) | {len(recs)} baris aplikasi {inst.name} (kode {inst.kode}) |")
    lines += [
        "| `duplikat_kebenaran.csv` | - | kebenaran duplikasi | satu baris per baris aplikasi (lihat di bawah) |",
        "| `masalah_tertanam.csv` | - | kesalahan yang sengaja ditanam | berkas, lembar, baris, kolom, nilai, masalah |",
        "",
        f"Jumlah: {len(placed)} baris aplikasi ({ph} di antaranya baris isian kosong seperti \"tidak ada\", \"-\", \"N/A\"), "
        f"{len(insts)} pemda. Setiap berkas memuat kolom pemda, jadi `spbe load` tidak memerlukan `--instansi`:",
        "",
        "    spbe load --store data/store examples/sumut/*.xlsx examples/sumut/*.csv",
        "",
        "(kedua berkas kebenaran dilewati pemuat karena berisi kolom `berkas`/`baris`).",
        "",
        "## Kebenaran duplikasi (`duplikat_kebenaran.csv`)",
        "",
        "`baris` = nomor baris seperti terlihat di lembar kerja (csv: baris header = 1, data mulai baris 2).",
        "- `id_aplikasi`: baris dengan `id_aplikasi` yang sama adalah **satu aplikasi yang dicatat beberapa kali**",
        "  (`satu-aplikasi-banyak-pencatat`), misalnya SRIKANDI yang dicatat banyak OPD dengan nama/URL berbeda",
        "  (`nasional:srikandi`), atau SIMPEG milik BKD yang dicatat lagi oleh OPD pengguna.",
        "- `kelompok_fungsi`: baris dengan kelompok yang sama tetapi `id_aplikasi` berbeda adalah **aplikasi berbeda",
        "  dengan fungsi yang sama** di satu pemda (`aplikasi-berbeda-fungsi-sama`), misalnya e-Office (Aplikasi",
        "  Khusus) di samping SRIKANDI (Aplikasi Umum), atau dua SIM aset.",
        "- `aplikasi_nasional`: nama aplikasi nasional (sesuai `aplikasi_nasional_dipakai_pemda.csv`) bila baris itu",
        "  mencatat aplikasi nasional.",
        f"- Baris bertanda satu-aplikasi-banyak-pencatat: {same}; bertanda aplikasi-berbeda-fungsi-sama: {job}.",
        "",
        "## Yang sengaja ditanam",
        "",
        "Varian nama dan URL aplikasi nasional (Srikandi/SRIKANDI/srikandi.arsip.go.id, SIPD/SIPD RI, SIASN/MyASN,",
        "LAPOR!/SP4N-LAPOR!, LPSE/SPSE, e-Katalog/INAPROC), teks jenis yang longgar (\"Aplikasi Pusat/Umum\", \"umum\",",
        "\"Khusus\"), aplikasi tidak aktif dengan dan tanpa alasan, kode RAL kosong/salah format/tidak ada di referensi,",
        "kode tingkat 4 instansi di bawah kode tingkat 3 yang nyata (sebagian dengan induk yang tidak ada), dan",
        "baris isian kosong. Daftar lengkapnya ada di `masalah_tertanam.csv`. Beberapa aplikasi yang berbeda",
        "diterbitkan di host platform bersama (play.google.com, sites.google.com): host yang sama di sana bukan",
        "bukti duplikasi (ditandai di kolom `catatan`).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m spbe_kg.benchmarks.example_inventory", description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    counts = write_all(args.out, args.seed)
    print(f"{args.out}: {counts['aplikasi']} baris aplikasi, {counts['opd']} OPD, {counts['pemda']} pemda")
    return 0


if __name__ == "__main__":
    sys.exit(main())
