"""National-scale SYNTHETIC application inventory for the benchmarks (database-export csv, layout 2).

``python -m spbe_kg.benchmarks.generate --apps 27000 -o DIR [--seed 7] [--truth] [--split provinsi] [--xlsx N]``

38 provinces (real names), 514 kabupaten/kota (Sumatera Utara's 33 real, the others named
"Kabupaten Sintetis <Provinsi> NN" / "Kota Sintetis ..."), ~600 central agencies (a few real
ministries and agencies, the rest "Kementerian/Lembaga Sintetis NNN"), and ``--apps`` application
rows with the overlaps of real inventories: re-recorded SIMPEG/e-Office/SIM Aset, national applications
under name and URL variants, e-Office next to SRIKANDI, placeholder rows, wrong codes. Everything is
drawn from the same catalogue as the bundled Sumatera Utara example; the same seed gives the same bytes.

>>> rows = generate_rows(300, seed=1)
>>> len(rows), sorted(rows[0]) == sorted(LAYOUT2_HEADERS)
(300, True)
>>> rows == generate_rows(300, seed=1)
True
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from spbe_kg.benchmarks.common import Instansi, Opd, instansi_records
from spbe_kg.benchmarks.example_inventory import KK_BADAN, KK_BAGIAN, KK_DINAS, write_workbook
from spbe_kg.benchmarks.layouts import LAYOUT2_HEADERS, TRUTH_HEADERS, Placed, to_layout2, truth_rows
from spbe_kg.ontology.iris import slug

DEFAULT_SEED = 7
NATIONAL_APPS = 27_000
ROWS_PER_WEIGHT = 26.5  # rows per unit of instansi weight at national scale

# (province, kabupaten count, kota count); DKI Jakarta's 1 + 5 are administrative regions.
PROVINCES = (
    ("Aceh", 18, 5), ("Sumatera Utara", 25, 8), ("Sumatera Barat", 12, 7), ("Riau", 10, 2), ("Jambi", 9, 2),
    ("Sumatera Selatan", 13, 4), ("Bengkulu", 9, 1), ("Lampung", 13, 2), ("Kepulauan Bangka Belitung", 6, 1),
    ("Kepulauan Riau", 5, 2), ("DKI Jakarta", 1, 5), ("Jawa Barat", 18, 9), ("Jawa Tengah", 29, 6),
    ("Daerah Istimewa Yogyakarta", 4, 1), ("Jawa Timur", 29, 9), ("Banten", 4, 4), ("Bali", 8, 1),
    ("Nusa Tenggara Barat", 8, 2), ("Nusa Tenggara Timur", 21, 1), ("Kalimantan Barat", 12, 2),
    ("Kalimantan Tengah", 13, 1), ("Kalimantan Selatan", 11, 2), ("Kalimantan Timur", 7, 3), ("Kalimantan Utara", 4, 1),
    ("Sulawesi Utara", 11, 4), ("Sulawesi Tengah", 12, 1), ("Sulawesi Selatan", 21, 3), ("Sulawesi Tenggara", 15, 2),
    ("Gorontalo", 5, 1), ("Sulawesi Barat", 6, 0), ("Maluku", 9, 2), ("Maluku Utara", 8, 2), ("Papua", 8, 1),
    ("Papua Barat", 7, 0), ("Papua Selatan", 4, 0), ("Papua Tengah", 8, 0), ("Papua Pegunungan", 8, 0),
    ("Papua Barat Daya", 5, 1),
)
# Sumatera Utara's real kabupaten/kota (sumut_kabupaten_kota.csv)
SUMUT_KABKOTA = (
    ("1201", "Kabupaten Nias"), ("1202", "Kabupaten Mandailing Natal"), ("1203", "Kabupaten Tapanuli Selatan"),
    ("1204", "Kabupaten Tapanuli Tengah"), ("1205", "Kabupaten Tapanuli Utara"), ("1206", "Kabupaten Toba"),
    ("1207", "Kabupaten Labuhanbatu"), ("1208", "Kabupaten Asahan"), ("1209", "Kabupaten Simalungun"),
    ("1210", "Kabupaten Dairi"), ("1211", "Kabupaten Karo"), ("1212", "Kabupaten Deli Serdang"),
    ("1213", "Kabupaten Langkat"), ("1214", "Kabupaten Nias Selatan"), ("1215", "Kabupaten Humbang Hasundutan"),
    ("1216", "Kabupaten Pakpak Bharat"), ("1217", "Kabupaten Samosir"), ("1218", "Kabupaten Serdang Bedagai"),
    ("1219", "Kabupaten Batu Bara"), ("1220", "Kabupaten Padang Lawas Utara"), ("1221", "Kabupaten Padang Lawas"),
    ("1222", "Kabupaten Labuhanbatu Selatan"), ("1223", "Kabupaten Labuhanbatu Utara"), ("1224", "Kabupaten Nias Utara"),
    ("1225", "Kabupaten Nias Barat"), ("1271", "Kota Sibolga"), ("1272", "Kota Tanjungbalai"),
    ("1273", "Kota Pematangsiantar"), ("1274", "Kota Tebing Tinggi"), ("1275", "Kota Medan"), ("1276", "Kota Binjai"),
    ("1277", "Kota Padangsidimpuan"), ("1278", "Kota Gunungsitoli"),
)
CENTRAL_AGENCIES = 600
REAL_AGENCIES = (  # (name, short, domain)
    ("Kementerian Dalam Negeri", "Kemendagri", "kemendagri.go.id"), ("Kementerian Keuangan", "Kemenkeu", "kemenkeu.go.id"),
    ("Kementerian Kesehatan", "Kemenkes", "kemkes.go.id"), ("Kementerian Sosial", "Kemensos", "kemensos.go.id"),
    ("Kementerian Perdagangan", "Kemendag", "kemendag.go.id"),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "KemenPANRB", "menpan.go.id"),
    ("Kementerian Komunikasi dan Digital", "Komdigi", "komdigi.go.id"), ("Badan Kepegawaian Negara", "BKN", "bkn.go.id"),
    ("Arsip Nasional Republik Indonesia", "ANRI", "anri.go.id"),
    ("Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "LKPP", "lkpp.go.id"),
    ("Badan Pusat Statistik", "BPS", "bps.go.id"), ("Komisi Pemberantasan Korupsi", "KPK", "kpk.go.id"),
    ("Badan Siber dan Sandi Negara", "BSSN", "bssn.go.id"), ("Ombudsman Republik Indonesia", "Ombudsman", "ombudsman.go.id"),
)
KL_UNITS = (  # (name, kind, acr, jenis, under the Sekretariat Jenderal)
    ("Sekretariat Jenderal", "setda", "setjen", "sekretariat", False),
    ("Biro Sumber Daya Manusia", "bkd", "sdm", "biro", True),
    ("Biro Keuangan dan Barang Milik Negara", "bpkad", "keuangan", "biro", True),
    ("Biro Perencanaan", "bappeda", "perencanaan", "biro", True), ("Biro Umum", "bag_umum", "umum", "biro", True),
    ("Biro Hukum", "bag_hukum", "hukum", "biro", True),
    ("Biro Organisasi dan Tata Laksana", "bag_organisasi", "ortala", "biro", True),
    ("Biro Pengadaan", "bag_pbj", "pengadaan", "biro", True), ("Biro Hubungan Masyarakat", "", "humas", "biro", True),
    ("Pusat Data dan Informasi", "kominfo", "pusdatin", "pusat", False),
    ("Pusat Pendidikan dan Pelatihan", "bpsdm", "pusdiklat", "pusat", False),
    ("Inspektorat Jenderal", "inspektorat", "itjen", "inspektorat", False),
    ("Direktorat Jenderal Pelayanan", "", "ditjen1", "direktorat jenderal", False),
    ("Direktorat Jenderal Pembinaan", "", "ditjen2", "direktorat jenderal", False),
)


def _compact(text: str) -> str:
    return slug(text).replace("-", "")


def _with_codes(opds: list[Opd], kode: str) -> list[Opd]:
    return [Opd(o.name, o.kind, o.acr, o.induk, o.jenis, f"{kode}.{i:02d}") for i, o in enumerate(opds, 1)]


def pemda_opds(kind: str) -> list[Opd]:
    """A regular set of OPD for a province (biro under the Setda) or a kabupaten/kota (bagian)."""
    setda = "Sekretariat Daerah"
    unit, jenis = ("Biro", "biro") if kind == "prov" else ("Bagian", "bagian")
    opds = [Opd(setda, "setda", "setda", jenis="sekretariat")]
    opds += [Opd(n.replace("Bagian", unit), k, a, induk=setda, jenis=jenis) for n, k, a in KK_BAGIAN]
    opds += [Opd("Sekretariat DPRD", "dprd", "setwan", jenis="sekretariat"),
             Opd("Inspektorat", "inspektorat", "inspektorat", jenis="inspektorat")]
    opds += [Opd(n, k, a, jenis="badan") for n, k, a in KK_BADAN]
    opds += [Opd(n, k, a, jenis="dinas") for n, k, a in KK_DINAS
             if not (kind == "kota" and k in ("pmd", "perikanan")) and not (kind == "prov" and k == "dukcapil")]
    opds += [Opd("Satuan Polisi Pamong Praja", "satpol", "satpolpp", jenis="satuan"),
             Opd("Rumah Sakit Umum Daerah", "rsud", "rsud", jenis="rumah sakit")]
    if kind == "prov":
        opds.append(Opd("UPT Pengelolaan Pendapatan Daerah Wilayah I", "upt", "upt1", induk="Badan Pendapatan Daerah",
                        jenis="upt"))
    else:
        opds += [Opd(f"Puskesmas Sintetis {i}", "puskesmas", f"pkm{i}", induk="Dinas Kesehatan", jenis="puskesmas")
                 for i in (1, 2)]
        opds += [Opd(f"Kecamatan Sintetis {i}", "kecamatan", f"kec{i}", jenis="kecamatan") for i in (1, 2, 3)]
    return opds


def all_instansi() -> list[tuple[Instansi, float]]:
    """Every instansi with its weight (share of the applications), in a fixed order."""
    out: list[tuple[Instansi, float]] = []
    for pi, (prov, n_kab, n_kota) in enumerate(PROVINCES, 1):
        pk = f"{pi:02d}"
        out.append((Instansi(f"Pemerintah Provinsi {prov}", prov, "prov", f"{_compact(prov)}prov.go.id", pk,
                             _with_codes(pemda_opds("prov"), pk)), 3.0))
        if prov == "Sumatera Utara":
            regions = [(k, n) for k, n in SUMUT_KABKOTA]
        else:
            regions = [(f"{pk}{i:02d}", f"Kabupaten Sintetis {prov} {i:02d}") for i in range(1, n_kab + 1)]
            regions += [(f"{pk}{70 + i:02d}", f"Kota Sintetis {prov} {i:02d}") for i in range(1, n_kota + 1)]
        for kode, name in regions:
            kind = "kota" if name.startswith("Kota") else "kab"
            short = name.split(" ", 1)[1]
            dom = f"{_compact(short)}{'kota' if kind == 'kota' else 'kab'}.go.id"
            out.append((Instansi(f"Pemerintah {name}", short, kind, dom, kode, _with_codes(pemda_opds(kind), kode)),
                        1.3 if kind == "kota" else 1.0))
    rng = random.Random(12345)  # fixed: the agency weights do not depend on the run's seed
    for i in range(CENTRAL_AGENCIES):
        if i < len(REAL_AGENCIES):
            name, short, dom = REAL_AGENCIES[i]
            w = 3.0
        else:
            name, short, dom = (f"Kementerian/Lembaga Sintetis {i + 1:03d}", f"KL{i + 1:03d}", f"klsintetis{i + 1:03d}.go.id")
            w = min(4.0, rng.lognormvariate(-0.7, 0.8))
        setjen = "Sekretariat Jenderal"
        opds = [Opd(n, k, a, induk=setjen if under else "", jenis=j) for n, k, a, j, under in KL_UNITS]
        out.append((Instansi(name, short, "kl", dom, f"KL{i + 1:03d}", _with_codes(opds, f"KL{i + 1:03d}")), w))
    return out


def _allocate(n: int, seed: int) -> list[tuple[Instansi, int]]:
    """Pick instansi (all at national scale, a seeded subset for small n) and share n rows among them."""
    everything = all_instansi()
    total_w = sum(w for _, w in everything)
    if n >= ROWS_PER_WEIGHT * total_w * 0.8:
        chosen = everything
    else:
        order = list(range(len(everything)))
        random.Random(seed).shuffle(order)
        chosen, acc = [], 0.0
        for i in order:
            if acc * ROWS_PER_WEIGHT >= n:
                break
            chosen.append(everything[i])
            acc += everything[i][1]
        chosen.sort(key=lambda iw: everything.index(iw))
    w_sum = sum(w for _, w in chosen)
    raw = [n * w / w_sum for _, w in chosen]
    quotas = [math.floor(r) for r in raw]
    by_rest = sorted(range(len(raw)), key=lambda i: (quotas[i] - raw[i], i))
    for i in by_rest[: n - sum(quotas)]:
        quotas[i] += 1
    return [(inst, q) for (inst, _), q in zip(chosen, quotas) if q > 0]


@dataclass
class Generated:
    rows: list[dict[str, str]]  # layout-2 rows, in file order
    placed: list[Placed]  # the same rows with their ground truth (berkas = file name, baris = csv line)
    instansi: list[Instansi]


def generate(n: int = NATIONAL_APPS, seed: int = DEFAULT_SEED, file_name: str = "inventaris.csv") -> Generated:
    """``n`` application rows (exactly) with their ground truth."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    placed: list[Placed] = []
    insts = []
    for inst, quota in _allocate(n, seed):
        insts.append(inst)
        for rec in instansi_records(inst, rng, quota=quota, n_placeholders=(0, 2)):
            rows.append(to_layout2(rec, inst))
            placed.append(Placed(file_name, "", len(rows) + 1, 2, inst, rec))
    return Generated(rows, placed, insts)


def generate_rows(n: int, seed: int = DEFAULT_SEED) -> list[dict[str, str]]:
    """``n`` layout-2 rows (dicts keyed by LAYOUT2_HEADERS), deterministic for a seed."""
    return generate(n, seed).rows


def _write(path: Path, headers: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=headers, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write(out: Path, n: int, seed: int, truth: bool = False, split: str = "none", xlsx: int = 0) -> list[Path]:
    """Write the inventory (one csv, or one per province plus one for central agencies).

    ``xlsx`` > 0 also writes the first ``xlsx`` rows as a census workbook (layout 1, one sheet per
    instansi, plus the OPD sheet in layout 4).
    """
    out.mkdir(parents=True, exist_ok=True)
    g = generate(n, seed, file_name=f"inventaris_sintetis_{n}.csv")
    if split == "none":
        files = {g.placed[0].berkas if g.placed else f"inventaris_sintetis_{n}.csv": list(range(len(g.rows)))}
    else:
        files = {}
        for i, p in enumerate(g.placed):
            code = p.inst.kode[:2] if p.inst.kind != "kl" else "kl"
            files.setdefault(f"inventaris_sintetis_{code}.csv", []).append(i)
    written = []
    truth_placed: list[Placed] = []
    for name, idx in files.items():
        _write(out / name, LAYOUT2_HEADERS, [g.rows[i] for i in idx])
        written.append(out / name)
        truth_placed += [Placed(name, "", line, 2, g.placed[i].inst, g.placed[i].rec) for line, i in enumerate(idx, 2)]
    if truth:
        _write(out / "kebenaran_duplikasi.csv", TRUTH_HEADERS, truth_rows(truth_placed))
        written.append(out / "kebenaran_duplikasi.csv")
    if xlsx > 0:
        sheets: list[tuple[str, Instansi, list]] = []
        for p in g.placed[:xlsx]:
            if not sheets or sheets[-1][1] is not p.inst:
                sheets.append((f"{len(sheets) + 1:02d} {p.inst.short}"[:31], p.inst, []))
            sheets[-1][2].append(p.rec)
        path = out / f"inventaris_sintetis_{min(xlsx, n)}_sensus.xlsx"
        write_workbook(path, sheets, [s[1] for s in sheets])
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m spbe_kg.benchmarks.generate", description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=NATIONAL_APPS, help="number of application rows (default 27000)")
    ap.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--truth", action="store_true", help="also write kebenaran_duplikasi.csv (ground truth)")
    ap.add_argument("--split", choices=("none", "provinsi"), default="none",
                    help="one csv, or one per province plus one for central agencies")
    ap.add_argument("--xlsx", type=int, default=0, metavar="N",
                    help="also write the first N rows as a census workbook (layout 1 + OPD sheet)")
    args = ap.parse_args(argv)
    if args.apps < 1:
        print("--apps harus >= 1 / --apps must be >= 1", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    files = write(args.out, args.apps, args.seed, args.truth, args.split, args.xlsx)
    print(f"{args.apps} baris aplikasi sintetis -> {len(files)} berkas di {args.out} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
