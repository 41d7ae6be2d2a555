"""The bundled Sumatera Utara example: reproducible, complete, and its ground truth points at real cells."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook

from spbe_kg.benchmarks import example_inventory as ex
from spbe_kg.benchmarks.catalogue import FUNCS, NATIONAL
from spbe_kg.benchmarks.layouts import LAYOUT1_HEADERS, LAYOUT2_HEADERS, LAYOUT4_HEADERS
from spbe_kg.ontology.build_codelists import SOURCES_DIR
from tests.support import ROOT, require_shared

COMMITTED = ROOT / "examples" / "sumut"
CSV_FILES = ("aplikasi_kab_simalungun.csv", "aplikasi_kota_pematangsiantar.csv", "duplikat_kebenaran.csv",
             "masalah_tertanam.csv", "README.md")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sumut")
    ex.main(["-o", str(out)])
    return out


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _sheet_cells(path: Path) -> dict[str, tuple[list[tuple], list[str]]]:
    wb = load_workbook(path)
    return {ws.title: ([tuple(r) for r in ws.iter_rows(values_only=True)], sorted(str(m) for m in ws.merged_cells.ranges))
            for ws in wb.worksheets}


@pytest.fixture(scope="module")
def app_rows() -> dict[tuple[str, str, int], dict[str, object]]:
    """Every application row of the committed example keyed by (file, sheet, row), as header -> value."""
    rows: dict[tuple[str, str, int], dict[str, object]] = {}
    wb = load_workbook(COMMITTED / ex.WORKBOOK, read_only=True)
    for ws in wb.worksheets:
        if ws.title == "OPD":
            continue
        values = list(ws.iter_rows(values_only=True))
        hdr = next(i for i, r in enumerate(values) if r and r[0] == "No")
        assert list(values[hdr]) == LAYOUT1_HEADERS
        for i, r in enumerate(values[hdr + 1:], hdr + 2):
            rows[(ex.WORKBOOK, ws.title, i)] = dict(zip(LAYOUT1_HEADERS, r))
    for name in CSV_FILES[:2]:
        for i, r in enumerate(_read_csv(COMMITTED / name), 2):
            rows[(name, "", i)] = r
    return rows


def _name(row: dict) -> str:
    return str(row.get("Nama Aplikasi", row.get("nama_aplikasi")) or "")


def _opd(row: dict) -> str:
    return str(row.get("Nama Perangkat Daerah", row.get("opd_pengelola")) or "")


def _pemda(row: dict) -> str:
    return str(row.get("Nama Pemda", row.get("pemda")) or "")


def test_csv_and_readme_are_byte_identical_to_the_committed_files(fresh):
    for name in CSV_FILES:
        assert (fresh / name).read_bytes() == (COMMITTED / name).read_bytes(), f"{name} differs: run `make example`"


def test_workbook_cells_and_merges_equal_the_committed_workbook(fresh):
    assert _sheet_cells(fresh / ex.WORKBOOK) == _sheet_cells(COMMITTED / ex.WORKBOOK)


def test_workbook_bytes_are_reproducible(fresh, tmp_path):
    ex.main(["-o", str(tmp_path)])
    assert (tmp_path / ex.WORKBOOK).read_bytes() == (fresh / ex.WORKBOOK).read_bytes()
    wb = load_workbook(tmp_path / ex.WORKBOOK)
    assert wb.properties.modified == ex.FIXED_TIME and wb.properties.created == ex.FIXED_TIME


def test_example_is_small_and_labelled_synthetic():
    total = sum(p.stat().st_size for p in COMMITTED.iterdir())
    assert total < 200 * 1024
    readme = (COMMITTED / "README.md").read_text(encoding="utf-8")
    assert "ILUSTRATIF (SINTETIS)" in readme and "Bukan data resmi" in readme
    wb = load_workbook(COMMITTED / ex.WORKBOOK, read_only=True)
    for ws in wb.worksheets:
        if ws.title != "OPD":
            assert "SINTETIS" in str(next(ws.iter_rows(min_row=2, max_row=2, values_only=True))[0])


def test_counts_headers_and_every_file_names_its_pemda(app_rows):
    assert len(app_rows) >= 300
    pemdas = {_pemda(r) for r in app_rows.values()}
    assert all(pemdas) and len(pemdas) >= 6  # the province and at least five kabupaten/kota
    assert sum(1 for p in pemdas if "Kabupaten" in p or "Kota" in p) >= 5
    for name in CSV_FILES[:2]:
        assert (COMMITTED / name).read_text(encoding="utf-8").splitlines()[0] == ",".join(LAYOUT2_HEADERS)


def test_pemda_names_and_codes_come_from_the_reference_list():
    ref = {r["nama"]: r["kode_wilayah"] for r in _read_csv(SOURCES_DIR / "sumut_kabupaten_kota.csv")}
    insts = ex.sumut_instansi()
    assert len(insts) >= 6
    for inst in insts:
        name = inst.name.removeprefix("Pemerintah ")
        assert ref.get(name) == inst.kode, f"{name} / {inst.kode} not in sumut_kabupaten_kota.csv"


def test_opd_sheet_holds_the_hierarchy_and_every_opd_used(app_rows):
    wb = load_workbook(COMMITTED / ex.WORKBOOK, read_only=True)
    rows = list(wb["OPD"].iter_rows(values_only=True))
    assert list(rows[0]) == LAYOUT4_HEADERS
    opds = defaultdict(set)
    for pemda, _kode, nama, _induk, _jenis in rows[1:]:
        opds[pemda].add(nama)
    for pemda, _kode, nama, induk, _jenis in rows[1:]:
        if induk:
            assert induk in opds[pemda], f"parent {induk!r} of {nama!r} missing"
    prov = [r for r in rows[1:] if r[0] == "Pemerintah Provinsi Sumatera Utara"]
    assert sum(1 for r in prov if r[4] == "dinas") == 21 and sum(1 for r in prov if r[4] == "badan") == 8
    assert sum(1 for r in prov if r[4] == "biro" and r[3] == "Sekretariat Daerah Provinsi Sumatera Utara") == 9
    assert "Dinas Komunikasi dan Informatika Provinsi Sumatera Utara" in opds["Pemerintah Provinsi Sumatera Utara"]
    for key, r in app_rows.items():
        assert _opd(r) in opds[_pemda(r)], f"{key}: OPD {_opd(r)!r} not in the OPD sheet"


def test_ground_truth_covers_every_row_and_points_at_it(app_rows):
    truth = _read_csv(COMMITTED / "duplikat_kebenaran.csv")
    keys = [(t["berkas"], t["lembar"], int(t["baris"])) for t in truth]
    assert sorted(keys) == sorted(app_rows)
    for t, key in zip(truth, keys):
        row = app_rows[key]
        assert _name(row) == t["nama_aplikasi"] and _opd(row) == t["opd"] and _pemda(row) == t["pemda"], key
    same = defaultdict(list)
    for t in truth:
        if "satu-aplikasi-banyak-pencatat" in t["jenis_duplikasi"]:
            same[t["id_aplikasi"]].append(t)
    assert all(len(v) > 1 for v in same.values()) and len(same) >= 15
    groups = defaultdict(set)
    for t in truth:
        for g in filter(None, t["kelompok_fungsi"].split(";")):
            groups[g].add(t["id_aplikasi"])
    assert groups and all(len(ids) > 1 for ids in groups.values())


def test_the_overlaps_real_inventories_have_are_planted():
    truth = _read_csv(COMMITTED / "duplikat_kebenaran.csv")
    names = defaultdict(set)
    urls = defaultdict(set)
    for t in truth:
        names[t["aplikasi_nasional"]].add(t["nama_aplikasi"])
        urls[t["aplikasi_nasional"]].add(t["url"])
    assert {"SRIKANDI", "Srikandi", "srikandi.arsip.go.id"} <= names["SRIKANDI"]
    assert {"SIPD", "SIPD RI"} <= names["SIPD / SIPD-RI"]
    assert {"SIASN", "MyASN"} <= names["SIASN / MyASN"]
    assert {"LAPOR!", "SP4N-LAPOR!"} <= names["SP4N-LAPOR!"]
    assert any(n.startswith("LPSE") for n in names["SPSE"]) and "SPSE" in names["SPSE"]
    assert "e-Katalog" in names["E-Katalog / INAPROC"]
    assert any("inaproc" in v.lower() for v in names["E-Katalog / INAPROC"] | urls["E-Katalog / INAPROC"])
    # an Aplikasi Khusus e-Office next to SRIKANDI in the same pemda
    office = {t["pemda"] for t in truth if "e-office" in t["nama_aplikasi"].lower().replace("eoffice", "e-office")}
    srikandi = {t["pemda"] for t in truth if t["aplikasi_nasional"] == "SRIKANDI"}
    assert office & srikandi
    # several SIMPEG-like applications in one pemda, different applications
    simpeg = defaultdict(set)
    for t in truth:
        if "simpeg" in t["nama_aplikasi"].lower():
            simpeg[t["pemda"]].add(t["id_aplikasi"])
    assert max(len(v) for v in simpeg.values()) >= 2
    placeholders = {t["nama_aplikasi"] for t in truth if t["catatan"] == "baris isian kosong"}
    assert {"tidak ada", "-", "N/A", ""} <= placeholders
    assert any(t["url"] == "https://tidakada.invalid" for t in truth)
    # unrelated applications on a shared platform host (play.google.com, sites.google.com): not duplicates
    platform = [t for t in truth if t["catatan"].startswith("URL di host platform bersama")]
    assert len(platform) >= 4 and any("sites.google.com" in t["url"] for t in platform)
    assert all("satu-aplikasi" not in t["jenis_duplikasi"] for t in platform)


def test_planted_mistakes_are_listed_and_point_at_their_cells(app_rows):
    problems = _read_csv(COMMITTED / "masalah_tertanam.csv")
    kinds = {p["masalah"] for p in problems}
    for expected in ("kode RAL kosong", "kode tingkat 4 dengan induk yang tidak ada di referensi",
                     "tidak aktif tanpa alasan", "baris isian kosong (tidak ada aplikasi)"):
        assert expected in kinds
    for p in problems:
        row = app_rows[(p["berkas"], p["lembar"], int(p["baris"]))]
        assert str(row[p["kolom"]] or "") == p["nilai"], p
    inactive = [r for r in app_rows.values() if str(r.get("Status", r.get("status")) or "").lower() in
                ("tidak aktif", "non aktif")]
    assert any(r.get("Alasan Tidak Aktif", r.get("penyebab_tidak_aktif")) for r in inactive)
    assert any(not r.get("Alasan Tidak Aktif", r.get("penyebab_tidak_aktif")) for r in inactive)


def _ref(name: str) -> dict[str, dict[str, str]]:
    return {r["kode"]: r for r in _read_csv(SOURCES_DIR / name)}


def test_codes_in_the_example_are_real_or_listed_as_planted_mistakes(app_rows):
    ral, rab = _ref("spbe_ral_l1-l3.csv"), _ref("spbe_rab_l1-l3.csv")
    planted = {(p["berkas"], p["lembar"], int(p["baris"]), p["kolom"]) for p in _read_csv(COMMITTED / "masalah_tertanam.csv")}
    level4 = 0
    for key, r in app_rows.items():
        for col, known in (("Kode RAL", ral), ("kode_ral", ral), ("Kode RAB", rab), ("kode_rab", rab)):
            code = str(r.get(col) or "")
            if not code or (*key, col) in planted:
                continue
            if code.count(".") == 4:  # agency-level code: its level-3 parent must be real
                level4 += 1
                code = code.rsplit(".", 1)[0]
            assert code in known, f"{key} {col}={r.get(col)!r} is neither real nor a listed mistake"
    assert level4 >= 3


def test_catalogue_codes_are_real_level3_codes_with_their_rab_twin():
    ral, rab, rad = _ref("spbe_ral_l1-l3.csv"), _ref("spbe_rab_l1-l3.csv"), _ref("spbe_rad_l1-l2.csv")
    for f in FUNCS.values():
        assert ral[f.ral]["level"] == "3" and ral[f.ral]["kode_rab_padanan"] == f.rab, f.key
        assert rab[f.rab]["level"] == "3" and rad[f.rad]["level"] == "2", f.key


def test_national_applications_match_the_reference_list():
    ref = {r["nama"]: r for r in _read_csv(SOURCES_DIR / "aplikasi_nasional_dipakai_pemda.csv")}
    # hosts not in the reference list but seen for that application in the real Madiun census
    madiun = require_shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv").read_text(encoding="utf-8")
    seen_in_madiun = {"asndigital.bkn.go.id"}
    assert all(h in madiun for h in seen_in_madiun)
    for spec in NATIONAL:
        assert spec.nama in ref, spec.nama
        for u in spec.urls:
            if u.startswith("http") and "{" not in u:
                host = u.split("://", 1)[1].split("/", 1)[0]
                assert host in ref[spec.nama]["url"] or host in seen_in_madiun, (spec.nama, host)
