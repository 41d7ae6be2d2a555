"""The national-scale synthetic generator: exact sizes, fixed columns, deterministic, real overlaps."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter

from spbe_kg.benchmarks import generate as gen
from spbe_kg.benchmarks.layouts import LAYOUT2_HEADERS, TRUTH_HEADERS
from spbe_kg.ontology.build_codelists import SOURCES_DIR


def _read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_generate_rows_gives_exactly_n_rows_with_the_layout2_columns():
    for n in (1, 37, 500):
        rows = gen.generate_rows(n, seed=3)
        assert len(rows) == n
        assert all(list(r) == LAYOUT2_HEADERS for r in rows)


def test_same_seed_same_rows_other_seed_other_rows():
    a, b, c = gen.generate_rows(500, seed=11), gen.generate_rows(500, seed=11), gen.generate_rows(500, seed=12)
    assert a == b and a != c


def test_cli_writes_the_csv_and_truth_deterministically(tmp_path):
    outs = []
    for d in ("a", "b"):
        cmd = [sys.executable, "-m", "spbe_kg.benchmarks.generate", "--apps", "500", "-o", str(tmp_path / d), "--truth"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        outs.append(tmp_path / d)
    for name in ("inventaris_sintetis_500.csv", "kebenaran_duplikasi.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()
    rows = _read(outs[0] / "inventaris_sintetis_500.csv")
    truth = _read(outs[0] / "kebenaran_duplikasi.csv")
    assert len(rows) == len(truth) == 500 and list(truth[0]) == TRUTH_HEADERS
    for i, (r, t) in enumerate(zip(rows, truth), 2):
        assert int(t["baris"]) == i and t["nama_aplikasi"] == r["nama_aplikasi"] and t["pemda"] == r["pemda"]


def test_cli_split_per_province_keeps_every_row(tmp_path):
    assert gen.main(["--apps", "800", "-o", str(tmp_path), "--split", "provinsi", "--truth"]) == 0
    files = sorted(p for p in tmp_path.glob("inventaris_sintetis_*.csv"))
    assert len(files) > 1
    assert sum(len(_read(p)) for p in files) == 800
    truth = _read(tmp_path / "kebenaran_duplikasi.csv")
    assert {t["berkas"] for t in truth} == {p.name for p in files}


def test_cli_rejects_a_nonpositive_size(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.generate", "--apps", "0", "-o", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--apps" in proc.stderr


def test_national_composition():
    insts = [i for i, _ in gen.all_instansi()]
    kinds = Counter(i.kind for i in insts)
    assert kinds["prov"] == 38 and kinds["kab"] + kinds["kota"] == 514 and kinds["kl"] == gen.CENTRAL_AGENCIES
    assert kinds["kab"] == 416 and kinds["kota"] == 98
    assert len({i.name for i in insts}) == len(insts)
    assert "Pemerintah Provinsi Papua Barat Daya" in {i.name for i in insts}
    synthetic = [i for i in insts if i.kind in ("kab", "kota") and not i.kode.startswith("12")]
    assert all("Sintetis" in i.name for i in synthetic)  # only Sumatera Utara's are real names


def test_sumut_kabupaten_kota_are_the_real_ones():
    ref = {(r["kode_wilayah"], r["nama"]) for r in _read(SOURCES_DIR / "sumut_kabupaten_kota.csv")
           if r["jenis"] != "provinsi"}
    assert set(gen.SUMUT_KABKOTA) == ref


def test_small_inventory_still_has_the_overlaps_duplicate_detection_needs():
    g = gen.generate(1500, seed=5)
    from spbe_kg.benchmarks.layouts import truth_rows

    truth = truth_rows(g.placed)
    kinds = Counter(k for t in truth for k in t["jenis_duplikasi"].split(";") if k)
    assert kinds["satu-aplikasi-banyak-pencatat"] > 150 and kinds["aplikasi-berbeda-fungsi-sama"] > 50
    nas = Counter(t["aplikasi_nasional"] for t in truth if t["aplikasi_nasional"])
    assert nas["SRIKANDI"] >= 20
    srikandi_names = {t["nama_aplikasi"] for t in truth if t["aplikasi_nasional"] == "SRIKANDI"}
    assert len(srikandi_names) >= 4
    hosts = Counter(r["url"].split("://")[-1].split("/")[0] for r in g.rows if r["url"].startswith("http"))
    assert hosts["srikandi.arsip.go.id"] >= 10  # a shared host
    assert sum(1 for r in g.rows if r["nama_aplikasi"] in ("tidak ada", "-", "N/A", "")) >= 5
    assert len({r["pemda"] for r in g.rows}) >= 40
